//! What an index build may touch and what it indexes: only what ressearch made is ever
//! removed, every file is one file whatever the path to it, nothing indexed from elsewhere is
//! dropped unasked, and copies of one text count once.

use std::path::{Path, PathBuf};

use crate::common::{self, Run, founding_as, founding_text, index, ressearch};

/// Every hit of a query as (symbol, label, file); the query must run.
pub fn hits(index: &Path, query: &str) -> Vec<(String, String, String)> {
    let out = ressearch()
        .args(["query", query, "--json", "--limit", "100000", "--index"])
        .arg(index)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let hits: Vec<(String, String, String)> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
            (s("symbol"), s("label"), s("file"))
        })
        .collect();
    let expected = if hits.is_empty() { 1 } else { 0 };
    assert_eq!(out.status.code(), Some(expected), "{query:?}: {stderr}");
    hits
}

/// Every path under `dir`, relative, sorted: to check that nothing changed.
fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if entry.file_type().unwrap().is_dir() {
                stack.push(path.clone());
                out.push((path.strip_prefix(dir).unwrap().to_path_buf(), Vec::new()));
            } else {
                let bytes = std::fs::read(&path).unwrap_or_default();
                out.push((path.strip_prefix(dir).unwrap().to_path_buf(), bytes));
            }
        }
    }
    out.sort();
    out
}

/// Generation folders in an index folder.
fn generations(index: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(index)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("ressearch-gen-"))
        .collect();
    names.sort();
    names
}

#[test]
fn an_index_pointed_at_a_corpus_folder_is_refused_and_deletes_nothing() {
    // The attack: a corpus whose texts sit in a `gen-2024/` folder, and `--index` pointed at
    // the corpus itself (or inside it, or around it).
    let corpus = tempfile::tempdir().unwrap();
    let texts = corpus.path().join("gen-2024");
    std::fs::create_dir(&texts).unwrap();
    for n in 300..310 {
        std::fs::write(texts.join(format!("A_RES_75_{n}.txt")), founding_as(n)).unwrap();
    }
    let before = tree(corpus.path());
    for index_dir in [
        corpus.path().to_path_buf(),
        corpus.path().join("index"),
        texts.clone(),
        corpus.path().parent().unwrap().to_path_buf(),
    ] {
        let run = index(&[corpus.path()], &index_dir, &[]);
        assert_eq!(run.code, 2, "{}: {}", index_dir.display(), run.stderr);
        assert!(
            run.stderr.contains("is inside the corpus path")
                || run.stderr.contains("is inside the index folder"),
            "{}",
            run.stderr
        );
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    }
    assert_eq!(tree(corpus.path()), before, "the corpus was changed");
}

#[test]
fn a_folder_holding_other_files_is_refused_and_left_untouched() {
    let corpus = tempfile::tempdir().unwrap();
    std::fs::write(corpus.path().join("A_RES_75_272.txt"), founding_text()).unwrap();
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("CURRENT"), "my notes").unwrap();
    std::fs::create_dir(folder.path().join("ressearch-gen-1-1")).unwrap();
    std::fs::write(folder.path().join("ressearch-gen-1-1/draft.txt"), "mine").unwrap();
    let before = tree(folder.path());
    let run = index(&[corpus.path()], folder.path(), &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("holds files that ressearch did not make")
            && run.stderr.contains("CURRENT"),
        "{}",
        run.stderr
    );
    assert_eq!(tree(folder.path()), before);

    // A folder with hidden files only (`.gitkeep`) is used, the hidden files kept.
    let kept = tempfile::tempdir().unwrap();
    std::fs::write(kept.path().join(".gitkeep"), "").unwrap();
    let run = index(&[corpus.path()], kept.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(kept.path().join(".gitkeep").exists());
}

