//! `ressearch similar`: the clauses worded like a paragraph, ranked by wording similarity,
//! their differing words marked, identical wordings grouped.
//!
//! Ranking by BM25 would put first the clauses sharing the paragraph's rarest words, not the
//! ones worded like it. So BM25 only gathers candidates: the clauses holding the paragraph's
//! rarest words ([`QUERY_TERMS`] of them, at most), identical wordings set aside (the index
//! finds those by their fingerprint). The candidates' wordings are then compared with the
//! paragraph's, word by word ([`super::wording`]): first by the words they share (cheap), then,
//! for the best, by the longest sequence of words in common, whose share is the similarity.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use serde_json::json;
use tantivy::collector::{DocSetCollector, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query as TantivyQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Searcher, Term};

use crate::Outcome;
use crate::analyzer;
use crate::index::{self, Fields};
use crate::model::Language;
use crate::output::Style;
use crate::query::guess_language;

use super::group::fingerprint_of;
use super::stored::{self, StoredClause};
use super::wording::{self, Wording};
use super::{changes_json, mark_changes, natural_key, write_json_line};

/// The most words of the paragraph the candidates are gathered by: its rarest.
pub const QUERY_TERMS: usize = 24;
/// Of those, a word in more than one clause in this many is used only among the rarest
/// [`ALWAYS_KEPT`].
const COMMON_SHARE: u64 = 50;
/// How many of the rarest words gather candidates however common they are.
const ALWAYS_KEPT: usize = 6;
/// How many clauses BM25 gathers per language.
const CANDIDATES: usize = 200;
/// How many candidate wordings, the best by shared words, are aligned word by word.
const ALIGNED: usize = 60;
/// How many places of a wording are listed ("also in …"); the count covers them all.
pub const PLACES_LISTED: usize = 20;

/// What `ressearch similar` is asked.
#[derive(Debug, Clone)]
pub struct Request {
    pub index: PathBuf,
    /// The paragraph, as text.
    pub text: Option<String>,
    /// Or a clause of the index: its resolution and label.
    pub symbol: Option<String>,
    pub label: Option<String>,
    /// Only clauses in this language.
    pub lang: Option<Language>,
    pub limit: usize,
    /// The least similarity shown, 0 to 1.
    pub min_similarity: f64,
    pub json: bool,
    /// Changed words in colour (a terminal, `--color`), else marked `[-…-]{+…+}`.
    pub color: bool,
}

/// A wording found, with where it stands.
#[derive(Debug)]
pub struct Found {
    /// The similarity to the paragraph, 0 to 1.
    pub similarity: f64,
    /// The clause shown for the wording.
    pub clause: StoredClause,
    /// Every clause with this wording but the paragraph itself, the shown one first, at most
    /// [`PLACES_LISTED`].
    pub places: Vec<StoredClause>,
    /// How many clauses have this wording (the paragraph itself left out).
    pub count: usize,
}

/// The paragraph compared.
struct Source {
    text: String,
    languages: Vec<Language>,
    /// The clause of the index it is, to be left out of the places.
    itself: Option<DocAddress>,
}

