//! `accounts`: contacts (and optionally accounts) from files, grouped by the model's matching
//! policy, each account scored with its contacts. Contacts no account takes are named on stderr
//! with the reason; matching choices are notes on the account's card (code `matching`).

use crate::args::{AccountFormat, AccountsArgs};
use crate::files::{load_scorer, name, now};
use crate::output::stdout_failed;
use crate::source::{Lead, Source};
use crate::Exit;
use leadscore::account::matching::match_contacts;
use leadscore::account::AccountResult;
use leadscore::api::{Error, Kind};
use leadscore::{time, Contribution};
use serde_json::{json, Value};
use std::io::Write;
use std::path::Path;

/// Runs `accounts`: exit 1 when a record or an account was refused (unmatched contacts are warnings).
pub fn run(args: &AccountsArgs) -> Result<(), Exit> {
    if args.explain && args.format != AccountFormat::Jsonl {
        return Err(Exit::new(Kind::Usage, "--explain writes whole cards as JSON Lines: leave out --format"));
    }
    let settings = args.options().resolve(now)?;
    let scorer = load_scorer(&args.model)?;
    let mut failed = false;
    let (contacts, contact_lines) = read_records(&args.contacts, &args.separator, &mut failed)?;
    let (accounts, _) = match &args.accounts {
        Some(path) => read_records(path, &args.separator, &mut failed)?,
        None => (Vec::new(), Vec::new()),
    };
    let file = name(&args.contacts);
    let matched = match_contacts(scorer.model(), &accounts, &contacts);
    let mut err = std::io::stderr().lock();
    for u in &matched.unmatched {
        let line = contact_lines.get(u.contact).copied().unwrap_or(0);
        // A warning, not a failure: free-mail sign-ups are expected in any contact export.
        let _ = writeln!(err, "{file}:{line}: not matched to an account: {}", u.reason);
    }
    let mut out = std::io::stdout().lock();
    if args.format == AccountFormat::Csv {
        writeln!(out, "accountId,score,tier,grade,label,contacts,engaged,completeness,missingRoles,intent,action")
            .map_err(stdout_failed)?;
    }
    let mut scored = 0;
    // Accounts without contacts are scored too: fit, product usage and intent count alone.
    for group in &matched.groups {
        let account = group.account.and_then(|i| accounts.get(i)).cloned().unwrap_or_else(|| json!({ "id": group.id }));
        let members: Vec<Value> = group.contacts.iter().filter_map(|&c| contacts.get(c).cloned()).collect();
        let input = json!({ "account": account, "contacts": members });
        match scorer.score_account_value(input, settings.as_of) {
            Ok(mut result) => {
                for note in &group.notes {
                    let mut note = note.clone();
                    let at = note.path.trim_start_matches("contacts[").trim_end_matches(']').parse::<usize>().ok();
                    if let Some(c) = at {
                        let line = contact_lines.get(c).copied().unwrap_or(0);
                        let k = group.contacts.iter().position(|&x| x == c).unwrap_or(0);
                        note.path = format!("contacts[{k}]");
                        note.message = format!("{file}:{line}: {}", note.message);
                    }
                    result.account.warnings.push(note);
                }
                scored += 1;
                let text = match args.format {
                    AccountFormat::Jsonl => result.to_json(args.explain),
                    AccountFormat::Csv => csv_row(&result),
                    AccountFormat::Text => explained(&result),
                };
                writeln!(out, "{text}").map_err(stdout_failed)?;
            }
            Err(e) => {
                failed = true;
                let e = Error::from(e);
                let _ = writeln!(err, "account {}: {e}", group.id);
            }
        }
    }
    out.flush().map_err(stdout_failed)?;
    let _ = writeln!(
        err,
        "{scored} accounts scored from {} contacts ({} unmatched) as of {}",
        contacts.len(),
        matched.unmatched.len(),
        time::format_rfc3339(settings.as_of)
    );
    if failed {
        return Err(Exit { code: 1, message: String::new() });
    }
    Ok(())
}

