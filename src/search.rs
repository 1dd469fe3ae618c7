//! Answering a query: its tree turned into Tantivy queries, ranking and snippets.
//!
//! [`crate::query`] reads the query language into a tree of words, phrases, filters, `OR`,
//! exclusions and groups; this module turns that tree into Tantivy queries (`translate`),
//! finds the top hits (`top`, `union`, `phrase`) and builds the hits' snippets and highlights.
//! Each word and phrase is analysed as the text of a language is ([`crate::analyzer`]), so
//! "diplomatie preventive" reaches French clauses and "preventive diplomacy" English ones: a
//! word that gives no term (a stop word) drops out, one that gives several (`COVID-19`) becomes
//! a phrase, and a phrase keeps the positions of its terms, gaps included, as Tantivy's own
//! query parser would do. Filters, wherever they stand in the tree, become exact term queries
//! on their fields, their values normalised (a cited symbol matches however it is typed).

pub mod absent;
mod blocks;
mod filtered;
mod phrase;
mod statistics;
mod top;
mod translate;
mod union;

use anyhow::{Context, Result, anyhow, bail};
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, EnableScoring, Occur, Query as TantivyQuery, TermQuery};
use tantivy::schema::Value;
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocSet, Index, Searcher, TERMINATED, TantivyDocument, Term};

use self::statistics::LanguageStatistics;
use self::translate::{Translated, Translator, all_of, of_wording};
use crate::acronyms;
use crate::index::Fields;
use crate::model::{Body, ClauseType, DateRange, Language, Sort, clause_label};
use crate::query::{Filter, Query, QueryError, Reading};
use crate::segment;
use crate::thesaurus::Thesaurus;

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
    pub adopted: Option<DateRange>,
    /// Search the words in both languages, whatever language they are written in
    /// (`--lang any`).
    pub any_language: bool,
    /// The order of hits (`--sort`).
    pub sort: Sort,
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
            self.adopted.map(Filter::Adopted),
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
    /// Whether the clause lacks some of the words and only fills the list after those with
    /// all of them (see [`Search::run`]).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub near: bool,
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

/// How many matching clauses [`Search::run`] counts exactly; past it, it says "more than" that
/// many (unless [`Search::with_exact_count`]): a count of every match of a frequent phrase
/// would cost more than the top hits.
pub const COUNT_BOUND: usize = 10_000;

/// The ranked hits and how many clauses matched in all.
#[derive(Debug)]
pub struct Results {
    pub hits: Vec<Hit>,
    /// The clauses that match; when [`Results::total_is_lower_bound`], more than this many.
    pub total: usize,
    /// Whether counting stopped at `total` ([`COUNT_BOUND`], or the limit asked for if larger):
    /// more clauses match.
    pub total_is_lower_bound: bool,
}

impl Results {
    /// The count as people read it: `6`, `more than 10,000`.
    pub fn total_text(&self) -> String {
        count_text(self.total, self.total_is_lower_bound)
    }
}

/// A count of matching clauses as people read it: `6`, or `more than 10,000` when counting
/// stopped there ([`Search::total`]).
pub fn count_text(total: usize, is_lower_bound: bool) -> String {
    if is_lower_bound {
        format!("more than {}", thousands(total))
    } else {
        total.to_string()
    }
}

