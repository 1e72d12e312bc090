//! Email address signals: domain, validity, free / disposable / role address, competitor and customer.

use super::domain_list::{in_list, DISPOSABLE, FREE_MAIL};
use super::hash_index::{fnv1a, HashIndex};
use super::settings::Signals;
use crate::text::lower;
use smol_str::SmolStr;

/// Mailbox names that belong to a team or function rather than a person (checked before any `+tag`).
const ROLE_MAILBOXES: &[&str] = &[
    "abuse",
    "accounts",
    "admin",
    "administrator",
    "billing",
    "careers",
    "contact",
    "enquiries",
    "hello",
    "help",
    "helpdesk",
    "hr",
    "info",
    "inquiries",
    "invoices",
    "jobs",
    "marketing",
    "media",
    "newsletter",
    "no-reply",
    "noreply",
    "office",
    "postmaster",
    "press",
    "privacy",
    "sales",
    "security",
    "service",
    "support",
    "team",
    "webmaster",
];

/// What an email address says about a lead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailFacts {
    /// Lower-case domain after the last `@` (present even when the address is otherwise malformed, if
    /// there is a non-empty domain part).
    pub domain: Option<SmolStr>,
    /// Syntactically plausible `local@domain.tld`.
    pub valid: bool,
    /// Free-mail provider (built-in list plus the model's).
    pub free: bool,
    /// Disposable-mail provider (built-in list plus the model's).
    pub disposable: bool,
    /// Team mailbox such as `info@` or `sales@`.
    pub role: bool,
    /// On the model's competitor list.
    pub competitor: bool,
    /// On the model's customer list.
    pub customer: bool,
}

impl EmailFacts {
    /// A valid address at neither a free nor a disposable provider.
    pub fn business(&self) -> bool {
        self.valid && !self.free && !self.disposable
    }
}

fn valid_domain(domain: &str) -> bool {
    domain.len() <= 253
        && domain.contains('.')
        && domain.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && (label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                    || label.chars().all(|c| c.is_alphanumeric() || c == '-'))
        })
}

/// What a mailbox may hold besides letters and digits.
const LOCAL_SPECIALS: &str = "!#$%&'*+-/=?^_`{|}~.";

/// At byte `b`: whether it may be in an ASCII mailbox (a letter, a digit or one of
/// [`LOCAL_SPECIALS`]). A table, so a byte is one load (a shift of a 128-bit set was eight
/// instructions per byte).
#[allow(clippy::indexing_slicing)] // bytes index a table of 256 (`get_mut` is not callable in a const)
const LOCAL_ASCII: [bool; 256] = {
    let mut allowed = [false; 256];
    let mut b = 0u8;
    while b < 128 {
        allowed[b as usize] = b.is_ascii_alphanumeric();
        b += 1;
    }
    let mut specials = LOCAL_SPECIALS.as_bytes();
    while let [b, rest @ ..] = specials {
        allowed[*b as usize] = true;
        specials = rest;
    }
    allowed
};

/// A plausible mailbox: 1 to 64 bytes of letters, digits and [`LOCAL_SPECIALS`], no dot at either
/// end or two in a row. An ASCII mailbox (nearly every one) is checked in one pass over its bytes
/// against [`LOCAL_ASCII`]: searching it for ".." and each character in the specials' text cost
/// more than the rest of an address's analysis.
fn valid_local(local: &str) -> bool {
    let bytes = local.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else { return false };
    if bytes.len() > 64 || first == b'.' || last == b'.' {
        return false;
    }
    if !local.is_ascii() {
        return !local.contains("..") && local.chars().all(|c| c.is_alphanumeric() || LOCAL_SPECIALS.contains(c));
    }
    // One pass: each byte allowed, and no dot after a dot.
    let mut previous = 0u8;
    for &b in bytes {
        if !LOCAL_ASCII.get(usize::from(b)).copied().unwrap_or(false) || (b == b'.' && previous == b'.') {
            return false;
        }
        previous = b;
    }
    true
}

/// Reads an email address against the built-in lists and the model's `signals` lists. Allocates
/// nothing for the usual lower-case ASCII address (the domain is kept inline).
pub fn analyse(address: &str, signals: &Signals) -> EmailFacts {
    analyse_with(address, &|domain| domain_facts(domain, signals))
}

/// [`analyse`] with the facts of the address's domain (as written, before lower-casing) from
/// `domain`: a caller that meets the same domains again and again (a batch of leads) keeps them.
pub fn analyse_with(address: &str, domain: &dyn Fn(&str) -> DomainFacts) -> EmailFacts {
    let (local, written) = split_address(crate::text::trim(address));
    let written = written.strip_suffix('.').unwrap_or(written);
    if written.is_empty() {
        return EmailFacts {
            domain: None,
            valid: false,
            free: false,
            disposable: false,
            role: false,
            competitor: false,
            customer: false,
        };
    }
    let facts = domain(written);
    let mailbox = mailbox_of(local);
    EmailFacts {
        valid: valid_local(local) && facts.valid,
        free: facts.free,
        disposable: facts.disposable,
        role: is_role(mailbox),
        competitor: facts.competitor,
        customer: facts.customer,
        domain: Some(facts.domain),
    }
}

