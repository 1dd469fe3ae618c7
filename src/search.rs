//! Answering a query: field filters, free text in both languages, ranking and snippets.
//!
//! A query is free text in Tantivy's syntax (words all required, `OR`, `-word`, `"phrases"`,
//! parentheses) plus field filters written `field:value` at its top level (`type:operative`,
//! `cites:A/RES/72/7`, `lang:fr`, …) or given as flags. Filters are pulled out first and turned
//! into exact term queries, with their values normalised (a cited symbol matches however it is
//! typed); the free text is parsed against both language fields, each with its own analyzer,
//! so "diplomatie preventive" reaches French clauses and "preventive diplomacy" English ones.

use std::ops::Bound;

use anyhow::{Context, Result, bail};
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{Index, Searcher, TantivyDocument, Term};

use crate::cite;
use crate::index::Fields;
use crate::model::Language;

/// Filters given as flags; each is the same as writing `field:value` in the query.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub kind: Option<String>,
    pub cites: Option<String>,
    pub symbol: Option<String>,
    pub lang: Option<String>,
    pub body: Option<String>,
    pub session: Option<String>,
}

/// One search result.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub symbol: String,
    pub label: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub number: u64,
    pub section: Option<String>,
    pub opening: String,
    pub language: String,
    pub body: String,
    pub session: Option<u64>,
    pub title: Option<String>,
    pub adopted: Option<String>,
    pub text: String,
    pub cites: Vec<String>,
    pub footnotes: Vec<String>,
    pub score: f32,
    /// A fragment of the text around the matches.
    pub snippet: String,
    /// Byte ranges of the matched words in `snippet`.
    pub highlights: Vec<(usize, usize)>,
    pub file: String,
}

/// The ranked hits and how many clauses matched in all.
#[derive(Debug)]
pub struct Results {
    pub hits: Vec<Hit>,
    pub total: usize,
}

/// A prepared search: the parsed query over an open index.
///
/// A clause is indexed in one language field only, so a query that searches both languages is
/// run as two queries, one per field, whose hits are disjoint and whose scores are those the
/// combined query would give; their top hits are merged. Each part stays a plain term query or
/// a flat conjunction or union of term queries where the text allows, which Tantivy answers with
/// block-max pruning instead of scoring every matching clause.
pub struct Search {
    searcher: Searcher,
    fields: Fields,
    parts: Vec<LanguagePart>,
}

/// The query as it runs against one language's clauses.
struct LanguagePart {
    language: Option<Language>,
    /// Free text and filters, flattened into one query.
    query: Box<dyn Query>,
    /// The free text alone, for snippets.
    text: Option<Box<dyn Query>>,
}

/// The field names a query may filter on.
const FILTER_FIELDS: &[&str] = &[
    "type", "cites", "symbol", "lang", "body", "session", "opening",
];

