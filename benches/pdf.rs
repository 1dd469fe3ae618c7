//! Criterion benchmarks of PDF ingestion (`cargo bench --bench pdf`): extraction plus
//! segmentation of the official PDFs in `../shared/corpus/pdf/ga`, one thread. Without that
//! folder they print `SKIPPED: …` and measure nothing.
//!
//! The files are read into memory before the timed loops; each iteration checks that clauses
//! came out, so a broken build cannot look fast.

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ressearch::{pdf, segment};

fn official_pdfs() -> Option<Vec<(String, Vec<u8>)>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/pdf/ga");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!(
            "SKIPPED: the shared PDFs are not at {}; no benchmark ran",
            dir.display()
        );
        return None;
    };
    let mut paths: Vec<PathBuf> = entries
        .map(|e| e.expect("list the shared PDFs").path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    paths.sort();
    Some(
        paths
            .into_iter()
            .map(|p| {
                let name = p.file_stem().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read(&p).expect("read a shared PDF"))
            })
            .collect(),
    )
}

/// Extracts and segments one PDF, returning its clause count.
fn ingest(name: &str, bytes: &[u8]) -> usize {
    let text = pdf::extract_text(bytes).expect("extract a shared PDF");
    let resolution = segment::segment_text(&text.text, Some(name)).expect("segment a shared PDF");
    assert!(!resolution.clauses.is_empty(), "{name}: no clause");
    resolution.clauses.len()
}

fn configure() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
}

/// `pdf/extract+segment/5-page`: each 5-page PDF of the set once per iteration (throughput =
/// files/s; the time per file is the iteration time divided by their number, printed).
/// `pdf/extract+segment/all-40`: the 40 PDFs once per iteration.
fn pdf_ingestion(c: &mut Criterion) {
    let Some(files) = official_pdfs() else {
        return;
    };
    let five_pages: Vec<&(String, Vec<u8>)> = files
        .iter()
        .filter(|(_, bytes)| pdf::extract_text(bytes).is_ok_and(|t| t.pages == 5))
        .collect();
    assert!(!five_pages.is_empty(), "no 5-page PDF in the set");
    println!(
        "5-page PDFs: {}",
        five_pages
            .iter()
            .map(|(n, _)| n.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let all: Vec<&(String, Vec<u8>)> = files.iter().collect();
    let mut group = c.benchmark_group("pdf/extract+segment");
    for (id, set) in [("5-page", &five_pages), ("all-40", &all)] {
        group.throughput(Throughput::Elements(set.len() as u64));
        group.bench_function(id, |b| {
            b.iter(|| {
                set.iter()
                    .map(|(name, bytes)| ingest(name, bytes))
                    .sum::<usize>()
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = configure();
    targets = pdf_ingestion
}
criterion_main!(benches);
