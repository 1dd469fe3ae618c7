//! Classified lines written out as the text the segmenter reads.
//!
//! The segmenter reads paragraphs as blocks of lines between blank lines, and footnotes as
//! numbered entries after a rule of underscores. The layout says both surely: a paragraph
//! break is a vertical gap wider than the document's line pitch, a paragraph cut by a page
//! break continues when the next page starts at the left margin under a full last line, and
//! the footnote areas are known by position. So the text written here holds the first page's
//! masthead (the symbol, date and title the segmenter reads), the body lines with a blank line
//! at each paragraph break, and all footnotes at the end after one rule, one entry per
//! footnote, `N text`. Running heads, footers and footnote rules are left out.

use std::collections::HashMap;

use super::PdfText;
use super::layout::{Line, LineKind, Page, body_size};

/// The rule written before the footnotes (the segmenter's footnote-area mark).
const RULE: &str = "__________________";

/// Where the body's lines stand: what tells a paragraph break from a line break.
struct Geometry {
    body: f32,
    /// Distance between the baselines of two lines of one paragraph.
    pitch: f32,
    /// Where the lines of a paragraph start, after the first.
    left: f32,
    /// Where full lines end.
    right: f32,
}

impl Geometry {
    fn of(pages: &[Page]) -> Geometry {
        let body = body_size(pages);
        let is_body = |l: &Line| l.kind == LineKind::Body && (l.font_size - body).abs() < 0.6;
        let mut pitches: HashMap<i32, usize> = HashMap::new();
        let mut lefts: HashMap<i32, usize> = HashMap::new();
        let mut rights: HashMap<i32, usize> = HashMap::new();
        for page in pages {
            let mut previous_y: Option<f32> = None;
            for line in page.lines.iter().filter(|l| is_body(l)) {
                *lefts.entry(line.x.round() as i32).or_default() += 1;
                *rights.entry((line.x_end / 2.0).round() as i32).or_default() += 1;
                if let Some(py) = previous_y {
                    let delta = line.y - py;
                    if delta > 0.9 * body && delta < 2.0 * body {
                        *pitches.entry((delta * 2.0).round() as i32).or_default() += 1;
                    }
                }
                previous_y = Some(line.y);
            }
        }
        let mode = |h: HashMap<i32, usize>| h.into_iter().max_by_key(|&(v, n)| (n, -v));
        Geometry {
            body,
            pitch: mode(pitches).map_or(1.2 * body, |(v, _)| v as f32 / 2.0),
            left: mode(lefts).map_or(0.0, |(v, _)| v as f32),
            right: mode(rights).map_or(f32::MAX, |(v, _)| v as f32 * 2.0),
        }
    }

    /// Whether the vertical gap between two rows is wider than a line break.
    fn paragraph_gap(&self, above: &Line, below: &Line) -> bool {
        let size = above.font_size.max(below.font_size).max(self.body);
        below.y - above.y > 1.3 * self.pitch * size / self.body
    }

    /// Whether the first line of a page continues the paragraph ending the page before: it
    /// starts at the left margin, under a line that ran to the right margin.
    fn continues(&self, last: &Line, first: &Line) -> bool {
        (first.x - self.left).abs() < 0.6 * self.body && last.x_end > self.right - 2.0 * self.body
    }
}

/// The text of classified pages, for the segmenter (see the module documentation).
pub(super) fn segmenter_text(pages: &[Page]) -> PdfText {
    let geometry = Geometry::of(pages);
    let first_page = pages.first().map_or(1, |p| p.number);
    let mut text = String::new();
    let mut footnotes: Vec<String> = Vec::new();
    let mut furniture_lines = 0;
    let mut last_kept: Option<&Line> = None;
    let mut textless: Vec<u32> = Vec::new();
    for page in pages {
        if page.lines.is_empty() {
            textless.push(page.number);
        }
        let footnote_left = page
            .lines
            .iter()
            .filter(|l| l.kind == LineKind::Footnote)
            .map(|l| l.x)
            .fold(f32::MAX, f32::min);
        let mut last_on_page: Option<&Line> = None;
        for line in &page.lines {
            let kept = match line.kind {
                LineKind::Body => true,
                LineKind::Header => page.number == first_page,
                LineKind::Footer => false,
                LineKind::FootnoteRule => {
                    continue;
                }
                LineKind::Footnote => {
                    add_footnote_line(&mut footnotes, line, footnote_left);
                    continue;
                }
            };
            if !kept {
                furniture_lines += 1;
                continue;
            }
            let blank = match (last_on_page, last_kept) {
                // Cells of one row follow each other.
                (Some(above), _) if (line.y - above.y).abs() < 0.5 => false,
                (Some(above), _) => geometry.paragraph_gap(above, line),
                (None, Some(last)) => !geometry.continues(last, line),
                (None, None) => false,
            };
            if blank && !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&line.text);
            text.push('\n');
            last_on_page = Some(line);
            last_kept = Some(line);
        }
    }
    if !footnotes.is_empty() {
        text.push('\n');
        text.push_str(RULE);
        text.push('\n');
        for note in &footnotes {
            text.push('\n');
            text.push_str(note);
            text.push('\n');
        }
    }
    let mut warnings = Vec::new();
    if !textless.is_empty() {
        let list: Vec<String> = textless.iter().map(u32::to_string).collect();
        warnings.push(format!(
            "page{} {} of {} without text (scanned images?): their text is not indexed",
            if textless.len() > 1 { "s" } else { "" },
            list.join(", "),
            pages.len()
        ));
    }
    PdfText {
        text,
        pages: pages.len(),
        furniture_lines,
        footnotes: footnotes.len(),
        warnings,
    }
}

/// Adds a line of a footnote area: a new footnote where the line opens with a call (a raised
/// number) or with a marker at the area's left edge, else the continuation of the last one
/// (also across a page break).
fn add_footnote_line(footnotes: &mut Vec<String>, line: &Line, left: f32) {
    if line.opens_with_call() {
        let marker = &line.superscripts[0];
        let rest = line.text[marker.len()..].trim_start();
        footnotes.push(format!("{marker} {rest}"));
        return;
    }
    let marked = line.x <= left + 1.0 && opens_with_marker(&line.text);
    match footnotes.last_mut() {
        Some(note) if !marked => {
            note.push('\n');
            note.push_str(&line.text);
        }
        _ => footnotes.push(line.text.clone()),
    }
}

/// `12 Text`, `* Text`, `† Text`.
fn opens_with_marker(text: &str) -> bool {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        return text[digits..].starts_with(' ');
    }
    ["* ", "† ", "‡ "].iter().any(|m| text.starts_with(m))
}
