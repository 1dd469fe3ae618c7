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

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{BlockSegmentPostings, Postings, SegmentPostings};
use tantivy::query::{
    Bm25Weight, BooleanQuery, EmptyScorer, EmptyWeight, EnableScoring, Explanation, Occur,
    PhraseQuery, Query, Scorer, TermQuery, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SeekDangerResult, SegmentReader, TERMINATED, Term};

use super::blocks::{BLOCK, Bests, Blocks, FieldPostings};
use super::statistics::matches_nothing;
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

    /// The pair terms, whose scores a clause's score sums.
    pub fn pairs(&self) -> &[Term] {
        &self.pairs
    }

    /// Whether the phrase is one pair term, whose query is that term's (two words).
    pub fn is_one_pair(&self) -> bool {
        self.exact && self.pairs.len() == 1
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

/// The term whose scorer is the query's, when it is one term's (which Tantivy's unions and
/// conjunctions prune): a term query's, or the pair of a phrase of two words.
pub(super) fn one_term(query: &dyn Query) -> Option<Term> {
    if let Some(term) = query.downcast_ref::<TermQuery>() {
        return Some(term.term().clone());
    }
    let phrase = query.downcast_ref::<PairedPhrase>()?;
    phrase.is_one_pair().then(|| phrase.pairs()[0].clone())
}

impl Query for PairedPhrase {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        // A pair no clause holds (the phrase's words in the other language's analysis): the
        // phrase is nowhere, and its words' postings are not opened in every segment.
        if let EnableScoring::Enabled {
            statistics_provider,
            ..
        } = enable_scoring
            && matches_nothing(self, statistics_provider)?
        {
            return Ok(Box::new(EmptyWeight));
        }
        let candidates = self.candidates().weight(enable_scoring)?;
        if self.exact {
            return Ok(candidates);
        }
        // Each pair's BM25 weight, as its term query has it.
        let pairs = match enable_scoring {
            EnableScoring::Enabled {
                statistics_provider,
                ..
            } => Some(
                self.pairs
                    .iter()
                    .map(|pair| {
                        let weight =
                            Bm25Weight::for_terms(statistics_provider, std::slice::from_ref(pair))?;
                        Ok((pair.clone(), weight))
                    })
                    .collect::<tantivy::Result<Vec<_>>>()?,
            ),
            EnableScoring::Disabled { .. } => None,
        };
        // The phrase only says yes or no: its own score is not used.
        let phrase = self
            .phrase
            .weight(EnableScoring::disabled_from_schema(enable_scoring.schema()))?;
        Ok(Box::new(PairedPhraseWeight {
            candidates,
            pairs,
            phrase,
        }))
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
    /// Each pair and its BM25 weight, for [`Pairs::top`] (`None` when not scoring).
    pairs: Option<Vec<(Term, Bm25Weight)>>,
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
        let mut explanation =
            super::explanation_at(self, reader, doc, "phrase, scored by its word pairs")?;
        explanation.add_detail(self.candidates.explain(reader, doc)?);
        Ok(explanation)
    }

    /// The top hits: the pairs' conjunction, pruned, offers candidates above the threshold;
    /// only those are checked for the phrase ([`Pairs::top`]).
    /// Each segment starts from the threshold the segments before it reached
    /// ([`super::top::TopScored`]), so few clauses have their positions read.
    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        let mut check = Lazy {
            phrase: &*self.phrase,
            reader,
            check: None,
            failed: None,
        };
        let Some(pairs) = &self.pairs else {
            let mut threshold = threshold;
            self.candidates
                .for_each_pruning(threshold, reader, &mut |doc, score| {
                    if check.matches(doc) {
                        threshold = callback(doc, score);
                    }
                    threshold
                })?;
            return check.failed.map_or(Ok(()), Err);
        };
        let field = pairs[0].0.field();
        let index = reader.inverted_index(field)?;
        let mut lists = Vec::with_capacity(pairs.len());
        for (term, weight) in pairs {
            let Some(info) = index.get_term_info(term)? else {
                // A pair absent from the segment: no clause of it holds the phrase.
                return Ok(());
            };
            lists.push((info, weight));
        }
        // The rarest pair leads (ties in the order of the phrase), as Tantivy orders a
        // conjunction, so that scores are summed in the same order.
        lists.sort_by_key(|(info, _)| info.doc_freq);
        let fieldnorms = reader.get_fieldnorms_reader(field)?;
        let file = FieldPostings::open(reader, field)?;
        let (leader_info, leader_weight) = &lists[0];
        let leader = Leader {
            postings: index
                .read_block_postings_from_terminfo(leader_info, IndexRecordOption::WithFreqs)?,
            blocks: file.blocks(leader_info, leader_weight)?,
            last_block: !leader_info.doc_freq.is_multiple_of(BLOCK),
            weight: leader_weight,
        };
        let mut others = Vec::with_capacity(lists.len() - 1);
        for (info, weight) in &lists[1..] {
            others.push(Other {
                postings: index.read_postings_from_terminfo(info, IndexRecordOption::WithFreqs)?,
                weight,
                bests: file.bests(reader, field, info, weight, &fieldnorms)?,
            });
        }
        let pairs = Pairs {
            fieldnorms,
            leader,
            others,
        };
        pairs.top(threshold, &mut check, callback);
        check.failed.map_or(Ok(()), Err)
    }
}

