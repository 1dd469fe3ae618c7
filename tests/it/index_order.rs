//! Every segment of an index holds its clauses shortest first, after a build and after an
//! update: the order that lets a search pass over the blocks of long clauses (see
//! `index::settings`).

use std::path::Path;

use ressearch::index;
use tantivy::schema::Value;
use tantivy::{DocAddress, TantivyDocument};

use crate::common::{self, founding_index, indexed, shared_index};

/// Checks that every segment of the index at `dir` holds its clauses by length, the shortest
/// first, each clause's length its text's number of words; returns how many clauses it saw.
fn assert_shortest_first(dir: &Path) -> usize {
    let (idx, fields) = index::open(dir).unwrap();
    let searcher = idx.reader().unwrap().searcher();
    let mut seen = 0;
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let lengths = segment.fast_fields().u64("length").unwrap();
        let mut previous = 0;
        for doc in 0..segment.max_doc() {
            let length = lengths.first(doc).expect("every clause has a length");
            assert!(
                length >= previous,
                "{}: segment {ord}, clause {doc} of {length} words after one of {previous}",
                dir.display()
            );
            previous = length;
            if segment.is_deleted(doc) {
                continue;
            }
            let stored: TantivyDocument = searcher.doc(DocAddress::new(ord as u32, doc)).unwrap();
            let text = stored
                .get_first(fields.text)
                .and_then(|v| v.as_str())
                .unwrap();
            assert_eq!(length as usize, text.split_whitespace().count(), "{text}");
            seen += 1;
        }
    }
    seen
}

#[test]
fn every_segment_of_a_build_holds_its_clauses_shortest_first() {
    assert!(assert_shortest_first(founding_index()) > 10);
    let Some(shared) = shared_index() else {
        return;
    };
    assert!(assert_shortest_first(shared) > 30_000);
}

#[test]
fn an_update_keeps_every_segment_shortest_first() {
    let Some(shared) = common::shared_corpus() else {
        return;
    };
    let corpus = tempfile::tempdir().unwrap();
    let sc = common::text_files(&shared.join("en/sc"));
    for file in sc.iter().take(20) {
        std::fs::copy(file, corpus.path().join(file.file_name().unwrap())).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    indexed(corpus.path(), dir.path(), &[]);
    let built = assert_shortest_first(dir.path());

    // Files added and one removed: the update writes a segment of its own and rewrites the
    // one that held the removed file's clauses.
    for file in sc.iter().skip(20).take(5) {
        std::fs::copy(file, corpus.path().join(file.file_name().unwrap())).unwrap();
    }
    std::fs::remove_file(corpus.path().join(sc[0].file_name().unwrap())).unwrap();
    let run = indexed(corpus.path(), dir.path(), &[]);
    assert!(run.contains("5 added, 0 updated, 1 removed"), "{run}");
    let updated = assert_shortest_first(dir.path());
    assert_ne!(updated, built);
}
