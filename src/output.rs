//! Printing results for people and for scripts.

use std::io::{self, Write};

use std::io::IsTerminal;
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
    /// Colour on a terminal unless `NO_COLOR` is set (<https://no-color.org>).
    pub fn for_stdout() -> Style {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        if std::io::stdout().is_terminal() && !no_color {
            Style::Color
        } else {
            Style::Plain
        }
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
        if start < from || end > snippet.len() {
            continue;
        }
        out.push_str(&snippet[from..start]);
        out.push_str(&style.mark(&snippet[start..end]));
        from = end;
    }
    out.push_str(&snippet[from..]);
    out
}

/// Hits for people: symbol, label and opening, then the highlighted snippet; then a count.
pub fn print_hits(
    out: &mut impl Write,
    results: &Results,
    elapsed: Duration,
    style: Style,
) -> io::Result<()> {
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
    writeln!(
        out,
        "{} of {} matching clauses shown ({:.1} ms)",
        results.hits.len(),
        results.total,
        elapsed.as_secs_f64() * 1000.0
    )
}

/// Hits for scripts: one JSON object per line. `snippet` carries `**` markers around matches.
pub fn print_hits_json(out: &mut impl Write, hits: &[Hit]) -> io::Result<()> {
    for hit in hits {
        let mut value = serde_json::to_value(hit)?;
        value["snippet"] =
            serde_json::Value::String(highlight(&hit.snippet, &hit.highlights, Style::Plain));
        serde_json::to_writer(&mut *out, &value)?;
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
        "indexed {} clauses of {} resolutions from {} files in {:.2} s ({} skipped, {} non-text files ignored); index {} ({:.2} MB)",
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
