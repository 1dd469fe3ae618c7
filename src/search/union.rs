//! Unions of words, phrases and thesaurus names, pruned among the top hits even when some
//! members are not single terms.
//!
//! `refugees` means the word itself or, ranked lower, the concept's other names ("asylum
//! seekers", "internally displaced persons", "IDPs", "réfugiés"…); `refugees OR migrants OR
//! "internally displaced"` adds words and phrases to them. Tantivy prunes a union with
//! block-max WAND only when it is flat and all its members are single terms (a word, or a
//! phrase of two words, which is one word-pair term). Nested (the names in a union of their
//! own, weighted down) or holding one phrase of three words, it scored every clause of every
//! member: some 30,000 at 1M clauses, reading positions for the long phrases.
//!
//! So unions are kept flat here, each member with its weight, and in each segment:
//! - the single terms run as one union pruned by Tantivy, its bar lowered by the most the other
//!   members (long phrases, conjunctions) can add to a clause of the segment, read from the
//!   block maxima of their terms, which Tantivy keeps for block-max WAND; each clause the terms
//!   offer gets what the other members add to it (sought in their scorer, in order);
//! - then, only if the bar is still below that most, the other members' clauses are offered
//!   with their own score, except those the terms offered. One the terms passed over had from
//!   them at most the bar less the most the others add: its whole score could not beat the
//!   bar, and its part from the others alone, lower still, is turned down too.
//!
//! Where the members that are terms hold many clauses (more than one in [`MANY_OFFERS`] of the
//! index's), lowering their bar by the most the others add anywhere in the segment lets every one
//! of them through (the others are often the query's own words, which give more than the bar):
//! the union is then searched through all its terms at once instead, the terms and those that
//! bound the others, in one union Tantivy prunes block by block ([`search_by_every_term`]).
//!
//! When an other member's score has no such bound (a query of another kind: a phrase with no
//! pairs, a prefix), the union is Tantivy's, scored at every match.
//!
//! The score of a clause is the sum of its members' weighted scores, as in Tantivy's union.
//!
//! Inside a conjunction (`peacekeeping operations mandate`: the concept's names, and
//! `mandate`), Tantivy scores every clause of the conjunction: a union in it is not a term, so
//! the conjunction is not pruned. When the members and the conjunction's other words are all
//! terms or conjunctions of terms ([`Union::within`]), each member is searched instead in one
//! conjunction of terms with the other words (`peacekeep oper mandat`, `blue helmet mandat`),
//! which Tantivy prunes by block-max WAND ([`within`]): the member that can give most first
//! (but one whose run is led by far fewer clauses before it, [`within::RARE_FIRST`]), its bar
//! lowered by the most the later members add; each clause it offers gets what the other
//! members add to it (sought in their scorers). A clause of an earlier member is turned down
//! when a later one offers it again: it was offered there with its whole score, or passed
//! over, which it could not have been had it beaten the bar. Once the bar is above what a
//! clause of the remaining members can score, they are not searched. A member whose terms are
//! all among another's (`peacekeepers` in `peacekeeping operations`) is in every clause of
//! that one: its weight is in that one's run, not in the bound its bar is lowered by.
//! `peacekeeping operations mandate` at a million clauses: 250 → 225 µs (round 10), then 99 →
//! 85 on a quieter machine (its rare name `peacekeeping forces` first, then the words, their
//! bar no longer lowered).
//!
//! Elsewhere (a union with a phrase of three words inside a conjunction), the union is sought
//! at each of the conjunction's candidates. Its scorer moves each member on its own
//! ([`Members`]) instead of buffering the next 4,096 clauses of every member at each seek, as
//! Tantivy's union does.

use tantivy::query::{
    Bm25StatisticsProvider, Bm25Weight, BooleanQuery, BoostQuery, EnableScoring, Explanation,
    Occur, Query, Scorer, TermQuery, Weight,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, Term};

use super::blocks::FieldPostings;
use super::phrase::{PairedPhrase, one_term};
use super::statistics::matches_nothing;

mod members;
mod within;

use members::Members;
use within::WithinWeight;

/// Any of several queries, each weighted, its score the sum of the weighted scores of the
/// members a clause matches.
#[derive(Debug)]
pub(super) struct Union {
    members: Vec<(Box<dyn Query>, Score)>,
    /// Queries a clause must also match, their scores added: the other words of the
    /// conjunction the union stands in (`mandate`, in `peacekeeping operations mandate`).
    required: Vec<Box<dyn Query>>,
}

