//! Stages 4 and 7: footnotes, and the markers that point to them.
//!
//! Footnotes are printed after a rule (`_____`), after the closing lines, or (in older Security
//! Council texts and OCR of the printed volumes) as a block between two paragraphs. This file
//! collects them, then strips their markers from the clause texts (glued `centrale1,`, spaced
//! `Court 1 reaffirms`, slashed `1/`, starred `*`) without taking the numbers a text counts or
//! dates with, and attaches each footnote to the clause that points to it.

use crate::cite;
use crate::model::{Body, Clause};

use super::blocks::{append_line, collapse_spaces};
use super::head::month_number;
use super::openings::{OPERATIVE_VERBS, clean_word};

/// A footnote: its marker (`1`, `*`) and text.
#[derive(Debug, Clone)]
pub(super) struct Footnote {
    pub(super) marker: String,
    pub(super) text: String,
}

/// `_____`: the rule printed above a page's footnotes.
fn is_footnote_rule(line: &str) -> bool {
    line.len() >= 5 && line.bytes().all(|c| c == b'_')
}

/// `1 United Nations…` / `1/ S/25046.` / `* Paragraph 3…` → (marker, text).
pub(super) fn footnote_start(line: &str) -> Option<(String, &str)> {
    let line = line.trim_start();
    if let Some(rest) = line.strip_prefix("* ") {
        return Some(("*".to_string(), rest.trim()));
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let rest = &line[digits..];
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    if !rest.starts_with(' ') {
        return None;
    }
    let text = rest.trim();
    // "3. Requests" is an operative paragraph; a footnote starts with a word, symbol or "See".
    (!text.is_empty()).then(|| (line[..digits].to_string(), text))
}

/// Finds footnote blocks (after a rule, or after the closing lines, which start at `end`),
/// records their footnotes and marks their lines as noise.
pub(super) fn collect_footnotes(lines: &[&str], noise: &mut [bool], end: usize) -> Vec<Footnote> {
    let mut footnotes: Vec<Footnote> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim();
        let after_closing = i >= end;
        if is_footnote_rule(line) {
            noise[i] = true;
            i = read_footnote_entries(lines, noise, i + 1, &mut footnotes);
            continue;
        }
        if after_closing
            && footnote_start(line).is_some()
            && (i == 0 || lines[i - 1].trim().is_empty())
        {
            i = read_footnote_entries(lines, noise, i, &mut footnotes);
            continue;
        }
        i += 1;
    }
    footnotes
}

/// Reads footnote entries from `i`: each starts with a marker and runs to the next blank line.
/// Returns the first line after them.
fn read_footnote_entries(
    lines: &[&str],
    noise: &mut [bool],
    mut i: usize,
    out: &mut Vec<Footnote>,
) -> usize {
    loop {
        while i < lines.len() && lines[i].trim().is_empty() {
            i += 1;
        }
        if i >= lines.len() {
            return i;
        }
        let Some((marker, first)) = footnote_start(lines[i]) else {
            return i;
        };
        let mut text = first.to_string();
        noise[i] = true;
        i += 1;
        while i < lines.len() && !lines[i].trim().is_empty() && !noise[i] {
            // Footnotes printed without a blank line between them: `16 See …\n17 Ibid.`.
            let next_entry = lines[i - 1].trim_end().ends_with('.')
                && footnote_start(lines[i])
                    .is_some_and(|(next, text)| next_footnote_number(&marker, &next, text));
            if next_entry {
                break;
            }
            append_line(&mut text, lines[i].trim(), None);
            noise[i] = true;
            i += 1;
        }
        out.push(Footnote {
            marker,
            text: collapse_spaces(&text),
        });
    }
}

