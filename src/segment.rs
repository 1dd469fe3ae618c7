//! Cutting one resolution text into clause documents.
//!
//! Real resolution files are PDF extractions or OCR: mastheads, running headers, job numbers,
//! barcodes, footnote rules and blocks, hyphenated words and paragraphs broken across pages.
//! This module turns such a text into a [`Resolution`]: metadata read from the head and the
//! closing lines, then preambular and operative [`Clause`]s with their footnotes and citations.
//!
//! It works line by line in four passes: mark noise lines (headers and running titles, footnote
//! blocks, links), group the remaining lines of the body into blocks (moving footnotes printed
//! between paragraphs out of them), join blocks into clauses (paragraphs cut by a page break,
//! subparagraphs, quotations, lists and tables announced by a colon, headings and section marks),
//! then strip footnote markers and attach footnotes.
//!
//! Every rule here answers a pattern seen in the real corpus (`../shared/corpus`); the tests in
//! `tests/segment_corpus.rs` and `tests/golden/` hold them to it.

use anyhow::{Context, Result, bail};
use std::path::Path;

use crate::cite;
use crate::model::{Body, Clause, ClauseType, Language, Resolution};

/// Reads and segments one resolution file. Errors name the reason; the caller names the file.
pub fn segment_file(path: &Path) -> Result<Resolution> {
    let bytes = std::fs::read(path).context("cannot read the file")?;
    let name = path.file_stem().and_then(|s| s.to_str());
    segment_bytes(&bytes, name)
}

/// Segments raw bytes, which must be UTF-8 text. `name_hint` is the file stem, used as the
/// symbol of last resort (`A_RES_79_6` → `A/RES/79/6`).
pub fn segment_bytes(bytes: &[u8], name_hint: Option<&str>) -> Result<Resolution> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => bail!(
            "not UTF-8 text (invalid byte at offset {}); convert it to UTF-8 first",
            e.valid_up_to()
        ),
    };
    segment_text(text, name_hint)
}

/// Segments a resolution text.
pub fn segment_text(text: &str, name_hint: Option<&str>) -> Result<Resolution> {
    if text.trim().is_empty() {
        bail!("empty file: no resolution text in it");
    }
    if text.contains('\0') {
        bail!("binary file, not a resolution text");
    }
    let normalized = normalize(text);
    let lines: Vec<&str> = normalized.lines().collect();
    let language = detect_language(&normalized);

    let organ = find_organ_line(&lines);
    let head_end = organ.unwrap_or(lines.len().min(60));
    let double_spaced = is_double_spaced(&lines);
    let mut head = read_head(
        &lines[..head_end],
        name_hint,
        double_spaced,
        organ.is_some(),
    )?;
    // Early Security Council texts print their "Whereas" paragraphs before the organ line
    // ("Whereas …,\n\nThe Security Council\n\n1. Notes …"): the body starts at the first of them.
    let early_preamble = organ.and_then(|organ| preamble_before_organ(&lines, &head, organ));
    let start = match (early_preamble, organ) {
        (Some(i), _) => i,
        (None, Some(i)) => i + 1,
        (None, None) => find_body_start(&lines, &head).ok_or_else(|| {
            anyhow::anyhow!(
                "not a resolution: no organ line (\"The General Assembly,\", \"Le Conseil de sécurité,\" …) and no clause found"
            )
        })?,
    };
    let end = find_closing(&lines, start, head.body).unwrap_or(lines.len());

    // Running titles repeat what is printed before the body, and only that.
    head.masthead = match &head.title {
        Some(title) => comparison_key(title),
        None => comparison_key(&lines[..start].join(" ")),
    };
    let mut noise = mark_noise(&lines, &head);
    if let (Some(_), Some(organ)) = (early_preamble, organ) {
        noise[organ] = true;
    }
    let mut footnotes = collect_footnotes(&lines, &mut noise, start, end);
    let organ_in_body = early_preamble.and(organ).map(|organ| organ - start);
    let blocks = body_blocks(
        &lines[start..end],
        &noise[start..end],
        double_spaced,
        organ_in_body,
        &mut footnotes,
    );
    let lower_body = std::cell::OnceCell::new();
    let vocabulary = Vocabulary::of(&lines[start..end], &lower_body);
    let mut clauses = assemble_clauses(&blocks, language, &vocabulary);
    if clauses.is_empty() {
        bail!("not a resolution: no preambular or operative paragraph found");
    }
    attach_footnotes(&mut clauses, &footnotes, head.body);

    let (meeting, closing_date) = read_closing(&lines[end.min(lines.len())..]);
    Ok(Resolution {
        symbol: head.symbol,
        language,
        body: head.body,
        session: head.session,
        title: head.title,
        adopted: head.adopted.or(closing_date),
        meeting: head.meeting.or(meeting),
        clauses,
    })
}

// ---------------------------------------------------------------------------------------------
// Normalisation and language

/// Unifies line ends, page breaks and odd spaces, so that later passes see plain lines.
fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Copies the runs between special characters whole.
    let mut run_start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        // Only these bytes can start a character replaced below: the lead bytes of U+0080–
        // U+00BF (C2), U+1680 (E1), U+2000–U+205F (E2), U+3000 (E3), U+FEFF (EF), and five
        // ASCII ones. Every other byte (most of the text) is copied with its run.
        if !matches!(
            b,
            b'~' | b'\r' | b'\t' | 0x0b | 0x0c | 0xc2 | 0xe1 | 0xe2 | 0xe3 | 0xef
        ) {
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let replacement = match c {
            // OCR reads a hyphen between two letters as a tilde: "Secretary~General".
            '~' if text[..i].ends_with(char::is_alphabetic)
                && text[i + 1..].starts_with(char::is_alphabetic) =>
            {
                "-"
            }
            // CRLF is one line end; a lone CR (old Mac files) is one too.
            '\r' if text[i + 1..].starts_with('\n') => "",
            '\r' => "\n",
            '\u{ad}' | '\u{200b}' | '\u{feff}' => "",
            '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}' => "\n",
            // Every other white space becomes a plain space: later passes split on ASCII.
            '\u{a0}'
            | '\u{2000}'..='\u{200a}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{1680}'
            | '\u{3000}'
            | '\u{b}'
            | '\t' => " ",
            _ => continue,
        };
        out.push_str(&text[run_start..i]);
        out.push_str(replacement);
        run_start = i + c.len_utf8();
    }
    out.push_str(&text[run_start..]);
    out
}

const FRENCH_MARKERS: &[&str] = &[
    "le", "la", "les", "des", "du", "et", "dans", "pour", "sur", "une", "que", "aux", "est",
];
const ENGLISH_MARKERS: &[&str] = &[
    "the", "of", "and", "to", "in", "for", "that", "with", "on", "its", "is",
];

/// French or English, by counting frequent function words.
fn detect_language(text: &str) -> Language {
    let (mut fr, mut en) = (0usize, 0usize);
    for word in text.split(|c: char| !c.is_alphabetic()).take(5000) {
        if word.len() > 5 || word.is_empty() {
            continue;
        }
        if FRENCH_MARKERS.iter().any(|m| m.eq_ignore_ascii_case(word)) {
            fr += 1;
        } else if ENGLISH_MARKERS.iter().any(|m| m.eq_ignore_ascii_case(word)) {
            en += 1;
        }
    }
    if fr > en { Language::Fr } else { Language::En }
}

// ---------------------------------------------------------------------------------------------
// Head: symbol, body, session, title, date

struct Head {
    symbol: String,
    body: Body,
    session: Option<u32>,
    title: Option<String>,
    adopted: Option<String>,
    meeting: Option<String>,
    /// Index (in the head) of the line after the title, where clauses may start without organ line.
    after_title: usize,
    /// The title (or, where none is printed, the masthead) as a [`comparison_key`], to
    /// recognise running titles in page headers.
    masthead: String,
}

/// Folds apostrophes and case so that organ lines compare simply.
fn fold_line(line: &str) -> String {
    line.trim()
        .trim_end_matches([',', ':', '.'])
        .trim()
        .replace(['’', 'ʼ'], "'")
        .to_lowercase()
}

const ORGAN_LINES: &[&str] = &[
    "the general assembly",
    "l'assemblée générale",
    "the security council",
    "le conseil de sécurité",
    "therefore the security council",
];

fn find_organ_line(lines: &[&str]) -> Option<usize> {
    lines
        .iter()
        .position(|line| line.len() < 60 && ORGAN_LINES.contains(&fold_line(line).as_str()))
}

