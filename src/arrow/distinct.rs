//! Texts met in a batch, numbered ([`Distinct`]), and answers kept for them ([`Memo`]): a batch's
//! event types, email domains, titles and the texts its rules test (industries, countries, plans)
//! repeat, so each distinct text is worked on once.

use crate::short_key::ShortKey;
use foldhash::fast::FixedState;
use std::borrow::Borrow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::Hash;

/// The distinct texts met so far, each with a number. A text of up to 24 bytes (nearly every event
/// type and email domain, and short titles) is its own key as three integers ([`ShortKey`]), held in a small
/// direct-mapped table: a lookup is a few integer operations and no call, where hashing the text
/// and comparing it byte by byte was the largest cost of reading the events. Longer texts, and
/// short ones whose bucket is taken, go through a map keyed by `K` (the text borrowed from the
/// batch, or owned).
pub(super) struct Distinct<K> {
    buckets: Box<[Option<(ShortKey, u32)>; BUCKETS]>,
    map: HashMap<K, u32, FixedState>,
}

/// The most distinct event types (as written, before lower-casing) a batch reads in place; a batch
/// with more is parsed. Also the most texts a [`Memo`] keeps (domains, titles, a rule's texts):
/// past it, answers are worked out each time, so a batch of distinct values costs no more than
/// reading each once.
pub(super) const CACHED: usize = 4096;

/// Buckets in [`Distinct`]'s table. A batch's event types as written (each spelling and each blank
/// text counts) are usually a few dozen; its titles and domains can be thousands, which share
/// buckets (the first of each bucket stays there) and go to the map.
const BUCKETS: usize = 256;

/// A key's bucket: the top bits of its hash.
#[inline(always)]
fn bucket(key: &ShortKey) -> usize {
    (key.hash() >> 56) as usize % BUCKETS
}

impl<K> Default for Distinct<K> {
    fn default() -> Self {
        Distinct { buckets: Box::new([None; BUCKETS]), map: HashMap::default() }
    }
}

impl<K: Borrow<[u8]> + Hash + Eq> Distinct<K> {
    /// The number of `text`, if it was given one.
    #[inline(always)]
    pub(super) fn get(&self, text: &[u8]) -> Option<u32> {
        if let Some(key) = ShortKey::of(text) {
            if let Some(Some((k, index))) = self.buckets.get(bucket(&key)) {
                if *k == key {
                    return Some(*index);
                }
            }
        }
        self.map.get(text).copied()
    }

    /// Numbers `text`, which has no number yet.
    pub(super) fn insert(&mut self, text: K, index: u32) {
        if let Some(key) = ShortKey::of(text.borrow()) {
            if let Some(bucket @ None) = self.buckets.get_mut(bucket(&key)) {
                *bucket = Some((key, index));
                return;
            }
        }
        self.map.insert(text, index);
    }
}

/// The answers of a pure function of a text (a title's seniority and department, an email domain's
/// facts) for the texts met in a batch, up to [`CACHED`] of them: the same answer for the same text.
pub(super) struct Memo<T> {
    seen: RefCell<Kept<T>>,
}

/// A [`Memo`]'s texts, numbered, and the answer for each number.
struct Kept<T> {
    numbers: Distinct<Box<[u8]>>,
    answers: Vec<T>,
}

impl<T> Default for Memo<T> {
    fn default() -> Self {
        Memo { seen: RefCell::new(Kept { numbers: Distinct::default(), answers: Vec::new() }) }
    }
}

impl<T: Clone> Memo<T> {
    /// `compute()`'s answer for `text`: kept from an earlier call with the same text, or computed
    /// (and kept while there is room).
    #[inline]
    pub(super) fn get_or(&self, text: &str, compute: impl FnOnce() -> T) -> T {
        {
            let seen = self.seen.borrow();
            if let Some(answer) = seen.numbers.get(text.as_bytes()).and_then(|i| seen.answers.get(i as usize)) {
                return answer.clone();
            }
        }
        let answer = compute();
        let mut seen = self.seen.borrow_mut();
        if let (true, Ok(index)) = (seen.answers.len() < CACHED, u32::try_from(seen.answers.len())) {
            seen.numbers.insert(text.as_bytes().into(), index);
            seen.answers.push(answer.clone());
        }
        answer
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::{Distinct, Memo, CACHED};
    use crate::short_key::tests::texts;
    use std::cell::Cell;

    /// Far more texts than the table has buckets, so buckets are shared and the map is used too.
    fn many() -> Vec<String> {
        texts()
            .into_iter()
            .chain((0..2000).map(|i| format!("type_{i}")))
            .chain([format!("{}x", "long".repeat(9))])
            .collect()
    }

    #[test]
    fn distinct_numbers_every_text_it_was_given_and_no_other() {
        let many = many();
        // Every other text is given, so most given texts have a near twin (the same text with a NUL,
        // or one byte off) that is not.
        let given: Vec<&String> = many.iter().step_by(2).collect();
        let never: Vec<&String> = many.iter().skip(1).step_by(2).collect();
        let mut distinct = Distinct::<&[u8]>::default();
        for (i, text) in given.iter().enumerate() {
            assert_eq!(distinct.get(text.as_bytes()), None, "{text:?}");
            distinct.insert(text.as_bytes(), u32::try_from(i).unwrap());
        }
        for (i, text) in given.iter().enumerate() {
            assert_eq!(distinct.get(text.as_bytes()), Some(u32::try_from(i).unwrap()), "{text:?}");
        }
        for text in never {
            assert_eq!(distinct.get(text.as_bytes()), None, "{text:?}");
        }
    }

    #[test]
    fn a_memo_answers_each_text_as_computed_and_computes_it_once_while_it_has_room() {
        let many = many();
        assert!(many.len() < CACHED);
        let memo = Memo::default();
        let calls = Cell::new(0);
        let answer = |text: &str| {
            calls.set(calls.get() + 1);
            format!("<{text}>")
        };
        for round in 0..2 {
            for text in &many {
                assert_eq!(memo.get_or(text, || answer(text)), format!("<{text}>"), "{text:?} in round {round}");
            }
        }
        assert_eq!(calls.get(), many.len());
        // Past its room, answers are computed every time, still right.
        let full = Memo::default();
        for i in 0..CACHED + 10 {
            let text = format!("t{i}");
            assert_eq!(full.get_or(&text, || i), i);
        }
        let late = format!("t{}", CACHED + 5);
        assert_eq!(full.get_or(&late, || usize::MAX), usize::MAX);
        assert_eq!(full.get_or("t1", || usize::MAX), 1);
    }
}
