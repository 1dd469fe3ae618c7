//! `ressearch cites` and `ressearch show` on the shared corpus: the cases of hand-checked texts,
//! and agreement with `segment` for every clause of every resolution.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use ressearch::cite;
use ressearch::index::{self, Fields};
use ressearch::segment::segment_file;
use ressearch::trace::{cites, stored};
use serde_json::Value;

use crate::common::json_run;

use crate::common::{self, founding_index, ressearch, shared_index};

/// The index of the whole shared corpus, opened once.
pub fn shared() -> Option<&'static (tantivy::Index, Fields)> {
    static INDEX: OnceLock<Option<(tantivy::Index, Fields)>> = OnceLock::new();
    INDEX
        .get_or_init(|| Some(index::open(shared_index()?).unwrap()))
        .as_ref()
}

/// Every text file of the shared corpus that is a resolution, segmented.
pub fn shared_resolutions() -> Vec<ressearch::model::Resolution> {
    let Some(corpus) = common::shared_corpus() else {
        return Vec::new();
    };
    ["en/ga", "en/sc", "fr"]
        .iter()
        .flat_map(|dir| common::text_files(&corpus.join(dir)))
        .filter_map(|file| segment_file(&file).ok())
        .collect()
}

#[test]
fn show_gives_back_what_segment_made_and_cites_finds_every_cite_of_every_clause() {
    let Some((idx, fields)) = shared() else {
        return;
    };
    let searcher = idx.reader().unwrap().searcher();
    let resolutions = shared_resolutions();
    assert!(resolutions.len() > 1000, "{}", resolutions.len());
    // Cited symbol -> the clauses citing it, as (resolution, place in it).
    let mut citing: BTreeMap<String, BTreeSet<(String, u64)>> = BTreeMap::new();
    for res in &resolutions {
        let versions = stored::versions(&searcher, fields, &res.symbol).unwrap();
        let made = serde_json::to_value(res).unwrap();
        assert!(
            versions
                .iter()
                .any(|v| serde_json::to_value(&v.resolution).unwrap() == made),
            "{}: the index gives back another resolution than segment made",
            res.symbol
        );
        for (position, clause) in res.clauses.iter().enumerate() {
            for cited in &clause.cites {
                citing
                    .entry(cited.clone())
                    .or_default()
                    .insert((res.symbol.clone(), position as u64));
            }
        }
    }
    assert!(citing.len() > 2000, "{} documents cited", citing.len());
    for (cited, expected) in &citing {
        let found = cites::clauses_citing(&searcher, fields, cited).unwrap();
        let places: BTreeSet<(String, u64)> = found
            .iter()
            .map(|c| (c.head.symbol.clone(), c.position))
            .collect();
        assert!(
            expected.is_subset(&places),
            "{cited}: cited by {:?}, not found",
            expected.difference(&places).collect::<Vec<_>>()
        );
        // Nothing else: every clause found cites it, or a part, addendum or corrigendum of it.
        for clause in &found {
            assert!(
                clause
                    .clause
                    .cites
                    .iter()
                    .any(|c| c == cited || cite::base_symbols(c).iter().any(|base| base == cited)),
                "{cited}: {} found but cites {:?}",
                clause.place(),
                clause.clause.cites
            );
        }
    }
}

#[test]
fn cites_from_lists_every_document_a_resolution_cites_once_with_its_clauses() {
    let Some(index) = shared_index() else {
        return;
    };
    let (lines, code) = json_run(index, &["cites", "--from", "A/RES/78/158", "--json"]);
    assert_eq!(code, 0);
    let symbols: Vec<&str> = lines
        .iter()
        .map(|l| l["symbol"].as_str().unwrap())
        .collect();
    let unique: BTreeSet<&&str> = symbols.iter().collect();
    assert_eq!(unique.len(), symbols.len(), "{symbols:?}");
    // The regional commission's own resolution, not the Assembly's 72/7.
    let escap = lines
        .iter()
        .find(|l| l["symbol"] == "E/ESCAP/RES/72/7")
        .expect("E/ESCAP/RES/72/7 cited");
    assert_eq!(escap["clauses"], serde_json::json!(["PP12"]));
    assert_eq!(escap["in_index"], false);
    assert!(!symbols.contains(&"A/RES/72/7"), "{symbols:?}");
    // The keys, and `in_index` true for a resolution of the index.
    for line in &lines {
        let keys: BTreeSet<&str> = line
            .as_object()
            .unwrap()
            .keys()
            .map(|k| k.as_str())
            .collect();
        assert_eq!(keys, BTreeSet::from(["symbol", "in_index", "clauses"]));
    }
    let (lines, _) = json_run(index, &["cites", "--from", "A/RES/79/207", "--json"]);
    let predecessor = lines
        .iter()
        .find(|l| l["symbol"] == "A/RES/78/154")
        .expect("A/RES/79/207 recalls A/RES/78/154");
    assert_eq!(predecessor["in_index"], true);
    // And nobody cites the Assembly's 72/7 in the corpus for that paragraph.
    let (lines, _) = json_run(index, &["cites", "A/RES/72/7", "--json"]);
    assert!(
        lines.iter().all(|l| l["symbol"] != "A/RES/78/158"),
        "{lines:?}"
    );
}

