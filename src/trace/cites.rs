//! `ressearch cites`: every clause that cites a document, however its text wrote the
//! reference; and, with `--from`, every document a resolution cites.
//!
//! The citations are those the segmenter found ([`crate::cite`]), stored with each clause, so
//! `cites` agrees with `segment --json`. A document is found cited in its parts, addenda and
//! corrigenda too (the index keeps the documents each cited symbol belongs to, in
//! `cites_base`), and the symbol may be typed as a text writes it (`1325 (2000)`, `res 1325`,
//! `72/7`).

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};
use serde_json::json;
use tantivy::Term;
use tantivy::collector::DocSetCollector;
use tantivy::query::{BooleanQuery, Occur, TermQuery};
use tantivy::schema::IndexRecordOption;

use crate::Outcome;
use crate::cite;
use crate::index;

use super::stored::{self, StoredClause};
use super::{natural_key, write_json_line};

/// What `ressearch cites` is asked.
#[derive(Debug, Clone)]
pub struct Request {
    pub index: PathBuf,
    /// The cited document (or, with `from`, the citing resolution), however typed.
    pub symbol: String,
    /// List what the resolution `symbol` cites instead.
    pub from: bool,
    pub json: bool,
}

/// Runs `ressearch cites`.
pub fn run(request: &Request, out: &mut impl Write) -> Result<Outcome> {
    if request.from {
        cited_by(request, out)
    } else {
        citing(request, out)
    }
}

/// The clauses citing `symbol` (canonical) or a part, addendum or corrigendum of it, in order
/// of resolution (as people sort symbols) and of place in it.
pub fn clauses_citing(
    searcher: &tantivy::Searcher,
    fields: &index::Fields,
    symbol: &str,
) -> Result<Vec<StoredClause>> {
    let key = symbol.to_lowercase();
    let query = BooleanQuery::new(vec![
        (
            Occur::Should,
            Box::new(TermQuery::new(
                Term::from_field_text(fields.cites, &key),
                IndexRecordOption::Basic,
            )) as Box<dyn tantivy::query::Query>,
        ),
        (
            Occur::Should,
            Box::new(TermQuery::new(
                Term::from_field_text(fields.cites_base, &key),
                IndexRecordOption::Basic,
            )),
        ),
    ]);
    let mut clauses = Vec::new();
    for address in searcher.search(&query, &DocSetCollector)? {
        clauses.push(stored::read_clause(searcher, fields, address)?);
    }
    clauses.sort_by_cached_key(|c| (natural_key(&c.head.symbol), c.file.clone(), c.position));
    Ok(clauses)
}

/// The cites of `clause` that are `symbol` or belong to it.
fn matched<'a>(clause: &'a StoredClause, symbol: &str) -> Vec<&'a str> {
    clause
        .clause
        .cites
        .iter()
        .filter(|cited| {
            cited.eq_ignore_ascii_case(symbol)
                || cite::base_symbols(cited)
                    .iter()
                    .any(|base| base.eq_ignore_ascii_case(symbol))
        })
        .map(String::as_str)
        .collect()
}

/// A clause citing `symbol` as `cites --json` prints it: where it stands, its text, all its
/// cites and those that are `symbol` or a part of it (`matched`).
pub fn citing_json(clause: &StoredClause, symbol: &str) -> serde_json::Value {
    json!({
        "symbol": clause.head.symbol,
        "label": clause.clause.label(),
        "type": clause.clause.kind,
        "number": clause.clause.number,
        "section": clause.clause.section,
        "opening": clause.clause.opening,
        "language": clause.head.language,
        "text": clause.clause.text,
        "cites": clause.clause.cites,
        "matched": matched(clause, symbol),
        "file": clause.file,
    })
}

