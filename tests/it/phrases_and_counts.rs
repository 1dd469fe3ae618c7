//! Phrases are found through the index's word pairs: their hits are checked here against a
//! plain reading of positions over every clause of the shared corpus. And the count of
//! matching clauses stops at 10,000 unless asked to go on.

use std::collections::BTreeSet;

use ressearch::analyzer;
use ressearch::index;
use ressearch::model::Language;
use ressearch::search::{COUNT_BOUND, Filters, Search};
use tantivy::query::{AllQuery, PhraseQuery};
use tantivy::schema::Value;
use tantivy::{DocAddress, TantivyDocument, Term};

use crate::common::{self, ressearch};

/// Phrases of real resolutions, both languages, with stop words inside, hyphens and numbers.
const PHRASES: &[(&str, Language)] = &[
    ("Charter of the United Nations", Language::En),
    ("Universal Declaration of Human Rights", Language::En),
    ("requests the Secretary-General to submit", Language::En),
    ("requests the Secretary-General", Language::En),
    ("rule of law", Language::En),
    ("in accordance with the relevant resolutions", Language::En),
    ("the situation in the Middle East", Language::En),
    ("human rights and fundamental freedoms", Language::En),
    ("calls upon all States", Language::En),
    ("internally displaced", Language::En),
    ("COVID 19", Language::En),
    ("cease-fire agreement", Language::En),
    ("diplomatie préventive", Language::Fr),
    ("Charte des Nations Unies", Language::Fr),
    ("Centre régional des Nations Unies", Language::Fr),
    ("prie le Secrétaire général", Language::Fr),
    ("Asie centrale", Language::Fr),
];

/// Every clause's terms with their positions, as the index analyses its text.
struct Clause {
    address: DocAddress,
    language: Language,
    terms: Vec<(usize, String)>,
}

fn clauses(searcher: &tantivy::Searcher, fields: &index::Fields) -> Vec<Clause> {
    let mut out = Vec::new();
    for (segment_ord, segment) in searcher.segment_readers().iter().enumerate() {
        let store = segment.get_store_reader(16).unwrap();
        for doc_id in segment.doc_ids_alive() {
            let doc: TantivyDocument = store.get(doc_id).unwrap();
            let text = doc.get_first(fields.text).and_then(|v| v.as_str()).unwrap();
            let lang = doc.get_first(fields.lang).and_then(|v| v.as_str()).unwrap();
            let language: Language = lang.parse().unwrap();
            let mut analyzer = analyzer::analyzer(language);
            let mut stream = analyzer.token_stream(text);
            let mut terms = Vec::new();
            while let Some(token) = stream.next() {
                terms.push((token.position, token.text.clone()));
            }
            out.push(Clause {
                address: DocAddress::new(segment_ord as u32, doc_id),
                language,
                terms,
            });
        }
    }
    out
}

/// The phrase's terms (with their positions) stand at their offsets somewhere in the clause,
/// with no other term between two of them: only stop words (or nothing) in the gaps.
fn holds(clause: &Clause, phrase: &[(usize, String)]) -> bool {
    let at = |position: usize, term: &str| {
        clause
            .terms
            .iter()
            .any(|(p, t)| *p == position && t == term)
    };
    let occupied = |position: usize| clause.terms.iter().any(|(p, _)| *p == position);
    let first = phrase[0].0;
    clause.terms.iter().any(|(start, _)| {
        let Some(base) = start.checked_sub(first) else {
            return false;
        };
        phrase.iter().all(|(offset, term)| at(base + offset, term))
            && phrase
                .windows(2)
                .all(|w| (base + w[0].0 + 1..base + w[1].0).all(|p| !occupied(p)))
    })
}

#[test]
fn phrase_hits_are_the_clauses_with_the_words_at_their_places_and_only_stop_words_between() {
    let Some(dir) = common::shared_index() else {
        return;
    };
    let (idx, fields) = index::open(dir).unwrap();
    let searcher = idx.reader().unwrap().searcher();
    let all = clauses(&searcher, &fields);
    for &(phrase, language) in PHRASES {
        let filters = Filters {
            lang: Some(language),
            ..Filters::default()
        };
        let search = Search::new(&idx, fields, &format!("\"{phrase}\""), &filters).unwrap();
        let found: BTreeSet<DocAddress> = search
            .matching_with(&AllQuery)
            .unwrap()
            .into_iter()
            .collect();

        let mut query_analyzer = analyzer::query_analyzer(language);
        let mut stream = query_analyzer.token_stream(phrase);
        let mut terms = Vec::new();
        while let Some(token) = stream.next() {
            terms.push((token.position, token.text.clone()));
        }
        let expected: BTreeSet<DocAddress> = all
            .iter()
            .filter(|c| c.language == language && holds(c, &terms))
            .map(|c| c.address)
            .collect();
        assert!(!expected.is_empty(), "{phrase}: no clause holds it");
        assert_eq!(found, expected, "{phrase}");

        // A phrase query over positions alone finds these and, at most, clauses with a word
        // where the phrase has a stop word.
        let positional = PhraseQuery::new_with_offset(
            terms
                .iter()
                .map(|(p, t)| (*p, Term::from_field_text(fields.text_of(language), t)))
                .collect(),
        );
        let by_positions: BTreeSet<DocAddress> = searcher
            .search(&positional, &tantivy::collector::DocSetCollector)
            .unwrap()
            .into_iter()
            .collect();
        assert!(found.is_subset(&by_positions), "{phrase}");
        // The ranked top agrees with the set.
        let top = search.top(20).unwrap();
        assert_eq!(top.len(), found.len().min(20), "{phrase}");
        assert!(top.iter().all(|(_, a)| found.contains(a)), "{phrase}");
    }
}

