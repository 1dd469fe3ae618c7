//! Printing results for people and for scripts.

use std::io::{self, Write};

use crate::model::Resolution;

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