impl Search {
    /// Parses `query` (with `filters`) for the index. Errors say what is wrong in the query.
    pub fn new(index: &Index, fields: Fields, query: &str, filters: &Filters) -> Result<Search> {
        let searcher = index.reader()?.searcher();
        // Control characters (pasted from PDFs, terminals) carry no meaning.
        let query: String = query
            .chars()
            .filter(|c| !c.is_control() || c.is_whitespace())
            .collect();
        let query = query.as_str();
        let (free_text, mut clauses) = split_filters(query)?;
        check_balance(&free_text)?;
        for (name, value) in [
            ("type", &filters.kind),
            ("cites", &filters.cites),
            ("symbol", &filters.symbol),
            ("lang", &filters.lang),
            ("body", &filters.body),
            ("session", &filters.session),
        ] {
            if let Some(value) = value {
                clauses.push(FilterClause {
                    field: name.to_string(),
                    value: value.clone(),
                    negated: false,
                });
            }
        }
        let mut filter_parts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for clause in &clauses {
            let q = filter_query(index, &fields, clause)?;
            let occur = if clause.negated {
                Occur::MustNot
            } else {
                Occur::Must
            };
            filter_parts.push((occur, q));
        }
        let mut parts = Vec::new();
        if free_text.trim().is_empty() {
            if filter_parts
                .iter()
                .all(|(occur, _)| *occur == Occur::MustNot)
            {
                bail!("empty query: give words to search for or a filter such as type:operative");
            }
            parts.push(LanguagePart {
                language: None,
                query: Box::new(BooleanQuery::new(filter_parts)),
                text: None,
            });
        } else {
            // A lang: filter decides; else the query's own language; else both.
            let lang_filters: Vec<&FilterClause> =
                clauses.iter().filter(|c| c.field == "lang").collect();
            let required = lang_filters
                .iter()
                .find(|c| !c.negated)
                .and_then(|c| language_named(&c.value));
            let languages = match (required, guess_language(&free_text)) {
                (Some(lang), _) => vec![lang],
                (None, Some(lang)) if lang_filters.is_empty() => vec![lang],
                _ => vec![Language::Fr, Language::En],
            };
            // Tantivy's grammar reads ' as a quote; in resolution text it is an apostrophe.
            let text = free_text.replace('\'', "’");
            let indexed_words = languages
                .iter()
                .any(|&lang| !crate::analyzer::terms(lang, &text).is_empty());
            if !indexed_words {
                bail!(
                    "the query {:?} has only common words that are not indexed (le, de, the, of…); add a word that carries meaning",
                    free_text.trim()
                );
            }
            for language in languages {
                let mut parser = QueryParser::for_index(index, vec![fields.text_of(language)]);
                parser.set_conjunction_by_default();
                let parsed = parser
                    .parse_query(&text)
                    .map_err(|e| anyhow::anyhow!("malformed query {query:?}: {e}"))?;
                let query = with_filters(parsed.box_clone(), &filter_parts);
                parts.push(LanguagePart {
                    language: Some(language),
                    query,
                    text: Some(parsed),
                });
            }
        }
        Ok(Search {
            searcher,
            fields,
            parts,
        })
    }

    /// The top `limit` hits, by relevance (BM25), with snippets, and how many clauses matched.
    pub fn run(&self, limit: usize) -> Result<Results> {
        let top = self.top(limit)?;
        let total = self.count()?;
        let hits = self.hits(&top)?;
        Ok(Results { hits, total })
    }

    /// Only the search: the addresses of the top `limit` clauses, best first (ties in index
    /// order).
    pub fn top(&self, limit: usize) -> Result<Vec<(f32, tantivy::DocAddress)>> {
        if limit == 0 {
            return Ok(Vec::new());
        }
        let collector = TopDocs::with_limit(limit).order_by_score();
        let mut top = Vec::new();
        for part in &self.parts {
            top.extend(self.searcher.search(&*part.query, &collector)?);
        }
        if self.parts.len() > 1 {
            top.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            top.truncate(limit);
        }
        Ok(top)
    }

    /// How many clauses match in all (cheap for a single word: its document frequency).
    pub fn count(&self) -> Result<usize> {
        let mut total = 0;
        for part in &self.parts {
            total += self.searcher.search(&*part.query, &Count)?;
        }
        Ok(total)
    }

    /// Stored fields and snippets of the given documents.
    pub fn hits(&self, top: &[(f32, tantivy::DocAddress)]) -> Result<Vec<Hit>> {
        let f = &self.fields;
        // One snippet generator per language that has hits, from that language's query.
        let mut generators: Vec<(Language, SnippetGenerator)> = Vec::new();
        for part in &self.parts {
            if let (Some(language), Some(text)) = (part.language, &part.text) {
                generators.push((
                    language,
                    SnippetGenerator::create(&self.searcher, &**text, f.text_of(language))?,
                ));
            }
        }
        let mut hits = Vec::with_capacity(top.len());
        for &(score, address) in top {
            let doc: TantivyDocument = self.searcher.doc(address)?;
            let text_of = |field| -> Option<String> {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
            };
            let all_of = |field| -> Vec<String> {
                doc.get_all(field)
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            };
            let text = text_of(f.text).unwrap_or_default();
            let language = text_of(f.lang).unwrap_or_default();
            let generator = generators
                .iter()
                .find(|(lang, _)| lang.code() == language)
                .map(|(_, generator)| generator);
            let (snippet, highlights) = match generator {
                Some(generator) => {
                    let snippet = generator.snippet(&text);
                    if snippet.is_empty() {
                        (leading_words(&text), Vec::new())
                    } else {
                        let ranges = snippet
                            .highlighted()
                            .iter()
                            .map(|r| (r.start, r.end))
                            .collect();
                        (snippet.fragment().to_string(), ranges)
                    }
                }
                None => (leading_words(&text), Vec::new()),
            };
            let kind = text_of(f.kind).unwrap_or_default();
            let number = doc
                .get_first(f.number)
                .and_then(|v| v.as_u64())
                .unwrap_or(0);
            let section = text_of(f.section);
            let prefix = if kind == "preambular" { "PP" } else { "OP" };
            let label = match &section {
                Some(s) => format!("{s}.{prefix}{number}"),
                None => format!("{prefix}{number}"),
            };
            hits.push(Hit {
                symbol: text_of(f.symbol).unwrap_or_default(),
                label,
                kind,
                number,
                section,
                opening: text_of(f.opening).unwrap_or_default(),
                language,
                body: match text_of(f.body).as_deref() {
                    Some("sc") => "Security Council".to_string(),
                    _ => "General Assembly".to_string(),
                },
                session: doc.get_first(f.session).and_then(|v| v.as_u64()),
                title: text_of(f.title),
                adopted: text_of(f.adopted),
                cites: all_of(f.cites),
                footnotes: all_of(f.footnotes),
                score,
                snippet,
                highlights,
                file: text_of(f.file).unwrap_or_default(),
                text,
            });
        }
        Ok(hits)
    }
}

