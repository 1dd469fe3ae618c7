//! Unions pruned like plain words, whatever they hold.
//!
//! Tantivy prunes a query for its top hits (block-max WAND) only when it is one term, a flat
//! union of terms or a flat conjunction of terms; any other query (a word and its thesaurus
//! names at a lower weight, a union holding a phrase or a conjunction) has every matching
//! clause scored. [`pruned`] splits such a query in two: its *backbone*, the flat union or
//! conjunction of terms left when some parts are taken out (the words typed, mostly), which
//! Tantivy prunes; and those *other parts* (the thesaurus names, the phrases, the pasted
//! paragraph's wording), whose clauses are few. A clause that holds none of the other parts
//! matches the query exactly when it matches the backbone, with the same score; so the backbone
//! pruned finds every such clause that can reach the top, and the clauses of the other parts are
//! visited one by one (MaxScore): those of the parts whose bound scores cannot lift a clause to
//! the top hits together are not visited at all, the backbone's threshold lowered by those
//! bounds instead. Each clause found is then scored by the query itself, so that the top hits,
//! their order and their scores are exactly those of the query run unpruned.

use tantivy::query::{
    Bm25StatisticsProvider, Bm25Weight, BooleanQuery, BoostQuery, BoostWeight, EmptyQuery,
    EnableScoring, Explanation, Occur, PhraseQuery, Query, Scorer, TermQuery, Weight,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, Term};

use super::phrase::PairedPhrase;

/// A query with a boost, as Tantivy's `BoostQuery`, whose parts [`pruned`] can see.
#[derive(Debug)]
pub struct Boosted {
    query: Box<dyn Query>,
    boost: Score,
}

impl Boosted {
    pub fn new(query: Box<dyn Query>, boost: Score) -> Boosted {
        Boosted { query, boost }
    }
}

impl Clone for Boosted {
    fn clone(&self) -> Self {
        Boosted {
            query: self.query.box_clone(),
            boost: self.boost,
        }
    }
}

impl Query for Boosted {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let weight = self.query.weight(enable_scoring)?;
        Ok(if enable_scoring.is_scoring_enabled() {
            Box::new(BoostWeight::new(weight, self.boost))
        } else {
            weight
        })
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.query.query_terms(visitor);
    }
}

/// `query`, run for its top hits through its backbone when Tantivy would not prune it as it
/// is; `query` itself when it is already pruned, or when its form is not one this module
/// knows how to split (a minimum number of alternatives, a required phrase).
pub fn pruned(query: Box<dyn Query>, doc_freq: &dyn Fn(&Term) -> u64) -> Box<dyn Query> {
    let mut others: Others = Vec::new();
    let Some(Shape::Terms(backbone, all)) = shape(&*query, 1.0, &mut others, doc_freq) else {
        return query;
    };
    // A flat union or conjunction of terms, nothing taken out: Tantivy prunes it itself.
    if others.is_empty() && natively_pruned(&*query) {
        return query;
    }
    let term = |(term, boost, _): &(Term, Score, Place)| -> Box<dyn Query> {
        let query = Box::new(TermQuery::new(term.clone(), IndexRecordOption::WithFreqs));
        if *boost == 1.0 {
            query
        } else {
            Box::new(BoostQuery::new(query, *boost))
        }
    };
    // Two scores add up to the same value in either order; three may not.
    let exact_sums = backbone.len() <= 2;
    // Even one term goes in a boolean query: Tantivy prunes a boosted term only there.
    let occur = if all && backbone.len() > 1 {
        Occur::Must
    } else {
        Occur::Should
    };
    let backbone: Box<dyn Query> = Box::new(BooleanQuery::new(
        backbone.iter().map(|t| (occur, term(t))).collect(),
    ));
    Box::new(PrunedUnion {
        query,
        backbone,
        exact_sums,
        others: others.into_iter().map(|(q, b, _)| (q, b)).collect(),
    })
}

/// Where a part stands in a query: the address of its node.
type Place = usize;