fn citing(request: &Request, out: &mut impl Write) -> Result<Outcome> {
    let symbol = cite::read_cited(&request.symbol).with_context(|| {
        format!(
            "{:?} is not a document symbol or reference; e.g. A/RES/72/7, S/RES/1325 (2000), 1325 (2000), 72/7",
            request.symbol
        )
    })?;
    let (idx, fields) = index::open(&request.index)?;
    let searcher = idx.reader()?.searcher();
    let clauses = clauses_citing(&searcher, &fields, &symbol)?;
    let mut forms: Vec<&str> = Vec::new();
    let mut seen_forms: HashSet<&str> = HashSet::new();
    for clause in &clauses {
        let found = matched(clause, &symbol);
        for &form in &found {
            if seen_forms.insert(form) {
                forms.push(form);
            }
        }
        if request.json {
            write_json_line(out, &citing_json(clause, &symbol))?;
        } else {
            writeln!(out, "{}  {}", clause.place(), clause.clause.opening)?;
            writeln!(out, "  cites {}", found.join(", "))?;
            writeln!(out, "  {}", leading(&clause.clause.text, 200))?;
            writeln!(out)?;
        }
    }
    if !request.json {
        let resolutions: HashSet<&str> = clauses.iter().map(|c| c.head.symbol.as_str()).collect();
        let as_written = if forms.len() > 1 || forms.first().is_some_and(|f| *f != symbol) {
            format!(" (as {})", forms.join(", "))
        } else {
            String::new()
        };
        // The results first, then the summary, when both go to one terminal.
        out.flush()?;
        eprintln!(
            "{} of {} citing {symbol}{as_written}",
            count(clauses.len(), "clause"),
            count(resolutions.len(), "resolution")
        );
    }
    Ok(if clauses.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}

/// One document a resolution cites: where, and whether the index holds it.
#[derive(Debug, Clone)]
pub struct Cited {
    pub symbol: String,
    pub in_index: bool,
    /// The labels of the clauses citing it, in document order.
    pub labels: Vec<String>,
}

impl Cited {
    /// As `cites --from --json` prints it: `{"symbol", "in_index", "clauses"}`.
    pub fn json(&self) -> serde_json::Value {
        json!({"symbol": self.symbol, "in_index": self.in_index, "clauses": self.labels})
    }
}

/// The documents the indexed resolution `symbol` (canonical) cites, in order of first
/// citation (in its first version, French first), each with the clauses citing it.
pub fn cited_documents(
    searcher: &tantivy::Searcher,
    fields: &index::Fields,
    symbol: &str,
) -> Result<Vec<Cited>> {
    let versions = stored::versions(searcher, fields, symbol)?;
    let Some(version) = versions.first() else {
        return Ok(Vec::new());
    };
    let mut cited: Vec<Cited> = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::new();
    for clause in &version.resolution.clauses {
        let label = clause.label();
        for symbol in &clause.cites {
            match at.get(symbol.as_str()) {
                // A clause's cites are unique: its label is new unless it was the last added.
                Some(&k) => {
                    if cited[k].labels.last() != Some(&label) {
                        cited[k].labels.push(label.clone());
                    }
                }
                None => {
                    at.insert(symbol, cited.len());
                    cited.push(Cited {
                        symbol: symbol.clone(),
                        in_index: stored::has_resolution(searcher, fields, symbol)?,
                        labels: vec![label.clone()],
                    });
                }
            }
        }
    }
    Ok(cited)
}

fn cited_by(request: &Request, out: &mut impl Write) -> Result<Outcome> {
    let (idx, fields) = index::open(&request.index)?;
    let searcher = idx.reader()?.searcher();
    let symbol = stored::resolve(&searcher, &fields, &request.symbol)
        .with_context(|| format!("index {}", request.index.display()))?;
    let cited = cited_documents(&searcher, &fields, &symbol)?;
    let width = cited
        .iter()
        .map(|c| c.symbol.chars().count())
        .max()
        .unwrap_or(0);
    for c in &cited {
        if request.json {
            write_json_line(out, &c.json())?;
        } else {
            writeln!(
                out,
                "{:width$}  {:8}  {}",
                c.symbol,
                if c.in_index { "indexed" } else { "" },
                c.labels.join(", "),
            )?;
        }
    }
    if !request.json {
        let indexed = cited.iter().filter(|c| c.in_index).count();
        // The results first, then the summary, when both go to one terminal.
        out.flush()?;
        eprintln!(
            "{symbol} cites {} ({indexed} of them indexed resolutions)",
            count(cited.len(), "document")
        );
    }
    Ok(if cited.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}

/// `1 clause`, `2 clauses`.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The first `max` bytes of a text, cut at a word, with `…` when cut.
pub(super) fn leading(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    if let Some(space) = text[..end].rfind(' ') {
        end = space;
    }
    format!("{}…", &text[..end])
}
