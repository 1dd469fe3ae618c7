//! `ressearch export`: every clause of an index, one JSON object a line.
//!
//! Other programs get exactly the clauses ressearch searches, with the fields its filters use:
//! the peer benchmarks (`benches/peers/`) feed them to other search engines, so that every
//! engine is measured on the same documents. Clauses come in index order (segment by segment),
//! each read once from the document store; memory stays at one store block whatever the index
//! size.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use serde::Serialize;
use tantivy::TantivyDocument;
use tantivy::schema::Value as _;

use crate::index;
use crate::model::{Body, ClauseType, clause_label};

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
    let (idx, f) = index::open(index_dir)?;
    let searcher = idx.reader()?.searcher();
    let mut written = 0;
    for segment in searcher.segment_readers() {
        let store = segment.get_store_reader(1)?;
        for doc in store.iter::<TantivyDocument>(segment.alive_bitset()) {
            let doc = doc?;
            let text = |field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
            };
            let number = |field| doc.get_first(field).and_then(|v| v.as_u64());
            let kind: ClauseType = text(f.kind)
                .and_then(|k| k.parse().ok())
                .context("the index holds a clause without a clause type; rebuild it with `ressearch index --rebuild`")?;
            let body = text(f.body)
                .as_deref()
                .and_then(Body::from_key)
                .context("the index holds a clause without a known organ; rebuild it with `ressearch index --rebuild`")?;
            let clause = ExportedClause {
                symbol: text(f.symbol).unwrap_or_default(),
                label: clause_label(
                    text(f.section).as_deref(),
                    kind,
                    number(f.number).unwrap_or(0),
                ),
                kind: kind.name().to_string(),
                language: text(f.lang).unwrap_or_default(),
                body: body.key().to_string(),
                session: number(f.session),
                adopted: text(f.adopted),
                cites: doc
                    .get_all(f.cites)
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect(),
                text: text(f.text).unwrap_or_default(),
                file: crate::corpus::key_display(&text(f.file).unwrap_or_default()),
            };
            serde_json::to_writer(&mut *out, &clause)?;
            out.write_all(b"\n")?;
            written += 1;
        }
    }
    Ok(written)
}
