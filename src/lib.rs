//! ressearch: clause-level search over UN resolutions.
//!
//! The pipeline, one module a stage: [`corpus`] finds and reads resolution files ([`pdf`]
//! reads the PDFs by their layout), [`segment`] cuts a resolution into clauses, [`cite`] finds
//! the documents each clause cites, [`analyzer`] holds the French and English text analysis,
//! [`index`] writes the Tantivy index, [`query`] reads the query language, [`search`] runs
//! queries on the index and [`output`] prints results ([`serve`] answers them over HTTP); [`eval`] measures the ranking on judged
//! search needs. [`model`] holds the data types and the vocabulary they pass along; [`cli`] is
//! the command line.

pub mod acronyms;
pub mod analyzer;
pub mod bench;
pub mod cite;
pub mod cli;
pub mod corpus;
pub mod eval;
pub mod export;
pub mod index;
pub mod model;
pub mod output;
pub mod pdf;
pub mod progress;
pub mod query;
pub mod search;
pub mod segment;
pub mod serve;
pub mod synth;
pub mod thesaurus;
pub mod trace;

use anyhow::{Result, anyhow};
use std::io::Write;

use cli::{Command, QueryOutput};

/// How a successful run ended, as grep and ripgrep report it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Something was found or done: exit code 0.
    Found,
    /// Nothing matched, or (`index --strict`) some file was skipped: exit code 1.
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

/// Whether an error is a closed output pipe (`ressearch query … | head -1`), which ends a run
/// quietly, as for grep and ripgrep, not as an error.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            || cause
                .downcast_ref::<serde_json::Error>()
                .and_then(serde_json::Error::io_error_kind)
                == Some(std::io::ErrorKind::BrokenPipe)
    })
}

/// Runs one command, writing to standard output (results) and standard error (warnings,
/// summaries, progress).
pub fn run(command: Command) -> Result<Outcome> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let outcome = match command {
        Command::Segment { file, json } => {
            let named = |reason: String| anyhow!("{}: {reason}", file.display());
            let text = corpus::read_text(&file).map_err(named)?;
            for warning in &text.warnings {
                eprintln!("ressearch: warning: {}: {warning}", file.display());
            }
            let res = corpus::segment(&file, &text.text).map_err(named)?;
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
            strict,
        } => {
            let options = index::BuildOptions { rebuild, prune };
            let report = index::build_with(&paths, &index, options)?;
            output::print_build_report(&mut std::io::stderr(), &report)?;
            if strict && !report.skipped.is_empty() {
                Outcome::NothingFound
            } else {
                Outcome::Found
            }
        }
        Command::Query {
            query,
            index,
            limit,
            output: kind,
            color,
            filters,
            fixed_strings,
            group,
            exact_count,
        } => {
            let started = std::time::Instant::now();
            // A damaged index is reported as such, even when Tantivy panics on it.
            let found = index::read_guarded(&index, || -> Result<bool> {
                let (idx, fields) = index::open(&index)?;
                let reading = if fixed_strings {
                    query::Reading::FixedStrings
                } else {
                    query::Reading::Syntax
                };
                let mut search =
                    search::Search::with_reading(&idx, fields, &query, &filters, reading)?;
                if exact_count {
                    search = search.with_exact_count();
                }
                if let Some(error) = search.plain_words() {
                    eprintln!("ressearch: read as plain words: {}", error.reason());
                }
                Ok(match kind {
                    QueryOutput::Json | QueryOutput::Hits if group => {
                        let json = kind == QueryOutput::Json;
                        let search = if json {
                            search.with_text_highlights()
                        } else {
                            search
                        };
                        let style = output::Style::new(color);
                        let outcome =
                            trace::group::run(&search, limit, json, style, started, &mut out)?;
                        outcome == Outcome::Found
                    }
                    QueryOutput::Count => {
                        let total = search.count()?;
                        writeln!(out, "{total}")?;
                        total > 0
                    }
                    QueryOutput::List => {
                        let symbols = search.symbols()?;
                        for symbol in &symbols {
                            writeln!(out, "{symbol}")?;
                        }
                        !symbols.is_empty()
                    }
                    QueryOutput::Json => {
                        let results = search.with_text_highlights().run(limit)?;
                        output::print_hits_json(&mut out, &results.hits)?;
                        // Near matches shown count as something found.
                        results.total > 0 || !results.hits.is_empty()
                    }
                    QueryOutput::Hits => {
                        let results = search.run(limit)?;
                        output::print_hits(&mut out, &results, output::Style::new(color))?;
                        // The hits first, then the summary, when both go to one terminal.
                        out.flush()?;
                        output::print_summary(
                            &mut std::io::stderr(),
                            results.hits.len(),
                            &results,
                            started.elapsed(),
                        )?;
                        results.total > 0 || !results.hits.is_empty()
                    }
                })
            })?;
            if !found && query.split_whitespace().count() >= 8 {
                eprintln!(
                    "ressearch: no clause has all these words; `ressearch similar` finds close wordings"
                );
            }
            if found {
                Outcome::Found
            } else {
                Outcome::NothingFound
            }
        }
        Command::Show(request) => trace::show::run(&request, &mut out)?,
        Command::Cites(request) => trace::cites::run(&request, &mut out)?,
        Command::Similar(request) => trace::similar::run(&request, &mut out)?,
        Command::Diff(request) => trace::diff::run(&request, &mut out)?,
        Command::Serve(options) => {
            serve::run(&options)?;
            Outcome::Found
        }
        Command::Bench {
            queries,
            list_queries: true,
            ..
        } => {
            for q in bench::load_queries(queries.as_deref())? {
                writeln!(out, "{}\t{}", q.class, q.query)?;
            }
            Outcome::Found
        }
        Command::Bench {
            index,
            queries,
            runs,
            json,
            list_queries: false,
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
        Command::Export { index } => {
            let clauses = index::read_guarded(&index, || export::run(&index, &mut out))?;
            out.flush()?;
            eprintln!("exported {clauses} clauses");
            Outcome::Found
        }
        Command::Eval {
            file,
            index,
            needs,
            json,
        } => {
            let judged = eval::load(&file)?;
            let report = eval::run(&index, &judged)?;
            if json {
                eval::print_report_json(&mut out, &report)?;
            } else {
                eval::print_report(&mut out, &report, needs)?;
            }
            Outcome::Found
        }
        Command::Synth {
            resolutions,
            out: dir,
            from,
            seed,
            force,
            french,
        } => {
            let r = synth::generate(resolutions, &dir, &from, seed, force, french)?;
            eprintln!(
                "wrote {} resolutions ({} in French), {} clauses ({:.1} MB) to {} in {:.2} s, from {} clauses of {} files ({} French clauses of {} files)",
                r.resolutions,
                r.french_resolutions,
                r.clauses,
                r.bytes as f64 / 1e6,
                r.out.display(),
                r.elapsed.as_secs_f64(),
                r.source_clauses,
                r.source_files,
                r.source_french_clauses,
                r.source_french_files
            );
            Outcome::Found
        }
        Command::Completions { shell } => {
            cli::write_completions(shell, &mut out)?;
            Outcome::Found
        }
        Command::Man { command } => {
            cli::write_man_page(command.as_deref(), &mut out)?;
            Outcome::Found
        }
    };
    out.flush()?;
    Ok(outcome)
}