impl Clone for Union {
    fn clone(&self) -> Self {
        Union {
            members: self
                .members
                .iter()
                .map(|(query, weight)| (query.box_clone(), *weight))
                .collect(),
            required: self.required.iter().map(|q| q.box_clone()).collect(),
        }
    }
}

impl Union {
    /// Its members, each with its weight.
    pub(super) fn members(&self) -> &[(Box<dyn Query>, Score)] {
        &self.members
    }

    /// What a clause must also match (see [`Union::within`]).
    pub(super) fn required(&self) -> &[Box<dyn Query>] {
        &self.required
    }

    /// The conjunction of the union and `required`: its clauses that match all of `required`
    /// too, scored by the sum. Searched member by member, each within `required` (see the
    /// module's header).
    pub(super) fn within(mut self, required: Vec<Box<dyn Query>>) -> Union {
        self.required.extend(required);
        self
    }

    /// The union of `queries`, each weighted `weight`; members that are unions themselves
    /// are spread out, their weights multiplied.
    pub(super) fn of(queries: Vec<Box<dyn Query>>, weight: Score) -> Union {
        let mut members = Vec::new();
        for query in queries {
            spread(query, weight, &mut members);
        }
        Union {
            members,
            required: Vec::new(),
        }
    }

    /// The members as one plain Tantivy union, each weighted; a member alone is itself, so
    /// that its own pruning runs (a conjunction's block-max WAND).
    fn plain(members: &[&(Box<dyn Query>, Score)]) -> Box<dyn Query> {
        if let [(query, weight)] = members {
            return match *weight == 1.0 {
                true => query.box_clone(),
                false => Box::new(BoostQuery::new(query.box_clone(), *weight)),
            };
        }
        Box::new(BooleanQuery::new(
            members
                .iter()
                .map(|(query, weight)| -> (Occur, Box<dyn Query>) {
                    if *weight == 1.0 {
                        (Occur::Should, query.box_clone())
                    } else {
                        (
                            Occur::Should,
                            Box::new(BoostQuery::new(query.box_clone(), *weight)),
                        )
                    }
                })
                .collect(),
        ))
    }
}

/// The weight of each of `members`, weighted, for [`Members`].
fn member_weights(
    members: &[&(Box<dyn Query>, Score)],
    enable_scoring: EnableScoring<'_>,
) -> tantivy::Result<Vec<Box<dyn Weight>>> {
    members
        .iter()
        .map(|member| Union::plain(std::slice::from_ref(member)).weight(enable_scoring))
        .collect()
}

/// Adds `query` weighted `weight` to `members`, a union spread out into its members.
fn spread(query: Box<dyn Query>, weight: Score, members: &mut Vec<(Box<dyn Query>, Score)>) {
    match query.downcast::<Union>() {
        Ok(union) if union.required.is_empty() => {
            for (member, inner) in union.members {
                spread(member, weight * inner, members);
            }
        }
        Ok(union) => members.push((union, weight)),
        Err(query) => members.push((query, weight)),
    }
}

