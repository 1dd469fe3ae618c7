//! Tracing agreed language: where else a paragraph stands, what a resolution cites and who
//! cites it, how the wording changed since the predecessor.
//!
//! Negotiators draft by reusing paragraphs already adopted and by updating last year's
//! resolution; these commands answer their questions from the index, one module a command:
//! [`show`] (a resolution read back in document order, its two language versions side by
//! side), [`cites`] (the clauses citing a document, the documents a resolution cites),
//! [`similar`] (the clauses worded like a paragraph, ranked by wording), [`diff`] (the
//! paragraphs of two resolutions aligned) and [`group`] (`query --group`: identical wordings
//! folded into one hit). [`stored`] reads resolutions back from the index and [`wording`]
//! compares wordings word by word.

pub mod cites;
pub mod diff;
pub mod group;
pub mod show;
pub mod similar;
pub mod stored;
pub mod wording;

use std::io::{self, Write};

use crate::output::Style;
use wording::{Hunk, Wording};

/// A new wording with its differences from an old one marked: on a terminal, removed words
/// struck through in red and added words in green; otherwise `[-removed-]{+added+}`, as `git
/// diff --word-diff=plain` writes them. `new` holds the words of `text`.
pub fn mark_changes(
    old: &Wording,
    new: &Wording,
    hunks: &[Hunk],
    text: &str,
    style: Style,
) -> String {
    let removed_mark = |words: &str| match style {
        Style::Color => format!("\x1b[9;31m{words}\x1b[0m"),
        Style::Plain => format!("[-{words}-]"),
    };
    let added_mark = |words: &str| match style {
        Style::Color => format!("\x1b[1;32m{words}\x1b[0m"),
        Style::Plain => format!("{{+{words}+}}"),
    };
    let between = if style == Style::Color { " " } else { "" };
    let mut out = String::with_capacity(text.len() + hunks.len() * 12);
    let mut from = 0;
    for hunk in hunks {
        let removed = old.slice(hunk.old.clone());
        if hunk.new.is_empty() {
            // Words only removed: marked before the next word, or after the last one.
            if removed.is_empty() {
                continue;
            }
            let (at, marked) = match new.span(hunk.new.start) {
                Some(next) => (next.start, format!("{} ", removed_mark(removed))),
                None => (
                    new.span(new.len().wrapping_sub(1))
                        .map_or(0, |last| last.end),
                    format!(" {}", removed_mark(removed)),
                ),
            };
            if at < from {
                continue;
            }
            out.push_str(&text[from..at]);
            out.push_str(&marked);
            from = at;
            continue;
        }
        let (Some(first), Some(last)) = (new.span(hunk.new.start), new.span(hunk.new.end - 1))
        else {
            continue;
        };
        if first.start < from {
            continue;
        }
        out.push_str(&text[from..first.start]);
        if !removed.is_empty() {
            out.push_str(&removed_mark(removed));
            out.push_str(between);
        }
        out.push_str(&added_mark(&text[first.start..last.end]));
        from = last.end;
    }
    out.push_str(&text[from..]);
    out
}

/// The changes of `hunks` as JSON: `[{"old": "77/172", "new": "78/158"}, …]`, an empty string
/// for words only added or only removed.
pub fn changes_json(old: &Wording, new: &Wording, hunks: &[Hunk]) -> serde_json::Value {
    serde_json::Value::Array(
        hunks
            .iter()
            .map(|hunk| {
                serde_json::json!({
                    "old": old.slice(hunk.old.clone()),
                    "new": new.slice(hunk.new.clone()),
                })
            })
            .collect(),
    )
}

/// Writes `value` as one line of JSON.
pub fn write_json_line(out: &mut impl Write, value: &serde_json::Value) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    writeln!(out)
}

/// A key that sorts symbols as people read them: `A/RES/78/9` before `A/RES/78/10`.
pub fn natural_key(symbol: &str) -> Vec<(String, u64)> {
    let mut key = Vec::new();
    let mut rest = symbol;
    while !rest.is_empty() {
        let text_len = rest
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(rest.len());
        let (text, tail) = rest.split_at(text_len);
        let digits_len = tail
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(tail.len());
        let (digits, tail) = tail.split_at(digits_len);
        key.push((text.to_string(), digits.parse().unwrap_or(0)));
        rest = tail;
    }
    key
}