/// Reads the metadata printed before the body. `head` runs to the organ line where
/// `organ_found`, and then the title is every line from the `79/6.` line to it.
fn read_head(
    head: &[&str],
    name_hint: Option<&str>,
    double_spaced: bool,
    organ_found: bool,
) -> Result<Head> {
    let mut symbol = None;
    let mut body = None;
    let mut session = None;
    let mut title = None;
    let mut adopted = None;
    let mut meeting = None;
    let mut after_title = 0;
    // The number of a Security Council heading the symbol was read from, whose year an OCR slip
    // may have garbled ("Resolution 434 (1973)" above "of 18 September 1978").
    let mut sc_heading_number = None;
    for (i, raw) in head.iter().enumerate() {
        let line = raw.trim();
        if symbol.is_none()
            && let Some(s) = masthead_symbol(line)
        {
            body = Some(if s.starts_with("S/") {
                Body::SecurityCouncil
            } else {
                Body::GeneralAssembly
            });
            symbol = Some(s);
            continue;
        }
        if let Some((number, year, rest)) = sc_heading(line) {
            if symbol.is_none() {
                symbol = Some(format!("S/RES/{number} ({year})"));
                sc_heading_number = Some(number);
            }
            body = Some(Body::SecurityCouncil);
            after_title = i + 1;
            if let Some(date) = rest.and_then(parse_date) {
                adopted = Some(date);
            }
            continue;
        }
        if let Some((s, n, rest)) = ga_title_line(line) {
            symbol.get_or_insert_with(|| format!("A/RES/{s}/{n}"));
            body = Some(Body::GeneralAssembly);
            session = Some(s);
            // The title may wrap over the following lines, until a blank line.
            // A double-spaced file puts a blank line between the title's lines too.
            let mut full = rest.to_string();
            let mut j = i + 1;
            loop {
                if j < head.len() && !head[j].trim().is_empty() {
                    append_line(&mut full, head[j].trim(), None);
                    j += 1;
                } else if organ_found && j < head.len() {
                    // "79/243. United Nations Convention against Cybercrime;\n\n Strengthening …"
                    j += 1;
                } else if double_spaced
                    && j + 1 < head.len()
                    && !head[j + 1].trim().is_empty()
                    && !head[j + 1].starts_with(' ')
                {
                    j += 1;
                } else {
                    break;
                }
            }
            title = Some(collapse_spaces(&full));
            after_title = j;
            continue;
        }
        let lower = line.to_lowercase();
        if adopted.is_none()
            && (lower.starts_with("of ")
                || lower.starts_with("on ")
                || lower.contains("adopted by the")
                || lower.starts_with("adoptée par"))
            && let Some(date) = parse_date(line)
        {
            adopted = Some(date);
        }
        // "Adopted by the Security Council at its 3258th meeting," (OCR: "at _its").
        if meeting.is_none() && lower.starts_with("adopted by the security council at") {
            meeting = lower
                .split_whitespace()
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
                .find(|w| {
                    w.starts_with(|c: char| c.is_ascii_digit())
                        && (w.ends_with("th")
                            || w.ends_with("st")
                            || w.ends_with("nd")
                            || w.ends_with("rd"))
                })
                .map(|w| format!("{w} meeting"));
        }
    }
    if symbol.is_none()
        && let Some(s) = name_hint.and_then(symbol_from_file_name)
    {
        body = Some(if s.starts_with("S/") {
            Body::SecurityCouncil
        } else {
            Body::GeneralAssembly
        });
        symbol = Some(s);
    }
    if let (Some(number), Some(date)) = (sc_heading_number, &adopted) {
        // The heading and its date line print the same year; where they disagree, the date's
        // year is the one to trust (OCR misreads the heading's digits more often).
        let year = &date[..4];
        if symbol
            .as_deref()
            .is_some_and(|s| !s.ends_with(&format!("({year})")))
        {
            symbol = Some(format!("S/RES/{number} ({year})"));
        }
    }
    let Some(symbol) = symbol else {
        bail!(
            "not a resolution: no document symbol in its masthead or title, nor in its file name (name it like A_RES_79_6.txt)"
        );
    };
    let body = body.unwrap_or(Body::GeneralAssembly);
    if session.is_none() && body == Body::GeneralAssembly {
        session = symbol
            .strip_prefix("A/RES/")
            .and_then(|rest| rest.split('/').next())
            .and_then(|s| s.parse().ok());
    }
    let masthead = comparison_key(&head.join(" "));
    Ok(Head {
        symbol,
        body,
        session,
        title,
        adopted,
        meeting,
        after_title,
        masthead,
    })
}

/// `A/RES/79/6` or `S/RES/1454 (2002)` as printed in a masthead (possibly after "United Nations").
fn masthead_symbol(line: &str) -> Option<String> {
    let line = line.strip_prefix("United Nations").unwrap_or(line).trim();
    if !(line.starts_with("A/RES/") || line.starts_with("S/RES/")) {
        return None;
    }
    cite::normalize_symbol(line)
}

