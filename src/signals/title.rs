//! Job title -> seniority and department, from keyword tables that work on real, messy titles
//! ("Sr. Dir. of RevOps", "Head of Growth", "CEO & Co-founder", "VP, Sales", "Chief Revenue Officer").
//!
//! Languages: English fully; the most common German, French and Spanish title words too
//! (Geschäftsführer, Leiter, Vertrieb; PDG, directeur, commercial; gerente, director general, ventas).
//!
//! How it works: the title is lower-cased and split on anything that is not a letter or digit. Each
//! adjacent word pair is looked up in [`PAIRS`] ("vice president", "head of", "account executive"); a
//! matched pair consumes both words. Remaining words are looked up in [`WORDS`]. Both tables are found
//! by hash (`hash_index`); they are kept sorted so that duplicates show and diffs stay readable. Seniority is the highest level found, after modifiers ("assistant director" is
//! one level below director; "executive assistant", "assistant to" are individual contributors; interns
//! and trainees are students whatever else the title says). Department is the matched entry with the
//! lowest priority number: specific phrases first, then functions, the executive catch-all last, so
//! "Founder & Head of Product" is product while "CEO & Co-founder" is executive.

/// Seniority levels, highest first, as the values of `title.seniority`.
pub const SENIORITIES: &[&str] = &["c_level", "vp", "director", "manager", "individual", "student", "unknown"];
/// Departments, the values of `title.department`.
pub const DEPARTMENTS: &[&str] =
    &["executive", "sales", "marketing", "engineering", "it", "finance", "hr", "operations", "product", "other"];

/// Seniority of a title.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Seniority {
    /// Unrecognised title.
    Unknown,
    /// Student, intern, trainee, apprentice.
    Student,
    /// Individual contributor.
    Individual,
    /// Manager, team lead.
    Manager,
    /// Director.
    Director,
    /// Vice president, head of.
    Vp,
    /// Chief officers, founders, owners, presidents, managing directors.
    CLevel,
}

impl Seniority {
    /// The `title.seniority` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Seniority::CLevel => "c_level",
            Seniority::Vp => "vp",
            Seniority::Director => "director",
            Seniority::Manager => "manager",
            Seniority::Individual => "individual",
            Seniority::Student => "student",
            Seniority::Unknown => "unknown",
        }
    }
    /// Its position in [`SENIORITIES`]: a condition on `title.seniority` is decided per value when
    /// the model is compiled, and looked up by this.
    pub fn index(self) -> usize {
        match self {
            Seniority::CLevel => 0,
            Seniority::Vp => 1,
            Seniority::Director => 2,
            Seniority::Manager => 3,
            Seniority::Individual => 4,
            Seniority::Student => 5,
            Seniority::Unknown => 6,
        }
    }
    fn lower(self) -> Seniority {
        match self {
            Seniority::CLevel => Seniority::Vp,
            Seniority::Vp => Seniority::Director,
            Seniority::Director => Seniority::Manager,
            Seniority::Manager | Seniority::Individual => Seniority::Individual,
            other => other,
        }
    }
}

/// Department of a title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Department {
    /// General management: CEO, founder, owner, managing director.
    Executive,
    /// Sales, business development, customer success, partnerships.
    Sales,
    /// Marketing, growth, brand, content, communications.
    Marketing,
    /// Software and hardware engineering, data science.
    Engineering,
    /// IT, information security, infrastructure.
    It,
    /// Finance, accounting.
    Finance,
    /// HR, people, talent, recruiting.
    Hr,
    /// Operations, RevOps, supply chain, procurement.
    Operations,
    /// Product management and design.
    Product,
    /// Anything else.
    Other,
}

