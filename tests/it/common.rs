//! Shared helpers for integration tests: finding the real corpus.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The `ressearch` binary built by this package.
pub fn ressearch() -> Command {
    Command::cargo_bin("ressearch").expect("binary builds")
}

/// A fresh index of `corpus` in a temporary directory (the build must succeed).
pub fn index_of(corpus: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    ressearch()
        .args(["index", "--index"])
        .arg(dir.path())
        .arg(corpus)
        .assert()
        .success();
    dir
}

/// Set by `.ci/run`: a missing shared corpus fails the tests instead of skipping them.
pub const REQUIRE_ENV: &str = "RESSEARCH_REQUIRE_SHARED_CORPUS";

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared/corpus` beside the project, or `None` (with a visible message) when absent.
/// Under CI (`RESSEARCH_REQUIRE_SHARED_CORPUS=1`) its absence is a failure.
pub fn shared_corpus() -> Option<PathBuf> {
    let path = root().join("../shared/corpus");
    if path.join("en").is_dir() {
        return Some(path);
    }
    if std::env::var_os(REQUIRE_ENV).is_some_and(|v| v != "0") {
        panic!(
            "{REQUIRE_ENV} is set but the shared corpus is missing at {}",
            path.display()
        );
    }
    eprintln!(
        "SKIPPED: the shared corpus is not at {}; tests on real data did not run",
        path.display()
    );
    None
}

/// Every `.txt` file directly in `dir`, sorted.
pub fn text_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

/// The founding French resolution, kept in the project's own corpus.
pub fn founding_file() -> PathBuf {
    root().join("corpus/A_RES_75_272.txt")
}