impl Query for Union {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let statistics = match enable_scoring {
            EnableScoring::Enabled {
                statistics_provider,
                ..
            } => Some(statistics_provider),
            // Counting: no top hits to find.
            EnableScoring::Disabled { .. } => None,
        };
        let mut alive = Vec::with_capacity(self.members.len());
        for member in &self.members {
            // Scoring, a member with a term no clause has matches nothing: left out, it costs
            // no lookups in each segment (its terms' counts are looked up for its weight
            // anyway, and remembered). Counting, it is left to each segment's lookup.
            let dead = match statistics {
                Some(statistics) => matches_nothing(&*member.0, statistics)?,
                None => false,
            };
            if !dead {
                alive.push(member);
            }
        }
        if let Some(statistics) = statistics {
            for required in &self.required {
                if matches_nothing(&**required, statistics)? {
                    return Ok(Box::new(tantivy::query::EmptyWeight));
                }
            }
        }
        if !self.required.is_empty() {
            if let Some(statistics) = statistics
                && let Some(within) =
                    WithinWeight::new(&alive, &self.required, enable_scoring, statistics)?
            {
                return Ok(Box::new(within));
            }
            // Tantivy's conjunction of the union and the required parts.
            let union = Union {
                members: alive.iter().map(|(q, w)| (q.box_clone(), *w)).collect(),
                required: Vec::new(),
            };
            let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, Box::new(union))];
            clauses.extend(self.required.iter().map(|q| (Occur::Must, q.box_clone())));
            return BooleanQuery::new(clauses).weight(enable_scoring);
        }
        let (terms, others): (Vec<_>, Vec<_>) = alive
            .iter()
            .copied()
            .partition(|(q, _)| one_term(&**q).is_some());
        if let (Some(statistics), [a, b], []) = (statistics, &terms[..], &others[..])
            && a.1 == 1.0
            && b.1 == 1.0
            && let (Some(first), Some(second)) = (one_term(&*a.0), one_term(&*b.0))
        {
            return Ok(Box::new(TwoTermsWeight::new(
                [first, second],
                Union::plain(&alive).weight(enable_scoring)?,
                member_weights(&alive, enable_scoring)?,
                enable_scoring,
                statistics,
            )?));
        }
        // The terms that bound what the other members add to a clause, when there are.
        let mut bound = Vec::new();
        if let Some(statistics) = statistics
            && !terms.is_empty()
            && !others.is_empty()
            && others
                .iter()
                .all(|(query, weight)| summands(&**query, *weight, &mut bound))
        {
            let members = member_weights(&alive, enable_scoring)?;
            if many_offers(&terms, statistics, enable_scoring)?
                && let Some(every_term) = every_term(&terms, &bound, enable_scoring)?
            {
                return Ok(Box::new(EveryTermWeight {
                    every_term,
                    members,
                }));
            }
            return Ok(Box::new(UnionWeight {
                terms: Union::plain(&terms).weight(enable_scoring)?,
                others: Union::plain(&others).weight(enable_scoring)?,
                bound: bound
                    .into_iter()
                    .map(|(term, weight)| Summand::new(term, weight, statistics))
                    .collect::<tantivy::Result<_>>()?,
                members,
            }));
        }
        // Nothing to prune by, or no bound to prune with: Tantivy's union.
        match alive.len() {
            0 => Ok(Box::new(tantivy::query::EmptyWeight)),
            1 => Union::plain(&alive).weight(enable_scoring),
            _ => Ok(Box::new(PlainWeight {
                union: Union::plain(&alive).weight(enable_scoring)?,
                members: member_weights(&alive, enable_scoring)?,
            })),
        }
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for (query, _) in &self.members {
            query.query_terms(visitor);
        }
        for query in &self.required {
            query.query_terms(visitor);
        }
    }
}

/// A term whose score in a clause, times a weight, is a part of a query's score.
struct Summand {
    term: Term,
    bm25: Bm25Weight,
    weight: Score,
}

impl Summand {
    /// `term`, weighted `weight`, scored by BM25 with `statistics`.
    fn new(
        term: Term,
        weight: Score,
        statistics: &dyn Bm25StatisticsProvider,
    ) -> tantivy::Result<Summand> {
        let bm25 = Bm25Weight::for_terms(statistics, std::slice::from_ref(&term))?;
        Ok(Summand { term, bm25, weight })
    }

    /// The highest the term gives a clause of the segment, times the weight: read from the
    /// best clause of each block of its postings, which Tantivy keeps for block-max WAND
    /// ([`super::blocks`]: without decoding them, but the last).
    fn most(&self, reader: &SegmentReader) -> tantivy::Result<Score> {
        Ok(self.look_up(reader)?.0)
    }

    /// [`Summand::most`], and how many clauses of the segment hold the term: one look-up in
    /// the segment's dictionary gives both.
    fn look_up(&self, reader: &SegmentReader) -> tantivy::Result<(Score, u32)> {
        let field = self.term.field();
        let index = reader.inverted_index(field)?;
        let Some(info) = index.get_term_info(&self.term)? else {
            return Ok((0.0, 0));
        };
        let fieldnorms = reader.get_fieldnorms_reader(field)?;
        let bests = FieldPostings::open(reader, field)?.bests(
            reader,
            field,
            &info,
            &self.bm25,
            &fieldnorms,
        )?;
        Ok((bests.most() * self.weight, info.doc_freq))
    }
}