/// `Resolution 242 (1967)`, `RESOLUTION 800 (1993)`, `2 (1946). Resolution of 30 January 1946`.
/// Returns number, year and what follows.
fn sc_heading(line: &str) -> Option<(u32, u32, Option<&str>)> {
    let (rest, after_word) = if line
        .get(..11)
        .is_some_and(|w| w.eq_ignore_ascii_case("resolution "))
    {
        (&line[11..], true)
    } else {
        (line, false)
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let number: u32 = rest[..digits].parse().ok()?;
    let rest = rest[digits..].trim_start().strip_prefix('(')?;
    let year: u32 = rest.get(..4)?.parse().ok()?;
    let rest = rest[4..].strip_prefix(')')?;
    if !(1945..2100).contains(&year) {
        return None;
    }
    if after_word {
        if !rest.trim().is_empty() {
            return None;
        }
        return Some((number, year, None));
    }
    let rest = rest.strip_prefix('.')?.trim_start();
    rest.starts_with("Resolution")
        .then_some((number, year, Some(rest)))
}

/// `79/6. Report of the International Criminal Court` → (79, 6, title).
fn ga_title_line(line: &str) -> Option<(u32, u32, &str)> {
    let (session, rest) = line.split_once('/')?;
    let session: u32 = session.parse().ok()?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let number: u32 = rest.get(..digits)?.parse().ok()?;
    let title = rest[digits..].strip_prefix(". ")?.trim();
    (!title.is_empty() && (1..200).contains(&session)).then_some((session, number, title))
}

/// `A_RES_79_6` → `A/RES/79/6`, `S_RES_242_1967` → `S/RES/242 (1967)`.
fn symbol_from_file_name(name: &str) -> Option<String> {
    let parts: Vec<&str> = name.split('_').collect();
    let numeric = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !parts.iter().skip(2).all(|p| numeric(p)) {
        return None;
    }
    match parts.as_slice() {
        ["A", "RES", session, number] => Some(format!("A/RES/{session}/{number}")),
        ["S", "RES", number, year] if year.len() == 4 => Some(format!("S/RES/{number} ({year})")),
        _ => None,
    }
}

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("janvier", 1),
    ("février", 2),
    ("mars", 3),
    ("avril", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
];

fn month_number(word: &str) -> Option<u32> {
    let lower = word.to_lowercase();
    MONTHS.iter().find(|(m, _)| *m == lower).map(|&(_, n)| n)
}

/// The first `29 October 2024` / `11 novembre 2025` in a line, as `2024-10-29`.
fn parse_date(line: &str) -> Option<String> {
    let words: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    words.windows(3).find_map(|w| {
        let day: u32 = w[0].trim_end_matches("er").parse().ok()?;
        let month = month_number(w[1])?;
        let year: u32 = w[2].trim_end_matches(['.', ')']).parse().ok()?;
        ((1..=31).contains(&day) && (1945..2100).contains(&year))
            .then(|| format!("{year:04}-{month:02}-{day:02}"))
    })
}

/// Where clauses start when no organ line is printed: after the title (GA) or the heading
/// and its date lines (SC), at the first line that opens a paragraph.
fn find_body_start(lines: &[&str], head: &Head) -> Option<usize> {
    (head.after_title..lines.len().min(head.after_title + 40)).find(|&i| {
        let line = lines[i].trim();
        let first = line.split_whitespace().next().unwrap_or("");
        let previous_blank = i == 0 || lines[i - 1].trim().is_empty();
        previous_blank
            && !line.starts_with('[')
            && !line.to_lowercase().starts_with("adopted")
            && parse_date(line).is_none_or(|_| line.split_whitespace().count() > 8)
            && (operative_number(line).is_some()
                || is_preambular_opening(first)
                || is_operative_verb(first))
    })
}

/// The first line of preambular paragraphs printed between a Security Council heading and its
/// organ line, as in `30 (1947)`: "Whereas the Security Council on 1 August 1947 …", or
/// `4 (1946)`: "The attention of the Security Council has been drawn …;\n\nTherefore the
/// Security Council,". Date lines, document symbols and "Adopted by …" lines are no paragraph.
fn preamble_before_organ(lines: &[&str], head: &Head, organ: usize) -> Option<usize> {
    if head.body != Body::SecurityCouncil || head.after_title == 0 || head.after_title >= organ {
        return None;
    }
    (head.after_title..organ).find(|&i| {
        let line = lines[i].trim();
        let first = line.split_whitespace().next().unwrap_or("");
        let words = line.split_whitespace().take(9).count();
        first.starts_with(char::is_uppercase)
            && !first.eq_ignore_ascii_case("adopted")
            && !first.eq_ignore_ascii_case("resolution")
            && (opens_preambular(line)
                || (words >= 6 && parse_date(line).is_none_or(|_| words > 8)))
    })
}

// ---------------------------------------------------------------------------------------------
// Closing lines

/// The first closing line after `start`: `29th plenary meeting`, `Adopted unanimously at the
/// 1382nd meeting.`, or an annex heading.
fn find_closing(lines: &[&str], start: usize, body: Body) -> Option<usize> {
    (start..lines.len()).find(|&i| {
        let line = lines[i].trim();
        // Every closing line starts with a digit or an "a" ("29th plenary meeting",
        // "Adopted …", "Annex"): the others need no closer look.
        if !line.starts_with(|c: char| c.is_ascii_digit() || c == 'A' || c == 'a') {
            return false;
        }
        let lower = line.to_lowercase();
        let block_start = i == 0 || lines[i - 1].trim().is_empty();
        is_meeting_line(&lower)
            || (body == Body::SecurityCouncil && is_adoption_line(lines, i))
            || (block_start
                && (lower == "annex" || lower == "annexe" || lower.starts_with("annex ")))
    })
}

/// `Adopted unanimously at the 1382nd meeting.`, also as the OCR reads it (`Adapted at the`),
/// and even without a blank line before it when the line before ends a paragraph.
fn is_adoption_line(lines: &[&str], i: usize) -> bool {
    let line = lines[i].trim();
    let block_start = i == 0 || lines[i - 1].trim().is_empty();
    let after_paragraph = i > 0 && ends_paragraph(lines[i - 1].trim());
    let lower = line.to_lowercase();
    if block_start && lower.starts_with("adopted") {
        return true;
    }
    let mentions_meeting = lower.contains("meeting")
        || lines
            .get(i + 1)
            .is_some_and(|next| next.to_lowercase().contains("meeting"));
    (block_start || after_paragraph)
        && (line.starts_with("Adopted ") || line.starts_with("Adapted "))
        && mentions_meeting
}

fn is_meeting_line(lower: &str) -> bool {
    let starts_with_ordinal = lower.starts_with(|c: char| c.is_ascii_digit());
    starts_with_ordinal
        && lower.len() < 50
        && (lower.ends_with("plenary meeting") || lower.ends_with("séance plénière"))
}

/// Meeting and date from the closing lines.
fn read_closing(lines: &[&str]) -> (Option<String>, Option<String>) {
    let mut meeting = None;
    let mut date = None;
    let mut text = String::new();
    for line in lines.iter().take(6) {
        let line = line.trim();
        if line.to_lowercase() == "annex" {
            break;
        }
        text.push_str(line);
        text.push(' ');
    }
    let text = collapse_spaces(&text);
    let lower = text.to_ascii_lowercase();
    if let Some(pos) = lower.find("plenary meeting") {
        // "29th plenary meeting", "55th (resumed) plenary meeting".
        let before: Vec<(usize, &str)> = text[..pos]
            .split(' ')
            .scan(0, |offset, word| {
                let start = *offset;
                *offset += word.len() + 1;
                Some((start, word))
            })
            .filter(|(_, w)| !w.is_empty())
            .collect();
        let ordinal = before
            .iter()
            .rev()
            .take(3)
            .find(|(_, w)| w.starts_with(|c: char| c.is_ascii_digit()));
        let start = ordinal.or(before.last()).map_or(pos, |&(start, _)| start);
        meeting = Some(text[start..pos + "plenary meeting".len()].to_string());
    } else if let Some(pos) = lower.find(" meeting") {
        // "Adopted unanimously at the 1382nd meeting."
        let before = &text[..pos];
        let start = before.rfind(' ').map_or(0, |p| p + 1);
        // "473rd_ meeting" as the OCR reads it.
        let ordinal = before[start..].trim_end_matches(|c: char| !c.is_alphanumeric());
        if ordinal.starts_with(|c: char| c.is_ascii_digit()) {
            meeting = Some(format!("{ordinal} meeting"));
        }
    }
    if meeting.is_some() {
        date = parse_date(&text);
    }
    (meeting, date)
}

// ---------------------------------------------------------------------------------------------
// Noise

fn is_page_counter(line: &str) -> bool {
    match line.split_once('/') {
        Some((a, b)) => {
            !a.is_empty()
                && !b.is_empty()
                && a.len() <= 3
                && b.len() <= 3
                && a.bytes().all(|c| c.is_ascii_digit())
                && b.bytes().all(|c| c.is_ascii_digit())
        }
        None => false,
    }
}

/// The lines that are page counters (`2/5`, `3/5`): `N/M` alone on its line with `N <= M`, and
/// `M` printed on at least two such lines, or on one in a two-page document, so that a
/// resolution number wrapped onto a line of its own (`73/89`) is not taken for one.
fn page_counter_lines<'a>(lines: &[&'a str]) -> Vec<&'a str> {
    let candidates: Vec<(&str, u32, u32)> = lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| is_page_counter(l))
        .filter_map(|l| {
            let (a, b) = l.split_once('/')?;
            Some((l, a.parse().ok()?, b.parse().ok()?))
        })
        .filter(|&(_, a, b)| a <= b && b >= 2)
        .collect();
    candidates
        .iter()
        .filter(|&&(_, _, b)| {
            let count = candidates.iter().filter(|c| c.2 == b).count() as u32;
            count >= (b - 1).min(2)
        })
        .map(|&(l, _, _)| l)
        .collect()
}

/// `24-19997 (E)`, `23-20100 (E)    271023`, `24-23832`.
fn is_job_number(line: &str) -> bool {
    let b = line.as_bytes();
    b.len() >= 8
        && b[..2].iter().all(u8::is_ascii_digit)
        && b[2] == b'-'
        && b[3..8].iter().all(u8::is_ascii_digit)
        && (b.len() == 8 || b[8] == b' ')
        && line[8..]
            .split_whitespace()
            .all(|w| w == "(E)" || w == "(F)" || w.bytes().all(|c| c.is_ascii_digit()))
}

/// `*2419997*`.
fn is_barcode(line: &str) -> bool {
    line.len() > 4
        && line.starts_with('*')
        && line.ends_with('*')
        && line[1..line.len() - 1].bytes().all(|c| c.is_ascii_digit())
}

fn is_footnote_rule(line: &str) -> bool {
    line.len() >= 5 && line.bytes().all(|c| c == b'_')
}

fn is_link(line: &str) -> bool {
    (line.starts_with("http://") || line.starts_with("https://") || line.starts_with("undocs.org"))
        && !line.contains(' ')
}

fn same_symbol(line: &str, symbol: &str) -> bool {
    // The PDF extraction sometimes prints it twice: "A/RES/78/18A/RES/78/18".
    let repeated = line.len() > symbol.len()
        && line.len().is_multiple_of(symbol.len())
        && line.starts_with(symbol)
        && line.split(symbol).all(|piece| piece.is_empty());
    line == symbol
        || repeated
        || (line.starts_with(['A', 'S']) && cite::normalize_symbol(line).as_deref() == Some(symbol))
}

