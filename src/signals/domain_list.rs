//! Membership tests against the built-in, sorted domain lists, searched in place.
//!
//! The lists are embedded as sorted newline-separated text and binary-searched by byte offset: nothing
//! is built at start-up (cold start matters in edge workers), and no per-entry pointers are stored,
//! which keeps the wasm small (a `&[&str]` would add 8 bytes per domain on wasm32).

/// A sorted (bytewise), newline-separated list of lower-case domains.
pub struct SortedLines(&'static str);

/// Free-mail providers (gmail.com, outlook.com, ...): see `src/signals/data/README.md`.
pub static FREE_MAIL: SortedLines = SortedLines(include_str!("data/free_mail.txt"));
/// Disposable-mail providers (mailinator.com, ...): see `src/signals/data/README.md`.
pub static DISPOSABLE: SortedLines = SortedLines(include_str!("data/disposable.txt"));

impl SortedLines {
    /// Whether `needle` is one of the lines (exact, bytewise).
    pub fn contains(&self, needle: &str) -> bool {
        let text = self.0.as_bytes();
        let needle = needle.as_bytes();
        // Invariant: [lo, hi) covers whole lines; lo is a line start, hi is a line end or text end.
        let (mut lo, mut hi) = (0usize, text.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let start = text
                .get(lo..mid)
                .and_then(|s| s.iter().rposition(|&b| b == b'\n'))
                .map_or(lo, |p| lo + p + 1);
            let end = text
                .get(start..hi)
                .and_then(|s| s.iter().position(|&b| b == b'\n'))
                .map_or(hi, |p| start + p);
            let Some(line) = text.get(start..end) else {
                return false;
            };
            match line.cmp(needle) {
                std::cmp::Ordering::Equal => return !line.is_empty(),
                std::cmp::Ordering::Less => lo = end + 1,
                std::cmp::Ordering::Greater => hi = start,
            }
        }
        false
    }

    /// Whether `domain` or any parent domain of it (`a.b.example.com` -> `b.example.com` ->
    /// `example.com`) is listed. Bare top-level labels are not looked up.
    pub fn contains_domain(&self, domain: &str) -> bool {
        parents(domain).any(|d| self.contains(d))
    }

    /// Every line, for tests.
    #[cfg(test)]
    pub fn lines(&self) -> impl Iterator<Item = &'static str> {
        self.0.lines()
    }
}

/// `domain` and its parents down to two labels.
pub fn parents(domain: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(domain);
    std::iter::from_fn(move || {
        let current = rest?;
        rest = current
            .split_once('.')
            .map(|(_, tail)| tail)
            .filter(|tail| tail.contains('.'));
        Some(current)
    })
}

/// Whether `domain` equals one of `list` or is a subdomain of one (`list` lower-case).
pub fn in_list(domain: &str, list: &[String]) -> bool {
    parents(domain).any(|d| list.iter().any(|x| x == d))
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
            assert!(lines
                .iter()
                .all(|l| !l.is_empty() && *l == l.to_lowercase()));
        }
    }

    #[test]
    fn finds_every_line_and_nothing_else() {
        for list in [&FREE_MAIL, &DISPOSABLE] {
            for line in list.lines() {
                assert!(list.contains(line), "{line}");
                assert!(
                    !list.contains(&format!("{line}x"))
                        || list.lines().any(|l| l == format!("{line}x"))
                );
            }
            assert!(!list.contains(""));
            assert!(!list.contains("\n"));
            assert!(!list.contains("zzzzzzzz-not-a-domain.invalid"));
            assert!(!list.contains("0"));
        }
    }

    #[test]
    fn well_known_domains() {
        for d in [
            "gmail.com",
            "yahoo.com",
            "hotmail.com",
            "outlook.com",
            "icloud.com",
            "gmx.de",
            "qq.com",
        ] {
            assert!(FREE_MAIL.contains(d), "{d}");
            assert!(!DISPOSABLE.contains(d), "{d}");
        }
        for d in [
            "mailinator.com",
            "guerrillamail.com",
            "yopmail.com",
            "10minutemail.com",
        ] {
            assert!(DISPOSABLE.contains(d), "{d}");
            assert!(!FREE_MAIL.contains(d), "{d}");
        }
        assert!(DISPOSABLE.contains_domain("eu.mailinator.com"));
        assert!(!FREE_MAIL.contains_domain("acme.com"));
    }

    #[test]
    fn parent_domains() {
        assert_eq!(
            parents("a.b.example.com").collect::<Vec<_>>(),
            ["a.b.example.com", "b.example.com", "example.com"]
        );
        assert_eq!(parents("com").collect::<Vec<_>>(), ["com"]);
        assert!(in_list("mail.acme.com", &["acme.com".to_string()]));
        assert!(!in_list("notacme.com", &["acme.com".to_string()]));
    }
}
