//! The command line: the only module that knows clap.
//!
//! `Opts` is parsed by clap; its doc comments are the `--help` text, and the man pages and
//! shell completions are generated from it (`ressearch man`, `ressearch completions`).
//! Everything past parsing works on the plain [`Command`] it converts into, where defaults that
//! depend on the environment (where the index is, whether to colour) are settled.

use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use clap::builder::RangedU64ValueParser;
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use crate::model::{Body, ClauseType, DateRange, Language, MAX_SESSION, Sort};
use crate::search::Filters;
use crate::trace;

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

const SEGMENT_EXAMPLES: &str = "\
Examples:
  ressearch segment corpus/A_RES_75_272.txt
  ressearch segment --json A_RES_78_124.txt | jq '.clauses[].opening'";

const INDEX_EXAMPLES: &str = "\
Examples:
  ressearch index corpus/                      into ./index, or the data folder
  ressearch index ~/resolutions --index /srv/ressearch/index
  ressearch index corpus/ --strict && ressearch query paix
  ressearch index corpus/ --rebuild            start from scratch";

const SHOW_EXAMPLES: &str = "\
Examples:
  ressearch show A/RES/75/272
  ressearch show 75/272 OP3 --json             one clause, as segment --json prints it
  ressearch show A/RES/80/999 --parallel       French and English side by side";

const CITES_EXAMPLES: &str = "\
Examples:
  ressearch cites A/RES/72/7
  ressearch cites 1325 (2000)                  S/RES/1325 (2000), however typed
  ressearch cites A/CONF.157/24                its parts, addenda and corrigenda too
  ressearch cites --from A/RES/78/158 --json   what a resolution cites";

const SIMILAR_EXAMPLES: &str = "\
Examples:
  ressearch similar \"Calls upon all States to cooperate fully …\"
  ressearch similar --symbol A/RES/79/207 --label OP11
  ressearch similar \"…\" --min-similarity 0.8 -n 20 --json";

const DIFF_EXAMPLES: &str = "\
Examples:
  ressearch diff A/RES/79/207                  against the predecessor it recalls
  ressearch diff A/RES/78/154 A/RES/79/207
  ressearch diff A/RES/79/207 --json | jq -c 'select(.status == \"changed\")'";

const QUERY_EXAMPLES: &str = "\
Examples:
  ressearch query \"diplomatie préventive\"
  ressearch query '\"international peace and security\"' --lang en -n 5
  ressearch query 'sanctions OR embargo' body:sc
  ressearch query --cites A/RES/72/7
  ressearch query -c climate                   only the number of matching clauses
  ressearch query -l 'cites:\"S/RES/242 (1967)\"'  each citing resolution once
  ressearch query --json COVID-19 | jq -r .url";

const SERVE_EXAMPLES: &str = "\
Examples:
  ressearch serve                              the page at http://127.0.0.1:7700/
  ressearch serve --index /srv/idx --addr 0.0.0.0:8080   open to the network
  curl 'http://127.0.0.1:7700/api/search?q=diplomatie+pr%C3%A9ventive&limit=5'";

const BENCH_EXAMPLES: &str = "\
Examples:
  ressearch bench --index /tmp/idx --runs 20
  ressearch bench --queries my-queries.tsv --json";

const EXPORT_EXAMPLES: &str = "\
Examples:
  ressearch export --index /tmp/idx > /tmp/clauses.jsonl
  ressearch export | jq -r 'select(.language == \"fr\") | .text'";

const EVAL_EXAMPLES: &str = "\
Examples:
  ressearch eval tests/relevance/en.json --index /tmp/shared-idx
  ressearch eval tests/relevance/fr.json --needs
  ressearch eval tests/relevance/en.json --json";

const SYNTH_EXAMPLES: &str = "\
Examples:
  ressearch synth --resolutions 3600 --out /tmp/syn-100k --from ../shared/corpus
  ressearch synth --resolutions 300 --out /tmp/syn-fr --from corpus --from ../shared/corpus/parallel --french 100
  ressearch synth --resolutions 10 --out /tmp/syn --seed 7 --force";

const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  ressearch completions bash > ~/.local/share/bash-completion/completions/ressearch
  ressearch completions zsh > ~/.zfunc/_ressearch      (with fpath+=~/.zfunc)
  ressearch completions fish > ~/.config/fish/completions/ressearch.fish
  ressearch completions powershell >> $PROFILE";

