//! `ressearch diff` on real predecessor/successor pairs of the shared corpus: resolutions of
//! session 79 that recall a session-78 resolution of the same title.

use std::collections::HashMap;

use ressearch::model::{Clause, Resolution};
use ressearch::trace::diff::{Status, align};
use ressearch::trace::wording::{Wording, compare, fingerprint};

use crate::common::json_run;
use crate::common::{founding_index, ressearch, shared_index};
use crate::trace_cites::shared_resolutions;

/// The session-78 and session-79 resolutions of the same title where the later recalls the
/// earlier, as (old, new).
fn pairs() -> Vec<(Resolution, Resolution)> {
    let resolutions = shared_resolutions();
    let by_symbol: HashMap<&str, &Resolution> =
        resolutions.iter().map(|r| (r.symbol.as_str(), r)).collect();
    let mut pairs = Vec::new();
    for new in resolutions
        .iter()
        .filter(|r| r.symbol.starts_with("A/RES/79/"))
    {
        let mut recalled: Vec<&Resolution> = new
            .clauses
            .iter()
            .flat_map(|c| &c.cites)
            .filter_map(|s| by_symbol.get(s.as_str()).copied())
            .filter(|old| old.symbol.starts_with("A/RES/78/") && old.title == new.title)
            .collect();
        recalled.dedup_by(|a, b| a.symbol == b.symbol);
        if let [old] = recalled.as_slice() {
            pairs.push(((*old).clone(), new.clone()));
        }
    }
    pairs
}

/// A text's words as compared, one fingerprint a word.
fn words(text: &str) -> Vec<u64> {
    let w = Wording::new(text);
    (0..w.len())
        .map(|i| fingerprint(w.slice(i..i + 1)))
        .collect()
}

