//! `ressearch export`: every clause of an index, one JSON object a line.
//!
//! Other programs get exactly the clauses ressearch searches, with the fields its filters use:
//! the peer benchmarks (`benches/peers/`) feed them to other search engines, so that every
//! engine is measured on the same documents. Clauses come in index order (segment by segment,
//! each segment's by length: [`crate::index::settings`]), each read once from the document
//! store; memory stays at one store block whatever the index size.

use std::io::Write;
use std::path::Path;

use anyhow::Result;
use serde::Serialize;
use tantivy::{DocAddress, TantivyDocument};

use crate::index;
use crate::trace::stored::{StoredClause, clause_of};

/// One exported clause.
#[derive(Debug, Serialize)]
pub struct ExportedClause {
    pub symbol: String,
    /// `PP3`, `OP2`, `II.OP4`.
    pub label: String,
    /// `preambular` or `operative`.
    #[serde(rename = "type")]
    pub kind: String,
    /// `fr` or `en`.
    pub language: String,
    /// `ga` or `sc`, as `body:` filters name them.
    pub body: String,
    pub session: Option<u64>,
    pub adopted: Option<String>,
    pub cites: Vec<String>,
    pub text: String,
    /// The indexed file, as `query` prints it.
    pub file: String,
}

/// Writes every live clause of the index at `index_dir` to `out`, one JSON object a line, and
/// returns how many.
pub fn run(index_dir: &Path, out: &mut dyn Write) -> Result<u64> {
    let (idx, fields) = index::open(index_dir)?;
    let searcher = idx.reader()?.searcher();
    let mut written = 0;
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let store = segment.get_store_reader(1)?;
        // The store gives the live documents in the order of their ids.
        let docs = store.iter::<TantivyDocument>(segment.alive_bitset());
        for (id, doc) in segment.doc_ids_alive().zip(docs) {
            let address = DocAddress::new(ord as u32, id);
            let StoredClause {
                head, clause, file, ..
            } = clause_of(&doc?, &fields, address)?;
            let exported = ExportedClause {
                label: clause.label(),
                kind: clause.kind.name().to_string(),
                language: head.language.code().to_string(),
                body: head.body.key().to_string(),
                session: head.session.map(u64::from),
                adopted: head.adopted,
                symbol: head.symbol,
                cites: clause.cites,
                text: clause.text,
                file: crate::corpus::key_display(&file),
            };
            serde_json::to_writer(&mut *out, &exported)?;
            out.write_all(b"\n")?;
            written += 1;
        }
    }
    Ok(written)
}
