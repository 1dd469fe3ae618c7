//! Printing results for people and for scripts.

use std::io::{self, Write};
use std::time::Duration;

use crate::index::BuildReport;
use crate::model::Resolution;
use crate::search::{Hit, Results};

/// How to mark matched words in snippets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// ANSI colours, for a terminal.
    Color,
    /// `**word**` markers, when piped or when `NO_COLOR` is set.
    Plain,
}

impl Style {
    /// Colour or not, as the command line settled (`--color`, a terminal, `NO_COLOR`).
    pub fn new(color: bool) -> Style {
        if color { Style::Color } else { Style::Plain }
    }

    fn mark(self, word: &str) -> String {
        match self {
            Style::Color => format!("\x1b[1;31m{word}\x1b[0m"),
            Style::Plain => format!("**{word}**"),
        }
    }

    fn dim(self, text: &str) -> String {
        match self {
            Style::Color => format!("\x1b[1;34m{text}\x1b[0m"),
            Style::Plain => text.to_string(),
        }
    }
}

/// A snippet with its matched ranges marked.
pub fn highlight(snippet: &str, ranges: &[(usize, usize)], style: Style) -> String {
    let mut out = String::with_capacity(snippet.len() + ranges.len() * 8);
    let mut from = 0;
    for &(start, end) in ranges {
        let (Some(before), Some(word)) = (snippet.get(from..start), snippet.get(start..end)) else {
            continue;
        };
        out.push_str(before);
        out.push_str(&style.mark(word));
        from = end;
    }
    out.push_str(snippet.get(from..).unwrap_or_default());
    out
}

/// Hits for people: symbol, label and opening, then the highlighted snippet. The summary line
/// goes apart, on standard error ([`print_summary`]), so that what is printed here depends on
/// the index and the query only.
pub fn print_hits(out: &mut impl Write, results: &Results, style: Style) -> io::Result<()> {
    for hit in &results.hits {
        writeln!(
            out,
            "{} {}  {}  ({:.2})",
            style.dim(&hit.symbol),
            style.dim(&hit.label),
            hit.opening,
            hit.score
        )?;
        writeln!(out, "  {}", highlight(&hit.snippet, &hit.highlights, style))?;
        writeln!(out)?;
    }
    Ok(())
}

/// The summary of a query: hits shown, clauses matched (`more than 10,000` past the bound of
/// counting), time taken.
pub fn print_summary(
    out: &mut impl Write,
    shown: usize,
    results: &Results,
    elapsed: Duration,
) -> io::Result<()> {
    let ms = elapsed.as_secs_f64() * 1000.0;
    let total = results.total_text();
    if shown > results.total {
        // Near matches fill the list after the clauses with every word.
        let near = shown - results.total;
        return writeln!(
            out,
            "{total} of {total} matching clauses shown, then {near} with most of the words ({ms:.1} ms)"
        );
    }
    writeln!(
        out,
        "{shown} of {total} matching clauses shown ({ms:.1} ms)"
    )
}

/// The count of a query's results for scripts and services: `{"shown": 10, "total": 10000,
/// "total_is_lower_bound": true}`; `total_is_lower_bound` says that more than `total` clauses
/// match (counting stopped there, see [`crate::search::COUNT_BOUND`]).
pub fn summary_json(results: &Results) -> serde_json::Value {
    serde_json::json!({
        "shown": results.hits.len(),
        "total": results.total,
        "total_is_lower_bound": results.total_is_lower_bound,
    })
}

/// The document's page on the UN's document system: `https://undocs.org/` and the symbol, in
/// the form the UN prints (`S/RES/242(1967)`: no space before a year), percent-encoded (RFC
/// 3986: letters, digits, `-._~/()` as they are, every other byte as `%XX`).
pub fn undocs_url(symbol: &str) -> Option<String> {
    let symbol = symbol.trim();
    if symbol.is_empty() {
        return None;
    }
    let mut url = String::from("https://undocs.org/");
    for byte in symbol.replace(" (", "(").bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/()".contains(&byte) {
            url.push(char::from(byte));
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    Some(url)
}

/// Byte ranges of `text` as character ranges (Unicode scalar values, end exclusive), for
/// consumers that count characters, not UTF-8 bytes. Ranges that are not on character
/// boundaries are left out.
pub fn char_ranges(text: &str, ranges: &[(usize, usize)]) -> Vec<(usize, usize)> {
    ranges
        .iter()
        .filter_map(|&(start, end)| {
            let before = text.get(..start)?;
            let word = text.get(start..end)?;
            let start = before.chars().count();
            Some((start, start + word.chars().count()))
        })
        .collect()
}

/// One hit as a JSON object: the fields of [`Hit`], `snippet` with `**` markers around the
/// matches, `highlights` as character ranges into `text`, and `url`.
pub fn hit_json(hit: &Hit) -> serde_json::Result<serde_json::Value> {
    let mut value = serde_json::to_value(hit)?;
    value["snippet"] =
        serde_json::Value::String(highlight(&hit.snippet, &hit.highlights, Style::Plain));
    value["highlights"] = serde_json::to_value(char_ranges(&hit.text, &hit.text_highlights))?;
    value["url"] = serde_json::to_value(undocs_url(&hit.symbol))?;
    Ok(value)
}