/// `18 Resolutions or decisions on this question …`: a footnote printed between paragraphs of
/// OCR text; its number has no period, and its first word is no operative verb.
pub(super) fn is_inline_footnote(line: &str) -> bool {
    let Some((_, text)) = footnote_start(line) else {
        return false;
    };
    if line.trim_start().starts_with('*') {
        return false;
    }
    let first = text.split_whitespace().next().unwrap_or("");
    let word = first.trim_end_matches([',', ':', ';']).to_lowercase();
    first.starts_with(char::is_uppercase) && !OPERATIVE_VERBS.contains(&word.as_str())
}

/// Whether a line starting `next text` opens the footnote after `marker` rather than continuing
/// it ("16 Resolution 75/1 of\n17 December 2020" continues).
pub(super) fn next_footnote_number(marker: &str, next: &str, text: &str) -> bool {
    let follows = matches!(
        (marker.parse::<u32>(), next.parse::<u32>()),
        (Ok(a), Ok(b)) if b == a + 1
    );
    let first = text.split_whitespace().next().unwrap_or("");
    follows && month_number(first.trim_end_matches([',', '.'])).is_none()
}

// ---------------------------------------------------------------------------------------------
// Footnote markers

/// Strips footnote markers from each clause, in document order, attaching the footnotes they
/// point to; then fills each clause's cites from its text and its footnotes.
pub(super) fn attach_footnotes(clauses: &mut [Clause], footnotes: &[Footnote], body: Body) {
    let numbered: Vec<u32> = footnotes
        .iter()
        .filter_map(|f| f.marker.parse().ok())
        .collect();
    let mut next = numbered.first().copied().unwrap_or(1);
    for clause in clauses.iter_mut() {
        let (text, markers) = strip_markers(&clause.text, &numbered, &mut next, footnotes);
        clause.text = text;
        for marker in markers {
            if let Some(f) = footnotes.iter().find(|f| f.marker == marker)
                && !clause.footnotes.contains(&f.text)
            {
                clause.footnotes.push(f.text.clone());
            }
        }
        let texts = std::iter::once(&clause.text).chain(&clause.footnotes);
        clause.cites = cite::cites_in_all(texts.map(String::as_str), body);
    }
}

/// Words after which a number is part of the text, not a footnote marker.
const NUMBER_CONTEXT: &[&str] = &[
    "paragraph",
    "paragraphs",
    "para",
    "paras",
    "article",
    "articles",
    "resolution",
    "resolutions",
    "chapter",
    "section",
    "sections",
    "vol",
    "no",
    "nos",
    "page",
    "pages",
    "annex",
    "rule",
    "rules",
    "principle",
    "goal",
    "goals",
    "target",
    "targets",
    "item",
    "items",
    "and",
    "to",
    "of",
    "from",
    "et",
    "à",
    "au",
    "du",
    "le",
    "la",
    "les",
    "de",
    "des",
    "paragraphe",
    "paragraphes",
    "alinéa",
    "résolution",
    "résolutions",
    "décision",
    "decision",
    "part",
    "chap",
    "sect",
    "annexe",
    "or",
    "ou",
    "sur",
    "than",
    "by",
    "at",
    "in",
    "on",
    "en",
    "with",
    "avec",
    "protocol",
    "phase",
    "level",
    "category",
    "column",
    "table",
    "figure",
    "box",
    "step",
    "stage",
    "title",
    "book",
    "volume",
    "session",
    "meeting",
    "séance",
    "agenda",
    "point",
    "year",
    "years",
    "per",
    "approximately",
    "about",
    "some",
    "over",
    "under",
    "only",
    "all",
    "first",
    "last",
    "were",
    "are",
    "is",
    "was",
];

/// Whether `n` numbers a footnote of the file and is the marker expected next or at most two
/// after it.
fn is_known_marker(n: u32, expected: u32, numbered: &[u32]) -> bool {
    (expected..=expected + 2).contains(&n) && numbered.contains(&n)
}

