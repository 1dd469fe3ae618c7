//! Every segment of an index holds its clauses shortest first, after a build, an update and a
//! merge of segments: the order that lets a search pass over the blocks of long clauses (see
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

/// How many segments the index at `dir` has, and how many segments' files its generation's
/// folder holds (Tantivy's files are named by their segment).
fn segments(dir: &Path) -> (usize, usize) {
    let (idx, _) = index::open(dir).unwrap();
    let searched = idx.reader().unwrap().searcher().segment_readers().len();
    let live = index::live_generation(dir).unwrap().unwrap();
    let mut named: Vec<String> = std::fs::read_dir(dir.join(live))
        .unwrap()
        .filter_map(|entry| {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            let (stem, _) = name.split_once('.')?;
            let segment = stem.len() == 32 && stem.bytes().all(|b| b.is_ascii_hexdigit());
            segment.then(|| stem.to_string())
        })
        .collect();
    named.sort();
    named.dedup();
    (searched, named.len())
}

#[test]
fn a_full_build_ends_as_one_segment_and_an_update_adds_its_own() {
    // The shared corpus's clauses go to two indexing threads, each writing its segment; the
    // merged segments' files are gone from the folder.
    let Some(shared) = common::shared_corpus() else {
        return;
    };
    assert_eq!(segments(shared_index().unwrap()), (1, 1));

    // An update leaves the whole index as it is and adds its own segments, one per indexing
    // thread given clauses (one merge of every clause for a few files would cost the time of
    // a full build).
    let corpus = tempfile::tempdir().unwrap();
    let ga = common::text_files(&shared.join("en/ga"));
    for file in ga.iter().take(30) {
        std::fs::copy(file, corpus.path().join(file.file_name().unwrap())).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    indexed(corpus.path(), dir.path(), &[]);
    for file in ga.iter().skip(30).take(3) {
        std::fs::copy(file, corpus.path().join(file.file_name().unwrap())).unwrap();
    }
    let run = indexed(corpus.path(), dir.path(), &[]);
    assert!(run.contains("3 added"), "{run}");
    let (searched, named) = segments(dir.path());
    assert!(
        searched > 1 && named == searched,
        "{searched} segments, {named} named"
    );
    // A full build of the same files is one segment again.
    indexed(corpus.path(), dir.path(), &["--rebuild"]);
    assert_eq!(segments(dir.path()), (1, 1));
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

#[test]
fn a_merge_of_segments_keeps_its_clauses_shortest_first() {
    use tantivy::indexer::NoMergePolicy;
    use tantivy::schema::document::Value as _;
    let schema = index::schema();
    let length = schema.get_field("length").unwrap();
    let text = schema.get_field("text").unwrap();
    let idx = tantivy::Index::create(
        tantivy::directory::RamDirectory::create(),
        schema,
        index::settings(),
    )
    .unwrap();
    ressearch::analyzer::register(&idx);
    let mut writer: tantivy::IndexWriter = idx.writer_with_num_threads(1, 15_000_000).unwrap();
    writer.set_merge_policy(Box::new(NoMergePolicy));
    // Three segments, each of clauses whose lengths come in no order.
    for segment in 0..3u64 {
        for n in 0..200u64 {
            let words = (n * 37 + segment * 11) % 60 + 1;
            let mut doc = TantivyDocument::default();
            doc.add_u64(length, words);
            doc.add_text(text, vec!["w"; words as usize].join(" "));
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
    }
    let segments = idx.searchable_segment_ids().unwrap();
    assert_eq!(segments.len(), 3);
    writer.merge(&segments).wait().unwrap();
    writer.commit().unwrap();
    writer.wait_merging_threads().unwrap();

    let searcher = idx.reader().unwrap().searcher();
    let [merged] = searcher.segment_readers() else {
        panic!(
            "{} segments after the merge",
            searcher.segment_readers().len()
        );
    };
    assert_eq!(merged.max_doc(), 600);
    let lengths = merged.fast_fields().u64("length").unwrap();
    let mut previous = 0;
    for doc in 0..merged.max_doc() {
        let words = lengths.first(doc).unwrap();
        assert!(
            words >= previous,
            "clause {doc}: {words} words after {previous}"
        );
        previous = words;
        // The stored clause moved with its length.
        let stored: TantivyDocument = searcher.doc(DocAddress::new(0, doc)).unwrap();
        let stored = stored.get_first(text).and_then(|v| v.as_str()).unwrap();
        assert_eq!(stored.split_whitespace().count() as u64, words);
    }
}