/// The rarest pair of a phrase in one segment.
struct Leader<'a> {
    postings: BlockSegmentPostings,
    /// The best score of each of its full blocks.
    blocks: Blocks,
    /// Whether a last block, not full, follows them.
    last_block: bool,
    weight: &'a Bm25Weight,
}

/// One of the other pairs of a phrase in one segment.
struct Other<'a> {
    postings: SegmentPostings,
    weight: &'a Bm25Weight,
    bests: Bests,
}

/// The postings of a phrase's pairs in one segment: the rarest leads.
struct Pairs<'a> {
    fieldnorms: FieldNormReader,
    leader: Leader<'a>,
    others: Vec<Other<'a>>,
}

impl Pairs<'_> {
    /// The clauses holding every pair and the phrase whose score (the sum of the pairs' BM25
    /// scores, the rarest pair's first, as Tantivy sums a conjunction) beats the threshold,
    /// given to `callback`, which returns the new threshold.
    ///
    /// Tantivy's block-max conjunction moves through windows that end with the first block
    /// end of any of its terms: a pair as frequent as `unit nation` has blocks of a few hundred
    /// clauses, so a phrase with it crossed the index in thousands of tiny windows. Here the
    /// rarest pair leads by whole blocks: a block is skipped, not even decoded, when its best
    /// score plus the best the other pairs give in the segment cannot beat the threshold. In
    /// the others, a clause is passed over when its own score plus the best of the others'
    /// blocks that hold it cannot, and left as soon as the pairs found so far and the best of
    /// those not yet sought cannot ([`Blocks`]: read without decoding the blocks); the
    /// positions are read last.
    fn top(
        mut self,
        mut threshold: Score,
        check: &mut Lazy,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) {
        let others_most: Score = self.others.iter().map(|o| o.bests.most()).sum();
        let leader = &mut self.leader;
        let full = leader.blocks.len();
        let mut leader_most = leader.blocks.best().unwrap_or(0.0);
        if leader.last_block {
            // Its best is known only once decoded.
            leader_most = leader_most.max(leader.weight.max_score());
        }
        let blocks = full + usize::from(leader.last_block);
        // What the others' blocks holding the clause give at most, each, then summed from
        // each to the last.
        let mut at = vec![0.0 as Score; self.others.len()];
        let mut after = vec![0.0 as Score; self.others.len()];
        for i in 0..blocks {
            if leader_most + others_most <= threshold {
                break;
            }
            let (best, start) = if i < full {
                let start = if i == 0 {
                    0
                } else {
                    leader.blocks.block(i - 1).1 + 1
                };
                (leader.blocks.block(i).0, start)
            } else {
                (leader.weight.max_score(), leader.blocks.after_full())
            };
            if best + others_most <= threshold {
                continue;
            }
            let first = leader.postings.seek(start);
            for j in first..leader.postings.block_len() {
                let doc = leader.postings.doc(j);
                if doc == TERMINATED {
                    break;
                }
                let norm = self.fieldnorms.fieldnorm_id(doc);
                let own = leader.weight.score(norm, leader.postings.freq(j));
                if own + others_most <= threshold {
                    continue;
                }
                let mut bound = own;
                for (other, at) in self.others.iter_mut().zip(at.iter_mut()) {
                    *at = other.bests.at(doc);
                    bound += *at;
                }
                if bound <= threshold {
                    continue;
                }
                let mut rest = 0.0;
                for k in (0..at.len()).rev() {
                    after[k] = rest;
                    rest += at[k];
                }
                let mut total = own;
                let mut everywhere = true;
                for (other, after) in self.others.iter_mut().zip(&after) {
                    let postings = &mut other.postings;
                    if postings.doc() > doc || postings.seek(doc) != doc {
                        everywhere = false;
                        break;
                    }
                    total += other.weight.score(norm, postings.term_freq());
                    if total + after <= threshold {
                        everywhere = false;
                        break;
                    }
                }
                if everywhere && total > threshold && check.matches(doc) {
                    threshold = callback(doc, total);
                }
            }
        }
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

/// A [`Check`] opened at the first clause asked about: in a segment where no candidate beats
/// the threshold (most of them, once the best clauses are found), the phrase's words are not
/// looked up nor their positions opened.
struct Lazy<'a> {
    phrase: &'a dyn Weight,
    reader: &'a SegmentReader,
    check: Option<Check>,
    /// Why the check could not be opened: the search's error, once it returns.
    failed: Option<tantivy::TantivyError>,
}