impl Department {
    /// The `title.department` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Department::Executive => "executive",
            Department::Sales => "sales",
            Department::Marketing => "marketing",
            Department::Engineering => "engineering",
            Department::It => "it",
            Department::Finance => "finance",
            Department::Hr => "hr",
            Department::Operations => "operations",
            Department::Product => "product",
            Department::Other => "other",
        }
    }

    /// Its position in [`DEPARTMENTS`] (see [`Seniority::index`]).
    pub fn index(self) -> usize {
        match self {
            Department::Executive => 0,
            Department::Sales => 1,
            Department::Marketing => 2,
            Department::Engineering => 3,
            Department::It => 4,
            Department::Finance => 5,
            Department::Hr => 6,
            Department::Operations => 7,
            Department::Product => 8,
            Department::Other => 9,
        }
    }
}

/// What one word or pair says.
#[derive(Debug, Clone, Copy)]
struct Info {
    level: Option<Seniority>,
    dept: Option<(Department, u8)>,
    role: Role,
}

/// Words that change how seniority is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Plain,
    /// assistant / associate / deputy: one level below the next seniority word, else individual.
    Lowers,
    /// Forces individual (executive assistant, assistant to).
    ForceIndividual,
    /// Forces student (intern, trainee, apprentice).
    ForceStudent,
    /// Student only if nothing else gives a level.
    WeakStudent,
}

use super::hash_index::{fnv1a, fnv1a_ascii_lower, fnv1a_ascii_lower_from, fnv1a_pair, HashIndex};
use Department as D;
use Seniority as S;

const fn w(level: Option<Seniority>, dept: Option<(Department, u8)>) -> Info {
    Info { level, dept, role: Role::Plain }
}
const fn lvl(level: Seniority) -> Info {
    w(Some(level), None)
}
const fn dep(dept: Department, prio: u8) -> Info {
    w(None, Some((dept, prio)))
}
const fn both(level: Seniority, dept: Department, prio: u8) -> Info {
    w(Some(level), Some((dept, prio)))
}
const fn role(role: Role) -> Info {
    Info { level: None, dept: None, role }
}

// Department priorities: lower wins. Phrases 0-9, then functions, executive last.
const REVOPS: u8 = 10;
const HR: u8 = 20;
const FIN: u8 = 30;
const SEC: u8 = 35;
const MKT: u8 = 40;
const SALES: u8 = 50;
const PROD: u8 = 60;
const ENG: u8 = 70;
const IT: u8 = 75;
const OPS: u8 = 80;
const EXEC: u8 = 90;

/// Word pairs, sorted by (first, second). A match consumes both words.
static PAIRS: &[(&str, &str, Info)] = &[
    ("account", "executive", both(S::Individual, D::Sales, 1)),
    ("account", "manager", both(S::Individual, D::Sales, 1)),
    ("assistant", "to", role(Role::ForceIndividual)),
    ("business", "development", dep(D::Sales, 2)),
    ("business", "operations", dep(D::Operations, 2)),
    ("c", "level", lvl(S::CLevel)),
    ("c", "suite", lvl(S::CLevel)),
    ("chief", "executive", both(S::CLevel, D::Executive, 5)),
    ("chief", "of", lvl(S::Director)),
    ("customer", "success", dep(D::Sales, 2)),
    ("data", "science", dep(D::Engineering, 2)),
    ("demand", "generation", dep(D::Marketing, 2)),
    ("directeur", "general", both(S::CLevel, D::Executive, 5)),
    ("directeur", "général", both(S::CLevel, D::Executive, 5)),
    ("director", "general", both(S::CLevel, D::Executive, 5)),
    ("executive", "assistant", role(Role::ForceIndividual)),
    ("full", "stack", dep(D::Engineering, 2)),
    ("general", "manager", both(S::Director, D::Executive, 5)),
    ("head", "of", lvl(S::Vp)),
    ("help", "desk", dep(D::It, 2)),
    ("human", "resources", dep(D::Hr, 2)),
    ("information", "security", dep(D::It, 2)),
    ("information", "technology", dep(D::It, 2)),
    ("managing", "director", both(S::CLevel, D::Executive, 5)),
    ("managing", "partner", both(S::CLevel, D::Executive, 5)),
    ("marketing", "operations", dep(D::Marketing, 1)),
    ("people", "operations", dep(D::Hr, 1)),
    ("personal", "assistant", role(Role::ForceIndividual)),
    ("product", "marketing", dep(D::Marketing, 1)),
    ("project", "manager", both(S::Manager, D::Operations, 3)),
    ("revenue", "operations", dep(D::Operations, 1)),
    ("sales", "engineer", both(S::Individual, D::Sales, 1)),
    ("sales", "operations", dep(D::Operations, 1)),
    ("sales", "ops", dep(D::Operations, 1)),
    ("solutions", "engineer", both(S::Individual, D::Sales, 1)),
    ("supply", "chain", dep(D::Operations, 2)),
    ("team", "lead", lvl(S::Manager)),
    ("v", "p", lvl(S::Vp)),
    ("vice", "president", lvl(S::Vp)),
    ("vice", "presidente", lvl(S::Vp)),
    ("vice", "président", lvl(S::Vp)),
];