/// Marks masthead-like lines anywhere: running headers and footers, job numbers, barcodes, links,
/// and running titles next to the symbol.
fn mark_noise(lines: &[&str], head: &Head) -> Vec<bool> {
    let page_counters = page_counter_lines(lines);
    let mut noise: Vec<bool> = lines
        .iter()
        .map(|raw| {
            let line = raw.trim();
            page_counters.contains(&line)
                || is_job_number(line)
                || is_barcode(line)
                || is_link(line)
                || same_symbol(line, &head.symbol)
        })
        .collect();
    // A running title repeats the masthead's title in a page header, above the symbol or the
    // page counter ("Title\nA/RES/79/6", "Title\n\n3/5\n24-1 (E)") or below the symbol
    // ("A/RES/79/6\nTitle\n\n24-1 (E)\n2/5"). The lines taken, joined, must still be a piece
    // of the masthead, so that a body line next to the header is never taken with them.
    let anchors: Vec<usize> = (0..lines.len())
        .filter(|&i| noise[i] && !is_link(lines[i].trim()))
        .collect();
    for i in anchors {
        let symbol = same_symbol(lines[i].trim(), &head.symbol);
        let mut taken: Vec<usize> = Vec::new();
        let mut j = i;
        while j > 0 {
            j -= 1;
            // Above the symbol the title lines touch it; above a page counter or job number a
            // blank line may come between.
            if lines[j].trim().is_empty() && symbol {
                break;
            }
            if lines[j].trim().is_empty() || noise[j] {
                continue;
            }
            let mut candidate: Vec<&str> = vec![lines[j]];
            candidate.extend(taken.iter().map(|&k| lines[k]));
            if !is_running_title(&candidate.join(" "), &head.masthead) {
                break;
            }
            taken.insert(0, j);
        }
        // The title starts at the first line taken: a body line above it that happens to
        // repeat a piece of the title ("the Prohibition of the Use, …") is dropped from them.
        while !taken.is_empty() && !starts_title(&taken, lines, head) {
            taken.remove(0);
        }
        if symbol {
            let mut after: Vec<usize> = Vec::new();
            for j in i + 1..(i + 6).min(lines.len()) {
                let line = lines[j].trim();
                if is_page_counter(line) {
                    break;
                }
                if line.is_empty() || noise[j] {
                    continue;
                }
                let mut candidate: Vec<&str> = after.iter().map(|&k| lines[k]).collect();
                candidate.push(lines[j]);
                if !is_running_title(&candidate.join(" "), &head.masthead) {
                    break;
                }
                after.push(j);
            }
            if starts_title(&after, lines, head) {
                taken.extend(after);
            }
        }
        for k in taken {
            noise[k] = true;
        }
    }
    noise
}

/// Whether the lines `group`, joined, start the title (any piece of the masthead where no title
/// is printed).
fn starts_title(group: &[usize], lines: &[&str], head: &Head) -> bool {
    if head.title.is_none() {
        return true;
    }
    let joined: Vec<&str> = group.iter().map(|&k| lines[k]).collect();
    head.masthead
        .starts_with(&comparison_key(&joined.join(" ")))
}

fn is_running_title(line: &str, masthead: &str) -> bool {
    let line = comparison_key(line);
    line.len() >= 6 && masthead.contains(&line)
}

