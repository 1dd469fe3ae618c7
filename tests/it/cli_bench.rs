//! `ressearch bench` end to end: an index of the project's corpus/ in a temporary directory,
//! the JSON lines parsed and checked.

use serde_json::Value;

use crate::common::{self, ressearch};

#[test]
fn json_lines_give_ordered_percentiles_per_class_and_measure() {
    let index = common::founding_index();
    let scratch = tempfile::tempdir().unwrap();
    let queries = scratch.path().join("queries.tsv");
    std::fs::write(
        &queries,
        "# test set\nterm\tdiplomatie\nterm\tpaix\nphrase\t\"diplomatie préventive\"\nfilter\tcites:A/RES/72/7\nnone\tzzzunknownword\n",
    )
    .unwrap();
    let output = ressearch()
        .args(["bench", "--json", "--runs", "5", "--index"])
        .arg(index)
        .arg("--queries")
        .arg(&queries)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let lines = common::json_lines(&output.stdout);
    // 4 classes and `all`, each measured twice.
    assert_eq!(lines.len(), 10);
    for (class, queries) in [
        ("term", 2),
        ("phrase", 1),
        ("filter", 1),
        ("none", 1),
        ("all", 5),
    ] {
        for measure in ["search", "search+fetch"] {
            let s = lines
                .iter()
                .find(|l| l["class"] == class && l["measure"] == measure)
                .unwrap_or_else(|| panic!("no line for {class} {measure}"));
            assert_eq!(s["queries"], queries);
            assert_eq!(s["count"], queries * 5);
            let f = |k: &str| s[k].as_f64().unwrap_or_else(|| panic!("{k} in {s}"));
            assert!(f("p50_us") > 0.0, "{s}");
            assert!(f("p50_us") <= f("p95_us"), "{s}");
            assert!(f("p95_us") <= f("p99_us"), "{s}");
            assert!(f("p99_us") <= f("max_us"), "{s}");
            assert!(f("qps") > 0.0, "{s}");
        }
    }
    let none = lines.iter().find(|l| l["class"] == "none").unwrap();
    assert_eq!(none["zero_hit_queries"], 1);
    let term = lines.iter().find(|l| l["class"] == "term").unwrap();
    assert_eq!(term["zero_hit_queries"], 0);
}

#[test]
fn the_builtin_set_runs_and_prints_a_table() {
    let index = common::founding_index();
    let output = ressearch()
        .args(["bench", "--runs", "1", "--index"])
        .arg(index)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let text = String::from_utf8(output.stdout).unwrap();
    for word in [
        "search+fetch",
        "p50 µs",
        "p99 µs",
        "qps",
        "term-fr",
        "phrase-en",
        "filter",
        "all",
    ] {
        assert!(text.contains(word), "{word} missing in\n{text}");
    }
}

#[test]
fn a_bad_query_set_or_a_missing_index_is_an_error() {
    let index = common::founding_index();
    let scratch = tempfile::tempdir().unwrap();
    let queries = scratch.path().join("bad.tsv");
    std::fs::write(&queries, "no tab here\n").unwrap();
    ressearch()
        .args(["bench", "--index"])
        .arg(index)
        .arg("--queries")
        .arg(&queries)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("bad.tsv:1:"));
    let empty = tempfile::tempdir().unwrap();
    ressearch()
        .args(["bench", "--index"])
        .arg(empty.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no index"));
}

#[test]
fn the_query_set_is_listed_as_bench_runs_it() {
    let output = ressearch()
        .args(["bench", "--list-queries"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let listed = String::from_utf8(output.stdout).unwrap();
    let file = std::fs::read_to_string(common::root().join("benches/queries/default.tsv")).unwrap();
    let expected: Vec<&str> = file
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .collect();
    assert_eq!(listed.lines().collect::<Vec<_>>(), expected);
    // Another set is listed as given, comments left out.
    let scratch = tempfile::tempdir().unwrap();
    let queries = scratch.path().join("q.tsv");
    std::fs::write(&queries, "# mine\nterm\tpaix\n").unwrap();
    ressearch()
        .args(["bench", "--list-queries", "--queries"])
        .arg(&queries)
        .assert()
        .success()
        .stdout("term\tpaix\n");
    // Listing measures nothing: --runs and --json do not go with it.
    ressearch()
        .args(["bench", "--list-queries", "--json"])
        .assert()
        .code(2);
}

#[test]
fn export_prints_every_clause_of_the_index_once_as_segment_reads_it() {
    let index = common::founding_index();
    let output = ressearch()
        .args(["export", "--index"])
        .arg(index)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let exported = common::json_lines(&output.stdout);
    let segmented = ressearch()
        .args(["segment", "--json"])
        .arg(common::root().join("corpus/A_RES_75_272.txt"))
        .output()
        .unwrap();
    let res: Value = serde_json::from_slice(&segmented.stdout).unwrap();
    let clauses = res["clauses"].as_array().unwrap();
    assert_eq!(exported.len(), clauses.len());
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains(&format!("exported {} clauses", clauses.len()))
    );
    let mut texts: Vec<&str> = exported
        .iter()
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    let mut expected: Vec<&str> = clauses
        .iter()
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    texts.sort_unstable();
    expected.sort_unstable();
    assert_eq!(texts, expected);
    let mut labels: Vec<&str> = exported
        .iter()
        .map(|c| c["label"].as_str().unwrap())
        .collect();
    labels.sort_unstable();
    labels.dedup();
    assert_eq!(labels.len(), exported.len(), "each clause once");
    for c in &exported {
        assert_eq!(c["symbol"], "A/RES/75/272", "{c}");
        assert_eq!(c["language"], "fr", "{c}");
        assert_eq!(c["body"], "ga", "{c}");
        assert_eq!(c["session"], 75, "{c}");
        assert!(c["type"] == "preambular" || c["type"] == "operative", "{c}");
        assert!(c["cites"].is_array(), "{c}");
    }
    ressearch()
        .args(["export", "--index"])
        .arg(common::root().join("no-such-index"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no index"));
}
