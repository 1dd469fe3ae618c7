//! `ressearch eval`: the judged needs of `tests/relevance/` scored over the shared corpus, each
//! figure held above its floor (`tests/relevance/floors.json`), and the command's output and
//! errors.

use crate::common::{ressearch, root, shared_index};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

fn eval_json(set: &str, index: &std::path::Path) -> Value {
    let output = ressearch()
        .args(["eval", "--json", "--index"])
        .arg(index)
        .arg(root().join("tests/relevance").join(set))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "eval {set}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("eval --json prints one JSON object")
}

#[test]
fn the_judged_sets_score_above_their_floors_overall_and_per_kind() {
    let Some(index) = shared_index() else { return };
    let floors: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/relevance/floors.json")).unwrap(),
    )
    .unwrap();
    let mut below = Vec::new();
    for set in ["en.json", "fr.json"] {
        let report = eval_json(set, index);
        let needs = report["per_need"].as_array().unwrap().len();
        assert_eq!(report["needs"].as_u64(), Some(needs as u64));
        for (kind, floor) in floors[set].as_object().expect("floors for each set") {
            let floor = floor.as_f64().unwrap();
            let figure = if kind == "all" {
                report["ndcg10"].as_f64()
            } else {
                report["kinds"][kind]["ndcg10"].as_f64()
            }
            .unwrap_or_else(|| panic!("{set}: no figure for kind {kind}"));
            assert!((0.0..=1.0).contains(&figure), "{set} {kind}: {figure}");
            if figure < floor {
                below.push(format!("{set} {kind}: nDCG@10 {figure:.3} < floor {floor}"));
            }
        }
    }
    assert!(
        below.is_empty(),
        "ranking fell below its floors:\n{}",
        below.join("\n")
    );
}

#[test]
fn every_judged_item_names_a_clause_or_resolution_of_the_index() {
    // A judgment naming nothing that exists can never be found: it would lower the figures
    // silently. Each symbol must be in the index, each clause label among its clauses.
    let Some(index) = shared_index() else { return };
    for set in ["en.json", "fr.json"] {
        let needs: Value = serde_json::from_str(
            &std::fs::read_to_string(root().join("tests/relevance").join(set)).unwrap(),
        )
        .unwrap();
        let mut items: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for need in needs.as_array().unwrap() {
            for item in need["relevant"].as_object().unwrap().keys() {
                match item.rsplit_once(' ') {
                    Some((symbol, label)) if label.contains("PP") || label.contains("OP") => {
                        items.entry(symbol.into()).or_default().insert(label.into());
                    }
                    _ => {
                        items.entry(item.clone()).or_default();
                    }
                }
            }
        }
        let mut missing = Vec::new();
        for (symbol, labels) in &items {
            let output = ressearch()
                .args(["query", "--json", "-n", "100000", "--index"])
                .arg(index)
                .arg(format!("symbol:\"{symbol}\""))
                .output()
                .unwrap();
            let found: BTreeSet<String> = String::from_utf8_lossy(&output.stdout)
                .lines()
                .map(|line| {
                    let hit: Value = serde_json::from_str(line).unwrap();
                    hit["label"].as_str().unwrap().to_string()
                })
                .collect();
            if found.is_empty() {
                missing.push(symbol.clone());
            }
            for label in labels.difference(&found) {
                missing.push(format!("{symbol} {label}"));
            }
        }
        assert!(missing.is_empty(), "{set}: not in the index: {missing:?}");
    }
}

#[test]
fn a_file_that_is_not_a_judged_set_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("needs.json");
    std::fs::write(
        &bad,
        r#"[{"query": "peace", "kind": "term", "relevant": {"A/RES/1/1": 7}}]"#,
    )
    .unwrap();
    let output = ressearch()
        .args(["eval", "--index"])
        .arg(crate::common::founding_index())
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("needs.json") && stderr.contains("grade 7"),
        "{stderr}"
    );
}
