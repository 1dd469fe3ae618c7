//! Query trees into Tantivy queries: the words of each language's text field (analysed as
//! that language's text is), phrases through their word pairs, the other names of the concepts
//! the words name, compounds written in one piece, filters, and the relaxed query of near
//! matches. [`super::Search`] runs what this builds.

use std::ops::Bound;

use tantivy::Searcher;
use tantivy::Term;
use tantivy::query::{
    BooleanQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery, Query as TantivyQuery,
    RangeQuery, RegexQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};

use super::absent::AbsentNames;
use super::filtered::{self, Condition, Filtered};
use super::{phrase, union};
use crate::analyzer;
use crate::cite;
use crate::index::Fields;
use crate::model::Language;
use crate::query::{Filter, Node};
use crate::thesaurus::{self, Thesaurus};

/// A Tantivy query for a node of the tree.
pub(super) struct Translated {
    pub(super) query: Box<dyn TantivyQuery>,
    /// Whether every clause it matches has text in one of the languages it was built for,
    /// because it requires one of their words.
    pub(super) confined: bool,
}

/// Turns query trees into Tantivy queries, words looked for in the text of some languages.
pub(super) struct Translator<'a> {
    fields: &'a Fields,
    /// The index's terms, to tell whether two words also stand written in one piece.
    searcher: &'a Searcher,
    languages: &'a [Language],
    /// Other names of the concepts the words name.
    thesaurus: &'static Thesaurus,
    /// The names no clause of a language holds, left out.
    absent: &'a AbsentNames,
}

/// The weight of a thesaurus name against the words typed: its matches rank below theirs.
const EXPANSION_WEIGHT: f32 = 0.3;

