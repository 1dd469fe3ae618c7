//! Relevance measured on judged search needs: `ressearch eval FILE`.
//!
//! A judged set (`tests/relevance/*.json`) is a list of needs, each a query a user types, a kind
//! (term, words, phrase, inflection, concept, french, cross-language) and the items a reader
//! judged relevant, graded 1 to 3. An item is a document (`"A/RES/78/171"`: any clause of it
//! answers) or one clause (`"A/RES/78/171 OP3"`). Each need is searched exactly as `query`
//! would search it, and its ranked hits are scored with nDCG@10 (graded gains, log2 discount)
//! and recall@10 (relevant items found in the first ten / min(10, items judged)); the figures
//! are averaged over the needs, overall and per kind.
//!
//! Ranking positions: a need judged only at document level is ranked by document, each symbol
//! at its first hit (the way document-level measures count); a need with clause judgments is
//! ranked by clause, a document item earned by the first clause of that document, the later
//! clauses of a document already earned taking no position.

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;
use std::path::Path;

use crate::index;
use crate::model::clause_label;
use crate::search::{Filters, Search};

/// How many hits of each need are read: enough for ten distinct positions when a document's
/// clauses crowd the top.
const HITS_READ: usize = 200;

/// One judged need, as written in the file.
#[derive(Debug, Clone, Deserialize)]
pub struct Need {
    /// A short name (`en-07`); the query when absent.
    #[serde(default)]
    pub id: Option<String>,
    /// What the user types.
    pub query: String,
    /// The kind of need.
    pub kind: String,
    /// `"any"`: the query runs over both languages; absent: as typed.
    #[serde(default)]
    pub lang: Option<String>,
    /// Relevant items (a symbol, or `"SYMBOL LABEL"`) and their grades, 1 to 3.
    pub relevant: BTreeMap<String, u8>,
}

/// The figures of one need.
#[derive(Debug, Clone, Serialize)]
pub struct NeedScore {
    pub id: String,
    pub query: String,
    pub kind: String,
    pub ndcg10: f64,
    pub recall10: f64,
    /// The ten first positions: the item each earned (symbol or `"SYMBOL LABEL"`), or the
    /// symbol and label of an unjudged hit in brackets.
    pub top: Vec<String>,
}

/// Averages over a group of needs.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Figures {
    pub needs: usize,
    pub ndcg10: f64,
    pub recall10: f64,
}

/// The whole report: overall figures, per kind, and per need.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub needs: usize,
    pub ndcg10: f64,
    pub recall10: f64,
    pub kinds: BTreeMap<String, Figures>,
    #[serde(rename = "per_need")]
    pub per_need: Vec<NeedScore>,
}

/// Reads a judged set, checking what a ranking cannot check for itself.
pub fn load(path: &Path) -> Result<Vec<Need>> {
    let bytes = std::fs::read(path).with_context(|| format!("{}", path.display()))?;
    let needs: Vec<Need> = serde_json::from_slice(&bytes).with_context(|| {
        format!(
            "{}: not a judged set (a JSON list of {{\"query\", \"kind\", \"relevant\"}})",
            path.display()
        )
    })?;
    if needs.is_empty() {
        bail!("{}: no judged need in the file", path.display());
    }
    for (i, need) in needs.iter().enumerate() {
        let name = need.id.clone().unwrap_or_else(|| format!("need {}", i + 1));
        if need.relevant.is_empty() {
            bail!("{}: {name}: no relevant item judged", path.display());
        }
        if let Some((item, grade)) = need.relevant.iter().find(|(_, g)| !(1..=3).contains(*g)) {
            bail!(
                "{}: {name}: grade {grade} of {item:?} is not 1, 2 or 3",
                path.display()
            );
        }
        if let Some(lang) = &need.lang
            && lang != "any"
        {
            bail!(
                "{}: {name}: \"lang\" is {lang:?}; the only value is \"any\"",
                path.display()
            );
        }
    }
    Ok(needs)
}

/// Searches every need on the index and scores its ranking.
pub fn run(index_dir: &Path, needs: &[Need]) -> Result<Report> {
    let (idx, fields) = index::open(index_dir)?;
    let mut per_need = Vec::with_capacity(needs.len());
    for (i, need) in needs.iter().enumerate() {
        let id = need.id.clone().unwrap_or_else(|| format!("need {}", i + 1));
        let ranked =
            ranked_hits(&idx, &fields, need).with_context(|| format!("{id}: {}", need.query))?;
        let (ndcg10, recall10, top) = score(&ranked, &need.relevant);
        per_need.push(NeedScore {
            id,
            query: need.query.clone(),
            kind: need.kind.clone(),
            ndcg10,
            recall10,
            top,
        });
    }
    Ok(summarise(per_need))
}