/// The text before an address's last `@` and after it; two empty texts without an `@`.
///
/// Why bytes: `@` is ASCII, so a byte search finds it exactly in any UTF-8 text and the split is at
/// a character boundary, where `str::rsplit_once` with a character searcher cost a quarter of the
/// analysis of a short address.
fn split_address(address: &str) -> (&str, &str) {
    match address.bytes().rposition(|b| b == b'@') {
        Some(at) => (address.get(..at).unwrap_or(""), address.get(at + 1..).unwrap_or("")),
        None => ("", ""),
    }
}

/// A local part's mailbox: the text before its first `+` (a `+tag` names a folder, not a person
/// or team), found by bytes as [`split_address`] finds the `@`.
fn mailbox_of(local: &str) -> &str {
    local.bytes().position(|b| b == b'+').and_then(|plus| local.get(..plus)).unwrap_or(local)
}

/// Per ASCII byte: bit `n` is set when a name on [`ROLE_MAILBOXES`] starts with that byte and is
/// `n` bytes long (every name is lower-case ASCII and under 64 bytes).
#[allow(clippy::indexing_slicing)] // asserted in range (`get_mut` is not callable in a const)
const ROLE_SHAPES: [u64; 128] = {
    let mut shapes = [0u64; 128];
    let mut names = ROLE_MAILBOXES;
    while let [name, rest @ ..] = names {
        // A name that is not lower-case ASCII, or as long as 64 bytes, does not build.
        assert!(name.len() < 64, "a role name is under 64 bytes");
        let mut bytes = name.as_bytes();
        while let [b, more @ ..] = bytes {
            assert!(b.is_ascii() && !b.is_ascii_uppercase(), "a role name is lower-case ASCII");
            bytes = more;
        }
        if let [first, ..] = name.as_bytes() {
            shapes[*first as usize] |= 1 << name.len();
        }
        names = rest;
    }
    shapes
};

/// Whether a mailbox (before any `+tag`) is on [`ROLE_MAILBOXES`], ignoring case. Most ASCII
/// mailboxes are turned away by [`ROLE_SHAPES`] alone; the rest cost one hash and at most one
/// comparison, where a binary search over the names cost a handful of comparisons per lead.
fn is_role(mailbox: &str) -> bool {
    // An ASCII mailbox lower-cases byte for byte, so it can be a role name only if some name has
    // its first byte (in lower case) and its length: most mailboxes (people's names) are not, and
    // are answered here without lower-casing or hashing them.
    if mailbox.is_ascii() {
        let Some(first) = mailbox.as_bytes().first() else { return false };
        let shapes = ROLE_SHAPES.get(usize::from(first.to_ascii_lowercase())).copied().unwrap_or(0);
        if shapes.checked_shr(u32::try_from(mailbox.len()).unwrap_or(u32::MAX)).unwrap_or(0) & 1 == 0 {
            return false;
        }
    }
    static INDEX: HashIndex = HashIndex::new();
    let mailbox = lower(mailbox);
    let names = || ROLE_MAILBOXES.iter().map(|name| fnv1a(name)).collect();
    let is_name = |i: usize| ROLE_MAILBOXES.get(i).is_some_and(|name| **name == *mailbox);
    INDEX.find(fnv1a(&mailbox), names, is_name).is_some()
}

/// What an address's domain alone says: the part of [`analyse`] that does not read the mailbox.
#[derive(Debug, Clone, PartialEq)]
pub struct DomainFacts {
    /// Lower-cased.
    pub domain: SmolStr,
    /// Well-formed labels.
    pub valid: bool,
    /// A free-mail provider (and not a disposable one).
    pub free: bool,
    /// A disposable-address provider.
    pub disposable: bool,
    /// On the model's competitor list.
    pub competitor: bool,
    /// On the model's customer list.
    pub customer: bool,
}