/// The place of a node of a query.
fn place(query: &dyn Query) -> Place {
    query as *const dyn Query as *const () as usize
}

/// The other parts taken out of a query: each with its boost and place.
type Others = Vec<(Box<dyn Query>, Score, Place)>;

/// What is left of a query once its other parts are taken out.
enum Shape {
    /// Nothing: every clause it matches holds one of the other parts.
    Empty,
    /// Terms with their boosts (and where each stands in the query): a union of them, or a
    /// conjunction when `true`.
    Terms(Vec<(Term, Score, Place)>, bool),
    /// A query that is not made of terms (a phrase, a filter scored as a constant): one of
    /// the other parts as a whole, where it may be one.
    Opaque,
}

/// The backbone of `query` (boosted by `boost`), the parts taken out pushed on `others`;
/// `None` when its form is not one this module splits.
fn shape(
    query: &dyn Query,
    boost: Score,
    others: &mut Others,
    doc_freq: &dyn Fn(&Term) -> u64,
) -> Option<Shape> {
    if let Some(term) = query.downcast_ref::<TermQuery>() {
        return Some(Shape::Terms(
            vec![(term.term().clone(), boost, place(query))],
            false,
        ));
    }
    if let Some(boosted) = query.downcast_ref::<Boosted>() {
        return shape(&*boosted.query, boost * boosted.boost, others, doc_freq);
    }
    if query.is::<EmptyQuery>() {
        return Some(Shape::Empty);
    }
    let Some(boolean) = query.downcast_ref::<BooleanQuery>() else {
        return Some(Shape::Opaque);
    };
    if boolean.get_minimum_number_should_match() > 1 {
        return None;
    }
    let clauses = boolean.clauses();
    let required: Vec<&dyn Query> = clauses
        .iter()
        .filter(|(occur, _)| *occur == Occur::Must)
        .map(|(_, q)| &**q)
        .collect();
    let optional: Vec<&dyn Query> = clauses
        .iter()
        .filter(|(occur, _)| *occur == Occur::Should)
        .map(|(_, q)| &**q)
        .collect();
    // Exclusions are left out of the backbone: each clause it offers is checked against the
    // whole query.
    if !required.is_empty() {
        // Optional parts beside required ones only add to the score: other parts.
        for q in optional {
            others.push((q.box_clone(), boost, place(q)));
        }
        let mut terms = Vec::new();
        for q in required {
            match shape(q, boost, others, doc_freq)? {
                Shape::Empty => return Some(Shape::Empty),
                // A required phrase or filter scored as a constant: not split.
                Shape::Opaque => return None,
                Shape::Terms(mut t, true) => terms.append(&mut t),
                Shape::Terms(mut t, false) => {
                    // A union inside a conjunction: its most frequent term stays in the
                    // backbone, the others become other parts.
                    let keep = (0..t.len()).max_by_key(|&i| doc_freq(&t[i].0))?;
                    let kept = t.swap_remove(keep);
                    for (term, b, at) in t {
                        others.push((
                            Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)),
                            b,
                            at,
                        ));
                    }
                    terms.push(kept);
                }
            }
        }
        let all = terms.len() > 1;
        return Some(Shape::Terms(terms, all));
    }
    // A union: each alternative's backbone, apart.
    let mut alternatives: Vec<(Shape, Others, &dyn Query)> = Vec::new();
    for q in optional {
        let mut own = Vec::new();
        match shape(q, boost, &mut own, doc_freq)? {
            Shape::Empty => others.append(&mut own),
            Shape::Opaque => others.push((q.box_clone(), boost, place(q))),
            terms => alternatives.push((terms, own, q)),
        }
    }
    let cost = |shape: &Shape| match shape {
        Shape::Terms(t, true) => t.iter().map(|(term, ..)| doc_freq(term)).min().unwrap_or(0),
        Shape::Terms(t, false) => t.iter().map(|(term, ..)| doc_freq(term)).sum(),
        _ => 0,
    };
    if alternatives
        .iter()
        .all(|(shape, _, _)| matches!(shape, Shape::Terms(_, false)))
    {
        let mut terms = Vec::new();
        for (shape, mut own, _) in alternatives {
            if let Shape::Terms(mut t, _) = shape {
                terms.append(&mut t);
            }
            others.append(&mut own);
        }
        if terms.is_empty() {
            return Some(Shape::Empty);
        }
        return Some(Shape::Terms(terms, false));
    }
    // A conjunction among the alternatives: the costliest alternative stays, the others are
    // other parts as a whole.
    let keep = (0..alternatives.len()).max_by_key(|&i| cost(&alternatives[i].0))?;
    let (kept, mut own, _) = alternatives.swap_remove(keep);
    others.append(&mut own);
    for (_, _, q) in alternatives {
        others.push((q.box_clone(), boost, place(q)));
    }
    Some(kept)
}

