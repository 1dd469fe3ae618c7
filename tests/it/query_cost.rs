//! Inputs built to be costly: a query of 50,000 filters, parentheses nested thousands deep, a
//! clause made of a megabyte of symbols. Each gets its answer, with a note where the query
//! language gave up, in time proportional to its size (the timeouts only guard against a hang: speed is measured by the
//! benchmarks).

use std::time::Duration;

use crate::common::{self, ressearch};

fn query(args: &[String]) -> (i32, String, String) {
    let out = ressearch()
        .arg("query")
        .args(args)
        .args(["--limit", "0", "--index"])
        .arg(common::founding_index())
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (
        out.status.code().expect("the query ended by itself"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr,
    )
}

#[test]
fn fifty_thousand_cites_filters_are_refused_as_syntax_and_answered_quickly() {
    // As separate arguments: one argument is limited to 128 kB by the system.
    let filters: Vec<String> = (0..50_000).map(|i| format!("cites:A/RES/{i}/1")).collect();
    let (code, _, stderr) = query(&filters);
    // Past the limit the query language gives up and the text is read as plain words, saying so.
    assert!(code == 0 || code == 1, "{stderr}");
    assert!(
        stderr.contains("read as plain words: more than 1000 terms"),
        "{stderr}"
    );
    // At the limit, an alternative of 1,000 filters is answered.
    let mut alternatives: Vec<String> = (0..999)
        .flat_map(|i| [format!("cites:A/RES/{i}/1"), "OR".to_string()])
        .collect();
    alternatives.push("cites:S/2007/279".to_string());
    let (code, _, stderr) = query(&alternatives);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("of 1 matching clauses"), "{stderr}");
}

#[test]
fn thousands_of_nested_parentheses_are_refused_as_syntax_without_overflowing() {
    let nested = format!("{}paix{}", "(".repeat(8_400), ")".repeat(8_400));
    let (code, _, stderr) = query(&[nested]);
    assert!(code == 0 || code == 1, "{stderr}");
    assert!(
        stderr.contains("read as plain words: more than 32 levels of nesting"),
        "{stderr}"
    );
}

#[test]
fn a_clause_of_a_megabyte_of_symbols_keeps_each_symbol_once() {
    let dir = tempfile::tempdir().unwrap();
    let founding = std::fs::read_to_string(common::founding_file()).unwrap();
    let distinct = 60_000;
    let symbols: Vec<String> = (0..distinct)
        .map(|i| format!("S/{}/{}", 1000 + i, i % 7))
        .collect();
    // Each symbol twice: a megabyte of text, half of it repeats.
    let list = format!("{} {}", symbols.join(" "), symbols.join(" "));
    let generated: std::collections::HashSet<&str> = symbols.iter().map(String::as_str).collect();
    assert!(list.len() > 1_000_000);
    let text = founding.replacen(
        "Encourage le Centre régional",
        &format!("Encourage {list} le Centre régional"),
        1,
    );
    assert_ne!(text, founding);
    let file = dir.path().join("A_RES_75_272.txt");
    std::fs::write(&file, text).unwrap();
    let out = ressearch()
        .args(["segment", "--json"])
        .arg(&file)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let res: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let cites: Vec<&str> = res["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["cites"].as_array().unwrap())
        .map(|c| c.as_str().unwrap())
        .filter(|c| generated.contains(*c))
        .collect();
    // Each once, in order of first appearance.
    assert_eq!(cites, symbols);
}
