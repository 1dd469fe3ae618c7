//! Dates (`adopted:`, `--adopted`, `--sort`), `--lang any`, and the forms of a word: compounds
//! with or without hyphens, exact forms (`=word`) and prefixes (`word*`).

use std::path::Path;
use std::sync::OnceLock;

use crate::common::{self, ressearch};

/// An index of five one-clause resolutions adopted on days around month and year ends.
fn dated_index() -> &'static Path {
    static INDEX: OnceLock<(tempfile::TempDir, tempfile::TempDir)> = OnceLock::new();
    let (_, dir) = INDEX.get_or_init(|| {
        let corpus = tempfile::tempdir().unwrap();
        for (date, n) in [
            ("29 February 2024", 101),
            ("1 March 2024", 102),
            ("30 June 2024", 103),
            ("1 July 2024", 104),
            ("31 December 2019", 105),
        ] {
            std::fs::write(
                corpus.path().join(format!("A_RES_78_{n}.txt")),
                format!(
                    "Resolution adopted by the General Assembly on {date}\n\n78/{n}. Test\n\nThe General Assembly,\n\n1. Decides to promote the cease-fire and aquifer protection;\n"
                ),
            )
            .unwrap();
        }
        let dir = common::index_of(corpus.path());
        (corpus, dir)
    });
    dir.path()
}