/// Whether Tantivy prunes `query` itself: one term, or a flat union or conjunction of terms
/// (boosted or not).
fn natively_pruned(query: &dyn Query) -> bool {
    let term = |q: &dyn Query| {
        q.is::<TermQuery>()
            || q.downcast_ref::<Boosted>()
                .is_some_and(|b| b.query.is::<TermQuery>())
    };
    if term(query) {
        return true;
    }
    let Some(boolean) = query.downcast_ref::<BooleanQuery>() else {
        return false;
    };
    let clauses = boolean.clauses();
    boolean.get_minimum_number_should_match() <= 1
        && (clauses.iter().all(|(o, _)| *o == Occur::Should)
            || clauses.iter().all(|(o, _)| *o == Occur::Must))
        && clauses.iter().all(|(_, q)| term(&**q))
}

/// The highest score `query` (boosted by `boost`) can give a clause under these statistics;
/// infinite when unknown.
fn bound(
    query: &dyn Query,
    boost: Score,
    statistics: &dyn Bm25StatisticsProvider,
) -> tantivy::Result<Score> {
    let of_terms = |terms: &[Term]| -> tantivy::Result<Score> {
        if terms.is_empty() {
            return Ok(0.0);
        }
        Ok(Bm25Weight::for_terms(statistics, terms)?.max_score() * boost)
    };
    if let Some(term) = query.downcast_ref::<TermQuery>() {
        return of_terms(std::slice::from_ref(term.term()));
    }
    if let Some(boosted) = query.downcast_ref::<Boosted>() {
        return bound(&*boosted.query, boost * boosted.boost, statistics);
    }
    if query.is::<EmptyQuery>() {
        return Ok(0.0);
    }
    if let Some(boolean) = query.downcast_ref::<BooleanQuery>() {
        let mut sum = 0.0;
        for (occur, q) in boolean.clauses() {
            if *occur != Occur::MustNot {
                sum += bound(&**q, boost, statistics)?;
            }
        }
        return Ok(sum);
    }
    if query.is::<PairedPhrase>() {
        // Scored by its pairs (the terms it does not need positions of), each as a term.
        let mut pairs = Vec::new();
        query.query_terms(&mut |term, positions| {
            if !positions {
                pairs.push(term.clone());
            }
        });
        let mut sum = 0.0;
        for pair in &pairs {
            sum += of_terms(std::slice::from_ref(pair))?;
        }
        return Ok(sum);
    }
    if query.is::<PhraseQuery>() {
        // Scored with the summed rarity of its terms.
        let mut terms = Vec::new();
        query.query_terms(&mut |term, _| terms.push(term.clone()));
        return of_terms(&terms);
    }
    Ok(Score::INFINITY)
}

