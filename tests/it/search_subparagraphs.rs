//! Lettered subparagraphs in segmentation and in search: `segment --json` lists them, and a hit
//! whose matches all lie in one is labelled with it (`OP1(b)`) and snippeted from it.

use serde_json::Value;

use crate::common::{self, ressearch, shared_index};

#[test]
fn segment_json_lists_the_subparagraphs_of_each_clause() {
    // S/RES/408 (1977): "Decides: (a) To call upon …; (b) To renew …; (c) To request …".
    let Some(corpus) = common::shared_corpus() else {
        return;
    };
    let output = ressearch()
        .args(["segment", "--json"])
        .arg(corpus.join("en/sc/S_RES_408_1977.txt"))
        .output()
        .unwrap();
    assert!(output.status.success());
    let res: Value = serde_json::from_slice(&output.stdout).unwrap();
    let clauses = res["clauses"].as_array().unwrap();
    let op1 = clauses
        .iter()
        .find(|c| c["type"] == "operative" && c["number"] == 1)
        .unwrap();
    let subs = op1["subparagraphs"].as_array().unwrap();
    let labels: Vec<&str> = subs.iter().map(|s| s["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["(a)", "(b)", "(c)"]);
    assert!(
        subs[1]["text"]
            .as_str()
            .unwrap()
            .starts_with("To renew the mandate")
    );
    // Every clause has the key, an empty list when it has no subparagraphs.
    assert!(clauses.iter().all(|c| c["subparagraphs"].is_array()));
    assert_eq!(clauses[0]["subparagraphs"], Value::Array(Vec::new()));
}

#[test]
fn a_hit_inside_one_subparagraph_is_labelled_and_snippeted_from_it() {
    let Some(index) = shared_index() else {
        return;
    };
    let found = common::query_json(index, &["renew mandate", "--symbol", "S/RES/408 (1977)"]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["label"], "OP1(b)");
    assert_eq!(found[0]["subparagraph"], "(b)");
    let snippet = found[0]["snippet"].as_str().unwrap();
    assert!(snippet.starts_with("To"), "{snippet}");
    assert!(!snippet.contains("To call upon"), "{snippet}");
    // The matched words of the whole text are still all marked.
    let highlights = found[0]["highlights"].as_array().unwrap();
    assert_eq!(highlights.len(), 2, "{highlights:?}");
    // The plain output labels the hit likewise.
    ressearch()
        .args([
            "query",
            "renew mandate",
            "--symbol",
            "S/RES/408 (1977)",
            "--index",
        ])
        .arg(index)
        .assert()
        .success()
        .stdout(predicates::str::contains("OP1(b)"));
    // Matches in two subparagraphs: the clause itself.
    let spread = common::query_json(index, &["renew implement", "--symbol", "S/RES/408 (1977)"]);
    assert_eq!(spread.len(), 1, "{spread:?}");
    assert_eq!(spread[0]["label"], "OP1");
    assert_eq!(spread[0]["subparagraph"], Value::Null);
}
