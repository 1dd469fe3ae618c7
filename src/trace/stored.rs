//! Resolutions read back from the index, as `ressearch segment` made them.
//!
//! The index keeps each clause's fields for search and display (`symbol`, `text`, `cites`…),
//! its place in its resolution (`position`) and, as JSON in `extra`, whatever else
//! `segment --json` holds (the meeting line, and any field added to [`Resolution`] or
//! [`Clause`] later): a resolution read back is the same value `segment` printed, so `show
//! --json` prints the same object.

use std::collections::BTreeMap;

use anyhow::{Context, Result, bail};
use serde_json::{Map, Value};
use tantivy::collector::{Count, DocSetCollector};
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value as _};
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use crate::cite;
use crate::index::Fields;
use crate::model::{Body, Clause, Language, Resolution};

/// The keys of a resolution's JSON that fields of their own hold.
const HEAD_FIELDS: [&str; 7] = [
    "symbol", "language", "body", "session", "title", "adopted", "clauses",
];

/// The keys of a clause's JSON that fields of their own hold.
const CLAUSE_FIELDS: [&str; 7] = [
    "section",
    "type",
    "number",
    "opening",
    "text",
    "cites",
    "footnotes",
];

/// For each clause of `res`, in order, the JSON of what no other field of the index holds:
/// `{"head": {…}, "clause": {…}}`, each part left out when empty.
pub fn extras(res: &Resolution) -> Vec<String> {
    let Ok(Value::Object(mut whole)) = serde_json::to_value(res) else {
        return vec![String::from("{}"); res.clauses.len()];
    };
    let clauses = match whole.remove("clauses") {
        Some(Value::Array(clauses)) => clauses,
        _ => Vec::new(),
    };
    let head: Map<String, Value> = whole
        .into_iter()
        .filter(|(key, _)| !HEAD_FIELDS.contains(&key.as_str()))
        .collect();
    let mut out: Vec<String> = clauses
        .into_iter()
        .map(|clause| {
            let mut extra = Map::new();
            if !head.is_empty() {
                extra.insert("head".into(), Value::Object(head.clone()));
            }
            if let Value::Object(clause) = clause {
                let rest: Map<String, Value> = clause
                    .into_iter()
                    .filter(|(key, _)| !CLAUSE_FIELDS.contains(&key.as_str()))
                    .collect();
                if !rest.is_empty() {
                    extra.insert("clause".into(), Value::Object(rest));
                }
            }
            Value::Object(extra).to_string()
        })
        .collect();
    out.resize(res.clauses.len(), String::from("{}"));
    out
}

/// One clause as stored: where it comes from and what it is.
#[derive(Debug, Clone)]
pub struct StoredClause {
    pub address: DocAddress,
    /// The indexed file it was read from.
    pub file: String,
    /// Its place in its resolution, 0 for the first.
    pub position: u64,
    /// The resolution it belongs to, without clauses.
    pub head: Resolution,
    pub clause: Clause,
}

impl StoredClause {
    /// `A/RES/78/158 PP12`.
    pub fn place(&self) -> String {
        format!("{} {}", self.head.symbol, self.clause.label())
    }
}

/// One indexed file of a resolution: the resolution with its clauses in document order.
#[derive(Debug, Clone)]
pub struct Version {
    pub file: String,
    pub resolution: Resolution,
}

/// Reads the clause stored at `address`.
pub fn read_clause(
    searcher: &Searcher,
    fields: &Fields,
    address: DocAddress,
) -> Result<StoredClause> {
    clause_of(&searcher.doc(address)?, fields, address)
}