/// The language a query is plainly written in: accented letters or elisions and French function
/// words say French, English function words say English; bare words like "diplomatie
/// preventive" say nothing, and the query then runs against both languages.
fn guess_language(text: &str) -> Option<Language> {
    const FRENCH: &[&str] = &[
        "de", "la", "le", "les", "des", "du", "et", "en", "pour", "sur", "dans", "une", "au", "aux",
    ];
    const ENGLISH: &[&str] = &[
        "the", "of", "and", "to", "in", "for", "on", "with", "its", "by",
    ];
    let (mut fr, mut en) = (0, 0);
    for word in text.split(|c: char| !c.is_alphabetic() && c != '’' && c != '\'') {
        let lower = word.to_lowercase();
        if lower.contains([
            'é', 'è', 'ê', 'à', 'ç', 'ù', 'â', 'î', 'ô', 'û', 'ë', 'ï', 'œ',
        ]) || lower.contains(['’', '\''])
            && ["l", "d", "qu", "s", "n", "c", "j", "m", "t"]
                .iter()
                .any(|p| lower.starts_with(&format!("{p}’")) || lower.starts_with(&format!("{p}'")))
            || FRENCH.contains(&lower.as_str())
        {
            fr += 1;
        } else if ENGLISH.contains(&lower.as_str()) {
            en += 1;
        }
    }
    match (fr, en) {
        (0, 0) => None,
        (f, e) if f > e => Some(Language::Fr),
        (f, e) if e > f => Some(Language::En),
        _ => None,
    }
}

/// The free text with the filters added as required (or excluded) clauses, in one flat
/// conjunction when the text is itself a conjunction, so that Tantivy can prune it.
fn with_filters(text: Box<dyn Query>, filters: &[(Occur, Box<dyn Query>)]) -> Box<dyn Query> {
    if filters.is_empty() {
        return text;
    }
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = match text.downcast_ref::<BooleanQuery>() {
        Some(b) if b.clauses().iter().all(|(occur, _)| *occur == Occur::Must) => b
            .clauses()
            .iter()
            .map(|(occur, q)| (*occur, q.box_clone()))
            .collect(),
        _ => vec![(Occur::Must, text)],
    };
    clauses.extend(filters.iter().map(|(occur, q)| (*occur, q.box_clone())));
    Box::new(BooleanQuery::new(clauses))
}

/// The first words of a text, for hits that match on filters only.
fn leading_words(text: &str) -> String {
    let mut end = text.len().min(150);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    if end < text.len() {
        if let Some(space) = text[..end].rfind(' ') {
            end = space;
        }
        format!("{}…", &text[..end])
    } else {
        text.to_string()
    }
}

/// Checks that quotes and parentheses pair up, saying which does not.
fn check_balance(text: &str) -> Result<()> {
    if text.chars().filter(|&c| c == '"').count() % 2 == 1 {
        bail!("unbalanced quote in the query: a \" opens a phrase that is never closed");
    }
    let mut depth = 0i32;
    let mut in_phrase = false;
    for c in text.chars() {
        match c {
            '"' => in_phrase = !in_phrase,
            '(' if !in_phrase => depth += 1,
            ')' if !in_phrase => {
                depth -= 1;
                if depth < 0 {
                    bail!("unbalanced parentheses in the query: a ) closes nothing");
                }
            }
            _ => {}
        }
    }
    if depth > 0 {
        bail!("unbalanced parentheses in the query: a ( is never closed");
    }
    Ok(())
}

