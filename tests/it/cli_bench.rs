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
    let lines: Vec<Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect();
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
