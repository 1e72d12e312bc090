//! `leadscore accounts`: contacts matched to accounts, scored, in JSON Lines, CSV and plain words;
//! the same cards as the library; unmatched contacts named on stderr without failing the run.

use super::{run, text, TempDir};
use leadscore::{time, Scorer};

const AS_OF: &str = "2026-11-30T00:00:00Z";

#[test]
fn accounts_match_score_and_explain() {
    let args = [
        "accounts",
        "examples/accounts/contacts.jsonl",
        "--accounts",
        "examples/accounts/accounts.jsonl",
        "--as-of",
        AS_OF,
    ];
    let out = run(&[&args[..], &["--explain"]].concat());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    // Accounts in id order; each line is the library's result for the account and its matched contacts.
    assert!(lines[0].starts_with(r#"{"account":{"accountId":"acc-globex""#), "{}", lines[0]);
    let northwind: serde_json::Value = serde_json::from_str(lines[1]).unwrap();
    let ids: Vec<&str> =
        northwind["contacts"].as_array().unwrap().iter().map(|c| c["leadId"].as_str().unwrap()).collect();
    assert_eq!(ids, ["c-101", "c-102", "c-103", "c-302"]);
    let contacts =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/accounts/contacts.jsonl")).unwrap();
    let accounts =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/accounts/accounts.jsonl")).unwrap();
    let mine: Vec<serde_json::Value> = contacts
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|c| ids.contains(&c["id"].as_str().unwrap()))
        .collect();
    let account: serde_json::Value = serde_json::from_str(accounts.lines().next().unwrap()).unwrap();
    let input = serde_json::json!({"account": account, "contacts": mine});
    let scorer = Scorer::default_model();
    let expected = scorer.score_account_value(input, time::parse_rfc3339(AS_OF).unwrap()).unwrap();
    assert_eq!(lines[1], expected.to_json(true));
    // The free-mail contact is named with its line, and the run still succeeds.
    let stderr = text(&out.stderr);
    assert!(stderr.contains("contacts.jsonl:6: not matched to an account: free-mail domain gmail.com"), "{stderr}");
    assert!(stderr.contains("2 accounts scored from 7 contacts (1 unmatched)"), "{stderr}");

    let csv = run(&[&args[..], &["--format", "csv"]].concat());
    let csv = text(&csv.stdout);
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows[0], "accountId,score,tier,grade,label,contacts,engaged,completeness,missingRoles,intent,action");
    assert!(rows[2].starts_with("acc-northwind,91,hot,A,A1,4,3,1,,fresh,assign_account_executive"), "{csv}");
    assert!(rows[1].contains(",stale,"), "{csv}");

    let words = text(&run(&[&args[..], &["--format", "text"]].concat()).stdout);
    assert!(words.contains("account acc-northwind: score 91 (hot -> assign_account_executive), grade A"), "{words}");
    assert!(words.contains("Finance 0/1 missing"), "{words}");
    assert!(
        words.contains("c-102: score 56 warm -> route_to_account_executive (account matrix); stage pql (entered)"),
        "{words}"
    );
}

#[test]
fn accounts_without_a_list_group_by_domain_and_refuse_bad_records() {
    let dir = TempDir::new("leadscore-accounts");
    let contacts = dir.join("contacts.jsonl");
    std::fs::write(
        &contacts,
        "{\"id\":\"a\",\"email\":\"a@initech.io\",\"title\":\"CFO\"}\nnot json\n{\"id\":\"b\",\"email\":\"b@initech.io\"}\n",
    )
    .unwrap();
    let out = run(&["accounts", contacts.to_str().unwrap(), "--as-of", AS_OF]);
    assert_eq!(out.status.code(), Some(1), "a refused record fails the run");
    let stdout = text(&out.stdout);
    let line: serde_json::Value = serde_json::from_str(stdout.lines().next().unwrap()).unwrap();
    assert_eq!(line["account"]["accountId"], "initech.io");
    assert_eq!(line["contacts"].as_array().unwrap().len(), 2);
    assert!(line["account"].get("contributions").is_none(), "summaries without --explain");
    assert!(text(&out.stderr).contains("contacts.jsonl:2: not valid JSON"), "{}", text(&out.stderr));
    let usage = run(&["accounts", contacts.to_str().unwrap(), "--format", "csv", "--explain"]);
    assert_eq!(usage.status.code(), Some(2));
}