/// Letters and digits only, in lower case: a title compares equal however its lines wrap
/// ("Nuclear-Weapon-\nFree World") and whatever its hyphens ("Non Proliferation" in the
/// masthead, "Non-Proliferation" in the running title).
fn comparison_key(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Footnotes

/// A footnote: its marker (`1`, `*`) and text.
#[derive(Debug, Clone)]
struct Footnote {
    marker: String,
    text: String,
}

/// `1 United Nations…` / `1/ S/25046.` / `* Paragraph 3…` → (marker, text).
fn footnote_start(line: &str) -> Option<(String, &str)> {
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

/// Finds footnote blocks (after a rule, or after the closing lines), records their footnotes
/// and marks their lines as noise.
fn collect_footnotes(
    lines: &[&str],
    noise: &mut [bool],
    start: usize,
    end: usize,
) -> Vec<Footnote> {
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
    let _ = start;
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

// ---------------------------------------------------------------------------------------------
// Blocks

/// Whether nearly every text line is followed by a blank line, as in some PDF extractions.
/// Such a file indents the first line of each paragraph; one printing each paragraph on a single
/// line between blank lines (`S_RES_466_1980`) is not double-spaced.
fn is_double_spaced(lines: &[&str]) -> bool {
    let text_lines = lines.iter().filter(|l| !l.trim().is_empty()).count();
    let adjacent = lines
        .windows(2)
        .filter(|w| !w[0].trim().is_empty() && !w[1].trim().is_empty())
        .count();
    let indented = lines
        .iter()
        .filter(|l| l.starts_with(' ') && !l.trim().is_empty())
        .count();
    text_lines > 10 && adjacent * 10 < text_lines && indented * 10 >= text_lines
}

/// A run of text lines between blank lines, page noise removed.
struct Block {
    lines: Vec<String>,
    /// Whether page noise (a header, footer or footnote block) stands between this block and
    /// the one before: a paragraph cut there continues here.
    after_page_break: bool,
    /// Whether it stands before an organ line printed after the first paragraphs (`4 (1946)`):
    /// it is preambular whatever its first word.
    before_organ: bool,
}

/// Groups the body's lines into blocks. A double-spaced file (every text line followed by a blank
/// line) marks paragraph starts by indentation instead of blank lines. Inline footnote blocks
/// (`1/ S/25046.`) are moved to `footnotes`.
fn body_blocks(
    lines: &[&str],
    noise: &[bool],
    double_spaced: bool,
    organ: Option<usize>,
    footnotes: &mut Vec<Footnote>,
) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut current: Vec<String> = Vec::new();
    // Whether page noise came since the last text line, and before the current block's first.
    let mut page_break = false;
    let mut current_after_break = false;
    let flush = |current: &mut Vec<String>, blocks: &mut Vec<Block>, after_page_break: bool| {
        if !current.is_empty() {
            blocks.push(Block {
                lines: std::mem::take(current),
                after_page_break,
                before_organ: false,
            });
        }
    };
    for (index, (raw, &is_noise)) in lines.iter().zip(noise).enumerate() {
        if organ == Some(index) {
            // The organ line printed after the first paragraphs ends the one before it.
            flush(&mut current, &mut blocks, current_after_break);
            for block in &mut blocks {
                block.before_organ = true;
            }
        }
        if is_noise {
            page_break = true;
            continue;
        }
        let line = raw.trim();
        if line.is_empty() {
            if !double_spaced {
                flush(&mut current, &mut blocks, current_after_break);
            }
            continue;
        }
        if double_spaced && raw.starts_with(' ') {
            flush(&mut current, &mut blocks, current_after_break);
        }
        // A section mark on its own line ("A", "II") is a block of its own, even when the
        // paragraph or title after it follows without a blank line.
        let after_mark = current.len() == 1 && is_lone_section_mark(&current[0]);
        if is_lone_section_mark(line) || (after_mark && operative_number(line).is_some()) {
            flush(&mut current, &mut blocks, current_after_break);
        }
        if current
            .last()
            .is_some_and(|previous| starts_unspaced_paragraph(previous, line))
        {
            flush(&mut current, &mut blocks, current_after_break);
        }
        if current.is_empty() {
            current_after_break = std::mem::take(&mut page_break);
        }
        page_break = false;
        current.push(line.to_string());
    }
    flush(&mut current, &mut blocks, current_after_break);

    // Footnote blocks printed inside the body: `1/ S/25046.` (1990s Security Council texts) and,
    // in OCR of the printed volumes, `18 Resolutions or decisions …` between two paragraphs.
    let mut kept: Vec<Block> = Vec::with_capacity(blocks.len());
    for block in blocks {
        let first = &block.lines[0];
        let slash_marker = first.split_once("/ ").is_some_and(|(n, _)| {
            !n.is_empty() && n.len() <= 2 && n.bytes().all(|c| c.is_ascii_digit())
        });
        let after_paragraph = kept
            .last()
            .is_none_or(|b| b.lines.last().is_some_and(|l| ends_paragraph(l)));
        if (slash_marker || after_paragraph && is_inline_footnote(first))
            && footnote_start(first).is_some()
        {
            let mut entries: Vec<Footnote> = Vec::new();
            for line in &block.lines {
                let previous_ends = entries
                    .last()
                    .is_none_or(|f| f.text.trim_end().ends_with('.'));
                match footnote_start(line) {
                    Some((marker, text))
                        if entries.is_empty()
                            || previous_ends
                                && next_footnote_number(
                                    &entries[entries.len() - 1].marker,
                                    &marker,
                                    text,
                                ) =>
                    {
                        entries.push(Footnote {
                            marker,
                            text: text.to_string(),
                        });
                    }
                    _ => {
                        let last = entries.last_mut().expect("the first line is a footnote");
                        append_line(&mut last.text, line, None);
                    }
                }
            }
            footnotes.extend(entries.into_iter().map(|f| Footnote {
                text: collapse_spaces(&f.text),
                ..f
            }));
            continue;
        }
        kept.push(block);
    }
    kept
}

/// `18 Resolutions or decisions on this question …`: a footnote printed between paragraphs of
/// OCR text; its number has no period, and its first word is no operative verb.
fn is_inline_footnote(line: &str) -> bool {
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
fn next_footnote_number(marker: &str, next: &str, text: &str) -> bool {
    let follows = matches!(
        (marker.parse::<u32>(), next.parse::<u32>()),
        (Ok(a), Ok(b)) if b == a + 1
    );
    let first = text.split_whitespace().next().unwrap_or("");
    follows && month_number(first.trim_end_matches([',', '.'])).is_none()
}

/// `A`, `B.`, `II`, `XIV.`: a section mark alone on its line.
fn is_lone_section_mark(line: &str) -> bool {
    let mark = line.trim().trim_end_matches('.');
    let roman =
        !mark.is_empty() && mark.len() <= 5 && mark.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
    let letter = mark.len() == 1 && mark.chars().all(|c| c.is_ascii_uppercase());
    roman || letter
}

/// Verbs that open an operative paragraph, for paragraphs printed without a blank line before.
const OPERATIVE_VERBS: &[&str] = &[
    "recommends",
    "requests",
    "decides",
    "calls",
    "urges",
    "approves",
    "invites",
    "welcomes",
    "appeals",
    "expresses",
    "reaffirms",
    "notes",
    "condemns",
    "demands",
    "authorizes",
    "endorses",
    "affirms",
    "considers",
    "declares",
    "encourages",
    "takes",
    "commends",
    "deplores",
    "regrets",
    "resolves",
    "emphasizes",
    "stresses",
    "recognizes",
    "underlines",
    "reiterates",
];

/// Whether `line` starts a new paragraph although no blank line precedes it (OCR text): the
/// line before ends a paragraph and this one opens with a number or an opening word.
fn starts_unspaced_paragraph(previous: &str, line: &str) -> bool {
    if !matches!(final_punctuation(previous), Some(',' | ';' | ':' | '.')) {
        return false;
    }
    if let Some((_, rest)) = operative_number(line) {
        // "2." alone on its line, its text on the next ("…this Pact for the Future.\n2.\nWe").
        return rest.is_empty() || rest.starts_with(char::is_uppercase);
    }
    let first = line.split_whitespace().next().unwrap_or("");
    let word = first.trim_end_matches([',', ':', ';']).to_lowercase();
    // "…agenda,\nSecuring Our Common Future" is a title running on, not a paragraph.
    let second_lowercase = line
        .split_whitespace()
        .nth(1)
        .is_some_and(|w| w.starts_with(char::is_lowercase));
    first.starts_with(char::is_uppercase)
        && (OPERATIVE_VERBS.contains(&word.as_str())
            || (word.ends_with("ing")
                && word.len() > 6
                && second_lowercase
                && final_punctuation(previous) == Some(',')))
}

// ---------------------------------------------------------------------------------------------
// Joining lines

/// Words seen whole in the document, to decide whether `para-\ngraph` is one word. They borrow
/// from the lower-cased body text, so that building the set allocates no word; both are built
/// on the first look-up, as most texts break no word across lines.
struct Vocabulary<'a> {
    lines: &'a [&'a str],
    lower: &'a std::cell::OnceCell<String>,
    words: std::cell::OnceCell<std::collections::HashSet<&'a str, FnvBuild>>,
}

/// FNV-1a: the words are short and trusted, and the default hasher is slow for tens of
/// thousands of them.
#[derive(Default, Clone, Copy)]
struct FnvBuild;

struct Fnv(u64);

impl std::hash::BuildHasher for FnvBuild {
    type Hasher = Fnv;
    fn build_hasher(&self) -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

impl<'a> Vocabulary<'a> {
    /// The vocabulary of the body `lines`; `lower` will hold their lower-cased text.
    fn of(lines: &'a [&'a str], lower: &'a std::cell::OnceCell<String>) -> Self {
        Vocabulary {
            lines,
            lower,
            words: std::cell::OnceCell::new(),
        }
    }

    fn contains(&self, word: &str) -> bool {
        let words = self.words.get_or_init(|| {
            let lower: &'a str = self
                .lower
                .get_or_init(|| self.lines.join("\n").to_lowercase());
            lower
                .split(|c: char| !(c.is_alphanumeric() || c == '-'))
                .filter(|word| word.len() > 3)
                .collect()
        });
        words.contains(word)
    }
}

/// Prefixes that keep their hyphen at a line break: `post-\nconflict` → `post-conflict`.
const HYPHEN_PREFIXES: &[&str] = &[
    "post", "pre", "non", "self", "co", "anti", "multi", "inter", "cross", "long", "short", "high",
    "low", "well", "large", "small", "mid", "full", "socio", "counter", "sub", "semi", "ex", "re",
    "year", "follow", "decision", "policy", "peace", "gender", "child", "age", "state", "sex",
    "people", "human", "market", "land", "sea", "open", "far", "state-", "all", "above", "below",
    "one", "two", "three", "four", "five", "ten", "first", "second", "third", "mid-", "low-",
    "middle", "south", "north", "east", "west", "twenty", "thirty", "forty", "fifty", "sixty",
    "seventy", "eighty", "ninety", "sous", "auto", "extra", "macro", "micro", "quasi", "ultra",
    "vice", "e", "x", "un",
];

/// Appends a line to a paragraph's text, rejoining a word hyphenated across the break.
fn append_line(text: &mut String, line: &str, vocabulary: Option<&Vocabulary<'_>>) {
    if text.is_empty() {
        text.push_str(line);
        return;
    }
    let hyphenated = text.ends_with('-')
        && text[..text.len() - 1].ends_with(|c: char| c.is_alphabetic())
        && line.starts_with(|c: char| c.is_alphabetic());
    if hyphenated {
        let head_start = text[..text.len() - 1]
            .char_indices()
            .rfind(|&(_, c)| !c.is_alphabetic())
            .map_or(0, |(p, c)| p + c.len_utf8());
        let head = text[head_start..text.len() - 1].to_string();
        let tail: String = line.chars().take_while(|c| c.is_alphabetic()).collect();
        let joined = format!("{head}{tail}").to_lowercase();
        let with_hyphen = format!("{head}-{tail}").to_lowercase();
        let keep_hyphen = match vocabulary {
            Some(v) if v.contains(&with_hyphen) => true,
            Some(v) if v.contains(&joined) => false,
            _ => {
                HYPHEN_PREFIXES.contains(&head.to_lowercase().as_str())
                    || tail.starts_with(char::is_uppercase)
            }
        };
        if !keep_hyphen {
            text.pop();
        }
        text.push_str(line);
        return;
    }
    text.push(' ');
    text.push_str(line);
}

/// One space between words, none at either end. The text is normalised: its only white space
/// is ASCII.
fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_ascii_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Clauses

/// `12. Requests…` / `12.` → (12, rest).
fn operative_number(text: &str) -> Option<(u32, &str)> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let rest = text[digits..].strip_prefix('.')?;
    if !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    Some((text[..digits].parse().ok()?, rest.trim_start()))
}

/// `(a)`, `(ii)`, `a)`, `i)`, `(1)`, `-`, `•`: a subparagraph, which stays in its clause.
fn is_subparagraph(text: &str) -> bool {
    if text.starts_with(['•', '–', '-', '—', '●', '\u{f0b7}']) {
        return true;
    }
    let inner = text.strip_prefix('(').unwrap_or(text);
    let label_len = inner.find(')').filter(|&p| p > 0 && p <= 5).unwrap_or(0);
    label_len > 0
        && inner[..label_len]
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
}

/// Words that may stand before the main word of an opening phrase.
const LEADING_ADVERBS: &[&str] = &[
    "also",
    "further",
    "furthermore",
    "again",
    "once",
    "strongly",
    "deeply",
    "gravely",
    "seriously",
    "firmly",
    "hereby",
    "therefore",
    "fully",
    "moreover",
    "warmly",
    "urgently",
    "profondément",
    "vivement",
    "gravement",
    "sérieusement",
    "fermement",
    "en",
    "se",
    "s’",
    "s'",
    "de",
    "nouveau",
    "outre",
    "par",
    "ailleurs",
    "encore",
    "une",
    "fois",
    "re",
    "especially",
    "particularly",
    "sincerely",
    "emphatically",
    "solemnly",
    "unanimously",
];

