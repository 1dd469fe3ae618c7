//! `ressearch index` and `ressearch query` end to end: the real binary, indexes built in
//! temporary directories, JSON output parsed.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{self, founding_index, ressearch, shared_index};

/// Runs a JSON query (up to 1,000 hits) and returns the hits and the exit code, checked by
/// [`common::query_json`]: 0 with hits, 1 without (errors are tested with `ressearch()` itself).
fn query_json(index: &Path, args: &[&str]) -> (Vec<Value>, i32) {
    let hits = common::query_json(index, &[args, &["--limit", "1000"]].concat());
    let code = if hits.is_empty() { 1 } else { 0 };
    (hits, code)
}

fn labels(hits: &[Value]) -> Vec<String> {
    let mut labels: Vec<String> = hits
        .iter()
        .map(|h| {
            format!(
                "{} {}",
                h["symbol"].as_str().unwrap(),
                h["label"].as_str().unwrap()
            )
        })
        .collect();
    labels.sort();
    labels
}

#[test]
fn diplomatie_preventive_finds_the_founding_resolution_with_or_without_accents() {
    let (accented, code) = query_json(founding_index(), &["diplomatie préventive"]);
    assert_eq!(code, 0);
    assert!(accented.len() >= 5, "{} hits", accented.len());
    assert_eq!(accented[0]["symbol"], "A/RES/75/272");
    let snippet = accented[0]["snippet"].as_str().unwrap();
    assert!(snippet.contains("**préventive**"), "{snippet}");
    let (bare, _) = query_json(founding_index(), &["diplomatie preventive"]);
    assert_eq!(labels(&accented), labels(&bare));
}

#[test]
fn json_hits_carry_the_documented_keys() {
    let (hits, _) = query_json(founding_index(), &["Achgabat"]);
    assert!(!hits.is_empty());
    for key in [
        "symbol", "type", "number", "opening", "language", "text", "cites", "score", "snippet",
    ] {
        assert!(hits[0].get(key).is_some(), "missing {key}");
    }
    assert_eq!(hits[0]["language"], "fr");
}

#[test]
fn french_words_match_however_they_are_typed() {
    for (typed, expected_in_text) in [
        ("Etats", "États"),
        ("securite", "sécurité"),
        ("developpement", "développement"),
        ("résolutions", "résolution"),
        ("l'Organisation", "l’Organisation"),
        ("préventives", "prévent"),
    ] {
        let (hits, code) = query_json(founding_index(), &[typed]);
        assert_eq!(code, 0, "{typed} found nothing");
        assert!(
            hits.iter()
                .all(|h| h["text"].as_str().unwrap().contains(expected_in_text)),
            "{typed}: a hit lacks {expected_in_text}"
        );
    }
}

#[test]
fn a_phrase_matches_only_the_words_in_sequence() {
    let (words, _) = query_json(founding_index(), &["Asie centrale"]);
    let (phrase, _) = query_json(founding_index(), &["\"centrale Asie\""]);
    assert!(!words.is_empty());
    assert!(
        phrase.is_empty(),
        "reversed phrase matched {:?}",
        labels(&phrase)
    );
    let (phrase, _) = query_json(founding_index(), &["\"diplomatie préventive\""]);
    assert!(!phrase.is_empty());
    for hit in &phrase {
        assert!(
            hit["text"]
                .as_str()
                .unwrap()
                .contains("diplomatie préventive")
        );
    }
}

#[test]
fn filters_in_the_query_and_as_flags_agree() {
    let (in_query, _) = query_json(founding_index(), &["Centre type:operative"]);
    let (as_flag, _) = query_json(founding_index(), &["Centre", "--type", "operative"]);
    assert!(!in_query.is_empty());
    assert_eq!(labels(&in_query), labels(&as_flag));
    assert!(in_query.iter().all(|h| h["type"] == "operative"));
    let (negated, _) = query_json(founding_index(), &["Centre -type:operative"]);
    assert!(negated.iter().all(|h| h["type"] == "preambular"));
    assert!(!negated.is_empty());
}

#[test]
fn a_cited_symbol_matches_however_it_is_typed() {
    let (upper, _) = query_json(founding_index(), &["cites:A/RES/72/7"]);
    let (lower, _) = query_json(founding_index(), &["cites:a/res/72/7"]);
    assert_eq!(labels(&upper), ["A/RES/75/272 PP2"]);
    assert_eq!(labels(&upper), labels(&lower));
}

