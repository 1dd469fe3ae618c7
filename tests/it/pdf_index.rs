//! PDFs in the index as texts are: a folder of official PDFs is indexed, a second run touches
//! only what changed (by content fingerprint, as for texts), and the result is the index that
//! `--rebuild` gives.

use crate::common::{self, indexed as index, ressearch, results};
use crate::pdf_fixtures::resolution;

#[test]
fn a_folder_of_official_pdfs_is_indexed_and_updated_incrementally_like_texts() {
    let Some(shared) = common::shared_corpus() else {
        return;
    };
    let corpus = tempfile::tempdir().unwrap();
    for name in ["A_RES_79_17.pdf", "A_RES_79_59.pdf", "A_RES_79_318.pdf"] {
        std::fs::copy(shared.join("pdf/ga").join(name), corpus.path().join(name)).unwrap();
    }
    std::fs::write(corpus.path().join("A_RES_99_1.pdf"), resolution(false)).unwrap();
    let incremental = tempfile::tempdir().unwrap();
    let first = index(corpus.path(), incremental.path(), &[]);
    assert!(first.contains("of 4 resolutions from 4 files"), "{first}");
    assert!(first.contains("(0 skipped"), "{first}");
    let symbols = results(incremental.path(), "symbol:A/RES/79/59");
    assert!(!symbols.is_empty(), "A/RES/79/59 is not in the index");

    let unchanged = index(corpus.path(), incremental.path(), &[]);
    assert!(
        unchanged.contains("0 added, 0 updated, 0 removed, 4 unchanged"),
        "{unchanged}"
    );

    // One PDF changed (the same resolution laid out with a drawn rule), one deleted, one added.
    std::fs::write(corpus.path().join("A_RES_99_1.pdf"), resolution(true)).unwrap();
    std::fs::remove_file(corpus.path().join("A_RES_79_318.pdf")).unwrap();
    std::fs::copy(
        shared.join("pdf/ga/A_RES_79_266.pdf"),
        corpus.path().join("A_RES_79_266.pdf"),
    )
    .unwrap();
    let updated = index(corpus.path(), incremental.path(), &[]);
    assert!(
        updated.contains("1 added, 1 updated, 1 removed, 2 unchanged"),
        "{updated}"
    );

    let rebuilt = tempfile::tempdir().unwrap();
    index(corpus.path(), rebuilt.path(), &["--rebuild"]);
    for query in [
        "remain seized",
        "General Assembly",
        "symbol:A/RES/79/318",
        "Decides",
    ] {
        assert_eq!(
            results(incremental.path(), query),
            results(rebuilt.path(), query),
            "{query}"
        );
    }
    assert!(results(rebuilt.path(), "symbol:A/RES/79/318").is_empty());
    assert!(!results(rebuilt.path(), "symbol:A/RES/79/266").is_empty());
}

#[test]
fn a_resolution_given_as_text_and_as_pdf_is_indexed_once_from_the_text() {
    let Some(shared) = common::shared_corpus() else {
        return;
    };
    let corpus = tempfile::tempdir().unwrap();
    let (text, pdf) = (
        corpus.path().join("A_RES_79_59.txt"),
        corpus.path().join("A_RES_79_59.pdf"),
    );
    std::fs::copy(shared.join("en/ga/A_RES_79_59.txt"), &text).unwrap();
    std::fs::copy(shared.join("pdf/ga/A_RES_79_59.pdf"), &pdf).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let first = index(corpus.path(), dir.path(), &[]);
    let skipped = first
        .lines()
        .find(|l| l.contains("A_RES_79_59.pdf"))
        .unwrap_or_else(|| panic!("the PDF is not reported: {first}"));
    assert!(
        skipped.contains("same resolution as another file: A/RES/79/59 (en) is indexed from")
            && skipped.contains("A_RES_79_59.txt"),
        "{skipped}"
    );
    assert!(first.contains("of 1 resolutions from 2 files"), "{first}");
    let once = results(dir.path(), "symbol:A/RES/79/59");
    let labels: std::collections::HashSet<&str> =
        once.iter().map(|l| l.split(' ').nth(1).unwrap()).collect();
    assert_eq!(labels.len(), once.len(), "a clause is indexed twice");

    // Without the text, the PDF is indexed; with the text back, the text again.
    std::fs::remove_file(&text).unwrap();
    let pdf_only = index(corpus.path(), dir.path(), &[]);
    assert!(
        pdf_only.contains("1 added, 0 updated, 1 removed"),
        "{pdf_only}"
    );
    assert_eq!(results(dir.path(), "symbol:A/RES/79/59").len(), once.len());
    std::fs::copy(shared.join("en/ga/A_RES_79_59.txt"), &text).unwrap();
    let both = index(corpus.path(), dir.path(), &[]);
    assert!(both.contains("1 added, 0 updated, 1 removed"), "{both}");
    assert_eq!(results(dir.path(), "symbol:A/RES/79/59"), once);
}

#[test]
fn synth_draws_its_clauses_from_pdfs_too() {
    let from = tempfile::tempdir().unwrap();
    std::fs::write(from.path().join("A_RES_99_1.pdf"), resolution(false)).unwrap();
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("synthetic");
    ressearch()
        .args(["synth", "--resolutions", "2", "--seed", "1", "--out"])
        .arg(&target)
        .arg("--from")
        .arg(from.path())
        .assert()
        .success();
    let written: String = std::fs::read_dir(&target)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    assert!(
        written.contains("remain seized of the matter") || written.contains("programme of work"),
        "no clause of the PDF in the synthetic corpus"
    );
}

#[test]
fn a_pdf_indexed_from_another_path_is_removed_once_a_text_of_it_is_indexed() {
    let Some(shared) = common::shared_corpus() else {
        return;
    };
    let (pdfs, texts) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    std::fs::copy(
        shared.join("pdf/ga/A_RES_79_59.pdf"),
        pdfs.path().join("A_RES_79_59.pdf"),
    )
    .unwrap();
    std::fs::copy(
        shared.join("en/ga/A_RES_79_59.txt"),
        texts.path().join("A_RES_79_59.txt"),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    index(pdfs.path(), dir.path(), &[]);
    let from_pdf = results(dir.path(), "symbol:A/RES/79/59");
    assert!(!from_pdf.is_empty(), "the PDF is not indexed");

    // The text, indexed from another path, shadows the PDF kept from the first: the PDF's
    // clauses go, and the index still matches its list of files.
    let second = index(texts.path(), dir.path(), &[]);
    assert!(second.contains("A_RES_79_59.pdf"), "{second}");
    let once = results(dir.path(), "symbol:A/RES/79/59");
    let labels: std::collections::HashSet<&str> =
        once.iter().map(|l| l.split(' ').nth(1).unwrap()).collect();
    assert_eq!(labels.len(), once.len(), "a clause is indexed twice");
    let third = index(texts.path(), dir.path(), &[]);
    assert!(!third.contains("rebuilt in full"), "{third}");
    assert!(
        third.contains("0 added, 0 updated, 0 removed, 1 unchanged"),
        "{third}"
    );
}