/// A `field:value` filter pulled out of a query.
#[derive(Debug, Clone, PartialEq)]
struct FilterClause {
    field: String,
    value: String,
    negated: bool,
}

/// Splits a query into its free text and its top-level `field:value` filters. A value may be
/// quoted (`cites:"S/RES/242 (1967)"`). An unknown field is an error listing the known ones.
fn split_filters(query: &str) -> Result<(String, Vec<FilterClause>)> {
    let mut free = String::new();
    let mut filters = Vec::new();
    let chars: Vec<char> = query.chars().collect();
    let mut i = 0;
    let mut depth = 0i32;
    while i < chars.len() {
        let c = chars[i];
        if c == '"' {
            // Copy a phrase through.
            let start = i;
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += 1;
            }
            i = (i + 1).min(chars.len());
            free.extend(&chars[start..i]);
            continue;
        }
        if c == '(' {
            depth += 1;
        } else if c == ')' {
            depth -= 1;
        }
        let word_start = i == 0 || chars[i - 1].is_whitespace() || chars[i - 1] == '(';
        if word_start && depth == 0 && (c.is_alphabetic() || c == '-') {
            let negated = c == '-';
            let name_start = if negated { i + 1 } else { i };
            let mut j = name_start;
            while j < chars.len() && (chars[j].is_alphanumeric() || chars[j] == '_') {
                j += 1;
            }
            if j < chars.len() && chars[j] == ':' && j > name_start {
                let name: String = chars[name_start..j]
                    .iter()
                    .collect::<String>()
                    .to_lowercase();
                if !FILTER_FIELDS.contains(&name.as_str()) {
                    bail!(
                        "unknown field {name:?} in the query; the fields are {}",
                        FILTER_FIELDS.join(", ")
                    );
                }
                let mut k = j + 1;
                let value: String = if k < chars.len() && chars[k] == '"' {
                    let start = k + 1;
                    k = start;
                    while k < chars.len() && chars[k] != '"' {
                        k += 1;
                    }
                    if k >= chars.len() {
                        bail!("unbalanced quote in the value of {name}: in the query");
                    }
                    let v = chars[start..k].iter().collect();
                    k += 1;
                    v
                } else {
                    let start = k;
                    while k < chars.len() && !chars[k].is_whitespace() {
                        k += 1;
                    }
                    chars[start..k].iter().collect()
                };
                // "S/RES/242 (1967)" typed without quotes: take the year along.
                let mut value = value;
                if name == "cites" || name == "symbol" {
                    let rest: String = chars[k..].iter().collect();
                    let trimmed = rest.trim_start();
                    if trimmed.starts_with('(')
                        && trimmed.len() >= 6
                        && trimmed[1..5].bytes().all(|b| b.is_ascii_digit())
                        && trimmed.as_bytes()[5] == b')'
                    {
                        value = format!("{value} {}", &trimmed[..6]);
                        k += rest.len() - trimmed.len() + 6;
                    }
                }
                if value.trim().is_empty() {
                    bail!(
                        "{name}: needs a value, e.g. {name}:{}",
                        example_value(&name)
                    );
                }
                filters.push(FilterClause {
                    field: name,
                    value,
                    negated,
                });
                i = k;
                continue;
            }
        }
        free.push(c);
        i += 1;
    }
    Ok((free, filters))
}

fn example_value(field: &str) -> &'static str {
    match field {
        "type" => "operative",
        "cites" => "A/RES/72/7",
        "symbol" => "A/RES/75/272",
        "lang" => "fr",
        "body" => "ga",
        "session" => "75",
        _ => "encourage",
    }
}

/// The language a `lang:` value names (`fr`, `french`, `anglais`…).
fn language_named(value: &str) -> Option<Language> {
    match value.trim().to_lowercase().as_str() {
        "fr" | "french" | "français" | "francais" => Some(Language::Fr),
        "en" | "english" | "anglais" => Some(Language::En),
        _ => None,
    }
}