#[test]
fn no_hit_exits_with_one_and_errors_with_two() {
    ressearch()
        .args(["query", "xylophone", "--index"])
        .arg(founding_index())
        .assert()
        .code(1);
    let missing = ressearch()
        .args(["query", "paix", "--index", "no/such/index"])
        .assert()
        .code(2);
    let stderr = String::from_utf8(missing.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("no/such/index") && stderr.contains("ressearch index"),
        "{stderr}"
    );
    // Errors are left only when nothing is left to search; bad syntax is read as plain words.
    for bad in ["", "de la", "()"] {
        let out = ressearch()
            .args(["query", bad, "--index"])
            .arg(founding_index())
            .assert()
            .code(2);
        let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        assert!(
            stderr.starts_with("ressearch: ") && stderr.lines().count() == 1,
            "{bad}: {stderr}"
        );
    }
}

#[test]
fn text_output_is_plain_when_piped_and_the_count_goes_to_standard_error() {
    let out = ressearch()
        .args(["query", "diplomatie préventive", "--index"])
        .arg(founding_index())
        .assert()
        .success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(!stdout.contains('\x1b'), "colour codes when piped");
    assert!(stdout.contains("A/RES/75/272 OP1  Encourage"), "{stdout}");
    assert!(stdout.contains("**diplomatie**"), "{stdout}");
    assert!(!stdout.contains("matching clauses shown"), "{stdout}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("6 of 6 matching clauses shown"), "{stderr}");
}

#[test]
fn a_filter_flag_alone_is_a_whole_query() {
    let (hits, code) = query_json(founding_index(), &["--symbol", "A/RES/75/272"]);
    assert_eq!(code, 0);
    assert_eq!(hits.len(), 20, "every clause of the resolution");
    let (hits, code) = query_json(founding_index(), &["--cites", "a/res/72/7"]);
    assert_eq!(code, 0);
    assert_eq!(labels(&hits), ["A/RES/75/272 PP2"]);
    // Neither words nor a filter: a usage error.
    ressearch()
        .args(["query", "--index"])
        .arg(founding_index())
        .assert()
        .code(2);
}

#[test]
fn limit_zero_prints_no_hit_and_exits_by_the_count() {
    let out = ressearch()
        .args(["query", "diplomatie", "--limit", "0", "--index"])
        .arg(founding_index())
        .assert()
        .success();
    assert!(out.get_output().stdout.is_empty());
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.starts_with("0 of 6 matching clauses shown"),
        "{stderr}"
    );
    ressearch()
        .args(["query", "introuvable", "--limit", "0", "--index"])
        .arg(founding_index())
        .assert()
        .code(1);
}

fn copy_founding_into(dir: &Path) -> PathBuf {
    let target = dir.join("A_RES_75_272.txt");
    std::fs::copy(common::founding_file(), &target).unwrap();
    target
}

#[test]
fn a_bad_file_is_reported_and_skipped_while_the_rest_is_indexed() {
    let corpus = tempfile::tempdir().unwrap();
    copy_founding_into(corpus.path());
    std::fs::write(
        corpus.path().join("broken.txt"),
        b"\x00\x01\x02binary\xff\x00 garbage",
    )
    .unwrap();
    std::fs::write(
        corpus.path().join("notes.txt"),
        "Shopping list: bread, milk.",
    )
    .unwrap();
    let index = tempfile::tempdir().unwrap();
    // Skipped files are warnings: the index is built, exit code 0.
    let out = ressearch()
        .args(["index", "--index"])
        .arg(index.path())
        .arg(corpus.path())
        .assert()
        .success();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("broken.txt") && stderr.contains("binary file"),
        "{stderr}"
    );
    assert!(
        stderr.contains("notes.txt") && stderr.contains("not a resolution"),
        "{stderr}"
    );
    assert!(
        stderr.contains("indexed 20 clauses of 1 resolutions"),
        "{stderr}"
    );
    let (hits, code) = query_json(index.path(), &["Achgabat"]);
    assert_eq!(code, 0);
    assert!(!hits.is_empty());
}

#[test]
fn a_failed_build_leaves_the_previous_index_queryable() {
    let corpus = tempfile::tempdir().unwrap();
    copy_founding_into(corpus.path());
    let index = tempfile::tempdir().unwrap();
    ressearch()
        .args(["index", "--index"])
        .arg(index.path())
        .arg(corpus.path())
        .assert()
        .success();
    // A folder ressearch did not make, and a build that finds nothing.
    std::fs::create_dir(index.path().join("gen-0-interrupted")).unwrap();
    let empty = tempfile::tempdir().unwrap();
    std::fs::write(empty.path().join("notes.txt"), "nothing here").unwrap();
    ressearch()
        .args(["index", "--index"])
        .arg(index.path())
        .arg(empty.path())
        .assert()
        .code(2);
    let (hits, code) = query_json(index.path(), &["Achgabat"]);
    assert_eq!(code, 0, "previous index lost");
    assert!(!hits.is_empty());
    // The next complete build works, and leaves what it did not make.
    ressearch()
        .args(["index", "--index"])
        .arg(index.path())
        .arg(corpus.path())
        .assert()
        .success();
    assert!(index.path().join("gen-0-interrupted").exists());
}