/// Participles and adjectives that open preambular paragraphs without the usual endings.
const PREAMBULAR_WORDS: &[&str] = &[
    "whereas",
    "mindful",
    "aware",
    "conscious",
    "cognizant",
    "convinced",
    "concerned",
    "alarmed",
    "determined",
    "desirous",
    "guided",
    "seized",
    "anxious",
    "appreciative",
    "fully",
    "bearing",
    "believing",
    "noting",
    "recalling",
    "having",
    "acting",
    "taking",
    "consciente",
    "convaincue",
    "préoccupée",
    "inquiète",
    "résolue",
    "soucieuse",
    "attachée",
    "désireuse",
    "guidée",
    "considérant",
    "ayant",
    "sachant",
    "sensible",
    "persuadée",
    "alarmée",
    "déterminée",
    "rappelant",
    "notant",
    "prenant",
    "constatant",
    "reconnaissant",
    "consciente",
    "agissant",
];

fn main_word_of(first_words: &[&str]) -> Option<String> {
    first_words
        .iter()
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase())
        .find(|w| !w.is_empty() && !LEADING_ADVERBS.contains(&w.as_str()))
}

fn is_preambular_opening(first: &str) -> bool {
    let w = first
        .trim_matches(|c: char| !c.is_alphabetic())
        .to_lowercase();
    preambular_word(&w)
}

fn preambular_word(w: &str) -> bool {
    PREAMBULAR_WORDS.contains(&w)
        || w.ends_with("ing")
        || (w.ends_with("ed") && w.len() > 4)
        || w.ends_with("ant")
        || w.ends_with("ée")
        || w.ends_with("ées")
        || w.ends_with("ful")
}

fn is_operative_verb(first: &str) -> bool {
    let w = first
        .trim_matches(|c: char| !c.is_alphabetic())
        .to_lowercase();
    !w.is_empty() && !preambular_word(&w) && first.starts_with(char::is_uppercase)
}

/// Words that open preambular paragraphs and never a heading ("Having considered …" printed
/// without its final comma is a paragraph; "Financing of the appropriation" is a heading).
const USUAL_PREAMBULAR: &[&str] = &[
    "having",
    "recalling",
    "bearing",
    "noting",
    "taking",
    "considering",
    "recognizing",
    "reaffirming",
    "welcoming",
    "expressing",
    "acknowledging",
    "emphasizing",
    "stressing",
    "mindful",
    "aware",
    "conscious",
    "concerned",
    "convinced",
    "determined",
    "guided",
    "desiring",
    "believing",
    "reiterating",
    "underlining",
    "affirming",
    "deploring",
    "condemning",
    "alarmed",
    "acting",
    "whereas",
    "ayant",
    "rappelant",
    "notant",
    "considérant",
    "reconnaissant",
    "réaffirmant",
    "consciente",
    "convaincue",
    "soulignant",
    "prenant",
];

fn opens_usual_preambular(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().take(6).collect();
    main_word_of(&words).is_some_and(|w| USUAL_PREAMBULAR.contains(&w.as_str()))
}

/// Whether a paragraph is preambular, judged by its opening words.
fn opens_preambular(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().take(6).collect();
    main_word_of(&words).is_some_and(|w| preambular_word(&w))
}

/// The punctuation a text ends with, looking past closing marks and footnote markers.
fn final_punctuation(text: &str) -> Option<char> {
    let trimmed =
        text.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ' || c == '*' || c == '/');
    let trimmed = trimmed.trim_end_matches(['”', '"', '’', ')', ']']);
    trimmed
        .chars()
        .last()
        .filter(|c| matches!(c, ',' | ';' | ':' | '.' | '!' | '?'))
}

/// Whether a text ends a paragraph: `,` `;` `:` `.`, possibly followed by a closing mark or a
/// footnote marker.
fn ends_paragraph(text: &str) -> bool {
    final_punctuation(text).is_some()
}

/// A section heading inside a resolution (`I`, `A.`, `Implementation of the Convention`).
fn is_heading(text: &str) -> bool {
    let words = text.split_whitespace().take(21).count();
    let roman_or_letter = text
        .trim_end_matches('.')
        .chars()
        .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L') || c.is_ascii_uppercase())
        && text.trim_end_matches('.').len() <= 5;
    // "Determines that this action constitutes a breach of the peace; and" runs on.
    let last_word = text.rsplit(' ').next().unwrap_or("");
    let runs_on = matches!(last_word, "and" | "or" | "et" | "ou");
    roman_or_letter || (words <= 20 && !ends_paragraph(text) && !runs_on)
}

fn block_text(block: &Block, vocabulary: &Vocabulary<'_>) -> String {
    let mut text = String::new();
    for line in &block.lines {
        append_line(&mut text, line, Some(vocabulary));
    }
    text
}

/// A section mark opening a block: `II`, `B.`, `III. Title` → `II`, `B`, `III`.
fn section_mark(text: &str) -> Option<String> {
    let first = text.split_whitespace().next()?;
    let mark = first.trim_end_matches('.');
    let roman =
        !mark.is_empty() && mark.len() <= 5 && mark.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
    let letter = mark.len() == 1 && mark.chars().all(|c| c.is_ascii_uppercase());
    let rest = text[first.len()..].trim();
    let heading_rest = rest.is_empty()
        || (!ends_paragraph(rest) && rest.split_whitespace().take(61).count() <= 60);
    ((roman || letter)
        && heading_rest
        && !(letter && mark == "A" && !rest.is_empty() && rest.starts_with(char::is_lowercase)))
    .then(|| mark.to_string())
}

/// Whether a block opens a new paragraph by its first words: a preambular participle or
/// adjective, or an operative verb ("Requests", "Encourage").
fn opens_clause(text: &str, language: Language) -> bool {
    let words: Vec<&str> = text.split_whitespace().take(6).collect();
    // A clause opens with a word, not with a symbol or a number ("S-29/1 of 12 February").
    let is_word = words.first().is_some_and(|w| {
        w.trim_start_matches(['‘', '“', '"', '|', '~'])
            .trim_end_matches([',', ';', ':'])
            .chars()
            .all(|c| c.is_alphabetic() || "’'-".contains(c))
    });
    if !is_word {
        return false;
    }
    let Some(main) = main_word_of(&words) else {
        return false;
    };
    if preambular_word(&main) {
        return true;
    }
    match language {
        Language::En => main.ends_with('s') && !main.ends_with("ss") && !main.ends_with("ous"),
        Language::Fr => main.ends_with(['e', 'd', 't']),
    }
}

