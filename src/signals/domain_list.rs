//! Membership tests against the built-in domain lists.
//!
//! The lists are embedded front-coded in blocks of 16 domains (see `build.rs`: 64.0 KB gzipped
//! instead of 77.6 KB as plain text), and looked up two ways:
//!
//! - The first [`INDEX_AFTER`] lookups of a list search it where it lies: a binary search over the
//!   blocks' first domains, which are stored whole, then one block read in order. Nothing is decoded
//!   beforehand. Why: decoding both lists and hashing them on the first lookup took about 10 ms in
//!   wasm (before the optimizing compiler has seen the code), most of a cold start's first score,
//!   which is all a web form, an edge isolate or a short-lived process scores.
//! - After that the list is decoded once into one text and indexed by hash (about 1.4 ms natively),
//!   because a search reads a few hundred bytes and takes about 20 times as long as a hash lookup:
//!   batches would pay that on every lead. Both ways give the same answers (the tests check every
//!   listed domain and its near misses both ways).

use super::hash_index::{fnv1a, HashIndex};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;

/// A built-in list of lower-case domains (about 14,000 in all), front-coded by `build.rs`.
pub struct DomainList {
    encoded: &'static [u8],
    /// Lookups that searched the blocks, counted until [`INDEX_AFTER`].
    searches: AtomicU32,
    /// The domains, one per line, decoded after [`INDEX_AFTER`] lookups.
    decoded: OnceLock<Decoded>,
    index: HashIndex,
}

/// Lookups of a list answered by searching its blocks before it is decoded and indexed: about a
/// hundred leads' worth, so that a batch soon pays 1.4 ms once instead of a search per lead.
const INDEX_AFTER: u32 = 256;

/// Free-mail providers (gmail.com, outlook.com, ...): see `src/signals/data/README.md`.
pub static FREE_MAIL: DomainList = DomainList::new(include_bytes!(concat!(env!("OUT_DIR"), "/free_mail.fc")));
/// Disposable-mail providers (mailinator.com, ...): see `src/signals/data/README.md`.
pub static DISPOSABLE: DomainList = DomainList::new(include_bytes!(concat!(env!("OUT_DIR"), "/disposable.fc")));

/// The longest listed domain can be (`build.rs` refuses longer ones).
const MAX_DOMAIN: usize = 255;

/// Whether `b` starts a record: the length of the prefix shared with the previous domain (below
/// 0x20; every byte of a domain is 0x20 or above). A length of 0 starts a block.
fn is_length(b: u8) -> bool {
    b < 0x20
}

impl DomainList {
    const fn new(encoded: &'static [u8]) -> DomainList {
        DomainList { encoded, searches: AtomicU32::new(0), decoded: OnceLock::new(), index: HashIndex::new() }
    }

    /// Whether `needle` is listed (exact, bytewise).
    pub fn contains(&self, needle: &str) -> bool {
        if self.decoded.get().is_none() && self.searches.fetch_add(1, Ordering::Relaxed) < INDEX_AFTER {
            self.search(needle)
        } else {
            self.find(needle)
        }
    }

    /// Whether `domain` or any parent domain of it (`a.b.example.com` -> `b.example.com` ->
    /// `example.com`) is listed. Bare top-level labels are not looked up.
    pub fn contains_domain(&self, domain: &str) -> bool {
        parents(domain).any(|d| self.contains(d))
    }

    /// [`Self::contains`] by a search of the blocks.
    fn search(&self, needle: &str) -> bool {
        let mut buffer = [0u8; MAX_DOMAIN];
        reversed_labels(needle, &mut buffer).is_some_and(|key| !key.is_empty() && search(self.encoded, key))
    }

    /// [`Self::contains`] by the hash index of the decoded list.
    fn find(&self, needle: &str) -> bool {
        let decoded = self.decoded.get_or_init(|| Decoded::new(self.encoded));
        !needle.is_empty()
            && self
                .index
                .find(
                    fnv1a(needle),
                    || (0..decoded.len()).map(|i| fnv1a(decoded.line(i))).collect(),
                    |i| decoded.line(i) == needle,
                )
                .is_some()
    }

    /// Every domain, in the list's order (sorted by reversed labels), for tests.
    #[cfg(test)]
    pub fn lines(&self) -> impl Iterator<Item = &str> {
        let decoded = self.decoded.get_or_init(|| Decoded::new(self.encoded));
        (0..decoded.len()).map(|i| decoded.line(i))
    }
}

/// A list decoded: the domains with their labels in the usual order, one per line.
struct Decoded {
    text: String,
    /// Where each line starts, then the text's length.
    starts: Vec<u32>,
}

impl Decoded {
    fn new(encoded: &[u8]) -> Decoded {
        let mut text = String::with_capacity(encoded.len() * 3);
        let mut starts = Vec::new();
        let mut current = Vec::with_capacity(MAX_DOMAIN);
        let mut at = 0;
        while let Some((shared, suffix, next)) = record(encoded, at) {
            current.truncate(shared);
            current.extend_from_slice(suffix);
            at = next;
            // `build.rs` wrote whole UTF-8 characters; a damaged record is skipped, not trusted.
            if let Ok(reversed) = std::str::from_utf8(&current) {
                starts.push(text.len() as u32);
                for (n, label) in reversed.rsplit('.').enumerate() {
                    if n > 0 {
                        text.push('.');
                    }
                    text.push_str(label);
                }
            }
        }
        starts.push(text.len() as u32);
        Decoded { text, starts }
    }

    fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    fn line(&self, i: usize) -> &str {
        let at = |i: usize| self.starts.get(i).map_or(0, |s| *s as usize);
        self.text.get(at(i)..at(i + 1)).unwrap_or("")
    }
}

