//! Membership tests against the built-in domain lists.
//!
//! The lists are embedded front-coded (see `build.rs`: 64.7 KB gzipped instead of 77.6 KB as plain
//! text) and decoded into one newline-separated text on the first lookup, then indexed by hash, so
//! a model that never reads `email.*` pays nothing at start-up. One text rather than a `Vec` of
//! strings: no per-entry allocation or pointer.

use super::hash_index::{fnv1a, HashIndex};
use std::sync::OnceLock;

/// A built-in list of lower-case domains, decoded and indexed on first use (about 14,000
/// entries in all, in a few milliseconds).
pub struct DomainList {
    encoded: &'static [u8],
    text: OnceLock<String>,
    starts: OnceLock<Vec<u32>>,
    index: HashIndex,
}

/// Free-mail providers (gmail.com, outlook.com, ...): see `src/signals/data/README.md`.
pub static FREE_MAIL: DomainList = DomainList::new(include_bytes!(concat!(env!("OUT_DIR"), "/free_mail.fc")));
/// Disposable-mail providers (mailinator.com, ...): see `src/signals/data/README.md`.
pub static DISPOSABLE: DomainList = DomainList::new(include_bytes!(concat!(env!("OUT_DIR"), "/disposable.fc")));

impl DomainList {
    const fn new(encoded: &'static [u8]) -> DomainList {
        DomainList { encoded, text: OnceLock::new(), starts: OnceLock::new(), index: HashIndex::new() }
    }

    /// The domains, one per line (in the encoder's order: sorted by reversed labels).
    fn text(&self) -> &str {
        self.text.get_or_init(|| decode(self.encoded))
    }

    fn line(&self, i: usize) -> &str {
        let starts = self.starts();
        let start = starts.get(i).map_or(0, |s| *s as usize);
        let text = self.text();
        let end = starts.get(i + 1).map_or(text.len(), |s| *s as usize - 1);
        text.get(start..end).unwrap_or("").trim_end_matches('\n')
    }

    fn starts(&self) -> &[u32] {
        self.starts.get_or_init(|| {
            let text = self.text();
            let mut starts = vec![0u32];
            let len = text.len();
            starts.extend(text.match_indices('\n').map(|(i, _)| i as u32 + 1).filter(|&s| (s as usize) < len));
            starts
        })
    }

    /// Whether `needle` is one of the lines (exact, bytewise).
    pub fn contains(&self, needle: &str) -> bool {
        !needle.is_empty()
            && self
                .index
                .find(
                    fnv1a(needle),
                    || (0..self.starts().len()).map(|i| fnv1a(self.line(i))).collect(),
                    |i| self.line(i) == needle,
                )
                .is_some()
    }

    /// Whether `domain` or any parent domain of it (`a.b.example.com` -> `b.example.com` ->
    /// `example.com`) is listed. Bare top-level labels are not looked up.
    pub fn contains_domain(&self, domain: &str) -> bool {
        parents(domain).any(|d| self.contains(d))
    }

    /// Every line, for tests.
    #[cfg(test)]
    pub fn lines(&self) -> impl Iterator<Item = &str> {
        self.text().lines()
    }
}

/// Undoes `build.rs`'s front coding: each record is the length of the prefix shared with the
/// previous domain (one byte), the rest, and `\n`; domains come back with their labels in the usual
/// order. Records are read in sequence (a length byte may itself be 10, the code of `\n`).
fn decode(encoded: &[u8]) -> String {
    let mut out = String::with_capacity(encoded.len() * 3);
    let mut current: Vec<u8> = Vec::with_capacity(256);
    let mut i = 0;
    while let Some(&shared) = encoded.get(i) {
        let rest = encoded.get(i + 1..).unwrap_or_default();
        let len = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
        current.truncate(usize::from(shared));
        current.extend_from_slice(rest.get(..len).unwrap_or_default());
        i += 1 + len + 1;
        // The encoder wrote whole UTF-8 characters; a damaged record is skipped, not trusted.
        if let Ok(reversed) = std::str::from_utf8(&current) {
            for (n, label) in reversed.rsplit('.').enumerate() {
                if n > 0 {
                    out.push('.');
                }
                out.push_str(label);
            }
            out.push('\n');
        }
    }
    out
}

/// `domain` and its parents down to two labels.
pub fn parents(domain: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(domain);
    std::iter::from_fn(move || {
        let current = rest?;
        rest = current.split_once('.').map(|(_, tail)| tail).filter(|tail| tail.contains('.'));
        Some(current)
    })
}

/// Whether `domain` equals one of `list` or is a subdomain of one (`list` lower-case).
pub fn in_list(domain: &str, list: &[String]) -> bool {
    !list.is_empty() && parents(domain).any(|d| list.iter().any(|x| x == d))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCES: [(&DomainList, &str); 2] =
        [(&FREE_MAIL, include_str!("data/free_mail.txt")), (&DISPOSABLE, include_str!("data/disposable.txt"))];

    #[test]
    fn lists_are_sorted_unique_lowercase() {
        for (_, source) in SOURCES {
            let lines: Vec<_> = source.lines().collect();
            assert!(lines.len() > 4000);
            assert!(lines.windows(2).all(|w| w[0] < w[1]), "sorted and unique");
            assert!(lines.iter().all(|l| !l.is_empty() && *l == l.to_lowercase()));
        }
    }

    #[test]
    fn front_coding_gives_back_every_domain_and_no_other() {
        for (list, source) in SOURCES {
            let mut decoded: Vec<_> = list.lines().collect();
            decoded.sort_unstable();
            assert_eq!(decoded, source.lines().collect::<Vec<_>>());
        }
    }

    #[test]
    fn decode_reads_a_shared_length_of_ten_as_a_length() {
        // "com.abcdefx" then "com.abcdefy": the second shares 10 bytes, and 10 is b'\n'.
        let encoded = b"\x00com.abcdefx\n\x0ay\n";
        assert_eq!(decode(encoded), "abcdefx.com\nabcdefy.com\n");
    }

    #[test]
    fn finds_every_line_and_nothing_else() {
        for list in [&FREE_MAIL, &DISPOSABLE] {
            for line in list.lines() {
                assert!(list.contains(line), "{line}");
                assert!(!list.contains(&format!("{line}x")) || list.lines().any(|l| l == format!("{line}x")));
            }
            assert!(!list.contains(""));
            assert!(!list.contains("\n"));
            assert!(!list.contains("zzzzzzzz-not-a-domain.invalid"));
            assert!(!list.contains("0"));
        }
    }

    #[test]
    fn well_known_domains() {
        for d in ["gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "icloud.com", "gmx.de", "qq.com"] {
            assert!(FREE_MAIL.contains(d), "{d}");
            assert!(!DISPOSABLE.contains(d), "{d}");
        }
        for d in ["mailinator.com", "guerrillamail.com", "yopmail.com", "10minutemail.com"] {
            assert!(DISPOSABLE.contains(d), "{d}");
            assert!(!FREE_MAIL.contains(d), "{d}");
        }
        assert!(DISPOSABLE.contains_domain("eu.mailinator.com"));
        assert!(!FREE_MAIL.contains_domain("acme.com"));
    }

    #[test]
    fn parent_domains() {
        assert_eq!(parents("a.b.example.com").collect::<Vec<_>>(), ["a.b.example.com", "b.example.com", "example.com"]);
        assert_eq!(parents("com").collect::<Vec<_>>(), ["com"]);
        assert!(in_list("mail.acme.com", &["acme.com".to_string()]));
        assert!(!in_list("notacme.com", &["acme.com".to_string()]));
    }
}