/// Runs `ressearch similar`.
pub fn run(request: &Request, out: &mut impl Write) -> Result<Outcome> {
    let started = Instant::now();
    let (idx, fields) = index::open(&request.index)?;
    let searcher = idx.reader()?.searcher();
    let (paragraph, found) = find(&searcher, &fields, request)?;
    let paragraph = Wording::new(&paragraph);
    let style = Style::new(request.color);
    for f in &found {
        if request.json {
            write_json_line(out, &found_json(&paragraph, f))?;
            continue;
        }
        let text = &f.clause.clause.text;
        let wording = Wording::new(text);
        let comparison = wording::compare(&paragraph, &wording);
        let also: Vec<&StoredClause> = f
            .places
            .iter()
            .filter(|p| p.address != f.clause.address)
            .collect();
        writeln!(
            out,
            "{:>3.0}%  {}  {}",
            f.similarity * 100.0,
            f.clause.place(),
            f.clause.clause.opening
        )?;
        if f.count > 1 {
            writeln!(
                out,
                "      also in {}",
                places_line(also.iter().copied(), f.count - 1)
            )?;
        }
        writeln!(
            out,
            "      {}",
            mark_changes(&paragraph, &wording, &comparison.hunks, text, style)
        )?;
        writeln!(out)?;
    }
    if !request.json {
        let clauses: usize = found.iter().map(|f| f.count).sum();
        // The results first, then the summary, when both go to one terminal.
        out.flush()?;
        eprintln!(
            "{} wordings ({clauses} clauses) at least {:.0}% similar ({:.1} ms)",
            found.len(),
            request.min_similarity * 100.0,
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
    Ok(if found.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}

/// The paragraph a request compares (its text, or the text of the clause it names) and the
/// wordings most similar to it, best first.
pub fn find(
    searcher: &Searcher,
    fields: &Fields,
    request: &Request,
) -> Result<(String, Vec<Found>)> {
    if !(0.0..=1.0).contains(&request.min_similarity) {
        bail!(
            "--min-similarity {} is not between 0 and 1; e.g. 0.8",
            request.min_similarity
        );
    }
    let source = source(request, searcher, fields)?;
    let found = search(
        searcher,
        fields,
        &source,
        request.min_similarity,
        request.limit,
    )?;
    Ok((source.text, found))
}

/// A wording found as `similar --json` prints it: similarity, where, its text, the changes
/// from the `paragraph` compared, the other places of that wording.
pub fn found_json(paragraph: &Wording, f: &Found) -> serde_json::Value {
    let text = &f.clause.clause.text;
    let wording = Wording::new(text);
    let comparison = wording::compare(paragraph, &wording);
    let also = f.places.iter().filter(|p| p.address != f.clause.address);
    json!({
        "similarity": round(f.similarity),
        "symbol": f.clause.head.symbol,
        "label": f.clause.clause.label(),
        "language": f.clause.head.language,
        "opening": f.clause.clause.opening,
        "text": text,
        "changes": changes_json(paragraph, &wording, &comparison.hunks),
        "also_in": places_json(also),
        "places": f.count,
    })
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// The paragraph: the text given, or the clause named.
fn source(request: &Request, searcher: &Searcher, fields: &Fields) -> Result<Source> {
    match (&request.text, &request.symbol, &request.label) {
        (Some(text), None, None) => {
            let languages = match request.lang.or_else(|| guess_language(text)) {
                Some(lang) => vec![lang],
                None => Language::ALL.to_vec(),
            };
            Ok(Source {
                text: text.clone(),
                languages,
                itself: None,
            })
        }
        (None, Some(symbol), Some(label)) => {
            let symbol = stored::resolve(searcher, fields, symbol)
                .with_context(|| format!("index {}", request.index.display()))?;
            let wanted: String = label
                .chars()
                .filter(|c| !c.is_whitespace())
                .flat_map(char::to_uppercase)
                .collect();
            let query = TermQuery::new(
                Term::from_field_text(fields.symbol, &symbol),
                IndexRecordOption::Basic,
            );
            let mut clauses: Vec<StoredClause> = Vec::new();
            for address in searcher.search(&query, &DocSetCollector)? {
                let clause = stored::read_clause(searcher, fields, address)?;
                if clause.clause.label().to_uppercase() == wanted
                    && request.lang.is_none_or(|l| l == clause.head.language)
                {
                    clauses.push(clause);
                }
            }
            clauses.sort_by_key(|c| (c.head.language != Language::Fr, c.file.clone()));
            let clause = clauses
                .into_iter()
                .next()
                .with_context(|| format!("{symbol} has no clause {label}"))?;
            Ok(Source {
                languages: vec![request.lang.unwrap_or(clause.head.language)],
                itself: Some(clause.address),
                text: clause.clause.text,
            })
        }
        _ => bail!("give the paragraph's text, or --symbol and --label of a clause of the index"),
    }
}

/// The wordings of the index most similar to the source's, at least `min` similar, best first,
/// at most `limit`.
fn search(
    searcher: &Searcher,
    fields: &Fields,
    source: &Source,
    min: f64,
    limit: usize,
) -> Result<Vec<Found>> {
    let paragraph = Wording::new(&source.text);
    if paragraph.is_empty() {
        bail!("the paragraph has no words to compare");
    }
    let own = paragraph.fingerprint();
    let mut found: Vec<Found> = Vec::new();
    // The same wording: by its fingerprint.
    let (listed, count) = places(searcher, fields, own, source.itself)?;
    if let Some(first) = listed.first().cloned() {
        found.push(Found {
            similarity: 1.0,
            clause: first,
            places: listed,
            count,
        });
    }
    // Close wordings: candidates by BM25 on the rarest words, other wordings only.
    let mut candidates: Vec<(f32, DocAddress)> = Vec::new();
    for &lang in &source.languages {
        let Some(query) = rare_words(searcher, fields, lang, &source.text, own)? else {
            continue;
        };
        candidates
            .extend(searcher.search(&query, &TopDocs::with_limit(CANDIDATES).order_by_score())?);
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    // One candidate per wording: the best placed.
    let mut wordings: Vec<(u64, DocAddress)> = Vec::new();
    let mut seen: HashMap<u64, ()> = HashMap::new();
    for &(_, address) in &candidates {
        let fingerprint = fingerprint_of(searcher, fields, address)?;
        if fingerprint != own && seen.insert(fingerprint, ()).is_none() {
            wordings.push((fingerprint, address));
        }
    }
    // First by the words shared, then word by word for the best: only the text is read until
    // a wording is shown.
    let mut scored: Vec<(f64, u64, DocAddress, String)> = Vec::new();
    for (fingerprint, address) in wordings {
        let text = stored::read_text(searcher, fields, address)?;
        let bag = paragraph.bag_similarity(&Wording::new(&text));
        if bag >= min {
            scored.push((bag, fingerprint, address, text));
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.truncate(ALIGNED);
    let mut close: Vec<(f64, u64, DocAddress)> = scored
        .into_iter()
        .map(|(_, fingerprint, address, text)| {
            let similarity = wording::compare(&paragraph, &Wording::new(&text)).similarity;
            (similarity, fingerprint, address)
        })
        .filter(|(similarity, _, _)| *similarity >= min)
        .collect();
    close.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (similarity, fingerprint, address) in close {
        if found.len() >= limit {
            break;
        }
        let (mut listed, count) = places(searcher, fields, fingerprint, source.itself)?;
        // Clauses of one wording score alike: the first of them in symbol order stands for it,
        // whatever order the index holds them in (an update and a rebuild agree).
        let clause = match listed.iter().any(|p| p.address == address) {
            true => listed[0].clone(),
            false => stored::read_clause(searcher, fields, address)?,
        };
        // The clause that stood for the wording comes first.
        if let Some(k) = listed.iter().position(|p| p.address == clause.address) {
            listed.remove(k);
        } else {
            listed.pop();
        }
        listed.insert(0, clause.clone());
        found.push(Found {
            similarity,
            clause,
            places: listed,
            count: count.max(1),
        });
    }
    found.truncate(limit);
    Ok(found)
}

/// The clauses with the wording `fingerprint`, `itself` left out: the first [`PLACES_LISTED`]
/// (as people sort symbols), and how many there are.
fn places(
    searcher: &Searcher,
    fields: &Fields,
    fingerprint: u64,
    itself: Option<DocAddress>,
) -> Result<(Vec<StoredClause>, usize)> {
    let query = TermQuery::new(
        Term::from_field_u64(fields.wording, fingerprint),
        IndexRecordOption::Basic,
    );
    let mut addresses: Vec<DocAddress> = searcher
        .search(&query, &DocSetCollector)?
        .into_iter()
        .filter(|a| Some(*a) != itself)
        .collect();
    Ok((
        read_places(searcher, fields, &mut addresses)?,
        addresses.len(),
    ))
}

/// The first [`PLACES_LISTED`] of `addresses` in index order, read and sorted as people sort
/// symbols (`addresses` is left sorted).
pub(super) fn read_places(
    searcher: &Searcher,
    fields: &Fields,
    addresses: &mut [DocAddress],
) -> Result<Vec<StoredClause>> {
    addresses.sort();
    let mut listed = Vec::new();
    for &address in addresses.iter().take(PLACES_LISTED) {
        listed.push(stored::read_clause(searcher, fields, address)?);
    }
    listed.sort_by_cached_key(|c| (natural_key(&c.head.symbol), c.position));
    Ok(listed)
}

/// The places listed, of `total`: `A/RES/78/154 OP12, A/RES/77/166 OP11 and 3 more`.
pub(super) fn places_line<'a>(
    listed: impl IntoIterator<Item = &'a StoredClause>,
    total: usize,
) -> String {
    let listed: Vec<String> = listed.into_iter().map(StoredClause::place).collect();
    let more = total.saturating_sub(listed.len());
    if more > 0 {
        format!("{} and {more} more", listed.join(", "))
    } else {
        listed.join(", ")
    }
}

/// The places listed, as JSON: `[{"symbol", "label"}, …]`.
pub(super) fn places_json<'a>(
    listed: impl IntoIterator<Item = &'a StoredClause>,
) -> serde_json::Value {
    listed
        .into_iter()
        .map(|c| json!({"symbol": c.head.symbol, "label": c.clause.label()}))
        .collect()
}

/// The query gathering candidates: any of the `QUERY_TERMS` rarest words of `text` in the
/// language's field, the wording `own` left out; `None` when no word of it is indexed.
fn rare_words(
    searcher: &Searcher,
    fields: &Fields,
    lang: Language,
    text: &str,
    own: u64,
) -> Result<Option<BooleanQuery>> {
    let field = fields.text_of(lang);
    let mut terms: Vec<(u64, String)> = Vec::new();
    for term in analyzer::terms(lang, text) {
        if terms.iter().any(|(_, t)| *t == term) {
            continue;
        }
        let df = searcher.doc_freq(&Term::from_field_text(field, &term))?;
        if df > 0 {
            terms.push((df, term));
        }
    }
    if terms.is_empty() {
        return Ok(None);
    }
    terms.sort();
    terms.truncate(QUERY_TERMS);
    // Words in more than one clause in COMMON_SHARE gather nothing a rarer word does not, and
    // their long posting lists are most of the time spent: left out past the rarest few.
    let common = searcher.num_docs() / COMMON_SHARE;
    let mut kept = 0;
    terms.retain(|(df, _)| {
        kept += 1;
        kept <= ALWAYS_KEPT || *df <= common
    });
    let mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = terms
        .into_iter()
        .map(|(_, term)| {
            (
                Occur::Should,
                Box::new(TermQuery::new(
                    Term::from_field_text(field, &term),
                    IndexRecordOption::WithFreqs,
                )) as Box<dyn TantivyQuery>,
            )
        })
        .collect();
    clauses.push((
        Occur::MustNot,
        Box::new(TermQuery::new(
            Term::from_field_u64(fields.wording, own),
            IndexRecordOption::Basic,
        )),
    ));
    Ok(Some(BooleanQuery::new(clauses)))
}
