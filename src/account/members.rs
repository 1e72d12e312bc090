//! The contacts of an account as its roll-up, breadth and buying group see them.

/// One contact, scored.
#[derive(Debug, Clone)]
pub struct Member {
    /// Its `id` (text or number), else its email, else its place in the input: how cards name it.
    pub id: String,
    /// Its lead score (before any account boost: the boost depends on the account's score).
    pub score: f64,
    /// At or above the roll-up's `engagedMin`.
    pub engaged: bool,
    /// The contact checks that held: `role:<id>`, `stage:<id>`.
    pub checks: Vec<String>,
}

impl Member {
    /// Whether the check `<prefix><id>` held (compared in place: no text built per contact).
    pub fn passes(&self, prefix: &str, id: &str) -> bool {
        self.checks.iter().any(|c| c.strip_prefix(prefix) == Some(id))
    }
}

/// Engaged members, best score first, then by id: the same order whatever the input order.
pub fn engaged_by_score(members: &[Member]) -> Vec<&Member> {
    let mut engaged: Vec<&Member> = members.iter().filter(|m| m.engaged).collect();
    engaged.sort_unstable_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
    engaged
}

/// Hundredths of a non-negative product, rounded half up.
pub fn centi(x: f64) -> i64 {
    (x * 100.0).round() as i64
}

/// A number as people read it (JavaScript's formatting, the same on every target).
pub fn show(x: f64) -> String {
    crate::json::number(x)
}
