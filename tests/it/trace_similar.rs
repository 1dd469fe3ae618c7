//! `ressearch similar` and `query --group` on the shared corpus: an edited clause finds its
//! original first; identical wordings are one result with the list of their places.

use std::collections::BTreeSet;

use ressearch::model::ClauseType;
use ressearch::trace::wording::{Wording, fingerprint};
use serde_json::Value;

use crate::common::json_run;
use crate::common::shared_index;
use crate::trace_cites::shared_resolutions;

/// `text` with its fifth word replaced and its tenth left out.
fn edited(text: &str) -> String {
    let w = Wording::new(text);
    let fifth = w.span(4).unwrap();
    let tenth = w.span(9).unwrap();
    format!(
        "{}notably{}{}",
        &text[..fifth.start],
        &text[fifth.end..tenth.start],
        &text[tenth.end..]
    )
}

#[test]
fn an_edited_clause_finds_its_original_first() {
    let Some(index) = shared_index() else {
        return;
    };
    let resolutions = shared_resolutions();
    let clauses: Vec<(String, String)> = resolutions
        .iter()
        .filter(|r| r.symbol.starts_with("A/RES/"))
        .flat_map(|r| r.clauses.iter().map(move |c| (r, c)))
        .filter(|(_, c)| c.kind == ClauseType::Operative && Wording::new(&c.text).len() >= 20)
        .map(|(r, c)| (format!("{} {}", r.symbol, c.label()), c.text.clone()))
        .collect();
    let step = clauses.len() / 30;
    let mut tried = 0;
    for (place, text) in clauses.iter().step_by(step.max(1)) {
        tried += 1;
        let paragraph = edited(text);
        let (found, code) = json_run(index, &["similar", &paragraph, "--json", "--limit", "3"]);
        assert_eq!(code, 0, "{place}");
        let first = &found[0];
        assert_eq!(
            fingerprint(first["text"].as_str().unwrap()),
            fingerprint(text),
            "{place}: {paragraph}\nfound first {} {}",
            first["symbol"],
            first["label"]
        );
        assert!(first["similarity"].as_f64().unwrap() < 1.0);
        // The changes mark the edited words: the replaced one and the one left out.
        let changes = first["changes"].as_array().unwrap();
        assert!(
            changes
                .iter()
                .any(|c| c["old"].as_str().unwrap().contains("notably")),
            "{place}: {changes:?}"
        );
        // Similarities in order.
        let similarities: Vec<f64> = found
            .iter()
            .map(|f| f["similarity"].as_f64().unwrap())
            .collect();
        assert!(
            similarities.windows(2).all(|w| w[0] >= w[1]),
            "{similarities:?}"
        );
    }
    assert!(tried >= 25, "{tried}");
}

#[test]
fn identical_wordings_are_one_result_with_their_places() {
    let Some(index) = shared_index() else {
        return;
    };
    // From the clause itself: the same wording elsewhere, not the clause.
    let (found, code) = json_run(
        index,
        &[
            "similar",
            "--symbol",
            "A/RES/79/207",
            "--label",
            "OP11",
            "--json",
        ],
    );
    assert_eq!(code, 0);
    assert_eq!(found[0]["similarity"], 1.0);
    assert_eq!(found[0]["symbol"], "A/RES/78/154");
    assert_eq!(found[0]["label"], "OP12");
    assert!(
        found
            .iter()
            .all(|f| f["symbol"] != "A/RES/79/207" || f["label"] != "OP11")
    );
    // From its text: both places, as one wording.
    let (shown, _) = json_run(index, &["show", "A/RES/79/207", "OP11", "--json"]);
    let text = shown[0]["clauses"][0]["text"].as_str().unwrap().to_string();
    let (found, _) = json_run(index, &["similar", &text, "--json"]);
    assert_eq!(found[0]["similarity"], 1.0);
    assert_eq!(found[0]["places"], 2);
    let mut places = vec![format!("{} {}", found[0]["symbol"], found[0]["label"])];
    for also in found[0]["also_in"].as_array().unwrap() {
        places.push(format!("{} {}", also["symbol"], also["label"]));
    }
    places.sort();
    assert_eq!(
        places,
        ["\"A/RES/78/154\" \"OP12\"", "\"A/RES/79/207\" \"OP11\""]
    );
    // No other result has that wording.
    let wordings: BTreeSet<u64> = found
        .iter()
        .map(|f| fingerprint(f["text"].as_str().unwrap()))
        .collect();
    assert_eq!(wordings.len(), found.len());
}

#[test]
fn similar_checks_its_arguments() {
    let Some(index) = shared_index() else {
        return;
    };
    let (_, code) = json_run(index, &["similar", "paix", "--min-similarity", "2"]);
    assert_eq!(code, 2);
    let (_, code) = json_run(
        index,
        &["similar", "--symbol", "A/RES/79/207", "--label", "OP999"],
    );
    assert_eq!(code, 2);
    let (found, code) = json_run(index, &["similar", "zzzz qqqq", "--json"]);
    assert_eq!((found.len(), code), (0, 1));
}

#[test]
fn query_group_folds_identical_wordings_into_one_hit() {
    let Some(index) = shared_index() else {
        return;
    };
    let query = "Reaffirming its resolution 70/1 Transforming our world";
    let (plain, _) = json_run(index, &["query", query, "--json", "--limit", "20"]);
    let (grouped, code) = json_run(
        index,
        &["query", query, "--json", "--limit", "20", "--group"],
    );
    assert_eq!(code, 0);
    let wording = |hit: &Value| fingerprint(hit["text"].as_str().unwrap());
    let plain_wordings: BTreeSet<u64> = plain.iter().map(wording).collect();
    assert!(
        plain_wordings.len() < plain.len(),
        "the query must find repeats"
    );
    let grouped_wordings: BTreeSet<u64> = grouped.iter().map(wording).collect();
    assert_eq!(grouped_wordings.len(), grouped.len());
    assert!(grouped.len() >= plain_wordings.len());
    let places: u64 = grouped.iter().map(|g| g["places"].as_u64().unwrap()).sum();
    assert!(places > grouped.len() as u64, "{places}");
    for group in &grouped {
        let listed = group["also_in"].as_array().unwrap().len() as u64;
        assert!(listed < group["places"].as_u64().unwrap());
    }
}
