//! Words with filters (`cooperation type:operative`, `mandat body:ga`), pruned on the words.
//!
//! A filter's term holds half the clauses or more (`type:operative`, `lang:fr`, `body:ga`). In
//! one conjunction with the words, Tantivy's block-max WAND moves through windows that end at
//! the first block end of any term: the filter's blocks span a few hundred clauses, so the
//! conjunction crossed the index in thousands of tiny windows, and `développement
//! type:preambular lang:fr` took 0.47 ms at a million clauses (23 µs here).
//!
//! A filter's field holds one value per clause (its term frequency is 1, its length 1), so its
//! term scores every clause it holds the same: that score is known before reading a clause.
//! Here the words run alone, pruned as they would be without filters (by block-max WAND, or by
//! [`super::union::Union`] and [`super::phrase::PairedPhrase`]), their bar lowered by what the
//! filters add; only the clauses they offer are sought in the filters' postings. (When the
//! words' best clauses are mostly not the filter's, as for `coopération type:operative`, the
//! filter turns most of them down, one seek each: about what Tantivy's conjunction paid.)
//!
//! Scores are those of the conjunction: the words' score and each filter's, summed in the
//! order Tantivy sums a conjunction of terms (the rarest first) when the words are one term.
//! Counting uses Tantivy's conjunction itself.

use std::sync::Arc;

use tantivy::InvertedIndexReader;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings, TermInfo};
use tantivy::query::{
    Bm25Weight, BooleanQuery, ConstScoreQuery, EmptyWeight, EnableScoring, Explanation, Occur,
    Query, Scorer, TermQuery, Weight,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, Term};

use super::phrase::one_term;
use super::statistics::matches_nothing;

/// The most conditions a [`Filtered`] takes (a query gives one to four).
pub(super) const MAX_CONDITIONS: usize = 8;

/// A filter whose term every clause holds at most once, in a field of one value per clause.
#[derive(Clone, Debug)]
pub(super) struct Condition {
    term: Term,
    kind: Kind,
}

/// How a condition scores the clauses it holds, and whether it is sought.
#[derive(Clone, Copy, Debug)]
enum Kind {
    /// By BM25, as its term query.
    Scored,
    /// By BM25, and every clause the words match meets it (`lang:fr` with French words): not
    /// sought.
    Implied,
    /// This score (the session filter).
    Constant(Score),
}

impl Condition {
    /// A filter on a field of one value per clause (type, language, body), scored by BM25 as
    /// its term query is.
    pub(super) fn scored(term: Term) -> Condition {
        Condition {
            term,
            kind: Kind::Scored,
        }
    }

    /// A filter on a field of one value per clause that every clause of the words meets
    /// (`lang:fr` with words of the French text): scored as [`Self::scored`], never sought.
    pub(super) fn implied(term: Term) -> Condition {
        Condition {
            term,
            kind: Kind::Implied,
        }
    }

    /// A filter scored `score` in every clause it holds (the session's term).
    pub(super) fn constant(term: Term, score: Score) -> Condition {
        Condition {
            term,
            kind: Kind::Constant(score),
        }
    }

    /// The query the filter stands for on its own.
    pub(super) fn query(&self) -> Box<dyn Query> {
        match self.kind {
            Kind::Scored | Kind::Implied => Box::new(TermQuery::new(
                self.term.clone(),
                IndexRecordOption::WithFreqs,
            )),
            Kind::Constant(score) => Box::new(ConstScoreQuery::new(
                Box::new(TermQuery::new(self.term.clone(), IndexRecordOption::Basic)),
                score,
            )),
        }
    }
}

/// Clauses that match `words` and every condition, scored by the sum.
#[derive(Debug)]
pub(super) struct Filtered {
    words: Box<dyn Query>,
    conditions: Vec<Condition>,
}

impl Clone for Filtered {
    fn clone(&self) -> Self {
        Filtered {
            words: self.words.box_clone(),
            conditions: self.conditions.clone(),
        }
    }
}

impl Filtered {
    /// The words, searched pruned, their hits checked against the conditions.
    pub(super) fn words(&self) -> &dyn Query {
        &*self.words
    }

    /// The terms of the conditions, each of which a clause must hold.
    pub(super) fn filter_terms(&self) -> impl Iterator<Item = &Term> {
        self.conditions.iter().map(|condition| &condition.term)
    }

    /// The clauses of `words` that meet every condition (one to [`MAX_CONDITIONS`]).
    pub(super) fn new(words: Box<dyn Query>, conditions: Vec<Condition>) -> Filtered {
        debug_assert!((1..=MAX_CONDITIONS).contains(&conditions.len()));
        Filtered { words, conditions }
    }