const MAN_EXAMPLES: &str = "\
Examples:
  ressearch man | man -l -
  ressearch man query | man -l -
  ressearch man > ~/.local/share/man/man1/ressearch.1";

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

/// The shells `ressearch completions` writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    #[value(name = "powershell")]
    PowerShell,
    Elvish,
}

#[derive(Debug, Subcommand)]
pub enum Sub {
    /// Print how one resolution file is cut into clauses.
    ///
    /// Reads the file as `index` does (UTF-8, UTF-16 with a byte-order mark, or Windows-1252,
    /// with a warning on standard error; a PDF by its layout) and prints each clause: label, opening phrase, cited
    /// documents, text and footnotes.
    #[command(after_help = SEGMENT_EXAMPLES)]
    Segment {
        /// The resolution text file or PDF, e.g. corpus/A_RES_75_272.txt.
        file: PathBuf,
        /// Print one JSON object instead of readable blocks.
        #[arg(long)]
        json: bool,
    },
    /// Build the search index from folders or files of resolution texts or PDFs.
    ///
    /// Walks folders recursively and reads every .txt and .pdf file; a file that cannot be read
    /// or segmented is skipped with a warning on standard error. A second run re-indexes only new
    /// and changed files and drops deleted ones. The new index replaces the old one only once
    /// it is complete. Exit code 0 when the index was built (even with files skipped; 1 then
    /// with --strict), 2 when nothing could be indexed.
    #[command(after_help = INDEX_EXAMPLES)]
    Index {
        /// Folders or files to index.
        #[arg(default_value = "corpus")]
        paths: Vec<PathBuf>,
        /// Where to write the index [default: ./index when that folder exists, else
        /// $XDG_DATA_HOME/ressearch/index or ~/.local/share/ressearch/index].
        #[arg(long, env = "RESSEARCH_INDEX", value_name = "DIR")]
        index: Option<PathBuf>,
        /// Rebuild from scratch instead of re-indexing only new, changed and deleted files.
        #[arg(long)]
        rebuild: bool,
        /// Remove the resolutions indexed earlier from files outside the PATHs given (by
        /// default they are kept, and the summary says how many).
        #[arg(long)]
        prune: bool,
        /// Exit with code 1 when any file was skipped (the index is still built).
        #[arg(long)]
        strict: bool,
    },
    /// Search the clauses.
    ///
    /// All words must match. Also: OR, -word or NOT word, "exact phrase", (grouping), and
    /// filters field:value with the fields type, cites, symbol, lang, body, session, opening.
    /// Hits go to standard output; the summary line (count, time) to standard error.
    /// Exit code 0 when something matched, 1 when nothing did, 2 on error.
    #[command(visible_alias = "search", after_help = QUERY_EXAMPLES)]
    Query {
        /// The query; several arguments are joined with spaces. May be left out when a
        /// filter flag is given (`ressearch query --cites A/RES/72/7`).
        #[arg(required_unless_present_any = ["kind", "cites", "symbol", "lang", "body", "session", "adopted"])]
        query: Vec<String>,
        /// Where the index is [default: ./index when that folder exists, else
        /// $XDG_DATA_HOME/ressearch/index or ~/.local/share/ressearch/index].
        #[arg(long, env = "RESSEARCH_INDEX", value_name = "DIR")]
        index: Option<PathBuf>,
        /// How many hits to show (0 to 1000000).
        #[arg(long, short = 'n', default_value_t = 10,
              value_parser = RangedU64ValueParser::<usize>::new().range(0..=MAX_LIMIT as u64))]
        limit: usize,
        /// One JSON object per hit per line (NDJSON).
        #[arg(long, conflicts_with_all = ["count", "list"])]
        json: bool,
        /// Print only the number of matching clauses.
        #[arg(long, short = 'c', conflicts_with = "list")]
        count: bool,
        /// Print only the symbol of each matching resolution, once, best first.
        #[arg(long, short = 'l')]
        list: bool,
        /// Only preambular or operative clauses (preambular, operative).
        #[arg(long = "type", value_parser = ClauseType::from_str)]
        kind: Option<ClauseType>,
        /// Only clauses citing this document symbol, e.g. A/RES/72/7.
        #[arg(long)]
        cites: Option<String>,
        /// Only clauses of this resolution, e.g. A/RES/75/272.
        #[arg(long)]
        symbol: Option<String>,
        /// Only clauses in this language (fr, en); `any`: the words are looked for in both
        /// languages, whatever language they are written in.
        #[arg(long, value_parser = parse_lang_choice)]
        lang: Option<LangChoice>,
        /// Only clauses of this organ (ga, sc, ecosoc).
        #[arg(long, value_parser = Body::from_str)]
        body: Option<Body>,
        /// Only General Assembly clauses of this session (1 to 9999), e.g. 75.
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_SESSION)))]
        session: Option<u32>,
        /// Only clauses adopted in this year, month, day or span, both ends included: 2020,
        /// 2024-03, 2020..2024, 2024-03-01..2024-06-30, 2020.. (same as adopted: in the query).
        #[arg(long, value_parser = DateRange::from_str)]
        adopted: Option<DateRange>,
        /// The order of hits: relevance, date (oldest first) or -date (newest first).
        #[arg(long, default_value = "relevance", value_parser = Sort::from_str, allow_hyphen_values = true)]
        sort: Sort,
        /// Take the whole query as words: no syntax (OR, quotes, -, field:) at all.
        #[arg(long, short = 'F')]
        fixed_strings: bool,
        /// Fold clauses of the same wording into one hit, with the list of places.
        #[arg(long)]
        group: bool,
        /// Count every matching clause: past 10,000 the summary otherwise says "more than
        /// 10,000" (`-c` always counts every one).
        #[arg(long)]
        exact_count: bool,
    },
    /// Print a resolution from the index: its clauses in document order, as `segment` does.
    ///
    /// With a label, only that clause; with --parallel, each clause beside its other-language
    /// version (French and English, paired by section, type and number). --json prints the
    /// same object as `segment --json`, one line per indexed version.
    #[command(after_help = SHOW_EXAMPLES)]
    Show {
        /// The resolution: A/RES/75/272, 75/272, S/RES/1325, 1325 (2000).
        symbol: String,
        /// One clause only: PP3, OP4, II.OP4 (any case).
        label: Option<String>,
        /// Where the index is [default: as for `query`].
        #[arg(long, env = "RESSEARCH_INDEX", value_name = "DIR")]
        index: Option<PathBuf>,
        /// Only the version in this language (fr, en).
        #[arg(long, value_parser = Language::from_str)]
        lang: Option<Language>,
        /// One JSON object per version, as `segment --json` prints it.
        #[arg(long)]
        json: bool,
        /// Each clause beside its French or English version.
        #[arg(long)]
        parallel: bool,
    },
    /// List the clauses that cite a document, or (--from) what a resolution cites.
    ///
    /// A document cited in a part, an addendum or a corrigendum counts (A/CONF.157/24 finds
    /// A/CONF.157/24 (Part I)); the document may be typed as a text writes it.
    /// Exit code 0 when something is cited, 1 when nothing is.
    #[command(after_help = CITES_EXAMPLES)]
    Cites {
        /// The cited document: A/RES/72/7, S/RES/1325, 1325 (2000), res 1325 (2000), 72/7;
        /// with --from, the citing resolution. Several arguments are joined with spaces.
        #[arg(required = true)]
        symbol: Vec<String>,
        /// List the documents the resolution cites, one line each, with the citing clauses.
        #[arg(long)]
        from: bool,
        /// Where the index is [default: as for `query`].
        #[arg(long, env = "RESSEARCH_INDEX", value_name = "DIR")]
        index: Option<PathBuf>,
        /// One JSON object per line.
        #[arg(long)]
        json: bool,
    },
    /// Find the clauses worded like a paragraph, ranked by wording similarity.
    ///
    /// Differing words are marked ([-removed-]{+added+} when piped); clauses of the same
    /// wording are one result ("also in …").
    #[command(after_help = SIMILAR_EXAMPLES)]
    Similar {
        /// The paragraph; several arguments are joined with spaces.
        #[arg(required_unless_present = "symbol", conflicts_with = "symbol")]
        text: Vec<String>,
        /// Or a clause of the index: its resolution…
        #[arg(long, requires = "label")]
        symbol: Option<String>,
        /// …and its label (PP3, OP4).
        #[arg(long, requires = "symbol")]
        label: Option<String>,
        /// Where the index is [default: as for `query`].
        #[arg(long, env = "RESSEARCH_INDEX", value_name = "DIR")]
        index: Option<PathBuf>,
        /// How many wordings to show.
        #[arg(long, short = 'n', default_value_t = 10)]
        limit: usize,
        /// The least similarity shown, from 0 to 1 (share of words in common, in order).
        #[arg(long, default_value_t = 0.5)]
        min_similarity: f64,
        /// Only clauses in this language (fr, en) [default: the paragraph's].
        #[arg(long, value_parser = Language::from_str)]
        lang: Option<Language>,
        /// One JSON object per wording per line.
        #[arg(long)]
        json: bool,
    },
    /// Align the paragraphs of two resolutions: same, moved, changed, added, removed.
    ///
    /// With one resolution, the old one is the predecessor it recalls (the latest recalled
    /// resolution of the same title), when the index holds it.
    #[command(after_help = DIFF_EXAMPLES)]
    Diff {
        /// OLD NEW, or NEW alone.
        #[arg(required = true, num_args = 1..=2)]
        symbols: Vec<String>,
        /// Where the index is [default: as for `query`].
        #[arg(long, env = "RESSEARCH_INDEX", value_name = "DIR")]
        index: Option<PathBuf>,
        /// Compare the versions in this language (fr, en) when both are indexed.
        #[arg(long, value_parser = Language::from_str)]
        lang: Option<Language>,
        /// One JSON object per aligned paragraph per line: status, old, new, changes.
        #[arg(long)]
        json: bool,
    },
    /// Serve the index over HTTP: a search page and a JSON API.
    ///
    /// The page (search with filters, resolutions in document order, cites both ways, similar
    /// clauses, French and English side by side, CSV and NDJSON downloads) is at /; the API at
    /// /api/search, /api/show, /api/cites, /api/similar, /api/diff (see the README). A new index
    /// generation published by `ressearch index` is picked up while serving. Ctrl-C stops.
    #[command(after_help = SERVE_EXAMPLES)]
    Serve {
        /// Where the index is [default: as for `query`].
        #[arg(long, env = "RESSEARCH_INDEX", value_name = "DIR")]
        index: Option<PathBuf>,
        /// The address to listen on: loopback by default, so nothing is exposed unless asked
        /// (0.0.0.0:7700 for the network; port 0 for any free port).
        #[arg(long, default_value = crate::serve::DEFAULT_ADDR, value_name = "ADDR")]
        addr: String,
        /// The longest a request may take, in milliseconds (1 to 600000); past it the answer
        /// is a 503.
        #[arg(long, default_value_t = crate::serve::REQUEST_TIME_LIMIT.as_millis() as u64,
              value_parser = clap::value_parser!(u64).range(1..=600_000), value_name = "MS")]
        time_limit_ms: u64,
    },
    /// Measure query latency on an index, per query class.
    ///
    /// Opens the index once, parses each query once, warms up, then runs every query N times
    /// and prints, per class and for all queries (`all`), the count of timed runs, the p50,
    /// p95, p99 and maximum latency in microseconds and the queries per second, for the search
    /// alone (top 10) and for the search with stored fields and snippets (search+fetch).
    #[command(after_help = BENCH_EXAMPLES)]
    Bench {
        /// Where the index is [default: as for `query`].
        #[arg(long, env = "RESSEARCH_INDEX", value_name = "DIR")]
        index: Option<PathBuf>,
        /// Query set, one `class<TAB>query` a line, `#` comments [default: the built-in set,
        /// benches/queries/default.tsv].
        #[arg(long)]
        queries: Option<PathBuf>,
        /// Timed runs of each query (1 to 100000).
        #[arg(long, default_value_t = 20,
              value_parser = RangedU64ValueParser::<usize>::new().range(1..=MAX_RUNS as u64))]
        runs: usize,
        /// One JSON object per class and measure per line: class, measure ("search" or
        /// "search+fetch"), queries, count, p50_us, p95_us, p99_us, max_us, mean_us, qps,
        /// zero_hit_queries.
        #[arg(long)]
        json: bool,
        /// Print the query set (`class<TAB>query` a line) and measure nothing: the exact
        /// list, for running it on other engines.
        #[arg(long, conflicts_with_all = ["runs", "json"])]
        list_queries: bool,
    },
    /// Print every clause of an index, one JSON object a line.
    ///
    /// Fields: symbol, label, type, language, body, session, adopted, cites, text, file; in
    /// index order. For feeding the same clauses to other tools (benches/peers/ does).
    #[command(after_help = EXPORT_EXAMPLES)]
    Export {
        /// Where the index is [default: as for `query`].
        #[arg(long, env = "RESSEARCH_INDEX", value_name = "DIR")]
        index: Option<PathBuf>,
    },
    /// Measure ranking quality on judged search needs: nDCG@10 and recall@10.
    ///
    /// FILE is a JSON list of needs, each {"query", "kind", "relevant": {ITEM: GRADE}} where
    /// ITEM is a document symbol (any clause of it answers) or "SYMBOL LABEL" (one clause) and
    /// GRADE is 1 (marginal) to 3 (squarely relevant); "lang": "any" runs a need over both
    /// languages. Each query is searched as `query` searches it; the figures are averaged over
    /// the needs, overall and per kind. See tests/relevance/README.md.
    #[command(after_help = EVAL_EXAMPLES)]
    Eval {
        /// The judged needs (JSON).
        file: PathBuf,
        /// Where the index is [default: as for `query`].
        #[arg(long, env = "RESSEARCH_INDEX", value_name = "DIR")]
        index: Option<PathBuf>,
        /// Also list each need, worst first, with the ten first positions of its ranking
        /// (unjudged hits in brackets).
        #[arg(long)]
        needs: bool,
        /// One JSON object: needs, ndcg10, recall10, kinds (per kind: needs, ndcg10,
        /// recall10) and per_need.
        #[arg(long, conflicts_with = "needs")]
        json: bool,
    },
    /// Write a synthetic corpus for benchmarks, recombining real clauses.
    ///
    /// Segments the corpus given with --from (resolution texts or PDFs, and sentence lists:
    /// one sentence a line, as the UN Parallel Corpus gives them), then writes N General
    /// Assembly resolutions in the layout of the real files, with new symbols (sessions 100
    /// and up), dates and some new citations, each made of clauses drawn at random from that
    /// corpus in its language (half of them in French by default). The same seed gives the
    /// same files. OUT/MANIFEST.tsv lists each file with its preambular and
    /// operative clause counts. OUT must be empty, new, or hold an earlier synthetic corpus
    /// (its MANIFEST.tsv), whose files are then replaced; --force writes into any folder.
    #[command(after_help = SYNTH_EXAMPLES)]
    Synth {
        /// How many resolutions to write (1 to 10000000; about 28 clauses each from the
        /// shared corpus).
        #[arg(long,
              value_parser = RangedU64ValueParser::<usize>::new().range(1..=MAX_RESOLUTIONS as u64))]
        resolutions: usize,
        /// The folder to write them into (created if needed).
        #[arg(long)]
        out: PathBuf,
        /// Folders or files of real resolution texts to draw the clauses from.
        #[arg(long, default_value = "corpus")]
        from: Vec<PathBuf>,
        /// Seed of the random choices (any number from 0 to 2^64-1).
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Write into OUT even when it holds files that no earlier synth wrote (files of the
        /// same names as the new ones are replaced; others are left alone).
        #[arg(long)]
        force: bool,
        /// The share of resolutions written in French, in percent (0 to 100) [default: 50
        /// when the sources hold French and English clauses, else the language they hold].
        #[arg(long, value_name = "PERCENT",
              value_parser = RangedU64ValueParser::<u8>::new().range(0..=100))]
        french: Option<u8>,
    },
    /// Print a shell completion script on standard output.
    #[command(after_help = COMPLETIONS_EXAMPLES)]
    Completions {
        /// The shell: bash, zsh, fish, powershell or elvish.
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print a manual page (roff) on standard output.
    #[command(after_help = MAN_EXAMPLES)]
    Man {
        /// The command whose page to print [default: the page of ressearch itself].
        #[arg(value_parser = CommandName)]
        command: Option<String>,
    },
}

