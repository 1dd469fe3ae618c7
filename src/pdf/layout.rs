//! Lines rebuilt from glyphs, and what each line is: body, running head, footer, footnote rule
//! or footnote.
//!
//! Glyphs are grouped into lines by their baselines (a raised, smaller footnote call joins the
//! line it stands in), words by the gaps between glyphs. Each line is then classified from
//! document-wide statistics, not from coordinates of one producer: the body font size is the
//! size most characters have; a running head or footer sits in the top or bottom margin, and
//! repeats on most pages (digits folded: "2/5" and "3/5" repeat) or looks like a page counter;
//! the first page's masthead is the block of lines at the top down to the first wide white gap;
//! the footnote area is what stands below a rule of underscores or, without one, the block of
//! small lines under the last body line, opening with a note marker.

use std::collections::{HashMap, HashSet};

use super::reader::{Glyph, RawPage, is_breaking_space};

/// What a line is, judged from its position, size and repetition across pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Text of the resolution, including the first page's lines under the masthead.
    Body,
    /// A running head, or the first page's masthead (top margin).
    Header,
    /// A running foot: job number, page counter, barcode (bottom margin).
    Footer,
    /// The short rule (underscores) that opens the footnote area.
    FootnoteRule,
    /// A line of the footnote area.
    Footnote,
}

/// One visual line, or one cell of it where a wide gap splits it (the masthead, tables).
#[derive(Debug, Clone)]
pub struct Line {
    pub text: String,
    /// Left and right edges, points from the page's left edge.
    pub x: f32,
    pub x_end: f32,
    /// Baseline, points from the top of the page.
    pub y: f32,
    /// The size most of the line's characters have, points.
    pub font_size: f32,
    /// The raised, smaller runs of the line (footnote calls), in order: `["1", "2"]`.
    pub superscripts: Vec<String>,
    pub kind: LineKind,
}

impl Line {
    /// Whether the line opens with one of its superscripts: the number of a footnote.
    pub fn opens_with_call(&self) -> bool {
        self.superscripts
            .first()
            .is_some_and(|s| self.text.starts_with(s.as_str()))
    }
}

/// A page: its size and its lines, top to bottom, cells of one line left to right.
#[derive(Debug, Clone)]
pub struct Page {
    /// 1-based.
    pub number: u32,
    pub width: f32,
    pub height: f32,
    pub lines: Vec<Line>,
}

/// The pages of a document as classified lines.
pub(super) fn pages_of(raw: &[RawPage]) -> Vec<Page> {
    let mut pages: Vec<Page> = raw.iter().map(build_lines).collect();
    classify(&mut pages);
    pages
}

/// Groups a page's glyphs into lines: clustered by baseline, ordered top-down then left to
/// right, split into cells at gaps wider than 3 em.
fn build_lines(page: &RawPage) -> Page {
    let g = &page.glyphs;
    let mut order: Vec<usize> = (0..g.len()).collect();
    order.sort_by(|&a, &b| g[a].y.total_cmp(&g[b].y).then(a.cmp(&b)));
    // Clusters of glyphs on one baseline: (baseline, its size, members).
    let mut clusters: Vec<(f64, f64, Vec<usize>)> = Vec::new();
    for i in order {
        let glyph = &g[i];
        let blank = glyph.is_blank();
        if let Some(c) = clusters.last_mut()
            && (glyph.y - c.0).abs() <= 0.45 * c.1.max(glyph.size)
        {
            // The biggest glyphs set the baseline: superscripts stand above it.
            if !blank && glyph.size > c.1 + 0.1 {
                c.0 = glyph.y;
                c.1 = glyph.size;
            }
            c.2.push(i);
            continue;
        }
        clusters.push((glyph.y, if blank { 0.0 } else { glyph.size }, vec![i]));
    }
    let mut lines = Vec::new();
    for (base_y, base_size, mut members) in clusters {
        members.sort_by(|&a, &b| g[a].x.total_cmp(&g[b].x).then(a.cmp(&b)));
        let mut cell: Vec<usize> = Vec::new();
        let mut last_end = f64::NEG_INFINITY;
        for &i in &members {
            let glyph = &g[i];
            if !cell.is_empty()
                && !glyph.is_blank()
                && glyph.x - last_end > 3.0 * base_size.max(glyph.size)
            {
                lines.extend(make_line(g, &cell, base_y, base_size));
                cell.clear();
            }
            if !glyph.is_blank() || !cell.is_empty() {
                last_end = if cell.is_empty() {
                    glyph.x + glyph.advance
                } else {
                    last_end.max(glyph.x + glyph.advance)
                };
                cell.push(i);
            }
        }
        lines.extend(make_line(g, &cell, base_y, base_size));
    }
    lines.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    Page {
        number: page.number,
        width: page.width as f32,
        height: page.height as f32,
        lines,
    }
}

