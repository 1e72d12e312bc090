//! Lays out built-in tables for embedding in the binary: the domain lists (front-coded in blocks that
//! a lookup binary-searches where they lie) and the country table of enrichment's country
//! normalization.
//!
//! Domain lists (`src/signals/data/*.txt`):
//! Why front-coded: the lists are a third of the gzipped `.wasm`. Sorted by reversed labels
//! (`com.gmail`), each domain shares a long prefix with the one before; storing only the length of
//! that prefix and the rest cuts them from 77.6 KB to 64.0 KB gzipped. Why in blocks: a lookup must
//! not decode the lists first (that was most of the first score's time in wasm), so every
//! [`DOMAIN_BLOCK`]-th domain is stored whole and a lookup binary-searches those, then reads one
//! block. The `.txt` files stay the reviewable source; `src/signals/domain_list.rs` reads the result.
//!
//! Format, per domain: one byte below 0x20 with the length of the prefix shared with the previous
//! domain (in reversed-label form; at most 31), then the remaining bytes (every one 0x20 or above, so
//! the next length byte marks the next domain). A length of 0 starts a block: the domain is whole.

use std::collections::BTreeMap;
use std::error::Error;
use std::path::{Path, PathBuf};

#[path = "src/enrich/country_key.rs"]
mod country_key;

fn main() -> Result<(), Box<dyn Error>> {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?);
    for name in ["free_mail", "disposable"] {
        let source = format!("src/signals/data/{name}.txt");
        println!("cargo::rerun-if-changed={source}");
        let text = std::fs::read_to_string(&source)?;
        let mut reversed: Vec<String> = text
            .lines()
            .filter(|l| !l.is_empty())
            .map(|domain| domain.rsplit('.').collect::<Vec<_>>().join("."))
            .collect();
        reversed.sort_unstable();
        reversed.dedup();
        std::fs::write(out.join(format!("{name}.fc")), front_code(&reversed).map_err(|e| format!("{source}: {e}"))?)?;
    }
    countries(&out)
}

/// Domains per block: the first of each is stored whole. 16 keeps a search to a few hundred bytes
/// read, and the lists smaller than they were with a `\n` after each domain (gzip -9: 63,973 B
/// against 64,829 B; blocks of 8 would add about 1.7 KB).
const DOMAIN_BLOCK: usize = 16;
/// The longest shared prefix a length byte holds (length bytes are below 0x20).
const MAX_SHARED: usize = 0x1f;
/// The longest domain (`src/signals/domain_list.rs` reverses a looked-up domain into a buffer this
/// size).
const MAX_DOMAIN: usize = 255;

/// The sorted, reversed-label domains front-coded in blocks (see the format above).
fn front_code(sorted: &[String]) -> Result<Vec<u8>, String> {
    let mut encoded = Vec::new();
    let mut previous = "";
    for (i, domain) in sorted.iter().enumerate() {
        if domain.is_empty() || domain.len() > MAX_DOMAIN || domain.bytes().any(|b| b < 0x20 || b == 0x7f) {
            return Err(format!("{domain:?}: a domain is 1 to {MAX_DOMAIN} bytes, without control characters"));
        }
        let mut shared = if i % DOMAIN_BLOCK == 0 {
            0
        } else {
            previous.bytes().zip(domain.bytes()).take_while(|(a, b)| a == b).count().min(MAX_SHARED)
        };
        while !domain.is_char_boundary(shared) {
            shared -= 1;
        }
        encoded.push(u8::try_from(shared).map_err(|e| e.to_string())?);
        encoded.extend_from_slice(domain.get(shared..).ok_or("prefix past the end")?.as_bytes());
        previous = domain;
    }
    Ok(encoded)
}

/// Names and codes people write for a country that the ISO table's names and aliases miss: the
/// usual abbreviations and the names in the country's own language that CRM exports carry.
const MORE_COUNTRY_NAMES: &[(&str, &str)] = &[
    ("UK", "GB"),
    ("U.K.", "GB"),
    ("Britain", "GB"),
    ("Korea", "KR"),
    ("UAE", "AE"),
    ("Deutschland", "DE"),
    ("España", "ES"),
    ("Brasil", "BR"),
    ("Schweiz", "CH"),
    ("Suisse", "CH"),
    ("Österreich", "AT"),
    ("Nederland", "NL"),
    ("Italia", "IT"),
    ("Polska", "PL"),
    ("Sverige", "SE"),
    ("Norge", "NO"),
    ("Danmark", "DK"),
    ("Suomi", "FI"),
    ("Türkiye", "TR"),
    ("Czech Republic", "CZ"),
    ("Holland", "NL"),
];

/// `countries.txt`: every ISO 3166-1 alpha-2 and alpha-3 code, name and alias (from the `celes`
/// crate) plus [`MORE_COUNTRY_NAMES`], by their `country_key`, sorted for a binary search, each
/// with its alpha-2 code. A key two countries share is left out (it names neither for sure).
fn countries(out: &Path) -> Result<(), Box<dyn Error>> {
    use celes::LookupTable;
    let mut table: BTreeMap<String, Option<&'static str>> = BTreeMap::new();
    let mut add = |name: &str, alpha2: &'static str| {
        let key = country_key::country_key(name);
        if key.is_empty() {
            return;
        }
        let entry = table.entry(key).or_insert(Some(alpha2));
        if *entry != Some(alpha2) {
            *entry = None;
        }
    };
    for c in celes::Country::get_countries() {
        add(c.alpha2, c.alpha2);
        add(c.alpha3, c.alpha2);
        add(c.long_name, c.alpha2);
        for alias in c.aliases.iter() {
            // The crate writes aliases in CamelCase ("UnitedKingdom"); keys ignore spaces anyway.
            add(alias, c.alpha2);
        }
    }
    for (name, alpha2) in MORE_COUNTRY_NAMES {
        let code = celes::Country::from_alpha2(alpha2).map_err(|e| format!("{alpha2}: {e}"))?.alpha2;
        add(name, code);
    }
    // One text, a line per key ("unitedstates\tUS\n"), sorted: a table of string pointers took
    // twice the bytes in the .wasm and compressed poorly.
    let mut text = String::new();
    for (key, alpha2) in &table {
        if let Some(alpha2) = alpha2 {
            text.push_str(&format!("{key}\t{alpha2}\n"));
        }
    }
    std::fs::write(out.join("countries.txt"), text)?;
    Ok(())
}
