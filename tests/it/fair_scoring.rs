//! Each language's clauses are scored with that language's own statistics.
//!
//! A mixed index holds far more clauses of one language than of the other; measured over the
//! whole index, the few French clauses would look very long and rank last whatever their
//! wording. With each language's own average length and counts, clauses worded alike score
//! alike.

use std::path::Path;

use ressearch::index;
use ressearch::search::{Filters, Search};

use crate::common;

/// Writes `count` resolutions of one language, each with one clause that names the subject,
/// padded with a few neutral words that vary by resolution.
fn write_resolutions(dir: &Path, english: bool, first: u32, count: u32) {
    for i in 0..count {
        let number = first + i;
        let pad = i % 4;
        let text = if english {
            format!(
                "75/{number}. Test resolution\n\nThe General Assembly,\n\nRecalling its resolution on subject {number} and the work done since then,\n\n1. Decides to promote the aquifer protection programme in every region{};\n\n2. Requests a report at its next session;\n",
                " and district".repeat(pad as usize)
            )
        } else {
            format!(
                "75/{number}. Résolution test\n\nL’Assemblée générale,\n\nRappelant sa résolution sur le sujet {number} et le travail accompli depuis,\n\n1. Décide de promouvoir le programme de protection des aquifères dans chaque région{} ;\n\n2. Demande un rapport à sa prochaine session ;\n",
                " et district".repeat(pad as usize)
            )
        };
        std::fs::write(dir.join(format!("A_RES_75_{number}.txt")), text).unwrap();
    }
}

#[test]
fn french_and_english_clauses_worded_alike_interleave_in_one_list() {
    let corpus = tempfile::tempdir().unwrap();
    write_resolutions(corpus.path(), true, 100, 40);
    write_resolutions(corpus.path(), false, 300, 4);
    let dir = tempfile::tempdir().unwrap();
    index::build(&[corpus.path().to_path_buf()], dir.path(), true).unwrap();
    let (idx, fields) = index::open(dir.path()).unwrap();
    // Unaccented words say no language: the query runs over both.
    let results = Search::new(&idx, fields, "aquifer OR aquiferes", &Filters::default())
        .unwrap()
        .run(100)
        .unwrap();
    assert_eq!(results.total, 44);
    let french: Vec<usize> = results
        .hits
        .iter()
        .enumerate()
        .filter(|(_, h)| h.symbol.starts_with("A/RES/75/3"))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(french.len(), 4);
    // Each French clause ranks among the English clauses of its length: neither language is
    // pushed to the end of the list.
    assert!(french[0] < 25, "French hits at {french:?}");
    assert!(french[1] < 35, "French hits at {french:?}");
    let english_scores: Vec<f32> = results
        .hits
        .iter()
        .filter(|h| !h.symbol.starts_with("A/RES/75/3"))
        .map(|h| h.score)
        .collect();
    let (low, high) = (english_scores[39], english_scores[0]);
    for &i in &french {
        let score = results.hits[i].score;
        assert!(
            score > low * 0.8 && score < high * 1.2,
            "French score {score} far from the English range {low}..{high}"
        );
    }
}

#[test]
fn french_clauses_of_a_mixed_corpus_rank_by_merit_not_last() {
    let Some(shared) = common::shared_index() else {
        return;
    };
    let (idx, fields) = index::open(shared).unwrap();
    for query in ["COVID-19", "Afghanistan"] {
        let results = Search::new(&idx, fields, query, &Filters::default())
            .unwrap()
            .run(100_000)
            .unwrap();
        let positions: Vec<usize> = results
            .hits
            .iter()
            .enumerate()
            .filter(|(_, h)| h.language == ressearch::model::Language::Fr)
            .map(|(i, _)| i)
            .collect();
        assert!(!positions.is_empty(), "{query}: no French clause");
        // The French clauses of A/RES/75/272 name the word as often as the English clauses that
        // rank in the first part of the list.
        assert!(
            positions[0] < results.hits.len() * 3 / 4,
            "{query}: French clauses at {positions:?} of {}",
            results.hits.len()
        );
    }
}