    /// The same clauses as one Tantivy conjunction, the words' own conjunction spread out.
    fn plain(&self) -> BooleanQuery {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        match self.words.downcast_ref::<BooleanQuery>() {
            Some(all) if all.clauses().iter().all(|(occur, _)| *occur == Occur::Must) => {
                clauses.extend(all.clauses().iter().map(|(o, q)| (*o, q.box_clone())));
            }
            _ => clauses.push((Occur::Must, self.words.box_clone())),
        }
        clauses.extend(self.conditions.iter().map(|c| (Occur::Must, c.query())));
        BooleanQuery::new(clauses)
    }
}

impl Query for Filtered {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let EnableScoring::Enabled {
            statistics_provider,
            ..
        } = enable_scoring
        else {
            // Counting: Tantivy's conjunction.
            return self.plain().weight(enable_scoring);
        };
        // A filter no clause meets (`body:sc` in an index of General Assembly texts), or words
        // no clause has: nothing matches.
        if matches_nothing(self, statistics_provider)? {
            return Ok(Box::new(EmptyWeight));
        }
        let mut conditions = Vec::with_capacity(self.conditions.len());
        for condition in &self.conditions {
            let score = match condition.kind {
                Kind::Constant(score) => Scoring::Constant(score),
                Kind::Scored | Kind::Implied => Scoring::Bm25(Bm25Weight::for_terms(
                    statistics_provider,
                    std::slice::from_ref(&condition.term),
                )?),
            };
            let implied = matches!(condition.kind, Kind::Implied);
            conditions.push((condition.term.clone(), score, implied));
        }
        Ok(Box::new(FilteredWeight {
            words: self.words.weight(enable_scoring)?,
            one_term: one_term(&*self.words),
            conditions,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.words.query_terms(visitor);
        for condition in &self.conditions {
            visitor(&condition.term, false);
        }
    }
}

/// How a condition scores the clauses it holds.
#[derive(Clone)]
enum Scoring {
    Bm25(Bm25Weight),
    Constant(Score),
}

impl Scoring {
    /// The score of every clause holding the term once in a field of one value: the most it
    /// adds to a clause.
    fn of_one_value(&self) -> Score {
        match self {
            Scoring::Bm25(weight) => weight.score(FieldNormReader::fieldnorm_to_id(1), 1),
            Scoring::Constant(score) => *score,
        }
    }
}

/// The weight of [`Filtered`], scoring.
struct FilteredWeight {
    words: Box<dyn Weight>,
    /// The words' term, when they are one: its count orders the sum as Tantivy does.
    one_term: Option<Term>,
    /// Each condition's term, score and whether the words imply it.
    conditions: Vec<(Term, Scoring, bool)>,
}

/// A condition's postings in one segment.
struct Open {
    /// `None` when the words imply the condition.
    postings: Option<SegmentPostings>,
    /// How many clauses of the segment meet it.
    count: u32,
    /// Where the postings are, to read them again from the start.
    index: Arc<InvertedIndexReader>,
    info: TermInfo,
    fieldnorms: FieldNormReader,
    scoring: Scoring,
    /// The last clause asked about.
    last: DocId,
    /// Reading the postings again failed: the search fails with it rather than lose clauses.
    failed: Option<std::io::Error>,
}

impl Open {
    /// What the condition adds to clause `doc`, or `None` when it does not hold it.
    fn at(&mut self, doc: DocId) -> Option<Score> {
        let Some(postings) = &mut self.postings else {
            return Some(self.scoring.of_one_value());
        };
        if doc < self.last {
            // The words offer their clauses in increasing order, but a union offers those of
            // its other members in a second pass, from the start again.
            match self
                .index
                .read_postings_from_terminfo(&self.info, IndexRecordOption::WithFreqs)
            {
                Ok(again) => *postings = again,
                Err(error) => {
                    self.failed.get_or_insert(error);
                    return None;
                }
            }
        }
        self.last = doc;
        if postings.doc() < doc {
            postings.seek(doc);
        }
        if postings.doc() != doc {
            return None;
        }
        Some(match &self.scoring {
            Scoring::Bm25(weight) => {
                weight.score(self.fieldnorms.fieldnorm_id(doc), postings.term_freq())
            }
            Scoring::Constant(score) => *score,
        })
    }
}

/// The conditions of one segment, and in which order a clause's score adds them up.
struct Opened {
    /// Rarest first: a clause is sought first where it is least likely to be.
    conditions: Vec<Open>,
    /// Where the words' score comes in the sum, among the conditions' (Tantivy sums the
    /// rarest term's first).
    words_at: usize,
    /// What the conditions add to a clause, at most.
    most: Score,
}

impl Opened {
    /// The conditions' postings in the segment, `None` when a condition holds no clause.
    fn new(
        weight: &FilteredWeight,
        reader: &SegmentReader,
        boost: Score,
    ) -> tantivy::Result<Option<Opened>> {
        let mut conditions = Vec::with_capacity(weight.conditions.len());
        for (term, scoring, implied) in &weight.conditions {
            let index = reader.inverted_index(term.field())?;
            let Some(info) = index.get_term_info(term)? else {
                return Ok(None);
            };
            let postings = match implied {
                true => None,
                false => {
                    Some(index.read_postings_from_terminfo(&info, IndexRecordOption::WithFreqs)?)
                }
            };
            // (A constant's field may keep no lengths: the session's.)
            let (scoring, fieldnorms) = match scoring {
                Scoring::Bm25(w) => (
                    Scoring::Bm25(w.boost_by(boost)),
                    reader.get_fieldnorms_reader(term.field())?,
                ),
                Scoring::Constant(score) => (
                    Scoring::Constant(score * boost),
                    FieldNormReader::constant(reader.max_doc(), 1),
                ),
            };
            conditions.push(Open {
                postings,
                count: info.doc_freq,
                index,
                info,
                fieldnorms,
                scoring,
                last: 0,
                failed: None,
            });
        }
        // Stable, as Tantivy orders a conjunction's terms by their counts.
        conditions.sort_by_key(|c| c.count);
        let words_count = match &weight.one_term {
            Some(term) => reader.inverted_index(term.field())?.doc_freq(term)?,
            None => 0,
        };
        let words_at = conditions
            .iter()
            .take_while(|c| c.count < words_count)
            .count();
        let most = conditions.iter().map(|c| c.scoring.of_one_value()).sum();
        Ok(Some(Opened {
            conditions,
            words_at,
            most,
        }))
    }

    /// The score of clause `doc`, its words scoring `words`, or `None` when a condition does
    /// not hold it.
    fn score(&mut self, doc: DocId, words: Score) -> Option<Score> {
        let mut parts = [0.0 as Score; MAX_CONDITIONS];
        for (part, condition) in parts.iter_mut().zip(&mut self.conditions) {
            *part = condition.at(doc)?;
        }
        // 0 + x is x: the sum starts with the first part, as Tantivy's does.
        let mut total: Score = 0.0;
        for (i, part) in parts[..self.conditions.len()].iter().enumerate() {
            if i == self.words_at {
                total += words;
            }
            total += part;
        }
        if self.words_at >= self.conditions.len() {
            total += words;
        }
        Some(total)
    }
}

impl Weight for FilteredWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let Some(conditions) = Opened::new(self, reader, boost)? else {
            return Ok(Box::new(tantivy::query::EmptyScorer));
        };
        let mut scorer = FilteredScorer {
            words: self.words.scorer(reader, boost)?,
            conditions,
            score: 0.0,
        };
        scorer.settle();
        Ok(Box::new(scorer))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut explanation = super::explanation_at(self, reader, doc, "words with filters")?;
        explanation.add_detail(self.words.explain(reader, doc)?);
        Ok(explanation)
    }