/// The clause of a stored document, read at `address`.
pub fn clause_of(
    doc: &TantivyDocument,
    fields: &Fields,
    address: DocAddress,
) -> Result<StoredClause> {
    let text = |field| -> Option<String> {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    let all = |field| -> Vec<Value> {
        doc.get_all(field)
            .filter_map(|v| v.as_str().map(|s| Value::String(s.to_string())))
            .collect()
    };
    let number = |field| doc.get_first(field).and_then(|v| v.as_u64());
    let damaged = || {
        anyhow::anyhow!(
            "the index holds a clause it cannot read back; rebuild it with `ressearch index --rebuild`"
        )
    };
    let extra: Map<String, Value> = text(fields.extra)
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default();
    let part = |name: &str| match extra.get(name) {
        Some(Value::Object(map)) => map.clone(),
        _ => Map::new(),
    };
    let body = text(fields.body)
        .as_deref()
        .and_then(Body::from_key)
        .ok_or_else(damaged)?;
    let mut head = part("head");
    head.insert("symbol".into(), text(fields.symbol).into());
    head.insert("language".into(), text(fields.lang).into());
    head.insert("body".into(), body.name().into());
    head.insert("session".into(), number(fields.session).into());
    head.insert("title".into(), text(fields.title).into());
    head.insert("adopted".into(), text(fields.adopted).into());
    head.insert("clauses".into(), Value::Array(Vec::new()));
    let mut clause = part("clause");
    clause.insert("section".into(), text(fields.section).into());
    clause.insert("type".into(), text(fields.kind).into());
    clause.insert("number".into(), number(fields.number).into());
    clause.insert("opening".into(), text(fields.opening).into());
    clause.insert("text".into(), text(fields.text).into());
    clause.insert("cites".into(), Value::Array(all(fields.cites)));
    clause.insert("footnotes".into(), Value::Array(all(fields.footnotes)));
    Ok(StoredClause {
        address,
        file: text(fields.file).unwrap_or_default(),
        position: number(fields.position).ok_or_else(damaged)?,
        head: serde_json::from_value(Value::Object(head)).map_err(|_| damaged())?,
        clause: serde_json::from_value(Value::Object(clause)).map_err(|_| damaged())?,
    })
}

/// The text of the clause stored at `address` (cheaper than [`read_clause`]).
pub fn read_text(searcher: &Searcher, fields: &Fields, address: DocAddress) -> Result<String> {
    let doc: TantivyDocument = searcher.doc(address)?;
    Ok(doc
        .get_first(fields.text)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string())
}

/// Every indexed file of the resolution `symbol` (exact, canonical), each with its clauses in
/// document order; files sorted by language (French first) and path.
pub fn versions(searcher: &Searcher, fields: &Fields, symbol: &str) -> Result<Vec<Version>> {
    let query = TermQuery::new(
        Term::from_field_text(fields.symbol, symbol),
        IndexRecordOption::Basic,
    );
    let addresses = searcher.search(&query, &DocSetCollector)?;
    let mut by_file: BTreeMap<(&str, String), Vec<StoredClause>> = BTreeMap::new();
    for address in addresses {
        let stored = read_clause(searcher, fields, address)?;
        by_file
            .entry((stored.head.language.code(), stored.file.clone()))
            .or_default()
            .push(stored);
    }
    let mut versions: Vec<Version> = by_file
        .into_iter()
        .map(|((_, file), mut clauses)| {
            clauses.sort_by_key(|c| c.position);
            let mut resolution = clauses[0].head.clone();
            resolution.clauses = clauses.into_iter().map(|c| c.clause).collect();
            Version { file, resolution }
        })
        .collect();
    versions.sort_by_key(|v| (v.resolution.language != Language::Fr, v.file.clone()));
    Ok(versions)
}

/// How many clauses of the index match a term query.
fn count(searcher: &Searcher, term: Term) -> Result<usize> {
    Ok(searcher.search(&TermQuery::new(term, IndexRecordOption::Basic), &Count)?)
}

/// The resolution symbols of the index that start with `prefix`, in order.
fn symbols_starting(searcher: &Searcher, fields: &Fields, prefix: &str) -> Result<Vec<String>> {
    let mut found = std::collections::BTreeSet::new();
    let mut end = prefix.as_bytes().to_vec();
    end.push(0xFF);
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(fields.symbol)?;
        let mut stream = inverted
            .terms()
            .range()
            .ge(prefix.as_bytes())
            .lt(&end)
            .into_stream()?;
        while stream.advance() {
            if let Ok(symbol) = std::str::from_utf8(stream.key()) {
                found.insert(symbol.to_string());
            }
        }
    }
    // Terms of deleted clauses may linger until segments merge: keep the live ones.
    let mut live = Vec::new();
    for symbol in found {
        if count(searcher, Term::from_field_text(fields.symbol, &symbol))? > 0 {
            live.push(symbol);
        }
    }
    Ok(live)
}

/// Whether the index holds the resolution `symbol` (exact, canonical).
pub fn has_resolution(searcher: &Searcher, fields: &Fields, symbol: &str) -> Result<bool> {
    Ok(count(searcher, Term::from_field_text(fields.symbol, symbol))? > 0)
}

/// The symbol of the indexed resolution a user means by `typed`: the symbol however typed
/// (`a/res/78/158`, `78/158`, `resolution 1325 (2000)`), or one that only adds a year or
/// session to it (`S/RES/1325` for `S/RES/1325 (2000)`). An error says what the index holds
/// instead.
pub fn resolve(searcher: &Searcher, fields: &Fields, typed: &str) -> Result<String> {
    let symbol = cite::read_cited(typed)
        .with_context(|| format!("{typed:?} is not a document symbol; e.g. A/RES/78/158"))?;
    if has_resolution(searcher, fields, &symbol)? {
        return Ok(symbol);
    }
    let with_year = symbols_starting(searcher, fields, &format!("{symbol} ("))?;
    match with_year.as_slice() {
        [one] => Ok(one.clone()),
        [] => bail!("no resolution {symbol} in the index"),
        several => bail!("{symbol} is ambiguous: {}", several.join(", ")),
    }
}