/// Single words, sorted bytewise.
static WORDS: &[(&str, Info)] = &[
    ("abteilungsleiter", lvl(S::Director)),
    ("accountant", both(S::Individual, D::Finance, FIN)),
    ("accounting", dep(D::Finance, FIN)),
    ("administrator", lvl(S::Individual)),
    ("advertising", dep(D::Marketing, MKT)),
    ("advisor", lvl(S::Individual)),
    ("ae", both(S::Individual, D::Sales, SALES)),
    ("agent", lvl(S::Individual)),
    ("analyst", lvl(S::Individual)),
    ("analyste", lvl(S::Individual)),
    ("apprentice", role(Role::ForceStudent)),
    ("architect", both(S::Individual, D::Engineering, ENG)),
    ("asistente", lvl(S::Individual)),
    ("assistant", role(Role::Lowers)),
    ("associate", role(Role::Lowers)),
    ("asst", role(Role::Lowers)),
    ("audit", dep(D::Finance, FIN)),
    ("auditor", both(S::Individual, D::Finance, FIN)),
    ("avp", lvl(S::Vp)),
    ("backend", dep(D::Engineering, ENG)),
    ("bd", dep(D::Sales, SALES)),
    ("bdr", both(S::Individual, D::Sales, SALES)),
    ("becario", role(Role::ForceStudent)),
    ("bookkeeper", both(S::Individual, D::Finance, FIN)),
    ("brand", dep(D::Marketing, MKT)),
    ("buchhaltung", dep(D::Finance, FIN)),
    ("buyer", both(S::Individual, D::Operations, OPS)),
    ("campaign", dep(D::Marketing, MKT)),
    ("campaigns", dep(D::Marketing, MKT)),
    ("cco", lvl(S::CLevel)),
    ("cdo", lvl(S::CLevel)),
    ("ceo", both(S::CLevel, D::Executive, EXEC)),
    ("cfo", both(S::CLevel, D::Finance, FIN)),
    ("chair", both(S::CLevel, D::Executive, EXEC)),
    ("chairman", both(S::CLevel, D::Executive, EXEC)),
    ("chairwoman", both(S::CLevel, D::Executive, EXEC)),
    ("channel", dep(D::Sales, SALES)),
    ("chief", lvl(S::CLevel)),
    ("chro", both(S::CLevel, D::Hr, HR)),
    ("cio", both(S::CLevel, D::It, IT)),
    ("ciso", both(S::CLevel, D::It, SEC)),
    ("cmo", both(S::CLevel, D::Marketing, MKT)),
    ("cofounder", both(S::CLevel, D::Executive, EXEC)),
    ("commercial", dep(D::Sales, SALES)),
    ("comms", dep(D::Marketing, MKT)),
    ("communications", dep(D::Marketing, MKT)),
    ("comptable", both(S::Individual, D::Finance, FIN)),
    ("consultant", lvl(S::Individual)),
    ("consultor", lvl(S::Individual)),
    ("contabilidad", dep(D::Finance, FIN)),
    ("content", dep(D::Marketing, MKT)),
    ("controller", both(S::Individual, D::Finance, FIN)),
    ("controlling", dep(D::Finance, FIN)),
    ("coo", both(S::CLevel, D::Operations, OPS)),
    ("coordinator", lvl(S::Individual)),
    ("cpo", both(S::CLevel, D::Product, PROD)),
    ("cro", both(S::CLevel, D::Sales, SALES)),
    ("cso", lvl(S::CLevel)),
    ("cto", both(S::CLevel, D::Engineering, ENG)),
    ("cxo", lvl(S::CLevel)),
    ("cybersecurity", dep(D::It, SEC)),
    ("data", dep(D::Engineering, ENG + 2)),
    ("demand", dep(D::Marketing, MKT)),
    ("deputy", role(Role::Lowers)),
    ("desarrollo", dep(D::Engineering, ENG)),
    ("design", dep(D::Product, PROD)),
    ("designer", both(S::Individual, D::Product, PROD)),
    ("developer", both(S::Individual, D::Engineering, ENG)),
    ("devops", dep(D::Engineering, ENG)),
    ("dir", lvl(S::Director)),
    ("directeur", lvl(S::Director)),
    ("director", lvl(S::Director)),
    ("directora", lvl(S::Director)),
    ("direktor", lvl(S::Director)),
    ("engineer", both(S::Individual, D::Engineering, ENG)),
    ("engineering", dep(D::Engineering, ENG)),
    ("entwicklung", dep(D::Engineering, ENG)),
    ("evp", lvl(S::Vp)),
    ("executive", lvl(S::Individual)),
    ("facilities", dep(D::Operations, OPS)),
    ("finance", dep(D::Finance, FIN)),
    ("financial", dep(D::Finance, FIN)),
    ("finanzas", dep(D::Finance, FIN)),
    ("finanzen", dep(D::Finance, FIN)),
    ("fondateur", both(S::CLevel, D::Executive, EXEC)),
    ("founder", both(S::CLevel, D::Executive, EXEC)),
    ("fp", dep(D::Finance, FIN)),
    ("frontend", dep(D::Engineering, ENG)),
    ("fullstack", dep(D::Engineering, ENG)),
    ("fundador", both(S::CLevel, D::Executive, EXEC)),
    ("gerente", lvl(S::Manager)),
    ("geschäftsführer", both(S::CLevel, D::Executive, EXEC)),
    ("geschäftsführerin", both(S::CLevel, D::Executive, EXEC)),
    ("gm", both(S::Director, D::Executive, EXEC)),
    ("growth", dep(D::Marketing, MKT)),
    ("gründer", both(S::CLevel, D::Executive, EXEC)),
    ("gérant", both(S::CLevel, D::Executive, EXEC)),
    ("head", lvl(S::Vp)),
    ("helpdesk", dep(D::It, IT)),
    ("hr", dep(D::Hr, HR)),
    ("information", dep(D::It, IT)),
    ("informatique", dep(D::It, IT)),
    ("informática", dep(D::It, IT)),
    ("infosec", dep(D::It, SEC)),
    ("infrastructure", dep(D::It, IT)),
    ("ingeniero", both(S::Individual, D::Engineering, ENG)),
    ("ingénieur", both(S::Individual, D::Engineering, ENG)),
    ("inhaber", both(S::CLevel, D::Executive, EXEC)),
    ("intern", role(Role::ForceStudent)),
    ("internship", role(Role::ForceStudent)),
    ("it", dep(D::It, IT)),
    ("jefe", lvl(S::Manager)),
    ("lead", lvl(S::Manager)),
    ("leiter", lvl(S::Director)),
    ("leiterin", lvl(S::Director)),
    ("lifecycle", dep(D::Marketing, MKT)),
    ("logistics", dep(D::Operations, OPS)),
    ("manager", lvl(S::Manager)),
    ("managerin", lvl(S::Manager)),
    ("marketing", dep(D::Marketing, MKT)),
    ("mercadeo", dep(D::Marketing, MKT)),
    ("mercadotecnia", dep(D::Marketing, MKT)),
    ("mgr", lvl(S::Manager)),
    ("mitarbeiter", lvl(S::Individual)),
    ("ml", dep(D::Engineering, ENG)),
    ("network", dep(D::It, IT)),
    ("operaciones", dep(D::Operations, OPS)),
    ("operating", dep(D::Operations, OPS)),
    ("operations", dep(D::Operations, OPS)),
    ("ops", dep(D::Operations, OPS)),
    ("opérations", dep(D::Operations, OPS)),
    ("owner", both(S::CLevel, D::Executive, EXEC)),
    ("partnerships", dep(D::Sales, SALES)),
    ("payroll", dep(D::Hr, HR)),
    ("pdg", both(S::CLevel, D::Executive, EXEC)),
    ("people", dep(D::Hr, HR)),
    ("personal", dep(D::Hr, HR)),
    ("praktikant", role(Role::ForceStudent)),
    ("praktikantin", role(Role::ForceStudent)),
    ("president", both(S::CLevel, D::Executive, EXEC)),
    ("presidente", both(S::CLevel, D::Executive, EXEC)),
    ("principal", lvl(S::Individual)),
    ("procurement", dep(D::Operations, OPS)),
    ("product", dep(D::Product, PROD)),
    ("producto", dep(D::Product, PROD)),
    ("produit", dep(D::Product, PROD)),
    ("produkt", dep(D::Product, PROD)),
    ("programmer", both(S::Individual, D::Engineering, ENG)),
    ("proprietor", both(S::CLevel, D::Executive, EXEC)),
    ("président", both(S::CLevel, D::Executive, EXEC)),
    ("purchasing", dep(D::Operations, OPS)),
    ("qa", dep(D::Engineering, ENG)),
    ("recruiter", both(S::Individual, D::Hr, HR)),
    ("recruiting", dep(D::Hr, HR)),
    ("recruitment", dep(D::Hr, HR)),
    ("referent", lvl(S::Individual)),
    ("rep", both(S::Individual, D::Sales, SALES)),
    ("representative", lvl(S::Individual)),
    ("responsable", lvl(S::Manager)),
    ("revenue", dep(D::Sales, SALES)),
    ("revops", dep(D::Operations, REVOPS)),
    ("rrhh", dep(D::Hr, HR)),
    ("sachbearbeiter", lvl(S::Individual)),
    ("sales", dep(D::Sales, SALES)),
    ("salesops", dep(D::Operations, REVOPS)),
    ("scientist", both(S::Individual, D::Engineering, ENG)),
    ("sdr", both(S::Individual, D::Sales, SALES)),
    ("security", dep(D::It, SEC)),
    ("seo", dep(D::Marketing, MKT)),
    ("software", dep(D::Engineering, ENG)),
    ("specialist", lvl(S::Individual)),
    ("sre", dep(D::Engineering, ENG)),
    ("stagiaire", role(Role::ForceStudent)),
    ("strategist", lvl(S::Individual)),
    ("student", role(Role::WeakStudent)),
    ("supervisor", lvl(S::Manager)),
    ("svp", lvl(S::Vp)),
    ("sysadmin", both(S::Individual, D::It, IT)),
    ("talent", dep(D::Hr, HR)),
    ("tax", dep(D::Finance, FIN)),
    ("technician", lvl(S::Individual)),
    ("technology", dep(D::Engineering, ENG)),
    ("trainee", role(Role::ForceStudent)),
    ("treasurer", both(S::Individual, D::Finance, FIN)),
    ("treasury", dep(D::Finance, FIN)),
    ("ux", dep(D::Product, PROD)),
    ("vendedor", both(S::Individual, D::Sales, SALES)),
    ("ventas", dep(D::Sales, SALES)),
    ("ventes", dep(D::Sales, SALES)),
    ("verkauf", dep(D::Sales, SALES)),
    ("vertrieb", dep(D::Sales, SALES)),
    ("vorstand", both(S::CLevel, D::Executive, EXEC)),
    ("vp", lvl(S::Vp)),
    ("werkstudent", role(Role::ForceStudent)),
    ("writer", both(S::Individual, D::Marketing, MKT + 5)),
];

