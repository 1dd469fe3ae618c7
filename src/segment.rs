//! Cutting one resolution text into clause documents.
//!
//! Real resolution files are PDF extractions or OCR: mastheads, running headers, job numbers,
//! barcodes, footnote rules and blocks, hyphenated words and paragraphs broken across pages.
//! This module turns such a text into a [`Resolution`]: metadata read from the head and the
//! closing lines, then preambular and operative [`Clause`]s with their footnotes and citations.
//!
//! It works line by line in four passes: mark noise lines (headers, footnote blocks, links),
//! group the remaining lines of the body into blocks, join blocks into clauses (page breaks,
//! subparagraphs, section headings), then strip footnote markers and attach footnotes.

use anyhow::{bail, Context, Result};
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
    let head = read_head(&lines[..head_end], name_hint, double_spaced)?;
    let start = match organ {
        Some(i) => i + 1,
        None => find_body_start(&lines, &head).ok_or_else(|| {
            anyhow::anyhow!(
                "not a resolution: no organ line (\"The General Assembly,\", \"Le Conseil de sécurité,\" …) and no clause found"
            )
        })?,
    };
    let end = find_closing(&lines, start, head.body).unwrap_or(lines.len());

    let mut noise = mark_noise(&lines, &head);
    let mut footnotes = collect_footnotes(&lines, &mut noise, start, end);
    let blocks = body_blocks(
        &lines[start..end],
        &noise[start..end],
        double_spaced,
        &mut footnotes,
    );
    let vocabulary = Vocabulary::of(&lines[start..end]);
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
    for c in text.chars() {
        match c {
            '\r' => {}
            '\u{c}' => out.push('\n'),
            '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\t' => out.push(' '),
            '\u{ad}' | '\u{200b}' | '\u{feff}' => {}
            _ => out.push(c),
        }
    }
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
        let lower = word.to_lowercase();
        if FRENCH_MARKERS.contains(&lower.as_str()) {
            fr += 1;
        } else if ENGLISH_MARKERS.contains(&lower.as_str()) {
            en += 1;
        }
    }
    if fr > en {
        Language::Fr
    } else {
        Language::En
    }
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
    /// Lower-cased masthead text, to recognise running titles in page headers.
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

