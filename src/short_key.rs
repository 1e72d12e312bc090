//! A text of up to 24 bytes as a key of three integers, for lookups that compare a few words
//! instead of hashing a text and comparing it byte by byte: the texts a batch meets again and
//! again (`arrow::distinct`: event types, titles, email domains) and a rule's list of texts
//! (`engine::compile::ScalarSet`).

/// A text of at most 24 bytes: its first, second and last 8 bytes (overlapping or zero-padded)
/// and its length. Ordered, for a binary search over a sorted list of keys.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub(crate) struct ShortKey {
    len: usize,
    head: u64,
    middle: u64,
    tail: u64,
}

/// The longest text a [`ShortKey`] holds.
pub(crate) const SHORT: usize = 24;

/// The 8 bytes of `bytes` from `at`, little-endian: one load.
#[inline(always)]
fn word(bytes: &[u8], at: usize) -> Option<u64> {
    let eight: [u8; 8] = bytes.get(at..at.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_le_bytes(eight))
}

/// A text of at most 8 bytes as a little-endian word, zero-padded: from two 4-byte loads that
/// overlap (their shared bytes are the same bytes, so OR-ing them is exact), where copying the
/// bytes into a zeroed word was a call to `memcpy` for every short text.
#[inline(always)]
fn padded(bytes: &[u8]) -> u64 {
    let four = |at: usize| bytes.get(at..at + 4).and_then(|b| <[u8; 4]>::try_from(b).ok()).map(u32::from_le_bytes);
    match bytes.len() {
        8 => word(bytes, 0).unwrap_or(0),
        len @ 4..=7 => match (four(0), four(len - 4)) {
            (Some(low), Some(high)) => u64::from(low) | u64::from(high) << (8 * (len - 4)),
            _ => 0,
        },
        _ => bytes.iter().rev().fold(0u64, |w, b| w << 8 | u64::from(*b)),
    }
}

impl ShortKey {
    /// The key of a text of at most [`SHORT`] bytes: two texts have the same key exactly when they
    /// are equal, since the bytes the three words leave out exist only in longer texts.
    #[inline(always)]
    pub(crate) fn of(bytes: &[u8]) -> Option<ShortKey> {
        let len = bytes.len();
        match len {
            0..=8 => Some(ShortKey { head: padded(bytes), middle: 0, tail: 0, len }),
            9..=16 => Some(ShortKey { head: word(bytes, 0)?, middle: 0, tail: word(bytes, len - 8)?, len }),
            17..=SHORT => {
                Some(ShortKey { head: word(bytes, 0)?, middle: word(bytes, 8)?, tail: word(bytes, len - 8)?, len })
            }
            _ => None,
        }
    }

    /// The key of a text's ASCII lower-casing (other bytes as they are): two texts have the same
    /// key exactly when they are equal ignoring ASCII case (`eq_ignore_ascii_case`).
    #[inline]
    pub(crate) fn of_ascii_lower(bytes: &[u8]) -> Option<ShortKey> {
        let mut lower = [0u8; SHORT];
        let lower = lower.get_mut(..bytes.len())?;
        lower.iter_mut().zip(bytes).for_each(|(l, b)| *l = b.to_ascii_lowercase());
        ShortKey::of(lower)
    }

    /// A multiplicative hash of the key, for a table of buckets (its top bits are the best mixed).
    #[inline]
    #[cfg_attr(not(feature = "arrow"), allow(dead_code))] // bucket tables are the Arrow batch reader's
    pub(crate) fn hash(&self) -> u64 {
        let words = self.head ^ self.middle.rotate_left(17) ^ self.tail.rotate_left(29);
        (words ^ self.len as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
pub(crate) mod tests {
    use super::ShortKey;

    /// Texts of every length around the three words' edges, some differing only in padding bytes
    /// (a trailing NUL), in any one byte, or in case.
    pub(crate) fn texts() -> Vec<String> {
        let mut out = Vec::new();
        for len in 0..=26 {
            let base: String = "abcdefghijklmnopqrstuvwxyz".chars().take(len).collect();
            out.push(base.clone());
            out.push(format!("{base}\0"));
            if len > 0 {
                for at in 0..len {
                    let mut bytes = base.clone().into_bytes();
                    bytes[at] = b'Z';
                    out.push(String::from_utf8(bytes).unwrap());
                }
            }
        }
        out.push("page_view".into());
        out.push("Page_View".into());
        out.push("content_download".into());
        out.push("content_downloads".into());
        out.push("Financial Services".into());
        out.push("financial services".into());
        out.push("Straße".into());
        // Bytes of 0x80 and over at each end of the 4-byte loads of a short text.
        out.extend(["é", "aé", "abcé", "éabc", "aaaaaé", "éaaaaa", "ééé", "éééé"].map(String::from));
        out.push("STRASSE".into());
        out.sort();
        out.dedup();
        out
    }

    /// The words a key holds, built byte by byte: the first, second and last 8 bytes, zero-padded.
    fn words_byte_by_byte(bytes: &[u8]) -> (u64, u64, u64) {
        let word = |b: &[u8]| {
            let mut w = [0u8; 8];
            w.iter_mut().zip(b).for_each(|(w, b)| *w = *b);
            u64::from_le_bytes(w)
        };
        match bytes.len() {
            0..=8 => (word(bytes), 0, 0),
            9..=16 => (word(&bytes[..8]), 0, word(&bytes[bytes.len() - 8..])),
            _ => (word(&bytes[..8]), word(&bytes[8..16]), word(&bytes[bytes.len() - 8..])),
        }
    }

    #[test]
    fn a_key_holds_its_texts_words_as_loaded_byte_by_byte() {
        for text in texts() {
            let bytes = text.as_bytes();
            let Some(key) = ShortKey::of(bytes) else { continue };
            assert_eq!((key.head, key.middle, key.tail), words_byte_by_byte(bytes), "{text:?}");
            assert_eq!(key.len, bytes.len());
        }
    }

    #[test]
    fn short_keys_are_equal_exactly_when_texts_are() {
        let texts = texts();
        for a in &texts {
            assert_eq!(ShortKey::of(a.as_bytes()).is_some(), a.len() <= 24, "{a:?}");
            for b in &texts {
                if let (Some(ka), Some(kb)) = (ShortKey::of(a.as_bytes()), ShortKey::of(b.as_bytes())) {
                    assert_eq!(ka == kb, a == b, "{a:?} {b:?}");
                }
            }
        }
    }

    #[test]
    fn lower_cased_keys_are_equal_exactly_when_texts_are_equal_ignoring_ascii_case() {
        let texts = texts();
        for a in &texts {
            let ka = ShortKey::of_ascii_lower(a.as_bytes());
            assert_eq!(ka.is_some(), a.len() <= 24, "{a:?}");
            for b in &texts {
                if let (Some(ka), Some(kb)) = (ka, ShortKey::of_ascii_lower(b.as_bytes())) {
                    assert_eq!(ka == kb, a.eq_ignore_ascii_case(b), "{a:?} {b:?}");
                }
            }
        }
    }
}