/// The text of one cell: a space where the gap between two glyphs exceeds 0.15 em, none
/// before a superscript, a glyph drawn twice at one place (fake bold) once.
fn make_line(g: &[Glyph], cell: &[usize], base_y: f64, base_size: f64) -> Option<Line> {
    let mut sizes: HashMap<i64, usize> = HashMap::new();
    for &i in cell {
        if !g[i].is_blank() {
            *sizes.entry((g[i].size * 10.0).round() as i64).or_default() += 1;
        }
    }
    let dominant = sizes
        .into_iter()
        .max_by_key(|&(size, n)| (n, size))
        .map(|(size, _)| size as f64 / 10.0)?;
    let mut text = String::new();
    let mut superscripts: Vec<String> = Vec::new();
    let mut previous: Option<&Glyph> = None;
    let mut in_superscript = false;
    for &i in cell {
        let glyph = &g[i];
        if glyph.is_blank() {
            if !text.is_empty() && !text.ends_with(' ') {
                text.push(' ');
            }
            previous = Some(glyph);
            in_superscript = false;
            continue;
        }
        if let Some(p) = previous
            && p.text == glyph.text
            && (glyph.x - p.x).abs() < 0.1 * glyph.size
            && (glyph.y - p.y).abs() < 0.1 * glyph.size
        {
            continue;
        }
        let superscript = glyph.size < 0.8 * base_size && base_y - glyph.y > 0.15 * base_size;
        if let Some(p) = previous {
            let gap = glyph.x - (p.x + p.advance);
            if !superscript && gap > 0.15 * glyph.size.max(p.size) && !text.ends_with(' ') {
                text.push(' ');
            }
        }
        if superscript {
            if !in_superscript {
                superscripts.push(String::new());
            }
            if let Some(last) = superscripts.last_mut() {
                last.push_str(&glyph.text);
            }
        }
        in_superscript = superscript;
        text.push_str(&glyph.text);
        previous = Some(glyph);
    }
    // Runs may bring their own spaces: one space between words, no-break spaces kept.
    let text = text
        .split(is_breaking_space)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if text.is_empty() {
        return None;
    }
    let first = &g[*cell.iter().find(|&&i| !g[i].is_blank())?];
    let x_end = cell
        .iter()
        .map(|&i| g[i].x + g[i].advance)
        .fold(f64::MIN, f64::max);
    Some(Line {
        text,
        x: first.x as f32,
        x_end: x_end as f32,
        y: base_y as f32,
        font_size: dominant as f32,
        superscripts: superscripts
            .into_iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        kind: LineKind::Body,
    })
}