#[test]
fn addenda_and_corrigenda_joined_by_and_are_cited_and_found_from_their_document() {
    let Some(index) = shared_index() else {
        return;
    };
    let (lines, code) = json_run(index, &["cites", "S/10896", "--json"]);
    assert_eq!(code, 0);
    let clause = lines
        .iter()
        .find(|l| l["symbol"] == "S/RES/328 (1973)" && l["label"] == "PP1")
        .unwrap_or_else(|| panic!("{lines:?}"));
    assert_eq!(
        clause["matched"],
        serde_json::json!(["S/10896", "S/10896/Corr.1", "S/10896/Add.1"])
    );
    // A corrigendum alone finds the clause too.
    let (lines, _) = json_run(index, &["cites", "S/10896/Corr.1", "--json"]);
    assert!(lines.iter().any(|l| l["symbol"] == "S/RES/328 (1973)"));
}

#[test]
fn a_document_cited_in_a_part_is_found_from_its_base_symbol() {
    let Some(index) = shared_index() else {
        return;
    };
    let (lines, code) = json_run(index, &["cites", "A/CONF.157/24", "--json"]);
    assert_eq!(code, 0);
    assert!(lines.len() > 10, "{}", lines.len());
    assert!(lines.iter().all(|l| {
        l["matched"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m == "A/CONF.157/24 (Part I)" || m == "A/CONF.157/24")
    }));
    // The query filter reads it the same way.
    let output = ressearch()
        .args(["query", "cites:A/CONF.157/24", "--count", "--index"])
        .arg(index)
        .output()
        .unwrap();
    let count = String::from_utf8(output.stdout).unwrap();
    assert_eq!(count.trim(), lines.len().to_string());
}

#[test]
fn a_resolution_is_found_however_it_is_typed() {
    let Some(index) = shared_index() else {
        return;
    };
    let places = |typed: &[&str]| {
        let mut args = vec!["cites"];
        args.extend(typed);
        args.push("--json");
        let (lines, code) = json_run(index, &args);
        assert_eq!(code, 0, "{typed:?}");
        lines
            .iter()
            .map(|l| format!("{} {}", l["symbol"], l["label"]))
            .collect::<BTreeSet<String>>()
    };
    let expected = places(&["S/RES/1325 (2000)"]);
    assert!(expected.len() >= 10, "{expected:?}");
    for typed in [
        &["1325 (2000)"][..],
        &["1325", "(2000)"],
        &["S/RES/1325"],
        &["res", "1325", "(2000)"],
        &["resolution 1325 (2000)"],
        &["s/res/1325(2000)"],
    ] {
        assert_eq!(places(typed), expected, "{typed:?}");
    }
}

#[test]
fn cites_says_when_nothing_cites_a_document_and_what_a_symbol_looks_like() {
    let index = founding_index();
    let output = ressearch()
        .args(["cites", "A/RES/1/1", "--index"])
        .arg(index)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("0 clauses of 0 resolutions citing A/RES/1/1")
    );
    let output = ressearch()
        .args(["cites", "peace", "--index"])
        .arg(index)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("\"peace\" is not a document symbol"),
        "{stderr}"
    );
    // The documents its clauses cite, in the order they are first cited.
    let segmented = ressearch()
        .arg("segment")
        .arg(common::founding_file())
        .arg("--json")
        .output()
        .unwrap();
    let segmented: Value = serde_json::from_slice(&segmented.stdout).unwrap();
    let mut expected: Vec<String> = Vec::new();
    for clause in segmented["clauses"].as_array().unwrap() {
        for cited in clause["cites"].as_array().unwrap() {
            let cited = cited.as_str().unwrap().to_string();
            if !expected.contains(&cited) {
                expected.push(cited);
            }
        }
    }
    let (lines, code) = json_run(index, &["cites", "--from", "75/272", "--json"]);
    assert_eq!(code, 0);
    let symbols: Vec<&str> = lines
        .iter()
        .map(|l| l["symbol"].as_str().unwrap())
        .collect();
    assert_eq!(symbols, expected);
    assert_eq!(&symbols[..3], ["A/RES/72/7", "S/2007/279", "S/2007/280"]);
}
