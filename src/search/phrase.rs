//! Phrases found through word pairs, so that they are pruned like words.
//!
//! Tantivy's phrase scorer reads the positions of every clause holding all the words of a
//! phrase and scores each match, with no block-max pruning: at a million clauses
//! `"Charter of the United Nations"` scored 19,024 matches for a top 10. The index also holds,
//! per language, each term paired with the term before it ([`analyzer::pairs_analyzer`]; stop
//! words between them counted as gaps, as Elasticsearch's `index_phrases` shingles do). A
//! phrase is then the conjunction of its pairs, plain term queries that Tantivy intersects with
//! block-max WAND for the top hits, and the positions are checked only on the clauses that
//! conjunction offers, through the phrase query's `seek_danger` (which tests one clause
//! without scanning ahead); hits are scored by BM25 over the pairs. A phrase of two terms is
//! exactly its pair: no position is read at all.
//!
//! A clause matches when the terms of the phrase stand at their offsets with only stop words
//! between them: `"requests the Secretary-General"` finds "requests the Secretary-General"
//! and "requests a Secretary-General" (`the`, `a`: stop words), not "requests its
//! Secretary-General", which a phrase query over positions alone also matched (`its` stood
//! where the stop word's gap was).

use tantivy::query::{
    BooleanQuery, EmptyScorer, EnableScoring, Explanation, Occur, PhraseQuery, Query, Scorer,
    TermQuery, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{
    DocId, DocSet, Score, SeekDangerResult, SegmentReader, TERMINATED, TantivyError, Term,
};

use crate::analyzer;

/// A phrase: its terms at their positions (a stop word's gap kept), looked up by its pairs.
#[derive(Clone, Debug)]
pub struct PairedPhrase {
    /// The pair terms of consecutive phrase terms at most [`analyzer::PAIR_WINDOW`] apart.
    /// The clauses that hold them all are the candidates.
    pairs: Vec<Term>,
    /// The phrase itself, checked on the candidates: that every pair is there does not say
    /// that they follow each other in one place.
    phrase: PhraseQuery,
    /// Whether the pairs alone say that the phrase is there (a phrase of two terms).
    exact: bool,
}

impl PairedPhrase {
    /// The query for the terms of a phrase (two or more, with their positions) in the text
    /// field whose pairs are in `pairs_field`; `None` when no two consecutive terms are near
    /// enough to make a pair (the phrase query alone then answers).
    pub fn new(terms: Vec<(usize, Term)>, pairs_field: Field) -> Option<PairedPhrase> {
        let mut pairs = Vec::new();
        let mut every_gap_paired = true;
        for w in terms.windows(2) {
            let gap = w[1].0.saturating_sub(w[0].0);
            let (first, second) = (w[0].1.value(), w[1].1.value());
            let (Some(first), Some(second)) = (first.as_str(), second.as_str()) else {
                return None;
            };
            if (1..=analyzer::PAIR_WINDOW).contains(&gap) {
                let pair =
                    Term::from_field_text(pairs_field, &analyzer::pair_term(first, second, gap));
                if !pairs.contains(&pair) {
                    pairs.push(pair);
                }
            } else {
                every_gap_paired = false;
            }
        }
        if pairs.is_empty() {
            return None;
        }
        let exact = terms.len() == 2 && every_gap_paired;
        Some(PairedPhrase {
            pairs,
            phrase: PhraseQuery::new_with_offset(terms),
            exact,
        })
    }

    /// The conjunction of the pairs (one term query when there is one pair, which Tantivy
    /// prunes inside unions too).
    fn candidates(&self) -> Box<dyn Query> {
        let term = |t: &Term| -> Box<dyn Query> {
            Box::new(TermQuery::new(t.clone(), IndexRecordOption::WithFreqs))
        };
        if self.pairs.len() == 1 {
            return term(&self.pairs[0]);
        }
        Box::new(BooleanQuery::new(
            self.pairs.iter().map(|t| (Occur::Must, term(t))).collect(),
        ))
    }
}

impl Query for PairedPhrase {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let candidates = self.candidates().weight(enable_scoring)?;
        if self.exact {
            return Ok(candidates);
        }
        // The phrase only says yes or no: its own score is not used.
        let phrase = self
            .phrase
            .weight(EnableScoring::disabled_from_schema(enable_scoring.schema()))?;
        Ok(Box::new(PairedPhraseWeight { candidates, phrase }))
    }

    /// The words of the phrase (what snippets highlight), then the pairs.
    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.phrase.query_terms(visitor);
        for pair in &self.pairs {
            visitor(pair, false);
        }
    }
}

