//! A union inside a conjunction (`peacekeeping operations mandate`: the concept's names, and
//! `mandate`), searched member by member, each member in one conjunction of terms with the
//! other words that Tantivy prunes by block-max WAND (see [`super`]'s header for the order and
//! the bounds).

use tantivy::query::{
    Bm25StatisticsProvider, BooleanQuery, EnableScoring, Explanation, Occur, Query, Scorer, Weight,
};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term};

use super::members::Members;
use super::{Summand, conjunction_of_terms, has_block_maxima, member_weights, one_term};

/// One member of a [`WithinWeight`], searched on its own within the required parts.
struct Stage {
    /// The member's terms and the required parts', in one conjunction that Tantivy prunes by
    /// block-max WAND; weighted for the members it holds whole too ([`Stage::absorbed`]).
    run: Box<dyn Weight>,
    /// The member's terms, weighted: their scores add up to its score.
    bound: Vec<Summand>,
    /// The other members whose terms are all among this member's (`peacekeepers`,
    /// `peacekeep`, in `peacekeeping operations`, `peacekeep oper`): every clause of this
    /// member holds them, so what they add to it is no longer a bound but known, in the run's
    /// score.
    absorbed: Vec<usize>,
}

/// The weight of a [`Union`] within required parts whose members and required parts are all
/// terms or conjunctions of terms (see the module's header): each member searched in one
/// conjunction of terms with the required parts.
pub(super) struct WithinWeight {
    stages: Vec<Stage>,
    /// Each member alone, weighted (as `stages`): sought at the clauses the other members
    /// offer, and moved together by the scorer that seeks ([`Members`]).
    members: Vec<Box<dyn Weight>>,
    /// The required parts' terms: their scores add up to what the parts give a clause.
    required_bound: Vec<Summand>,
    /// Each required part's weight, for the scorer that seeks.
    required: Vec<Box<dyn Weight>>,
}

impl WithinWeight {
    /// The weight of `members` within `required`; `None` unless each member and required part
    /// is a term, a phrase that is one pair, or a conjunction of them (then one query of
    /// Tantivy's, scored at every match of the conjunction, does better than one per member).
    pub(super) fn new(
        members: &[&(Box<dyn Query>, Score)],
        required: &[Box<dyn Query>],
        enable_scoring: EnableScoring<'_>,
        statistics: &dyn Bm25StatisticsProvider,
    ) -> tantivy::Result<Option<WithinWeight>> {
        let mut required_terms = Vec::new();
        for part in required {
            if !flat_terms(&**part, &mut required_terms) {
                return Ok(None);
            }
        }
        let mut terms_of = Vec::with_capacity(members.len());
        for (member, _) in members {
            let mut terms = Vec::new();
            if !flat_terms(&**member, &mut terms) {
                return Ok(None);
            }
            terms_of.push(terms);
        }
        let schema = enable_scoring.schema();
        let with_freqs = |term: &Term| has_block_maxima(schema, term);
        // (Each stage's conjunction two terms or more.)
        if terms_of.is_empty()
            || required_terms.is_empty()
            || terms_of.iter().any(Vec::is_empty)
            || !required_terms
                .iter()
                .chain(terms_of.iter().flatten())
                .all(with_freqs)
        {
            return Ok(None);
        }
        let weighted = |terms: &[Term], weight: Score| -> tantivy::Result<Vec<Summand>> {
            terms
                .iter()
                .map(|term| Summand::new(term.clone(), weight, statistics))
                .collect()
        };
        let mut stages = Vec::with_capacity(members.len());
        for (i, (member, terms)) in members.iter().zip(&terms_of).enumerate() {
            let absorbed: Vec<usize> = (0..members.len())
                .filter(|&j| j != i && terms_of[j].iter().all(|t| terms.contains(t)))
                .collect();
            // Each term once, with the weights of the members that hold it added up.
            let mut clauses: Vec<(Term, Score)> = Vec::new();
            let mut add =
                |term: &Term, weight: Score| match clauses.iter_mut().find(|(t, _)| t == term) {
                    Some((_, total)) => *total += weight,
                    None => clauses.push((term.clone(), weight)),
                };
            for term in &required_terms {
                add(term, 1.0);
            }
            for j in std::iter::once(i).chain(absorbed.iter().copied()) {
                for term in &terms_of[j] {
                    add(term, members[j].1);
                }
            }
            stages.push(Stage {
                run: conjunction_of_terms(clauses).weight(enable_scoring)?,
                bound: weighted(terms, member.1)?,
                absorbed,
            });
        }
        Ok(Some(WithinWeight {
            stages,
            required_bound: weighted(&required_terms, 1.0)?,
            members: member_weights(members, enable_scoring)?,
            required: required
                .iter()
                .map(|q| q.weight(enable_scoring))
                .collect::<tantivy::Result<_>>()?,
        }))
    }
}

