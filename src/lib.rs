//! ressearch: clause-level search over UN resolutions.
//!
//! The pipeline, one module a stage: [`corpus`] finds and reads resolution files, [`segment`]
//! cuts a resolution into clauses, [`cite`] finds the documents each clause cites, [`analyzer`]
//! holds the French and English text analysis, [`index`] writes the Tantivy index, [`query`]
//! reads the query language, [`search`] runs queries on the index and [`output`] prints
//! results. [`model`] holds the data types and the vocabulary they pass along; [`cli`] is the
//! command line.

pub mod analyzer;
pub mod bench;
pub mod cite;
pub mod cli;
pub mod corpus;
pub mod index;
pub mod model;
pub mod output;
pub mod query;
pub mod search;
pub mod segment;
pub mod synth;

use anyhow::{Context, Result};
use std::io::Write;

use cli::Command;

/// How a successful run ended, as grep and ripgrep report it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Something was found or done: exit code 0.
    Found,
    /// Nothing matched: exit code 1.
    NothingFound,
}

impl Outcome {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            Outcome::Found => 0,
            Outcome::NothingFound => 1,
        }
    }
}

/// Runs one command, writing to standard output.
pub fn run(command: Command) -> Result<Outcome> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let outcome = match command {
        Command::Segment { file, json } => {
            let res =
                segment::segment_file(&file).with_context(|| format!("{}", file.display()))?;
            if json {
                output::print_segmentation_json(&mut out, &res)?;
            } else {
                output::print_segmentation(&mut out, &res)?;
            }
            Outcome::Found
        }
        Command::Index {
            paths,
            index,
            rebuild,
            prune,
        } => {
            let options = index::BuildOptions { rebuild, prune };
            let report = index::build_with(&paths, &index, options)?;
            output::print_build_report(&mut std::io::stderr(), &report)?;
            if report.skipped.is_empty() {
                Outcome::Found
            } else {
                Outcome::NothingFound
            }
        }
        Command::Query {
            query,
            index,
            limit,
            json,
            filters,
        } => {
            let started = std::time::Instant::now();
            // A damaged index is reported as such, even when Tantivy panics on it.
            let results = index::read_guarded(&index, || {
                let (idx, fields) = index::open(&index)?;
                search::Search::new(&idx, fields, &query, &filters)?.run(limit)
            })?;
            let elapsed = started.elapsed();
            if json {
                output::print_hits_json(&mut out, &results.hits)?;
            } else {
                let style = output::Style::for_stdout();
                output::print_hits(&mut out, &results, elapsed, style)?;
            }
            // With --limit 0 only the count is asked for: it decides.
            if results.total == 0 {
                Outcome::NothingFound
            } else {
                Outcome::Found
            }
        }
        Command::Bench {
            index,
            queries,
            runs,
            json,
        } => {
            let queries = bench::load_queries(queries.as_deref())?;
            let report = index::read_guarded(&index, || bench::run(&index, &queries, runs))?;
            if json {
                bench::print_report_json(&mut out, &report)?;
            } else {
                bench::print_report(&mut out, &report)?;
            }
            Outcome::Found
        }
        Command::Synth {
            resolutions,
            out: dir,
            from,
            seed,
        } => {
            let r = synth::generate(resolutions, &dir, &from, seed)?;
            eprintln!(
                "wrote {} resolutions, {} clauses ({:.1} MB) to {} in {:.2} s, from {} clauses of {} resolutions",
                r.resolutions,
                r.clauses,
                r.bytes as f64 / 1e6,
                r.out.display(),
                r.elapsed.as_secs_f64(),
                r.source_clauses,
                r.source_resolutions
            );
            Outcome::Found
        }
    };
    out.flush()?;
    Ok(outcome)
}