/// The weight of a [`PairedPhrase`] whose pairs do not settle it alone.
struct PairedPhraseWeight {
    candidates: Box<dyn Weight>,
    phrase: Box<dyn Weight>,
}

impl Weight for PairedPhraseWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let candidates = self.candidates.scorer(reader, boost)?;
        if candidates.doc() == TERMINATED {
            return Ok(Box::new(EmptyScorer));
        }
        let mut scorer = Verified {
            candidates,
            check: Check::new(&*self.phrase, reader)?,
        };
        scorer.settle();
        Ok(Box::new(scorer))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "document #{doc} does not match the phrase"
            )));
        }
        let mut explanation = Explanation::new("phrase, scored by its word pairs", scorer.score());
        explanation.add_detail(self.candidates.explain(reader, doc)?);
        Ok(explanation)
    }

    /// The top hits: the pairs' conjunction, pruned as Tantivy prunes it, offers candidates
    /// above the threshold; only those are checked for the phrase.
    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        let mut check = Check::new(&*self.phrase, reader)?;
        let mut threshold = threshold;
        self.candidates
            .for_each_pruning(threshold, reader, &mut |doc, score| {
                if check.matches(doc) {
                    threshold = callback(doc, score);
                }
                threshold
            })
    }
}

/// Tells whether the phrase is in given clauses, asked in increasing order, reading positions
/// only in those.
struct Check {
    phrase: Box<dyn Scorer>,
    /// The last clause asked about, and the answer.
    last: Option<(DocId, bool)>,
    /// No clause before this one holds the phrase.
    lower_bound: DocId,
}

impl Check {
    fn new(phrase: &dyn Weight, reader: &SegmentReader) -> tantivy::Result<Check> {
        let (first, scorer) = phrase.scorer_danger(reader, 0, 1.0)?;
        let mut check = Check {
            phrase: scorer,
            last: None,
            lower_bound: 0,
        };
        check.record(0, first);
        Ok(check)
    }

    fn record(&mut self, doc: DocId, result: SeekDangerResult) -> bool {
        let found = result == SeekDangerResult::Found;
        self.last = Some((doc, found));
        if let SeekDangerResult::SeekLowerBound(bound) = result {
            self.lower_bound = bound;
        }
        found
    }

    /// Whether clause `doc` holds the phrase; `doc` is never below a clause asked before.
    fn matches(&mut self, doc: DocId) -> bool {
        match self.last {
            Some((last, found)) if last == doc => return found,
            _ => {}
        }
        if doc < self.lower_bound || doc == TERMINATED {
            return false;
        }
        let result = self.phrase.seek_danger(doc);
        self.record(doc, result)
    }
}

/// The clauses of the candidates that hold the phrase, scored as the candidates.
struct Verified {
    candidates: Box<dyn Scorer>,
    check: Check,
}

impl Verified {
    /// Moves on from the current candidate to the first that holds the phrase.
    fn settle(&mut self) -> DocId {
        loop {
            let doc = self.candidates.doc();
            if doc == TERMINATED || self.check.matches(doc) {
                return doc;
            }
            if self.check.lower_bound == TERMINATED {
                return self.candidates.seek(TERMINATED);
            }
            if self.check.lower_bound > doc + 1 {
                self.candidates.seek(self.check.lower_bound);
            } else {
                self.candidates.advance();
            }
        }
    }
}

impl DocSet for Verified {
    fn advance(&mut self) -> DocId {
        self.candidates.advance();
        self.settle()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.candidates.seek(target);
        self.settle()
    }

    fn doc(&self) -> DocId {
        self.candidates.doc()
    }

    fn size_hint(&self) -> u32 {
        self.candidates.size_hint()
    }
}

impl Scorer for Verified {
    fn score(&mut self) -> Score {
        self.candidates.score()
    }
}