impl Lazy<'_> {
    /// Whether clause `doc` holds the phrase (`false` once the check failed to open).
    fn matches(&mut self, doc: DocId) -> bool {
        if self.check.is_none() && self.failed.is_none() {
            match Check::new(self.phrase, self.reader) {
                Ok(check) => self.check = Some(check),
                Err(error) => self.failed = Some(error),
            }
        }
        self.check.as_mut().is_some_and(|check| check.matches(doc))
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

#[cfg(test)]
mod tests {
    use tantivy::collector::TopDocs;
    use tantivy::{DocAddress, Index, IndexWriter, TantivyDocument};

    use super::*;
    use crate::index::{Fields, schema};
    use crate::model::Language;

    /// Clauses over a few words, in several segments, many of one length (tied scores), some
    /// holding `Charter of the United Nations` or its words in other places.
    fn index() -> (Index, Fields) {
        let index = Index::create_in_ram(schema());
        analyzer::register(&index);
        let fields = Fields::of(&index.schema()).unwrap();
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        let words = [
            "charter", "of", "the", "united", "nations", "states", "peace", "human", "rights",
            "council", "its",
        ];
        let mut next = super::super::draws(11);
        for _segment in 0..4 {
            for _ in 0..700 {
                let len = if next(2) == 0 { 8 } else { 3 + next(20) };
                let mut clause: Vec<&str> = (0..len).map(|_| words[next(words.len())]).collect();
                if next(3) == 0 {
                    let at = next(clause.len());
                    clause.splice(at..at, ["charter", "of", "the", "united", "nations"]);
                }
                let text = clause.join(" ");
                let mut doc = TantivyDocument::default();
                doc.add_text(fields.text_en, &text);
                doc.add_text(fields.pairs_en, &text);
                writer.add_document(doc).unwrap();
            }
            writer.commit().unwrap();
        }
        (index, fields)
    }

    fn phrase(fields: &Fields, text: &str) -> PairedPhrase {
        let mut analyzer = analyzer::query_analyzer(Language::En);
        let mut stream = analyzer.token_stream(text);
        let mut terms = Vec::new();
        while let Some(token) = stream.next() {
            terms.push((
                token.position,
                Term::from_field_text(fields.text_en, &token.text),
            ));
        }
        PairedPhrase::new(terms, fields.pairs_en).unwrap()
    }

    #[test]
    fn a_phrase_one_of_whose_pairs_no_clause_holds_is_searched_in_no_segment() {
        use tantivy::query::Bm25StatisticsProvider;

        /// The index's statistics, but for one pair that they say no clause holds.
        struct Without<'a>(&'a tantivy::Searcher, Term);
        impl Bm25StatisticsProvider for Without<'_> {
            fn total_num_tokens(&self, field: tantivy::schema::Field) -> tantivy::Result<u64> {
                self.0.total_num_tokens(field)
            }
            fn total_num_docs(&self) -> tantivy::Result<u64> {
                self.0.total_num_docs()
            }
            fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
                match *term == self.1 {
                    true => Ok(0),
                    false => self.0.doc_freq(term),
                }
            }
        }
        let (index, fields) = index();
        let searcher = index.reader().unwrap().searcher();
        let phrase = phrase(&fields, "charter of the united nations");
        let hits = |statistics: &dyn Bm25StatisticsProvider| {
            let scoring = EnableScoring::enabled_from_statistics_provider(statistics, &searcher);
            let weight = phrase.weight(scoring).unwrap();
            let mut hits = 0;
            for reader in searcher.segment_readers() {
                weight
                    .for_each_pruning(Score::MIN, reader, &mut |_, _| {
                        hits += 1;
                        Score::MIN
                    })
                    .unwrap();
            }
            hits
        };
        assert!(hits(&searcher) > 100);
        // Its words' postings are not read: not even the clauses that do hold the phrase.
        assert_eq!(hits(&Without(&searcher, phrase.pairs()[1].clone())), 0);
    }

    #[test]
    fn a_phrase_is_checked_in_a_segment_only_once_a_candidate_is_asked_about() {
        /// A phrase whose positions cannot be opened: to tell whether they were.
        struct Unopenable;
        impl Weight for Unopenable {
            fn scorer(&self, _: &SegmentReader, _: Score) -> tantivy::Result<Box<dyn Scorer>> {
                Err(tantivy::TantivyError::InternalError("opened".into()))
            }
            fn explain(&self, _: &SegmentReader, _: DocId) -> tantivy::Result<Explanation> {
                Err(tantivy::TantivyError::InternalError("explained".into()))
            }
        }
        let (index, fields) = index();
        let searcher = index.reader().unwrap().searcher();
        let phrase = phrase(&fields, "charter of the united nations");
        let scoring = EnableScoring::enabled_from_searcher(&searcher);
        let pairs = phrase
            .pairs()
            .iter()
            .map(|t| {
                let weight = Bm25Weight::for_terms(&searcher, std::slice::from_ref(t)).unwrap();
                (t.clone(), weight)
            })
            .collect();
        let weight = PairedPhraseWeight {
            candidates: phrase.candidates().weight(scoring).unwrap(),
            pairs: Some(pairs),
            phrase: Box::new(Unopenable),
        };
        // A bar no clause beats: no candidate is asked about, no position is opened.
        for reader in searcher.segment_readers() {
            weight
                .for_each_pruning(Score::MAX, reader, &mut |_, _| Score::MAX)
                .unwrap();
        }
        // A bar every candidate beats: the check is opened, and its failure is the search's.
        let reader = searcher.segment_reader(0);
        let opened = weight.for_each_pruning(Score::MIN, reader, &mut |_, _| Score::MIN);
        assert!(opened.is_err());
    }

    #[test]
    fn the_pruned_top_hits_of_a_phrase_are_those_of_scoring_every_match() {
        let (index, fields) = index();
        let searcher = index.reader().unwrap().searcher();
        assert!(searcher.segment_readers().len() >= 4);
        for text in [
            "Charter of the United Nations",
            "the United Nations Charter",
            "States of the Council",
            "human rights council",
            "peace of the charter",
            // Three pairs and four: the pairs not yet sought bound a clause's score.
            "Charter of the United Nations States",
            "united nations human rights council",
        ] {
            let query = phrase(&fields, text);
            // Every match scored, best first, ties in index order.
            let weight = query
                .weight(EnableScoring::enabled_from_searcher(&searcher))
                .unwrap();
            let mut every: Vec<(Score, DocAddress)> = Vec::new();
            for (ord, reader) in searcher.segment_readers().iter().enumerate() {
                let mut scorer = weight.scorer(reader, 1.0).unwrap();
                while scorer.doc() != TERMINATED {
                    every.push((scorer.score(), DocAddress::new(ord as u32, scorer.doc())));
                    scorer.advance();
                }
            }
            assert!(!every.is_empty(), "{text}: no match");
            every.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            for limit in [1, 3, 10, 40] {
                let top = searcher
                    .search(&query, &TopDocs::with_limit(limit).order_by_score())
                    .unwrap();
                let expected = &every[..limit.min(every.len())];
                // The same clauses; scores to the last bit but for four pairs or more, which
                // Tantivy's conjunction scorer sums in another order than its pruned search.
                assert_eq!(top.len(), expected.len(), "{text}, top {limit}");
                for (got, want) in top.iter().zip(expected) {
                    assert_eq!(got.1, want.1, "{text}, top {limit}");
                    assert!(
                        (got.0 - want.0).abs() <= want.0 * 1e-6,
                        "{text}: {got:?} {want:?}"
                    );
                }
            }
        }
    }
}