/// The terms whose scores, times their boosts, add up to at least the score `query` (boosted
/// by `boost`) gives a clause; `None` when it is not scored by its terms alone.
fn scoring_terms(query: &dyn Query, boost: Score, terms: &mut Vec<(Term, Score)>) -> Option<()> {
    if let Some(term) = query.downcast_ref::<TermQuery>() {
        terms.push((term.term().clone(), boost));
    } else if let Some(boosted) = query.downcast_ref::<Boosted>() {
        scoring_terms(&*boosted.query, boost * boosted.boost, terms)?;
    } else if let Some(boolean) = query.downcast_ref::<BooleanQuery>() {
        for (occur, q) in boolean.clauses() {
            if *occur != Occur::MustNot {
                scoring_terms(&**q, boost, terms)?;
            }
        }
    } else if query.is::<PairedPhrase>() {
        query.query_terms(&mut |term, positions| {
            if !positions {
                terms.push((term.clone(), boost));
            }
        });
    } else if !query.is::<EmptyQuery>() {
        return None;
    }
    Some(())
}

/// Past this many clauses in a segment, a term's highest score there is not measured: the
/// bound from its rarity alone is used.
const MEASURED_POSTINGS: u32 = 50_000;

/// The highest score of a term's scorer in a segment, read from every clause that holds it;
/// `None` when it holds too many.
fn highest_score(weight: &dyn Weight, reader: &SegmentReader) -> tantivy::Result<Option<Score>> {
    let mut scorer = weight.scorer(reader, 1.0)?;
    if scorer.size_hint() > MEASURED_POSTINGS {
        return Ok(None);
    }
    let mut highest: Score = 0.0;
    while scorer.doc() != TERMINATED {
        highest = highest.max(scorer.score());
        scorer.advance();
    }
    Ok(Some(highest))
}

/// A query matching every clause `query` matches, cheaper to ask: a phrase becomes the
/// conjunction of its pairs (or of its terms), with no position read.
fn superset(query: &dyn Query) -> Box<dyn Query> {
    let all = |terms: Vec<Term>| -> Box<dyn Query> {
        Box::new(BooleanQuery::new(
            terms
                .into_iter()
                .map(|t| {
                    let q: Box<dyn Query> = Box::new(TermQuery::new(t, IndexRecordOption::Basic));
                    (Occur::Must, q)
                })
                .collect(),
        ))
    };
    if query.is::<PairedPhrase>() {
        let mut pairs = Vec::new();
        query.query_terms(&mut |term, positions| {
            if !positions {
                pairs.push(term.clone());
            }
        });
        if !pairs.is_empty() {
            return all(pairs);
        }
    } else if query.is::<PhraseQuery>() {
        let mut terms = Vec::new();
        query.query_terms(&mut |term, _| terms.push(term.clone()));
        return all(terms);
    } else if let Some(boosted) = query.downcast_ref::<Boosted>() {
        return superset(&*boosted.query);
    } else if let Some(boolean) = query.downcast_ref::<BooleanQuery>() {
        return Box::new(BooleanQuery::with_minimum_required_clauses(
            boolean
                .clauses()
                .iter()
                .filter(|(occur, _)| *occur != Occur::MustNot)
                .map(|(occur, q)| (*occur, superset(&**q)))
                .collect(),
            boolean.get_minimum_number_should_match(),
        ));
    }
    query.box_clone()
}

/// The query's tree, weighed, to score one clause at a time exactly as Tantivy's scorers do
/// (see [`Probe`]).
enum Template {
    /// A term, with the boost its scorer is made with.
    Term(Box<dyn Weight>, Score),
    /// Alternatives: their scores added in order.
    Any(Vec<Template>),
    /// Required parts (Tantivy adds the first two, then the others), an optional part added
    /// after them, and exclusions.
    All {
        required: Vec<Template>,
        optional: Option<Box<Template>>,
        excluded: Vec<(Box<dyn Weight>, Score)>,
    },
    /// Nothing.
    Never,
    /// Any other query: Tantivy's own scorer, asked only when the clause holds `guard`'s terms
    /// (a phrase's pairs).
    Other {
        weight: Box<dyn Weight>,
        boost: Score,
        guard: Vec<Box<dyn Weight>>,
    },
}

