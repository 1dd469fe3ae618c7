//! Stage 2: the head and the closing lines of a resolution.
//!
//! The metadata of a resolution is printed around its body: the masthead symbol
//! (`A/RES/79/6`), a Security Council heading (`Resolution 242 (1967)`) or a General Assembly
//! title line (`79/6. Title`), the adoption date, and the organ line (`The General Assembly,`)
//! after which the clauses start; after them, the closing lines (`29th plenary meeting`,
//! `Adopted unanimously at the 1382nd meeting.`). This file reads those lines and tells the
//! pipeline where the body starts and ends.

use crate::cite;
use crate::model::Body;
use anyhow::{Result, bail};

use super::blocks::{append_line, collapse_spaces, ends_paragraph};
use super::clauses::operative_number;
use super::openings::{is_operative_verb, is_preambular_opening, opens_preambular};

/// The metadata printed before the body.
pub(super) struct Head {
    pub(super) symbol: String,
    pub(super) body: Body,
    pub(super) session: Option<u32>,
    pub(super) title: Option<String>,
    pub(super) adopted: Option<String>,
    pub(super) meeting: Option<String>,
    /// Index (in the head) of the line after the title, where clauses may start without organ line.
    pub(super) after_title: usize,
}

/// Folds apostrophes and case so that organ lines compare simply.
fn fold_line(line: &str) -> String {
    line.trim()
        .trim_end_matches([',', ':', '.'])
        .trim()
        .replace(['’', 'ʼ'], "'")
        .to_lowercase()
}

/// The organ lines after which the clauses start, as [`fold_line`] leaves them.
const ORGAN_LINES: &[&str] = &[
    "the general assembly",
    "l'assemblée générale",
    "the security council",
    "le conseil de sécurité",
    "therefore the security council",
];

/// The first organ line ("The General Assembly,", "Le Conseil de sécurité,").
pub(super) fn find_organ_line(lines: &[&str]) -> Option<usize> {
    lines
        .iter()
        .position(|line| line.len() < 60 && ORGAN_LINES.contains(&fold_line(line).as_str()))
}

/// Reads the metadata printed before the body. `head` runs to the organ line where
/// `organ_found`, and then the title is every line from the `79/6.` line to it.
pub(super) fn read_head(
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
        } else if s.starts_with("E/") {
            Body::EconomicAndSocialCouncil
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
    Ok(Head {
        symbol,
        body,
        session,
        title,
        adopted,
        meeting,
        after_title,
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

/// `Resolution 242 (1967)`, `RESOLUTION 800 (1993)`, `2 (1946). Resolution of 30 January 1946`,
/// `1 (1946) Resolution of 25 January 1946`.
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
    // "2 (1946). Resolution of …", also without the period: "1 (1946) Resolution of …".
    let rest = rest.strip_prefix('.').unwrap_or(rest).trim_start();
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

/// `A_RES_79_6` → `A/RES/79/6`, `S_RES_242_1967` → `S/RES/242 (1967)`, `E_RES_2014_37` →
/// `E/RES/2014/37`; a language suffix as in `A_RES_69_131.fr` (one language's text of a
/// resolution kept beside the other's) is not part of the symbol.
fn symbol_from_file_name(name: &str) -> Option<String> {
    let name = name
        .rsplit_once('.')
        .filter(|(_, suffix)| suffix.len() == 2 && suffix.bytes().all(|b| b.is_ascii_lowercase()))
        .map_or(name, |(stem, _)| stem);
    let parts: Vec<&str> = name.split('_').collect();
    let numeric = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !parts.iter().skip(2).all(|p| numeric(p)) {
        return None;
    }
    match parts.as_slice() {
        ["A", "RES", session, number] => Some(format!("A/RES/{session}/{number}")),
        ["S", "RES", number, year] if year.len() == 4 => Some(format!("S/RES/{number} ({year})")),
        ["E", "RES", year, number] if year.len() == 4 => Some(format!("E/RES/{year}/{number}")),
        _ => None,
    }
}

/// Month names, English and French, in lower case.
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

/// `September`, `juin` → 9, 6.
pub(super) fn month_number(word: &str) -> Option<u32> {
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
pub(super) fn find_body_start(lines: &[&str], head: &Head) -> Option<usize> {
    (head.after_title..lines.len().min(head.after_title + 40)).find(|&i| {
        let line = lines[i].trim();
        let first = line.split_whitespace().next().unwrap_or("");
        let previous_blank = i == 0 || lines[i - 1].trim().is_empty();
        previous_blank
            && !line.starts_with('[')
            // "MILITARY STAFF COMMITTEE": a heading, no paragraph.
            && line.chars().any(char::is_lowercase)
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
pub(super) fn preamble_before_organ(lines: &[&str], head: &Head, organ: usize) -> Option<usize> {
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
pub(super) fn find_closing(lines: &[&str], start: usize, body: Body) -> Option<usize> {
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

/// `29th plenary meeting`, `12e séance plénière` (given in lower case).
fn is_meeting_line(lower: &str) -> bool {
    let starts_with_ordinal = lower.starts_with(|c: char| c.is_ascii_digit());
    starts_with_ordinal
        && lower.len() < 50
        && (lower.ends_with("plenary meeting") || lower.ends_with("séance plénière"))
}

/// Meeting and date from the closing lines.
pub(super) fn read_closing(lines: &[&str]) -> (Option<String>, Option<String>) {
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

#[cfg(test)]
mod tests {
    use super::symbol_from_file_name;
    use crate::segment::segment_text;

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
    fn file_names_give_symbols_of_each_organ_with_or_without_a_language_suffix() {
        let cases = [
            ("A_RES_79_6", Some("A/RES/79/6")),
            ("A_RES_69_131.fr", Some("A/RES/69/131")),
            ("S_RES_2209_2015.en", Some("S/RES/2209 (2015)")),
            ("E_RES_2014_37.fr", Some("E/RES/2014/37")),
            ("E_RES_14_37", None),
            ("A_RES_69_131.french", None),
            ("notes.fr", None),
        ];
        for (name, symbol) in cases {
            assert_eq!(symbol_from_file_name(name).as_deref(), symbol, "{name}");
        }
    }
}
