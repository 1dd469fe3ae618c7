//! The command line: the only module that knows clap.
//!
//! `Opts` is parsed by clap; its doc comments are the `--help` text, and the man pages and
//! shell completions are generated from it (`ressearch man`, `ressearch completions`).
//! Everything past parsing works on the plain [`Command`] it converts into, where defaults that
//! depend on the environment (where the index is, whether to colour) are settled.
//!
//! Each command's options are a struct of their own, whose doc comment is the command's help
//! text, in the file of its group under `cli/`: `indexing.rs` (segment, index), `search.rs`
//! (query, serve), `trace.rs` (show, cites, similar, diff), `measure.rs` (bench, export, eval,
//! synth) and `docs.rs` (completions, man, and the writing of both). This file holds the list
//! of commands ([`Sub`]), the conversion into [`Command`] and the parsing.

mod docs;
mod indexing;
mod measure;
mod search;
mod trace;

use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

pub use docs::{CompletionsArgs, ManArgs, Shell, write_completions, write_man_page};
pub use indexing::{IndexArgs, SegmentArgs};
pub use measure::{BenchArgs, EvalArgs, ExportArgs, SynthArgs};
pub use search::{LangChoice, QueryArgs, ServeArgs};
pub use trace::{CitesArgs, DiffArgs, ShowArgs, SimilarArgs};

use crate::search::Filters;

/// The most hits `query --limit` prints; more is capped at the number of clauses anyway.
pub const MAX_LIMIT: usize = 1_000_000;
/// The most timed runs per query of `bench --runs`.
pub const MAX_RUNS: usize = 100_000;
/// The most resolutions `synth --resolutions` writes (about 280 million clauses).
pub const MAX_RESOLUTIONS: usize = 10_000_000;

const MAIN_EXAMPLES: &str = "\
Examples:
  ressearch index corpus/                      build or update the index
  ressearch query \"diplomatie préventive\"      search the clauses
  ressearch query peace type:operative -n 20   with a filter, 20 hits
  ressearch query -l cites:A/RES/72/7          the resolutions that cite A/RES/72/7
  ressearch segment corpus/A_RES_75_272.txt    how one file is cut into clauses
  ressearch completions bash > ~/.local/share/bash-completion/completions/ressearch
  ressearch man | man -l -";

/// Clause-level search over UN resolutions.
///
/// Index a folder of resolution texts, then search their preambular and operative paragraphs.
///
/// Exit codes: 0 found (or done), 1 nothing found (or, with `index --strict`, a file skipped),
/// 2 error. The index is the one given with --index, else $RESSEARCH_INDEX, else ./index when
/// that folder exists, else $XDG_DATA_HOME/ressearch/index (~/.local/share/ressearch/index).
#[derive(Debug, Parser)]
#[command(name = "ressearch", version, after_help = MAIN_EXAMPLES)]
pub struct Opts {
    /// When to colour the output: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,
    #[command(subcommand)]
    pub command: Sub,
}

/// The `--color` choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always, even into a pipe or a file.
    Always,
    /// Never.
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Sub {
    Segment(SegmentArgs),
    Index(IndexArgs),
    #[command(visible_alias = "search")]
    Query(QueryArgs),
    Show(ShowArgs),
    Cites(CitesArgs),
    Similar(SimilarArgs),
    Diff(DiffArgs),
    Serve(ServeArgs),
    Bench(BenchArgs),
    Export(ExportArgs),
    Eval(EvalArgs),
    Synth(SynthArgs),
    Completions(CompletionsArgs),
    Man(ManArgs),
}

/// What to print for a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryOutput {
    /// The hits for people, the summary line on standard error.
    Hits,
    /// One JSON object per hit per line.
    Json,
    /// Only the number of matching clauses.
    Count,
    /// Only the symbol of each matching resolution, once.
    List,
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
        strict: bool,
    },
    Query {
        query: String,
        index: PathBuf,
        limit: usize,
        output: QueryOutput,
        color: bool,
        filters: Filters,
        fixed_strings: bool,
        group: bool,
        /// Count every matching clause, past [`crate::search::COUNT_BOUND`].
        exact_count: bool,
    },
    Show(crate::trace::show::Request),
    Cites(crate::trace::cites::Request),
    Similar(crate::trace::similar::Request),
    Diff(crate::trace::diff::Request),
    Serve(crate::serve::Options),
    Bench {
        index: PathBuf,
        queries: Option<PathBuf>,
        runs: usize,
        json: bool,
        list_queries: bool,
    },
    Export {
        index: PathBuf,
    },
    Eval {
        file: PathBuf,
        index: PathBuf,
        needs: bool,
        json: bool,
    },
    Synth {
        resolutions: usize,
        out: PathBuf,
        from: Vec<PathBuf>,
        seed: u64,
        force: bool,
        french: Option<u8>,
    },
    Completions {
        shell: Shell,
    },
    Man {
        command: Option<String>,
    },
}