impl Template {
    fn new(
        query: &dyn Query,
        boost: Score,
        scoring: EnableScoring<'_>,
    ) -> tantivy::Result<Template> {
        let disabled = EnableScoring::disabled_from_schema(scoring.schema());
        let other = |query: &dyn Query| -> tantivy::Result<Template> {
            let mut guard = Vec::new();
            if query.is::<PairedPhrase>() {
                let mut pairs = Vec::new();
                query.query_terms(&mut |term, positions| {
                    if !positions {
                        pairs.push(term.clone());
                    }
                });
                for pair in pairs {
                    guard.push(TermQuery::new(pair, IndexRecordOption::Basic).weight(disabled)?);
                }
            }
            Ok(Template::Other {
                weight: query.weight(scoring)?,
                boost,
                guard,
            })
        };
        if query.is::<TermQuery>() {
            return Ok(Template::Term(query.weight(scoring)?, boost));
        }
        if let Some(boosted) = query.downcast_ref::<Boosted>() {
            return Template::new(&*boosted.query, boost * boosted.boost, scoring);
        }
        if query.is::<EmptyQuery>() {
            return Ok(Template::Never);
        }
        let Some(boolean) = query.downcast_ref::<BooleanQuery>() else {
            return other(query);
        };
        let minimum = boolean.get_minimum_number_should_match();
        let of = |occur: Occur| -> Vec<&dyn Query> {
            boolean
                .clauses()
                .iter()
                .filter(|(o, _)| *o == occur)
                .map(|(_, q)| &**q)
                .collect()
        };
        let (must, should, not) = (of(Occur::Must), of(Occur::Should), of(Occur::MustNot));
        // Tantivy rewrites these forms (alternatives made required, a minimum above one):
        // its own scorer answers.
        if minimum > 1 || (minimum == 1 && !must.is_empty() && should.len() == 1) {
            return other(query);
        }
        let mut excluded = Vec::with_capacity(not.len());
        for q in not {
            excluded.push((q.weight(scoring)?, boost));
        }
        let mut alternatives = Vec::with_capacity(should.len());
        for q in should {
            alternatives.push(Template::new(q, boost, scoring)?);
        }
        if must.is_empty() {
            if alternatives.is_empty() {
                return Ok(Template::Never);
            }
            return Ok(Template::All {
                required: vec![Template::Any(alternatives)],
                optional: None,
                excluded,
            });
        }
        let mut required = Vec::with_capacity(must.len());
        for q in must {
            required.push(Template::new(q, boost, scoring)?);
        }
        // Tantivy adds the scores of three required parts or more in the order of their
        // postings' lengths: known here for terms only.
        if required.len() > 2 && !required.iter().all(|t| matches!(t, Template::Term(..))) {
            return other(query);
        }
        let (required, optional) = match (minimum, alternatives.is_empty()) {
            (_, true) => (required, None),
            (0, false) => (required, Some(Box::new(Template::Any(alternatives)))),
            _ => (
                vec![
                    Template::All {
                        required,
                        optional: None,
                        excluded: Vec::new(),
                    },
                    Template::Any(alternatives),
                ],
                None,
            ),
        };
        Ok(Template::All {
            required,
            optional,
            excluded,
        })
    }

    fn probe(&self, reader: &SegmentReader) -> tantivy::Result<Probe> {
        Ok(match self {
            Template::Term(weight, boost) => Probe::Term(weight.scorer(reader, *boost)?),
            Template::Any(alternatives) => Probe::Any(
                alternatives
                    .iter()
                    .map(|t| t.probe(reader))
                    .collect::<tantivy::Result<_>>()?,
            ),
            Template::All {
                required,
                optional,
                excluded,
            } => {
                let mut required: Vec<Probe> = required
                    .iter()
                    .map(|t| t.probe(reader))
                    .collect::<tantivy::Result<_>>()?;
                // As Tantivy orders an intersection: by cost, ties in clause order.
                required.sort_by_key(Probe::cost);
                Probe::All {
                    required,
                    optional: match optional {
                        Some(t) => Some(Box::new(t.probe(reader)?)),
                        None => None,
                    },
                    excluded: excluded
                        .iter()
                        .map(|(w, b)| w.scorer(reader, *b))
                        .collect::<tantivy::Result<_>>()?,
                }
            }
            Template::Never => Probe::Never,
            Template::Other {
                weight,
                boost,
                guard,
            } => Probe::Other {
                scorer: weight.scorer(reader, *boost)?,
                guard: guard
                    .iter()
                    .map(|w| w.scorer(reader, 1.0))
                    .collect::<tantivy::Result<_>>()?,
            },
        })
    }
}