/// Longest title read, in words; the rest is ignored.
const MAX_WORDS: usize = 24;

static PAIR_INDEX: HashIndex = HashIndex::new();
static WORD_INDEX: HashIndex = HashIndex::new();

// Words reach these lookups either ASCII in any case, or already lower-cased (non-ASCII titles are
// lower-cased whole first), so ASCII case-folding in the hash and the comparison is enough.

fn lookup_pair(a: &str, b: &str) -> Option<Info> {
    let build = || PAIRS.iter().map(|(x, y, _)| fnv1a_pair(x, y)).collect();
    let is_key =
        |i: usize| PAIRS.get(i).is_some_and(|(x, y, _)| x.eq_ignore_ascii_case(a) && y.eq_ignore_ascii_case(b));
    let hash = fnv1a_ascii_lower_from(fnv1a_ascii_lower_from(fnv1a_ascii_lower(a), b" "), b.as_bytes());
    PAIR_INDEX.find(hash, build, is_key).and_then(|i| PAIRS.get(i)).map(|e| e.2)
}

fn lookup_word(word: &str) -> Option<Info> {
    let build = || WORDS.iter().map(|(x, _)| fnv1a(x)).collect();
    let is_key = |i: usize| WORDS.get(i).is_some_and(|(x, _)| x.eq_ignore_ascii_case(word));
    WORD_INDEX.find(fnv1a_ascii_lower(word), build, is_key).and_then(|i| WORDS.get(i)).map(|e| e.1)
}