/// Joins blocks into clauses: numbered operative paragraphs, preambular paragraphs, paragraphs
/// continued after a page break, subparagraphs and numbered sub-lists inside a clause; section
/// headings start a new section.
fn assemble_clauses(
    blocks: &[Block],
    language: Language,
    vocabulary: &Vocabulary<'_>,
) -> Vec<Clause> {
    let mut clauses: Vec<Clause> = Vec::new();
    let mut section: Option<String> = None;
    // Per section: whether operative paragraphs have begun, and the numbers seen.
    let mut operative_mode = false;
    let mut last_number: Option<u32> = None;
    let mut preambular_count = 0u32;
    let mut in_sublist = false;
    let mut sublist_last = 0;
    // Inside a numbered operative paragraph that announced a list or table with a colon ("as set
    // out in the table below:"): everything up to the next paragraph number stays in it, lettered
    // headings included.
    let mut colon_list = false;
    // Set right after a section mark: the block after it, without final punctuation, is the
    // section's title, however long.
    let mut after_mark = false;
    let texts = join_broken_blocks(blocks, language, vocabulary);
    // Whether operative paragraph 1 comes after each block, in its section (worked out when
    // first needed: few resolutions need it).
    let first_paragraph_ahead = std::cell::OnceCell::new();
    let first_paragraph_ahead = |i: usize| {
        first_paragraph_ahead.get_or_init(|| {
            let mut ahead = vec![false; texts.len()];
            let mut seen = false;
            for (j, (text, _)) in texts.iter().enumerate().rev() {
                ahead[j] = seen;
                if section_mark(text).is_some() {
                    seen = false;
                }
                if operative_number(text).is_some_and(|(n, _)| n == 1) {
                    seen = true;
                }
            }
            ahead
        })[i]
    };
    for (i, (text, before_organ)) in texts.iter().enumerate() {
        let text = text.as_str();
        if *before_organ && operative_number(text).is_none() {
            // Printed before the organ line: preambular, whatever its first word.
            let continues = clauses.last().is_some_and(|last| {
                !ends_paragraph(&last.text)
                    || text.starts_with(char::is_lowercase)
                    || (is_quotation(text) && quotes_follow(&last.text))
            });
            if continues {
                let last = clauses.last_mut().expect("checked above");
                append_line(&mut last.text, text, Some(vocabulary));
            } else {
                preambular_count += 1;
                clauses.push(new_clause(
                    ClauseType::Preambular,
                    preambular_count,
                    text,
                    &section,
                ));
            }
            continue;
        }
        if text.chars().all(|c| c == '*' || c.is_whitespace()) {
            // "* * *": a separator between groups of paragraphs.
            continue;
        }
        // A heading right above a numbered paragraph, a section or another paragraph ("…for
        // parties thereto," | "Multimodal transportation" | "Noting that…") is no continuation
        // of the paragraph before it.
        let next = texts.get(i + 1).map(|(next, _)| next.as_str());
        // Inside a list or table announced by a colon only the next paragraph number ends it.
        let expected = last_number.map_or(1, |n| n + 1);
        if is_heading(text)
            && !opens_clause(text, language)
            && operative_number(text).is_none()
            && !is_subparagraph(text)
            && !is_quotation(text)
            && next.is_some_and(|n| {
                operative_number(n).is_some_and(|(number, _)| !colon_list || number == expected)
                    || (!colon_list && (section_mark(n).is_some() || opens_clause(n, language)))
            })
            && section_mark(text).is_none()
        {
            continue;
        }
        let current_in_section = clauses.last().filter(|c| c.section == section);
        let numbered = operative_number(text).or_else(|| {
            // OCR reads "1." as "1,": accepted where the number is the one expected.
            let expected = last_number.map_or(1, |n| n + 1);
            lenient_operative_number(text).filter(|&(n, _)| n == expected)
        });
        if std::mem::take(&mut after_mark) && numbered.is_none() && !ends_paragraph(text) {
            continue;
        }
        if let Some((number, rest)) = numbered {
            let follows = last_number.is_none_or(|last| number == last + 1);
            // "…the following agenda: 1. Opening…", "…new paragraph 4: 4. In hearing…": a
            // numbered list or quoted paragraph after a colon, out of the operative sequence.
            let opens_sublist = current_in_section
                .is_some_and(|c| final_punctuation(&c.text) == Some(':'))
                && last_number.is_some();
            // Where the list's next number is also the next paragraph number ("5. Approves the
            // agenda: 1. Opening. … 6. Closing."), an item that opens no clause is the list's.
            let list_goes_on =
                in_sublist && number == sublist_last + 1 && !opens_clause(rest, language);
            if (in_sublist || opens_sublist) && (!follows || list_goes_on) {
                // "…the following agenda: 1. Opening of the Congress." stays in its clause.
                in_sublist = true;
                sublist_last = number;
                let last = clauses.last_mut().expect("a clause precedes a sub-list");
                append_line(&mut last.text, text, Some(vocabulary));
                continue;
            }
            in_sublist = false;
            colon_list = false;
            operative_mode = true;
            let mut text = rest.to_string();
            let intro = last_number.is_none()
                && number == 1
                && current_in_section.is_some_and(|c| {
                    c.kind == ClauseType::Operative && final_punctuation(&c.text) == Some(':')
                });
            if intro {
                // "Resolves that: 1. The Working Capital Fund…": the unnumbered lead-in opens
                // paragraph 1.
                let lead_in = clauses.pop().expect("checked above");
                text = format!("{} {text}", lead_in.text);
            }
            last_number = Some(number);
            clauses.push(new_clause(ClauseType::Operative, number, &text, &section));
            continue;
        }
        if numbered.is_none() {
            let announced = current_in_section.is_some_and(|c| {
                c.kind == ClauseType::Operative
                    && (colon_list || final_punctuation(&c.text) == Some(':'))
            });
            // A lettered heading with its title ("A. Secretariat of the Pension Board") heads a
            // part of the table; a roman mark or a letter alone opens a section of the resolution.
            let opens_section = section_mark(text).is_some_and(|mark| {
                mark.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
                    || text.trim_end_matches('.') == mark
            });
            if announced && last_number.is_some() && !opens_section {
                colon_list = true;
                let last = clauses.last_mut().expect("checked above");
                append_line(&mut last.text, text, Some(vocabulary));
                continue;
            }
        }
        colon_list = false;
        // Nothing continues across a section mark.
        let continues = match current_in_section {
            Some(last) => {
                is_subparagraph(text)
                    || (is_quotation(text) && quotes_follow(&last.text))
                    || (final_punctuation(&last.text) == Some(':')
                        && !opens_clause(text, language)
                        && !is_heading(text))
                    || (!ends_paragraph(&last.text) && !opens_clause(text, language))
                    || text.starts_with(|c: char| c.is_lowercase())
                    || (final_punctuation(&last.text) == Some(',') && !opens_clause(text, language))
            }
            None => false,
        };
        if continues && section_mark(text).is_none() {
            let last = clauses.last_mut().expect("checked above");
            append_line(&mut last.text, text, Some(vocabulary));
            continue;
        }
        if let Some(mark) = section_mark(text) {
            after_mark = text.trim_end_matches('.') == mark;
            section = Some(mark);
            operative_mode = false;
            preambular_count = 0;
            in_sublist = false;
            continue;
        }
        if is_heading(text) && !opens_usual_preambular(text) {
            continue;
        }
        // A paragraph of the preamble that opens with no usual word ("As the General Assembly
        // has decided …,") is still preambular when it ends with a comma and the numbered
        // operative paragraphs come after it.
        let odd_preambular = || final_punctuation(text) == Some(',') && first_paragraph_ahead(i);
        if !operative_mode && (opens_preambular(text) || odd_preambular()) {
            preambular_count += 1;
            clauses.push(new_clause(
                ClauseType::Preambular,
                preambular_count,
                text,
                &section,
            ));
            continue;
        }
        if let (Some(last), true) = (clauses.last_mut(), last_number.is_some()) {
            // An unnumbered paragraph among numbered ones belongs to the one before.
            append_line(&mut last.text, text, Some(vocabulary));
            continue;
        }
        operative_mode = true;
        let number = clauses
            .iter()
            .filter(|c| c.kind == ClauseType::Operative && c.section == section)
            .count() as u32
            + 1;
        clauses.push(new_clause(ClauseType::Operative, number, text, &section));
    }
    for clause in &mut clauses {
        clause.text = clean_clause_start(&collapse_spaces(&clause.text));
        clause.opening = opening_phrase(&clause.text, language);
    }
    clauses
}

/// The text of each block, with blocks joined where a page or column break cut a paragraph:
/// a block without final punctuation continues into the next one when that one opens no clause
/// ("Mindful of its duties … under the" | "Charter of the United Nations …,").
fn join_broken_blocks(
    blocks: &[Block],
    language: Language,
    vocabulary: &Vocabulary<'_>,
) -> Vec<(String, bool)> {
    let mut texts: Vec<(String, bool)> = Vec::with_capacity(blocks.len());
    let mut joinable = false;
    for block in blocks {
        let text = block_text(block, vocabulary);
        let continuation = joinable
            && operative_number(&text).is_none()
            && !is_subparagraph(&text)
            && section_mark(&text).is_none()
            && (text.starts_with(char::is_lowercase)
                || !opens_clause(&text, language)
                || block.after_page_break);
        joinable = !ends_paragraph(&text)
            && !is_lone_section_mark(&block.lines[0])
            && section_mark(&text).is_none();
        match texts.last_mut() {
            Some((last, _)) if continuation => append_line(last, &text, Some(vocabulary)),
            _ => texts.push((text, block.before_organ)),
        }
    }
    texts
}

/// A block opening with a quotation mark: quoted text inside the clause before it
/// ("…Article 2, paragraph 4, which reads:" | "“All Members shall refrain …”,").
fn is_quotation(text: &str) -> bool {
    text.starts_with(['“', '"', '‘', '«', '„'])
}

/// Whether a quotation may follow a clause's text: it announces one (`reads:`) or is quoting
/// already ("“The President…" | "“They launch…").
fn quotes_follow(text: &str) -> bool {
    final_punctuation(text) == Some(':') || text.contains(['“', '"', '«'])
}