/// The summary line of a query on the shared index, and the JSON summary of the same search
/// through the library (what a service answers with).
fn summaries(query: &str, extra: &[&str]) -> (String, serde_json::Value) {
    let dir = common::shared_index().expect("checked by the caller");
    let out = ressearch()
        .args(["query", query, "--index"])
        .arg(dir)
        .args(extra)
        .output()
        .unwrap();
    assert!(out.status.success(), "{query}");
    let line = String::from_utf8_lossy(&out.stderr).trim().to_string();
    let (idx, fields) = index::open(dir).unwrap();
    let mut search = Search::new(&idx, fields, query, &Filters::default()).unwrap();
    if extra.contains(&"--exact-count") {
        search = search.with_exact_count();
    }
    let json = ressearch::output::summary_json(&search.run(10).unwrap());
    (line, json)
}

#[test]
fn counts_past_ten_thousand_say_more_than_and_exact_count_counts_every_clause() {
    let Some(dir) = common::shared_index() else {
        return;
    };
    // A filter (whose count the index gives at once) and a union (counted clause by clause).
    for query in ["type:preambular", "States OR Nations"] {
        let out = ressearch()
            .args(["query", "-c", query, "--index"])
            .arg(dir)
            .output()
            .unwrap();
        let exact: usize = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
        assert!(exact > COUNT_BOUND, "{query}: {exact}");

        let (line, json) = summaries(query, &[]);
        assert!(
            line.starts_with("10 of more than 10,000 matching clauses shown"),
            "{query}: {line}"
        );
        assert_eq!(json["total"], 10_000, "{query}");
        assert_eq!(json["total_is_lower_bound"], true, "{query}");
        assert_eq!(json["shown"], 10, "{query}");

        let (line, json) = summaries(query, &["--exact-count"]);
        assert!(
            line.starts_with(&format!("10 of {exact} matching clauses shown")),
            "{query}: {line}"
        );
        assert_eq!(json["total"], exact, "{query}");
        assert_eq!(json["total_is_lower_bound"], false, "{query}");
    }
    // Under the bound the count is exact without asking.
    let (line, json) = summaries("\"United Nations\"", &[]);
    let out = ressearch()
        .args(["query", "-c", "\"United Nations\"", "--index"])
        .arg(dir)
        .output()
        .unwrap();
    let exact: usize = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
    assert!(exact > 1000 && exact <= COUNT_BOUND, "{exact}");
    assert!(
        line.starts_with(&format!("10 of {exact} matching")),
        "{line}"
    );
    assert_eq!(json["total"], exact);
    assert_eq!(json["total_is_lower_bound"], false);
}

#[test]
fn a_limit_past_the_bound_is_counted_up_to_the_limit() {
    let Some(dir) = common::shared_index() else {
        return;
    };
    let (idx, fields) = index::open(dir).unwrap();
    let search = Search::new(&idx, fields, "States OR Nations", &Filters::default()).unwrap();
    let exact = search.count().unwrap();
    let results = search.run(12_000).unwrap();
    assert_eq!(results.hits.len(), 12_000);
    assert!(results.hits.iter().all(|h| !h.near));
    assert_eq!(
        (results.total, results.total_is_lower_bound),
        if exact > 12_000 {
            (12_000, true)
        } else {
            (exact, false)
        }
    );
    assert_eq!(search.count_up_to(exact).unwrap(), (exact, false));
    assert_eq!(search.count_up_to(exact - 1).unwrap(), (exact - 1, true));
}

#[test]
fn grouped_queries_count_as_ungrouped_ones_do_more_than_ten_thousand_unless_exact() {
    let Some(dir) = common::shared_index() else {
        return;
    };
    let summary = |extra: &[&str]| {
        let out = ressearch()
            .args(["query", "--group", "States OR Nations", "--index"])
            .arg(dir)
            .args(extra)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8_lossy(&out.stderr).trim().to_string()
    };
    let out = ressearch()
        .args(["query", "-c", "States OR Nations", "--index"])
        .arg(dir)
        .output()
        .unwrap();
    let exact: usize = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
    assert!(exact > COUNT_BOUND, "{exact}");
    let bounded = summary(&[]);
    assert!(
        bounded.contains(" of more than 10,000 matching clauses shown"),
        "{bounded}"
    );
    let counted = summary(&["--exact-count"]);
    assert!(
        counted.contains(&format!(" of {exact} matching clauses shown")),
        "{counted}"
    );
}
