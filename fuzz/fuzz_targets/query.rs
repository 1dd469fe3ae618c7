//! Fuzz the query side: any string, parsed and run against an index of the founding text.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use ressearch::index::{self, Fields};
use ressearch::search::{Filters, Search};

fn founding_index() -> &'static (tempfile::TempDir, tantivy::Index, Fields) {
    static INDEX: OnceLock<(tempfile::TempDir, tantivy::Index, Fields)> = OnceLock::new();
    INDEX.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../corpus");
        index::build(&[corpus], dir.path(), true).unwrap();
        let (idx, fields) = index::open(dir.path()).unwrap();
        (dir, idx, fields)
    })
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(query) = std::str::from_utf8(bytes) else {
        return;
    };
    let (_dir, idx, fields) = founding_index();
    if let Ok(search) = Search::new(idx, *fields, query, &Filters::default()) {
        let _ = search.run(10);
    }
});