/// Scores one clause at a time, the clauses asked in increasing order, each part moved to the
/// clause asked only (Tantivy's union scorer reads a window of 4,096 clauses at each jump).
/// Scores are added as Tantivy's scorers add them, so that they are the very same.
enum Probe {
    Term(Box<dyn Scorer>),
    Any(Vec<Probe>),
    All {
        required: Vec<Probe>,
        optional: Option<Box<Probe>>,
        excluded: Vec<Box<dyn Scorer>>,
    },
    Never,
    Other {
        scorer: Box<dyn Scorer>,
        guard: Vec<Box<dyn Scorer>>,
    },
}

/// Whether `scorer` matches `doc`, moving it there if it is before.
fn holds(scorer: &mut dyn Scorer, doc: DocId) -> bool {
    if scorer.doc() < doc {
        scorer.seek(doc);
    }
    scorer.doc() == doc
}

impl Probe {
    /// The cost Tantivy orders intersections by (only terms are ordered among three or more).
    fn cost(&self) -> u64 {
        match self {
            Probe::Term(scorer) => scorer.cost(),
            _ => 0,
        }
    }

    /// The score of clause `doc`, if it matches.
    fn at(&mut self, doc: DocId) -> Option<Score> {
        match self {
            Probe::Term(scorer) => holds(&mut **scorer, doc).then(|| scorer.score()),
            Probe::Any(alternatives) => {
                let mut sum: Score = 0.0;
                let mut found = false;
                for alternative in alternatives {
                    if let Some(score) = alternative.at(doc) {
                        sum += score;
                        found = true;
                    }
                }
                found.then_some(sum)
            }
            Probe::All {
                required,
                optional,
                excluded,
            } => {
                let (mut left, mut right, mut others): (Score, Score, Score) = (0.0, 0.0, 0.0);
                for (i, part) in required.iter_mut().enumerate() {
                    let score = part.at(doc)?;
                    match i {
                        0 => left = score,
                        1 => right = score,
                        _ => others += score,
                    }
                }
                for scorer in excluded.iter_mut() {
                    if holds(&mut **scorer, doc) {
                        return None;
                    }
                }
                let required_score = match required.len() {
                    0 => return None,
                    1 => left,
                    _ => left + right + others,
                };
                match optional {
                    None => Some(required_score),
                    Some(optional) => {
                        let mut sum: Score = 0.0;
                        sum += required_score;
                        if let Some(score) = optional.at(doc) {
                            sum += score;
                        }
                        Some(sum)
                    }
                }
            }
            Probe::Never => None,
            Probe::Other { scorer, guard } => {
                for g in guard.iter_mut() {
                    if !holds(&mut **g, doc) {
                        return None;
                    }
                }
                holds(&mut **scorer, doc).then(|| scorer.score())
            }
        }
    }
}

/// A bound raised a little, for the rounding of scores summed in another order.
fn loosened(bound: Score) -> Score {
    if bound == 0.0 {
        return 0.0;
    }
    bound * 1.0001 + 1e-4
}

/// A query run for its top hits through its backbone (see the module documentation).
#[derive(Debug)]
struct PrunedUnion {
    /// The query itself: what matches and how it scores.
    query: Box<dyn Query>,
    /// A flat union or conjunction of terms, whose clauses that hold none of `others` are
    /// exactly the clauses of `query` that hold none of them, scored the same.
    backbone: Box<dyn Query>,
    /// Whether the backbone's score of a clause is exactly the query's when it holds none of
    /// the other parts (at most two terms: their scores add up alike in any order).
    exact_sums: bool,
    /// The other parts, with their boosts.
    others: Vec<(Box<dyn Query>, Score)>,
}

