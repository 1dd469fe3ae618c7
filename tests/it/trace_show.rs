//! `ressearch show`: a resolution read back from the index, as `segment` made it; one clause;
//! the French and English versions side by side; and `query --symbol` in document order.

use std::path::Path;

use serde_json::Value;

use crate::common::{founding_file, founding_index, ressearch, shared_index};

#[test]
fn show_json_is_the_object_segment_json_prints() {
    let segmented = ressearch()
        .arg("segment")
        .arg(founding_file())
        .arg("--json")
        .output()
        .unwrap();
    let segmented: Value = serde_json::from_slice(&segmented.stdout).unwrap();
    for typed in ["A/RES/75/272", "75/272", "a/res/75/272"] {
        let (code, shown, _) = crate::common::run_on(&["show", typed, "--json"], founding_index());
        assert_eq!(code, 0);
        let shown: Value = serde_json::from_str(shown.trim()).unwrap();
        assert_eq!(shown, segmented, "{typed}");
    }
    // The readable form is segment's too.
    let segmented = ressearch()
        .arg("segment")
        .arg(founding_file())
        .output()
        .unwrap();
    let (_, shown, _) = crate::common::run_on(&["show", "A/RES/75/272"], founding_index());
    assert_eq!(shown, String::from_utf8(segmented.stdout).unwrap());
}

#[test]
fn show_with_a_label_prints_that_clause_and_names_the_labels_when_it_is_not_there() {
    let (code, shown, _) =
        crate::common::run_on(&["show", "75/272", "op 3", "--json"], founding_index());
    assert_eq!(code, 0);
    let shown: Value = serde_json::from_str(shown.trim()).unwrap();
    let clauses = shown["clauses"].as_array().unwrap();
    assert_eq!(clauses.len(), 1);
    assert_eq!(clauses[0]["type"], "operative");
    assert_eq!(clauses[0]["number"], 3);
    let (code, _, stderr) = crate::common::run_on(&["show", "75/272", "OP99"], founding_index());
    assert_eq!(code, 2);
    assert!(
        stderr.contains("A/RES/75/272 has no clause OP99; its clauses are PP1–PP16, OP1–OP4"),
        "{stderr}"
    );
    let (code, _, stderr) = crate::common::run_on(&["show", "A/RES/1/1"], founding_index());
    assert_eq!(code, 2);
    assert!(
        stderr.contains("no resolution A/RES/1/1 in the index"),
        "{stderr}"
    );
}

/// A resolution of two paragraphs a side, in French and English (written for this test).
fn bilingual_corpus(dir: &Path) {
    let write = |lang: &str, text: &str| {
        std::fs::create_dir_all(dir.join(lang)).unwrap();
        std::fs::write(dir.join(lang).join("A_RES_80_999.txt"), text).unwrap();
    };
    write(
        "fr",
        "80/999. Coopération régionale pour la paix\n\nL’Assemblée générale,\n\n\
         Rappelant sa résolution 72/7 du 17 novembre 2017,\n\n\
         Guidée par la Charte des Nations Unies,\n\n\
         1. Prie le Secrétaire général de lui présenter un rapport à sa quatre-vingt-unième session;\n\n\
         2. Décide de rester saisie de la question.\n",
    );
    write(
        "en",
        "80/999. Regional cooperation for peace\n\nThe General Assembly,\n\n\
         Recalling its resolution 72/7 of 17 November 2017,\n\n\
         Guided by the Charter of the United Nations,\n\n\
         1. Requests the Secretary-General to submit a report to it at its eighty-first session;\n\n\
         2. Decides to remain seized of the matter.\n\n\
         3. Welcomes the report.\n",
    );
}

#[test]
fn show_parallel_pairs_each_clause_with_its_other_language_version() {
    let scratch = tempfile::tempdir().unwrap();
    bilingual_corpus(&scratch.path().join("corpus"));
    let index = scratch.path().join("index");
    ressearch()
        .args(["index", "--index"])
        .arg(&index)
        .arg(scratch.path().join("corpus"))
        .assert()
        .success();
    let (code, text, _) = crate::common::run_on(&["show", "80/999", "--parallel"], &index);
    assert_eq!(code, 0);
    assert!(
        text.contains("OP1  Prie | Requests\n  fr: Prie le Secrétaire général"),
        "{text}"
    );
    assert!(
        text.contains(
            "OP3   | Welcomes\n  fr: (no such paragraph in this version)\n  en: Welcomes the report."
        ),
        "{text}"
    );
    let (_, json, _) = crate::common::run_on(&["show", "80/999", "--parallel", "--json"], &index);
    let json: Value = serde_json::from_str(json.trim()).unwrap();
    let clauses = json["clauses"].as_array().unwrap();
    assert_eq!(clauses.len(), 5);
    assert_eq!(clauses[0]["label"], "PP1");
    assert_eq!(clauses[0]["fr"]["opening"], "Rappelant");
    assert_eq!(clauses[0]["en"]["opening"], "Recalling");
    assert_eq!(clauses[4]["fr"], Value::Null);
    assert_eq!(
        json["versions"]["fr"]["title"],
        "Coopération régionale pour la paix"
    );
    // Two versions without --parallel: both, and a note on standard error.
    let (_, text, stderr) = crate::common::run_on(&["show", "80/999"], &index);
    assert!(text.contains("Rappelant") && text.contains("Recalling"));
    assert!(stderr.contains("--lang chooses one"), "{stderr}");
    let (_, text, _) = crate::common::run_on(&["show", "80/999", "--lang", "en"], &index);
    assert!(!text.contains("Rappelant") && text.contains("Recalling"));
    // One language only: --parallel says so.
    let (code, _, stderr) =
        crate::common::run_on(&["show", "75/272", "--parallel"], founding_index());
    assert_eq!(code, 2);
    assert!(stderr.contains("the index holds only fr"), "{stderr}");
}

#[test]
fn query_by_symbol_lists_clauses_in_document_order() {
    let Some(index) = shared_index() else {
        return;
    };
    let output = ressearch()
        .args([
            "query",
            "--symbol",
            "A/RES/79/207",
            "--json",
            "--limit",
            "1000",
        ])
        .arg("--index")
        .arg(index)
        .output()
        .unwrap();
    let labels: Vec<String> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["label"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let (_, shown, _) = crate::common::run_on(&["show", "A/RES/79/207", "--json"], index);
    let shown: Value = serde_json::from_str(shown.trim()).unwrap();
    let order: Vec<String> = shown["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let prefix = if c["type"] == "preambular" {
                "PP"
            } else {
                "OP"
            };
            format!("{prefix}{}", c["number"])
        })
        .collect();
    assert!(order.len() > 40, "{order:?}");
    assert_eq!(labels, order);
}
