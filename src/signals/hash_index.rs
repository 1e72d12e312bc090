//! A read-only set of static strings, looked up by 64-bit FNV-1a hash with one verifying comparison.
//!
//! Why not a binary search over the strings: each step of that is a short `memcmp`, and a title or an
//! email address needs dozens of lookups, which dominated scoring time. Why not `HashMap`: its default
//! hasher is randomly seeded (no determinism concern here, but a slower SipHash), and this index is a
//! sorted `Vec<(u64, u32)>`, built once on first use and small enough for wasm.

use std::sync::OnceLock;

/// 64-bit FNV-1a of some bytes, continuing from `seed` (use [`FNV_SEED`] to start).
pub fn fnv1a_from(seed: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(seed, |h, &b| fnv1a_step(h, b))
}

/// FNV-1a offset basis.
pub const FNV_SEED: u64 = 0xcbf2_9ce4_8422_2325;

/// One byte of FNV-1a: xor, then multiply by the 64-bit FNV prime.
fn fnv1a_step(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
}

/// 64-bit FNV-1a of a string: tiny, fast on short keys, and the same on every target.
pub fn fnv1a(text: &str) -> u64 {
    fnv1a_from(FNV_SEED, text.as_bytes())
}

/// `text` lower-cased and the [`fnv1a`] of the result, in one pass over the bytes when `text` is
/// already lower-case ASCII (every event type, once per event; the usual case).
pub fn lower_with_fnv1a(text: &str) -> (std::borrow::Cow<'_, str>, u64) {
    let mut h = FNV_SEED;
    for &b in text.as_bytes() {
        if b.is_ascii_uppercase() || !b.is_ascii() {
            let lowered = text.to_lowercase();
            let h = fnv1a(&lowered);
            return (std::borrow::Cow::Owned(lowered), h);
        }
        h = fnv1a_step(h, b);
    }
    (std::borrow::Cow::Borrowed(text), h)
}

/// [`fnv1a_from`] of the ASCII-lower-cased bytes, without allocating.
pub fn fnv1a_ascii_lower_from(seed: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(seed, |h, &b| fnv1a_step(h, b.to_ascii_lowercase()))
}

/// [`fnv1a`] of the ASCII-lower-cased text, without allocating.
pub fn fnv1a_ascii_lower(text: &str) -> u64 {
    fnv1a_ascii_lower_from(FNV_SEED, text.as_bytes())
}

/// Hash of a word pair, as if joined by a space, without building the joined string.
pub fn fnv1a_pair(a: &str, b: &str) -> u64 {
    fnv1a_from(fnv1a_from(fnv1a(a), b" "), b.as_bytes())
}

/// Hash -> position index over a fixed list of keys.
#[derive(Default)]
pub struct HashIndex {
    entries: OnceLock<Vec<(u64, u32)>>,
}

impl HashIndex {
    /// An index built on first use.
    pub const fn new() -> HashIndex {
        HashIndex { entries: OnceLock::new() }
    }

    /// The position of the key whose hash is `hash` and which `is_key` confirms.
    pub fn find(&self, hash: u64, build: impl FnOnce() -> Vec<u64>, is_key: impl Fn(usize) -> bool) -> Option<usize> {
        let entries = self.entries.get_or_init(|| {
            let mut e: Vec<(u64, u32)> = build().into_iter().enumerate().map(|(i, h)| (h, i as u32)).collect();
            e.sort_unstable();
            e
        });
        let first = entries.partition_point(|(h, _)| *h < hash);
        entries.get(first..)?.iter().take_while(|(h, _)| *h == hash).map(|(_, i)| *i as usize).find(|&i| is_key(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_fnv_values() {
        // Published FNV-1a 64 test vectors.
        assert_eq!(fnv1a(""), 0xcbf29ce484222325);
        assert_eq!(fnv1a("a"), 0xaf63dc4c8601ec8c);
        assert_eq!(fnv1a("foobar"), 0x85944171f73967e8);
        assert_eq!(fnv1a_pair("vice", "president"), fnv1a("vice president"));
        assert_eq!(fnv1a_ascii_lower("Vice PRESIDENT"), fnv1a("vice president"));
    }

    #[test]
    fn lower_with_hash_is_lower_then_hash() {
        for text in ["page_view", "Page_View", "DEMO_REQUEST", "démo", "ÉVÉNEMENT", "İstanbul", "", "a b"] {
            let (lowered, hash) = lower_with_fnv1a(text);
            assert_eq!(lowered, crate::text::lower(text), "{text}");
            assert_eq!(hash, fnv1a(&lowered), "{text}");
        }
        assert!(matches!(lower_with_fnv1a("page_view").0, std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn finds_keys_and_only_keys() {
        let keys = ["b", "a", "c"];
        let index = HashIndex::new();
        let build = || keys.iter().map(|k| fnv1a(k)).collect();
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(index.find(fnv1a(k), build, |j| keys[j] == *k), Some(i));
        }
        assert_eq!(index.find(fnv1a("d"), build, |j| keys[j] == "d"), None);
    }
}