#[test]
fn preventive_diplomacy_in_english_over_the_shared_corpus() {
    let Some(index) = shared_index() else { return };
    let (hits, code) = query_json(index, &["preventive diplomacy", "--lang", "en"]);
    assert_eq!(code, 0);
    assert!(hits.len() >= 10, "{} hits", hits.len());
    for hit in &hits {
        assert_eq!(hit["language"], "en");
        if hit.get("near").is_some() {
            // A near match has one of the words.
            continue;
        }
        let text = hit["text"].as_str().unwrap().to_lowercase();
        assert!(
            text.contains("prevent") && text.contains("diploma"),
            "{text}"
        );
    }
}

#[test]
fn cites_filter_over_the_shared_corpus() {
    let Some(index) = shared_index() else { return };
    let (hits, _) = query_json(index, &["cites:S/2007/279"]);
    assert_eq!(labels(&hits), ["A/RES/75/272 PP3"]);
    let (hits, _) = query_json(index, &["cites:S/RES/242 (1967)"]);
    assert!(
        hits.len() >= 5,
        "{} clauses cite S/RES/242 (1967)",
        hits.len()
    );
    for hit in &hits {
        let cites: Vec<&str> = hit["cites"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        assert!(cites.contains(&"S/RES/242 (1967)"), "{cites:?}");
    }
}

#[test]
fn or_query_over_the_shared_corpus_is_the_union() {
    let Some(index) = shared_index() else { return };
    let (sanctions, _) = query_json(index, &["sanctions", "--body", "sc"]);
    let (embargo, _) = query_json(index, &["embargo", "--body", "sc"]);
    let (either, _) = query_json(index, &["sanctions OR embargo", "--body", "sc"]);
    let mut union: Vec<String> = labels(&sanctions)
        .into_iter()
        .chain(labels(&embargo))
        .collect();
    union.sort();
    union.dedup();
    assert!(!sanctions.is_empty() && !embargo.is_empty());
    assert_eq!(labels(&either), union);
    assert!(either.iter().all(|h| h["body"] == "Security Council"));
}

#[test]
fn a_phrase_over_the_shared_corpus_matches_the_sequence_only() {
    let Some(index) = shared_index() else { return };
    let (hits, _) = query_json(index, &["\"international peace and security\""]);
    assert!(hits.len() >= 100, "{} hits", hits.len());
    for hit in &hits {
        assert!(
            hit["text"]
                .as_str()
                .unwrap()
                .to_lowercase()
                .contains("international peace and security")
        );
    }
}

#[test]
fn a_second_build_while_one_runs_fails_clearly_and_harms_nothing() {
    let corpus = tempfile::tempdir().unwrap();
    copy_founding_into(corpus.path());
    let index = tempfile::tempdir().unwrap();
    ressearch()
        .args(["index", "--index"])
        .arg(index.path())
        .arg(corpus.path())
        .assert()
        .success();
    // Hold the build lock as a running build would.
    let lock = std::fs::OpenOptions::new()
        .write(true)
        .open(index.path().join("LOCK"))
        .unwrap();
    lock.lock().unwrap();
    let out = ressearch()
        .args(["index", "--index"])
        .arg(index.path())
        .arg(corpus.path())
        .assert()
        .code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("another `ressearch index`"), "{stderr}");
    let (hits, code) = query_json(index.path(), &["Achgabat"]);
    assert_eq!(code, 0);
    assert!(!hits.is_empty());
    drop(lock);
    ressearch()
        .args(["index", "--index"])
        .arg(index.path())
        .arg(corpus.path())
        .assert()
        .success();
}

#[test]
fn a_build_killed_midway_leaves_the_previous_index_queryable() {
    let Some(shared) = common::shared_corpus() else {
        return;
    };
    let corpus = tempfile::tempdir().unwrap();
    copy_founding_into(corpus.path());
    let index = tempfile::tempdir().unwrap();
    ressearch()
        .args(["index", "--index"])
        .arg(index.path())
        .arg(corpus.path())
        .assert()
        .success();
    let mut killed_midway = 0;
    for delay_ms in [50, 300, 800] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("ressearch"))
            .args(["index", "--index"])
            .arg(index.path())
            .arg(&shared)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL
            killed_midway += 1;
        }
        child.wait().unwrap();
        let (hits, code) = query_json(index.path(), &["Achgabat"]);
        assert_eq!(code, 0, "index unusable after a kill at {delay_ms} ms");
        assert!(!hits.is_empty());
    }
    // Indexing the shared corpus takes over a second: the early kills land during the build.
    assert!(killed_midway > 0, "every build ended before it was killed");
}