/// The symbol and label of each hit, best first.
fn ranked_hits(
    idx: &tantivy::Index,
    fields: &index::Fields,
    need: &Need,
) -> Result<Vec<(String, String)>> {
    let filters = Filters {
        any_language: need.lang.as_deref() == Some("any"),
        ..Filters::default()
    };
    let search = Search::new(idx, *fields, &need.query, &filters)?;
    let top = search.top(HITS_READ)?;
    let hits = search.hits(&top)?;
    // Judgments name clauses: a hit's label loses the subparagraph its matches lie in
    // (`OP4(o)` is clause `OP4`).
    Ok(hits
        .into_iter()
        .map(|h| {
            let label = match &h.subparagraph {
                Some(_) => clause_label(h.section.as_deref(), h.kind, h.number),
                None => h.label,
            };
            (h.symbol, label)
        })
        .collect())
}

/// nDCG@10, recall@10 and the ten first positions of a ranking, judged by `relevant`.
pub fn score(
    ranked: &[(String, String)],
    relevant: &BTreeMap<String, u8>,
) -> (f64, f64, Vec<String>) {
    let by_document = relevant.keys().all(|key| !key.contains(' '));
    let mut earned: HashSet<&str> = HashSet::new();
    let mut seen_documents: HashSet<&str> = HashSet::new();
    let mut gains = Vec::new();
    let mut top = Vec::new();
    for (symbol, label) in ranked {
        if gains.len() == 10 {
            break;
        }
        let clause = format!("{symbol} {label}");
        if let Some((key, &grade)) = relevant.get_key_value(&clause) {
            if earned.insert(key) {
                gains.push(f64::from(grade));
                top.push(clause);
            }
            continue;
        }
        if let Some((key, &grade)) = relevant.get_key_value(symbol.as_str()) {
            if earned.insert(key) {
                gains.push(f64::from(grade));
                top.push(symbol.clone());
            }
            continue;
        }
        if by_document && !seen_documents.insert(symbol) {
            continue;
        }
        gains.push(0.0);
        top.push(format!("[{clause}]"));
    }
    let dcg = discounted(&gains);
    let mut ideal: Vec<f64> = relevant.values().map(|&g| f64::from(g)).collect();
    ideal.sort_by(|a, b| b.total_cmp(a));
    ideal.truncate(10);
    // `+ 0.0`: a sum of nothing is -0.0, which would print as "-0.000".
    let ndcg = dcg / discounted(&ideal) + 0.0;
    let found = gains.iter().filter(|&&g| g > 0.0).count();
    let recall = found as f64 / relevant.len().min(10) as f64 + 0.0;
    (ndcg, recall, top)
}

/// Sum of gains discounted by log2 of position + 1.
fn discounted(gains: &[f64]) -> f64 {
    gains
        .iter()
        .enumerate()
        .map(|(i, g)| g / ((i + 2) as f64).log2())
        .sum()
}

/// Means overall and per kind.
fn summarise(per_need: Vec<NeedScore>) -> Report {
    let mean = |scores: &[&NeedScore]| Figures {
        needs: scores.len(),
        ndcg10: scores.iter().map(|s| s.ndcg10).sum::<f64>() / scores.len() as f64,
        recall10: scores.iter().map(|s| s.recall10).sum::<f64>() / scores.len() as f64,
    };
    let mut groups: HashMap<&str, Vec<&NeedScore>> = HashMap::new();
    for score in &per_need {
        groups.entry(&score.kind).or_default().push(score);
    }
    let kinds = groups
        .into_iter()
        .map(|(kind, scores)| (kind.to_string(), mean(&scores)))
        .collect();
    let all: Vec<&NeedScore> = per_need.iter().collect();
    let overall = mean(&all);
    Report {
        needs: overall.needs,
        ndcg10: overall.ndcg10,
        recall10: overall.recall10,
        kinds,
        per_need,
    }
}