/// The terms whose scores, weighted, add up to at least the score `query` (weighted `weight`)
/// gives any clause: a term, a phrase found through its pairs, and conjunctions and unions of
/// them; `false` for a query of another kind, whose score has no such bound.
fn summands(query: &dyn Query, weight: Score, out: &mut Vec<(Term, Score)>) -> bool {
    let mut add = |term: &Term| out.push((term.clone(), weight));
    if let Some(term) = query.downcast_ref::<TermQuery>() {
        add(term.term());
        return true;
    }
    if let Some(phrase) = query.downcast_ref::<PairedPhrase>() {
        for pair in phrase.pairs() {
            add(pair);
        }
        return true;
    }
    let members: Vec<(&dyn Query, Score)> =
        if let Some(boolean) = query.downcast_ref::<BooleanQuery>() {
            boolean
                .clauses()
                .iter()
                .filter(|(occur, _)| *occur != Occur::MustNot)
                .map(|(_, query)| (&**query, 1.0))
                .collect()
        } else if let Some(union) = query.downcast_ref::<Union>() {
            union
                .members
                .iter()
                .map(|(query, w)| (&**query, *w))
                .chain(union.required.iter().map(|query| (&**query, 1.0)))
                .collect()
        } else {
            return false;
        };
    for (member, inner) in members {
        if !summands(member, weight * inner, out) {
            return false;
        }
    }
    true
}

/// Whether Tantivy keeps block maxima for `term`: its field keeps frequencies (not a symbol's).
fn has_block_maxima(schema: &tantivy::schema::Schema, term: &Term) -> bool {
    schema
        .get_field_entry(term.field())
        .field_type()
        .get_index_record_option()
        .is_some_and(|option| option.has_freq())
}

/// Every term of `terms` (members that are one term) and of `bound` (the terms that bound the
/// other members), each with its weight (added up when a term comes twice), as one union of
/// terms that Tantivy prunes by block-max WAND; `None` when a term's field keeps no
/// frequencies (no block maxima). A clause's score in it is at least its score in the union:
/// each member's score is at most its terms' weighted scores.
fn every_term(
    terms: &[&(Box<dyn Query>, Score)],
    bound: &[(Term, Score)],
    enable_scoring: EnableScoring<'_>,
) -> tantivy::Result<Option<Box<dyn Weight>>> {
    let mut weighted: Vec<(Term, Score)> = Vec::with_capacity(terms.len() + bound.len());
    for (query, weight) in terms {
        let Some(term) = one_term(&**query) else {
            return Ok(None);
        };
        weighted.push((term, *weight));
    }
    weighted.extend(bound.iter().cloned());
    let schema = enable_scoring.schema();
    if !weighted
        .iter()
        .all(|(term, _)| has_block_maxima(schema, term))
    {
        return Ok(None);
    }
    weighted.sort_by(|a, b| a.0.cmp(&b.0));
    let mut queries: Vec<(Box<dyn Query>, Score)> = Vec::with_capacity(weighted.len());
    let mut last: Option<Term> = None;
    for (term, weight) in weighted {
        if last.as_ref() == Some(&term) {
            if let Some((_, total)) = queries.last_mut() {
                *total += weight;
            }
            continue;
        }
        last = Some(term.clone());
        queries.push((
            Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)),
            weight,
        ));
    }
    let members: Vec<&(Box<dyn Query>, Score)> = queries.iter().collect();
    Ok(Some(Union::plain(&members).weight(enable_scoring)?))
}

/// The weight of a [`Union`] with both single terms and other members.
struct UnionWeight {
    /// The members that are single terms, as one union.
    terms: Box<dyn Weight>,
    /// The other members, as one union.
    others: Box<dyn Weight>,
    /// Terms whose scores add up to at least what the other members add to a clause.
    bound: Vec<Summand>,
    /// Each member's weight, for the scorer that seeks ([`Members`]).
    members: Vec<Box<dyn Weight>>,
}

