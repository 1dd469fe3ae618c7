//! Answering a query: its tree turned into Tantivy queries, ranking and snippets.
//!
//! [`crate::query`] reads the query language into a tree of words, phrases, filters, `OR`,
//! exclusions and groups; this module turns that tree into Tantivy queries. Each word and
//! phrase is analysed as the text of a language is ([`crate::analyzer`]), so "diplomatie
//! preventive" reaches French clauses and "preventive diplomacy" English ones: a word that gives
//! no term (a stop word) drops out, one that gives several (`COVID-19`) becomes a phrase, and a
//! phrase keeps the positions of its terms, gaps included, as Tantivy's own query parser would
//! do. Filters, wherever they stand in the tree, become exact term queries on their fields,
//! their values normalised (a cited symbol matches however it is typed).

use std::ops::Bound;

use anyhow::{Context, Result, anyhow, bail};
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    BooleanQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery, Query as TantivyQuery,
    RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{Index, Searcher, TantivyDocument, Term};

use crate::analyzer;
use crate::cite;
use crate::index::Fields;
use crate::model::{Body, ClauseType, Language, clause_label};
use crate::query::{Filter, Node, Query, QueryError, Reading};
use crate::segment;

/// From this many words, a query is also read as a pasted paragraph: clauses of exactly its
/// wording rank first.
const SAME_WORDING_MIN_WORDS: usize = 6;
/// The score added to a clause of exactly the query's wording: more than any BM25 score of
/// its words.
const SAME_WORDING_BONUS: f32 = 100_000.0;

/// Filters given as flags; each is the same as writing `field:value` in the query.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub kind: Option<ClauseType>,
    pub cites: Option<String>,
    pub symbol: Option<String>,
    pub lang: Option<Language>,
    pub body: Option<Body>,
    pub session: Option<u32>,
}

