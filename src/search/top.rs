//! The top hits by score over every segment, and over several disjoint queries, with one
//! threshold shared by all of them.
//!
//! Tantivy's `TopDocs` starts each segment from nothing: in an index of six segments the top ten
//! are found six times over, and each time the pruning of block-max WAND (which skips blocks of
//! clauses that cannot beat the tenth best) only begins once ten clauses are held. A query in
//! both languages runs twice more. Here the ten best found so far, in any segment of any part,
//! set the bar every later segment starts from, so most of its blocks are skipped from the first.
//!
//! The result is the same as collecting each segment apart and merging: the top `limit` clauses
//! by score, ties in index order (the lower address first).

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use tantivy::query::Weight;
use tantivy::{DocAddress, DocId, Score, Searcher};

/// A scored clause, ordered from worse to better: a lower score, or the same score and a
/// later address, is worse.
#[derive(Debug, Clone, Copy)]
struct Ranked {
    score: Score,
    address: DocAddress,
}

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> Ordering {
        self.score
            .total_cmp(&other.score)
            .then_with(|| other.address.cmp(&self.address))
    }
}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Ranked {}

/// The best `limit` clauses of the weights given to [`TopScored::collect`], in turn.
pub(crate) struct TopScored {
    limit: usize,
    /// The best so far, the worst of them on top.
    held: BinaryHeap<Reverse<Ranked>>,
}

impl TopScored {
    /// An empty collection of the best `limit` clauses.
    pub(crate) fn new(limit: usize) -> TopScored {
        TopScored {
            limit,
            held: BinaryHeap::with_capacity(limit + 1),
        }
    }

    /// Collects the clauses of `weight` in every segment of `searcher`, in index order, each
    /// segment pruned from the threshold the clauses held so far set.
    pub(crate) fn collect(
        &mut self,
        weight: &dyn Weight,
        searcher: &Searcher,
    ) -> tantivy::Result<()> {
        if self.limit == 0 {
            return Ok(());
        }
        for (ord, reader) in searcher.segment_readers().iter().enumerate() {
            let segment = u32::try_from(ord).expect("fewer than 2^32 segments");
            let alive = reader.alive_bitset();
            let start = self.threshold(DocAddress::new(segment, 0));
            weight.for_each_pruning(start, reader, &mut |doc: DocId, score: Score| {
                let address = DocAddress::new(segment, doc);
                if !alive.is_some_and(|bits| bits.is_deleted(doc)) {
                    self.offer(Ranked { score, address });
                }
                // Clauses of this segment come in increasing order: the next is after `doc`.
                self.threshold(DocAddress::new(segment, doc.saturating_add(1)))
            })?;
        }
        Ok(())
    }

    /// Keeps `hit` if it is among the best `limit` so far.
    fn offer(&mut self, hit: Ranked) {
        if self.held.len() < self.limit {
            self.held.push(Reverse(hit));
        } else if let Some(mut worst) = self.held.peek_mut()
            && hit > worst.0
        {
            *worst = Reverse(hit);
        }
    }

    /// The score a clause at `next` or after must exceed to be offered: below it, it cannot
    /// enter the best `limit`. A clause scored as the worst held one still enters when it comes
    /// before it in index order (it may, when it belongs to an earlier segment of a later part).
    fn threshold(&self, next: DocAddress) -> Score {
        if self.held.len() < self.limit {
            return Score::MIN;
        }
        match self.held.peek() {
            Some(Reverse(worst)) if worst.address < next => worst.score,
            Some(Reverse(worst)) => worst.score.next_down(),
            None => Score::MIN,
        }
    }