/// Where the index is when `--index` and `RESSEARCH_INDEX` do not say: `./index` when that
/// folder exists (a project checkout, or where the user indexes), else the user's data folder,
/// `$XDG_DATA_HOME/ressearch/index`, or `$HOME/.local/share/ressearch/index` (XDG Base
/// Directory rules: a relative `XDG_DATA_HOME` is ignored); `index` when there is no home.
pub fn default_index_dir() -> PathBuf {
    index_dir_from(
        Path::new("index").is_dir(),
        std::env::var_os("XDG_DATA_HOME"),
        std::env::var_os("HOME"),
    )
}

fn index_dir_from(
    local_exists: bool,
    xdg_data_home: Option<OsString>,
    home: Option<OsString>,
) -> PathBuf {
    let local = PathBuf::from("index");
    if local_exists {
        return local;
    }
    let absolute = |value: Option<OsString>| value.map(PathBuf::from).filter(|p| p.is_absolute());
    let data =
        absolute(xdg_data_home).or_else(|| absolute(home).map(|home| home.join(".local/share")));
    match data {
        Some(data) => data.join("ressearch").join("index"),
        None => local,
    }
}

/// Whether to colour: `always`, `never`, or on a terminal when `NO_COLOR` is not set
/// (<https://no-color.org>: set and not empty).
fn use_color(when: ColorWhen, terminal: bool, no_color: Option<OsString>) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => terminal && no_color.is_none_or(|v| v.is_empty()),
    }
}

impl From<Opts> for Command {
    fn from(opts: Opts) -> Self {
        let index_dir = |index: Option<PathBuf>| index.unwrap_or_else(default_index_dir);
        match opts.command {
            Sub::Segment(SegmentArgs { file, json }) => Command::Segment { file, json },
            Sub::Index(IndexArgs {
                paths,
                index,
                rebuild,
                prune,
                strict,
            }) => Command::Index {
                paths,
                index: index_dir(index),
                rebuild,
                prune,
                strict,
            },
            Sub::Query(QueryArgs {
                query,
                index,
                limit,
                json,
                count,
                list,
                kind,
                cites,
                symbol,
                lang,
                body,
                session,
                adopted,
                sort,
                fixed_strings,
                group,
                exact_count,
            }) => Command::Query {
                query: query.join(" "),
                index: index_dir(index),
                limit,
                output: if json {
                    QueryOutput::Json
                } else if count {
                    QueryOutput::Count
                } else if list {
                    QueryOutput::List
                } else {
                    QueryOutput::Hits
                },
                color: use_color(
                    opts.color,
                    std::io::stdout().is_terminal(),
                    std::env::var_os("NO_COLOR"),
                ),
                filters: Filters {
                    kind,
                    cites,
                    symbol,
                    lang: match lang {
                        Some(LangChoice::One(lang)) => Some(lang),
                        _ => None,
                    },
                    body,
                    session,
                    adopted,
                    any_language: lang == Some(LangChoice::Any),
                    sort,
                },
                fixed_strings,
                group,
                exact_count,
            },
            Sub::Show(ShowArgs {
                symbol,
                label,
                index,
                lang,
                json,
                parallel,
            }) => Command::Show(crate::trace::show::Request {
                index: index_dir(index),
                symbol,
                label,
                lang,
                json,
                parallel,
            }),
            Sub::Cites(CitesArgs {
                symbol,
                from,
                index,
                json,
            }) => Command::Cites(crate::trace::cites::Request {
                index: index_dir(index),
                symbol: symbol.join(" "),
                from,
                json,
            }),
            Sub::Similar(SimilarArgs {
                text,
                symbol,
                label,
                index,
                limit,
                min_similarity,
                lang,
                json,
            }) => Command::Similar(crate::trace::similar::Request {
                index: index_dir(index),
                color: use_color(
                    opts.color,
                    std::io::stdout().is_terminal(),
                    std::env::var_os("NO_COLOR"),
                ),
                text: (!text.is_empty()).then(|| text.join(" ")),
                symbol,
                label,
                lang,
                limit,
                min_similarity,
                json,
            }),
            Sub::Diff(DiffArgs {
                mut symbols,
                index,
                lang,
                json,
            }) => {
                let new = symbols.pop().unwrap_or_default();
                Command::Diff(crate::trace::diff::Request {
                    index: index_dir(index),
                    color: use_color(
                        opts.color,
                        std::io::stdout().is_terminal(),
                        std::env::var_os("NO_COLOR"),
                    ),
                    old: symbols.pop(),
                    new,
                    lang,
                    json,
                })
            }
            Sub::Serve(ServeArgs {
                index,
                addr,
                time_limit_ms,
            }) => Command::Serve(crate::serve::Options {
                index: index_dir(index),
                addr,
                time_limit: std::time::Duration::from_millis(time_limit_ms),
            }),
            Sub::Bench(BenchArgs {
                index,
                queries,
                runs,
                json,
                list_queries,
            }) => Command::Bench {
                index: index_dir(index),
                queries,
                runs,
                json,
                list_queries,
            },
            Sub::Export(ExportArgs { index }) => Command::Export {
                index: index_dir(index),
            },
            Sub::Eval(EvalArgs {
                file,
                index,
                needs,
                json,
            }) => Command::Eval {
                file,
                index: index_dir(index),
                needs,
                json,
            },
            Sub::Synth(SynthArgs {
                resolutions,
                out,
                from,
                seed,
                force,
                french,
            }) => Command::Synth {
                resolutions,
                out,
                from,
                seed,
                force,
                french,
            },
            Sub::Completions(CompletionsArgs { shell }) => Command::Completions { shell },
            Sub::Man(ManArgs { command }) => Command::Man { command },
        }
    }
}