/// Every record of a JSON Lines or CSV file as a JSON object, with its line; refused records are
/// reported on stderr and left out.
fn read_records(path: &Path, separator: &Option<String>, failed: &mut bool) -> Result<(Vec<Value>, Vec<usize>), Exit> {
    let file = name(path);
    let mut source = Source::open(path, separator)?;
    let (mut records, mut lines) = (Vec::new(), Vec::new());
    while let Some(chunk) = source.next_chunk().map_err(|e| Exit::new(Kind::Io, format!("{file}: {e}")))? {
        for (line, lead) in chunk.leads {
            let value = match lead {
                Lead::Text(range) => serde_json::from_str::<Value>(chunk.text.get(range).unwrap_or(""))
                    .map_err(|e| format!("not valid JSON: {e}")),
                Lead::Value(v) => Ok(v),
                Lead::Refused(e) => Err(e.reason.clone()),
            };
            match value {
                Ok(v @ Value::Object(_)) => {
                    records.push(v);
                    lines.push(line);
                }
                Ok(other) => {
                    *failed = true;
                    let _ = writeln!(std::io::stderr(), "{file}:{line}: expected an object, found {other}");
                }
                Err(reason) => {
                    *failed = true;
                    let _ = writeln!(std::io::stderr(), "{file}:{line}: {reason}");
                }
            }
        }
    }
    Ok((records, lines))
}

/// One CSV row: the account's summary.
fn csv_row(r: &AccountResult<'_>) -> String {
    let a = &r.account;
    let missing = a.buying_group.as_ref().map(|b| b.missing.join(";")).unwrap_or_default();
    let completeness = a.buying_group.as_ref().map(|b| b.completeness.to_string()).unwrap_or_default();
    let intent = a.intent.as_ref().map(|i| format!("{:?}", i.status).to_lowercase()).unwrap_or_default();
    let id =
        a.account_id.as_ref().map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string)).unwrap_or_default();
    let fields = [
        id,
        a.score.to_string(),
        a.tier.as_ref().map(|t| t.name.to_string()).unwrap_or_default(),
        a.grade.unwrap_or("").to_string(),
        a.label.unwrap_or("").to_string(),
        a.contacts.total.to_string(),
        a.contacts.engaged.to_string(),
        completeness,
        missing,
        intent,
        a.tier.as_ref().and_then(|t| t.action).unwrap_or("").to_string(),
    ];
    fields.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(",")
}

fn csv_field(f: &str) -> String {
    if f.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", f.replace('"', "\"\""))
    } else {
        f.to_string()
    }
}

/// An account in plain words.
fn explained(r: &AccountResult<'_>) -> String {
    let a = &r.account;
    let id = a.account_id.as_ref().map_or(String::new(), |v| v.as_str().map_or_else(|| v.to_string(), str::to_string));
    let tier = a.tier.as_ref().map_or("no tier".to_string(), |t| match t.action {
        Some(action) => format!("{} -> {action}", t.name),
        None => t.name.to_string(),
    });
    let grade = a.grade.map_or(String::new(), |g| format!(", grade {g}"));
    let mut lines = vec![format!("account {id}: score {} ({tier}){grade}", a.score)];
    let mut facts = vec![format!("{} contacts, {} engaged", a.contacts.total, a.contacts.engaged)];
    if let Some(b) = &a.buying_group {
        let missing = if b.missing.is_empty() { String::new() } else { format!(", missing {}", b.missing.join(", ")) };
        facts.push(format!("buying group {}% complete{missing}", (b.completeness * 100.0).round()));
    }
    if let Some(i) = &a.intent {
        let latest = i.latest_at.map_or(String::new(), |at| format!(", latest {}", &time::format_rfc3339(at)[..10]));
        facts.push(format!("intent {}{latest}", format!("{:?}", i.status).to_lowercase()));
    }
    lines.push(format!("  {}", facts.join("; ")));
    for c in a.contributions.as_deref().unwrap_or(&[]) {
        lines.push(contribution(c));
    }
    lines.push(format!("  {:>8}  raw points", format!("={}", a.raw)));
    for w in &a.warnings {
        lines.push(format!("  note: {}: {}", w.path, w.message));
    }
    lines.push("  contacts:".into());
    for c in &r.contacts {
        let id = c
            .card
            .lead_id
            .as_ref()
            .map_or("?".to_string(), |v| v.as_str().map_or_else(|| v.to_string(), str::to_string));
        let tier = c.card.tier.as_ref().map_or("no tier", |t| t.name);
        let route = c.route.as_ref().map_or(String::new(), |r| {
            format!(
                " -> {} ({})",
                r.action.unwrap_or("no action"),
                if r.by == "matrix" { "account matrix" } else { "lead tier" }
            )
        });
        let stage = c.stage.as_ref().map_or(String::new(), |s| {
            let suggested = s.suggested.map_or(String::new(), |x| format!(", suggest {x}"));
            format!("; stage {} ({}{suggested})", s.id.unwrap_or("none"), s.change)
        });
        lines.push(format!("    {id}: score {} {tier}{route}{stage}", c.card.score));
    }
    lines.join("\n")
}

fn contribution(c: &Contribution<'_>) -> String {
    format!("  {:>8}  {}  [{}]", format!("{:+}", c.points), c.reason, c.group)
}