/// The symbols a query lists, in order.
fn symbols(args: &[&str]) -> Vec<String> {
    common::query_json(dated_index(), &[args, &["-n", "100"]].concat())
        .iter()
        .map(|hit| hit["symbol"].as_str().unwrap().to_string())
        .collect()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn date_filters_are_exact_at_their_boundaries() {
    let res = |ns: &[u32]| -> Vec<String> { ns.iter().map(|n| format!("A/RES/78/{n}")).collect() };
    assert_eq!(
        sorted(symbols(&["aquifer adopted:2024-03-01..2024-06-30"])),
        res(&[102, 103])
    );
    assert_eq!(
        sorted(symbols(&["aquifer", "--adopted", "2024-03-01..2024-06-30"])),
        res(&[102, 103])
    );
    assert_eq!(
        sorted(symbols(&["aquifer adopted:2024"])),
        res(&[101, 102, 103, 104])
    );
    assert_eq!(sorted(symbols(&["aquifer adopted:2024-02"])), res(&[101]));
    assert_eq!(
        sorted(symbols(&["aquifer adopted:2019..2023"])),
        res(&[105])
    );
    assert_eq!(
        sorted(symbols(&["aquifer adopted:2020..2024"])),
        res(&[101, 102, 103, 104])
    );
    assert_eq!(
        sorted(symbols(&["aquifer adopted:..2024-02-29"])),
        res(&[101, 105])
    );
    assert_eq!(sorted(symbols(&["aquifer adopted:2024-07.."])), res(&[104]));
    assert!(symbols(&["aquifer adopted:2021"]).is_empty());
}

#[test]
fn hits_sort_by_date_either_way() {
    let oldest = symbols(&["aquifer", "--sort", "date"]);
    let newest = symbols(&["aquifer", "--sort", "-date"]);
    assert_eq!(oldest.first().map(String::as_str), Some("A/RES/78/105"));
    assert_eq!(oldest.last().map(String::as_str), Some("A/RES/78/104"));
    let mut reversed = oldest.clone();
    reversed.reverse();
    assert_eq!(newest, reversed);
}

#[test]
fn bad_dates_are_refused_with_the_forms_that_work() {
    // In a query, a bad date makes the query plain words, with a note naming it; as a flag,
    // it is an error.
    for bad in [
        "adopted:2024-02-30",
        "adopted:24",
        "adopted:2024..2020",
        "adopted:soon",
    ] {
        ressearch()
            .args(["query", "--index"])
            .arg(dated_index())
            .arg(format!("aquifer {bad}"))
            .assert()
            .stderr(predicates::str::contains(format!(
                "{bad} is not a date or span of dates"
            )));
        ressearch()
            .args(["query", "--index"])
            .arg(dated_index())
            .args(["aquifer", "--adopted", bad.trim_start_matches("adopted:")])
            .assert()
            .code(2)
            .stderr(predicates::str::contains("--adopted"));
    }
    ressearch()
        .args(["query", "--index"])
        .arg(dated_index())
        .args(["aquifer", "--sort", "size"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("-date"));
}

#[test]
fn a_compound_is_found_with_or_without_its_hyphen() {
    assert_eq!(symbols(&["ceasefire"]).len(), 5);
    assert_eq!(
        sorted(symbols(&["ceasefire"])),
        sorted(symbols(&["cease-fire"]))
    );
    let Some(shared) = common::shared_index() else {
        return;
    };
    let clauses = |query: &str| {
        let mut found: Vec<String> = common::query_json(shared, &[query, "-n", "100000"])
            .iter()
            .map(|hit| {
                // The clause, not the subparagraph its snippet comes from.
                let label = hit["label"].as_str().unwrap();
                let clause = label.split('(').next().unwrap();
                format!("{} {clause} {}", hit["symbol"], hit["language"])
            })
            .collect();
        found.sort();
        found
    };
    for (one, other) in [
        ("ceasefire", "cease-fire"),
        ("peacekeeping", "peace-keeping"),
    ] {
        let a = clauses(one);
        assert!(a.len() > 100, "{one}: {}", a.len());
        assert_eq!(a, clauses(other), "{one} / {other}");
    }
    // The exact form does not reach other words of the same stem; a prefix reaches them all.
    let exact = clauses("=terrorism");
    let stemmed = clauses("terrorism");
    assert!(!exact.is_empty() && exact.len() < stemmed.len());
    let prefix = clauses("terror*");
    assert!(stemmed.iter().all(|c| prefix.contains(c)));
    // A stop word has no exact form, as it is no term: `=the` asks nothing more of a clause
    // (when it asked for `the`, 24 of the 392 English clauses of `terrorism` were left out).
    assert_eq!(clauses("=the terrorism"), stemmed);
}

#[test]
fn two_words_find_their_compound_written_in_one_piece() {
    let Some(shared) = common::shared_index() else {
        return;
    };
    // Every clause matching in full (the list stops at the count: no near matches).
    let matching = |query: &str| -> Vec<String> {
        let n = common::count(
            ressearch()
                .args(["query", "-c", "--lang", "en", "--index"])
                .arg(shared)
                .arg(query),
        );
        let mut found: Vec<String> =
            common::query_json(shared, &[query, "--lang", "en", "-n", &n.to_string()])
                .iter()
                .map(|hit| format!("{} {}", hit["symbol"], hit["label"]))
                .collect();
        found.sort();
        found
    };
    for (apart, compound) in [
        ("cease fire", "ceasefire"),
        ("peace keeping", "peacekeeping"),
    ] {
        let (apart_found, compound_found) = (matching(apart), matching(compound));
        let missed: Vec<&String> = compound_found
            .iter()
            .filter(|c| apart_found.binary_search(c).is_err())
            .collect();
        assert!(
            compound_found.len() > 100,
            "{compound}: {}",
            compound_found.len()
        );
        assert!(missed.is_empty(), "{apart} misses {missed:?}");
    }
    // Two words that are no compound are searched as two words only.
    let apart = matching("security council");
    assert_eq!(apart, matching("security AND council"));
}

#[test]
fn lang_any_searches_french_words_in_both_languages() {
    let Some(shared) = common::shared_index() else {
        return;
    };
    let count = |args: &[&str]| -> usize {
        common::count(
            ressearch()
                .args(["query", "-c", "--index"])
                .arg(shared)
                .args(args),
        )
    };
    // "coopération" is French by its accent: alone it searches French clauses only; folded and
    // stemmed, it is also an English word.
    let french = count(&["coopération"]);
    let any = count(&["coopération", "--lang", "any"]);
    assert!(any > french, "{any} vs {french}");
}

#[test]
fn a_prefix_that_is_a_stop_word_finds_the_words_it_begins_and_an_exact_stop_word_nothing() {
    let founding = common::founding_index();
    let labels = |query: &str| -> Vec<String> {
        let mut found: Vec<String> = common::query_json(founding, &[query, "-n", "1000"])
            .iter()
            .map(|hit| hit["label"].as_str().unwrap().to_string())
            .collect();
        found.sort();
        found
    };
    // `de` is a French stop word, but `de*` begins `développement`, `Déclaration`…: the same
    // clauses as `dé*` (folded alike), those of `=développement` and more.
    let prefix = labels("de*");
    let developpement = labels("=développement");
    assert!(!developpement.is_empty(), "{developpement:?}");
    assert!(
        developpement.iter().all(|c| prefix.contains(c)),
        "{prefix:?}"
    );
    assert!(prefix.len() > developpement.len(), "{prefix:?}");
    assert_eq!(prefix, labels("dé*"));
    // As an exact form, a stop word is no term of the text: refused as the plain word is.
    for query in ["=de", "de"] {
        ressearch()
            .args(["query", query, "--lang", "fr", "--index"])
            .arg(founding)
            .assert()
            .code(2)
            .stderr(predicates::str::contains("only common words"));
    }
}