impl Weight for UnionWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Members::of(&self.members, reader, boost)
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut explanation = super::explanation_at(self, reader, doc, "union")?;
        for part in [&self.terms, &self.others] {
            if let Ok(detail) = part.explain(reader, doc) {
                explanation.add_detail(detail);
            }
        }
        Ok(explanation)
    }

    /// The top hits: the terms pruned, their bar lowered by the most the other members add,
    /// then the clauses of the others alone if they could still beat it (see the module's
    /// header).
    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        let most = most_of(&self.bound, reader)?;
        let mut others = self.others.scorer(reader, 1.0)?;
        // The clauses the terms offered, in order: the others alone do not offer them again.
        let mut offered: Vec<DocId> = Vec::new();
        let mut bar = threshold;
        // (Without other members in the segment, the bar itself: ties come in index order.)
        let lowered = |bar: Score| {
            if most > 0.0 {
                (bar - most).next_down()
            } else {
                bar
            }
        };
        self.terms
            .for_each_pruning(lowered(threshold), reader, &mut |doc, score| {
                let mut score = score;
                if others.doc() < doc {
                    others.seek(doc);
                }
                if others.doc() == doc {
                    score += others.score();
                }
                offered.push(doc);
                if score > bar {
                    bar = callback(doc, score);
                }
                lowered(bar)
            })?;
        if bar >= most {
            // No clause of the others alone can beat the bar.
            return Ok(());
        }
        // A clause the terms passed over has no chance: offered with the others' score alone,
        // less than its whole, it is turned down. Ties are offered too: the collector settles
        // them by index order.
        let mut next = 0;
        self.others
            .for_each_pruning(bar.next_down(), reader, &mut |doc, score| {
                while offered.get(next).is_some_and(|&o| o < doc) {
                    next += 1;
                }
                if offered.get(next) != Some(&doc) {
                    bar = callback(doc, score);
                }
                bar.next_down()
            })
    }
}

/// A union is searched through all its terms ([`EveryTermWeight`]) when its members that are
/// terms hold more than one clause in this many of the index's: the bar of those terms,
/// lowered by the most the other members add (often more than the bar itself, when the other
/// member is the query's own words), would offer every one of their clauses to be scored. With
/// fewer, offering them costs less than moving all the terms together (at a million clauses,
/// `human rights defenders`, whose names `activists` and `militants` hold 241 clauses: 63 µs
/// offering them, 288 through all the terms; `sustainable development goals`, whose names hold
/// 22,422: 1,285 µs against 347). Decided once per query, from the index's counts, so that
/// only the weights of the way taken are made.
const MANY_OFFERS: u64 = 200;

/// Whether the members of a union that are `terms` hold more than one clause in
/// [`MANY_OFFERS`] of the index's.
fn many_offers(
    terms: &[&(Box<dyn Query>, Score)],
    statistics: &dyn Bm25StatisticsProvider,
    enable_scoring: EnableScoring<'_>,
) -> tantivy::Result<bool> {
    #[cfg(test)]
    if let Some(forced) = tests::BY_EVERY_TERM.get() {
        return Ok(forced);
    }
    let mut offers = 0u64;
    for term in terms.iter().filter_map(|(query, _)| one_term(&**query)) {
        offers += statistics.doc_freq(&term)?;
    }
    let clauses = enable_scoring.searcher().map_or(0, |s| s.num_docs());
    Ok(offers * MANY_OFFERS > clauses)
}

/// The weight of a [`Union`] searched through all its terms ([`MANY_OFFERS`]).
struct EveryTermWeight {
    /// Every term of the members, as one union of terms ([`every_term`]).
    every_term: Box<dyn Weight>,
    /// Each member's weight, for the scorer that seeks ([`Members`]).
    members: Vec<Box<dyn Weight>>,
}

impl Weight for EveryTermWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Members::of(&self.members, reader, boost)
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        super::explanation_at(self, reader, doc, "union")
    }

    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        search_by_every_term(
            &*self.every_term,
            &self.members,
            threshold,
            reader,
            callback,
        )
    }
}

/// The top hits of the union of `members` through the union of all their terms
/// (`every_term`), which Tantivy prunes by block-max WAND: a clause it offers is scored by the
/// members (sought in their scorers, in order). Its score there is at least its score in the
/// union, so a clause it passes over could not beat the bar; and a clause of any member holds
/// that member's terms, so none is missed. Unlike a bar lowered by the most the other members
/// could add anywhere in the segment, the block maxima bound each block of clauses on its own:
/// `sustainable development goals` (the words, and the concept's names) offered every clause
/// of `2030 Agenda` to be scored, whatever the bar.
fn search_by_every_term(
    every_term: &dyn Weight,
    members: &[Box<dyn Weight>],
    threshold: Score,
    reader: &SegmentReader,
    callback: &mut dyn FnMut(DocId, Score) -> Score,
) -> tantivy::Result<()> {
    let mut exact = Members::of(members, reader, 1.0)?;
    let mut bar = threshold;
    // The terms' sum and the members' scores are added in different orders: a clause whose
    // score is its terms' sum may come out a little above it. The terms' bar is a little lower.
    let loosened = |bar: Score| bar - bar.abs() * 1e-5;
    every_term.for_each_pruning(loosened(threshold), reader, &mut |doc, _| {
        if exact.doc() < doc {
            exact.seek(doc);
        }
        if exact.doc() == doc {
            let score = exact.score();
            if score > bar {
                bar = callback(doc, score);
            }
        }
        loosened(bar)
    })
}