/// The words with every number replaced by `#`.
fn without_numbers(text: &str) -> String {
    let mut out = String::new();
    let mut in_number = false;
    for c in text.chars() {
        if c.is_ascii_digit() || (in_number && matches!(c, '/' | ',' | '.')) {
            if !in_number {
                out.push('#');
            }
            in_number = true;
        } else {
            in_number = false;
            out.push(c);
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn collapsed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn unchanged_paragraphs_are_same_or_moved_and_renumbered_ones_changed_in_their_numbers() {
    let pairs = pairs();
    if shared_index().is_none() {
        return;
    }
    assert!(pairs.len() >= 40, "{} pairs", pairs.len());
    let (mut unchanged, mut renumbered) = (0, 0);
    for (old, new) in &pairs {
        let items = align(&old.clauses, &new.clauses);
        // Every paragraph of each side appears once.
        let mut olds: Vec<usize> = items.iter().filter_map(|i| i.old).collect();
        let mut news: Vec<usize> = items.iter().filter_map(|i| i.new).collect();
        olds.sort();
        news.sort();
        assert_eq!(olds, (0..old.clauses.len()).collect::<Vec<_>>());
        assert_eq!(news, (0..new.clauses.len()).collect::<Vec<_>>());
        let paired: HashMap<usize, &ressearch::trace::diff::Item> =
            items.iter().filter_map(|i| Some((i.new?, i))).collect();
        let once = |clauses: &[Clause], text: &str| {
            clauses
                .iter()
                .filter(|c| collapsed(&c.text) == collapsed(text))
                .count()
                == 1
        };
        for (j, clause) in new.clauses.iter().enumerate() {
            let item = paired[&j];
            let old_text = |i: usize| &old.clauses[i].text;
            // A paragraph whose text is unchanged (standing once on each side).
            if let Some(i) = old
                .clauses
                .iter()
                .position(|c| collapsed(&c.text) == collapsed(&clause.text))
                && once(&old.clauses, &clause.text)
                && once(&new.clauses, &clause.text)
            {
                unchanged += 1;
                assert!(
                    matches!(item.status, Status::Same | Status::Moved) && item.old == Some(i),
                    "{} {}: unchanged from {} {}, but {:?}",
                    new.symbol,
                    clause.label(),
                    old.symbol,
                    old.clauses[i].label(),
                    item
                );
                continue;
            }
            // A paragraph where only numbers changed (a session, a date, a resolution).
            let shape = without_numbers(&clause.text);
            let candidates: Vec<usize> = (0..old.clauses.len())
                .filter(|&i| without_numbers(old_text(i)) == shape)
                .collect();
            if let [i] = candidates.as_slice()
                && new
                    .clauses
                    .iter()
                    .filter(|c| without_numbers(&c.text) == shape)
                    .count()
                    == 1
                && words(old_text(*i)) != words(&clause.text)
            {
                renumbered += 1;
                assert_eq!(
                    item.status,
                    Status::Changed,
                    "{} {}",
                    new.symbol,
                    clause.label()
                );
                assert_eq!(item.old, Some(*i), "{} {}", new.symbol, clause.label());
                // Each change touches a number; words moved around one ("paragraphs 12 and
                // 13" to "paragraphs 11 and 12") are removed as many times as added.
                let (ow, nw) = (Wording::new(old_text(*i)), Wording::new(&clause.text));
                let mut other_words: HashMap<String, i32> = HashMap::new();
                for hunk in &item.hunks {
                    let (o, n) = (ow.slice(hunk.old.clone()), nw.slice(hunk.new.clone()));
                    assert!(
                        format!("{o}{n}").chars().any(|c| c.is_ascii_digit()),
                        "{} {}: {o:?} → {n:?}",
                        new.symbol,
                        clause.label()
                    );
                    for (text, sign) in [(o, -1), (n, 1)] {
                        for word in text.split_whitespace() {
                            if !word.chars().any(|c| c.is_ascii_digit()) {
                                *other_words.entry(word.to_string()).or_default() += sign;
                            }
                        }
                    }
                }
                assert!(
                    other_words.values().all(|&n| n == 0),
                    "{} {}: {other_words:?}",
                    new.symbol,
                    clause.label()
                );
            }
        }
    }
    assert!(unchanged > 1000, "{unchanged}");
    assert!(renumbered > 40, "{renumbered}");
}

#[test]
fn the_changes_of_a_changed_paragraph_turn_the_old_words_into_the_new() {
    let pairs = pairs();
    let mut changed = 0;
    for (old, new) in &pairs {
        for item in align(&old.clauses, &new.clauses) {
            let (Some(i), Some(j), Status::Changed) = (item.old, item.new, item.status) else {
                continue;
            };
            changed += 1;
            let (ow, nw) = (
                Wording::new(&old.clauses[i].text),
                Wording::new(&new.clauses[j].text),
            );
            assert!(item.similarity >= 0.5);
            assert_eq!(item.similarity, compare(&ow, &nw).similarity);
            // Replaying the hunks over the old words gives the new ones.
            let old_words = words(&old.clauses[i].text);
            let new_words = words(&new.clauses[j].text);
            let mut replayed: Vec<u64> = Vec::new();
            let mut at = 0;
            for hunk in &item.hunks {
                replayed.extend_from_slice(&old_words[at..hunk.old.start]);
                replayed.extend_from_slice(&new_words[hunk.new.clone()]);
                at = hunk.old.end;
            }
            replayed.extend_from_slice(&old_words[at..]);
            assert_eq!(
                replayed,
                new_words,
                "{} {}",
                new.symbol,
                new.clauses[j].label()
            );
        }
    }
    if !pairs.is_empty() {
        assert!(changed > 200, "{changed}");
    }
}

#[test]
fn diff_finds_the_predecessor_and_prints_json_items() {
    let Some(index) = shared_index() else {
        return;
    };
    let output = ressearch()
        .args(["diff", "A/RES/79/207", "--index"])
        .arg(index)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.starts_with("A/RES/78/154 → A/RES/79/207 (en): "),
        "{text}"
    );
    assert!(text.contains(
        "old: A/RES/78/154, the latest resolution of the same title that A/RES/79/207 recalls"
    ));
    assert!(text.contains(
        "~ PP1  Recalling\n    Recalling its resolution [-77/166-]{+78/154+} of [-14-]{+19+} December [-2022-]{+2023+}, as well"
    ), "{text}");
    let (items, code) = json_run(index, &["diff", "A/RES/78/154", "A/RES/79/207", "--json"]);
    assert_eq!(code, 0);
    assert_eq!(
        items[0],
        serde_json::json!({
            "status": "changed", "old": "PP1", "new": "PP1",
            "changes": [
                {"old": "77/166", "new": "78/154"},
                {"old": "14", "new": "19"},
                {"old": "2022", "new": "2023"},
            ],
        })
    );
    for item in &items {
        let status = item["status"].as_str().unwrap();
        assert!(["same", "moved", "changed", "added", "removed"].contains(&status));
        assert_eq!(item["old"].is_null(), status == "added", "{item}");
        assert_eq!(item["new"].is_null(), status == "removed", "{item}");
        assert_eq!(
            item["changes"].as_array().unwrap().is_empty(),
            status != "changed",
            "{item}"
        );
    }
    let same = items.iter().filter(|i| i["status"] == "same").count();
    assert!(same > 30, "{same}");
}

#[test]
fn diff_without_a_predecessor_in_the_index_asks_for_the_old_one() {
    let output = ressearch()
        .args(["diff", "75/272", "--index"])
        .arg(founding_index())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("name the old one: ressearch diff OLD A/RES/75/272"),
        "{stderr}"
    );
    // A resolution with itself: every paragraph the same.
    let (items, code) = json_run(founding_index(), &["diff", "75/272", "75/272", "--json"]);
    assert_eq!(code, 0);
    assert_eq!(items.len(), 20);
    assert!(items.iter().all(|i| i["status"] == "same"));
}