/// The facts of a non-empty domain as an address writes it (without a trailing dot).
pub fn domain_facts(written: &str, signals: &Signals) -> DomainFacts {
    let domain = lower(written);
    let disposable = DISPOSABLE.contains_domain(&domain) || in_list(&domain, &signals.disposable_domains);
    let free = !disposable && (FREE_MAIL.contains(&domain) || in_list(&domain, &signals.free_mail_domains));
    DomainFacts {
        valid: valid_domain(&domain),
        free,
        disposable,
        competitor: in_list(&domain, &signals.competitor_domains),
        customer: in_list(&domain, &signals.customer_domains),
        domain: SmolStr::new(domain),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule [`valid_local`] implements, as first written.
    fn valid_local_as_written(local: &str) -> bool {
        !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local.chars().all(|c| c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c))
    }

    proptest::proptest! {
        #[test]
        fn a_mailbox_is_valid_exactly_as_the_rule_says(local in r#"[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~ @"(),:;<>\[\]\\\x7f\x00é日-]{0,70}"#) {
            proptest::prop_assert_eq!(valid_local(&local), valid_local_as_written(&local), "{:?}", local);
        }
    }

    proptest::proptest! {
        #[test]
        fn an_address_splits_as_the_text_searches_split_it(address in r#"[a-z@+.é日 ]{0,24}"#) {
            let (local, domain) = address.rsplit_once('@').unwrap_or(("", ""));
            proptest::prop_assert_eq!(split_address(&address), (local, domain));
            proptest::prop_assert_eq!(mailbox_of(&address), address.split_once('+').map_or(address.as_str(), |(m, _)| m));
        }
    }

    #[test]
    fn every_ascii_byte_is_allowed_in_a_mailbox_exactly_as_the_rule_says() {
        for b in 0u8..128 {
            let one = char::from(b).to_string();
            assert_eq!(valid_local(&one), valid_local_as_written(&one), "{b}");
            let inside = format!("a{one}b");
            assert_eq!(valid_local(&inside), valid_local_as_written(&inside), "{b}");
        }
        for local in ["a..b", "a.b", ".a", "a.", "", "é", "jörg.müller", "日本", &"a".repeat(64), &"a".repeat(65)]
        {
            assert_eq!(valid_local(local), valid_local_as_written(local), "{local:?}");
        }
    }

    fn signals() -> Signals {
        Signals {
            competitor_domains: vec!["rival.io".into()],
            customer_domains: vec!["bigcust.com".into()],
            free_mail_domains: vec!["myisp.example".into()],
            disposable_domains: vec!["burner.example".into()],
            ..Signals::default()
        }
    }

    #[test]
    fn every_role_mailbox_is_found_in_any_case_and_near_misses_are_not() {
        let s = signals();
        for name in ROLE_MAILBOXES {
            assert!(analyse(&format!("{name}@acme.com"), &s).role, "{name}");
            assert!(analyse(&format!("{}+tag@acme.com", name.to_uppercase()), &s).role, "{name}");
            for near in [format!("{name}s"), format!("x{name}"), name[1..].to_string()] {
                let listed = ROLE_MAILBOXES.contains(&near.as_str());
                assert_eq!(analyse(&format!("{near}@acme.com"), &s).role, listed, "{near}");
            }
        }
        assert!(!analyse("jane@acme.com", &s).role);
    }

    /// Whether a mailbox is a role name, by the words of the rule: lower-cased, then on the list.
    fn is_role_as_written(mailbox: &str) -> bool {
        ROLE_MAILBOXES.contains(&mailbox.to_lowercase().as_str())
    }

    proptest::proptest! {
        #[test]
        fn a_mailbox_is_a_role_exactly_as_the_rule_says(mailbox in r#"(info|Sales|HR|no-reply|mar\u{212A}eting|[a-zA-Z\u{212A}İ-]{0,14})"#) {
            proptest::prop_assert_eq!(is_role(&mailbox), is_role_as_written(&mailbox), "{:?}", mailbox);
        }
    }

    #[test]
    fn a_role_name_written_with_a_letter_that_lower_cases_to_ascii_is_found() {
        // The Kelvin sign lower-cases to `k`: the mailbox is not ASCII, and is three bytes longer
        // than the name it lower-cases to.
        assert!(is_role("mar\u{212A}eting") && is_role_as_written("mar\u{212A}eting"));
        for name in ROLE_MAILBOXES {
            assert!(is_role(name) && is_role(&name.to_uppercase()), "{name}");
            assert!(!is_role(&format!("{name}x")) && !is_role(&name[1..]), "{name}");
        }
        assert!(!is_role("") && !is_role("user1234"));
        // Past the shapes' 64 bits: turned away, not shifted out of range.
        assert!(!is_role(&"info".repeat(20)) && !is_role(&"i".repeat(64)));
    }

    #[test]
    fn classifies_addresses() {
        let s = signals();
        let gmail = analyse("Jane.Doe@GMail.com", &s);
        assert_eq!(gmail.domain.as_deref(), Some("gmail.com"));
        assert!(gmail.valid && gmail.free && !gmail.disposable && !gmail.business());

        let biz = analyse("  jane+forms@Acme.co.uk ", &s);
        assert!(biz.valid && biz.business() && !biz.role);

        assert!(analyse("info@acme.com", &s).role);
        assert!(analyse("Sales+x@acme.com", &s).role);
        assert!(analyse("x@mailinator.com", &s).disposable);
        assert!(analyse("x@burner.example", &s).disposable);
        assert!(analyse("x@myisp.example", &s).free);
        assert!(analyse("x@eu.rival.io", &s).competitor);
        assert!(analyse("x@bigcust.com", &s).customer);

        let bad = analyse("not an email", &s);
        assert!(!bad.valid && bad.domain.is_none());
        let no_tld = analyse("a@localhost", &s);
        assert!(!no_tld.valid && no_tld.domain.as_deref() == Some("localhost"));
        assert!(!analyse("a..b@acme.com", &s).valid);
        assert!(!analyse("@acme.com", &s).valid);
    }
}
