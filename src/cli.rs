//! The command line: the only module that knows clap.
//!
//! `Opts` is parsed by clap; its doc comments are the `--help` text. Everything past parsing
//! works on the plain [`Command`] it converts into.

use std::path::PathBuf;
use std::str::FromStr;

use clap::{Parser, Subcommand};

use crate::model::{Body, ClauseType, Language, MAX_SESSION};
use crate::search::Filters;

/// Clause-level search over UN resolutions.
///
/// Index a folder of resolution texts, then search their preambular and operative paragraphs:
///
///   ressearch index corpus/
///   ressearch query "diplomatie préventive"
#[derive(Debug, Parser)]
#[command(name = "ressearch", version, verbatim_doc_comment)]
pub struct Opts {
    #[command(subcommand)]
    pub command: Sub,
}

#[derive(Debug, Subcommand)]
pub enum Sub {
    /// Print how one resolution file is cut into clauses.
    Segment {
        /// The resolution text file (UTF-8), e.g. corpus/A_RES_75_272.txt.
        file: PathBuf,
        /// Print one JSON object instead of readable blocks.
        #[arg(long)]
        json: bool,
    },
    /// Build the search index from folders or files of resolution texts.
    ///
    /// Walks folders recursively and reads every .txt file; a file that cannot be read or
    /// segmented is reported and skipped. A second run re-indexes only new and changed files
    /// and drops deleted ones. The new index replaces the old one only once it is complete.
    /// Exit code 0 when every file was indexed, 1 when some were skipped.
    Index {
        /// Folders or files to index.
        #[arg(default_value = "corpus")]
        paths: Vec<PathBuf>,
        /// Where the index lives.
        #[arg(long, default_value = "index")]
        index: PathBuf,
        /// Rebuild from scratch instead of re-indexing only new, changed and deleted files.
        #[arg(long)]
        rebuild: bool,
        /// Remove the resolutions indexed earlier from files outside the PATHs given (by
        /// default they are kept, and the summary says how many).
        #[arg(long)]
        prune: bool,
    },
    /// Search the clauses.
    ///
    /// All words must match. Also: OR, -word or NOT word, "exact phrase", (grouping), and
    /// filters field:value with the fields type, cites, symbol, lang, body, session, opening, e.g.
    ///   ressearch query "diplomatie préventive" type:operative
    ///   ressearch query cites:A/RES/72/7
    /// Exit code 0 when something matched, 1 when nothing did, 2 on error.
    #[command(verbatim_doc_comment)]
    Query {
        /// The query; several arguments are joined with spaces. May be left out when a
        /// filter flag is given (`ressearch query --cites A/RES/72/7`).
        #[arg(required_unless_present_any = ["kind", "cites", "symbol", "lang", "body", "session"])]
        query: Vec<String>,
        /// Where the index lives.
        #[arg(long, default_value = "index")]
        index: PathBuf,
        /// How many hits to show; 0 prints only the number of matching clauses.
        #[arg(long, short = 'n', default_value_t = 10)]
        limit: usize,
        /// One JSON object per hit per line (NDJSON).
        #[arg(long)]
        json: bool,
        /// Only preambular or operative clauses (preambular, operative).
        #[arg(long = "type", value_parser = ClauseType::from_str)]
        kind: Option<ClauseType>,
        /// Only clauses citing this document symbol, e.g. A/RES/72/7.
        #[arg(long)]
        cites: Option<String>,
        /// Only clauses of this resolution, e.g. A/RES/75/272.
        #[arg(long)]
        symbol: Option<String>,
        /// Only clauses in this language (fr, en).
        #[arg(long, value_parser = Language::from_str)]
        lang: Option<Language>,
        /// Only clauses of this organ (ga, sc).
        #[arg(long, value_parser = Body::from_str)]
        body: Option<Body>,
        /// Only General Assembly clauses of this session (1 to 9999), e.g. 75.
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_SESSION)))]
        session: Option<u32>,
    },
    /// Measure query latency on an index, per query class.
    ///
    /// Opens the index once, parses each query once, warms up, then runs every query N times
    /// and prints, per class and for all queries (`all`), the count of timed runs, the p50,
    /// p95, p99 and maximum latency in microseconds and the queries per second, for the search
    /// alone (top 10) and for the search with stored fields and snippets (search+fetch).
    #[command(verbatim_doc_comment)]
    Bench {
        /// Where the index lives.
        #[arg(long, default_value = "index")]
        index: PathBuf,
        /// Query set, one `class<TAB>query` a line, `#` comments [default: the built-in set,
        /// benches/queries/default.tsv].
        #[arg(long)]
        queries: Option<PathBuf>,
        /// Timed runs of each query.
        #[arg(long, default_value_t = 20)]
        runs: usize,
        /// One JSON object per class and measure per line: class, measure ("search" or
        /// "search+fetch"), queries, count, p50_us, p95_us, p99_us, max_us, mean_us, qps,
        /// zero_hit_queries.
        #[arg(long)]
        json: bool,
    },
    /// Write a synthetic corpus for benchmarks, recombining real clauses.
    ///
    /// Segments the corpus given with --from, then writes N General Assembly resolutions in
    /// the layout of the real files, with new symbols (sessions 100 and up), dates and some
    /// new citations, each made of clauses drawn at random from that corpus. The same seed
    /// gives the same files. OUT/MANIFEST.tsv lists each file with its preambular and
    /// operative clause counts.
    #[command(verbatim_doc_comment)]
    Synth {
        /// How many resolutions to write (about 28 clauses each from the shared corpus).
        #[arg(long)]
        resolutions: usize,
        /// The folder to write them into (created if needed).
        #[arg(long)]
        out: PathBuf,
        /// Folders or files of real resolution texts to draw the clauses from.
        #[arg(long, default_value = "corpus")]
        from: Vec<PathBuf>,
        /// Seed of the random choices.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

/// What to do, free of clap.
#[derive(Debug)]
pub enum Command {
    Segment {
        file: PathBuf,
        json: bool,
    },
    Index {
        paths: Vec<PathBuf>,
        index: PathBuf,
        rebuild: bool,
        prune: bool,
    },
    Query {
        query: String,
        index: PathBuf,
        limit: usize,
        json: bool,
        filters: Filters,
    },
    Bench {
        index: PathBuf,
        queries: Option<PathBuf>,
        runs: usize,
        json: bool,
    },
    Synth {
        resolutions: usize,
        out: PathBuf,
        from: Vec<PathBuf>,
        seed: u64,
    },
}

impl From<Opts> for Command {
    fn from(opts: Opts) -> Self {
        match opts.command {
            Sub::Segment { file, json } => Command::Segment { file, json },
            Sub::Index {
                paths,
                index,
                rebuild,
                prune,
            } => Command::Index {
                paths,
                index,
                rebuild,
                prune,
            },
            Sub::Query {
                query,
                index,
                limit,
                json,
                kind,
                cites,
                symbol,
                lang,
                body,
                session,
            } => Command::Query {
                query: query.join(" "),
                index,
                limit,
                json,
                filters: Filters {
                    kind,
                    cites,
                    symbol,
                    lang,
                    body,
                    session,
                },
            },
            Sub::Bench {
                index,
                queries,
                runs,
                json,
            } => Command::Bench {
                index,
                queries,
                runs,
                json,
            },
            Sub::Synth {
                resolutions,
                out,
                from,
                seed,
            } => Command::Synth {
                resolutions,
                out,
                from,
                seed,
            },
        }
    }
}

/// Parses the process arguments; clap prints help and usage errors itself.
pub fn parse() -> Command {
    Opts::parse().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Command, clap::Error> {
        Opts::try_parse_from(args).map(Command::from)
    }

    #[test]
    fn filter_flags_are_parsed_into_the_vocabulary() {
        let command = parse(&[
            "ressearch",
            "query",
            "paix",
            "--type",
            "PP",
            "--lang",
            "anglais",
            "--body",
            "conseil de sécurité",
            "--session",
            "75",
        ])
        .unwrap();
        let Command::Query { filters, .. } = command else {
            panic!("not a query: {command:?}");
        };
        assert_eq!(filters.kind, Some(ClauseType::Preambular));
        assert_eq!(filters.lang, Some(Language::En));
        assert_eq!(filters.body, Some(Body::SecurityCouncil));
        assert_eq!(filters.session, Some(75));
    }

    #[test]
    fn a_bad_flag_value_is_a_usage_error_naming_the_choices() {
        for (flag, value, expected) in [
            ("--type", "resolution", "preambular or operative"),
            ("--lang", "de", "fr or en"),
            (
                "--body",
                "unga",
                "ga (General Assembly) or sc (Security Council)",
            ),
            ("--session", "0", "1..=9999"),
            ("--session", "seventy", "invalid digit"),
        ] {
            let err = parse(&["ressearch", "query", "paix", flag, value]).unwrap_err();
            assert_eq!(
                err.kind(),
                clap::error::ErrorKind::ValueValidation,
                "{flag}"
            );
            let message = err.to_string();
            assert!(message.contains(expected), "{flag} {value}: {message}");
        }
    }
}