/// The name of a subcommand, for `ressearch man`: the choices are read from the command line's
/// definition when needed (help, completions, parsing), so a new command is one of them.
#[derive(Debug, Clone, Copy)]
struct CommandName;

impl clap::builder::TypedValueParser for CommandName {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        let names = Opts::command()
            .get_subcommands()
            .map(|sub| sub.get_name().to_string())
            .collect::<Vec<_>>();
        clap::builder::PossibleValuesParser::new(names).parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        let names = Opts::command()
            .get_subcommands()
            .map(|sub| clap::builder::PossibleValue::new(sub.get_name().to_string()))
            .collect::<Vec<_>>();
        Some(Box::new(names.into_iter()))
    }
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
    Show(trace::show::Request),
    Cites(trace::cites::Request),
    Similar(trace::similar::Request),
    Diff(trace::diff::Request),
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
            Sub::Segment { file, json } => Command::Segment { file, json },
            Sub::Index {
                paths,
                index,
                rebuild,
                prune,
                strict,
            } => Command::Index {
                paths,
                index: index_dir(index),
                rebuild,
                prune,
                strict,
            },
            Sub::Query {
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
            } => Command::Query {
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
            Sub::Show {
                symbol,
                label,
                index,
                lang,
                json,
                parallel,
            } => Command::Show(trace::show::Request {
                index: index_dir(index),
                symbol,
                label,
                lang,
                json,
                parallel,
            }),
            Sub::Cites {
                symbol,
                from,
                index,
                json,
            } => Command::Cites(trace::cites::Request {
                index: index_dir(index),
                symbol: symbol.join(" "),
                from,
                json,
            }),
            Sub::Similar {
                text,
                symbol,
                label,
                index,
                limit,
                min_similarity,
                lang,
                json,
            } => Command::Similar(trace::similar::Request {
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
            Sub::Diff {
                mut symbols,
                index,
                lang,
                json,
            } => {
                let new = symbols.pop().unwrap_or_default();
                Command::Diff(trace::diff::Request {
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
            Sub::Serve {
                index,
                addr,
                time_limit_ms,
            } => Command::Serve(crate::serve::Options {
                index: index_dir(index),
                addr,
                time_limit: std::time::Duration::from_millis(time_limit_ms),
            }),
            Sub::Bench {
                index,
                queries,
                runs,
                json,
                list_queries,
            } => Command::Bench {
                index: index_dir(index),
                queries,
                runs,
                json,
                list_queries,
            },
            Sub::Export { index } => Command::Export {
                index: index_dir(index),
            },
            Sub::Eval {
                file,
                index,
                needs,
                json,
            } => Command::Eval {
                file,
                index: index_dir(index),
                needs,
                json,
            },
            Sub::Synth {
                resolutions,
                out,
                from,
                seed,
                force,
                french,
            } => Command::Synth {
                resolutions,
                out,
                from,
                seed,
                force,
                french,
            },
            Sub::Completions { shell } => Command::Completions { shell },
            Sub::Man { command } => Command::Man { command },
        }
    }
}

/// `--lang`: one language, or `any`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LangChoice {
    /// Only clauses of this language.
    One(Language),
    /// The words looked for in both languages.
    Any,
}

fn parse_lang_choice(value: &str) -> Result<LangChoice, String> {
    if value.trim().eq_ignore_ascii_case("any") {
        return Ok(LangChoice::Any);
    }
    Language::from_str(value)
        .map(LangChoice::One)
        .map_err(|e| format!("{e}, or any"))
}

/// Parses the process arguments; clap prints help and usage errors itself.
pub fn parse() -> Command {
    Opts::parse().into()
}

/// Writes the completion script of `ressearch` for `shell`.
pub fn write_completions(shell: Shell, out: &mut dyn Write) -> std::io::Result<()> {
    use clap_complete::Shell as S;
    let shell = match shell {
        Shell::Bash => S::Bash,
        Shell::Zsh => S::Zsh,
        Shell::Fish => S::Fish,
        Shell::PowerShell => S::PowerShell,
        Shell::Elvish => S::Elvish,
    };
    // Generated in memory: the generator panics on a write error, such as a closed pipe.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Opts::command(), "ressearch", &mut script);
    out.write_all(&script)
}

/// Writes the manual page of `ressearch`, or of one of its commands (`ressearch-query(1)`), in
/// roff: NAME, SYNOPSIS, DESCRIPTION, OPTIONS, COMMANDS, then EXIT STATUS, ENVIRONMENT and
/// FILES for the main page, and EXAMPLES.
pub fn write_man_page(command: Option<&str>, out: &mut dyn Write) -> std::io::Result<()> {
    let mut root = Opts::command();
    root.build();
    let page = match command {
        None => root,
        Some(name) => {
            let Some(sub) = root.find_subcommand(name) else {
                let names: Vec<&str> = root.get_subcommands().map(|sub| sub.get_name()).collect();
                return Err(std::io::Error::other(format!(
                    "no command {name:?}; the commands are {}",
                    names.join(", ")
                )));
            };
            sub.clone()
                .display_name(format!("ressearch-{name}"))
                .bin_name(format!("ressearch {name}"))
                .version(env!("CARGO_PKG_VERSION"))
        }
    };
    // Each command's examples are its `after_help`.
    let examples = page
        .get_after_help()
        .map(ToString::to_string)
        .unwrap_or_default();
    let man = clap_mangen::Man::new(page.clone());
    // The title line written here: clap_mangen leaves an empty date unquoted, which shifts the
    // fields after it.
    writeln!(
        out,
        ".TH \"{}\" 1 \"\" \"ressearch {}\" \"ressearch manual\"",
        page.get_display_name().unwrap_or("ressearch"),
        env!("CARGO_PKG_VERSION")
    )?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    if page.has_subcommands() {
        man.render_subcommands_section(out)?;
    }
    if command.is_none() {
        roff_section(out, "EXIT STATUS", EXIT_STATUS)?;
        roff_section(out, "ENVIRONMENT", ENVIRONMENT)?;
        roff_section(out, "FILES", FILES)?;
    }
    let examples = examples.strip_prefix("Examples:\n").unwrap_or(&examples);
    writeln!(out, ".SH EXAMPLES")?;
    writeln!(out, ".nf")?;
    for line in examples.lines() {
        writeln!(out, "{}", roff_escape(line.trim_start()))?;
    }
    writeln!(out, ".fi")?;
    man.render_version_section(out)
}

const EXIT_STATUS: &str = "\
0: something was found (query), or the work was done (index, even with files skipped; segment, synth, bench).
1: nothing matched (query); with index --strict, some file was skipped.
2: an error, said in one line on standard error: ressearch: <file or argument>: <reason>.
A closed output pipe (ressearch query … | head -1) ends the run quietly with code 0.";

const ENVIRONMENT: &str = "\
RESSEARCH_INDEX: the index folder, when --index is not given.
XDG_DATA_HOME: the index defaults to $XDG_DATA_HOME/ressearch/index when ./index does not exist (else ~/.local/share/ressearch/index).
NO_COLOR: when set and not empty, --color auto prints no colour.
RESSEARCH_PROGRESS_DELAY_MS: how long index and synth run before a progress bar appears on a terminal (default 1000).";

const FILES: &str = "\
./index: the index, when that folder exists and neither --index nor RESSEARCH_INDEX is given.
~/.local/share/ressearch/index: the index otherwise.";

/// A section of plain paragraphs, one a line.
fn roff_section(out: &mut dyn Write, title: &str, text: &str) -> std::io::Result<()> {
    writeln!(out, ".SH \"{title}\"")?;
    for line in text.lines() {
        writeln!(out, ".PP")?;
        writeln!(out, "{}", roff_escape(line))?;
    }
    Ok(())
}

/// A line of text safe in roff: backslashes escaped, hyphens as minus signs (so that options
/// copy and paste), characters past ASCII named (`\[u00E9]`: roff reads bytes, not UTF-8),
/// and no leading `.` or `'`, which would start a request.
fn roff_escape(line: &str) -> String {
    let mut escaped = String::with_capacity(line.len());
    for c in line.chars() {
        match c {
            '\\' => escaped.push_str("\\e"),
            '-' => escaped.push_str("\\-"),
            c if c.is_ascii() => escaped.push(c),
            c => escaped.push_str(&format!("\\[u{:04X}]", u32::from(c))),
        }
    }
    if escaped.starts_with(['.', '\'']) {
        format!("\\&{escaped}")
    } else {
        escaped
    }
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