/// Classifies a job title. An empty title gives `(Unknown, Other)`.
pub fn classify(title: &str) -> (Seniority, Department) {
    // ASCII titles are read as they are (lookups fold case); others are lower-cased once.
    let lowered = if title.is_ascii() { std::borrow::Cow::Borrowed(title) } else { crate::text::lower(title) };
    let mut words: [&str; MAX_WORDS] = [""; MAX_WORDS];
    let mut n = 0;
    for word in lowered.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).take(MAX_WORDS) {
        if let Some(slot) = words.get_mut(n) {
            *slot = word;
            n += 1;
        }
    }
    let words = words.get(..n).unwrap_or(&[]);

    let mut best_level: Option<Seniority> = None;
    let mut dept: Option<(Department, u8)> = None;
    let (mut force_individual, mut force_student, mut weak_student) = (false, false, false);
    let mut lowers_pending = false;
    let mut lowered_any = false;
    let mut i = 0;
    while i < words.len() {
        let word = words.get(i).copied().unwrap_or("");
        let next = words.get(i + 1).copied();
        let (info, width) = match next.and_then(|n| lookup_pair(word, n)) {
            Some(info) => (Some(info), 2),
            // "co-founder" splits into "co" + "founder"; the founder entry carries it.
            None => (lookup_word(word), 1),
        };
        i += width;
        let Some(info) = info else { continue };
        match info.role {
            Role::Plain => {}
            Role::Lowers => {
                lowers_pending = true;
                continue;
            }
            Role::ForceIndividual => force_individual = true,
            Role::ForceStudent => force_student = true,
            Role::WeakStudent => weak_student = true,
        }
        if let Some(mut level) = info.level {
            if lowers_pending {
                level = level.lower();
                lowered_any = true;
            }
            best_level = best_level.max(Some(level));
        }
        lowers_pending = false;
        if let Some((d, prio)) = info.dept {
            if dept.is_none_or(|(_, p)| prio < p) {
                dept = Some((d, prio));
            }
        }
    }
    // A trailing or dangling "assistant"/"associate" with no level word after it: an individual contributor.
    if lowers_pending && !lowered_any {
        best_level = best_level.max(Some(Seniority::Individual));
    }
    let seniority = if force_student {
        Seniority::Student
    } else if force_individual {
        Seniority::Individual
    } else if let Some(level) = best_level {
        level
    } else if weak_student {
        Seniority::Student
    } else {
        Seniority::Unknown
    };
    (seniority, dept.map_or(Department::Other, |(d, _)| d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted_for_binary_search() {
        assert!(WORDS.windows(2).all(|w| w[0].0 < w[1].0), "WORDS not sorted");
        assert!(PAIRS.windows(2).all(|w| (w[0].0, w[0].1) < (w[1].0, w[1].1)), "PAIRS not sorted");
        assert!(WORDS.iter().all(|(x, _)| *x == x.to_lowercase() && !x.contains(' ')));
    }

    #[test]
    fn each_level_and_department_is_at_its_index_in_the_value_lists() {
        use Department as D;
        use Seniority as S;
        let levels = [S::CLevel, S::Vp, S::Director, S::Manager, S::Individual, S::Student, S::Unknown];
        assert_eq!(levels.len(), SENIORITIES.len());
        for s in levels {
            assert_eq!(SENIORITIES.get(s.index()), Some(&s.as_str()), "{s:?}");
        }
        let departments = [
            D::Executive,
            D::Sales,
            D::Marketing,
            D::Engineering,
            D::It,
            D::Finance,
            D::Hr,
            D::Operations,
            D::Product,
            D::Other,
        ];
        assert_eq!(departments.len(), DEPARTMENTS.len());
        for d in departments {
            assert_eq!(DEPARTMENTS.get(d.index()), Some(&d.as_str()), "{d:?}");
        }
    }

    fn check(title: &str, seniority: &str, department: &str) {
        let (s, d) = classify(title);
        assert_eq!((s.as_str(), d.as_str()), (seniority, department), "{title:?}");
    }

    #[test]
    fn real_titles() {
        check("Sr. Dir. of RevOps", "director", "operations");
        check("Head of Growth", "vp", "marketing");
        check("CEO & Co-founder", "c_level", "executive");
        check("VP, Sales", "vp", "sales");
        check("Chief Revenue Officer", "c_level", "sales");
        check("Chief Technology Officer", "c_level", "engineering");
        check("CTO", "c_level", "engineering");
        check("Founder & Head of Product", "c_level", "product");
        check("Vice President of Marketing", "vp", "marketing");
        check("SVP Engineering", "vp", "engineering");
        check("V.P. Finance", "vp", "finance");
        check("Senior Director, Demand Generation", "director", "marketing");
        check("Director of IT", "director", "it");
        check("IT Manager", "manager", "it");
        check("Marketing Manager", "manager", "marketing");
        check("Product Marketing Manager", "manager", "marketing");
        check("Sr. Software Engineer", "individual", "engineering");
        check("Account Executive", "individual", "sales");
        check("Sales Development Rep (SDR)", "individual", "sales");
        check("Executive Assistant to the CEO", "individual", "executive");
        check("Assistant Director of Admissions", "manager", "other");
        check("Associate", "individual", "other");
        check("Marketing Intern", "student", "marketing");
        check("MBA Student", "student", "other");
        check("Student Success Manager", "manager", "other");
        check("Chief of Staff", "director", "other");
        check("Managing Director", "c_level", "executive");
        check("Owner", "c_level", "executive");
        check("President", "c_level", "executive");
        check("Head of People", "vp", "hr");
        check("Talent Acquisition Partner", "unknown", "hr");
        check("Revenue Operations Manager", "manager", "operations");
        check("Customer Success Manager", "manager", "sales");
        check("CISO", "c_level", "it");
        check("Data Scientist", "individual", "engineering");
        check("Team Lead, Support", "manager", "other");
        check("Geschäftsführer", "c_level", "executive");
        check("Leiter Vertrieb", "director", "sales");
        check("Directeur Général", "c_level", "executive");
        check("Responsable Marketing", "manager", "marketing");
        check("Gerente de Ventas", "manager", "sales");
        check("", "unknown", "other");
        check("🚀🚀🚀", "unknown", "other");
        check("Pilot", "unknown", "other");
    }

    #[test]
    fn very_long_titles_are_bounded() {
        let long = "manager ".repeat(10_000) + "ceo";
        // Only the first words are read.
        assert_eq!(classify(&long).0, Seniority::Manager);
    }
}
