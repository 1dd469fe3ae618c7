//! Criterion benchmarks (`cargo bench`): query latency per query class, segmentation
//! throughput (MB/s) and indexing throughput (clauses/s), all on the real resolutions in
//! `../shared/corpus`. Without that folder they print `SKIPPED: …` and measure nothing.
//!
//! Setup (reading files, segmenting, building the index in a temporary directory) happens
//! before the timed loops. Each benchmark checks its result (hits found, clauses produced), so
//! a broken build cannot look fast.

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ressearch::bench::{BenchQuery, load_queries};
use ressearch::search::{Filters, Search};
use ressearch::{analyzer, corpus, index};

fn shared_corpus() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if path.join("en").is_dir() {
        Some(path)
    } else {
        println!(
            "SKIPPED: the shared corpus is not at {}; no benchmark ran",
            path.display()
        );
        None
    }
}

/// Every `.txt` file of `../shared/corpus/en`, sorted.
fn english_files(corpus: &Path) -> Vec<PathBuf> {
    corpus::list_files(&[corpus.join("en")])
        .expect("list the English corpus")
        .files
}

fn configure() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

/// Query latency, top 10, one benchmark per query class of the built-in set: each iteration
/// runs every query of the class once (parsed beforehand).
fn queries(c: &mut Criterion) {
    let Some(corpus) = shared_corpus() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temporary directory");
    let report = index::build(&[corpus], dir.path(), true).expect("index the shared corpus");
    assert!(report.clauses > 10_000, "only {} clauses", report.clauses);
    let (idx, fields) = index::open(dir.path()).expect("open the index");
    let set: Vec<BenchQuery> = load_queries(None).expect("built-in query set");
    let mut classes: Vec<&str> = Vec::new();
    for q in &set {
        if !classes.contains(&q.class.as_str()) {
            classes.push(&q.class);
        }
    }
    let mut group = c.benchmark_group("query");
    for class in classes {
        let searches: Vec<Search> = set
            .iter()
            .filter(|q| q.class == class)
            .map(|q| Search::new(&idx, fields, &q.query, &Filters::default()).expect("parse"))
            .collect();
        for (search, q) in searches.iter().zip(set.iter().filter(|q| q.class == class)) {
            let total = search.count().expect("count");
            assert!(total > 0, "{:?} ({class}) matched nothing", q.query);
        }
        group.throughput(Throughput::Elements(searches.len() as u64));
        group.bench_function(BenchmarkId::new("top10", class), |b| {
            b.iter(|| {
                for search in &searches {
                    std::hint::black_box(search.top(10).expect("search"));
                }
            })
        });
        group.bench_function(BenchmarkId::new("top10+fetch", class), |b| {
            b.iter(|| {
                for search in &searches {
                    std::hint::black_box(search.run(10).expect("search"));
                }
            })
        });
    }
    group.finish();
}

/// Segmentation throughput over every English file, read into memory first.
fn segmentation(c: &mut Criterion) {
    let Some(corpus) = shared_corpus() else {
        return;
    };
    let files: Vec<(String, Vec<u8>)> = english_files(&corpus)
        .iter()
        .map(|p| {
            let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
            (stem, std::fs::read(p).expect("read"))
        })
        .collect();
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let segment_everything = || {
        files
            .iter()
            .filter_map(|(stem, b)| ressearch::segment::segment_bytes(b, Some(stem)).ok())
            .map(|r| r.clauses.len())
            .sum::<usize>()
    };
    let clauses = segment_everything();
    assert!(clauses > 10_000, "only {clauses} clauses");
    let mut group = c.benchmark_group("segment");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("en-corpus-one-thread", |b| {
        b.iter(|| assert_eq!(segment_everything(), clauses))
    });
    group.finish();
}

/// Indexing throughput: clauses segmented beforehand, indexed into a RAM index and committed.
fn indexing(c: &mut Criterion) {
    let Some(corpus) = shared_corpus() else {
        return;
    };
    let resolutions: Vec<(String, ressearch::model::Resolution)> =
        corpus::segment_all(&english_files(&corpus))
            .into_iter()
            .filter_map(|(p, r)| r.ok().map(|r| (p.display().to_string(), r)))
            .collect();
    let clauses: usize = resolutions.iter().map(|(_, r)| r.clauses.len()).sum();
    assert!(clauses > 10_000, "only {clauses} clauses");
    let mut group = c.benchmark_group("index");
    group.throughput(Throughput::Elements(clauses as u64));
    group.bench_function("en-corpus-ram", |b| {
        b.iter(|| {
            let idx = tantivy::Index::create_in_ram(index::schema());
            analyzer::register(&idx);
            let fields = index::Fields::of(&idx.schema()).expect("fields");
            let mut writer: tantivy::IndexWriter = idx.writer(256 * 1024 * 1024).expect("writer");
            for (file, res) in &resolutions {
                for doc in index::documents(res, file, &fields) {
                    writer.add_document(doc).expect("add");
                }
            }
            writer.commit().expect("commit");
            let docs = idx.reader().expect("reader").searcher().num_docs();
            assert_eq!(docs, clauses as u64);
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = configure();
    targets = queries, segmentation, indexing
}
criterion_main!(benches);
