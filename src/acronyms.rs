//! Acronyms and their expansions, mined from the indexed clauses themselves.
//!
//! Resolutions spell an acronym out where they introduce it: "United Nations Relief and Works
//! Agency for Palestine Refugees in the Near East (UNRWA)", "Force intérimaire des Nations
//! Unies au Liban (FINUL)". Each build finds such pairs (the long form before the parentheses
//! holds the acronym's letters in order, its first word starting with the first letter: the
//! Schwartz–Hearst rule) in every clause: a full build as it indexes them ([`Miner`]), an
//! update (or a build that took clauses back) by reading the index back ([`mine`]). It writes
//! them, in the thesaurus's form, to `acronyms.txt` in the index; [`crate::search`] adds them
//! to the thesaurus, so that either finds both.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use anyhow::Result;
use tantivy::directory::Directory;
use tantivy::schema::Value;
use tantivy::{Index, TantivyDocument};

use crate::index::Fields;

/// The file in an index's folder that holds the acronyms mined from it.
pub const FILE: &str = "acronyms.txt";

/// The fewest and most letters of an acronym.
const MIN_LETTERS: usize = 2;
const MAX_LETTERS: usize = 12;

/// Counts the acronyms of clause texts and their long forms, clause by clause.
#[derive(Debug, Default)]
pub struct Miner {
    counts: HashMap<(String, String), usize>,
}

impl Miner {
    /// Counts the acronyms a clause's text defines.
    pub fn add(&mut self, text: &str) {
        for pair in pairs(text) {
            *self.counts.entry(pair).or_default() += 1;
        }
    }

    /// The file of what was counted, and its number of lines.
    pub fn finish(self) -> (String, usize) {
        // Per acronym, its long forms by frequency (ties by the text, for a stable file); at
        // most three, so that an acronym of several bodies keeps its common ones.
        let mut by_acronym: BTreeMap<String, Vec<(usize, String)>> = BTreeMap::new();
        for ((acronym, long), count) in self.counts {
            by_acronym.entry(acronym).or_default().push((count, long));
        }
        let mut out = String::from(
            "# Acronyms and their long forms, mined from the indexed clauses by `ressearch index`.\n",
        );
        let mut lines = 0;
        for (acronym, mut forms) in by_acronym {
            forms.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            for (_, long) in forms.into_iter().take(3) {
                out.push_str(&format!("{long} | {acronym}\n"));
                lines += 1;
            }
        }
        (out, lines)
    }
}

/// Every acronym of the index's clauses with the long form written most often before it, in
/// the thesaurus's form (`long form | ACRONYM` a line, sorted), and how many pairs.
pub fn mine(index: &Index, fields: &Fields) -> Result<(String, usize)> {
    let searcher = index.reader()?.searcher();
    let mut miner = Miner::default();
    for segment in searcher.segment_readers() {
        let store = segment.get_store_reader(64)?;
        for doc_id in segment.doc_ids_alive() {
            let doc: TantivyDocument = store.get(doc_id)?;
            if let Some(text) = doc.get_first(fields.text).and_then(|v| v.as_str()) {
                miner.add(text);
            }
        }
    }
    Ok(miner.finish())
}

/// The acronyms mined from an index, in the thesaurus's form (empty for an index built
/// before they were).
pub fn read(index: &Index) -> String {
    index
        .directory()
        .atomic_read(Path::new(FILE))
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .unwrap_or_default()
}

/// The (acronym, long form) pairs a text introduces.
pub fn pairs(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    while let Some(open) = rest.find('(') {
        let start = offset + open;
        let after = &text[start + 1..];
        let Some(close) = after.find(')') else { break };
        let inside = &after[..close];
        if let Some(long) = is_acronym(inside)
            .then(|| long_form(&text[..start], inside))
            .flatten()
        {
            out.push((inside.to_string(), long));
        }
        offset = start + 1;
        rest = &text[offset..];
    }
    out
}

/// Whether a parenthesised text is an acronym: 2 to 12 letters (digits and `-` allowed after
/// the first), mostly capitals.
fn is_acronym(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    let first = text.chars().next();
    (MIN_LETTERS..=MAX_LETTERS).contains(&letters.len())
        && text.chars().count() <= MAX_LETTERS + 2
        && first.is_some_and(|c| c.is_uppercase())
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '/')
        && letters.iter().filter(|c| c.is_uppercase()).count() * 3 >= letters.len() * 2
}

/// The shortest run of words just before `before`'s end whose letters hold the acronym's in
/// order, its first word starting with the acronym's first letter; `None` when there is none
/// within ten more words than letters (names of UN bodies run long).
fn long_form(before: &str, acronym: &str) -> Option<String> {
    let letters: Vec<char> = acronym
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    let words: Vec<&str> = before
        .split_whitespace()
        .rev()
        .take(letters.len() + 10)
        .collect();
    for count in 1..=words.len() {
        let run: Vec<&str> = words[..count].iter().rev().copied().collect();
        let first = run[0].trim_start_matches(|c: char| !c.is_alphanumeric());
        let starts = first
            .chars()
            .next()
            .and_then(|c| c.to_lowercase().next())
            .is_some_and(|c| c == letters[0]);
        if !starts {
            continue;
        }
        let joined = run.join(" ");
        if holds_in_order(&joined, &letters) {
            let long = joined
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_string();
            // A long form is more than the acronym itself, and not a sentence fragment.
            if long.chars().count() > acronym.chars().count() && !long.contains(['(', ')', ';']) {
                return Some(long);
            }
        }
    }
    None
}

/// Whether `letters` appear in `text` in order (case aside).
fn holds_in_order(text: &str, letters: &[char]) -> bool {
    let mut wanted = letters.iter().peekable();
    for c in text.chars().flat_map(char::to_lowercase) {
        if wanted.peek() == Some(&&c) {
            wanted.next();
        }
    }
    wanted.peek().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_acronym_introduced_after_its_long_form_is_found_in_either_language() {
        assert_eq!(
            pairs(
                "Commends the United Nations Relief and Works Agency for Palestine Refugees in the Near East (UNRWA) for its work"
            ),
            [(
                "UNRWA".to_string(),
                "United Nations Relief and Works Agency for Palestine Refugees in the Near East"
                    .to_string()
            )]
        );
        assert_eq!(
            pairs("le mandat de la Force intérimaire des Nations Unies au Liban (FINUL) jusqu’au"),
            [(
                "FINUL".to_string(),
                "Force intérimaire des Nations Unies au Liban".to_string()
            )]
        );
        assert_eq!(
            pairs("the Office of the United Nations High Commissioner for Refugees (UNHCR)")[0].1,
            "United Nations High Commissioner for Refugees"
        );
    }

    #[test]
    fn parentheses_that_hold_no_acronym_give_nothing() {
        assert!(pairs("resolution 2231 (2015) and the annex (see A/78/1)").is_empty());
        assert!(pairs("subparagraph (a) of paragraph 2 (b)").is_empty());
        assert!(pairs("the Assembly (UNRWA)").is_empty());
    }
}
