//! `ressearch synth` end to end: generated files segment into exactly the clauses they were
//! built with, the same seed gives the same files, and the result can be indexed.

use std::path::{Path, PathBuf};

use predicates::prelude::*;

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

/// `ressearch index --index INDEX CORPUS`.
fn index_into(index: &Path, corpus: &Path) -> assert_cmd::assert::Assert {
    ressearch()
        .args(["index", "--index"])
        .arg(index)
        .arg(corpus)
        .assert()
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
    index_into(index.path(), out.path())
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
            // A synthetic citation names a synthetic session (100 and up); drawn clauses
            // recall real resolutions ("Recalling its resolution 476 (1980),").
            let cited = text.lines().find_map(|line| {
                let after = line
                    .strip_prefix("Recalling its resolution ")
                    .or_else(|| line.strip_prefix("Rappelant sa résolution "))?;
                let cited = after.split_once(' ')?.0;
                let session: u32 = cited.split_once('/')?.0.parse().ok()?;
                (session >= 100).then(|| cited.to_string())
            })?;
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

fn synth_into(out: &Path, n: usize, extra: &[&str]) -> assert_cmd::assert::Assert {
    ressearch()
        .args(["synth", "--resolutions", &n.to_string(), "--out"])
        .arg(out)
        .arg("--from")
        .arg(common::root().join("corpus"))
        .args(extra)
        .assert()
}

/// The names in a folder, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_folder_holding_other_files_is_refused_unless_forced() {
    let out = tempfile::tempdir().unwrap();
    std::fs::write(out.path().join("notes.txt"), "mine").unwrap();
    synth_into(out.path(), 3, &[])
        .code(2)
        .stderr(predicates::str::contains("not empty").and(predicates::str::contains("--force")));
    assert_eq!(names(out.path()), ["notes.txt"]);
    // Forced: written beside the other file, which stays as it was.
    synth_into(out.path(), 3, &["--force"]).success();
    assert_eq!(
        names(out.path()),
        [
            "A_RES_100_1.txt",
            "A_RES_100_2.txt",
            "A_RES_100_3.txt",
            "MANIFEST.tsv",
            "notes.txt"
        ]
    );
    assert_eq!(
        std::fs::read_to_string(out.path().join("notes.txt")).unwrap(),
        "mine"
    );
    // A new folder, or an empty one, needs no --force.
    synth_into(&out.path().join("new/deeper"), 2, &[]).success();
    let empty = tempfile::tempdir().unwrap();
    synth_into(empty.path(), 2, &[]).success();
}

#[test]
fn a_second_run_replaces_the_first_and_leaves_no_stale_file() {
    let out = tempfile::tempdir().unwrap();
    synth_into(out.path(), 12, &["--seed", "1"]).success();
    std::fs::write(out.path().join("README.md"), "my notes").unwrap();
    synth_into(out.path(), 5, &["--seed", "2"]).success();
    let mut expected: Vec<String> = (1..=5).map(|i| format!("A_RES_100_{i}.txt")).collect();
    expected.extend(["MANIFEST.tsv".to_string(), "README.md".to_string()]);
    expected.sort();
    assert_eq!(names(out.path()), expected);
    assert_eq!(manifest(out.path()).len(), 5);
    assert_eq!(
        std::fs::read_to_string(out.path().join("README.md")).unwrap(),
        "my notes"
    );
    check_round_trip(out.path(), 5);
    // The same as a run into a new folder.
    let fresh = tempfile::tempdir().unwrap();
    synth_into(fresh.path(), 5, &["--seed", "2"]).success();
    for name in (1..=5).map(|i| format!("A_RES_100_{i}.txt")) {
        assert_eq!(
            std::fs::read(out.path().join(&name)).unwrap(),
            std::fs::read(fresh.path().join(&name)).unwrap()
        );
    }
}

#[test]
fn a_file_the_manifest_does_not_list_is_never_replaced_unless_forced() {
    let out = tempfile::tempdir().unwrap();
    synth_into(out.path(), 2, &[]).success();
    let mine = out.path().join("A_RES_100_3.txt");
    std::fs::write(&mine, "my own file").unwrap();
    synth_into(out.path(), 5, &[]).code(2).stderr(
        predicates::str::contains("A_RES_100_3.txt").and(predicates::str::contains("--force")),
    );
    assert_eq!(std::fs::read_to_string(&mine).unwrap(), "my own file");
    assert_eq!(
        manifest(out.path()).len(),
        2,
        "the earlier corpus is left whole"
    );
    synth_into(out.path(), 5, &["--force"]).success();
    assert_ne!(std::fs::read_to_string(&mine).unwrap(), "my own file");
    check_round_trip(out.path(), 5);
}

#[test]
fn a_manifest_of_another_program_is_not_taken_for_ours() {
    let out = tempfile::tempdir().unwrap();
    std::fs::write(out.path().join("MANIFEST.tsv"), "data.csv\tsha256:abc\n").unwrap();
    std::fs::write(out.path().join("data.csv"), "1,2,3").unwrap();
    synth_into(out.path(), 2, &[])
        .code(2)
        .stderr(predicates::str::contains("MANIFEST.tsv: line 1"));
    assert_eq!(names(out.path()), ["MANIFEST.tsv", "data.csv"]);
    // A manifest naming files outside the folder removes nothing there either.
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("A_RES_100_9.txt");
    std::fs::write(&victim, "keep me").unwrap();
    std::fs::write(
        out.path().join("MANIFEST.tsv"),
        format!("{}\t1\t1\n", victim.display()),
    )
    .unwrap();
    synth_into(out.path(), 2, &[]).code(2);
    synth_into(out.path(), 2, &["--force"]).success();
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
}

