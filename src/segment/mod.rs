//! Cutting one resolution text into clause documents.
//!
//! Real resolution files are PDF extractions or OCR: mastheads, running headers, job numbers,
//! barcodes, footnote rules and blocks, hyphenated words and paragraphs broken across pages.
//! This module turns such a text into a [`Resolution`]: metadata read from the head and the
//! closing lines, then preambular and operative [`Clause`](crate::model::Clause)s with their
//! footnotes and citations.
//!
//! [`segment_text`] runs the stages in order, one file each:
//!
//! 1. `normalize.rs`: unify line ends, page breaks and odd spaces; tell French from English.
//! 2. `head.rs`: read the metadata printed before the body (masthead symbol, Security Council
//!    heading, General Assembly title line, dates, organ line), find where the body starts and
//!    where the closing lines (`29th plenary meeting`, `Adopted at the …`) end it.
//! 3. `noise.rs`: mark page furniture anywhere (page counters, job numbers, barcodes, links,
//!    running titles).
//! 4. `footnotes.rs`: collect the footnote blocks (after a rule, after the closing lines).
//! 5. `blocks.rs`: group the remaining body lines into blocks between blank lines, moving
//!    footnotes printed between paragraphs out of them; join lines, rejoining hyphenated words.
//! 6. `clauses.rs`: join blocks into clauses (paragraphs cut by a page break, subparagraphs,
//!    quotations, lists and tables announced by a colon, headings and section marks), telling
//!    where a paragraph starts by its opening words (`openings.rs`: the preambular and operative
//!    vocabulary), and read each clause's opening phrase.
//! 7. `footnotes.rs` again: strip the footnote markers from the clauses, attach the footnotes
//!    they point to, and fill each clause's citations.
//! 8. `subparagraphs.rs`: find the lettered subparagraphs (`(a)`, `k)`) in each clause's text.
//!
//! Every rule here answers a pattern seen in the real corpus (`../shared/corpus`); the tests in
//! `tests/it/segment_corpus.rs` and `tests/golden/` hold them to it.

use anyhow::{Result, bail};
use std::path::Path;

use crate::model::Resolution;

mod blocks;
mod clauses;
mod footnotes;
mod head;
mod noise;
mod normalize;
mod openings;
mod subparagraphs;

pub use subparagraphs::{subparagraph_ranges, subparagraphs};

use blocks::{Vocabulary, body_blocks, is_double_spaced};
use clauses::assemble_clauses;
use footnotes::{attach_footnotes, collect_footnotes};
use head::{
    find_body_start, find_closing, find_organ_line, preamble_before_organ, read_closing, read_head,
};
use noise::mark_noise;
use normalize::{detect_language, normalize};

/// Reads and segments one resolution file, read as every command reads one
/// ([`crate::corpus::read_text`]: encodings, size limit). Errors name the reason; the caller
/// names the file.
pub fn segment_file(path: &Path) -> Result<Resolution> {
    let text = crate::corpus::read_text(path).map_err(anyhow::Error::msg)?;
    crate::corpus::segment(path, &text.text).map_err(anyhow::Error::msg)
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
    // 1. Plain lines, and the language.
    let normalized = normalize(text);
    let lines: Vec<&str> = normalized.lines().collect();
    let language = detect_language(&normalized);

    // 2. The head: metadata, and where the body starts and ends.
    let organ = find_organ_line(&lines);
    let head_end = organ.unwrap_or(lines.len().min(60));
    let double_spaced = is_double_spaced(&lines);
    let head = read_head(
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

    // 3. Page furniture.
    let mut noise = mark_noise(&lines, &head, start);
    if let (Some(_), Some(organ)) = (early_preamble, organ) {
        noise[organ] = true;
    }
    // 4. Footnote blocks.
    let mut footnotes = collect_footnotes(&lines, &mut noise, end);
    // 5. Body blocks (footnotes printed between paragraphs go to `footnotes`).
    let organ_in_body = early_preamble.and(organ).map(|organ| organ - start);
    let blocks = body_blocks(
        &lines[start..end],
        &noise[start..end],
        double_spaced,
        organ_in_body,
        &mut footnotes,
    );
    // 6. Clauses.
    let lower_body = std::cell::OnceCell::new();
    let vocabulary = Vocabulary::of(&lines[start..end], &lower_body);
    let mut clauses = assemble_clauses(&blocks, language, &vocabulary);
    if clauses.is_empty() {
        bail!("not a resolution: no preambular or operative paragraph found");
    }
    // 7. Footnote markers out of the clauses, footnotes and citations in.
    attach_footnotes(&mut clauses, &footnotes, head.body);
    // 8. The lettered subparagraphs of each clause.
    for clause in &mut clauses {
        clause.subparagraphs = subparagraphs(&clause.text);
    }

    // The closing lines complete the metadata.
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