/// A number with a comma every three digits: `10,000`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
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
    /// The queries whose hits together are the answer; disjoint. A part confined to one
    /// language is scored with that language's statistics ([`LanguageStatistics`]).
    parts: Vec<(Option<Language>, Box<dyn TantivyQuery>)>,
    /// For a pasted paragraph (six words or more), the term of its wording: the clauses of
    /// exactly that wording rank first ([`SAME_WORDING_BONUS`]).
    same_wording: Option<Term>,
    /// Per language, the query that fills the list when few clauses have every word: clauses
    /// with all but one of three words or more, and their other requirements (see
    /// [`Translator::relaxed`]). Empty for other queries.
    relaxed: Vec<(Option<Language>, Box<dyn TantivyQuery>)>,
    /// Per language searched, the query whose terms in that language's text are highlighted.
    snippets: Vec<(Language, Box<dyn TantivyQuery>)>,
    /// Why the text was read as plain words, when it was not valid syntax.
    plain_words: Option<QueryError>,
    /// Whether hits come in document order rather than by score: a query of filters only that
    /// names one resolution (`--symbol`).
    document_order: bool,
    /// Whether hits carry the matched words of their whole text.
    text_highlights: bool,
    /// Whether [`Search::run`] counts every matching clause, past [`COUNT_BOUND`].
    exact_count: bool,
    /// The order of hits.
    sort: Sort,
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
        // A user's thesaurus that cannot be read is an error, not silently left out.
        let thesaurus = Thesaurus::with_acronyms(&acronyms::read(index))?;
        let absent = absent::read(index);
        let root = query.root();
        let mut parts = Vec::new();
        let mut relaxed = Vec::new();
        let mut snippets = Vec::new();
        let mut same_wording = None;
        if !query.has_text() {
            let only = Translator::new(&fields, &searcher, &[], thesaurus, absent).node(root);
            parts.push((None, only.ok_or(QueryError::Empty)?.query));
        } else {
            let languages = if filters.any_language && !query.has_lang_filter() {
                Language::ALL.to_vec()
            } else {
                query.languages()
            };
            let words = query.texts();
            let indexed = words.iter().any(|text| {
                languages
                    .iter()
                    .any(|&lang| translate::word_may_match(lang, text))
            });
            if !indexed {
                bail!(
                    "the query {:?} has only common words that are not indexed (le, de, the, of…); add a word that carries meaning",
                    text.trim()
                );
            }
            let per_language: Vec<(Language, Option<Translated>)> = languages
                .iter()
                .map(|&lang| {
                    (
                        lang,
                        Translator::new(&fields, &searcher, &[lang], thesaurus, absent).node(root),
                    )
                })
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
                for &lang in &languages {
                    if let Some(query) =
                        Translator::new(&fields, &searcher, &[lang], thesaurus, absent)
                            .relaxed(root)
                    {
                        relaxed.push((Some(lang), query));
                    }
                }
                parts.extend(
                    per_language
                        .into_iter()
                        .filter_map(|(lang, p)| p.map(|p| (Some(lang), p.query))),
                );
            } else if let Some(both) =
                Translator::new(&fields, &searcher, &languages, thesaurus, absent).node(root)
            {
                parts.push((None, both.query));
            }
            if parts.is_empty() {
                bail!(
                    "the query {:?} only excludes once its common words (le, de, the, of…) are left out; add a word that carries meaning",
                    text.trim()
                );
            }
            // A pasted paragraph: the clauses of exactly its wording come first (BM25 alone
            // ties them with clauses of the same stems, "report" for "reports").
            // Only when some clause has that wording (`"Nations Unies" type:operative lang:fr`
            // has six words, a wording no clause has): nothing to look for otherwise.
            let wording = crate::trace::wording::Wording::new(text);
            let term = Term::from_field_u64(fields.wording, wording.fingerprint());
            if wording.len() >= SAME_WORDING_MIN_WORDS && searcher.doc_freq(&term)? > 0 {
                same_wording = Some(term);
            }
        }
        Ok(Search {
            searcher,
            fields,
            parts,
            same_wording,
            relaxed,
            snippets,
            plain_words,
            document_order,
            text_highlights: false,
            exact_count: false,
            sort: filters.sort,
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
                (Occur::Must, part.1.box_clone()),
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

    /// [`Search::run`] will count every matching clause, however many (`--exact-count`).
    pub fn with_exact_count(mut self) -> Search {
        self.exact_count = true;
        self
    }

    /// Hits will come in this order (relevance by default).
    pub fn with_sort(mut self, sort: Sort) -> Search {
        self.sort = sort;
        self
    }

    /// The top `limit` hits, by relevance (BM25), with snippets, and how many clauses matched:
    /// exactly up to [`COUNT_BOUND`] (or `limit` if larger), a lower bound past it unless
    /// [`Search::with_exact_count`]. When fewer than `limit` clauses have every word, clauses
    /// with most of them follow, marked [`Hit::near`] (a query of two words or more; not
    /// counted in the total).
    pub fn run(&self, limit: usize) -> Result<Results> {
        let top = self.top(limit)?;
        let (total, total_is_lower_bound) = self.total(limit)?;
        let mut hits = self.hits(&top)?;
        // The clauses with every word come first; any after them are near matches.
        for hit in hits.iter_mut().skip(total) {
            hit.near = true;
        }
        Ok(Results {
            hits,
            total,
            total_is_lower_bound,
        })
    }

    /// How many clauses match, as [`Search::run`] counts them beside `limit` hits: exactly up to
    /// [`COUNT_BOUND`] (or `limit` if larger) and `true` past it (more match), unless
    /// [`Search::with_exact_count`].
    pub fn total(&self, limit: usize) -> Result<(usize, bool)> {
        if self.exact_count {
            Ok((self.count()?, false))
        } else {
            self.count_up_to(COUNT_BOUND.max(limit))
        }
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
        if self.sort != Sort::Relevance {
            return self.top_by_date(limit);
        }
        let mut top = self.ranked_wording_first(limit)?;
        if top.len() < limit && !self.relaxed.is_empty() {
            // Fewer clauses than asked for have every word: after them, those that miss one,
            // best first.
            let strict: std::collections::HashSet<tantivy::DocAddress> =
                top.iter().map(|h| h.1).collect();
            let more = self.ranked(&self.relaxed, limit)?;
            top.extend(more.into_iter().filter(|h| !strict.contains(&h.1)));
            top.truncate(limit);
        }
        Ok(top)
    }

    /// The top `limit` clauses of the query by score, those of the query's own wording first
    /// (their scores raised by [`SAME_WORDING_BONUS`]). They are looked for apart, few as they
    /// are, so that the query itself stays one that Tantivy prunes: the same hits in the same
    /// order as the query with the bonus as one more optional clause, which it would not prune.
    fn ranked_wording_first(&self, limit: usize) -> Result<Vec<(f32, tantivy::DocAddress)>> {
        let Some(same) = &self.same_wording else {
            return self.ranked(&self.parts, limit);
        };
        // The clauses of that wording, scored by the query alone (the wording adds 0).
        let wording_too: Vec<(Option<Language>, Box<dyn TantivyQuery>)> = self
            .parts
            .iter()
            .map(|(lang, part)| (*lang, all_of(vec![part.box_clone(), of_wording(same, 0.0)])))
            .collect();
        let mut top: Vec<(f32, tantivy::DocAddress)> = self
            .ranked(&wording_too, limit)?
            .into_iter()
            .map(|(score, address)| (score + SAME_WORDING_BONUS, address))
            .collect();
        top.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let first: std::collections::HashSet<tantivy::DocAddress> =
            top.iter().map(|h| h.1).collect();
        let rest = self.ranked(&self.parts, limit + first.len())?;
        top.extend(rest.into_iter().filter(|h| !first.contains(&h.1)));
        top.truncate(limit);
        Ok(top)
    }

    /// The parts of the query, each with the clauses of the query's own wording raised by
    /// [`SAME_WORDING_BONUS`] when it is a pasted paragraph.
    fn parts_wording_first(&self) -> Vec<(Option<Language>, Box<dyn TantivyQuery>)> {
        self.parts
            .iter()
            .map(|(lang, part)| {
                let query = match &self.same_wording {
                    Some(same) => Box::new(BooleanQuery::new(vec![
                        (Occur::Must, part.box_clone()),
                        (Occur::Should, of_wording(same, SAME_WORDING_BONUS)),
                    ])) as Box<dyn TantivyQuery>,
                    None => part.box_clone(),
                };
                (*lang, query)
            })
            .collect()
    }

    /// The top `limit` clauses of some disjoint queries, by score (ties in index order), the
    /// best found in one segment or part raising the bar for the next ([`top::TopScored`]).
    fn ranked(
        &self,
        parts: &[(Option<Language>, Box<dyn TantivyQuery>)],
        limit: usize,
    ) -> Result<Vec<(f32, tantivy::DocAddress)>> {
        let mut top = top::TopScored::new(limit);
        for (lang, part) in parts {
            let statistics = LanguageStatistics::new(&self.searcher, &self.fields, *lang)?;
            // A part that requires a term its language has nowhere (the French half of
            // `sovereignty`) is searched in no segment.
            if statistics::matches_nothing(&**part, &statistics)? {
                continue;
            }
            let scoring =
                EnableScoring::enabled_from_statistics_provider(&statistics, &self.searcher);
            top.collect(&*part.weight(scoring)?, &self.searcher)?;
        }
        Ok(top.into_sorted())
    }

    /// Runs one part of the query into `collector`, a part confined to one language scored with
    /// that language's statistics ([`LanguageStatistics`]).
    fn scored<C: tantivy::collector::Collector>(
        &self,
        lang: Option<Language>,
        part: &dyn TantivyQuery,
        collector: &C,
    ) -> Result<C::Fruit> {
        let statistics = LanguageStatistics::new(&self.searcher, &self.fields, lang)?;
        Ok(self
            .searcher
            .search_with_statistics_provider(part, collector, &statistics)?)
    }

    /// The top `limit` hits by adoption date (clauses of one day by relevance), with their
    /// scores; clauses without a known date come last.
    fn top_by_date(&self, limit: usize) -> Result<Vec<(f32, tantivy::DocAddress)>> {
        let newest_first = self.sort == Sort::DateDescending;
        // The key: the day (or its opposite, oldest first), then the score.
        let collector =
            TopDocs::with_limit(limit).tweak_score(move |segment: &tantivy::SegmentReader| {
                let days = segment
                    .fast_fields()
                    .u64("day")
                    .ok()
                    .map(|column| column.first_or_default_col(0));
                move |doc: tantivy::DocId, score: f32| {
                    let day = days.as_ref().map_or(0, |column| column.get_val(doc));
                    let key = match (day, newest_first) {
                        (0, _) => i64::MIN,
                        (day, true) => day as i64,
                        (day, false) => -(day as i64),
                    };
                    (key, OrderedScore(score))
                }
            });
        let mut top: Vec<((i64, OrderedScore), tantivy::DocAddress)> = Vec::new();
        for (lang, part) in &self.parts_wording_first() {
            top.extend(self.scored(*lang, &**part, &collector)?);
        }
        top.sort_by(|a, b| {
            b.0.0
                .cmp(&a.0.0)
                .then(b.0.1.0.total_cmp(&a.0.1.0))
                .then(a.1.cmp(&b.1))
        });
        top.truncate(limit);
        Ok(top.into_iter().map(|((_, s), a)| (s.0, a)).collect())
    }

    /// The first `limit` matching clauses in document order: by file, then by place in it.
    fn in_document_order(&self, limit: usize) -> Result<Vec<(f32, tantivy::DocAddress)>> {
        let mut found = Vec::new();
        for (_, part) in &self.parts {
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
        for (_, part) in &self.parts {
            total += self.searcher.search(&**part, &Count)?;
        }
        Ok(total)
    }

    /// How many clauses match, counted up to `bound`: the count and `false`, or `bound` and
    /// `true` when more match. A term's count is read from the index whatever its size; other
    /// queries stop counting past the bound.
    pub fn count_up_to(&self, bound: usize) -> Result<(usize, bool)> {
        let mut total = 0;
        for (_, part) in &self.parts {
            if part.as_ref().is::<TermQuery>() {
                total += self.searcher.search(&**part, &Count)?;
            } else {
                let weight = part.weight(EnableScoring::disabled_from_searcher(&self.searcher))?;
                for segment in self.searcher.segment_readers() {
                    let mut scorer = weight.scorer(segment, 1.0)?;
                    let alive = segment.alive_bitset();
                    let mut doc = scorer.doc();
                    while doc != TERMINATED && total <= bound {
                        if alive.is_none_or(|alive| alive.is_alive(doc)) {
                            total += 1;
                        }
                        doc = scorer.advance();
                    }
                }
            }
            if total > bound {
                return Ok((bound, true));
            }
        }
        Ok((total, false))
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
            let ((snippet, highlights), subparagraph, text_highlights) = match generator {
                Some((generator, whole)) => {
                    let subparagraphs = segment::subparagraph_ranges(&text);
                    // The matched words of the whole text, once: where they lie, and the text
                    // highlights when asked for.
                    let matches = if self.text_highlights || !subparagraphs.is_empty() {
                        whole_matches(whole, &text)
                    } else {
                        Vec::new()
                    };
                    let (snippet, subparagraph) =
                        match holding_subparagraph(subparagraphs, &matches) {
                            Some((label, range)) => {
                                (snippet_of(generator, &text[range]), Some(label))
                            }
                            None => (snippet_of(generator, &text), None),
                        };
                    let text_highlights = if self.text_highlights {
                        matches
                    } else {
                        Vec::new()
                    };
                    (snippet, subparagraph, text_highlights)
                }
                None => ((leading_words(&text), Vec::new()), None, Vec::new()),
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
                near: false,
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

/// A score that sorts (NaN, which BM25 never gives, sorts as any other value).
#[derive(Debug, Clone, Copy, PartialEq)]
struct OrderedScore(f32);

impl PartialOrd for OrderedScore {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.0.total_cmp(&other.0))
    }
}

/// The explanation of the score `weight` gives clause `doc` of a segment, named `what` (its
/// parts' details for the caller to add); an error when the clause does not match.
fn explanation_at(
    weight: &dyn tantivy::query::Weight,
    reader: &tantivy::SegmentReader,
    doc: tantivy::DocId,
    what: &'static str,
) -> tantivy::Result<tantivy::query::Explanation> {
    let mut scorer = weight.scorer(reader, 1.0)?;
    if scorer.seek(doc) != doc {
        return Err(tantivy::TantivyError::InvalidArgument(format!(
            "document #{doc} does not match the {what}"
        )));
    }
    Ok(tantivy::query::Explanation::new(what, scorer.score()))
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

/// The lettered subparagraph that holds every match of a clause (`matches`, byte ranges in its
/// text), among the clause's `subparagraphs`: its label and range.
fn holding_subparagraph(
    subparagraphs: Vec<(String, std::ops::Range<usize>)>,
    matches: &[(usize, usize)],
) -> Option<(String, std::ops::Range<usize>)> {
    let first = *matches.first()?;
    let (label, range) = subparagraphs
        .into_iter()
        .find(|(_, range)| range.contains(&first.0))?;
    matches
        .iter()
        .all(|&(start, end)| start >= range.start && end <= range.end)
        .then_some((label, range))
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

/// A reproducible draw of numbers below `n`, for the tests' made-up clauses.
#[cfg(test)]
fn draws(seed: u64) -> impl FnMut(usize) -> usize {
    let mut seed = seed;
    move |n: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as usize % n
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

    /// Each clause of the founding text pasted as a query: the hits, their order and their
    /// scores are those of the query with the wording bonus as one more optional clause.
    #[test]
    fn a_pasted_paragraph_ranks_as_with_the_bonus_in_one_query() {
        let (_, idx, fields) = founding();
        let fields = *fields;
        let searcher = idx.reader().unwrap().searcher();
        let mut texts = Vec::new();
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            for doc in 0..segment.max_doc() {
                let stored: TantivyDocument = searcher
                    .doc(tantivy::DocAddress::new(ord as u32, doc))
                    .unwrap();
                texts.extend(
                    stored
                        .get_first(fields.text)
                        .and_then(|v| v.as_str())
                        .map(str::to_string),
                );
            }
        }
        assert!(texts.len() >= 20, "{}", texts.len());
        let mut pasted = 0;
        for text in &texts {
            let search = Search::with_reading(
                idx,
                fields,
                text,
                &Filters::default(),
                Reading::FixedStrings,
            )
            .unwrap();
            if search.same_wording.is_none() {
                continue;
            }
            pasted += 1;
            for limit in [1, 3, 10, 50] {
                let apart = search.ranked_wording_first(limit).unwrap();
                let one = search.ranked(&search.parts_wording_first(), limit).unwrap();
                assert_eq!(apart, one, "{limit}: {text}");
                assert!(apart[0].0 >= SAME_WORDING_BONUS, "{text}");
            }
        }
        assert!(pasted >= 15, "{pasted}");
    }
}
