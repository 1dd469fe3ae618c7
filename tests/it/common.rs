//! Shared helpers for the integration tests: the binary, the real corpus, and the indexes that
//! many tests query, each built once per test run.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use assert_cmd::Command;
use serde_json::Value;

/// The `ressearch` binary built by this package.
pub fn ressearch() -> Command {
    Command::cargo_bin("ressearch").expect("binary builds")
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
    // Once a run: every test on real data asks.
    static SAID: std::sync::Once = std::sync::Once::new();
    SAID.call_once(|| {
        skipped(format_args!(
            "SKIPPED: the shared corpus is not at {}; tests on real data did not run",
            path.display()
        ))
    });
    None
}

/// Says why a test did not run, on the terminal: what a passing test prints with `eprintln!`
/// the test harness keeps to itself.
pub fn skipped(message: std::fmt::Arguments<'_>) {
    use std::io::Write;
    // One write, so that the line is not cut by the harness's own lines from other threads.
    let _ = std::io::stderr().write_all(format!("{message}\n").as_bytes());
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

/// Runs a prepared `ressearch query … --json` and returns its hits, checked to have run: exit
/// code 0 with hits, 1 without; an error fails the test with its message.
pub fn json_hits(command: &mut Command) -> Vec<Value> {
    let output = command.output().unwrap();
    let hits: Vec<Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            serde_json::from_str(line).unwrap_or_else(|e| panic!("bad JSON line {line}: {e}"))
        })
        .collect();
    assert_eq!(
        output.status.code(),
        Some(if hits.is_empty() { 1 } else { 0 }),
        "{} hits; {}",
        hits.len(),
        String::from_utf8_lossy(&output.stderr)
    );
    hits
}

/// `ressearch query --json --index INDEX ARGS…`: its hits, checked as by [`json_hits`].
pub fn query_json(index: &Path, args: &[&str]) -> Vec<Value> {
    json_hits(
        ressearch()
            .args(["query", "--json", "--index"])
            .arg(index)
            .args(args),
    )
}

/// Runs a prepared `ressearch query -c` and returns the count, checked to have run: exit code 0
/// for a count above zero, 1 for zero; an error fails the test with its message.
pub fn count(command: &mut Command) -> usize {
    let output = command.output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let count: usize = stdout.trim().parse().unwrap_or_else(|e| {
        panic!(
            "no count in {stdout:?} ({e}); {}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    assert_eq!(
        output.status.code(),
        Some(if count == 0 { 1 } else { 0 }),
        "count {count}; {}",
        String::from_utf8_lossy(&output.stderr)
    );
    count
}

/// A new folder of resolutions `A/RES/78/n` of the General Assembly, each of one operative
/// clause: `(n, clause)`.
pub fn one_clause_corpus(clauses: &[(u32, &str)]) -> tempfile::TempDir {
    let corpus = tempfile::tempdir().unwrap();
    for (n, clause) in clauses {
        std::fs::write(
            corpus.path().join(format!("A_RES_78_{n}.txt")),
            format!("78/{n}. Test\n\nThe General Assembly,\n\n1. {clause};\n"),
        )
        .unwrap();
    }
    corpus
}

/// A new index of `corpus`, built by the real binary.
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

/// The founding French resolution, kept in the project's own corpus.
pub fn founding_file() -> PathBuf {
    root().join("corpus/A_RES_75_272.txt")
}

/// The founding resolution's text.
pub fn founding_text() -> String {
    std::fs::read_to_string(founding_file()).unwrap()
}

/// The founding resolution under another symbol (`A/RES/75/<number>`).
pub fn founding_as(number: u32) -> String {
    founding_text().replace("75/272.", &format!("75/{number}."))
}

/// How a run of the binary ended.
pub struct Run {
    pub code: i32,
    pub stderr: String,
}

/// `ressearch index PATHS --index INDEX EXTRA…`, never panicking.
pub fn index(paths: &[&Path], index: &Path, extra: &[&str]) -> Run {
    let out = ressearch()
        .arg("index")
        .args(paths)
        .arg("--index")
        .arg(index)
        .args(extra)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    Run {
        code: out.status.code().unwrap(),
        stderr,
    }
}

/// `ressearch index CORPUS --index INDEX EXTRA…`, which must build the index (exit code 0);
/// returns its standard error.
pub fn indexed(corpus: &Path, index: &Path, extra: &[&str]) -> String {
    let run = self::index(&[corpus], index, extra);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stderr
}

/// Every hit of a query as its JSON `fields` joined by spaces, sorted: what a user could see.
/// The query must run: exit code 0 with hits, 1 without.
pub fn hit_lines(index: &Path, query: &str, fields: &[&str]) -> Vec<String> {
    let out = ressearch()
        .args(["query", query, "--json", "--limit", "100000", "--index"])
        .arg(index)
        .output()
        .unwrap();
    let mut lines: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let values: Vec<String> = fields.iter().map(|f| v[f].to_string()).collect();
            values.join(" ")
        })
        .collect();
    let expected_code = if lines.is_empty() { 1 } else { 0 };
    assert_eq!(
        out.status.code(),
        Some(expected_code),
        "{query:?} in {}: {} hits; {}",
        index.display(),
        lines.len(),
        String::from_utf8_lossy(&out.stderr)
    );
    lines.sort();
    lines
}

