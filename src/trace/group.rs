//! `ressearch query --group`: hits of the same wording folded into one, with the list of the
//! places where that wording stands.
//!
//! Clauses of the same wording ([`super::wording`]) score alike for any query, so a paragraph
//! repeated from year to year would fill the first page. Grouped, each wording is one hit,
//! shown by its best-placed clause, followed by the other matching clauses that have it.

use std::io::Write;
use std::time::Instant;

use anyhow::Result;
use tantivy::DocAddress;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{Searcher, Term};

use crate::Outcome;
use crate::index::Fields;
use crate::output::{Style, highlight};
use crate::search::Search;

use super::similar::{places_json, places_line, read_places};
use super::write_json_line;

/// How many top hits are read to find `limit` wordings: `limit` times this.
const HITS_PER_WORDING: usize = 20;

/// A wording among the hits: its best-placed clause and every matching clause that has it.
struct Group {
    fingerprint: u64,
    score: f32,
    address: DocAddress,
}

/// Runs the search, folds the hits by wording and prints the first `limit` wordings.
pub fn run(
    search: &Search,
    limit: usize,
    json: bool,
    style: Style,
    started: Instant,
    out: &mut impl Write,
) -> Result<Outcome> {
    let (total, total_is_lower_bound) = search.total(limit)?;
    let searcher = search.searcher();
    let fields = search.fields();
    let top = search.top(limit.saturating_mul(HITS_PER_WORDING).min(10_000))?;
    let mut groups: Vec<Group> = Vec::new();
    for (score, address) in top {
        let fingerprint = fingerprint_of(searcher, fields, address)?;
        if groups.iter().all(|g| g.fingerprint != fingerprint) {
            if groups.len() == limit {
                break;
            }
            groups.push(Group {
                fingerprint,
                score,
                address,
            });
        }
    }
    let hits = search.hits(
        &groups
            .iter()
            .map(|g| (g.score, g.address))
            .collect::<Vec<_>>(),
    )?;
    let mut clauses = 0;
    for (group, hit) in groups.iter().zip(&hits) {
        let restriction = TermQuery::new(
            Term::from_field_u64(fields.wording, group.fingerprint),
            IndexRecordOption::Basic,
        );
        let mut addresses = search.matching_with(&restriction)?;
        addresses.retain(|a| *a != group.address);
        let also = read_places(searcher, fields, &mut addresses)?;
        clauses += addresses.len() + 1;
        if json {
            let mut value = crate::output::hit_json(hit)?;
            value["also_in"] = places_json(&also);
            value["places"] = (addresses.len() + 1).into();
            write_json_line(out, &value)?;
        } else {
            let dim = |text: &str| match style {
                Style::Color => format!("\x1b[1;34m{text}\x1b[0m"),
                Style::Plain => text.to_string(),
            };
            writeln!(
                out,
                "{} {}  {}  ({:.2})",
                dim(&hit.symbol),
                dim(&hit.label),
                hit.opening,
                hit.score
            )?;
            writeln!(out, "  {}", highlight(&hit.snippet, &hit.highlights, style))?;
            if !addresses.is_empty() {
                writeln!(out, "  also in {}", places_line(&also, addresses.len()))?;
            }
            writeln!(out)?;
        }
    }
    if !json {
        // The hits first, then the summary, when both go to one terminal.
        out.flush()?;
        let total = crate::search::count_text(total, total_is_lower_bound);
        eprintln!(
            "{} wordings ({clauses} clauses) of {total} matching clauses shown ({:.1} ms)",
            groups.len(),
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
    Ok(if total == 0 {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}

/// The fingerprint of a clause's wording, from the index.
pub(super) fn fingerprint_of(
    searcher: &Searcher,
    fields: &Fields,
    address: DocAddress,
) -> Result<u64> {
    let reader = searcher.segment_reader(address.segment_ord);
    let name = searcher.schema().get_field_name(fields.wording);
    let column = reader.fast_fields().u64(name)?;
    Ok(column.first(address.doc_id).unwrap_or(0))
}
