//! Queries while builds run, and builds killed at any moment: a reader never fails, an index
//! is never lost, and what a killed build leaves is removed when the next one starts.

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::common::{self, founding_as, index, ressearch};

/// A small corpus: the founding resolution under a few symbols.
fn small_corpus() -> tempfile::TempDir {
    let corpus = tempfile::tempdir().unwrap();
    for n in 300..304 {
        std::fs::write(corpus.path().join(format!("{n}.txt")), founding_as(n)).unwrap();
    }
    corpus
}

fn query_ok(index: &Path) -> Result<(), String> {
    let out = ressearch()
        .args(["query", "Achgabat", "--limit", "3", "--index"])
        .arg(index)
        .output()
        .unwrap();
    if out.status.code() == Some(0) && !out.stdout.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "exit {:?}: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

#[test]
fn queries_during_a_hundred_rebuilds_never_fail() {
    const BUILDS: usize = 100;
    let corpus = small_corpus();
    let idx = tempfile::tempdir().unwrap();
    assert_eq!(index(&[corpus.path()], idx.path(), &[]).code, 0);
    let done = AtomicBool::new(false);
    let queries = AtomicUsize::new(0);
    let failures = std::sync::Mutex::new(Vec::new());
    let started = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| {
                while !done.load(Ordering::Relaxed) {
                    if let Err(e) = query_ok(idx.path()) {
                        failures.lock().unwrap().push(e);
                    }
                    queries.fetch_add(1, Ordering::Relaxed);
                }
            });
        }
        scope.spawn(|| {
            for i in 0..BUILDS {
                // Full builds and updates in turn: both swap generations.
                let extra: &[&str] = if i % 2 == 0 { &["--rebuild"] } else { &[] };
                let run = index(&[corpus.path()], idx.path(), extra);
                assert_eq!(run.code, 0, "{}", run.stderr);
            }
            done.store(true, Ordering::Relaxed);
        });
    });
    let failures = failures.into_inner().unwrap();
    eprintln!(
        "{BUILDS} builds, {} queries meanwhile, {} failed, in {:.1} s",
        queries.load(Ordering::Relaxed),
        failures.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(failures.is_empty(), "{failures:?}");
    assert!(queries.load(Ordering::Relaxed) >= BUILDS / 2);
}

#[test]
fn builds_killed_at_any_moment_leave_a_queryable_index_and_their_leftovers_go() {
    let Some(shared) = common::shared_corpus() else {
        return;
    };
    let en = shared.join("en/ga");
    let corpus = small_corpus();
    let idx = tempfile::tempdir().unwrap();
    assert_eq!(index(&[corpus.path()], idx.path(), &[]).code, 0);
    let mut killed_midway = 0;
    let mut leftovers_seen = 0;
    let delays = [20, 60, 120, 200, 300, 450, 650, 900, 1200, 1600];
    for delay in delays {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("ressearch"))
            .args(["index", "--index"])
            .arg(idx.path())
            .arg(&en)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL
            killed_midway += 1;
        }
        child.wait().unwrap();
        query_ok(idx.path()).unwrap_or_else(|e| panic!("after a kill at {delay} ms: {e}"));
        let generations = std::fs::read_dir(idx.path())
            .unwrap()
            .flatten()
            .filter(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with("ressearch-gen-")
            })
            .count();
        // The live one, the one before, and at most the killed build's.
        assert!(generations <= 3, "{generations} generations after a kill");
        leftovers_seen += generations.saturating_sub(2);
    }
    eprintln!(
        "{} kills, {killed_midway} during the build, {leftovers_seen} leftovers seen, the index queryable after each",
        delays.len()
    );
    assert!(killed_midway > 0, "every build ended before it was killed");
    // A build that then fails still clears the leftovers first: a killed build's generation
    // (marked) and one killed before it could mark it (empty) are there for sure.
    let killed = idx.path().join("ressearch-gen-1-1");
    std::fs::create_dir(&killed).unwrap();
    std::fs::write(
        killed.join("ressearch-generation"),
        "ressearch generation ressearch-gen-1-1\n",
    )
    .unwrap();
    std::fs::write(killed.join("meta.json"), "{").unwrap();
    std::fs::create_dir(idx.path().join("ressearch-gen-2-2")).unwrap();
    let empty = tempfile::tempdir().unwrap();
    std::fs::write(empty.path().join("notes.txt"), "no resolution").unwrap();
    assert_eq!(index(&[empty.path()], idx.path(), &[]).code, 2);
    let current = std::fs::read_to_string(idx.path().join("CURRENT")).unwrap();
    let mut live: Vec<&str> = current.lines().collect();
    live.sort();
    let mut generations: Vec<String> = std::fs::read_dir(idx.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("ressearch-gen-"))
        .collect();
    generations.sort();
    assert_eq!(generations, live);
    query_ok(idx.path()).unwrap();
}

#[test]
fn an_opened_index_answers_even_once_its_generation_is_removed() {
    let corpus = small_corpus();
    let idx = tempfile::tempdir().unwrap();
    assert_eq!(index(&[corpus.path()], idx.path(), &[]).code, 0);
    let (opened, fields) = ressearch::index::open(idx.path()).unwrap();
    // A build removes the generation a reader has just opened (the slowest reader there is).
    let current = std::fs::read_to_string(idx.path().join("CURRENT")).unwrap();
    let live = idx.path().join(current.lines().next().unwrap());
    std::fs::remove_dir_all(&live).unwrap();
    let filters = ressearch::search::Filters::default();
    let results = ressearch::search::Search::new(&opened, fields, "Achgabat", &filters)
        .unwrap()
        .run(3)
        .unwrap();
    assert!(results.total > 0);
    assert_eq!(results.hits.len(), 3);
}
