//! The lookup key of a country name or code, shared by `build.rs` (which lays out the table) and
//! the engine (which looks inputs up), so both sides fold a name the same way.
//!
//! Lower-cased, Latin accents folded (`Côte d'Ivoire` -> `cotedivoire`), everything but letters and
//! digits dropped (`U.S.A.` -> `usa`, `United Kingdom` -> `unitedkingdom`), and a leading word "the"
//! dropped (`The Netherlands` -> `netherlands`).

/// The key of `text` (see the module's doc).
pub fn country_key(text: &str) -> String {
    let text = text.trim();
    let lower = text.to_lowercase();
    let body = match lower.strip_prefix("the") {
        Some(rest) if rest.starts_with(|c: char| !c.is_alphanumeric()) => rest,
        _ => lower.as_str(),
    };
    let mut key = String::with_capacity(body.len());
    for c in body.chars() {
        match fold(c) {
            Some(base) => key.push_str(base),
            None if c.is_alphanumeric() => key.push(c),
            None => {}
        }
    }
    key
}

/// The unaccented letters of a lower-case Latin letter with a diacritic.
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
        'ł' | 'ľ' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ř' => "r",
        'ś' | 'š' | 'ş' | 'ș' => "s",
        'ß' => "ss",
        'ť' | 'ţ' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}