impl Clone for PrunedUnion {
    fn clone(&self) -> Self {
        PrunedUnion {
            query: self.query.box_clone(),
            backbone: self.backbone.box_clone(),
            exact_sums: self.exact_sums,
            others: self
                .others
                .iter()
                .map(|(q, b)| (q.box_clone(), *b))
                .collect(),
        }
    }
}

impl Query for PrunedUnion {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let query = self.query.weight(enable_scoring)?;
        let EnableScoring::Enabled {
            statistics_provider,
            ..
        } = enable_scoring
        else {
            return Ok(query);
        };
        let disabled = EnableScoring::disabled_from_schema(enable_scoring.schema());
        let mut others = Vec::with_capacity(self.others.len());
        for (other, boost) in &self.others {
            let mut terms = Vec::new();
            let terms = match scoring_terms(&**other, *boost, &mut terms) {
                Some(()) => {
                    let mut weights = Vec::with_capacity(terms.len());
                    for (term, boost) in terms {
                        let query = TermQuery::new(term, IndexRecordOption::WithFreqs);
                        weights.push((query.weight(enable_scoring)?, boost));
                    }
                    Some(weights)
                }
                None => None,
            };
            others.push(Other {
                bound: bound(&**other, *boost, statistics_provider)?,
                terms,
                weight: superset(&**other).weight(disabled)?,
            });
        }
        Ok(Box::new(PrunedUnionWeight {
            query,
            template: Template::new(&*self.query, 1.0, enable_scoring)?,
            backbone: self.backbone.weight(enable_scoring)?,
            exact_sums: self.exact_sums,
            others,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.query.query_terms(visitor);
    }
}

struct PrunedUnionWeight {
    query: Box<dyn Weight>,
    /// The query, to score the clauses found one at a time.
    template: Template,
    backbone: Box<dyn Weight>,
    exact_sums: bool,
    others: Vec<Other>,
}

/// One of the other parts of a [`PrunedUnion`].
struct Other {
    /// The highest score it can give a clause, from the rarity of its terms.
    bound: Score,
    /// The terms whose scores (times their boosts) add up to its score, when it is scored by
    /// terms alone: a bound closer to its real scores is read from their postings.
    terms: Option<Vec<(Box<dyn Weight>, Score)>>,
    /// The part, to find its clauses (not scored).
    weight: Box<dyn Weight>,
}

impl Other {
    /// The highest score it can give a clause of the segment.
    fn bound_in(&self, reader: &SegmentReader) -> tantivy::Result<Score> {
        let Some(terms) = &self.terms else {
            return Ok(self.bound);
        };
        let mut sum = 0.0;
        for (weight, boost) in terms {
            match highest_score(&**weight, reader)? {
                Some(highest) => sum += highest * boost,
                None => return Ok(self.bound),
            }
        }
        Ok(sum.min(self.bound))
    }
}

impl Weight for PrunedUnionWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        self.query.scorer(reader, boost)
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.query.explain(reader, doc)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.query.count(reader)
    }

    fn for_each(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score),
    ) -> tantivy::Result<()> {
        self.query.for_each(reader, callback)
    }

    fn for_each_no_score(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(&[DocId]),
    ) -> tantivy::Result<()> {
        self.query.for_each_no_score(reader, callback)
    }

    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        let mut others = Vec::with_capacity(self.others.len());
        for other in &self.others {
            others.push((loosened(other.bound_in(reader)?), other));
        }
        // The smallest bounds first: those are left out first.
        others.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut prefix = Vec::with_capacity(others.len() + 1);
        prefix.push(0.0);
        let mut streams = Vec::with_capacity(others.len());
        let mut bounds = Vec::with_capacity(others.len());
        for (bound, other) in others {
            prefix.push(prefix.last().copied().unwrap_or(0.0) + bound);
            bounds.push(bound);
            streams.push(other.weight.scorer(reader, 1.0)?);
        }
        let mut run = Run {
            exact: self.template.probe(reader)?,
            streams,
            bounds,
            prefix,
            skipped: 0,
            exact_sums: self.exact_sums,
            threshold,
            callback,
        };
        run.settle();
        let start = run.backbone_threshold();
        self.backbone
            .for_each_pruning(start, reader, &mut |doc, score| {
                run.visit_below(doc);
                run.visit_backbone(doc, score);
                run.backbone_threshold()
            })?;
        run.visit_below(TERMINATED);
        Ok(())
    }
}