/// Parses the process arguments; clap prints help and usage errors itself.
pub fn parse() -> Command {
    Opts::parse().into()
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;
    use crate::model::{Body, ClauseType, Language};

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
    fn numbers_out_of_bounds_are_usage_errors_naming_the_range() {
        for (args, expected) in [
            (
                &["query", "paix", "-n", "18446744073709551615"][..],
                "0..=1000000",
            ),
            (&["query", "paix", "-n", "4294967296"][..], "0..=1000000"),
            (
                &["query", "paix", "--limit", "-1"][..],
                "unexpected argument",
            ),
            (&["bench", "--runs", "0"][..], "1..=100000"),
            (&["bench", "--runs", "99999999999"][..], "1..=100000"),
            (
                &["synth", "--resolutions", "0", "--out", "x"][..],
                "1..=10000000",
            ),
            (
                &["synth", "--resolutions", "1", "--out", "x", "--seed", "-3"][..],
                "unexpected argument",
            ),
            (
                &[
                    "synth",
                    "--resolutions",
                    "1",
                    "--out",
                    "x",
                    "--seed",
                    "18446744073709551616",
                ][..],
                "number too large",
            ),
        ] {
            let mut full = vec!["ressearch"];
            full.extend_from_slice(args);
            let err = parse(&full).unwrap_err();
            assert!(err.to_string().contains(expected), "{args:?}: {err}");
        }
        let Command::Query { limit, .. } =
            parse(&["ressearch", "query", "paix", "-n", "1000000"]).unwrap()
        else {
            panic!("not a query");
        };
        assert_eq!(limit, MAX_LIMIT);
    }

    #[test]
    fn the_index_is_found_as_documented() {
        let home = Some(OsString::from("/home/u"));
        assert_eq!(
            index_dir_from(true, None, home.clone()),
            PathBuf::from("index")
        );
        assert_eq!(
            index_dir_from(false, None, home.clone()),
            PathBuf::from("/home/u/.local/share/ressearch/index")
        );
        assert_eq!(
            index_dir_from(false, Some("/data".into()), home.clone()),
            PathBuf::from("/data/ressearch/index")
        );
        // A relative XDG_DATA_HOME is ignored, as the XDG rules say.
        assert_eq!(
            index_dir_from(false, Some("rel".into()), home),
            PathBuf::from("/home/u/.local/share/ressearch/index")
        );
        assert_eq!(index_dir_from(false, None, None), PathBuf::from("index"));
    }

    #[test]
    fn colour_follows_the_flag_then_the_terminal_and_no_color() {
        assert!(use_color(ColorWhen::Always, false, Some("1".into())));
        assert!(!use_color(ColorWhen::Never, true, None));
        assert!(use_color(ColorWhen::Auto, true, None));
        assert!(use_color(ColorWhen::Auto, true, Some("".into())));
        assert!(!use_color(ColorWhen::Auto, true, Some("1".into())));
        assert!(!use_color(ColorWhen::Auto, false, None));
    }

    #[test]
    fn search_is_query_and_count_list_json_exclude_each_other() {
        assert!(matches!(
            parse(&["ressearch", "search", "paix", "-c"]).unwrap(),
            Command::Query {
                output: QueryOutput::Count,
                ..
            }
        ));
        assert!(matches!(
            parse(&["ressearch", "query", "paix", "-l"]).unwrap(),
            Command::Query {
                output: QueryOutput::List,
                ..
            }
        ));
        for pair in [["-c", "-l"], ["-c", "--json"], ["-l", "--json"]] {
            let err = parse(&["ressearch", "query", "paix", pair[0], pair[1]]).unwrap_err();
            assert_eq!(
                err.kind(),
                clap::error::ErrorKind::ArgumentConflict,
                "{pair:?}"
            );
        }
    }

    #[test]
    fn the_command_line_is_consistent() {
        Opts::command().debug_assert();
    }

    #[test]
    fn a_bad_flag_value_is_a_usage_error_naming_the_choices() {
        for (flag, value, expected) in [
            ("--type", "resolution", "preambular or operative"),
            ("--lang", "de", "fr or en"),
            (
                "--body",
                "unga",
                "ga (General Assembly), sc (Security Council) or ecosoc",
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