impl Filters {
    /// The filters set, in the order of the flags.
    pub fn to_vec(&self) -> Vec<Filter> {
        [
            self.kind.map(Filter::Type),
            self.cites.clone().map(Filter::Cites),
            self.symbol.clone().map(Filter::Symbol),
            self.lang.map(Filter::Lang),
            self.body.map(Filter::Body),
            self.session.map(Filter::Session),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

/// One search result.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub symbol: String,
    pub label: String,
    #[serde(rename = "type")]
    pub kind: ClauseType,
    pub number: u64,
    pub section: Option<String>,
    /// The subparagraph that holds every match, as printed (`(k)`, `k)`), when the clause has
    /// lettered subparagraphs and the matches all lie in one; the label then ends with it
    /// (`OP2(k)`) and the snippet is taken from it.
    pub subparagraph: Option<String>,
    pub opening: String,
    pub language: Language,
    pub body: Body,
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
    /// Byte ranges of every matched word in `text`, when asked for with
    /// [`Search::with_text_highlights`] (empty otherwise).
    #[serde(skip)]
    pub text_highlights: Vec<(usize, usize)>,
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
/// block-max pruning instead of scoring every matching clause. The parts are disjoint only when
/// each requires a word of its language; a query that does not (`diplomacy OR type:operative`)
/// runs as one query over both fields instead, each word looked for in either.
pub struct Search {
    searcher: Searcher,
    fields: Fields,
    /// The queries whose hits together are the answer; disjoint.
    parts: Vec<Box<dyn TantivyQuery>>,
    /// Per language searched, the query whose terms in that language's text are highlighted.
    snippets: Vec<(Language, Box<dyn TantivyQuery>)>,
    /// Why the text was read as plain words, when it was not valid syntax.
    plain_words: Option<QueryError>,
    /// Whether hits come in document order rather than by score: a query of filters only that
    /// names one resolution (`--symbol`).
    document_order: bool,
    /// Whether hits carry the matched words of their whole text.
    text_highlights: bool,
}

impl Search {
    /// Parses the query `text`, with the flags' `filters`, for the index; a text that is not
    /// valid syntax is read as plain words ([`Search::plain_words`] says why). Errors say what
    /// is wrong in the query.
    pub fn new(index: &Index, fields: Fields, text: &str, filters: &Filters) -> Result<Search> {
        Search::with_reading(index, fields, text, filters, Reading::Syntax)
    }

    /// [`Search::new`], the text read as `reading` says (`query -F`: plain words).
    pub fn with_reading(
        index: &Index,
        fields: Fields,
        text: &str,
        filters: &Filters,
        reading: Reading,
    ) -> Result<Search> {
        let searcher = index.reader()?.searcher();
        let (query, plain_words) = Query::read(text, &filters.to_vec(), reading)?;
        let document_order = !query.has_text()
            && query
                .required_filters()
                .any(|filter| matches!(filter, Filter::Symbol(_)));
        let root = query.root();
        let mut parts = Vec::new();
        let mut snippets = Vec::new();
        if !query.has_text() {
            let only = Translator::new(&fields, &[]).node(root);
            parts.push(only.ok_or(QueryError::Empty)?.query);
        } else {
            let languages = query.languages();
            let words = query.texts();
            let indexed = words.iter().any(|text| {
                languages
                    .iter()
                    .any(|&lang| !analyzer::terms(lang, text).is_empty())
            });
            if !indexed {
                bail!(
                    "the query {:?} has only common words that are not indexed (le, de, the, of…); add a word that carries meaning",
                    text.trim()
                );
            }
            let per_language: Vec<(Language, Option<Translated>)> = languages
                .iter()
                .map(|&lang| (lang, Translator::new(&fields, &[lang]).node(root)))
                .collect();
            let apart = per_language
                .iter()
                .all(|(_, part)| part.as_ref().is_none_or(|part| part.confined));
            for (lang, part) in &per_language {
                if let Some(part) = part {
                    snippets.push((*lang, part.query.box_clone()));
                }
            }
            if apart || languages.len() == 1 {
                parts.extend(
                    per_language
                        .into_iter()
                        .filter_map(|(_, p)| p.map(|p| p.query)),
                );
            } else if let Some(both) = Translator::new(&fields, &languages).node(root) {
                parts.push(both.query);
            }
            if parts.is_empty() {
                bail!(
                    "the query {:?} only excludes once its common words (le, de, the, of…) are left out; add a word that carries meaning",
                    text.trim()
                );
            }
            // A pasted paragraph: the clauses of exactly its wording come first (BM25 alone
            // ties them with clauses of the same stems, "report" for "reports").
            let wording = crate::trace::wording::Wording::new(text);
            if wording.len() >= SAME_WORDING_MIN_WORDS {
                let same = TermQuery::new(
                    Term::from_field_u64(fields.wording, wording.fingerprint()),
                    IndexRecordOption::Basic,
                );
                parts = parts
                    .into_iter()
                    .map(|part| {
                        Box::new(BooleanQuery::new(vec![
                            (Occur::Must, part),
                            (
                                Occur::Should,
                                Box::new(ConstScoreQuery::new(
                                    Box::new(same.clone()),
                                    SAME_WORDING_BONUS,
                                )),
                            ),
                        ])) as Box<dyn TantivyQuery>
                    })
                    .collect();
            }
        }
        Ok(Search {
            searcher,
            fields,
            parts,
            snippets,
            plain_words,
            document_order,
            text_highlights: false,
        })
    }

    /// Why the query text was read as plain words, when it was not valid syntax.
    pub fn plain_words(&self) -> Option<&QueryError> {
        self.plain_words.as_ref()
    }

    /// The searcher the query runs on.
    pub fn searcher(&self) -> &Searcher {
        &self.searcher
    }

    /// The fields of the index.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// Every clause that matches the query and `restriction` too, in no order.
    pub fn matching_with(
        &self,
        restriction: &dyn TantivyQuery,
    ) -> Result<Vec<tantivy::DocAddress>> {
        let mut found = Vec::new();
        for part in &self.parts {
            let both = BooleanQuery::new(vec![
                (Occur::Must, part.box_clone()),
                (Occur::Must, restriction.box_clone()),
            ]);
            found.extend(
                self.searcher
                    .search(&both, &tantivy::collector::DocSetCollector)?,
            );
        }
        Ok(found)
    }

    /// Hits will also carry the byte ranges of every matched word in their whole text
    /// ([`Hit::text_highlights`]): one more pass of the analyzer over each hit's text.
    pub fn with_text_highlights(mut self) -> Search {
        self.text_highlights = true;
        self
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
        // No more hits than clauses: a huge limit must not become a huge allocation.
        let clauses = usize::try_from(self.searcher.num_docs()).unwrap_or(usize::MAX);
        let limit = limit.min(clauses);
        if limit == 0 {
            return Ok(Vec::new());
        }
        if self.document_order {
            return self.in_document_order(limit);
        }
        let collector = TopDocs::with_limit(limit).order_by_score();
        let mut top = Vec::new();
        for part in &self.parts {
            top.extend(self.searcher.search(&**part, &collector)?);
        }
        if self.parts.len() > 1 {
            top.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            top.truncate(limit);
        }
        Ok(top)
    }

    /// The first `limit` matching clauses in document order: by file, then by place in it.
    fn in_document_order(&self, limit: usize) -> Result<Vec<(f32, tantivy::DocAddress)>> {
        let mut found = Vec::new();
        for part in &self.parts {
            for address in self
                .searcher
                .search(&**part, &tantivy::collector::DocSetCollector)?
            {
                let doc: TantivyDocument = self.searcher.doc(address)?;
                let file = doc
                    .get_first(self.fields.file)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string();
                let position = doc
                    .get_first(self.fields.position)
                    .and_then(|v| v.as_u64())
                    .unwrap_or(0);
                found.push((file, position, address));
            }
        }
        found.sort();
        found.truncate(limit);
        Ok(found
            .into_iter()
            .map(|(_, _, address)| (1.0, address))
            .collect())
    }

    /// How many clauses match in all (cheap for a single word: its document frequency).
    pub fn count(&self) -> Result<usize> {
        let mut total = 0;
        for part in &self.parts {
            total += self.searcher.search(&**part, &Count)?;
        }
        Ok(total)
    }

    /// The symbol of every matching resolution, once each, in the order of its best clause.
    pub fn symbols(&self) -> Result<Vec<String>> {
        let top = self.top(self.count()?)?;
        // Read the stored documents in index order, which the document store reads fastest.
        let mut order: Vec<usize> = (0..top.len()).collect();
        order.sort_by_key(|&i| top[i].1);
        let mut symbols = vec![String::new(); top.len()];
        for i in order {
            let doc: TantivyDocument = self.searcher.doc(top[i].1)?;
            if let Some(symbol) = doc.get_first(self.fields.symbol).and_then(|v| v.as_str()) {
                symbols[i] = symbol.to_string();
            }
        }
        let mut seen = std::collections::HashSet::new();
        symbols.retain(|symbol| !symbol.is_empty() && seen.insert(symbol.clone()));
        Ok(symbols)
    }

    /// Stored fields and snippets of the given documents.
    pub fn hits(&self, top: &[(f32, tantivy::DocAddress)]) -> Result<Vec<Hit>> {
        let f = &self.fields;
        // One snippet generator per language searched, from that language's query; and one
        // whose fragment is the whole text, for the matched words of the whole text (where every
        // match lies: in one subparagraph or not; and the text highlights when asked for).
        let mut generators: Vec<(Language, SnippetGenerator, SnippetGenerator)> = Vec::new();
        for (language, query) in &self.snippets {
            let field = f.text_of(*language);
            let mut whole = SnippetGenerator::create(&self.searcher, &**query, field)?;
            whole.set_max_num_chars(usize::MAX);
            generators.push((
                *language,
                SnippetGenerator::create(&self.searcher, &**query, field)?,
                whole,
            ));
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
            let language: Language = stored(text_of(f.lang), "language")?;
            let generator = generators
                .iter()
                .find(|(lang, _, _)| *lang == language)
                .map(|(_, generator, whole)| (generator, whole));
            let (snippet, highlights, subparagraph) = match generator {
                Some((generator, whole)) => match subparagraph_snippet(generator, whole, &text) {
                    Some((label, snippet)) => (snippet.0, snippet.1, Some(label)),
                    None => {
                        let (snippet, highlights) = snippet_of(generator, &text);
                        (snippet, highlights, None)
                    }
                },
                None => (leading_words(&text), Vec::new(), None),
            };
            // A fragment as long as the text starts at its first byte: its ranges are the text's.
            let text_highlights = match generator {
                Some((_, whole)) if self.text_highlights => whole_matches(whole, &text),
                _ => Vec::new(),
            };
            let kind: ClauseType = stored(text_of(f.kind), "clause type")?;
            let number = doc
                .get_first(f.number)
                .and_then(|v| v.as_u64())
                .unwrap_or(0);
            let section = text_of(f.section);
            let mut label = clause_label(section.as_deref(), kind, number);
            if let Some(sub) = &subparagraph {
                // `OP2(k)`, French `k)` included.
                label.push('(');
                label.push_str(sub.trim_start_matches('(').trim_end_matches(')'));
                label.push(')');
            }
            hits.push(Hit {
                symbol: text_of(f.symbol).unwrap_or_default(),
                label,
                kind,
                number,
                section,
                subparagraph,
                opening: text_of(f.opening).unwrap_or_default(),
                language,
                body: text_of(f.body)
                    .as_deref()
                    .and_then(Body::from_key)
                    .context("the index holds a clause without a known organ; rebuild it with `ressearch index --rebuild`")?,
                session: doc.get_first(f.session).and_then(|v| v.as_u64()),
                title: text_of(f.title),
                adopted: text_of(f.adopted),
                cites: all_of(f.cites),
                footnotes: all_of(f.footnotes),
                // The BM25 score, without what put the query's own wording first.
                score: if score >= SAME_WORDING_BONUS {
                    score - SAME_WORDING_BONUS
                } else {
                    score
                },
                snippet,
                highlights,
                text_highlights,
                file: crate::corpus::key_display(&text_of(f.file).unwrap_or_default()),
                text,
            });
        }
        Ok(hits)
    }
}

/// A snippet: a fragment of a clause and the byte ranges of the matched words in it.
type Snippet = (String, Vec<(usize, usize)>);

/// The best fragment of a text around the matches, and the byte ranges of the matched words in
/// it; the first words when nothing in it matches.
fn snippet_of(generator: &SnippetGenerator, text: &str) -> Snippet {
    let snippet = generator.snippet(text);
    if snippet.is_empty() {
        return (leading_words(text), Vec::new());
    }
    let ranges = snippet
        .highlighted()
        .iter()
        .map(|r| (r.start, r.end))
        .collect();
    (snippet.fragment().to_string(), ranges)
}

/// The byte ranges of every matched word in a text, from a generator whose fragment is the whole
/// text.
fn whole_matches(whole: &SnippetGenerator, text: &str) -> Vec<(usize, usize)> {
    let snippet = whole.snippet(text);
    let start = snippet.fragment_range().start;
    snippet
        .highlighted()
        .iter()
        .map(|r| (start + r.start, start + r.end))
        .collect()
}

/// Where every match of a clause lies in one of its lettered subparagraphs: that
/// subparagraph's label, and the snippet taken from its text.
fn subparagraph_snippet(
    generator: &SnippetGenerator,
    whole: &SnippetGenerator,
    text: &str,
) -> Option<(String, Snippet)> {
    let subparagraphs = segment::subparagraph_ranges(text);
    if subparagraphs.is_empty() {
        return None;
    }
    let matches = whole_matches(whole, text);
    let first = *matches.first()?;
    let (label, range) = subparagraphs
        .into_iter()
        .find(|(_, range)| range.contains(&first.0))?;
    if !matches
        .iter()
        .all(|&(start, end)| start >= range.start && end <= range.end)
    {
        return None;
    }
    Some((label, snippet_of(generator, &text[range])))
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

/// A value stored in the index, read back into the vocabulary.
fn stored<T: std::str::FromStr>(value: Option<String>, what: &str) -> Result<T> {
    let value = value.unwrap_or_default();
    value.parse().map_err(|_| {
        anyhow!(
            "the index holds the {what} {value:?}, which this version does not know; rebuild it with `ressearch index --rebuild`"
        )
    })
}

/// A Tantivy query for a node of the tree.
struct Translated {
    query: Box<dyn TantivyQuery>,
    /// Whether every clause it matches has text in one of the languages it was built for,
    /// because it requires one of their words.
    confined: bool,
}

/// Turns query trees into Tantivy queries, words looked for in the text of some languages.
struct Translator<'a> {
    fields: &'a Fields,
    languages: &'a [Language],
}

impl<'a> Translator<'a> {
    fn new(fields: &'a Fields, languages: &'a [Language]) -> Translator<'a> {
        Translator { fields, languages }
    }

    /// The query for `node`, or `None` when nothing of it is left once the words that give no
    /// term are dropped.
    fn node(&self, node: &Node) -> Option<Translated> {
        match node {
            Node::Word(text) | Node::Phrase(text) => self.text(text),
            Node::Filter(filter) => Some(Translated {
                query: self.filter(filter),
                confined: false,
            }),
            Node::And(children) => self.all(children),
            Node::Or(children) => {
                let mut alternatives: Vec<Translated> = children
                    .iter()
                    .filter_map(|child| self.node(child))
                    .collect();
                if alternatives.len() <= 1 {
                    return alternatives.pop();
                }
                let confined = alternatives.iter().all(|a| a.confined);
                let clauses = alternatives
                    .into_iter()
                    .map(|a| (Occur::Should, a.query))
                    .collect();
                Some(Translated {
                    query: Box::new(BooleanQuery::new(clauses)),
                    confined,
                })
            }
            // A parsed query negates only among the members of a sequence (see `all`).
            Node::Not(_) => None,
        }
    }

    /// A sequence: one flat conjunction, the words first, then the filters, then the
    /// exclusions, so that a conjunction of words and filters is all term queries, which
    /// Tantivy prunes with block-max WAND.
    fn all(&self, children: &[Node]) -> Option<Translated> {
        let (mut words, mut filters, mut excluded) = (Vec::new(), Vec::new(), Vec::new());
        let mut confined = false;
        for child in children {
            match child {
                Node::Not(inner) => excluded.extend(self.node(inner)),
                Node::Filter(_) => filters.extend(self.node(child)),
                _ => {
                    if let Some(word) = self.node(child) {
                        confined |= word.confined;
                        words.push(word);
                    }
                }
            }
        }
        let mut required: Vec<Translated> = words;
        required.append(&mut filters);
        if required.len() <= 1 && excluded.is_empty() {
            return required.pop();
        }
        if required.is_empty() {
            return None;
        }
        let clauses = required
            .into_iter()
            .map(|r| (Occur::Must, r.query))
            .chain(excluded.into_iter().map(|e| (Occur::MustNot, e.query)))
            .collect();
        Some(Translated {
            query: Box::new(BooleanQuery::new(clauses)),
            confined,
        })
    }

    /// A word or phrase, looked for in the text of each language.
    fn text(&self, text: &str) -> Option<Translated> {
        let mut per_field: Vec<Box<dyn TantivyQuery>> = self
            .languages
            .iter()
            .filter_map(|&lang| analysed(self.fields.text_of(lang), lang, text))
            .collect();
        let query = match per_field.len() {
            0 => return None,
            1 => per_field.pop()?,
            _ => Box::new(BooleanQuery::new(
                per_field.into_iter().map(|q| (Occur::Should, q)).collect(),
            )),
        };
        Some(Translated {
            query,
            confined: true,
        })
    }

    /// An exact query for a filter, its value normalised.
    fn filter(&self, filter: &Filter) -> Box<dyn TantivyQuery> {
        let f = self.fields;
        match filter {
            Filter::Type(kind) => term_query(f.kind, kind.name()),
            Filter::Lang(lang) => term_query(f.lang, lang.code()),
            Filter::Body(body) => term_query(f.body, body.key()),
            Filter::Session(n) => {
                let term = Term::from_field_u64(f.session, u64::from(*n));
                let range = RangeQuery::new(Bound::Included(term.clone()), Bound::Included(term));
                // Scored 1 in every segment: bare, Tantivy drops the range from the score in a
                // segment all of whose clauses are of that session, so that a clause's score
                // would depend on how clauses fall into segments.
                Box::new(ConstScoreQuery::new(Box::new(range), 1.0))
            }
            Filter::Cites(value) => {
                // However typed (`1325 (2000)`, `res 1325`); a document cited in a part,
                // addendum or corrigendum counts (`A/CONF.157/24` for `A/CONF.157/24 (Part I)`).
                let symbol = cite::read_cited(value)
                    .unwrap_or_else(|| value.clone())
                    .to_lowercase();
                Box::new(BooleanQuery::new(vec![
                    (Occur::Should, term_query(f.cites, &symbol)),
                    (Occur::Should, term_query(f.cites_base, &symbol)),
                ]))
            }
            Filter::Symbol(value) => {
                let symbol = cite::normalize_symbol(value).unwrap_or_else(|| value.clone());
                term_query(f.symbol, &symbol)
            }
            Filter::Opening(value) => self.opening(value),
        }
    }

    /// Every word of `value` in the opening phrase, in either language.
    fn opening(&self, value: &str) -> Box<dyn TantivyQuery> {
        let f = self.fields;
        let letters: String = value
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c.is_whitespace() {
                    c
                } else {
                    ' '
                }
            })
            .collect();
        let mut words: Vec<Box<dyn TantivyQuery>> = Vec::new();
        for word in letters.split_whitespace() {
            let mut per_field: Vec<Box<dyn TantivyQuery>> = Vec::new();
            for (lang, field) in [(Language::Fr, f.opening_fr), (Language::En, f.opening_en)] {
                // The opening fields keep no positions: several terms are each required.
                let mut terms: Vec<Box<dyn TantivyQuery>> = analyzer::terms(lang, word)
                    .iter()
                    .map(|term| term_query(field, term))
                    .collect();
                match terms.len() {
                    0 => {}
                    1 => per_field.extend(terms.pop()),
                    _ => per_field.push(all_of(terms)),
                }
            }
            match per_field.len() {
                0 => {}
                1 => words.extend(per_field.pop()),
                _ => words.push(Box::new(BooleanQuery::new(
                    per_field.into_iter().map(|q| (Occur::Should, q)).collect(),
                ))),
            }
        }
        match words.len() {
            0 => Box::new(EmptyQuery),
            1 => words.pop().expect("one word"),
            _ => all_of(words),
        }
    }
}