/// The sum of the most each term of `bound` gives a clause of the segment.
fn most_of(bound: &[Summand], reader: &SegmentReader) -> tantivy::Result<Score> {
    let mut most = 0.0;
    for summand in bound {
        most += summand.most(reader)?;
    }
    Ok(most)
}

/// The conjunction of `terms` (two or more), each weighted, which Tantivy prunes by block-max
/// WAND.
fn conjunction_of_terms(terms: Vec<(Term, Score)>) -> Box<dyn Query> {
    debug_assert!(terms.len() >= 2);
    Box::new(BooleanQuery::new(
        terms
            .into_iter()
            .map(|(term, weight)| -> (Occur, Box<dyn Query>) {
                let query = Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
                match weight == 1.0 {
                    true => (Occur::Must, query),
                    false => (Occur::Must, Box::new(BoostQuery::new(query, weight))),
                }
            })
            .collect(),
    ))
}

/// The weight of a union of two terms (`violence OR sécurité`, `"droits de l'homme" OR "droit
/// international"`).
///
/// Once the threshold is at least what either term alone gives any clause of a segment, only
/// a clause holding both can beat it: the segment is then searched as their conjunction, whose
/// block-max WAND leads by the rarer term, instead of Tantivy's union, which moves both.
/// The score of a clause with both is the same sum.
struct TwoTermsWeight {
    terms: [Summand; 2],
    union: Box<dyn Weight>,
    /// Each term's weight, for the scorer that seeks ([`Members`]).
    members: Vec<Box<dyn Weight>>,
    both: Box<dyn Weight>,
}

impl TwoTermsWeight {
    /// The weight of the union of `terms`, Tantivy's (`union`) given, each term scored by
    /// `statistics` as `enable_scoring` says.
    fn new(
        terms: [Term; 2],
        union: Box<dyn Weight>,
        members: Vec<Box<dyn Weight>>,
        enable_scoring: EnableScoring<'_>,
        statistics: &dyn Bm25StatisticsProvider,
    ) -> tantivy::Result<TwoTermsWeight> {
        let both = conjunction_of_terms(terms.iter().map(|t| (t.clone(), 1.0)).collect())
            .weight(enable_scoring)?;
        let [first, second] = terms;
        Ok(TwoTermsWeight {
            terms: [
                Summand::new(first, 1.0, statistics)?,
                Summand::new(second, 1.0, statistics)?,
            ],
            union,
            members,
            both,
        })
    }
}

impl Weight for TwoTermsWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Members::of(&self.members, reader, boost)
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.union.explain(reader, doc)
    }

    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        // (No bound to read before ten clauses are held: the threshold is below any score.)
        if threshold > 0.0
            && threshold >= self.terms[0].most(reader)?
            && threshold >= self.terms[1].most(reader)?
        {
            return self.both.for_each_pruning(threshold, reader, callback);
        }
        self.union.for_each_pruning(threshold, reader, callback)
    }
}

/// Tantivy's union of several members, pruned as Tantivy prunes it; its scorer seeks
/// ([`Members`]).
struct PlainWeight {
    union: Box<dyn Weight>,
    members: Vec<Box<dyn Weight>>,
}

impl Weight for PlainWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Members::of(&self.members, reader, boost)
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.union.explain(reader, doc)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.union.count(reader)
    }

    fn for_each_no_score(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(&[DocId]),
    ) -> tantivy::Result<()> {
        self.union.for_each_no_score(reader, callback)
    }

    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        self.union.for_each_pruning(threshold, reader, callback)
    }
}

#[cfg(test)]
pub(super) mod tests {
    thread_local! {
        /// Whether a union with terms and other members is searched through all its terms,
        /// whatever its terms' clauses: set, the tests run both ways on one index.
        pub(in crate::search) static BY_EVERY_TERM: std::cell::Cell<Option<bool>> =
            const { std::cell::Cell::new(None) };
        /// Whether the members of a union within other words are searched fewest clauses
        /// first, whatever they can give: set, the tests run them in another order.
        pub(in crate::search) static FEWEST_FIRST: std::cell::Cell<bool> =
            const { std::cell::Cell::new(false) };
    }
}
