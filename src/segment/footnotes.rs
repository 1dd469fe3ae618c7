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
        let mut cites = cite::cites_in(&clause.text, body);
        for footnote in &clause.footnotes {
            cite::extend_cites(&mut cites, footnote, body);
        }
        clause.cites = cites;
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
    // Words a quantity follows, never a footnote marker: "the 10 principles", "during the past
    // 20 years", "concerned that 7 out of 11", "shall comprise 10 plenary meetings".
    "the",
    "that",
    "past",
    "next",
    "these",
    "those",
    "its",
    "their",
    "our",
    "nearly",
    "almost",
    "least",
    "another",
    "additional",
    "every",
    "within",
    "around",
    "roughly",
    "total",
    "totalling",
    "comprise",
    "comprises",
    "comprising",
    "les",
    "ses",
    "leurs",
    "ces",
    "près",
];

/// Words after a number that say it is a quantity: "the estimated annual 4 trillion dollars".
const MAGNITUDES: &[&str] = &[
    "per",
    "percent",
    "million",
    "millions",
    "billion",
    "billions",
    "trillion",
    "trillions",
    "milliard",
    "milliards",
    "pour",
];

/// Words that follow a footnote marker printed after a comma and never a number that counts:
/// "the cease-fire agreements, 183 including agreements for …" (a number counts with a noun
/// after it, "of", "per", "million", "to", "and" in a range, and "as" or "that" may follow one:
/// "124 States have joined the Convention, 112 as States parties").
const MARKER_FOLLOWERS: &[&str] = &[
    "including",
    "which",
    "whereby",
    "whose",
    "the",
    "and",
    "to",
    "be",
    "thereby",
    "since",
    "particularly",
    "especially",
    "notably",
    "inter",
    "notamment",
    "qui",
    "dont",
];

/// Whether the words after a number say it is a stray footnote marker: a function word
/// ([`MARKER_FOLLOWERS`]), or a participle that a preposition or article follows ("approved by
/// resolution 426 (1978)", "establishing the objective"), never a noun that a number would
/// count ("31 developing countries", "143 wounded and 185 kidnapped").
fn follows_a_marker(after: &[&str]) -> bool {
    let Some(word) = after.first().map(|w| clean_word(w)) else {
        return false;
    };
    if MARKER_FOLLOWERS.contains(&word.as_str()) {
        return true;
    }
    let participle = word.len() > 4
        && (word.ends_with("ed") || word.ends_with("ing"))
        && word.chars().all(|c| c.is_ascii_lowercase());
    participle
        && !after[0].ends_with([',', ';'])
        && after.get(1).is_some_and(|next| {
            matches!(
                clean_word(next).as_str(),
                "by" | "the"
                    | "at"
                    | "for"
                    | "to"
                    | "with"
                    | "from"
                    | "a"
                    | "an"
                    | "its"
                    | "his"
                    | "their"
                    | "upon"
            )
        })
}