impl Weight for WithinWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut scorers = vec![Members::of(&self.members, reader, boost)?];
        for weight in &self.required {
            scorers.push(weight.scorer(reader, boost)?);
        }
        Ok(tantivy::query::intersect_scorers(
            scorers,
            reader.num_docs(),
        ))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        super::super::explanation_at(self, reader, doc, "union")
    }

    /// The top hits: member after member (the far rarer ones first, then the one that can
    /// give most), each pruned with its bar lowered by the most the later members add (see the
    /// module's header).
    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        // The members that may have clauses in the segment, the one that can give most first,
        // but those far rarer than it before it (see [`RARE_FIRST`]).
        let (required_most, required_fewest) = most_and_fewest(&self.required_bound, reader)?;
        // (Each member, what it can give most, and how many clauses lead its run.)
        let mut order: Vec<(usize, Score, u32)> = Vec::with_capacity(self.stages.len());
        for (i, stage) in self.stages.iter().enumerate() {
            let (most, fewest) = most_and_fewest(&stage.bound, reader)?;
            if most > 0.0 {
                let fewest = fewest.min(required_fewest);
                order.push((i, most, fewest));
            }
        }
        order.sort_by(|a, b| b.1.total_cmp(&a.1));
        if let Some(&(_, _, first)) = order.first() {
            let rare = |fewest: u32| u64::from(fewest) * RARE_FIRST <= u64::from(first);
            order.sort_by_key(|&(_, _, fewest)| !rare(fewest));
        }
        #[cfg(test)]
        if super::tests::FEWEST_FIRST.get() {
            order.sort_by_key(|&(_, _, fewest)| fewest);
        }
        let order: Vec<(usize, Score)> = order.into_iter().map(|(i, most, _)| (i, most)).collect();
        let mut bar = threshold;
        // Whether a clause of the segment was offered: the bar then holds for the clauses
        // after it only (a clause before it, scored the same, would enter the top before it).
        let mut offered = false;
        for (pos, &(i, most)) in order.iter().enumerate() {
            let stage = &self.stages[i];
            // What the later members can add to a clause.
            let rest: Score = order[pos + 1..].iter().map(|later| later.1).sum();
            // A clause first offered here or later scores at most this.
            if bar > required_most + most + rest {
                break;
            }
            // What they can add to a clause of this member: those it holds whole add a known
            // part, in the run's score.
            let rest: Score = order[pos + 1..]
                .iter()
                .filter(|later| !stage.absorbed.contains(&later.0))
                .map(|later| later.1)
                .sum();
            if offered {
                bar = bar.next_down();
            }
            let lowered = |bar: Score| {
                if rest > 0.0 {
                    (bar - rest).next_down()
                } else {
                    bar
                }
            };
            let start = lowered(bar);
            let mut seekers: Vec<Option<Box<dyn Scorer>>> =
                (0..self.stages.len()).map(|_| None).collect();
            let mut failed = None;
            let mut offer = |doc: DocId, score: Score| -> Score {
                let mut whole = score;
                for (k, &(j, _)) in order.iter().enumerate() {
                    // (A later member this one holds whole is in the run's score.)
                    if k == pos || (k > pos && stage.absorbed.contains(&j)) {
                        continue;
                    }
                    let seeker = match &mut seekers[j] {
                        Some(seeker) => seeker,
                        slot => match self.members[j].scorer(reader, 1.0) {
                            Ok(seeker) => slot.insert(seeker),
                            Err(error) => {
                                failed = Some(error);
                                return Score::MAX;
                            }
                        },
                    };
                    if seeker.doc() < doc {
                        seeker.seek(doc);
                    }
                    if seeker.doc() == doc {
                        // Offered by an earlier stage, or passed over there: a clause that
                        // could not beat the bar.
                        if k < pos {
                            return lowered(bar);
                        }
                        whole += seeker.score();
                    }
                }
                if whole > bar {
                    offered = true;
                    bar = callback(doc, whole);
                }
                lowered(bar)
            };
            stage.run.for_each_pruning(start, reader, &mut offer)?;
            if let Some(error) = failed {
                return Err(error);
            }
        }
        Ok(())
    }
}

/// A member of a [`WithinWeight`] is searched before the one that can give most when its run
/// is led by this many times fewer clauses or more: searched first, its bar is lowered by what
/// the others can add (the query's own words: often all of it), and it offers all its
/// clauses, but they are few, and the member that can give most, searched after it, has its
/// bar lowered by less. At a million clauses `peacekeeping operations mandate` (its name
/// `peacekeeping forces` in 266 clauses, the words' run led by 6,743) took 99 µs the other
/// way and 85 this way; `international cooperation poverty eradication` (its name `extreme
/// poverty` in 4,158, the words' 13,951) was slower this way: the name's run offered all its
/// 90 clauses in 208 µs, then the words' took 158.
const RARE_FIRST: u64 = 10;

/// The sum of the most each term of `bound` gives a clause of the segment, and the fewest
/// clauses any of them is in (`u32::MAX` for no term): what a conjunction of them is led by.
fn most_and_fewest(bound: &[Summand], reader: &SegmentReader) -> tantivy::Result<(Score, u32)> {
    let mut most = 0.0;
    let mut fewest = u32::MAX;
    for summand in bound {
        let (its_most, clauses) = summand.look_up(reader)?;
        most += its_most;
        fewest = fewest.min(clauses);
    }
    Ok((most, fewest))
}

/// Adds the terms of `query` to `out` when it is a term, a phrase that is one pair, or a
/// conjunction of them (its score their scores' sum); `false` otherwise.
fn flat_terms(query: &dyn Query, out: &mut Vec<Term>) -> bool {
    if let Some(term) = one_term(query) {
        out.push(term);
        return true;
    }
    match query.downcast_ref::<BooleanQuery>() {
        Some(all) if all.clauses().iter().all(|(occur, _)| *occur == Occur::Must) => all
            .clauses()
            .iter()
            .all(|(_, clause)| flat_terms(&**clause, out)),
        _ => false,
    }
}