/// `domain` with its labels in reverse order (`mail.example.com` -> `com.example.mail`), the order
/// the lists are sorted in, written into `buffer`; `None` when it cannot be listed (too long).
fn reversed_labels<'b>(domain: &str, buffer: &'b mut [u8; MAX_DOMAIN]) -> Option<&'b [u8]> {
    if domain.len() > buffer.len() {
        return None;
    }
    let mut len = 0;
    for (n, label) in domain.rsplit('.').enumerate() {
        if n > 0 {
            *buffer.get_mut(len)? = b'.';
            len += 1;
        }
        buffer.get_mut(len..len + label.len())?.copy_from_slice(label.as_bytes());
        len += label.len();
    }
    buffer.get(..len)
}

/// The record at `at`: the shared prefix length, the rest of the domain, and where the next record
/// starts. `None` at the end (or past a damaged record).
fn record(encoded: &[u8], at: usize) -> Option<(usize, &[u8], usize)> {
    let shared = *encoded.get(at).filter(|b| is_length(**b))?;
    let rest = encoded.get(at + 1..)?;
    let len = rest.iter().position(|b| is_length(*b)).unwrap_or(rest.len());
    Some((usize::from(shared), rest.get(..len)?, at + 1 + len))
}

/// Where a block starts in `encoded[from..to]`: the first start at or after `middle`, else the last
/// before it.
fn block_near(encoded: &[u8], from: usize, middle: usize, to: usize) -> Option<usize> {
    let after = encoded.get(middle..to)?.iter().position(|b| *b == 0).map(|i| middle + i);
    after.or_else(|| encoded.get(from..middle)?.iter().rposition(|b| *b == 0).map(|i| from + i))
}

/// Whether the reversed-label domain `key` is in `encoded` (the blocks of `build.rs`).
fn search(encoded: &[u8], key: &[u8]) -> bool {
    // The block to read: the last whose first domain is at most `key`. `lo` is a block start whose
    // first domain is at most `key` (or the first block); every block starting at `hi` or later has
    // a first domain past `key`. Each step finds a block start between them and moves one of them
    // there, until none is left between.
    let (mut lo, mut hi) = (0, encoded.len());
    while let Some(block) = block_near(encoded, lo + 1, lo + (hi - lo) / 2 + 1, hi) {
        match record(encoded, block) {
            Some((_, first, _)) if first <= key => lo = block,
            _ => hi = block,
        }
    }
    let mut current = [0u8; MAX_DOMAIN];
    let mut at = lo;
    while let Some((shared, suffix, next)) = record(encoded, at) {
        if at > lo && shared == 0 {
            return false; // the next block
        }
        let Some(slot) = current.get_mut(shared..shared + suffix.len()) else { return false };
        slot.copy_from_slice(suffix);
        match current.get(..shared + suffix.len()).map(|domain| domain.cmp(key)) {
            Some(std::cmp::Ordering::Equal) => return true,
            Some(std::cmp::Ordering::Less) => at = next,
            _ => return false,
        }
    }
    false
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
    fn blocks_hold_at_most_sixteen_domains_and_start_whole() {
        for (list, _) in SOURCES {
            let (mut at, mut in_block, mut blocks) = (0, 0, 0);
            while let Some((shared, _, next)) = record(list.encoded, at) {
                if shared == 0 {
                    (in_block, blocks) = (0, blocks + 1);
                }
                in_block += 1;
                assert!(in_block <= 16, "a block of more than 16 domains at byte {at}");
                at = next;
            }
            assert_eq!(at, list.encoded.len(), "every byte is part of a record");
            assert!(blocks >= list.lines().count() / 16);
        }
    }

    #[test]
    fn search_finds_in_every_block_and_nothing_between() {
        // Three blocks: "com.a", "com.ab" | "com.b" | "net.x", "net.xy" (reversed labels).
        let encoded = b"\x00com.a\x05b\x00com.b\x00net.x\x05y";
        for key in ["com.a", "com.ab", "com.b", "net.x", "net.xy"] {
            assert!(search(encoded, key.as_bytes()), "{key}");
        }
        for key in
            ["", "a", "com", "com.", "com.aa", "com.abc", "com.ba", "com.c", "net", "net.xa", "net.xz", "org.a", "zzz"]
        {
            assert!(!search(encoded, key.as_bytes()), "{key}");
        }
        assert!(!search(b"", b"com.a"));
    }

    #[test]
    fn search_and_index_find_every_line_and_nothing_else() {
        for list in [&FREE_MAIL, &DISPOSABLE] {
            let all: std::collections::HashSet<&str> = list.lines().collect();
            for line in list.lines() {
                assert!(list.search(line) && list.find(line), "{line}");
                let shorter = line.get(..line.len() - 1).unwrap_or_default().to_string();
                for near in [format!("{line}x"), format!("x{line}"), format!("a.{line}"), shorter] {
                    let listed = all.contains(near.as_str());
                    assert_eq!((list.search(&near), list.find(&near)), (listed, listed), "{near}");
                }
            }
            for other in ["", "\n", "\0", "zzzzzzzz-not-a-domain.invalid", "0", ".", "com", &"a".repeat(300)] {
                assert_eq!((list.search(other), list.find(other)), (false, false), "{other:?}");
            }
        }
    }

    #[test]
    fn searches_then_indexes() {
        let list = DomainList::new(FREE_MAIL.encoded);
        for i in 0..INDEX_AFTER {
            let (domain, listed) = if i % 2 == 0 { ("gmail.com", true) } else { ("acme.io", false) };
            assert_eq!(list.contains(domain), listed, "{domain}");
        }
        assert!(list.decoded.get().is_none(), "searched so far");
        assert!(list.contains("gmail.com") && !list.contains("acme.io"));
        assert!(list.decoded.get().is_some(), "indexed now");
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