/// Abbreviations a number follows as part of a reference: "Add.1", "S/Agenda/2329/Rev. 1,".
const ABBREVIATIONS: &[&str] = &[
    "Add.", "Corr.", "Rev.", "No.", "Nos.", "Vol.", "vol.", "para.",
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
    // The number of the marker taken from the token just before, if any.
    let mut previous_marker: Option<u32> = None;
    for (i, token) in tokens.iter().enumerate() {
        let previous_was_marker = std::mem::take(&mut previous_marker);
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
            // "Panel 2: Reshaping …", "Agenda 21:": a number that a colon follows names
            // something.
            let label = bare.ends_with(':') && !prev.ends_with([',', ';', ':', '.']);
            // "17 abductions, 9 sexual assaults": an item of a list of counts, unless the
            // numbers follow each other as markers do ("the tenth, 20 fifteenth, 21 …").
            // A marker is followed by a word that says nothing of what a number counts
            // ("185 kidnapped, 11 and noting"); a date is no count ("on 7 May, 23 30 May").
            let counted_item = i >= 2
                && prev.ends_with(',')
                && prev_core.ends_with(char::is_alphabetic)
                && month_number(&prev_word).is_none()
                && tokens[i - 2]
                    .parse::<u32>()
                    .is_ok_and(|m| m < 1000 && (m + 1 != n || !numbered.contains(&m)))
                && next_word
                    .as_deref()
                    .is_some_and(|w| !COMMON_FOLLOWERS.contains(&w));
            let next_ok = || {
                next_word
                    .as_deref()
                    .is_none_or(|w| month_number(w).is_none() && !MAGNITUDES.contains(&w))
                    && !is_number_range(&tokens[i + 1..])
                    && !counts_like_its_neighbours(&tokens, i)
                    && !label
                    && !counted_item
            };
            let slashed = token.ends_with('/') || token.contains("/");
            // A marker whose footnote is not in the file ends the clause after its
            // punctuation: "for admission to the United Nations, 380".
            let last = i + 1 == tokens.len()
                && prev.ends_with([',', ';', '.', ':'])
                && !ABBREVIATIONS.iter().any(|a| prev.ends_with(a))
                && bare.len() == token.len();
            // OCR of the printed volumes leaves inline the number of a footnote printed
            // elsewhere, after the comma that follows the word it marks: "the cease-fire
            // agreements, 183 including agreements for …".
            // It follows a word, a date ("of 12 August 1949, 22 to all the Arab territories"), a
            // symbol or a closing mark, never a number of a list ("5, 6 and 7").
            let small_number =
                prev_core.len() <= 3 && prev_core.bytes().all(|b| b.is_ascii_digit());
            let stray = prev.ends_with(',')
                && !small_number
                && !NUMBER_CONTEXT.contains(&prev_word.as_str())
                && bare.len() == token.len()
                && tokens
                    .get(i + 1)
                    .is_some_and(|w| w.starts_with(char::is_lowercase))
                && follows_a_marker(&tokens[i + 1..])
                // Not a count among counts: "116 personnel killed, 143 wounded" (a date's day
                // and year count nothing: "of 12 August 1949, 22 to all").
                && !tokens[i.saturating_sub(3)..i].iter().enumerate().any(|(k, t)| {
                    let at = i.saturating_sub(3) + k;
                    let in_date = |j: usize| {
                        tokens.get(j).is_some_and(|w| month_number(&clean_word(w)).is_some())
                    };
                    t.trim_end_matches([',', ';']).parse::<u32>().is_ok()
                        && !(at > 0 && in_date(at - 1))
                        && !in_date(at + 1)
                })
                && (!numbered.contains(&n) || n >= *next)
                && next_ok();
            // Markers in a row: "the Republic of the Congo, 21 22" (the first one taken).
            let in_a_row = previous_was_marker.is_some_and(|m| m + 1 == n)
                && (numbered.contains(&n) || !numbered.contains(&(n.saturating_sub(1))))
                && next_ok();
            // Unexplained markers that end a clause: "the United States of America, 162 163".
            let trailing = tokens[i..].iter().all(is_bare_number)
                && tokens[..i]
                    .iter()
                    .rev()
                    .find(|t| !is_bare_number(t))
                    .is_some_and(|t| {
                        let core = t.trim_end_matches([',', ';', '.', ':']);
                        core.len() < t.len()
                            && !core.bytes().all(|b| b.is_ascii_digit())
                            && !NUMBER_CONTEXT.contains(&clean_word(core).as_str())
                            && !ABBREVIATIONS.iter().any(|a| t.ends_with(a))
                    });
            if is_known_marker(n, *next, numbered) && prev_ok && !list_number && next_ok()
                || (slashed && prev_ok && n == *next)
                || last
                || stray
                || in_a_row
                || trailing
            {
                if (last || stray || in_a_row || trailing) && !numbered.contains(&n) {
                    previous_marker = Some(n);
                    continue;
                }
                markers.push(n.to_string());
                previous_marker = Some(n);
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
            previous_marker = Some(n);
            *next = n + 1;
            push(&mut out, &kept);
            continue;
        }
        push(&mut out, token);
    }
    (out, markers)
}

/// `12`, `163`: a number of at most three digits, nothing else.
fn is_bare_number(token: &&str) -> bool {
    !token.is_empty() && token.len() <= 3 && token.bytes().all(|b| b.is_ascii_digit())
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
    let before_glue = stem[..stem.len() - glued_to.len_utf8()].chars().last();
    // "1.5 degrees", "target 16.4,", "3.4 of the adopted text": a decimal, never a marker;
    // "12,500", "US$1,250,000": thousands (not after a year, "2024,113", nor a symbol,
    // "resolution 5/14,118").
    let decimal = glued_to == '.' && before_glue.is_some_and(|c| c.is_ascii_digit());
    let thousands = glued_to == ',' && digits == 3 && {
        let before = &stem[..stem.len() - 1];
        let group = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let ahead = before[..before.len() - group].chars().last();
        (1..=3).contains(&group) && ahead.is_none_or(|c| matches!(c, ',' | '$' | '€' | '£' | '('))
    };
    if decimal || thousands {
        return None;
    }
    let allowed = glued_to.is_alphabetic() || ",;:.”’)\"".contains(glued_to);
    // Symbols and codes keep their digits: "G20", "A/79/1", "H2O", "Add.1" ("COVID-19" is
    // not glued to a letter); a hyphenated word keeps its marker: "fifty-ninth3".
    let abbreviation = ABBREVIATIONS.iter().any(|a| stem.ends_with(a));
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