/// `and 7 September`, `to 24 April`: the number before is the start of a range, no marker.
fn is_number_range(after: &[&str]) -> bool {
    matches!(after, [link, number, ..]
        if matches!(*link, "and" | "to" | "or" | "-" | "–" | "et" | "au")
            && !number.is_empty()
            && number
                .trim_end_matches([',', ';', '.', ':'])
                .bytes()
                .all(|c| c.is_ascii_digit()))
}

/// Words a footnote marker is often followed by, which say nothing of what a number counts.
const COMMON_FOLLOWERS: &[&str] = &[
    "and", "or", "the", "a", "an", "which", "that", "in", "to", "as", "is", "on", "of", "for",
    "with", "by", "et", "ou", "le", "la", "les", "des", "du", "de", "qui", "que", "en", "dans",
];

/// Whether the number at `i` counts something like other numbers of the text do: "6 from
/// African States, 5 from Asia-Pacific States" (the same word follows another number, and the
/// numbers do not rise through the text as footnote markers do).
fn counts_like_its_neighbours(tokens: &[&str], i: usize) -> bool {
    let Some(word) = tokens.get(i + 1) else {
        return false;
    };
    if COMMON_FOLLOWERS.contains(&clean_word(word).as_str()) {
        return false;
    }
    let Ok(n) = tokens[i].parse::<u32>() else {
        return false;
    };
    tokens.windows(2).enumerate().any(|(j, pair)| {
        j != i
            && pair[1] == *word
            && pair[0]
                .parse::<u32>()
                .is_ok_and(|m| (j < i && m >= n) || (j > i && m <= n))
    })
}

/// Removes the footnote markers of a text: glued (`centrale1,`, `Court,2`), after a year
/// (`20173,` for footnote 3 after `juin`), spaced (`Court 1 reaffirms`), slashed (`1/`) and
/// starred (`*`). Returns the text and the markers found.
fn strip_markers(
    text: &str,
    numbered: &[u32],
    next: &mut u32,
    footnotes: &[Footnote],
) -> (String, Vec<String>) {
    let has_star = footnotes.iter().any(|f| f.marker == "*");
    // Every marker is a digit or a star: most clauses hold neither and stay as they are.
    if !text
        .bytes()
        .any(|b| b.is_ascii_digit() || (has_star && b == b'*'))
    {
        return (text.to_string(), Vec::new());
    }
    let tokens = split_on_spaces(text);
    // The text without its markers, token by token: a marker's trailing punctuation goes onto
    // the token before it.
    let mut out = String::with_capacity(text.len());
    let push = |out: &mut String, token: &str| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(token);
    };
    let mut markers = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        // Starred marker: "Relies on * the".
        if has_star && *token == "*" {
            markers.push("*".to_string());
            continue;
        }
        // Every other marker has a digit: most tokens have none.
        if !token.bytes().any(|b| b.is_ascii_digit()) {
            push(&mut out, token);
            continue;
        }
        let previous = if i > 0 { Some(tokens[i - 1]) } else { None };
        // Spaced marker: "Court 1 reaffirms", "2023/24; 4", "United Nations, 1/".
        let bare = token.trim_end_matches('/');
        let bare_digits = bare.trim_end_matches([',', ';', '.', ':']);
        if !bare_digits.is_empty()
            && bare_digits.len() <= 3
            && bare_digits.bytes().all(|c| c.is_ascii_digit())
            && let (Some(prev), Ok(n)) = (previous, bare_digits.parse::<u32>())
        {
            let prev_word = clean_word(prev);
            // "of 25 January 1968 4 on the illegal detention": after a date's year.
            let after_year = prev.len() == 4
                && prev.parse::<u32>().is_ok_and(|y| (1945..2100).contains(&y))
                && i >= 2
                && month_number(&clean_word(tokens[i - 2])).is_some();
            // The word before, without its punctuation, ends in a letter, a quote or a
            // bracket: not "targets 9, 11, 16" nor "Congress. 2. Organizational".
            // After a number, a bare marker only, after punctuation or a symbol:
            // "Agenda 21, 3 the Johannesburg Declaration", "2016, 5 34/32 of",
            // "71/205 13 and 72/190" (lists and ranges are caught below).
            let next_word = tokens.get(i + 1).map(|w| clean_word(w));
            let prev_core = prev.trim_end_matches([',', ';', ':', '.']);
            let after_number = prev_core.ends_with(|c: char| c.is_ascii_digit())
                && (prev.len() > prev_core.len() || prev_core.contains('/'))
                && bare_digits.len() == bare.len();
            let prev_ok = (prev_core.ends_with(|c: char| c.is_alphabetic() || "”’)\"".contains(c))
                && !NUMBER_CONTEXT.contains(&prev_word.as_str()))
                || after_year
                || after_number;
            let list_number = prev.ends_with(['.', ':']) && bare.ends_with('.');
            let next_ok = || {
                next_word
                    .as_deref()
                    .is_none_or(|w| month_number(w).is_none() && w != "per" && w != "percent")
                    && !is_number_range(&tokens[i + 1..])
                    && !counts_like_its_neighbours(&tokens, i)
            };
            let slashed = token.ends_with('/') || token.contains("/");
            // A marker whose footnote is not in the file ends the clause after its
            // punctuation: "for admission to the United Nations, 380".
            let last = i + 1 == tokens.len()
                && prev.ends_with([',', ';', '.', ':'])
                && bare.len() == token.len();
            if is_known_marker(n, *next, numbered) && prev_ok && !list_number && next_ok()
                || (slashed && prev_ok && n == *next)
                || last
            {
                if last && !numbered.contains(&n) {
                    continue;
                }
                markers.push(n.to_string());
                *next = (*next).max(n + 1);
                let punctuation = &bare[bare_digits.len()..];
                if !punctuation.is_empty() && !out.is_empty() {
                    out.push_str(punctuation);
                }
                continue;
            }
        }
        // Glued marker: trailing digits after a letter or punctuation.
        if let Some((kept, n)) = glued_marker(token, previous, *next, numbered) {
            markers.push(n.to_string());
            *next = n + 1;
            push(&mut out, &kept);
            continue;
        }
        push(&mut out, token);
    }
    (out, markers)
}

