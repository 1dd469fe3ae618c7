//! The scorer of a union that moves each member on its own: sought at a conjunction's
//! candidates, and scoring the clauses the pruned searches of [`super`] offer.

use tantivy::query::{Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED};

/// The clauses of any of several scorers, scored by the sum of the weighted scores of those
/// that match, each member moved and sought on its own.
///
/// A union inside a conjunction is sought at each of the conjunction's candidates. Tantivy's
/// union buffers the next 4,096 clauses of every member at each seek past its window (clearing
/// 4,096 scores first): `peacekeeping operations mandate` spent most of its time there.
pub(super) struct Members {
    scorers: Vec<Box<dyn Scorer>>,
    /// Each member's clause (its `doc()`, kept here so that moving the union reads no member
    /// that does not move).
    docs: Vec<DocId>,
    doc: DocId,
}

impl Members {
    /// The scorer of the union of the members weighted by `weights` in the segment.
    pub(super) fn of(
        weights: &[Box<dyn Weight>],
        reader: &SegmentReader,
        boost: Score,
    ) -> tantivy::Result<Box<dyn Scorer>> {
        let mut scorers = Vec::with_capacity(weights.len());
        let mut docs = Vec::with_capacity(weights.len());
        for weight in weights {
            let scorer = weight.scorer(reader, boost)?;
            let doc = scorer.doc();
            if doc != TERMINATED {
                scorers.push(scorer);
                docs.push(doc);
            }
        }
        let doc = docs.iter().copied().min().unwrap_or(TERMINATED);
        Ok(Box::new(Members { scorers, docs, doc }))
    }
}

impl DocSet for Members {
    fn advance(&mut self) -> DocId {
        let doc = self.doc;
        if doc == TERMINATED {
            return TERMINATED;
        }
        let mut lowest = TERMINATED;
        for (scorer, at) in self.scorers.iter_mut().zip(&mut self.docs) {
            if *at == doc {
                *at = scorer.advance();
            }
            lowest = lowest.min(*at);
        }
        self.doc = lowest;
        lowest
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        let mut lowest = TERMINATED;
        for (scorer, at) in self.scorers.iter_mut().zip(&mut self.docs) {
            if *at < target {
                *at = scorer.seek(target);
            }
            lowest = lowest.min(*at);
        }
        self.doc = lowest;
        lowest
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.scorers
            .iter()
            .fold(0u32, |sum, s| sum.saturating_add(s.size_hint()))
    }

    fn cost(&self) -> u64 {
        self.scorers.iter().map(|s| s.cost()).sum()
    }
}

impl Scorer for Members {
    fn score(&mut self) -> Score {
        let doc = self.doc;
        let mut score = 0.0;
        for (scorer, &at) in self.scorers.iter_mut().zip(&self.docs) {
            if at == doc {
                score += scorer.score();
            }
        }
        score
    }
}
