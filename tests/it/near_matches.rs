//! Ranking beyond strict AND: when few clauses have every word, the list goes on with the
//! clauses that have most of them.

use ressearch::index;
use ressearch::search::{Filters, Search};

use crate::common;

#[test]
fn clauses_with_most_words_follow_those_with_all_of_them() {
    let corpus = common::one_clause_corpus(&[
        (1, "Decides to protect aquifers, glaciers and wetlands"),
        (2, "Decides to protect aquifers and glaciers"),
        (3, "Decides to protect aquifers"),
        (4, "Decides to study glaciers and wetlands in every region"),
    ]);
    let dir = tempfile::tempdir().unwrap();
    index::build(&[corpus.path().to_path_buf()], dir.path(), true).unwrap();
    let (idx, fields) = index::open(dir.path()).unwrap();
    let search = Search::new(
        &idx,
        fields,
        "aquifers glaciers wetlands",
        &Filters::default(),
    )
    .unwrap();
    let results = search.run(10).unwrap();
    let symbols: Vec<&str> = results.hits.iter().map(|h| h.symbol.as_str()).collect();
    // Only the first has every word; two of three words earn a place after it, one does not.
    assert_eq!(results.total, 1);
    assert_eq!(symbols[0], "A/RES/78/1");
    let mut rest = symbols[1..].to_vec();
    rest.sort();
    assert_eq!(rest, ["A/RES/78/2", "A/RES/78/4"]);
    assert!(!results.hits[0].near && results.hits[1..].iter().all(|h| h.near));
    // Asked for no more than the clauses with every word, the list holds only them.
    let one = search.run(1).unwrap();
    assert_eq!(one.hits.len(), 1);
    // An exclusion still excludes from the near matches.
    let excluded = Search::new(
        &idx,
        fields,
        "aquifers glaciers wetlands -region",
        &Filters::default(),
    )
    .unwrap()
    .run(10)
    .unwrap();
    assert!(excluded.hits.iter().all(|h| h.symbol != "A/RES/78/4"));
}