/// Every hit of a query as `symbol label text`, sorted (see [`hit_lines`]).
pub fn results(index: &Path, query: &str) -> Vec<String> {
    hit_lines(index, query, &["symbol", "label", "text"])
}

/// An index of the project's own `corpus/` (the founding resolution), built once per test run
/// by the real binary. Tests only read it.
pub fn founding_index() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = run_dir().join("founding-index");
        indexed(&root().join("corpus"), &dir, &[]);
        dir
    })
}

/// An index of the whole shared corpus, built once per test run by the real binary, or `None`
/// when the corpus is absent. Tests only read it.
pub fn shared_index() -> Option<&'static Path> {
    static DIR: OnceLock<Option<PathBuf>> = OnceLock::new();
    DIR.get_or_init(|| {
        let corpus = shared_corpus()?;
        let dir = run_dir().join("shared-index");
        // Some files of the shared corpus are not resolutions (sentence lists): skipped with
        // a warning, and the index built (exit code 0).
        indexed(&corpus, &dir, &[]);
        Some(dir)
    })
    .as_deref()
}

/// An index of 60 synthetic resolutions drawn from the founding text (1,200 clauses, enough
/// output to fill a pipe), built once per test run by the real binary. Tests only read it.
pub fn synthetic_index() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let corpus = run_dir().join("synthetic-corpus");
        let dir = run_dir().join("synthetic-index");
        ressearch()
            .args(["synth", "--resolutions", "60", "--out"])
            .arg(&corpus)
            .arg("--from")
            .arg(root().join("corpus"))
            .assert()
            .success();
        indexed(&corpus, &dir, &[]);
        dir
    })
}

/// This test run's own scratch directory, `target/tmp/it-PID`, for what is built once and
/// shared by the tests (a value in a `static` is never dropped, so a `TempDir` there would never
/// be removed). The directories of earlier runs whose process is gone are removed first (where
/// `/proc` tells which processes run).
fn run_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
        let processes_known = Path::new("/proc/self").exists();
        if processes_known && let Ok(entries) = std::fs::read_dir(tmp) {
            for entry in entries.flatten() {
                let name = entry.file_name();
                let pid = name.to_str().and_then(|n| n.strip_prefix("it-"));
                if let Some(pid) = pid
                    && !Path::new("/proc").join(pid).exists()
                {
                    let _ = std::fs::remove_dir_all(entry.path());
                }
            }
        }
        let dir = tmp.join(format!("it-{}", std::process::id()));
        // A directory left by a process that had this process id: not ours to trust.
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    })
}

/// `ressearch bench --json --runs RUNS --index INDEX` (the built-in query set), its lines parsed.
pub fn bench_json(index: &Path, runs: usize) -> Vec<serde_json::Value> {
    let output = ressearch()
        .args(["bench", "--json", "--runs", &runs.to_string(), "--index"])
        .arg(index)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    json_lines(&output.stdout)
}

/// Standard output of one JSON object a line, parsed.
pub fn json_lines(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect()
}

/// Runs the binary with `args` and `--index index`: exit code, standard output, standard error.
pub fn run_on(args: &[&str], index: &Path) -> (i32, String, String) {
    let output = ressearch()
        .args(args)
        .arg("--index")
        .arg(index)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// Runs the binary with `args` and `--index index`: the JSON lines it prints and its exit code.
pub fn json_run(index: &Path, args: &[&str]) -> (Vec<Value>, i32) {
    let (code, stdout, _) = run_on(args, index);
    (json_lines(stdout.as_bytes()), code)
}