/// Removes what OCR leaves before a clause's first word (`| Demands`, `~— Requests`,
/// `‘Reiterates` without a closing quote) and joins a letter-spaced first word
/// (`I n v i t e s` → `Invites`).
fn clean_clause_start(text: &str) -> String {
    let mut text = text.trim_start();
    loop {
        let stray = text.starts_with(['|', '~', '—', '–', '‘', '_'])
            || (text.starts_with('“') && !text.contains('”'));
        if !stray {
            break;
        }
        let rest = text[text.chars().next().map_or(0, char::len_utf8)..].trim_start();
        if !rest.starts_with(|c: char| c.is_uppercase() || "|~—–‘_“".contains(c)) {
            break;
        }
        text = rest;
    }
    let single_letter = |w: &str| w.chars().count() == 1 && w.chars().all(char::is_alphabetic);
    let letters = text.split(' ').take_while(|w| single_letter(w)).count();
    if letters < 4 {
        return text.to_string();
    }
    let words: Vec<&str> = text.split(' ').collect();
    if words.len() > letters {
        let joined: String = words[..letters].concat();
        // The last letter may carry the word's end: "I n v i t e s".
        return format!("{joined}{}", {
            let rest = words[letters..].join(" ");
            if rest.starts_with(|c: char| c.is_alphabetic()) {
                format!(" {rest}")
            } else {
                rest
            }
        });
    }
    text.to_string()
}

/// `1, That the Trusteeship Council…`: an OCR slip for `1.`; the caller checks the number.
fn lenient_operative_number(text: &str) -> Option<(u32, &str)> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let rest = text[digits..].strip_prefix(", ")?;
    rest.starts_with(char::is_uppercase)
        .then(|| Some((text[..digits].parse().ok()?, rest.trim_start())))
        .flatten()
}

fn new_clause(kind: ClauseType, number: u32, text: &str, section: &Option<String>) -> Clause {
    Clause {
        section: section.clone(),
        kind,
        number,
        opening: String::new(),
        text: text.to_string(),
        cites: Vec::new(),
        footnotes: Vec::new(),
    }
}

/// First words that are no opening phrase: articles, pronouns, prepositions, conjunctions.
const NO_OPENING: &[&str] = &[
    "the", "a", "an", "this", "these", "that", "those", "it", "its", "there", "to", "as", "in",
    "on", "at", "for", "with", "by", "of", "from", "if", "when", "while", "such", "all", "each",
    "le", "la", "les", "un", "une", "ce", "cette", "que", "qu", "pour", "dans", "en",
];

/// The participle/adjective or verb group that starts a clause: "Rappelant également",
/// "Also requests", "Deeply concerned", "Prenant note", "Se félicitant".
fn opening_phrase(text: &str, _language: Language) -> String {
    let all: Vec<&str> = text.split_whitespace().take(10).collect();
    // A clause printed as its first subparagraph opens after the label: "(a) Resolves that".
    let skip = all
        .iter()
        .take_while(|w| is_subparagraph(w) && w.len() <= 6)
        .count();
    let words = &all[skip..];
    let mut end = 0;
    // Leading adverbs and reflexive pronouns.
    while end < words.len() && LEADING_ADVERBS.contains(&clean_word(words[end]).as_str()) {
        end += 1;
    }
    if end < words.len() {
        let main = clean_word(words[end]);
        if NO_OPENING.contains(&main.as_str()) {
            // "The attention of the Council has been drawn…", "That the Trusteeship Council be
            // requested…": no participle, adjective or verb leads the clause.
            return String::new();
        }
        end += 1;
        if main == "having" || main == "ayant" || main == "being" {
            // "Having considered", "Having also considered", "Ayant examiné".
            while end < words.len() && LEADING_ADVERBS.contains(&clean_word(words[end]).as_str()) {
                end += 1;
            }
            end = (end + 1).min(words.len());
        }
    }
    // Particles that belong to the verb group: "Calls upon", "Prend note", "Bearing in mind".
    while end < words.len() {
        let w = clean_word(words[end]);
        let with_next = words.get(end + 1).map(|n| clean_word(n));
        let takes = match w.as_str() {
            "also" | "further" | "again" | "également" | "aussi" | "upon" | "note" | "acte" => {
                true
            }
            "in" => with_next.as_deref() == Some("mind"),
            "mind" => true,
            "into" => with_next.as_deref() == Some("account"),
            "account" => true,
            "en" => matches!(with_next.as_deref(), Some("outre") | Some("compte")),
            "outre" | "compte" => true,
            // "Looks forward", "Looking forward".
            "forward" => clean_word(words[end - 1]).starts_with("look"),
            _ => false,
        };
        if !takes || words[end - 1].ends_with([',', ';', ':']) {
            break;
        }
        end += 1;
    }
    words[..end]
        .join(" ")
        .trim_end_matches([',', ';', ':', '.'])
        .to_string()
}

fn clean_word(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphabetic() && c != '’' && c != '\'')
        .to_lowercase()
}

// ---------------------------------------------------------------------------------------------
// Footnote markers

/// Strips footnote markers from each clause, in document order, attaching the footnotes they
/// point to; then fills each clause's cites from its text and its footnotes.
fn attach_footnotes(clauses: &mut [Clause], footnotes: &[Footnote], body: Body) {
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
    "session",
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

    #[test]
    fn page_counters_are_told_from_resolution_numbers() {
        let lines = ["text", "73/89", "more", "2/5", "3/5", "4/5"];
        assert_eq!(page_counter_lines(&lines), ["2/5", "3/5", "4/5"]);
        assert_eq!(page_counter_lines(&["2/2"]), ["2/2"]);
    }

    #[test]
    fn white_space_and_ocr_tildes_are_normalised() {
        assert_eq!(collapse_spaces("  a \t b\n\nc  "), "a b c");
        assert_eq!(
            normalize("Secretary~General ~ x\r\n"),
            "Secretary-General ~ x\n"
        );
    }

    #[test]
    fn every_white_space_is_ascii_after_normalising() {
        // collapse_spaces splits on ASCII white space only: normalize must leave no other.
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            if c.is_whitespace() {
                let text = normalize(&format!("a{c}b"));
                assert!(
                    text.chars()
                        .all(|c| !c.is_whitespace() || c.is_ascii_whitespace()),
                    "U+{:04X} stays in {text:?}",
                    c as u32
                );
                assert_eq!(collapse_spaces(&text), "a b", "U+{:04X}", c as u32);
            }
        }
    }

    const SC_HEAD: &str = "Resolution 434 (1973)\nof 18 September 1978\n\n";

    #[test]
    fn the_date_line_corrects_the_year_of_a_security_council_heading() {
        let text = format!(
            "{SC_HEAD}The Security Council,\n\nRecalling its resolution 425 (1978),\n\n1. Decides to renew the mandate;\n\nAdopted at the 2085th meeting."
        );
        let res = segment_text(&text, None).unwrap();
        assert_eq!(res.symbol, "S/RES/434 (1978)");
        assert_eq!(res.adopted.as_deref(), Some("1978-09-18"));
        assert_eq!(res.meeting.as_deref(), Some("2085th meeting"));
    }

    #[test]
    fn paragraphs_before_the_organ_line_are_preambular() {
        let text = "4 (1946). Resolution of 29 April 1946\n\nThe attention of the Security Council has been drawn to the situation in Spain;\n\nTherefore the Security Council,\n\nHereby resolves to make further studies;\n\nAdopted at the 39th meeting.";
        let res = segment_text(text, None).unwrap();
        let labels: Vec<String> = res.clauses.iter().map(|c| c.label()).collect();
        assert_eq!(labels, ["PP1", "OP1"]);
        assert!(res.clauses[0].text.starts_with("The attention"));
        assert_eq!(res.clauses[0].opening, "");
        assert_eq!(res.clauses[1].opening, "Hereby resolves");
    }

    #[test]
    fn quotations_headings_and_numbered_lists_stay_where_they_belong() {
        let text = format!(
            "{SC_HEAD}The Security Council,\n\nHaving in mind Article 2, which reads:\n\n“All Members shall refrain from the threat of force”,\n\nNoting the report,\n\nFinal report\n\n1. Approves the agenda:\n\n1. Opening.\n\n2. Closing.\n\n2. Decides to remain seized of the matter."
        );
        let res = segment_text(&text, None).unwrap();
        let labels: Vec<String> = res.clauses.iter().map(|c| c.label()).collect();
        assert_eq!(labels, ["PP1", "PP2", "OP1", "OP2"]);
        assert!(res.clauses[0].text.ends_with("threat of force”,"));
        assert_eq!(res.clauses[1].text, "Noting the report,");
        assert_eq!(
            res.clauses[2].text,
            "Approves the agenda: 1. Opening. 2. Closing."
        );
    }
}
