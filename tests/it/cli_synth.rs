//! `ressearch synth` end to end: generated files segment into exactly the clauses they were
//! built with, the same seed gives the same files, and the result can be indexed.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{self, ressearch};

fn synth(from: &Path, out: &Path, n: usize, seed: u64) {
    ressearch()
        .args([
            "synth",
            "--resolutions",
            &n.to_string(),
            "--seed",
            &seed.to_string(),
        ])
        .arg("--out")
        .arg(out)
        .arg("--from")
        .arg(from)
        .assert()
        .success()
        .stderr(predicates::str::contains(format!("wrote {n} resolutions")));
}

/// `MANIFEST.tsv`: file, preambular and operative counts.
fn manifest(out: &Path) -> Vec<(PathBuf, usize, usize)> {
    std::fs::read_to_string(out.join("MANIFEST.tsv"))
        .unwrap()
        .lines()
        .map(|l| {
            let parts: Vec<&str> = l.split('\t').collect();
            (
                out.join(parts[0]),
                parts[1].parse().unwrap(),
                parts[2].parse().unwrap(),
            )
        })
        .collect()
}

/// Every generated file segments into the clause counts of the manifest, with the symbol of
/// its file name.
fn check_round_trip(out: &Path, n: usize) {
    let entries = manifest(out);
    assert_eq!(entries.len(), n);
    for (file, pp, op) in entries {
        let output = ressearch()
            .arg("segment")
            .arg("--json")
            .arg(&file)
            .output()
            .unwrap();
        assert!(output.status.success(), "{}: {output:?}", file.display());
        let res: Value = serde_json::from_slice(&output.stdout).unwrap();
        let clauses = res["clauses"].as_array().unwrap();
        let count = |kind: &str| clauses.iter().filter(|c| c["type"] == kind).count();
        assert_eq!(
            (count("preambular"), count("operative")),
            (pp, op),
            "{}",
            file.display()
        );
        let stem = file
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .replace('_', "/");
        assert_eq!(res["symbol"], stem.as_str(), "{}", file.display());
        // (The segmenter reads adoption dates of English texts; French ones are not read yet.)
        if res["language"] == "en" {
            assert!(res["adopted"].is_string(), "{}", file.display());
        }
    }
}

#[test]
fn files_from_the_founding_corpus_segment_as_built() {
    let out = tempfile::tempdir().unwrap();
    synth(&common::root().join("corpus"), out.path(), 12, 5);
    check_round_trip(out.path(), 12);
    let first = std::fs::read_to_string(out.path().join("A_RES_100_1.txt")).unwrap();
    assert!(first.starts_with("Nations Unies\nA/RES/100/1\n"), "{first}");
    assert!(first.contains("L’Assemblée générale,"));
}

#[test]
fn the_same_seed_gives_the_same_files_and_another_seed_others() {
    let corpus = common::root().join("corpus");
    let (a, b, c) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    synth(&corpus, a.path(), 5, 42);
    synth(&corpus, b.path(), 5, 42);
    synth(&corpus, c.path(), 5, 43);
    let read = |dir: &Path| std::fs::read_to_string(dir.join("A_RES_100_5.txt")).unwrap();
    assert_eq!(read(a.path()), read(b.path()));
    assert_ne!(read(a.path()), read(c.path()));
}

#[test]
fn files_from_the_shared_corpus_segment_as_built_and_index() {
    let Some(corpus) = common::shared_corpus() else {
        return;
    };
    let out = tempfile::tempdir().unwrap();
    synth(&corpus, out.path(), 150, 7);
    check_round_trip(out.path(), 150);
    let expected: usize = manifest(out.path()).iter().map(|(_, pp, op)| pp + op).sum();
    let index = tempfile::tempdir().unwrap();
    ressearch()
        .args(["index", "--index"])
        .arg(index.path())
        .arg(out.path())
        .assert()
        .success()
        .stderr(predicates::str::contains(format!(
            "indexed {expected} clauses of 150 resolutions"
        )));
    ressearch()
        .args(["query", "--index"])
        .arg(index.path())
        .arg("session:100")
        .assert()
        .success();
    // Synthetic citations are searchable: a resolution that recalls an earlier synthetic one
    // is found by `cites:`.
    let (citing, cited) = manifest(out.path())
        .iter()
        .find_map(|(file, _, _)| {
            let text = std::fs::read_to_string(file).unwrap();
            let after = text
                .split_once("Recalling its resolution ")
                .or_else(|| text.split_once("Rappelant sa résolution "))?
                .1;
            let cited = after.split_once(' ')?.0.to_string();
            let symbol = file
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .replace('_', "/");
            Some((symbol, format!("A/RES/{cited}")))
        })
        .expect("about one synthetic resolution in five recalls another");
    let found = ressearch()
        .args(["query", "--json", "--index"])
        .arg(index.path())
        .arg(format!("cites:{cited}"))
        .assert()
        .success();
    let stdout = String::from_utf8(found.get_output().stdout.clone()).unwrap();
    assert!(
        stdout.lines().any(|line| {
            let hit: Value = serde_json::from_str(line).unwrap();
            hit["symbol"] == citing.as_str()
        }),
        "{citing} cites {cited} but is not found by cites:{cited}:\n{stdout}"
    );
}

#[test]
fn nothing_usable_to_draw_from_is_an_error() {
    let empty = tempfile::tempdir().unwrap();
    std::fs::write(empty.path().join("x.txt"), "nothing here").unwrap();
    let out = tempfile::tempdir().unwrap();
    ressearch()
        .args(["synth", "--resolutions", "3", "--out"])
        .arg(out.path())
        .arg("--from")
        .arg(empty.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no usable resolution"));
}