#[test]
fn a_link_in_place_of_a_generated_file_is_replaced_not_written_through() {
    let out = tempfile::tempdir().unwrap();
    synth_into(out.path(), 3, &[]).success();
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("precious.txt");
    std::fs::write(&target, "precious").unwrap();
    let listed = out.path().join("A_RES_100_2.txt");
    std::fs::remove_file(&listed).unwrap();
    std::os::unix::fs::symlink(&target, &listed).unwrap();
    synth_into(out.path(), 3, &[]).success();
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "precious");
    assert!(std::fs::symlink_metadata(&listed).unwrap().is_file());
}

#[test]
fn the_files_of_an_interrupted_run_are_known_as_ours() {
    let out = tempfile::tempdir().unwrap();
    synth_into(out.path(), 4, &[]).success();
    // As an interrupted run leaves it: files listed in the partial manifest, no complete one.
    std::fs::rename(
        out.path().join("MANIFEST.tsv"),
        out.path().join("MANIFEST.tsv.partial"),
    )
    .unwrap();
    synth_into(out.path(), 2, &[]).success();
    assert_eq!(
        names(out.path()),
        ["A_RES_100_1.txt", "A_RES_100_2.txt", "MANIFEST.tsv"]
    );
}

/// The distinct words of the French files of a synthetic corpus, lowercased.
fn french_vocabulary(out: &Path) -> std::collections::HashSet<String> {
    let mut words = std::collections::HashSet::new();
    for (file, _, _) in manifest(out) {
        let text = std::fs::read_to_string(&file).unwrap();
        if !text.starts_with("Nations Unies\n") {
            continue;
        }
        words.extend(
            text.split(|c: char| !c.is_alphabetic())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase),
        );
    }
    words
}

#[test]
fn french_clauses_come_from_every_french_source_and_their_vocabulary_grows_with_the_corpus() {
    let Some(shared) = common::shared_corpus() else {
        return;
    };
    let founding = common::root().join("corpus");
    let parallel = shared.join("parallel");
    let write = |n: usize, with_parallel: bool| {
        let out = tempfile::tempdir().unwrap();
        let mut cmd = ressearch();
        cmd.args(["synth", "--french", "100", "--seed", "3", "--resolutions"])
            .arg(n.to_string())
            .arg("--out")
            .arg(out.path())
            .arg("--from")
            .arg(&founding);
        if with_parallel {
            cmd.arg("--from").arg(&parallel);
        }
        cmd.assert()
            .success()
            .stderr(predicates::str::contains(format!(
                "wrote {n} resolutions ({n} in French)"
            )));
        out
    };
    let founding_only = french_vocabulary(write(200, false).path());
    let small = french_vocabulary(write(20, true).path());
    let large_out = write(200, true);
    let large = french_vocabulary(large_out.path());
    // The sentence lists of the parallel corpus are read one sentence a clause, and the
    // synthetic files still segment into the clauses they were built with.
    check_round_trip(large_out.path(), 200);
    assert!(
        small.len() < large.len() && small.is_subset(&large),
        "20 resolutions: {} words, 200: {}",
        small.len(),
        large.len()
    );
    assert!(
        large.len() > 2 * founding_only.len(),
        "with the parallel sentences: {} words, from A/RES/75/272 alone: {}",
        large.len(),
        founding_only.len()
    );
    // Words found only in the French sentences of the parallel corpus are nearly all drawn.
    let mut parallel_words = std::collections::HashSet::new();
    for entry in std::fs::read_dir(&parallel).unwrap() {
        let path = entry.unwrap().path();
        if path.to_string_lossy().ends_with(".fr.txt") {
            let text = std::fs::read_to_string(&path).unwrap();
            parallel_words.extend(
                text.split(|c: char| !c.is_alphabetic())
                    .filter(|w| !w.is_empty())
                    .map(str::to_lowercase),
            );
        }
    }
    let new_words: Vec<&String> = parallel_words.difference(&founding_only).collect();
    let drawn = new_words.iter().filter(|w| large.contains(**w)).count();
    assert!(
        new_words.len() > 1000 && drawn * 10 >= new_words.len() * 9,
        "{drawn} of the {} words of the parallel sentences were drawn",
        new_words.len()
    );
}

#[test]
fn the_french_classes_of_bench_answer_on_a_synthetic_corpus() {
    let Some(shared) = common::shared_corpus() else {
        return;
    };
    let out = tempfile::tempdir().unwrap();
    synth(&shared, out.path(), 300, 11);
    let index = tempfile::tempdir().unwrap();
    index_into(index.path(), out.path()).success();
    let lines = common::bench_json(index.path(), 1);
    let mut french = Vec::new();
    for line in lines.iter().filter(|l| l["measure"] == "search") {
        let class = line["class"].as_str().unwrap();
        if class.ends_with("-fr") {
            assert_eq!(line["zero_hit_queries"], 0, "{line}");
            french.push(class);
        }
    }
    french.sort_unstable();
    assert_eq!(
        french,
        [
            "filter-fr",
            "frequent-fr",
            "multi-fr",
            "or-fr",
            "phrase-fr",
            "rare-fr",
            "term-fr"
        ]
    );
}

#[test]
fn a_french_share_the_sources_cannot_give_is_an_error() {
    let out = tempfile::tempdir().unwrap();
    synth_into(out.path(), 3, &["--french", "40"])
        .code(2)
        .stderr(predicates::str::contains("no English operative clause"));
    synth_into(out.path(), 3, &["--french", "101"]).code(2);
    assert!(!out.path().join("MANIFEST.tsv").exists());
}
