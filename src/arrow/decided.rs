//! Rules decided a column at a time: for a batch read in place, each rule whose condition reads one
//! attribute and nothing else ([`ColumnRule`]) is run down that attribute's column once, before any
//! row is scored, and each row's answer kept; so is the title's seniority and department, which
//! most models' fit rules read.
//!
//! Why: scoring row by row, each such rule found its field among the batch's columns, read the
//! cell through the column's type and dispatched the condition, for every row: about half of the
//! cost of the rules. Down one column the field is found once, the cells are read in order, and a
//! text met again (an industry, a country, a title) is answered from the first time.
//!
//! Exactness: a row's answer is [`ColumnRule::decide`] on the very value [`Fields::field`] gives
//! that row ([`Columns::for_each_cell`]), which runs the tests `eval` runs; its title signals are
//! [`title_of`] that value, as `derive` reads them. A row where a test meets a problem (or whose
//! title is not a title) is left open, and the engine evaluates it on the row itself, which
//! reports the problem as the card would.
//!
//! Memory: one byte per row per decided rule, and three per row for the title, beside the
//! results' own columns (over a hundred bytes per row).
//!
//! [`Fields::field`]: crate::engine::Fields::field

use super::distinct::Memo;
use crate::engine::{title_of, ColumnRule, FieldPath, Val};
use crate::signals::{classify_title, Department, Seniority};
use crate::Scorer;