    /// The top hits: the words pruned with their bar lowered by what the filters add, then
    /// sought in the filters.
    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        let Some(mut conditions) = Opened::new(self, reader, 1.0)? else {
            return Ok(());
        };
        let most = conditions.most;
        // (Not one step lower for rounding: the many clauses whose words tie with the best
        // would all be offered, to be turned down.)
        let lowered = |bar: Score| bar - most;
        let mut bar = threshold;
        self.words
            .for_each_pruning(lowered(bar), reader, &mut |doc, words| {
                if let Some(score) = conditions.score(doc, words)
                    && score > bar
                {
                    bar = callback(doc, score);
                }
                lowered(bar)
            })?;
        match conditions
            .conditions
            .iter_mut()
            .find_map(|c| c.failed.take())
        {
            Some(error) => Err(error.into()),
            None => Ok(()),
        }
    }
}

/// The clauses of the words that meet every condition.
struct FilteredScorer {
    words: Box<dyn Scorer>,
    conditions: Opened,
    /// The score of the current clause.
    score: Score,
}

impl FilteredScorer {
    /// Moves on to the first clause from the words' current one that meets every condition.
    fn settle(&mut self) -> DocId {
        loop {
            let doc = self.words.doc();
            if doc == TERMINATED {
                return doc;
            }
            let words = self.words.score();
            if let Some(score) = self.conditions.score(doc, words) {
                self.score = score;
                return doc;
            }
            self.words.advance();
        }
    }
}

impl DocSet for FilteredScorer {
    fn advance(&mut self) -> DocId {
        self.words.advance();
        self.settle()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.words.doc() < target {
            self.words.seek(target);
        }
        self.settle()
    }

    fn doc(&self) -> DocId {
        self.words.doc()
    }

    fn size_hint(&self) -> u32 {
        self.words.size_hint()
    }
}

impl Scorer for FilteredScorer {
    fn score(&mut self) -> Score {
        self.score
    }
}
