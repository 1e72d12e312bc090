//! Membership tests against the built-in, sorted domain lists, searched in place.
//!
//! The lists are embedded as sorted newline-separated text (no per-entry pointers in the binary: a
//! `&[&str]` would add 8 bytes per domain to the wasm) and indexed lazily on the first lookup, so a
//! model that never reads `email.*` pays nothing at start-up.

use super::hash_index::{fnv1a, HashIndex};
use std::sync::OnceLock;

/// A sorted (bytewise), newline-separated list of lower-case domains, indexed on first use: line
/// offsets plus a hash index (about 14,000 entries, built in well under a millisecond).
pub struct SortedLines {
    text: &'static str,
    starts: OnceLock<Vec<u32>>,
    index: HashIndex,
}

/// Free-mail providers (gmail.com, outlook.com, ...): see `src/signals/data/README.md`.
pub static FREE_MAIL: SortedLines = SortedLines::new(include_str!("data/free_mail.txt"));
/// Disposable-mail providers (mailinator.com, ...): see `src/signals/data/README.md`.
pub static DISPOSABLE: SortedLines = SortedLines::new(include_str!("data/disposable.txt"));

impl SortedLines {
    const fn new(text: &'static str) -> SortedLines {
        SortedLines { text, starts: OnceLock::new(), index: HashIndex::new() }
    }

    fn line(&self, i: usize) -> &'static str {
        let starts = self.starts();
        let start = starts.get(i).map_or(0, |s| *s as usize);
        let end = starts.get(i + 1).map_or(self.text.len(), |s| *s as usize - 1);
        self.text.get(start..end).unwrap_or("").trim_end_matches('\n')
    }

    fn starts(&self) -> &[u32] {
        self.starts.get_or_init(|| {
            let mut starts = vec![0u32];
            let len = self.text.len();
            starts.extend(self.text.match_indices('\n').map(|(i, _)| i as u32 + 1).filter(|&s| (s as usize) < len));
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
    pub fn lines(&self) -> impl Iterator<Item = &'static str> {
        self.text.lines()
    }
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

    #[test]
    fn lists_are_sorted_unique_lowercase() {
        for list in [&FREE_MAIL, &DISPOSABLE] {
            let lines: Vec<_> = list.lines().collect();
            assert!(lines.len() > 4000);
            assert!(lines.windows(2).all(|w| w[0] < w[1]), "sorted and unique");
            assert!(lines.iter().all(|l| !l.is_empty() && *l == l.to_lowercase()));
        }
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
