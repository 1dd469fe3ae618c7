//! Each text once: which of the candidate files of a build are indexed.
//!
//! Copies of one text (same symbol, language and bytes) are indexed once, different texts
//! claiming one symbol all of them, with a warning, and the PDF of a resolution that a text
//! also gives not at all. Which copy is kept depends on every file found, so the verdicts are
//! given once all have been read (`generation.rs`).

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::folder;
use super::generation::{Candidate, Content};
use crate::corpus::{self, Skipped};

/// What becomes of a candidate.
pub(super) enum Verdict {
    Index,
    /// A copy of a text indexed from another file.
    Copy,
    /// A PDF of a resolution that this text also gives.
    PdfOfText(PathBuf),
}

/// Decides which candidates are indexed: all, but copies of one text (same symbol, language
/// and bytes) once, preferring the copy already indexed, else the first path. Warns once per
/// group of copies, and once per symbol claimed by different texts (all kept). A PDF of a
/// resolution that a text also gives is not indexed (the text is the original or was prepared
/// from the PDF): the first such text is named.
pub(super) fn once_per_text(candidates: &[Candidate], warnings: &mut Vec<Skipped>) -> Vec<Verdict> {
    let mut verdicts: Vec<Verdict> = candidates.iter().map(|_| Verdict::Index).collect();
    let mut by_symbol: BTreeMap<(&str, &str), Vec<usize>> = BTreeMap::new();
    for (i, c) in candidates.iter().enumerate() {
        by_symbol.entry((&c.symbol, &c.lang)).or_default().push(i);
    }
    for ((symbol, lang), mut members) in by_symbol {
        if members.len() < 2 {
            continue;
        }
        let is_pdf = |i: usize| corpus::is_pdf(&candidates[i].path);
        if let Some(text) = members.iter().copied().find(|&i| !is_pdf(i)) {
            for &i in members.iter().filter(|&&i| is_pdf(i)) {
                verdicts[i] = Verdict::PdfOfText(candidates[text].path.clone());
            }
            members.retain(|&i| !is_pdf(i));
        }
        let mut by_text: BTreeMap<u64, Vec<usize>> = BTreeMap::new();
        for &i in &members {
            by_text.entry(candidates[i].hash).or_default().push(i);
        }
        let mut kept = Vec::new();
        for copies in by_text.values() {
            let keeper = copies
                .iter()
                .copied()
                .find(|&i| matches!(candidates[i].content, Content::Indexed(_)))
                .unwrap_or(copies[0]);
            kept.push(keeper);
            if copies.len() < 2 {
                continue;
            }
            let others: Vec<String> = copies
                .iter()
                .filter(|&&i| i != keeper)
                .map(|&i| candidates[i].path.display().to_string())
                .collect();
            for &i in copies.iter().filter(|&&i| i != keeper) {
                verdicts[i] = Verdict::Copy;
            }
            warnings.push(Skipped {
                path: candidates[keeper].path.clone(),
                reason: format!(
                    "{} other file(s) hold the same text of {symbol} ({lang}), indexed once: {}",
                    others.len(),
                    folder::list_some(&others)
                ),
            });
        }
        if kept.len() > 1 {
            kept.sort_by(|&a, &b| candidates[a].path.cmp(&candidates[b].path));
            let others: Vec<String> = kept[1..]
                .iter()
                .map(|&i| candidates[i].path.display().to_string())
                .collect();
            warnings.push(Skipped {
                path: candidates[kept[0]].path.clone(),
                reason: format!(
                    "{symbol} ({lang}) is also the symbol of {} file(s) with a different text, all indexed: {}",
                    others.len(),
                    folder::list_some(&others)
                ),
            });
        }
    }
    verdicts
}