/// An exact query for one filter, its value normalised.
fn filter_query(index: &Index, f: &Fields, clause: &FilterClause) -> Result<Box<dyn Query>> {
    let value = clause.value.trim();
    let lower = value.to_lowercase();
    let term = |field, text: &str| -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, text),
            IndexRecordOption::WithFreqs,
        ))
    };
    Ok(match clause.field.as_str() {
        "type" => {
            let kind = match lower.as_str() {
                "preambular" | "pp" | "preamble" | "préambule" => "preambular",
                "operative" | "op" | "dispositif" => "operative",
                _ => bail!(
                    "type:{value} is not a clause type; use type:preambular or type:operative"
                ),
            };
            term(f.kind, kind)
        }
        "lang" => {
            let Some(lang) = language_named(value) else {
                bail!("lang:{value} is not a language of the index; use lang:fr or lang:en")
            };
            term(f.lang, lang.code())
        }
        "body" => {
            let body = match lower.as_str() {
                "ga" | "assembly" | "general assembly" | "a" | "assemblée générale" => "ga",
                "sc" | "council" | "security council" | "s" | "conseil de sécurité" => "sc",
                _ => bail!(
                    "body:{value} is not an organ; use body:ga (General Assembly) or body:sc (Security Council)"
                ),
            };
            term(f.body, body)
        }
        "session" => {
            let n: u64 = value.parse().with_context(|| {
                format!("session:{value} is not a session number; e.g. session:75")
            })?;
            Box::new(RangeQuery::new(
                Bound::Included(Term::from_field_u64(f.session, n)),
                Bound::Included(Term::from_field_u64(f.session, n)),
            ))
        }
        "cites" => {
            let symbol = cite::normalize_symbol(value).unwrap_or_else(|| value.to_string());
            term(f.cites, &symbol.to_lowercase())
        }
        "symbol" => {
            let symbol = cite::normalize_symbol(value).unwrap_or_else(|| value.to_string());
            term(f.symbol, &symbol)
        }
        "opening" => {
            let mut parser = QueryParser::for_index(index, vec![f.opening_fr, f.opening_en]);
            parser.set_conjunction_by_default();
            let escaped: String = value
                .chars()
                .map(|c| {
                    if c.is_alphanumeric() || c.is_whitespace() {
                        c
                    } else {
                        ' '
                    }
                })
                .collect();
            if escaped.trim().is_empty() {
                bail!("opening:{value} has no words; e.g. opening:encourage");
            }
            parser
                .parse_query(&escaped)
                .map_err(|e| anyhow::anyhow!("opening:{value}: {e}"))?
        }
        other => bail!("unknown field {other:?}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_are_pulled_out_of_the_free_text() {
        let (free, filters) =
            split_filters("diplomatie type:operative -lang:en préventive").unwrap();
        assert_eq!(
            free.split_whitespace().collect::<Vec<_>>(),
            ["diplomatie", "préventive"]
        );
        assert_eq!(filters.len(), 2);
        assert_eq!(filters[0].field, "type");
        assert_eq!(
            filters[1],
            FilterClause {
                field: "lang".into(),
                value: "en".into(),
                negated: true
            }
        );
    }

    #[test]
    fn a_security_council_symbol_keeps_its_year_without_quotes() {
        let (_, filters) = split_filters("cites:S/RES/242 (1967) withdrawal").unwrap();
        assert_eq!(filters[0].value, "S/RES/242 (1967)");
        let (_, quoted) = split_filters("cites:\"S/RES/242 (1967)\"").unwrap();
        assert_eq!(quoted[0].value, "S/RES/242 (1967)");
    }

    #[test]
    fn the_query_language_is_guessed_from_accents_and_function_words() {
        assert_eq!(guess_language("diplomatie préventive"), Some(Language::Fr));
        assert_eq!(guess_language("l’Organisation"), Some(Language::Fr));
        assert_eq!(guess_language("rule of law"), Some(Language::En));
        assert_eq!(guess_language("diplomatie preventive"), None);
    }

    #[test]
    fn phrases_and_unknown_fields() {
        let (free, filters) = split_filters("\"type:x in a phrase\"").unwrap();
        assert!(filters.is_empty());
        assert_eq!(free, "\"type:x in a phrase\"");
        let err = split_filters("colour:red").unwrap_err().to_string();
        assert!(err.contains("unknown field \"colour\""), "{err}");
    }
}