/// Hits for scripts: one JSON object per line ([`hit_json`]).
pub fn print_hits_json(out: &mut impl Write, hits: &[Hit]) -> io::Result<()> {
    for hit in hits {
        serde_json::to_writer(&mut *out, &hit_json(hit)?)?;
        writeln!(out)?;
    }
    Ok(())
}

/// The summary of an index build: skipped files with their reasons (the first ones, then a
/// count per reason), warnings, then one line of totals.
pub fn print_build_report(out: &mut impl Write, report: &BuildReport) -> io::Result<()> {
    const LISTED: usize = 20;
    for warning in &report.warnings {
        writeln!(
            out,
            "warning {}: {}",
            warning.path.display(),
            warning.reason
        )?;
    }
    for skipped in report.skipped.iter().take(LISTED) {
        writeln!(
            out,
            "skipped {}: {}",
            skipped.path.display(),
            skipped.reason
        )?;
    }
    if report.skipped.len() > LISTED {
        let mut reasons: std::collections::BTreeMap<&str, usize> = Default::default();
        for skipped in &report.skipped[LISTED..] {
            let reason = skipped.reason.split(':').next().unwrap_or(&skipped.reason);
            *reasons.entry(reason).or_default() += 1;
        }
        for (reason, count) in reasons {
            writeln!(out, "skipped {count} more files: {reason}")?;
        }
    }
    for note in &report.notes {
        writeln!(out, "note: {note}")?;
    }
    if report.incremental {
        writeln!(
            out,
            "{} added, {} updated, {} removed, {} unchanged",
            report.added, report.updated, report.removed, report.unchanged
        )?;
    }
    writeln!(
        out,
        "indexed {} clauses of {} resolutions from {} files in {:.2} s ({} skipped, {} other files ignored); index {} ({:.2} MB)",
        report.clauses,
        report.resolutions,
        report.files_read,
        report.elapsed.as_secs_f64(),
        report.skipped.len(),
        report.ignored,
        report.index_dir.display(),
        report.bytes_on_disk as f64 / 1e6
    )
}

/// A resolution's segmentation, one block a clause: label, opening phrase, cites, text.
pub fn print_segmentation(out: &mut impl Write, res: &Resolution) -> io::Result<()> {
    writeln!(
        out,
        "{}  ({}, {})",
        res.symbol,
        res.body.name(),
        res.language.code()
    )?;
    if let Some(title) = &res.title {
        writeln!(out, "title:   {title}")?;
    }
    if let Some(session) = res.session {
        writeln!(out, "session: {session}")?;
    }
    if res.adopted.is_some() || res.meeting.is_some() {
        writeln!(
            out,
            "adopted: {} {}",
            res.adopted.as_deref().unwrap_or("(date not printed)"),
            res.meeting
                .as_deref()
                .map(|m| format!("({m})"))
                .unwrap_or_default()
        )?;
    }
    for clause in &res.clauses {
        writeln!(out)?;
        writeln!(out, "{}  {}", clause.label(), clause.opening)?;
        if !clause.cites.is_empty() {
            writeln!(out, "  cites: {}", clause.cites.join(", "))?;
        }
        writeln!(out, "  {}", clause.text)?;
        for footnote in &clause.footnotes {
            writeln!(out, "  footnote: {footnote}")?;
        }
    }
    let preambular = res
        .clauses
        .iter()
        .filter(|c| c.kind == crate::model::ClauseType::Preambular)
        .count();
    writeln!(out)?;
    writeln!(
        out,
        "{} clauses: {} preambular, {} operative",
        res.clauses.len(),
        preambular,
        res.clauses.len() - preambular
    )
}

/// A resolution as one JSON object on one line.
pub fn print_segmentation_json(out: &mut impl Write, res: &Resolution) -> io::Result<()> {
    serde_json::to_writer(&mut *out, res)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undocs_links_use_the_printed_form_and_are_encoded() {
        assert_eq!(
            undocs_url("A/RES/75/272").as_deref(),
            Some("https://undocs.org/A/RES/75/272")
        );
        assert_eq!(
            undocs_url("S/RES/242 (1967)").as_deref(),
            Some("https://undocs.org/S/RES/242(1967)")
        );
        assert_eq!(
            undocs_url("A/CONF.157/24 (Part I)").as_deref(),
            Some("https://undocs.org/A/CONF.157/24(Part%20I)")
        );
        assert_eq!(
            undocs_url("A/RES/é#?&").as_deref(),
            Some("https://undocs.org/A/RES/%C3%A9%23%3F%26")
        );
        assert_eq!(undocs_url("  "), None);
    }

    #[test]
    fn byte_ranges_become_character_ranges() {
        let text = "Sécurité et paix";
        let paix = text.find("paix").unwrap();
        assert_eq!(
            char_ranges(text, &[(0, "Sécurité".len()), (paix, paix + 4)]),
            [(0, 8), (12, 16)]
        );
        // Not on a character boundary: left out.
        assert_eq!(char_ranges(text, &[(2, 3)]), []);
    }

    #[test]
    fn highlighting_skips_ranges_out_of_the_snippet() {
        assert_eq!(
            highlight(
                "paix et sécurité",
                &[(0, 4), (9, 10), (50, 60)],
                Style::Plain
            ),
            "**paix** et sécurité"
        );
    }
}