impl<'a> Translator<'a> {
    pub(super) fn new(
        fields: &'a Fields,
        searcher: &'a Searcher,
        languages: &'a [Language],
        thesaurus: &'static Thesaurus,
        absent: &'a AbsentNames,
    ) -> Translator<'a> {
        Translator {
            fields,
            searcher,
            languages,
            thesaurus,
            absent,
        }
    }

    /// `literal`, or else the other names of the concept `text` names, at a lower weight.
    fn expanded(&self, text: &str, literal: Option<Translated>) -> Option<Translated> {
        let alternatives: Vec<Box<dyn TantivyQuery>> = self
            .thesaurus
            .expansions(text)
            .iter()
            .filter(|name| !self.absent.everywhere(self.languages, name))
            .filter_map(|name| self.text(name))
            .map(|t| t.query)
            .collect();
        if alternatives.is_empty() {
            return literal;
        }
        let others: Box<dyn TantivyQuery> =
            Box::new(union::Union::of(alternatives, EXPANSION_WEIGHT));
        let query = match literal {
            Some(literal) => any_of(vec![literal.query, others]),
            None => others,
        };
        Some(Translated {
            query,
            confined: true,
        })
    }

    /// The query for `node`, or `None` when nothing of it is left once the words that give no
    /// term are dropped.
    pub(super) fn node(&self, node: &Node) -> Option<Translated> {
        match node {
            Node::Word(text) => self.expanded(text, self.word(text)),
            Node::Phrase(text) => self.text(text),
            Node::Filter(filter) => Some(self.required_filter(filter)),
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
                Some(Translated {
                    query: any_of(alternatives.into_iter().map(|a| a.query).collect()),
                    confined,
                })
            }
            // A parsed query negates only among the members of a sequence (see `all`).
            Node::Not(_) => None,
        }
    }

    /// For a sequence of two words or more (with any filters and exclusions), the query for
    /// clauses with most of its words (two thirds, rounded down, at least one), the filters
    /// and exclusions kept; `None` otherwise.
    pub(super) fn relaxed(&self, node: &Node) -> Option<Box<dyn TantivyQuery>> {
        let Node::And(children) = node else {
            return None;
        };
        let mut words = Vec::new();
        let mut others = Vec::new();
        for child in children {
            match child {
                Node::Word(_) | Node::Phrase(_) => words.extend(self.node(child)),
                Node::Not(inner) => {
                    others.extend(self.node(inner).map(|t| (Occur::MustNot, t.query)))
                }
                Node::Filter(_) => others.extend(self.node(child).map(|t| (Occur::Must, t.query))),
                _ => return None,
            }
        }
        if words.len() < 2 {
            return None;
        }
        let required = (words.len() * 2 / 3).max(1);
        let clauses = words
            .into_iter()
            .map(|w| (Occur::Should, w.query))
            .chain(others)
            .collect();
        Some(Box::new(BooleanQuery::with_minimum_required_clauses(
            clauses, required,
        )))
    }

    /// A sequence: one flat conjunction, the words first, then the filters, then the
    /// exclusions, so that a conjunction of words and filters is all term queries, which
    /// Tantivy prunes with block-max WAND.
    fn all(&self, children: &[Node]) -> Option<Translated> {
        let (mut words, mut filters, mut excluded) = (Vec::new(), Vec::new(), Vec::new());
        let mut confined = false;
        let mut i = 0;
        while i < children.len() {
            // Consecutive words that name a concept of the thesaurus (`blue helmets`): all of
            // them, or another name of the concept.
            if let Some((len, concept)) = self.concept_at(&children[i..]) {
                confined |= concept.confined;
                words.push(concept);
                i += len;
                continue;
            }
            // Two words the index also holds written in one piece (`cease fire`, `ceasefire`).
            if let Some(compound) = self.compound_at(&children[i..]) {
                words.push(compound);
                i += 2;
                continue;
            }
            let child = &children[i];
            i += 1;
            match child {
                Node::Not(inner) => excluded.extend(self.node(inner)),
                Node::Filter(filter) => filters.push(filter),
                _ => {
                    if let Some(word) = self.node(child) {
                        confined |= word.confined;
                        words.push(word);
                    }
                }
            }
        }
        // The filters as conditions the words' hits are checked against, when all can be.
        let conditions: Option<Vec<Condition>> = filters
            .iter()
            .map(|filter| self.condition(filter, confined))
            .collect();
        if let Some(conditions) = conditions
            && !filters.is_empty()
            && conditions.len() <= filtered::MAX_CONDITIONS
            && excluded.is_empty()
            && let Some(words) = all_translated(std::mem::take(&mut words))
        {
            // Pruned on the words, the filters checked on their hits ([`Filtered`]).
            return Some(Translated {
                query: Box::new(Filtered::new(words.query, conditions)),
                confined,
            });
        }
        let mut required: Vec<Translated> = words;
        required.extend(
            filters
                .into_iter()
                .map(|filter| self.required_filter(filter)),
        );
        if required.len() <= 1 && excluded.is_empty() {
            return required.pop();
        }
        if required.is_empty() {
            return None;
        }
        if excluded.is_empty() {
            return Some(Translated {
                query: conjunction(required.into_iter().map(|r| r.query).collect()),
                confined,
            });
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

    /// A filter as a part of a query: it requires no word of any language.
    fn required_filter(&self, filter: &Filter) -> Translated {
        Translated {
            query: self.filter(filter),
            confined: false,
        }
    }

    /// A word: `=word` its exact form, `word*` any word it begins, else as [`Self::text`], a
    /// hyphenated word also found written in one piece (`cease-fire`, `ceasefire`). An exact
    /// stop word is no term of its language, as in the text (`=the` finds nothing in English).
    fn word(&self, text: &str) -> Option<Translated> {
        let Some(form) = WordForm::of(text) else {
            return self.text(text);
        };
        let per_field: Vec<Box<dyn TantivyQuery>> = self
            .languages
            .iter()
            .filter_map(|&lang| form.query(lang, self.fields.exact_of(lang)))
            .collect();
        if per_field.is_empty() {
            return None;
        }
        Some(Translated {
            query: any_of(per_field),
            confined: true,
        })
    }

    /// A word or phrase, looked for in the text of each language.
    pub(super) fn text(&self, text: &str) -> Option<Translated> {
        let per_field: Vec<Box<dyn TantivyQuery>> = self
            .languages
            .iter()
            .filter_map(|&lang| analysed(self.fields, lang, text))
            .collect();
        if per_field.is_empty() {
            return None;
        }
        Some(Translated {
            query: any_of(per_field),
            confined: true,
        })
    }

    /// The longest run of two words or more at the start of `nodes` that names a concept of
    /// the thesaurus: its length and query.
    fn concept_at(&self, nodes: &[Node]) -> Option<(usize, Translated)> {
        let thesaurus = self.thesaurus;
        let words: Vec<&str> = nodes
            .iter()
            .take(thesaurus::MAX_NAME_WORDS)
            .map_while(|n| match n {
                Node::Word(text) => Some(text.as_str()),
                _ => None,
            })
            .collect();
        for len in (2..=words.len()).rev() {
            let text = words[..len].join(" ");
            if thesaurus.expansions(&text).is_empty() {
                continue;
            }
            let literal = all_translated(
                nodes[..len]
                    .iter()
                    .filter_map(|n| match n {
                        Node::Word(word) => self.word(word),
                        _ => None,
                    })
                    .collect(),
            );
            return Some((len, self.expanded(&text, literal)?));
        }
        None
    }

    /// For two plain words at the start of `nodes` that the index also holds written in one
    /// piece (`cease fire`: `ceasefire`, `cease-fire`), both words or their joined form.
    fn compound_at(&self, nodes: &[Node]) -> Option<Translated> {
        let [Node::Word(first), Node::Word(second), ..] = nodes else {
            return None;
        };
        let plain = |w: &str| w.chars().count() > 1 && w.chars().all(char::is_alphabetic);
        if !plain(first) || !plain(second) {
            return None;
        }
        let hyphenated = format!("{first}-{second}");
        let joined: Vec<Box<dyn TantivyQuery>> = self
            .languages
            .iter()
            .filter_map(|&lang| {
                let term = Term::from_field_text(
                    self.fields.text_of(lang),
                    &analyzer::joined(lang, &hyphenated)?,
                );
                // A failed lookup only loses the joined form.
                (self.searcher.doc_freq(&term).unwrap_or(0) > 0)
                    .then(|| Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)) as _)
            })
            .collect();
        if joined.is_empty() {
            return None;
        }
        let apart = all_translated(vec![self.word(first)?, self.word(second)?])?;
        let literal = Translated {
            query: any_of(std::iter::once(apart.query).chain(joined).collect()),
            confined: true,
        };
        // And the other names of the concept the compound names, as for `cease-fire`.
        self.expanded(&hyphenated, Some(literal))
    }

    /// An exact query for a filter, its value normalised.
    fn filter(&self, filter: &Filter) -> Box<dyn TantivyQuery> {
        let f = self.fields;
        match filter {
            // Their term's query, as the conditions of words with filters have it.
            Filter::Type(_) | Filter::Lang(_) | Filter::Body(_) | Filter::Session(_) => self
                .condition(filter, false)
                .map_or_else(|| Box::new(EmptyQuery) as _, |c| c.query()),
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
            Filter::Adopted(range) => Box::new(RangeQuery::new(
                Bound::Included(Term::from_field_u64(f.day, range.from)),
                Bound::Included(Term::from_field_u64(f.day, range.to)),
            )),
        }
    }

    /// A filter on a field of one value per clause, whose term scores every clause it holds
    /// the same, as a [`Condition`] of words that are `confined` to the text of the languages
    /// or not; `None` for the others.
    fn condition(&self, filter: &Filter, confined: bool) -> Option<Condition> {
        let f = self.fields;
        let term = |field: Field, value: &str| Term::from_field_text(field, value);
        Some(match filter {
            Filter::Type(kind) => Condition::scored(term(f.kind, kind.name())),
            // The words of one language's text imply its clauses.
            Filter::Lang(lang) if confined && self.languages == [*lang] => {
                Condition::implied(term(f.lang, lang.code()))
            }
            Filter::Lang(lang) => Condition::scored(term(f.lang, lang.code())),
            Filter::Body(body) => Condition::scored(term(f.body, body.key())),
            // The session's term in the inverted index: a range query on the field, which is
            // also a fast field, would open its column in every segment at every query. Scored
            // 1 in every segment: bare, Tantivy drops a filter from the score in a segment all
            // of whose clauses are of that session, so that a clause's score would depend on
            // how clauses fall into segments.
            Filter::Session(n) => {
                Condition::constant(Term::from_field_u64(f.session, u64::from(*n)), 1.0)
            }
            Filter::Cites(_) | Filter::Symbol(_) | Filter::Opening(_) | Filter::Adopted(_) => {
                return None;
            }
        })
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

/// The clauses of a wording (its fingerprint's term), each scored `score`.
pub(super) fn of_wording(same: &Term, score: f32) -> Box<dyn TantivyQuery> {
    Box::new(ConstScoreQuery::new(
        Box::new(TermQuery::new(same.clone(), IndexRecordOption::Basic)),
        score,
    ))
}

/// A word typed as an exact form (`=terrorism`) or a prefix (`pea*`), one word once
/// lower-cased and folded.
enum WordForm<'a> {
    /// The word after `=`.
    Exact(&'a str),
    /// The prefix's form (a stop word stays: as a prefix it begins other words, `de*`).
    Prefix(String),
}

impl<'a> WordForm<'a> {
    /// The form `text` is typed as; `None` for other words, and for several words (`=l'homme`),
    /// which are read as text.
    fn of(text: &'a str) -> Option<WordForm<'a>> {
        let exact = text.strip_prefix('=');
        let prefix = text.strip_suffix('*').filter(|p| !p.ends_with('*'));
        let word = exact.or(prefix)?;
        let form = analyzer::prefix_form(word)?;
        Some(match exact {
            Some(word) => WordForm::Exact(word),
            None => WordForm::Prefix(form),
        })
    }

    /// The exact form or prefix in `lang`'s exact forms; `None` for a stop word of `lang`.
    fn in_language(&self, lang: Language) -> Option<String> {
        match self {
            WordForm::Exact(word) => analyzer::exact_form(lang, word),
            WordForm::Prefix(form) => Some(form.clone()),
        }
    }

    /// The query of `lang`'s exact forms (`field`); `None` for a stop word of `lang`.
    fn query(&self, lang: Language, field: Field) -> Option<Box<dyn TantivyQuery>> {
        let form = self.in_language(lang)?;
        Some(match self {
            WordForm::Exact(_) => term_query(field, &form),
            // The form holds letters and digits only: nothing to escape.
            WordForm::Prefix(_) => match RegexQuery::from_pattern(&format!("{form}.*"), field) {
                Ok(query) => Box::new(query),
                Err(_) => Box::new(EmptyQuery),
            },
        })
    }
}

/// Whether a word of a query (as the parser gives it, `=` or `*` included) can match in
/// `lang`: it gives a term there, or an exact form or prefix.
pub(super) fn word_may_match(lang: Language, text: &str) -> bool {
    match WordForm::of(text) {
        Some(form) => form.in_language(lang).is_some(),
        None => !analyzer::terms(lang, text).is_empty(),
    }
}

/// A conjunction of translated words (`None` when there is none).
fn all_translated(mut words: Vec<Translated>) -> Option<Translated> {
    if words.len() <= 1 {
        return words.pop();
    }
    Some(Translated {
        query: conjunction(words.into_iter().map(|w| w.query).collect()),
        confined: true,
    })
}

/// A conjunction of words: the first union among them (a concept's names, an `OR`) searched
/// within the others ([`union::Union::within`]), else Tantivy's.
fn conjunction(mut queries: Vec<Box<dyn TantivyQuery>>) -> Box<dyn TantivyQuery> {
    let first_union = queries.iter().position(|query| {
        query
            .downcast_ref::<union::Union>()
            .is_some_and(|union| union.required().is_empty())
    });
    if let Some(at) = first_union
        && queries.len() > 1
        && let Ok(union) = queries.remove(at).downcast::<union::Union>()
    {
        return Box::new(union.within(queries));
    }
    all_of(queries)
}

/// A disjunction (the query itself when alone), pruned among the top hits even when some
/// members are phrases or conjunctions ([`union::Union`]).
fn any_of(mut queries: Vec<Box<dyn TantivyQuery>>) -> Box<dyn TantivyQuery> {
    if queries.len() == 1 {
        return queries.pop().expect("one query");
    }
    Box::new(union::Union::of(queries, 1.0))
}

/// A conjunction.
pub(super) fn all_of(queries: Vec<Box<dyn TantivyQuery>>) -> Box<dyn TantivyQuery> {
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
/// sequence at their positions (a stop word's gap kept), found through their pairs
/// ([`phrase::PairedPhrase`]); `None` when it gives no term.
fn analysed(fields: &Fields, lang: Language, text: &str) -> Option<Box<dyn TantivyQuery>> {
    let field = fields.text_of(lang);
    let mut analyzer = analyzer::query_analyzer(lang);
    let mut stream = analyzer.token_stream(text);
    let mut terms: Vec<(usize, Term)> = Vec::new();
    while let Some(token) = stream.next() {
        terms.push((token.position, Term::from_field_text(field, &token.text)));
    }
    // The index holds a hyphenated word's parts and their joined form: the joined form alone
    // finds `cease-fire` and `ceasefire` alike.
    if terms.len() > 1
        && is_hyphenated(text)
        && let Some(joined) = analyzer::joined(lang, text)
    {
        return Some(term_query(field, &joined));
    }
    match terms.len() {
        0 => None,
        1 => Some(Box::new(TermQuery::new(
            terms.pop()?.1,
            IndexRecordOption::WithFreqs,
        ))),
        _ => match phrase::PairedPhrase::new(terms.clone(), fields.pairs_of(lang)) {
            Some(paired) => Some(Box::new(paired)),
            None => Some(Box::new(PhraseQuery::new_with_offset(terms))),
        },
    }
}

/// Whether a word is made of parts joined by hyphens (`cease-fire`, `COVID-19`).
fn is_hyphenated(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(3)
        .any(|w| w[0].is_alphanumeric() && analyzer::is_hyphen(w[1]) && w[2].is_alphanumeric())
}