/// The attributes of a batch, read a column at a time.
pub(super) trait Columns {
    /// Each of the first `rows` rows' cell of the attribute at `path`, handed to `each` in row
    /// order: its value exactly as the row's [`Fields::field`](crate::engine::Fields::field) reads
    /// it, or the text that value is made of.
    fn for_each_cell(&self, path: &FieldPath, rows: usize, each: impl FnMut(usize, Read<'_>));

    /// The value a text cell ([`Read::Text`]) reads as: the same for the same text.
    fn text_value<'a>(&self, text: &'a str) -> Val<'a>;
}

/// A row's cell of an attribute's column.
pub(super) enum Read<'a> {
    /// A text, which reads as [`Columns::text_value`] of it: a column's texts repeat (industries,
    /// countries, plans), so each rule's answer is worked out once per distinct text.
    Text(&'a str),
    /// Any other value, as the row reads it.
    Value(Val<'a>),
}

/// A row's answer: the rule does not fire, fires, or is left to the engine.
const NO: u8 = 0;
const YES: u8 = 1;
const OPEN: u8 = 2;

/// A row's title signals: `Some(None)` with no title, `None` when left to the engine (a value that
/// is not a title, which it reports).
type TitleSignals = Option<Option<(Seniority, Department)>>;

/// Each row's answer to each rule decided a column at a time, and its title signals.
#[derive(Default)]
pub(super) struct Decided {
    /// Per row, when the model reads the title signals.
    titles: Option<Vec<TitleSignals>>,
    /// By rule number: its number `k` among the rules decided here, for a rule decided here.
    place: Vec<Option<usize>>,
    /// The batch's rows: rule `k`'s answers are `answers[k * rows..][..rows]`, in row order, as
    /// its column pass writes them.
    rows: usize,
    answers: Vec<u8>,
}

/// `work` of each row's value of the attribute at `path`, into `out` (one per row, in row order):
/// worked out once per distinct text of a text column, and once for all the rows where the
/// attribute is missing (a null, a column the batch does not have: CRM exports are sparse). Exact
/// because `work` answers from the value alone (a rule's tests, a title's signals).
#[inline(always)]
fn down<T: Clone>(columns: &impl Columns, path: &FieldPath, work: impl Fn(&Val<'_>) -> T, out: &mut [T]) {
    let by_text = Memo::default();
    let mut missing: Option<T> = None;
    columns.for_each_cell(path, out.len(), |row, read| {
        let answer = match read {
            Read::Text(text) => by_text.get_or(text, || work(&columns.text_value(text))),
            Read::Value(Val::Missing) => missing.get_or_insert_with(|| work(&Val::Missing)).clone(),
            Read::Value(value) => work(&value),
        };
        if let Some(slot) = out.get_mut(row) {
            *slot = answer;
        }
    });
}

impl Decided {
    /// Every rule of `scorer` that reads one attribute, decided for the first `rows` rows of
    /// `columns`.
    pub(super) fn of(scorer: &Scorer, columns: &impl Columns, rows: usize) -> Decided {
        let rules: Vec<ColumnRule<'_>> = scorer.column_rules().collect();
        // Past `usize` (which no batch in memory reaches) nothing is decided here: the engine
        // evaluates every rule on every row.
        let Some(size) = rows.checked_mul(rules.len()) else { return Decided::default() };
        let mut place = Vec::new();
        let mut answers = vec![OPEN; size];
        for ((k, rule), out) in rules.iter().enumerate().zip(answers.chunks_mut(rows.max(1))) {
            if place.len() <= rule.index {
                place.resize(rule.index + 1, None);
            }
            if let Some(p) = place.get_mut(rule.index) {
                *p = Some(k);
            }
            let answer = |value: &Val<'_>| match rule.decide(value) {
                Some(true) => YES,
                Some(false) => NO,
                None => OPEN,
            };
            down(columns, rule.path, answer, out);
        }
        let titles = scorer.title_field().map(|path| {
            let mut titles = vec![None; rows];
            down(columns, path, |value| title_of(value, &classify_title).ok(), &mut titles);
            titles
        });
        Decided { titles, place, rows, answers }
    }

    /// Row `row`'s title signals, when they were worked out here.
    #[inline]
    pub(super) fn title_signals(&self, row: usize) -> TitleSignals {
        self.titles.as_ref()?.get(row).copied().flatten()
    }

    /// Whether rule number `rule` fires for row `row`; `None` when it was not decided here (not a
    /// one-attribute rule, or a test met a problem on this row).
    #[inline]
    pub(super) fn get(&self, rule: usize, row: usize) -> Option<bool> {
        let k = (*self.place.get(rule)?)?;
        if row >= self.rows {
            return None;
        }
        match self.answers.get(k.checked_mul(self.rows)?.checked_add(row)?) {
            Some(&YES) => Some(true),
            Some(&NO) => Some(false),
            _ => None,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::{Columns, Decided, Read};
    use crate::engine::{FieldPath, Val};
    use crate::signals::classify_title;
    use crate::Scorer;

    /// Three columns of the default model's attributes, as a batch reader would hand them.
    struct Stub;

    impl Columns for Stub {
        fn for_each_cell(&self, path: &FieldPath, rows: usize, mut each: impl FnMut(usize, Read<'_>)) {
            let cells: Vec<Read<'_>> = match path.full.as_str() {
                "company.employees" => vec![
                    Read::Text("250"),
                    Read::Text("lots"),
                    Read::Text("250"),
                    Read::Text("N/A"),
                    Read::Value(Val::Num(500.0)),
                    Read::Value(Val::Bool(true)),
                    Read::Text("lots"),
                ],
                "company.industry" => vec![
                    Read::Text(" SaaS "),
                    Read::Value(Val::Num(42.0)),
                    Read::Text("Retail"),
                    Read::Text("saas"),
                    Read::Value(Val::Missing),
                    Read::Text("N/A"),
                    Read::Text(" SaaS "),
                ],
                "title" => vec![
                    Read::Text("VP, Sales"),
                    Read::Text(" "),
                    Read::Value(Val::Num(3.0)),
                    Read::Text("N/A"),
                    Read::Value(Val::Missing),
                    Read::Value(Val::Bool(true)),
                    Read::Text("VP, Sales"),
                ],
                _ => Vec::new(),
            };
            let mut cells = cells.into_iter();
            (0..rows).for_each(|row| each(row, cells.next().unwrap_or(Read::Value(Val::Missing))));
        }

        /// The default model's missing texts include `N/A`.
        fn text_value<'a>(&self, text: &'a str) -> Val<'a> {
            match Val::text(text) {
                Val::Str(s) if s.eq_ignore_ascii_case("n/a") => Val::Missing,
                v => v,
            }
        }
    }

    #[test]
    fn each_row_gets_the_answer_for_its_cell_and_a_cell_with_a_problem_is_left_open() {
        let scorer = Scorer::default_model();
        let decided = Decided::of(&scorer, &Stub, 7);
        let rule = |id: &str| scorer.model().rules.iter().position(|r| r.id == id).unwrap();
        let answers = |id: &str| (0..7).map(|row| decided.get(rule(id), row)).collect::<Vec<_>>();
        // `between [200, 1000]`: text that reads as a number is that number; text that does not
        // is a problem the card reports, so the engine is left to evaluate it on the row.
        let (yes, no) = (Some(true), Some(false));
        assert_eq!(answers("ideal-size"), [yes, None, yes, no, yes, None, None]);
        // `in [... "saas" ...]`: trimmed, any case; a number is compared as its text.
        assert_eq!(answers("target-industry"), [yes, no, no, yes, no, no, yes]);
        // A column the batch does not have: missing on every row, answered once for all of them.
        assert_eq!(answers("crm-stack"), [no; 7]);
        assert_eq!(answers("revenue-10m"), [no; 7]);
        // The title's signals: classified text, a number read as its text, none for a blank or
        // missing title, and a boolean left to the engine, which reports it.
        let vp = Some(Some(classify_title("VP, Sales")));
        let three = Some(Some(classify_title("3")));
        let titles: Vec<_> = (0..7).map(|row| decided.title_signals(row)).collect();
        assert_eq!(titles, [vp, Some(None), three, Some(None), Some(None), None, vp]);
        assert_eq!(decided.title_signals(7), None);
        // A rule on a derived signal, and a row past the batch, are not decided here.
        assert_eq!(decided.get(rule("exec-title"), 0), None);
        assert_eq!(decided.get(rule("ideal-size"), 7), None);
    }
}
