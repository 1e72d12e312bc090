//! Lays out built-in tables for embedding in the binary: the domain lists (front-coded) and the
//! country table of enrichment's country normalization.
//!
//! Domain lists (`src/signals/data/*.txt`):
//! Why: the lists are a third of the gzipped `.wasm`. Sorted by reversed labels (`com.gmail`), each
//! domain shares a long prefix with the one before; storing only the length of that prefix and the
//! rest cuts them from 77.6 KB to 64.7 KB gzipped. The `.txt` files stay the reviewable source;
//! `src/signals/domain_list.rs` decodes the result once, on the first lookup.
//!
//! Format, per domain: one byte with the length of the prefix shared with the previous entry (in
//! reversed-label form), then the remaining bytes, then `\n`.

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
        let mut encoded = Vec::with_capacity(text.len());
        let mut previous = "";
        for domain in &reversed {
            let mut shared = previous.bytes().zip(domain.bytes()).take_while(|(a, b)| a == b).count().min(255);
            while !domain.is_char_boundary(shared) {
                shared -= 1;
            }
            encoded.push(u8::try_from(shared)?);
            encoded.extend_from_slice(domain.get(shared..).ok_or("prefix past the end")?.as_bytes());
            encoded.push(b'\n');
            previous = domain;
        }
        std::fs::write(out.join(format!("{name}.fc")), encoded)?;
    }
    countries(&out)
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