/// The state of one segment's pruned run.
struct Run<'a> {
    /// The query itself, asked for the clauses found in increasing order.
    exact: Probe,
    /// The other parts' clauses, in the order of `others` (smallest bound first).
    streams: Vec<Box<dyn Scorer>>,
    /// Their bounds in the segment, loosened.
    bounds: Vec<Score>,
    /// `prefix[i]`: the summed bounds of the first `i` other parts.
    prefix: Vec<Score>,
    /// How many other parts (the first ones) are no longer visited: a clause that holds
    /// only those cannot reach the top.
    skipped: usize,
    /// See [`PrunedUnion::exact_sums`].
    exact_sums: bool,
    /// A clause enters the top hits with a score above this.
    threshold: Score,
    callback: &'a mut dyn FnMut(DocId, Score) -> Score,
}

impl Run<'_> {
    /// Leaves out the other parts whose bounds together cannot lift a clause above the
    /// threshold.
    fn settle(&mut self) {
        while self.skipped < self.streams.len() && self.prefix[self.skipped + 1] < self.threshold {
            self.skipped += 1;
        }
    }

    /// The threshold for the backbone's score: a clause of the backbone may reach the top
    /// with the parts left out adding their bounds.
    fn backbone_threshold(&self) -> Score {
        if self.threshold == Score::MIN {
            return Score::MIN;
        }
        self.threshold - loosened(self.prefix[self.skipped]) - self.margin()
    }

    /// How far the backbone's score of a clause may fall below the query's, by rounding.
    fn margin(&self) -> Score {
        if self.exact_sums {
            0.0
        } else {
            self.threshold.abs() * 1e-5 + 1e-4
        }
    }

    /// Scores clause `doc` by the query itself, if it matches, and offers it.
    fn visit(&mut self, doc: DocId) {
        for stream in &mut self.streams[self.skipped..] {
            if stream.doc() == doc {
                stream.advance();
            }
        }
        if let Some(score) = self.exact.at(doc) {
            self.offer(doc, score);
        }
    }

    /// A clause the backbone offers with its score there: visited when the parts left out
    /// that it holds could lift it above the threshold.
    fn visit_backbone(&mut self, doc: DocId, score: Score) {
        if self.streams[self.skipped..].iter().any(|s| s.doc() == doc) {
            return self.visit(doc);
        }
        let mut bound = score + self.margin();
        // The parts left out, largest bound first: the bound of those it holds.
        for i in (0..self.skipped).rev() {
            if bound + self.prefix[i + 1] <= self.threshold {
                return;
            }
            let stream = &mut self.streams[i];
            if stream.doc() < doc {
                stream.seek(doc);
            }
            if stream.doc() == doc {
                bound += self.bounds[i];
            }
        }
        if bound <= self.threshold {
            return;
        }
        self.visit(doc);
    }

    /// Offers a clause with its score to the top hits.
    fn offer(&mut self, doc: DocId, score: Score) {
        if score > self.threshold {
            self.threshold = (self.callback)(doc, score);
            self.settle();
        }
    }

    /// Visits every clause below `limit` of the other parts still visited, in order.
    fn visit_below(&mut self, limit: DocId) {
        loop {
            let next = self.streams[self.skipped..]
                .iter()
                .map(|s| s.doc())
                .min()
                .unwrap_or(TERMINATED);
            if next >= limit {
                return;
            }
            self.visit(next);
        }
    }
}