#[test]
fn only_marked_generations_are_ever_removed() {
    let corpus = tempfile::tempdir().unwrap();
    std::fs::write(corpus.path().join("A_RES_75_272.txt"), founding_text()).unwrap();
    let idx = tempfile::tempdir().unwrap();
    let idx = idx.path().join("index");
    assert_eq!(index(&[corpus.path()], &idx, &[]).code, 0);
    // Things put in the index folder by someone else, some with generation-like names.
    std::fs::create_dir(idx.join("gen-2024")).unwrap();
    std::fs::write(idx.join("gen-2024/A_RES_75_300.txt"), founding_as(300)).unwrap();
    std::fs::create_dir(idx.join("ressearch-gen-5-5")).unwrap();
    std::fs::write(idx.join("ressearch-gen-5-5/notes.txt"), "mine").unwrap();
    std::fs::write(idx.join("ressearch-gen-6-6"), "a file, not a folder").unwrap();
    std::fs::write(idx.join("notes.md"), "mine").unwrap();
    for _ in 0..4 {
        let run = index(&[corpus.path()], &idx, &["--rebuild"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    assert!(idx.join("gen-2024/A_RES_75_300.txt").exists());
    assert!(idx.join("ressearch-gen-5-5/notes.txt").exists());
    assert!(idx.join("ressearch-gen-6-6").is_file());
    assert!(idx.join("notes.md").exists());
    // Ours: the live generation and the one before it, no more.
    let ours: Vec<String> = generations(&idx)
        .into_iter()
        .filter(|g| idx.join(g).join("ressearch-generation").exists())
        .collect();
    assert_eq!(ours.len(), 2, "{ours:?}");
    assert!(!hits(&idx, "Achgabat").is_empty());
}

#[test]
fn names_differing_only_in_bytes_that_are_not_utf8_are_two_files() {
    use std::os::unix::ffi::OsStrExt;
    let corpus = tempfile::tempdir().unwrap();
    let names = [&b"r\xe9solution.txt"[..], &b"r\xe8solution.txt"[..]];
    for (name, number) in names.iter().zip([276, 277]) {
        std::fs::write(
            corpus.path().join(std::ffi::OsStr::from_bytes(name)),
            founding_as(number),
        )
        .unwrap();
    }
    let idx = tempfile::tempdir().unwrap();
    let first = index(&[corpus.path()], idx.path(), &[]);
    assert!(
        first.stderr.contains("of 2 resolutions from 2 files"),
        "{}",
        first.stderr
    );
    for _ in 0..2 {
        let again = index(&[corpus.path()], idx.path(), &[]);
        assert!(
            again
                .stderr
                .contains("0 added, 0 updated, 0 removed, 2 unchanged"),
            "{}",
            again.stderr
        );
    }
    let found = hits(idx.path(), "Achgabat symbol:A/RES/75/276");
    assert!(!found.is_empty());
    assert!(found[0].2.ends_with("r\\xe9solution.txt"), "{:?}", found[0]);
    assert!(!hits(idx.path(), "Achgabat symbol:A/RES/75/277").is_empty());
}

#[test]
fn indexing_another_folder_keeps_what_was_indexed_unless_pruned() {
    let en = tempfile::tempdir().unwrap();
    let fr = tempfile::tempdir().unwrap();
    for n in 300..305 {
        std::fs::write(en.path().join(format!("{n}.txt")), founding_as(n)).unwrap();
    }
    std::fs::write(fr.path().join("A_RES_75_272.txt"), founding_text()).unwrap();
    let idx = tempfile::tempdir().unwrap();
    assert_eq!(index(&[en.path()], idx.path(), &[]).code, 0);
    let run = index(&[fr.path()], idx.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("1 added, 0 updated, 0 removed, 0 unchanged")
            && run
                .stderr
                .contains("kept 5 resolution(s) indexed earlier from files outside")
            && run.stderr.contains("`--prune` removes them")
            && run.stderr.contains("of 6 resolutions"),
        "{}",
        run.stderr
    );
    // A rebuild reads the files of the other folder again: nothing is lost either.
    let run = index(&[fr.path()], idx.path(), &["--rebuild"]);
    assert!(run.stderr.contains("of 6 resolutions"), "{}", run.stderr);
    assert_eq!(hits(idx.path(), "Achgabat").len(), 6 * hits_per_copy());
    let run = index(&[fr.path()], idx.path(), &["--prune"]);
    assert!(
        run.stderr.contains("pruned 5 resolution(s)") && run.stderr.contains("of 1 resolutions"),
        "{}",
        run.stderr
    );
    assert_eq!(hits(idx.path(), "Achgabat").len(), hits_per_copy());
}

/// Clauses of the founding resolution that mention Achgabat.
fn hits_per_copy() -> usize {
    hits(common::founding_index(), "Achgabat").len()
}

#[test]
fn one_file_reached_by_several_paths_is_indexed_once() {
    let corpus = tempfile::tempdir().unwrap();
    let file = corpus.path().join("A_RES_75_272.txt");
    std::fs::write(&file, founding_text()).unwrap();
    std::os::unix::fs::symlink(&file, corpus.path().join("link.txt")).unwrap();
    let sub = corpus.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    std::os::unix::fs::symlink("..", sub.join("up")).unwrap();
    let dotted = corpus.path().join(".").join("A_RES_75_272.txt");
    let idx = tempfile::tempdir().unwrap();
    let run = index(&[corpus.path(), &file, &dotted, &sub], idx.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("indexed 20 clauses of 1 resolutions from 1 files"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("link.txt: the same file as"),
        "{}",
        run.stderr
    );
    assert_eq!(hits(idx.path(), "Achgabat").len(), hits_per_copy());
}

#[test]
fn copies_of_one_text_count_once_and_texts_sharing_a_symbol_are_all_kept() {
    let corpus = tempfile::tempdir().unwrap();
    let copies = 2_000;
    for i in 0..copies {
        std::fs::write(
            corpus.path().join(format!("copy{i:05}.txt")),
            founding_text(),
        )
        .unwrap();
    }
    // Two different texts claiming one symbol (A/RES/75/300).
    std::fs::write(corpus.path().join("claim-a.txt"), founding_as(300)).unwrap();
    std::fs::write(
        corpus.path().join("claim-b.txt"),
        founding_as(300).replace("Achgabat", "Ashgabat"),
    )
    .unwrap();
    let idx = tempfile::tempdir().unwrap();
    let run = index(&[corpus.path()], idx.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "copy00000.txt: {} other file(s) hold the same text of A/RES/75/272 (fr), indexed once",
            copies - 1
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "claim-a.txt: A/RES/75/300 (fr) is also the symbol of 1 file(s) with a different text, all indexed"
        ) && run.stderr.contains("claim-b.txt"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.lines().count() < 10, "{}", run.stderr);
    assert!(run.stderr.contains("of 3 resolutions"), "{}", run.stderr);
    assert_eq!(
        hits(idx.path(), "Achgabat symbol:A/RES/75/272").len(),
        hits_per_copy()
    );
    assert!(!hits(idx.path(), "Ashgabat").is_empty());
    // The copy indexed goes: another copy takes its place, the text stays found.
    std::fs::remove_file(corpus.path().join("copy00000.txt")).unwrap();
    let run = index(&[corpus.path()], idx.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let found = hits(idx.path(), "Achgabat symbol:A/RES/75/272");
    assert_eq!(found.len(), hits_per_copy());
    assert!(found[0].2.ends_with("copy00001.txt"), "{:?}", found[0]);
}

#[test]
fn an_emptied_list_of_files_does_not_index_everything_twice() {
    let corpus = tempfile::tempdir().unwrap();
    for n in 300..303 {
        std::fs::write(corpus.path().join(format!("{n}.txt")), founding_as(n)).unwrap();
    }
    let idx = tempfile::tempdir().unwrap();
    let first = index(&[corpus.path()], idx.path(), &[]);
    let current = std::fs::read_to_string(idx.path().join("CURRENT")).unwrap();
    let live = idx.path().join(current.lines().next().unwrap());
    std::fs::write(live.join("files.json"), "{}").unwrap();
    let run = index(&[corpus.path()], idx.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("does not match its list of files"),
        "{}",
        run.stderr
    );
    let totals = |r: &Run| {
        r.stderr
            .lines()
            .last()
            .unwrap()
            .split(" in ")
            .next()
            .unwrap()
            .to_string()
    };
    assert_eq!(totals(&run), totals(&first));
    assert_eq!(hits(idx.path(), "Achgabat").len(), 3 * hits_per_copy());
}

#[test]
fn an_index_folder_of_an_earlier_version_is_taken_over_and_its_generations_left() {
    let corpus = tempfile::tempdir().unwrap();
    std::fs::write(corpus.path().join("A_RES_75_272.txt"), founding_text()).unwrap();
    let idx = tempfile::tempdir().unwrap();
    let old = idx.path().join("gen-1700000000000-42");
    std::fs::create_dir(&old).unwrap();
    std::fs::write(old.join("ressearch.json"), r#"{"schema_version":4}"#).unwrap();
    std::fs::write(idx.path().join("CURRENT"), "gen-1700000000000-42").unwrap();
    std::fs::write(idx.path().join("LOCK"), "").unwrap();
    let run = index(&[corpus.path()], idx.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("generation(s) of an earlier ressearch version")
            && run.stderr.contains("gen-1700000000000-42"),
        "{}",
        run.stderr
    );
    assert!(old.join("ressearch.json").exists());
    assert!(!hits(idx.path(), "Achgabat").is_empty());
}

#[test]
fn a_file_three_thousand_folders_deep_is_reported_not_passed_over() {
    let corpus = tempfile::tempdir().unwrap();
    std::fs::write(corpus.path().join("A_RES_75_272.txt"), founding_text()).unwrap();
    // A path past the system's limit cannot be made in one call, nor by going down one folder
    // at a time (a shell's `cd` takes time in the square of the depth): the chain is built
    // from the bottom up, each step a rename between short paths.
    let mut top = corpus.path().join("chain-0");
    std::fs::create_dir(&top).unwrap();
    std::fs::write(top.join("deep.txt"), founding_as(276)).unwrap();
    for i in 1..=3000 {
        let parent = corpus.path().join(format!("chain-{i}"));
        std::fs::create_dir(&parent).unwrap();
        std::fs::rename(&top, parent.join("d")).unwrap();
        top = parent;
    }
    std::fs::rename(&top, corpus.path().join("d")).unwrap();
    let idx = tempfile::tempdir().unwrap();
    // Reported as a skipped file: the index is built, and `--strict` makes it an exit code 1.
    let run = index(&[corpus.path()], idx.path(), &["--strict"]);
    let tail = &run.stderr[run.stderr.len().saturating_sub(500)..];
    assert_eq!(run.code, 1, "{tail}");
    assert!(
        run.stderr
            .contains("cannot list the folder: File name too long"),
        "{}",
        &run.stderr[run.stderr.len().saturating_sub(500)..]
    );
    assert!(
        run.stderr.contains("indexed 20 clauses of 1 resolutions"),
        "{}",
        &run.stderr[run.stderr.len().saturating_sub(500)..]
    );
}
