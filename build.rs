//! Front-codes the built-in domain lists (`src/signals/data/*.txt`) for embedding in the binary.
//!
//! Why: the lists are a third of the gzipped `.wasm`. Sorted by reversed labels (`com.gmail`), each
//! domain shares a long prefix with the one before; storing only the length of that prefix and the
//! rest cuts them from 77.6 KB to 64.7 KB gzipped. The `.txt` files stay the reviewable source;
//! `src/signals/domain_list.rs` decodes the result once, on the first lookup.
//!
//! Format, per domain: one byte with the length of the prefix shared with the previous entry (in
//! reversed-label form), then the remaining bytes, then `\n`.

use std::error::Error;
use std::path::PathBuf;

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
    Ok(())
}