/// The report as a table: overall, per kind, then (with `needs`) each need, worst first.
pub fn print_report(out: &mut impl Write, report: &Report, needs: bool) -> Result<()> {
    writeln!(
        out,
        "{:<16} {:>5} {:>8} {:>9}",
        "kind", "needs", "nDCG@10", "recall@10"
    )?;
    for (kind, f) in &report.kinds {
        writeln!(
            out,
            "{kind:<16} {:>5} {:>8.3} {:>9.3}",
            f.needs, f.ndcg10, f.recall10
        )?;
    }
    writeln!(
        out,
        "{:<16} {:>5} {:>8.3} {:>9.3}",
        "all", report.needs, report.ndcg10, report.recall10
    )?;
    if needs {
        writeln!(out)?;
        let mut worst: Vec<&NeedScore> = report.per_need.iter().collect();
        worst.sort_by(|a, b| a.ndcg10.total_cmp(&b.ndcg10));
        for s in worst {
            writeln!(
                out,
                "{:<8} {:<14} nDCG@10 {:.3} recall@10 {:.3}  {}",
                s.id, s.kind, s.ndcg10, s.recall10, s.query
            )?;
            writeln!(out, "         {}", s.top.join(" | "))?;
        }
    }
    Ok(())
}

/// The report as one JSON object: `needs`, `ndcg10`, `recall10`, `kinds`, `per_need`.
pub fn print_report_json(out: &mut impl Write, report: &Report) -> Result<()> {
    serde_json::to_writer(&mut *out, report)?;
    writeln!(out)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judged(items: &[(&str, u8)]) -> BTreeMap<String, u8> {
        items.iter().map(|(k, g)| (k.to_string(), *g)).collect()
    }

    fn hits(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(s, l)| (s.to_string(), l.to_string()))
            .collect()
    }

    #[test]
    fn a_perfect_ranking_scores_one_and_an_empty_one_zero() {
        let relevant = judged(&[("A/RES/1/1 OP1", 3), ("A/RES/1/1 OP2", 1)]);
        let (ndcg, recall, _) = score(
            &hits(&[("A/RES/1/1", "OP1"), ("A/RES/1/1", "OP2")]),
            &relevant,
        );
        assert!((ndcg - 1.0).abs() < 1e-12);
        assert!((recall - 1.0).abs() < 1e-12);
        let (ndcg, recall, _) = score(&[], &relevant);
        assert_eq!((ndcg, recall), (0.0, 0.0));
    }

    #[test]
    fn a_swapped_ranking_scores_the_textbook_value() {
        // Gains 1 then 3 against the ideal 3 then 1: (1 + 3/log2 3) / (3 + 1/log2 3).
        let relevant = judged(&[("A/RES/1/1 OP1", 3), ("A/RES/1/1 OP2", 1)]);
        let (ndcg, _, _) = score(
            &hits(&[("A/RES/1/1", "OP2"), ("A/RES/1/1", "OP1")]),
            &relevant,
        );
        let expected = (1.0 + 3.0 / 3f64.log2()) / (3.0 + 1.0 / 3f64.log2());
        assert!((ndcg - expected).abs() < 1e-12, "{ndcg} {expected}");
    }

    #[test]
    fn a_document_item_is_earned_once_by_its_first_clause() {
        let relevant = judged(&[("A/RES/1/1", 2), ("A/RES/1/2 OP1", 3)]);
        // The second clause of A/RES/1/1 takes no position; the unjudged A/RES/9/9 does.
        let ranked = hits(&[
            ("A/RES/1/1", "PP1"),
            ("A/RES/1/1", "PP2"),
            ("A/RES/9/9", "OP1"),
            ("A/RES/1/2", "OP1"),
        ]);
        let (_, recall, top) = score(&ranked, &relevant);
        assert_eq!(top, ["A/RES/1/1", "[A/RES/9/9 OP1]", "A/RES/1/2 OP1"]);
        assert_eq!(recall, 1.0);
    }

    #[test]
    fn a_need_judged_by_documents_is_ranked_by_documents() {
        let relevant = judged(&[("A/RES/1/1", 3)]);
        let ranked = hits(&[
            ("A/RES/9/9", "OP1"),
            ("A/RES/9/9", "OP2"),
            ("A/RES/1/1", "PP1"),
        ]);
        let (ndcg, _, top) = score(&ranked, &relevant);
        assert_eq!(top, ["[A/RES/9/9 OP1]", "A/RES/1/1"]);
        assert!((ndcg - 1.0 / 3f64.log2()).abs() < 1e-12);
    }

    #[test]
    fn recall_counts_against_at_most_ten_items() {
        let items: Vec<(String, u8)> = (1..=12).map(|n| (format!("A/RES/1/{n}"), 1)).collect();
        let relevant: BTreeMap<String, u8> = items.into_iter().collect();
        let ranked: Vec<(String, String)> = (1..=10)
            .map(|n| (format!("A/RES/1/{n}"), "OP1".to_string()))
            .collect();
        let (ndcg, recall, _) = score(&ranked, &relevant);
        assert_eq!(recall, 1.0);
        assert!((ndcg - 1.0).abs() < 1e-12);
    }
}
