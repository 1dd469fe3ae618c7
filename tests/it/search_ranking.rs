//! The fast query plan ranks exactly as the plain one would.
//!
//! A query with no language of its own runs once per language field and the two top lists are
//! merged (see `Search`), each scored with its language's statistics. That is only sound because
//! a clause has text in one field alone; this test pins it on real clauses: the hits and the
//! match count are those of one Tantivy query over both fields.

use std::sync::OnceLock;

use ressearch::index;
use ressearch::model::ClauseType;
use ressearch::search::{Filters, Hit, Search};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::QueryParser;

use crate::common;

/// The index of the whole shared corpus (French and English clauses), opened once.
fn mixed_index() -> Option<&'static (tantivy::Index, index::Fields)> {
    static INDEX: OnceLock<Option<(tantivy::Index, index::Fields)>> = OnceLock::new();
    INDEX
        .get_or_init(|| Some(index::open(common::shared_index()?).unwrap()))
        .as_ref()
}

#[test]
fn a_query_in_both_languages_ranks_as_one_query_over_both_fields() {
    let Some((idx, fields)) = mixed_index() else {
        return;
    };
    let searcher = idx.reader().unwrap().searcher();
    let mut parser = QueryParser::for_index(idx, vec![fields.text_fr, fields.text_en]);
    parser.set_conjunction_by_default();
    // Bare words carry no language, so each runs against both fields.
    for text in [
        "diplomacy",
        "preventive diplomacy",
        "diplomatie preventive",
        "Centre regional",
        "development goals",
        "quarantine OR embargo",
        "\"rule of law\"",
        "cooperation -regional",
        "Nations",
        // Filters in groups and alternatives: the combined plan, or the split one, still ranks
        // as the one query.
        "(development type:preambular)",
        "diplomacy OR type:operative",
        "(Achgabat OR cites:A/RES/72/7) -type:operative",
    ] {
        let search = Search::new(idx, *fields, text, &Filters::default()).unwrap();
        // Clauses with every word come first; near matches may follow them (see
        // `near_matches`).
        let mut fast = search.top(10).unwrap();
        let plain_query = parser.parse_query(text).unwrap();
        let plain_count = searcher.search(&plain_query, &Count).unwrap();
        assert!(
            plain_count > 0,
            "{text:?} matches nothing in the test index"
        );
        let plain: std::collections::HashSet<tantivy::DocAddress> = searcher
            .search(
                &plain_query,
                &TopDocs::with_limit(plain_count).order_by_score(),
            )
            .unwrap()
            .into_iter()
            .map(|h| h.1)
            .collect();
        assert!(fast.len() >= plain_count.min(10), "{text:?}");
        fast.truncate(plain_count.min(10));
        assert!(
            fast.iter().all(|h| plain.contains(&h.1)),
            "{text:?}: a hit the plain query does not match"
        );
        assert!(
            fast.windows(2).all(|w| w[0].0 >= w[1].0),
            "{text:?}: not best first"
        );
        assert_eq!(search.count().unwrap(), plain_count, "{text:?}");
    }
}

#[test]
fn a_filter_keeps_only_matching_clauses_and_their_relative_scores() {
    let Some((idx, fields)) = mixed_index() else {
        return;
    };
    let everything = Search::new(idx, *fields, "cooperation", &Filters::default())
        .unwrap()
        .run(100_000)
        .unwrap();
    let operative = Search::new(
        idx,
        *fields,
        "cooperation type:operative",
        &Filters::default(),
    )
    .unwrap()
    .run(100_000)
    .unwrap();
    assert!(operative.total > 0 && operative.total < everything.total);
    assert_eq!(operative.hits.len(), operative.total);
    assert!(
        operative
            .hits
            .iter()
            .all(|h| h.kind == ClauseType::Operative)
    );
    let expected = everything
        .hits
        .iter()
        .filter(|h| h.kind == ClauseType::Operative)
        .count();
    assert_eq!(operative.total, expected);
    // The filter adds the same amount to every score, so the order among them is kept.
    // A clause is its symbol, label and language: a resolution may be indexed in both.
    let score_of = |hit: &Hit| {
        everything
            .hits
            .iter()
            .find(|h| h.symbol == hit.symbol && h.label == hit.label && h.language == hit.language)
            .map(|h| h.score)
            .unwrap_or_else(|| panic!("{} {} missing without the filter", hit.symbol, hit.label))
    };
    // Each language is scored with its own statistics: the shift is the same within one.
    let shifts: Vec<f32> = operative
        .hits
        .iter()
        .map(|h| h.score - score_of(h))
        .collect();
    let first_shift = |lang| {
        operative
            .hits
            .iter()
            .zip(&shifts)
            .find(|(h, _)| h.language == lang)
            .map(|(_, s)| *s)
            .unwrap_or(0.0)
    };
    let uneven: Vec<String> = operative
        .hits
        .iter()
        .zip(&shifts)
        .filter(|(h, s)| (*s - first_shift(h.language)).abs() >= 1e-3)
        .map(|(h, s)| format!("{} {} {s}", h.symbol, h.label))
        .collect();
    assert!(uneven.is_empty(), "uneven shifts: {uneven:?}");
}