/// A conjunction.
fn all_of(queries: Vec<Box<dyn TantivyQuery>>) -> Box<dyn TantivyQuery> {
    Box::new(BooleanQuery::new(
        queries.into_iter().map(|q| (Occur::Must, q)).collect(),
    ))
}

/// A term query that reads term frequencies, so that conjunctions of them can be pruned.
fn term_query(field: Field, text: &str) -> Box<dyn TantivyQuery> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

/// The query for a word or phrase in one language's text field: its one term, or its terms in
/// sequence at their positions (a stop word's gap kept); `None` when it gives no term.
fn analysed(field: Field, lang: Language, text: &str) -> Option<Box<dyn TantivyQuery>> {
    let mut analyzer = analyzer::analyzer(lang);
    let mut stream = analyzer.token_stream(text);
    let mut terms: Vec<(usize, Term)> = Vec::new();
    while let Some(token) = stream.next() {
        terms.push((token.position, Term::from_field_text(field, &token.text)));
    }
    match terms.len() {
        0 => None,
        1 => Some(Box::new(TermQuery::new(
            terms.pop()?.1,
            IndexRecordOption::WithFreqs,
        ))),
        _ => Some(Box::new(PhraseQuery::new_with_offset(terms))),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::sync::OnceLock;

    use super::*;
    use crate::index;

    /// An index of the founding text (corpus/), built once.
    fn founding() -> &'static (tempfile::TempDir, Index, Fields) {
        static INDEX: OnceLock<(tempfile::TempDir, Index, Fields)> = OnceLock::new();
        INDEX.get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
            index::build(&[corpus], dir.path(), true).unwrap();
            let (idx, fields) = index::open(dir.path()).unwrap();
            (dir, idx, fields)
        })
    }

    /// Every hit of a query as `symbol label`, checked to be listed once, and the count.
    fn hits(query: &str) -> (BTreeSet<String>, usize) {
        let (_dir, idx, fields) = founding();
        let results = Search::new(idx, *fields, query, &Filters::default())
            .unwrap_or_else(|e| panic!("{query:?}: {e}"))
            .run(1000)
            .unwrap();
        let labels: BTreeSet<String> = results
            .hits
            .iter()
            .map(|h| format!("{} {}", h.symbol, h.label))
            .collect();
        assert_eq!(labels.len(), results.hits.len(), "{query:?}: a hit twice");
        assert_eq!(results.total, results.hits.len(), "{query:?}: count");
        (labels, results.total)
    }

    fn error(query: &str) -> String {
        let (_dir, idx, fields) = founding();
        match Search::new(idx, *fields, query, &Filters::default()) {
            Ok(_) => panic!("{query:?} parsed"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn a_filter_in_parentheses_works_like_one_outside() {
        let (operative, total) = hits("type:operative");
        assert!(total > 0 && total < hits("symbol:A/RES/75/272").1);
        for grouped in [
            "(type:operative)",
            "((type:operative))",
            "(type:op) (type:operative)",
        ] {
            assert_eq!(hits(grouped).0, operative, "{grouped}");
        }
        let (centre, _) = hits("Centre type:operative");
        assert!(!centre.is_empty());
        for grouped in ["Centre (type:operative)", "(Centre type:operative)"] {
            assert_eq!(hits(grouped).0, centre, "{grouped}");
        }
        let (french, _) = hits("Centre lang:fr");
        assert_eq!(hits("Centre (lang:fr)").0, french);
    }

    #[test]
    fn filters_inside_or_and_negations_work_like_top_level_ones() {
        let (operative, _) = hits("type:operative");
        let (achgabat, _) = hits("Achgabat");
        let either: BTreeSet<String> = operative.union(&achgabat).cloned().collect();
        assert!(either.len() > operative.len() && either.len() > achgabat.len());
        assert_eq!(hits("type:operative OR Achgabat").0, either);
        assert_eq!(hits("(Achgabat OR type:operative)").0, either);
        let (preambular_centre, _) = hits("Centre -type:operative");
        assert!(!preambular_centre.is_empty());
        assert_eq!(hits("Centre -(type:operative)").0, preambular_centre);
        assert_eq!(hits("Centre NOT type:operative").0, preambular_centre);
        assert_eq!(hits("Centre type:preambular").0, preambular_centre);
    }

    #[test]
    fn a_stop_word_drops_out_and_a_word_of_several_terms_is_a_phrase() {
        assert_eq!(hits("diplomatie de la").0, hits("diplomatie").0);
        assert_eq!(hits("diplomatie OR de").0, hits("diplomatie").0);
        assert_eq!(hits("diplomatie -de").0, hits("diplomatie").0);
        let (covid, total) = hits("COVID-19");
        assert!(total > 0);
        assert_eq!(hits("\"COVID 19\"").0, covid);
        assert!(hits("\"19 COVID\"").0.is_empty());
        assert!(hits("19-COVID").0.is_empty());
    }

    #[test]
    fn phrases_keep_the_gaps_of_stop_words() {
        let (with_gap, total) = hits("\"Centre régional des Nations Unies\"");
        assert!(total > 0);
        assert_eq!(hits("\"Centre régional de Nations Unies\"").0, with_gap);
        assert!(hits("\"Centre régional Nations Unies\"").0.is_empty());
    }

    #[test]
    fn query_errors_reach_the_caller_with_their_message() {
        assert!(error("de la").contains("only common words"));
        assert!(error("de -paix").contains("only excludes"));
        assert!(error(&"(".repeat(10_000)).contains("levels deep"));
    }
}
