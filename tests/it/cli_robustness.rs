//! The binary as a Unix tool under stress: any number on the command line, any query, a closed
//! pipe, a file that panics the segmenter, skipped files: a clear answer and the right exit
//! code, never a panic.

use std::path::Path;
use std::process::Stdio;

use predicates::prelude::*;

use crate::common::{self, founding_index, ressearch, synthetic_index};

/// Runs the binary with `args`, and checks it neither panicked nor aborted.
fn outcome(args: &[&str]) -> (i32, String, String) {
    let out = ressearch().args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let code = out.status.code().expect("exited, not killed by a signal");
    assert!(
        !stderr.contains("panicked") && code != 101 && code != 134,
        "{args:?}: {code} {stderr}"
    );
    (
        code,
        String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr,
    )
}

fn founding() -> &'static str {
    founding_index().to_str().unwrap()
}

#[test]
fn numbers_out_of_range_are_usage_errors_not_panics() {
    for (args, expected) in [
        (
            vec!["query", "peace", "-n", "18446744073709551615"],
            "0..=1000000",
        ),
        (vec!["query", "peace", "-n", "4294967296"], "0..=1000000"),
        (vec!["query", "peace", "-n", "1000001"], "0..=1000000"),
        (
            vec!["query", "peace", "--session", "99999999999"],
            "1..=9999",
        ),
        (vec!["bench", "--runs", "0"], "1..=100000"),
        (
            vec!["bench", "--runs", "18446744073709551615"],
            "1..=100000",
        ),
        (
            vec!["synth", "--resolutions", "0", "--out", "/nonexistent"],
            "1..=10000000",
        ),
        (
            vec![
                "synth",
                "--resolutions",
                "99999999999",
                "--out",
                "/nonexistent",
            ],
            "1..=10000000",
        ),
        (
            vec![
                "synth",
                "--resolutions",
                "1",
                "--out",
                "/x",
                "--seed",
                "1e9",
            ],
            "invalid digit",
        ),
    ] {
        let (code, stdout, stderr) = outcome(&args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stdout.is_empty(), "{args:?}");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
}

#[test]
fn the_largest_limit_is_capped_at_the_number_of_clauses() {
    let (code, stdout, stderr) = outcome(&[
        "query",
        "--symbol",
        "A/RES/75/272",
        "-n",
        "1000000",
        "--json",
        "--index",
        founding(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.lines().count(), 20);
}

#[test]
fn queries_that_once_crashed_the_binary_answer() {
    for query in [
        "cites:A/RES/1 (aé€)",
        "symbol:A/RES/75/272 (éé€€) paix",
        "cites:\"€\" opening:é€ symbol:日本",
        "(type:operative)",
    ] {
        let (code, _, stderr) = outcome(&["query", query, "--index", founding()]);
        assert!(code == 0 || code == 1, "{query:?}: {code} {stderr}");
    }
}

/// Runs `command` (a shell command line) with its standard output into `| head -1`, through a
/// real pipe, and returns the exit code of the command and what it wrote on standard error.
fn through_head(command: &str) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    let stderr = dir.path().join("stderr");
    let script = format!(
        "{command} 2>'{}' | head -1 >/dev/null; echo \"${{PIPESTATUS[0]}}\"",
        stderr.display()
    );
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(&script)
        .output()
        .unwrap();
    let status = String::from_utf8(out.stdout).unwrap().trim().to_string();
    (status, std::fs::read_to_string(stderr).unwrap())
}

fn quoted(path: &Path) -> String {
    format!("'{}'", path.display())
}

#[test]
fn a_closed_pipe_ends_the_run_quietly_with_code_zero() {
    let bin = quoted(&assert_cmd::cargo::cargo_bin("ressearch"));
    let index = quoted(synthetic_index());
    // Each prints far more than a pipe holds (1,200 clauses): the writes after `head` has gone
    // meet a closed pipe.
    for args in [
        "query --lang fr -n 100000",
        "query --lang fr -n 100000 --json",
        "search --lang fr -n 100000 --color always",
    ] {
        let (status, stderr) = through_head(&format!("{bin} {args} --index {index}"));
        assert_eq!(status, "0", "{args}: {stderr}");
        assert!(stderr.is_empty(), "{args}: {stderr}");
    }
    // The same with the reader closing early through a pipe held by this process.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("ressearch"))
        .args(["query", "--lang", "fr", "-n", "100000", "--json", "--index"])
        .arg(synthetic_index())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 100];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn errors_are_printed_once_on_one_line() {
    for args in [
        // (A query that is not syntax is read as words: empty parentheses are an error.)
        vec!["query", "de la ()", "--index", founding()],
        vec!["query", "paix", "--index", "/no/such/index"],
        vec!["segment", "/no/such/file.txt"],
        vec!["index", "/no/such/corpus", "--index", "/tmp/never-written"],
    ] {
        let (code, stdout, stderr) = outcome(&args);
        assert_eq!(code, 2, "{args:?}");
        assert!(stdout.is_empty());
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.starts_with("ressearch: "), "{args:?}: {stderr}");
    }
}

/// A corpus of the founding text and another copy of it, `bad.txt`.
fn corpus_with_bad_copy() -> tempfile::TempDir {
    let corpus = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(common::founding_file()).unwrap();
    std::fs::write(corpus.path().join("A_RES_75_272.txt"), &text).unwrap();
    std::fs::write(
        corpus.path().join("bad.txt"),
        text.replace("75/272.", "75/273."),
    )
    .unwrap();
    corpus
}

#[test]
fn a_panic_while_segmenting_one_file_skips_that_file_only() {
    // The test builds (debug assertions on) panic in the segmenter on the file named by
    // RESSEARCH_TEST_PANIC_ON; other builds have no such hook.
    if !cfg!(debug_assertions) {
        crate::common::skipped(format_args!(
            "SKIPPED: built without debug assertions, the panic hook for tests is absent"
        ));
        return;
    }
    let corpus = corpus_with_bad_copy();
    let index = tempfile::tempdir().unwrap();
    let run = ressearch()
        .env("RESSEARCH_TEST_PANIC_ON", "bad.txt")
        .args(["index", "--index"])
        .arg(index.path())
        .arg(corpus.path())
        .assert()
        .success();
    let stderr = String::from_utf8(run.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("bad.txt: the segmenter failed on this file (internal error: test panic"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked at"), "{stderr}");
    assert!(
        stderr.contains("indexed 20 clauses of 1 resolutions"),
        "{stderr}"
    );
    ressearch()
        .env("RESSEARCH_TEST_PANIC_ON", "bad.txt")
        .arg("segment")
        .arg(corpus.path().join("bad.txt"))
        .assert()
        .code(2)
        .stderr(
            predicate::str::starts_with("ressearch: ")
                .and(predicate::str::contains("internal error"))
                .and(predicate::str::contains("panicked at").not()),
        );
    // Without the hook, the same file is indexed.
    ressearch()
        .args(["index", "--index"])
        .arg(index.path())
        .arg(corpus.path())
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "indexed 40 clauses of 2 resolutions",
        ));
}

#[test]
fn index_exits_zero_with_skipped_files_and_one_with_strict() {
    let corpus = corpus_with_bad_copy();
    std::fs::write(corpus.path().join("notes.txt"), "Shopping list: bread.").unwrap();
    let index = tempfile::tempdir().unwrap();
    let run = ressearch()
        .args(["index", "--index"])
        .arg(index.path())
        .arg(corpus.path())
        .assert()
        .success();
    let stderr = String::from_utf8(run.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("notes.txt: not a resolution"), "{stderr}");
    assert!(run.get_output().stdout.is_empty());
    // The use the exit code allows: index, then query.
    let chained = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "{bin} index {corpus} --index {index} 2>/dev/null && {bin} query -c Achgabat --index {index}",
            bin = quoted(&assert_cmd::cargo::cargo_bin("ressearch")),
            corpus = quoted(corpus.path()),
            index = quoted(index.path()),
        ))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(chained.stdout).unwrap(), "4\n");
    // --strict: the index is built all the same, and the exit code says a file was skipped.
    let strict = tempfile::tempdir().unwrap();
    ressearch()
        .args(["index", "--strict", "--index"])
        .arg(strict.path())
        .arg(corpus.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("notes.txt: not a resolution"));
    ressearch()
        .args(["query", "-c", "Achgabat", "--index"])
        .arg(strict.path())
        .assert()
        .success()
        .stdout("4\n");
    // --strict with nothing skipped: 0.
    std::fs::remove_file(corpus.path().join("notes.txt")).unwrap();
    ressearch()
        .args(["index", "--strict", "--index"])
        .arg(strict.path())
        .arg(corpus.path())
        .assert()
        .success();
}