/// `text.split(' ')`, collected; a plain byte loop, faster than `split`'s search on the short
/// words of a clause.
fn split_on_spaces(text: &str) -> Vec<&str> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b' ' {
            tokens.push(&text[start..i]);
            start = i + 1;
        }
    }
    tokens.push(&text[start..]);
    tokens
}

/// `centrale1,` → (`centrale,`, 1); `Court,2` → (`Court,`, 2); `20173,` after a month →
/// (`2017,`, 3). Only the expected footnote numbers count.
fn glued_marker(
    token: &str,
    previous: Option<&str>,
    expected: u32,
    numbered: &[u32],
) -> Option<(String, u32)> {
    let trailing_punct = token.len() - token.trim_end_matches([',', ';', '.', ':', ')']).len();
    let core = &token[..token.len() - trailing_punct];
    let digits = core.len() - core.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits == core.len() && digits < 5 {
        return None;
    }
    let stem = &core[..core.len() - digits];
    let number_part = &core[core.len() - digits..];
    if digits == core.len() {
        // A year with a glued marker: "20173" after a month name.
        if previous.is_none_or(|p| month_number(clean_word(p).as_str()).is_none()) {
            return None;
        }
        let (year, marker) = number_part.split_at(4);
        let year: u32 = year.parse().ok()?;
        let n: u32 = marker.parse().ok()?;
        if (1945..2100).contains(&year) && is_known_marker(n, expected, numbered) {
            return Some((format!("{}{}", &core[..4], &token[core.len()..]), n));
        }
        return None;
    }
    if digits > 3 {
        return None;
    }
    let glued_to = stem.chars().last()?;
    let allowed = glued_to.is_alphabetic() || ",;:.”’)\"".contains(glued_to);
    // Symbols and codes keep their digits: "G20", "A/79/1", "H2O", "Add.1" ("COVID-19" is
    // not glued to a letter); a hyphenated word keeps its marker: "fifty-ninth3".
    let abbreviation = [
        "Add.", "Corr.", "Rev.", "No.", "Nos.", "Vol.", "vol.", "para.",
    ]
    .iter()
    .any(|a| stem.ends_with(a));
    // After a comma, semicolon, colon, bracket or quote the digits are a marker whatever the
    // word holds: "resolution 77/226,4", "Working Group III;21".
    let after_punctuation = ",;:)”’\"".contains(glued_to);
    let code_like = (stem.contains('/') && !after_punctuation)
        || abbreviation
        || stem.chars().filter(|c| c.is_uppercase()).count() >= 2 && stem.len() <= 4;
    let n: u32 = number_part.parse().ok()?;
    if allowed && !code_like && is_known_marker(n, expected, numbered) {
        return Some((format!("{stem}{}", &token[core.len()..]), n));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitting_on_spaces_is_splitting_on_each_space() {
        for text in ["", " ", "a", "a b", " a  b ", "été 12, à", "a\u{a0}b c"] {
            let expected: Vec<&str> = text.split(' ').collect();
            assert_eq!(split_on_spaces(text), expected, "{text:?}");
        }
    }

    fn footnotes(markers: &[u32]) -> Vec<Footnote> {
        markers
            .iter()
            .map(|n| Footnote {
                marker: n.to_string(),
                text: format!("Footnote {n}."),
            })
            .collect()
    }

    /// The text without markers, and the markers found, for footnotes numbered `markers`.
    fn strip(text: &str, markers: &[u32]) -> (String, Vec<String>) {
        let notes = footnotes(markers);
        let numbered: Vec<u32> = markers.to_vec();
        let mut next = markers[0];
        strip_markers(text, &numbered, &mut next, &notes)
    }

    #[test]
    fn markers_glued_after_punctuation_go_even_after_a_symbol() {
        let (text, found) = strip("submitted in accordance with resolution 77/226,4", &[4]);
        assert_eq!(text, "submitted in accordance with resolution 77/226,");
        assert_eq!(found, ["4"]);
        let (text, _) = strip(
            "at its forty-ninth,1 fifty-fourth,2 fifty-ninth3 and",
            &[1, 2, 3],
        );
        assert_eq!(text, "at its forty-ninth, fifty-fourth, fifty-ninth and");
    }

    #[test]
    fn numbers_that_count_or_date_stay() {
        let (text, found) = strip("in Geneva on 6 and 7 September 2022, which", &[6, 7]);
        assert_eq!(text, "in Geneva on 6 and 7 September 2022, which");
        assert!(found.is_empty());
        let text = "25 Member States, 6 from African States, 5 from Asia-Pacific States, 3 from Eastern European States";
        assert_eq!(strip(text, &[5, 6]).0, text);
        let text = "Opening of the Congress. 2. Organizational matters.";
        assert_eq!(strip(text, &[2]).0, text);
    }

    #[test]
    fn spaced_markers_after_a_year_or_a_symbol_go() {
        let (text, _) = strip("of 25 January 1968 4 on the illegal detention", &[4]);
        assert_eq!(text, "of 25 January 1968 on the illegal detention");
        let (text, _) = strip(
            "resolutions 70/174, 71/205 13 and 72/190, 14 and the reports",
            &[13, 14],
        );
        assert_eq!(
            text,
            "resolutions 70/174, 71/205 and 72/190, and the reports"
        );
    }

    #[test]
    fn a_marker_without_its_footnote_ends_a_clause() {
        let (text, found) = strip("for admission to the United Nations, 380", &[1]);
        assert_eq!(text, "for admission to the United Nations,");
        assert!(found.is_empty());
    }
}
