//! `ressearch segment` from the outside: output formats, exit codes, errors.

use predicates::prelude::*;

use crate::common::{self, ressearch};

#[test]
fn segment_json_is_one_object_with_the_documented_keys() {
    let out = ressearch()
        .arg("segment")
        .arg(common::founding_file())
        .arg("--json")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let value: serde_json::Value = serde_json::from_slice(&out).expect("valid JSON");
    for key in [
        "symbol", "language", "body", "session", "title", "adopted", "meeting", "clauses",
    ] {
        assert!(value.get(key).is_some(), "missing key {key}");
    }
    assert_eq!(value["symbol"], "A/RES/75/272");
    assert_eq!(value["body"], "General Assembly");
    assert_eq!(value["language"], "fr");
    assert_eq!(value["session"], 75);
    let clause = &value["clauses"][2];
    assert_eq!(clause["type"], "preambular");
    assert_eq!(clause["number"], 3);
    assert_eq!(clause["opening"], "Rappelant également");
    assert_eq!(
        clause["cites"],
        serde_json::json!(["S/2007/279", "S/2007/280"])
    );
    assert_eq!(
        clause["footnotes"],
        serde_json::json!(["S/2007/279 et S/2007/280."])
    );
}

#[test]
fn segment_text_output_labels_each_clause() {
    ressearch()
        .arg("segment")
        .arg(common::founding_file())
        .assert()
        .success()
        .stdout(predicate::str::contains("PP3  Rappelant également"))
        .stdout(predicate::str::contains("OP4  Encourage"))
        .stdout(predicate::str::contains(
            "20 clauses: 16 preambular, 4 operative",
        ));
}

fn assert_one_line_error(file_contents: &[u8], name: &str, reason: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, file_contents).unwrap();
    let assert = ressearch().arg("segment").arg(&path).assert().code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr.lines().count(), 1, "one line expected: {stderr}");
    assert!(stderr.starts_with("ressearch: "), "{stderr}");
    assert!(stderr.contains(name), "names the file: {stderr}");
    assert!(stderr.contains(reason), "says {reason:?}: {stderr}");
}

#[test]
fn non_utf8_input_is_a_one_line_error() {
    let latin1 = b"L\xe9gislation de l'Assembl\xe9e g\xe9n\xe9rale";
    assert_one_line_error(latin1, "latin1.txt", "not UTF-8");
}

#[test]
fn empty_input_is_a_one_line_error() {
    assert_one_line_error(b"  \n\n", "empty.txt", "empty");
}

#[test]
fn text_that_is_not_a_resolution_is_a_one_line_error() {
    let readme = std::fs::read(common::root().join("Cargo.toml")).unwrap();
    assert_one_line_error(&readme, "notes.txt", "not a resolution");
}

#[test]
fn a_missing_file_is_a_one_line_error() {
    ressearch()
        .arg("segment")
        .arg("no/such/file.txt")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/file.txt"));
}