    /// The clauses held, best first (ties in index order).
    pub(crate) fn into_sorted(self) -> Vec<(Score, DocAddress)> {
        self.held
            .into_sorted_vec()
            .into_iter()
            .map(|Reverse(hit)| (hit.score, hit.address))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(segment: u32, doc: DocId) -> DocAddress {
        DocAddress::new(segment, doc)
    }

    /// An index of three segments whose clauses tie often: words drawn from a few, in
    /// clauses of a few lengths. Words `x` and `y` are never in one clause.
    fn tied_segments() -> (tantivy::Index, tantivy::schema::Field) {
        let (index, [body, ..]) = tied_segments_with_filters();
        (index, body)
    }

    /// Every clause of the parts scored, sorted best first, ties in index order: what the top
    /// must be a prefix of.
    fn every_hit(searcher: &Searcher, weights: &[Box<dyn Weight>]) -> Vec<(Score, DocAddress)> {
        let mut all = Vec::new();
        for weight in weights {
            for (ord, reader) in searcher.segment_readers().iter().enumerate() {
                weight
                    .for_each(reader, &mut |doc, score| {
                        all.push((score, DocAddress::new(ord as u32, doc)))
                    })
                    .unwrap();
            }
        }
        all.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        all
    }

    /// The query for word `w` in `field`, reading term frequencies, as a search makes it.
    fn word_in(field: tantivy::schema::Field, w: &str) -> Box<dyn tantivy::query::Query> {
        Box::new(tantivy::query::TermQuery::new(
            tantivy::Term::from_field_text(field, w),
            tantivy::schema::IndexRecordOption::WithFreqs,
        ))
    }

    /// The conjunction of words `a` and `b` in `field`.
    fn both_in(field: tantivy::schema::Field, a: &str, b: &str) -> Box<dyn tantivy::query::Query> {
        use tantivy::query::{BooleanQuery, Occur};
        Box::new(BooleanQuery::new(vec![
            (Occur::Must, word_in(field, a)),
            (Occur::Must, word_in(field, b)),
        ]))
    }

    /// The top `limit` clauses of `weight`, as a search collects them.
    fn top_of(weight: &dyn Weight, searcher: &Searcher, limit: usize) -> Vec<(Score, DocAddress)> {
        let mut top = TopScored::new(limit);
        top.collect(weight, searcher).unwrap();
        top.into_sorted()
    }

    /// Asserts that `got` lists the clauses of `want` in its order, each with its score (to
    /// 1e-4: the pruned searches sum some scores in another order than Tantivy's scorers).
    fn assert_same_hits(got: &[(Score, DocAddress)], want: &[(Score, DocAddress)], what: &str) {
        assert_eq!(got.len(), want.len(), "{what}");
        for (got, want) in got.iter().zip(want) {
            assert_eq!(got.1, want.1, "{what}");
            assert!((got.0 - want.0).abs() < 1e-4, "{what}: {got:?} {want:?}");
        }
    }

    #[test]
    fn the_top_across_segments_and_parts_is_that_of_scoring_every_clause() {
        use tantivy::query::{BooleanQuery, EnableScoring, Occur, Query, TermQuery};
        use tantivy::schema::IndexRecordOption;
        let (index, body) = tied_segments();
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 3);
        let term = |w: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                tantivy::Term::from_field_text(body, w),
                IndexRecordOption::WithFreqs,
            ))
        };
        let of = |occur: Occur, words: &[&str]| -> Box<dyn Query> {
            Box::new(BooleanQuery::new(
                words.iter().map(|w| (occur, term(w))).collect(),
            ))
        };
        let scoring = EnableScoring::enabled_from_searcher(&searcher);
        let cases: Vec<Vec<Box<dyn Query>>> = vec![
            vec![term("peace")],
            vec![of(Occur::Should, &["peace", "aid"])],
            vec![of(Occur::Must, &["peace", "security"])],
            // Two disjoint parts, as a query in both languages.
            vec![
                of(Occur::Must, &["peace", "x"]),
                of(Occur::Must, &["peace", "y"]),
            ],
            vec![
                of(Occur::Must, &["aid", "y"]),
                of(Occur::Should, &["states", "x"]),
            ],
        ];
        for parts in cases {
            let weights: Vec<Box<dyn Weight>> =
                parts.iter().map(|q| q.weight(scoring).unwrap()).collect();
            let every = every_hit(&searcher, &weights);
            for limit in [1, 3, 10, 50] {
                let mut top = TopScored::new(limit);
                for weight in &weights {
                    top.collect(&**weight, &searcher).unwrap();
                }
                let expected: Vec<_> = every.iter().copied().take(limit).collect();
                assert_eq!(top.into_sorted(), expected, "{parts:?}, top {limit}");
            }
        }
    }

    #[test]
    fn a_union_of_terms_phrases_and_conjunctions_ranks_as_scoring_every_clause() {
        use super::super::union::Union;
        use tantivy::query::{EnableScoring, PhraseQuery, Query};
        let (index, body) = tied_segments();
        let searcher = index.reader().unwrap().searcher();
        let term = |w: &str| tantivy::Term::from_field_text(body, w);
        let word = |w: &str| word_in(body, w);
        let both = |a: &str, b: &str| both_in(body, a, b);
        let phrase = |a: &str, b: &str| -> Box<dyn Query> {
            Box::new(PhraseQuery::new(vec![term(a), term(b)]))
        };
        let scoring = EnableScoring::enabled_from_searcher(&searcher);
        let cases: Vec<Box<dyn Query>> = vec![
            // Terms and a conjunction, whose scores are bounded by its terms'.
            Box::new(Union::of(vec![word("aid"), both("peace", "x")], 1.0)),
            // Clauses of the conjunction alone (`x` is never with `y`) beat those of the term.
            Box::new(Union::of(vec![word("y"), both("aid", "x")], 1.0)),
            // Weighted names inside, spread out.
            Box::new(Union::of(
                vec![
                    word("states"),
                    Box::new(Union::of(vec![word("x"), both("aid", "y")], 0.3)),
                ],
                1.0,
            )),
            // Two words: once the threshold is above what either gives alone, their
            // conjunction.
            Box::new(Union::of(vec![word("peace"), word("states")], 1.0)),
            Box::new(Union::of(vec![word("aid"), word("y")], 1.0)),
            Box::new(Union::of(vec![word("security"), word("x")], 1.0)),
            Box::new(Union::of(vec![word("x"), word("y")], 1.0)),
            // A phrase, whose score has no bound: Tantivy's union, scored at every match.
            Box::new(Union::of(
                vec![word("security"), phrase("peace", "security")],
                1.0,
            )),
            Box::new(Union::of(
                vec![phrase("aid", "peace"), word("x"), both("states", "y")],
                0.5,
            )),
        ];
        for (n, query) in cases.iter().enumerate() {
            let weight = query.weight(scoring).unwrap();
            // Every clause through the scorer, as a union nested in another query is run.
            let every = every_hit(&searcher, std::slice::from_ref(&weight));
            assert!(every.len() > 50, "{query:?}");
            // Through all the terms, or the terms first and the other members after them (the
            // way is taken when the weight is made).
            for by_every_term in [true, false] {
                super::super::union::tests::BY_EVERY_TERM.set(Some(by_every_term));
                let weight = query.weight(scoring).unwrap();
                for limit in [1, 10, 40] {
                    let want = &every[..limit.min(every.len())];
                    let what = format!("{query:?}, top {limit}, through all terms {by_every_term}");
                    assert_same_hits(&top_of(&*weight, &searcher, limit), want, &what);
                }
            }
            super::super::union::tests::BY_EVERY_TERM.set(None);
            // The pruned unions' explanation gives the best clause its score (Tantivy's own
            // phrase explanation, in the last two, trips a debug assertion of its own).
            if n >= 7 {
                continue;
            }
            let (score, best) = every[0];
            let reader = searcher.segment_reader(best.segment_ord);
            let explained = weight.explain(reader, best.doc_id).unwrap().value();
            assert!(
                (explained - score).abs() < 1e-4,
                "{query:?}: {explained} {score}"
            );
        }
    }

    #[test]
    fn a_union_matches_and_scores_as_tantivys_own_when_sought_inside_a_conjunction() {
        use super::super::union::Union;
        use tantivy::query::{BooleanQuery, BoostQuery, EnableScoring, Occur, Query};
        let (index, body) = tied_segments();
        let searcher = index.reader().unwrap().searcher();
        let word = |w: &str| word_in(body, w);
        let both = |a: &str, b: &str| both_in(body, a, b);
        // Tantivy's union of the members, each weighted.
        let tantivys = |members: Vec<(Box<dyn Query>, f32)>| -> Box<dyn Query> {
            Box::new(BooleanQuery::new(
                members
                    .into_iter()
                    .map(|(q, w)| (Occur::Should, Box::new(BoostQuery::new(q, w)) as _))
                    .collect(),
            ))
        };
        let within = |query: Box<dyn Query>, other: &str| -> Box<dyn Query> {
            Box::new(BooleanQuery::new(vec![
                (Occur::Must, word(other)),
                (Occur::Must, query),
            ]))
        };
        let scoring = EnableScoring::enabled_from_searcher(&searcher);
        // The unions of the three kinds of weight: terms and a conjunction, two terms, terms
        // only (Tantivy's union pruned, its scorer ours).
        let cases: Vec<(Box<dyn Query>, Box<dyn Query>)> = vec![
            (
                Box::new(Union::of(
                    vec![
                        both("aid", "peace"),
                        Box::new(Union::of(vec![word("x"), word("y")], 0.3)),
                    ],
                    1.0,
                )),
                tantivys(vec![
                    (both("aid", "peace"), 1.0),
                    (word("x"), 0.3),
                    (word("y"), 0.3),
                ]),
            ),
            (
                Box::new(Union::of(vec![word("x"), word("y")], 1.0)),
                tantivys(vec![(word("x"), 1.0), (word("y"), 1.0)]),
            ),
            (
                Box::new(Union::of(vec![word("x"), word("y"), word("aid")], 0.5)),
                tantivys(vec![(word("x"), 0.5), (word("y"), 0.5), (word("aid"), 0.5)]),
            ),
        ];
        for (ours, theirs) in cases {
            // Alone (the union moved clause by clause), and inside conjunctions with a frequent
            // and a rarer word (the union sought at the other word's clauses, or leading).
            let pairs = [
                (ours.box_clone(), theirs.box_clone()),
                (
                    within(ours.box_clone(), "states"),
                    within(theirs.box_clone(), "states"),
                ),
                (
                    within(ours.box_clone(), "security"),
                    within(theirs.box_clone(), "security"),
                ),
            ];
            for (ours, theirs) in pairs {
                let got = every_hit(&searcher, &[ours.weight(scoring).unwrap()]);
                let want = every_hit(&searcher, &[theirs.weight(scoring).unwrap()]);
                assert!(want.len() > 20, "{theirs:?}");
                assert_same_hits(&got, &want, &format!("{ours:?}"));
            }
        }
    }

    #[test]
    fn a_union_within_other_words_ranks_as_tantivys_conjunction_scoring_every_clause() {
        use super::super::union::Union;
        use tantivy::query::{BooleanQuery, BoostQuery, EnableScoring, Occur, Query};
        let (index, body) = tied_segments();
        let searcher = index.reader().unwrap().searcher();
        let word = |w: &str| word_in(body, w);
        let both = |a: &str, b: &str| both_in(body, a, b);
        let scoring = EnableScoring::enabled_from_searcher(&searcher);
        // Members at weight 1 and members at a lower weight (a concept's other names), within
        // the required words.
        type Members = Vec<Box<dyn Query>>;
        let cases: Vec<(Members, Members, f32, Vec<&str>)> = vec![
            (
                vec![both("aid", "peace")],
                vec![word("x"), word("y")],
                0.3,
                vec!["states"],
            ),
            (vec![word("x"), word("y")], vec![], 1.0, vec!["security"]),
            // Members that share many clauses: each offered once.
            (
                vec![word("peace"), word("security")],
                vec![],
                1.0,
                vec!["aid"],
            ),
            // A member that another implies (`peace`), within two words.
            (
                vec![both("peace", "security")],
                vec![word("peace")],
                0.3,
                vec!["aid", "states"],
            ),
            (
                vec![word("aid")],
                vec![word("x"), both("states", "y")],
                0.5,
                vec!["peace"],
            ),
            // A name of the same terms as the words (`peacekeeping operation`), one the words
            // imply (`peacekeepers`), and one rarer than the words (searched first).
            (
                vec![both("peace", "security")],
                vec![both("security", "peace"), word("security"), word("x")],
                0.3,
                vec!["aid"],
            ),
        ];
        for (first, lower, weight, required) in cases {
            let mut ours = first.iter().map(|q| q.box_clone()).collect::<Vec<_>>();
            let mut theirs: Vec<(Occur, Box<dyn Query>)> = first
                .iter()
                .map(|q| (Occur::Should, q.box_clone()))
                .collect();
            if !lower.is_empty() {
                ours.push(Box::new(Union::of(
                    lower.iter().map(|q| q.box_clone()).collect(),
                    weight,
                )));
                theirs.extend(lower.iter().map(|q| -> (Occur, Box<dyn Query>) {
                    (
                        Occur::Should,
                        Box::new(BoostQuery::new(q.box_clone(), weight)),
                    )
                }));
            }
            let ours = Union::of(ours, 1.0).within(required.iter().map(|w| word(w)).collect());
            let mut conjunction: Vec<(Occur, Box<dyn Query>)> =
                vec![(Occur::Must, Box::new(BooleanQuery::new(theirs)))];
            conjunction.extend(required.iter().map(|w| (Occur::Must, word(w))));
            let theirs = BooleanQuery::new(conjunction);
            let want = every_hit(&searcher, &[theirs.weight(scoring).unwrap()]);
            assert!(want.len() > 20, "{theirs:?}");
            let weight = ours.weight(scoring).unwrap();
            // (All of them too: with the bar never raised, each clause offered once.) In the
            // order a segment gives its members, and fewest clauses first.
            for fewest_first in [false, true] {
                super::super::union::tests::FEWEST_FIRST.set(fewest_first);
                for limit in [1, 10, 40, want.len() + 1] {
                    let what = format!("{ours:?}, top {limit}, fewest first {fewest_first}");
                    let expected = &want[..limit.min(want.len())];
                    assert_same_hits(&top_of(&*weight, &searcher, limit), expected, &what);
                }
            }
            super::super::union::tests::FEWEST_FIRST.set(false);
            // Its scorer (counting, explaining) matches the same clauses, scored the same.
            let every = every_hit(&searcher, std::slice::from_ref(&weight));
            assert_same_hits(&every, &want, &format!("{ours:?}"));
        }
    }

    #[test]
    fn a_query_that_requires_a_term_no_clause_has_matches_nothing_and_one_that_may_not_does() {
        use super::super::filtered::{Condition, Filtered};
        use super::super::statistics::matches_nothing;
        use super::super::union::Union;
        use tantivy::query::{BooleanQuery, Occur, Query};
        let (index, [body, kind, ..]) = tied_segments_with_filters();
        let searcher = index.reader().unwrap().searcher();
        let word = |w: &str| word_in(body, w);
        let both = |a: &str, b: &str| both_in(body, a, b);
        let any =
            |queries: Vec<Box<dyn Query>>| -> Box<dyn Query> { Box::new(Union::of(queries, 1.0)) };
        let either = |a: &str, b: &str| -> Box<dyn Query> {
            Box::new(BooleanQuery::new(vec![
                (Occur::Should, word(a)),
                (Occur::Should, word(b)),
            ]))
        };
        let filtered_by = |words: Box<dyn Query>, filter: &str| -> Box<dyn Query> {
            let condition = Condition::scored(tantivy::Term::from_field_text(kind, filter));
            Box::new(Filtered::new(words, vec![condition]))
        };
        let filtered = |words: Box<dyn Query>| filtered_by(words, "operative");
        let nothing: Vec<Box<dyn Query>> = vec![
            word("absent"),
            both("aid", "absent"),
            any(vec![word("absent"), both("peace", "nowhere")]),
            either("absent", "nowhere"),
            filtered(both("absent", "x")),
            filtered_by(word("aid"), "absent"),
        ];
        for query in &nothing {
            assert!(matches_nothing(&**query, &searcher).unwrap(), "{query:?}");
            let hits = every_hit(
                &searcher,
                &[query
                    .weight(tantivy::query::EnableScoring::enabled_from_searcher(
                        &searcher,
                    ))
                    .unwrap()],
            );
            assert!(hits.is_empty(), "{query:?}");
        }
        let maybe: Vec<Box<dyn Query>> = vec![
            word("aid"),
            both("aid", "peace"),
            any(vec![word("absent"), both("peace", "x")]),
            either("absent", "aid"),
            filtered(word("aid")),
        ];
        for query in &maybe {
            assert!(!matches_nothing(&**query, &searcher).unwrap(), "{query:?}");
        }
    }

    /// [`tied_segments`]'s clauses in `body`, with filter fields of one value per clause
    /// (`kind`, `lang`, the same in every clause) and a session number, as the index has them.
    fn tied_segments_with_filters() -> (tantivy::Index, [tantivy::schema::Field; 4]) {
        use tantivy::schema::{IndexRecordOption, NumericOptions, TextFieldIndexing, TextOptions};
        let mut builder = tantivy::schema::Schema::builder();
        let body = builder.add_text_field("body", tantivy::schema::TEXT);
        // As the index's filter fields: one raw value, frequencies kept.
        let filter = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("raw")
                .set_index_option(IndexRecordOption::WithFreqs),
        );
        let kind = builder.add_text_field("kind", filter.clone());
        let session = builder.add_u64_field("session", NumericOptions::default().set_indexed());
        let lang = builder.add_text_field("lang", filter);
        let index = tantivy::Index::create_in_ram(builder.build());
        let mut writer: tantivy::IndexWriter =
            index.writer_with_num_threads(1, 15_000_000).unwrap();
        let words = ["peace", "security", "peace", "aid", "states"];
        for segment in 0..3 {
            for n in 0..400u32 {
                let mut text: Vec<&str> = (0..(n % 4 + 1))
                    .map(|i| words[((n * 7 + i * 3 + segment) % 5) as usize])
                    .collect();
                text.push(if (n + segment) % 3 == 0 { "x" } else { "y" });
                let kinds = ["operative", "preambular", "operative", "title"];
                let mut doc = tantivy::TantivyDocument::new();
                doc.add_text(body, text.join(" "));
                doc.add_text(kind, kinds[((n / 3 + segment) % 4) as usize]);
                doc.add_u64(session, u64::from(70 + (n + 2 * segment) % 4));
                doc.add_text(lang, "en");
                writer.add_document(doc).unwrap();
            }
            writer.commit().unwrap();
        }
        (index, [body, kind, session, lang])
    }

    #[test]
    fn words_with_filters_rank_as_their_conjunction_scoring_every_clause() {
        use super::super::filtered::{Condition, Filtered};
        use super::super::union::Union;
        use tantivy::query::{BooleanQuery, EnableScoring, Occur, Query};
        let (index, [body, kind, session, lang]) = tied_segments_with_filters();
        let searcher = index.reader().unwrap().searcher();
        let word = |w: &str| word_in(body, w);
        let both = |a: &str, b: &str| both_in(body, a, b);
        let of_kind = |k: &str| Condition::scored(tantivy::Term::from_field_text(kind, k));
        let of_session =
            |n: u64| Condition::constant(tantivy::Term::from_field_u64(session, n), 1.0);
        let cases: Vec<(Box<dyn Query>, Vec<Condition>)> = vec![
            // One word, one filter, and one rarer than the word (the sum in Tantivy's order).
            (word("peace"), vec![of_kind("operative")]),
            (word("states"), vec![of_kind("title"), of_session(71)]),
            // Words in a conjunction.
            (
                both("peace", "y"),
                vec![of_kind("preambular"), of_session(72)],
            ),
            // A union whose other members' clauses come in a second pass, from the start.
            (
                Box::new(Union::of(vec![word("y"), both("aid", "x")], 1.0)),
                vec![of_kind("operative")],
            ),
            // A filter no clause meets.
            (word("aid"), vec![of_kind("annex")]),
            // The language of every clause: scored, not sought.
            (
                word("security"),
                vec![
                    Condition::implied(tantivy::Term::from_field_text(lang, "en")),
                    of_kind("preambular"),
                ],
            ),
        ];
        let scoring = EnableScoring::enabled_from_searcher(&searcher);
        for (words, conditions) in cases {
            let plain = BooleanQuery::new(
                std::iter::once((Occur::Must, words.box_clone()))
                    .chain(conditions.iter().map(|c| (Occur::Must, c.query())))
                    .collect(),
            );
            let filtered = Filtered::new(words, conditions);
            let weight = filtered.weight(scoring).unwrap();
            let every = every_hit(&searcher, std::slice::from_ref(&weight));
            let expected = every_hit(&searcher, &[plain.weight(scoring).unwrap()]);
            assert_same_hits(&every, &expected, &format!("{filtered:?}"));
            for limit in [1, 10, 40] {
                let want = &expected[..limit.min(expected.len())];
                let what = format!("{filtered:?}, top {limit}");
                assert_same_hits(&top_of(&*weight, &searcher, limit), want, &what);
            }
            if let Some(&(score, best)) = expected.first() {
                let reader = searcher.segment_reader(best.segment_ord);
                let explained = weight.explain(reader, best.doc_id).unwrap().value();
                assert!((explained - score).abs() < 1e-4, "{filtered:?}");
            }
        }
    }

    #[test]
    fn a_filter_no_clause_meets_answers_nothing_before_the_words_are_looked_up() {
        use super::super::filtered::{Condition, Filtered};
        use tantivy::query::{EnableScoring, Query, Weight};

        /// Words whose lookup fails: to tell whether they were looked up.
        #[derive(Clone, Debug)]
        struct Unreadable;
        impl Query for Unreadable {
            fn weight(&self, _: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
                Err(tantivy::TantivyError::InternalError("looked up".into()))
            }
        }

        let (index, [_, kind, ..]) = tied_segments_with_filters();
        let searcher = index.reader().unwrap().searcher();
        let scoring = EnableScoring::enabled_from_searcher(&searcher);
        let of_kind = |k: &str| Condition::scored(tantivy::Term::from_field_text(kind, k));
        let none = Filtered::new(Box::new(Unreadable), vec![of_kind("annex")]);
        let weight = none.weight(scoring).unwrap();
        let mut top = TopScored::new(10);
        top.collect(&*weight, &searcher).unwrap();
        assert!(top.into_sorted().is_empty());
        // A filter that clauses meet: the words are looked up.
        let some = Filtered::new(Box::new(Unreadable), vec![of_kind("operative")]);
        assert!(some.weight(scoring).is_err());
    }

    #[test]
    fn the_best_are_kept_ties_in_index_order() {
        let mut top = TopScored::new(2);
        top.offer(Ranked {
            score: 1.0,
            address: at(1, 5),
        });
        top.offer(Ranked {
            score: 2.0,
            address: at(1, 7),
        });
        top.offer(Ranked {
            score: 1.0,
            address: at(0, 9),
        });
        top.offer(Ranked {
            score: 1.0,
            address: at(2, 0),
        });
        assert_eq!(top.into_sorted(), vec![(2.0, at(1, 7)), (1.0, at(0, 9))]);
    }

    #[test]
    fn a_tie_with_the_worst_held_passes_only_when_it_would_come_before_it() {
        let mut top = TopScored::new(1);
        assert_eq!(top.threshold(at(0, 0)), Score::MIN);
        top.offer(Ranked {
            score: 3.0,
            address: at(2, 4),
        });
        // After it in index order, a clause needs more than 3.0.
        assert_eq!(top.threshold(at(2, 5)), 3.0);
        assert_eq!(top.threshold(at(3, 0)), 3.0);
        // Before it (an earlier segment, searched for another part), 3.0 itself is enough.
        assert!(top.threshold(at(0, 0)) < 3.0);
        assert!(top.threshold(at(2, 4)) < 3.0);
    }
}