fn read_head(head: &[&str], name_hint: Option<&str>, double_spaced: bool) -> Result<Head> {
    let mut symbol = None;
    let mut body = None;
    let mut session = None;
    let mut title = None;
    let mut adopted = None;
    let mut meeting = None;
    let mut after_title = 0;
    for (i, raw) in head.iter().enumerate() {
        let line = raw.trim();
        if symbol.is_none() {
            if let Some(s) = masthead_symbol(line) {
                body = Some(if s.starts_with("S/") {
                    Body::SecurityCouncil
                } else {
                    Body::GeneralAssembly
                });
                symbol = Some(s);
                continue;
            }
        }
        if let Some((number, year, rest)) = sc_heading(line) {
            symbol.get_or_insert_with(|| format!("S/RES/{number} ({year})"));
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
                    full.push(' ');
                    full.push_str(head[j].trim());
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
        {
            if let Some(date) = parse_date(line) {
                adopted = Some(date);
            }
        }
        if meeting.is_none() && lower.starts_with("adopted by the security council at its") {
            meeting = lower
                .split_whitespace()
                .find(|w| {
                    w.ends_with("th") || w.ends_with("st") || w.ends_with("nd") || w.ends_with("rd")
                })
                .filter(|w| w.starts_with(|c: char| c.is_ascii_digit()))
                .map(|w| format!("{w} meeting"));
        }
    }
    if symbol.is_none() {
        if let Some(s) = name_hint.and_then(symbol_from_file_name) {
            body = Some(if s.starts_with("S/") {
                Body::SecurityCouncil
            } else {
                Body::GeneralAssembly
            });
            symbol = Some(s);
        }
    }
    let Some(symbol) = symbol else {
        bail!("not a resolution: no document symbol in its masthead or title, nor in its file name (name it like A_RES_79_6.txt)");
    };
    let body = body.unwrap_or(Body::GeneralAssembly);
    if session.is_none() && body == Body::GeneralAssembly {
        session = symbol
            .strip_prefix("A/RES/")
            .and_then(|rest| rest.split('/').next())
            .and_then(|s| s.parse().ok());
    }
    let masthead = collapse_spaces(&head.join(" ")).to_lowercase();
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

// ---------------------------------------------------------------------------------------------
// Closing lines

/// The first closing line after `start`: `29th plenary meeting`, `Adopted unanimously at the
/// 1382nd meeting.`, or an annex heading.
fn find_closing(lines: &[&str], start: usize, body: Body) -> Option<usize> {
    (start..lines.len()).find(|&i| {
        let line = lines[i].trim();
        let lower = line.to_lowercase();
        let block_start = i == 0 || lines[i - 1].trim().is_empty();
        is_meeting_line(&lower)
            || (block_start && body == Body::SecurityCouncil && lower.starts_with("adopted"))
            || (block_start
                && (lower == "annex" || lower == "annexe" || lower.starts_with("annex ")))
    })
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
        let start = lower[..pos].trim_end().rfind(' ').map_or(0, |p| p + 1);
        meeting = Some(text[start..pos + "plenary meeting".len()].to_string());
    } else if let Some(pos) = lower.find(" meeting") {
        // "Adopted unanimously at the 1382nd meeting."
        let before = &text[..pos];
        let start = before.rfind(' ').map_or(0, |p| p + 1);
        let ordinal = &before[start..];
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
    line == symbol
        || (line.starts_with(['A', 'S']) && cite::normalize_symbol(line).as_deref() == Some(symbol))
}

/// Marks masthead-like lines anywhere: running headers and footers, job numbers, barcodes, links,
/// and running titles next to the symbol.
fn mark_noise(lines: &[&str], head: &Head) -> Vec<bool> {
    let mut noise: Vec<bool> = lines
        .iter()
        .map(|raw| {
            let line = raw.trim();
            is_page_counter(line)
                || is_job_number(line)
                || is_barcode(line)
                || is_link(line)
                || same_symbol(line, &head.symbol)
        })
        .collect();
    // A running title sits next to the symbol in a page header and repeats the masthead.
    for i in 0..lines.len() {
        if !same_symbol(lines[i].trim(), &head.symbol) {
            continue;
        }
        // Before the symbol: the title lines right above it ("Title\nA/RES/79/6").
        let mut j = i;
        while j > 0 && is_running_title(lines[j - 1], &head.masthead) {
            j -= 1;
            noise[j] = true;
        }
        // After it: title lines up to the page counter ("A/RES/79/6\nTitle\n\n2/5").
        for j in i + 1..(i + 6).min(lines.len()) {
            let line = lines[j].trim();
            if is_page_counter(line) {
                break;
            }
            if is_running_title(line, &head.masthead) {
                noise[j] = true;
            }
        }
    }
    noise
}

fn is_running_title(line: &str, masthead: &str) -> bool {
    let line = collapse_spaces(line).to_lowercase();
    line.len() >= 8 && masthead.contains(&line)
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
fn is_double_spaced(lines: &[&str]) -> bool {
    let text_lines = lines.iter().filter(|l| !l.trim().is_empty()).count();
    let adjacent = lines
        .windows(2)
        .filter(|w| !w[0].trim().is_empty() && !w[1].trim().is_empty())
        .count();
    text_lines > 10 && adjacent * 10 < text_lines
}

/// A run of text lines between blank lines, page noise removed.
struct Block {
    lines: Vec<String>,
}

/// Groups the body's lines into blocks. A double-spaced file (every text line followed by a blank
/// line) marks paragraph starts by indentation instead of blank lines. Inline footnote blocks
/// (`1/ S/25046.`) are moved to `footnotes`.
fn body_blocks(
    lines: &[&str],
    noise: &[bool],
    double_spaced: bool,
    footnotes: &mut Vec<Footnote>,
) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let flush = |current: &mut Vec<String>, blocks: &mut Vec<Block>| {
        if !current.is_empty() {
            blocks.push(Block {
                lines: std::mem::take(current),
            });
        }
    };
    for (raw, &is_noise) in lines.iter().zip(noise) {
        if is_noise {
            continue;
        }
        let line = raw.trim();
        if line.is_empty() {
            if !double_spaced {
                flush(&mut current, &mut blocks);
            }
            continue;
        }
        if double_spaced && raw.starts_with(' ') {
            flush(&mut current, &mut blocks);
        }
        if current
            .last()
            .is_some_and(|previous| starts_unspaced_paragraph(previous, line))
        {
            flush(&mut current, &mut blocks);
        }
        current.push(line.to_string());
    }
    flush(&mut current, &mut blocks);

    blocks.retain(|block| {
        let first = &block.lines[0];
        let slash_marker = first.split_once("/ ").is_some_and(|(n, _)| {
            !n.is_empty() && n.len() <= 2 && n.bytes().all(|c| c.is_ascii_digit())
        });
        if slash_marker {
            if let Some((marker, text)) = footnote_start(first) {
                let mut text = text.to_string();
                for line in &block.lines[1..] {
                    append_line(&mut text, line, None);
                }
                footnotes.push(Footnote { marker, text });
                return false;
            }
        }
        true
    });
    blocks
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
        return rest.starts_with(char::is_uppercase);
    }
    let first = line.split_whitespace().next().unwrap_or("");
    let word = first.trim_end_matches(',').to_lowercase();
    first.starts_with(char::is_uppercase)
        && (OPERATIVE_VERBS.contains(&word.as_str())
            || (word.ends_with("ing")
                && word.len() > 6
                && final_punctuation(previous) == Some(',')))
}

// ---------------------------------------------------------------------------------------------
// Joining lines

/// Words seen whole in the document, to decide whether `para-\ngraph` is one word.
struct Vocabulary {
    words: std::collections::HashSet<String>,
}

impl Vocabulary {
    fn of(lines: &[&str]) -> Self {
        let mut words = std::collections::HashSet::new();
        for line in lines {
            for word in line.split(|c: char| !(c.is_alphanumeric() || c == '-')) {
                if word.len() > 3 {
                    words.insert(word.to_lowercase());
                }
            }
        }
        Vocabulary { words }
    }
}

/// Prefixes that keep their hyphen at a line break: `post-\nconflict` → `post-conflict`.
const HYPHEN_PREFIXES: &[&str] = &[
    "post", "pre", "non", "self", "co", "anti", "multi", "inter", "cross", "long", "short", "high",
    "low", "well", "large", "small", "mid", "full", "socio", "counter", "sub", "semi", "ex", "re",
    "year", "follow", "decision", "policy", "peace", "gender", "child", "age", "state", "sex",
    "people", "human", "market", "land", "sea", "open", "far", "state-", "all", "above", "below",
    "one", "two", "three", "four", "five", "ten", "first", "second", "third", "mid-", "low-",
    "middle", "south", "north", "east", "west", "sous", "auto", "extra", "macro", "micro", "quasi",
    "ultra", "vice", "e", "x", "un",
];

/// Appends a line to a paragraph's text, rejoining a word hyphenated across the break.
fn append_line(text: &mut String, line: &str, vocabulary: Option<&Vocabulary>) {
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
            Some(v) if v.words.contains(&with_hyphen) => true,
            Some(v) if v.words.contains(&joined) => false,
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

fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
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
    let words = text.split_whitespace().count();
    let roman_or_letter = text
        .trim_end_matches('.')
        .chars()
        .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L') || c.is_ascii_uppercase())
        && text.trim_end_matches('.').len() <= 5;
    roman_or_letter || (words <= 20 && !ends_paragraph(text))
}

fn block_text(block: &Block, vocabulary: &Vocabulary) -> String {
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
    let heading_rest =
        rest.is_empty() || (!ends_paragraph(rest) && rest.split_whitespace().count() <= 25);
    ((roman || letter)
        && heading_rest
        && !(letter && mark == "A" && !rest.is_empty() && rest.starts_with(char::is_lowercase)))
    .then(|| mark.to_string())
}

/// Whether a block opens a new paragraph by its first words: a preambular participle or
/// adjective, or an operative verb ("Requests", "Encourage").
fn opens_clause(text: &str, language: Language) -> bool {
    let words: Vec<&str> = text.split_whitespace().take(6).collect();
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
fn assemble_clauses(blocks: &[Block], language: Language, vocabulary: &Vocabulary) -> Vec<Clause> {
    let mut clauses: Vec<Clause> = Vec::new();
    let mut section: Option<String> = None;
    // Per section: whether operative paragraphs have begun, and the numbers seen.
    let mut operative_mode = false;
    let mut last_number: Option<u32> = None;
    let mut preambular_count = 0u32;
    let mut in_sublist = false;
    for block in blocks {
        let text = block_text(block, vocabulary);
        let current_in_section = clauses.last().filter(|c| c.section == section);
        if let Some((number, rest)) = operative_number(&text) {
            let follows = last_number.is_none_or(|last| number == last + 1);
            let opens_sublist = current_in_section
                .is_some_and(|c| final_punctuation(&c.text) == Some(':'))
                && number == 1
                && last_number.is_some();
            if (in_sublist || opens_sublist) && !follows {
                // "…the following agenda: 1. Opening of the Congress." stays in its clause.
                in_sublist = true;
                let last = clauses.last_mut().expect("a clause precedes a sub-list");
                append_line(&mut last.text, &text, Some(vocabulary));
                continue;
            }
            in_sublist = false;
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
        let continues = match clauses.last() {
            Some(last) => {
                is_subparagraph(&text)
                    || !ends_paragraph(&last.text)
                    || text.starts_with(|c: char| c.is_lowercase())
                    || (final_punctuation(&last.text) == Some(',')
                        && !opens_clause(&text, language))
            }
            None => false,
        };
        if continues && section_mark(&text).is_none() {
            let last = clauses.last_mut().expect("checked above");
            append_line(&mut last.text, &text, Some(vocabulary));
            continue;
        }
        if let Some(mark) = section_mark(&text) {
            section = Some(mark);
            operative_mode = false;
            preambular_count = 0;
            in_sublist = false;
            continue;
        }
        if is_heading(&text) {
            continue;
        }
        if !operative_mode && opens_preambular(&text) {
            preambular_count += 1;
            clauses.push(new_clause(
                ClauseType::Preambular,
                preambular_count,
                &text,
                &section,
            ));
            continue;
        }
        if let (Some(last), true) = (clauses.last_mut(), last_number.is_some()) {
            // An unnumbered paragraph among numbered ones belongs to the one before.
            append_line(&mut last.text, &text, Some(vocabulary));
            continue;
        }
        operative_mode = true;
        let number = clauses
            .iter()
            .filter(|c| c.kind == ClauseType::Operative && c.section == section)
            .count() as u32
            + 1;
        clauses.push(new_clause(ClauseType::Operative, number, &text, &section));
    }
    for clause in &mut clauses {
        clause.text = collapse_spaces(&clause.text);
        clause.opening = opening_phrase(&clause.text, language);
    }
    clauses
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

/// Words that continue an opening phrase after its main word.
const OPENING_CONTINUATIONS: &[&str] = &[
    "also",
    "further",
    "again",
    "upon",
    "on",
    "note",
    "mind",
    "in",
    "into",
    "account",
    "également",
    "aussi",
    "en",
    "outre",
    "note",
    "acte",
    "compte",
    "de",
    "nouveau",
    "par",
    "ailleurs",
    "with",
    "avec",
    "satisfaction",
    "appreciation",
    "concern",
    "deep",
    "serious",
    "grave",
    "profonde",
    "préoccupation",
    "inquiétude",
    "its",
    "sa",
    "son",
    "ses",
];

/// The participle/adjective or verb group that starts a clause: "Rappelant également",
/// "Also requests", "Deeply concerned", "Prenant note", "Se félicitant".
fn opening_phrase(text: &str, _language: Language) -> String {
    let words: Vec<&str> = text.split_whitespace().take(8).collect();
    let mut end = 0;
    // Leading adverbs and reflexive pronouns.
    while end < words.len() && LEADING_ADVERBS.contains(&clean_word(words[end]).as_str()) {
        end += 1;
    }
    if end < words.len() {
        let main = clean_word(words[end]);
        end += 1;
        if main == "having" || main == "ayant" || main == "being" {
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
            _ => false,
        };
        if !takes || words[end - 1].ends_with([',', ';', ':']) {
            break;
        }
        end += 1;
    }
    let _ = OPENING_CONTINUATIONS;
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
            if let Some(f) = footnotes.iter().find(|f| f.marker == marker) {
                if !clause.footnotes.contains(&f.text) {
                    clause.footnotes.push(f.text.clone());
                }
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
    let tokens: Vec<&str> = text.split(' ').collect();
    let mut out: Vec<String> = Vec::with_capacity(tokens.len());
    let mut markers = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let previous = if i > 0 { Some(tokens[i - 1]) } else { None };
        // Starred marker: "Relies on * the".
        if has_star && *token == "*" {
            markers.push("*".to_string());
            continue;
        }
        // Spaced marker: "Court 1 reaffirms", "2023/24; 4", "United Nations, 1/".
        let bare = token.trim_end_matches('/');
        let bare_digits = bare.trim_end_matches([',', ';', '.', ':']);
        if !bare_digits.is_empty()
            && bare_digits.len() <= 3
            && bare_digits.bytes().all(|c| c.is_ascii_digit())
        {
            if let (Some(prev), Ok(n)) = (previous, bare_digits.parse::<u32>()) {
                let prev_word = clean_word(prev);
                let prev_ok = prev
                    .ends_with(|c: char| c.is_alphabetic() || ",;:.”’)\"".contains(c))
                    && !NUMBER_CONTEXT.contains(&prev_word.as_str());
                let next_word = tokens.get(i + 1).map(|w| clean_word(w));
                let next_ok = next_word
                    .as_deref()
                    .is_none_or(|w| month_number(w).is_none() && w != "per" && w != "percent");
                let slashed = token.ends_with('/') || token.contains("/");
                if is_known_marker(n, *next, numbered) && prev_ok && next_ok
                    || (slashed && prev_ok && n == *next)
                {
                    markers.push(n.to_string());
                    *next = n + 1;
                    let punctuation = &bare[bare_digits.len()..];
                    if !punctuation.is_empty() {
                        if let Some(last) = out.last_mut() {
                            last.push_str(punctuation);
                        }
                    }
                    continue;
                }
            }
        }
        // Glued marker: trailing digits after a letter or punctuation.
        if let Some((kept, n)) = glued_marker(token, previous, *next, numbered) {
            markers.push(n.to_string());
            *next = n + 1;
            out.push(kept);
            continue;
        }
        out.push(token.to_string());
    }
    (out.join(" "), markers)
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
    // Symbols and codes keep their digits: "G20", "A/79/1", "COVID-19", "H2O".
    let code_like = stem.contains(['/', '-'])
        || stem.chars().filter(|c| c.is_uppercase()).count() >= 2 && stem.len() <= 4;
    let n: u32 = number_part.parse().ok()?;
    if allowed && !code_like && is_known_marker(n, expected, numbered) {
        return Some((format!("{stem}{}", &token[core.len()..]), n));
    }
    None
}