/// A line's text with digits folded, so that "2/5" and "3/5" compare equal.
fn shape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().filter(|c| !c.is_whitespace()) {
        if c.is_ascii_digit() {
            if !out.ends_with('#') {
                out.push('#');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A rule of underscores or dashes, as printed above footnotes.
pub fn is_rule(s: &str) -> bool {
    let mut n = 0;
    for c in s.chars().filter(|c| !c.is_whitespace()) {
        if !matches!(c, '_' | '‗' | '—' | '─' | '-') {
            return false;
        }
        n += 1;
    }
    n >= 5
}

/// "2/5", "- 3 -", "Page 3 of 9", "12".
fn is_page_number(s: &str) -> bool {
    let t = s.trim();
    matches!(
        shape(t).as_str(),
        "#" | "#/#" | "-#-" | "Page#" | "Page#of#" | "#-#"
    ) || (t.len() <= 12
        && t.chars().all(|c| c.is_ascii_digit() || "/-– ".contains(c))
        && t.chars().any(|c| c.is_ascii_digit()))
}

/// The size most characters of the document have.
pub(super) fn body_size(pages: &[Page]) -> f32 {
    let mut sizes: HashMap<i64, usize> = HashMap::new();
    for line in pages.iter().flat_map(|p| &p.lines) {
        *sizes
            .entry((line.font_size * 2.0).round() as i64)
            .or_default() += line.text.chars().count();
    }
    sizes
        .into_iter()
        .max_by_key(|&(size, n)| (n, size))
        .map_or(10.0, |(size, _)| size as f32 / 2.0)
}

/// Classifies the lines of every page (see the module documentation).
fn classify(pages: &mut [Page]) {
    let body = body_size(pages);
    // Lines that repeat: the same folded text at the same height (±4 pt) on several pages.
    let mut seen: HashMap<(String, i32), HashSet<u32>> = HashMap::new();
    for page in pages.iter() {
        for line in &page.lines {
            seen.entry((shape(&line.text), (line.y / 4.0).round() as i32))
                .or_default()
                .insert(page.number);
        }
    }
    let page_count = pages.len();
    let repeated = |line: &Line| -> bool {
        let key = shape(&line.text);
        let band = (line.y / 4.0).round() as i32;
        let n = (band - 1..=band + 1)
            .filter_map(|b| seen.get(&(key.clone(), b)))
            .map(HashSet::len)
            .max()
            .unwrap_or(0);
        // Page furniture recurs on most pages; a footnote citing the same source on two pages
        // of ten does not.
        n >= 2 && n * 5 >= page_count * 2
    };
    let first_page = pages.first().map_or(1, |p| p.number);
    for page in pages.iter_mut() {
        let h = page.height.max(1.0);
        let mut order: Vec<usize> = (0..page.lines.len()).collect();
        order.sort_by(|&a, &b| page.lines[a].y.total_cmp(&page.lines[b].y));
        // The first page's masthead: the lines from the top down to the first white gap wider
        // than two body lines (a line's top taken as its baseline less 0.8 of its size).
        let mut masthead_end = f32::MIN;
        if page.number == first_page {
            let mut previous: Option<f32> = None;
            for &i in &order {
                let line = &page.lines[i];
                if previous.is_some_and(|py| line.y - 0.8 * line.font_size - py > 2.0 * body) {
                    break;
                }
                masthead_end = line.y;
                previous = Some(line.y);
            }
        }
        // Header: the lines from the top in the top 10 %, or in the top 15 % when they repeat
        // or belong to the masthead.
        for &i in &order {
            let line = &page.lines[i];
            if line.y < 0.10 * h
                || (line.y < 0.15 * h && (repeated(line) || line.y <= masthead_end))
            {
                page.lines[i].kind = LineKind::Header;
            } else {
                break;
            }
        }
        // Footer: the lines from the bottom in the bottom 12 % that look like furniture
        // (repeated, a page number, small print, or in the last 6 %), up to a rule or a line
        // opening with a footnote call, which belong to the footnote area.
        for &i in order.iter().rev() {
            let line = &page.lines[i];
            if line.kind != LineKind::Body || is_rule(&line.text) || line.opens_with_call() {
                break;
            }
            let furniture = repeated(line)
                || is_page_number(&line.text)
                || line.font_size < 0.75 * body
                || line.y > 0.94 * h;
            if line.y > 0.88 * h && furniture {
                page.lines[i].kind = LineKind::Footer;
            } else {
                break;
            }
        }
        // Footnotes: the lines below a rule in the lower 60 % of the page, or else the block of
        // smaller lines under the last body-size line, opening with a marker.
        let rule = page
            .lines
            .iter()
            .position(|l| l.kind == LineKind::Body && is_rule(&l.text) && l.y > 0.4 * h);
        if let Some(r) = rule {
            let rule_y = page.lines[r].y;
            page.lines[r].kind = LineKind::FootnoteRule;
            for line in page.lines.iter_mut() {
                if line.kind == LineKind::Body && line.y > rule_y {
                    line.kind = LineKind::Footnote;
                }
            }
        } else {
            let last_body = page
                .lines
                .iter()
                .filter(|l| l.kind == LineKind::Body && l.font_size >= body - 0.6)
                .map(|l| l.y)
                .fold(f32::MIN, f32::max);
            let below: Vec<usize> = (0..page.lines.len())
                .filter(|&i| {
                    let l = &page.lines[i];
                    l.kind == LineKind::Body
                        && l.y > last_body
                        && l.font_size < body - 0.6
                        && !is_rule(&l.text)
                })
                .collect();
            if let Some(&first) = below.first() {
                let line = &page.lines[first];
                let opens_with_marker = !line.superscripts.is_empty()
                    || line
                        .text
                        .starts_with(|c: char| c.is_ascii_digit() || "*†‡§".contains(c));
                if opens_with_marker {
                    for i in below {
                        page.lines[i].kind = LineKind::Footnote;
                    }
                }
            }
        }
    }
}
