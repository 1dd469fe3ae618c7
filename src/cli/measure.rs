//! The options of the commands that measure the engine: `bench` its speed, `eval` its ranking,
//! `synth` the corpora to measure on, and `export` the clauses to measure other engines on.

use std::path::PathBuf;

use clap::Args;
use clap::builder::RangedU64ValueParser;

use super::{MAX_RESOLUTIONS, MAX_RUNS};

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

/// Measure query latency on an index, per query class.
///
/// Opens the index once, parses each query once, warms up, then runs every query N times
/// and prints, per class and for all queries (`all`), the count of timed runs, the p50,
/// p95, p99 and maximum latency in microseconds and the queries per second, for the search
/// alone (top 10) and for the search with stored fields and snippets (search+fetch).
#[derive(Debug, Args)]
#[command(after_help = BENCH_EXAMPLES)]
pub struct BenchArgs {
    /// Where the index is [default: as for `query`].
    #[arg(long, env = "RESSEARCH_INDEX", value_name = "DIR")]
    pub index: Option<PathBuf>,
    /// Query set, one `class<TAB>query` a line, `#` comments [default: the built-in set,
    /// benches/queries/default.tsv].
    #[arg(long)]
    pub queries: Option<PathBuf>,
    /// Timed runs of each query (1 to 100000).
    #[arg(long, default_value_t = 20,
          value_parser = RangedU64ValueParser::<usize>::new().range(1..=MAX_RUNS as u64))]
    pub runs: usize,
    /// One JSON object per class and measure per line: class, measure ("search" or
    /// "search+fetch"), queries, count, p50_us, p95_us, p99_us, max_us, mean_us, qps,
    /// zero_hit_queries.
    #[arg(long)]
    pub json: bool,
    /// Print the query set (`class<TAB>query` a line) and measure nothing: the exact
    /// list, for running it on other engines.
    #[arg(long, conflicts_with_all = ["runs", "json"])]
    pub list_queries: bool,
}

/// Print every clause of an index, one JSON object a line.
///
/// Fields: symbol, label, type, language, body, session, adopted, cites, text, file; in
/// index order. For feeding the same clauses to other tools (benches/peers/ does).
#[derive(Debug, Args)]
#[command(after_help = EXPORT_EXAMPLES)]
pub struct ExportArgs {
    /// Where the index is [default: as for `query`].
    #[arg(long, env = "RESSEARCH_INDEX", value_name = "DIR")]
    pub index: Option<PathBuf>,
}

/// Measure ranking quality on judged search needs: nDCG@10 and recall@10.
///
/// FILE is a JSON list of needs, each {"query", "kind", "relevant": {ITEM: GRADE}} where
/// ITEM is a document symbol (any clause of it answers) or "SYMBOL LABEL" (one clause) and
/// GRADE is 1 (marginal) to 3 (squarely relevant); "lang": "any" runs a need over both
/// languages. Each query is searched as `query` searches it; the figures are averaged over
/// the needs, overall and per kind. See tests/relevance/README.md.
#[derive(Debug, Args)]
#[command(after_help = EVAL_EXAMPLES)]
pub struct EvalArgs {
    /// The judged needs (JSON).
    pub file: PathBuf,
    /// Where the index is [default: as for `query`].
    #[arg(long, env = "RESSEARCH_INDEX", value_name = "DIR")]
    pub index: Option<PathBuf>,
    /// Also list each need, worst first, with the ten first positions of its ranking
    /// (unjudged hits in brackets).
    #[arg(long)]
    pub needs: bool,
    /// One JSON object: needs, ndcg10, recall10, kinds (per kind: needs, ndcg10,
    /// recall10) and per_need.
    #[arg(long, conflicts_with = "needs")]
    pub json: bool,
}

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
#[derive(Debug, Args)]
#[command(after_help = SYNTH_EXAMPLES)]
pub struct SynthArgs {
    /// How many resolutions to write (1 to 10000000; about 28 clauses each from the
    /// shared corpus).
    #[arg(long,
          value_parser = RangedU64ValueParser::<usize>::new().range(1..=MAX_RESOLUTIONS as u64))]
    pub resolutions: usize,
    /// The folder to write them into (created if needed).
    #[arg(long)]
    pub out: PathBuf,
    /// Folders or files of real resolution texts to draw the clauses from.
    #[arg(long, default_value = "corpus")]
    pub from: Vec<PathBuf>,
    /// Seed of the random choices (any number from 0 to 2^64-1).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Write into OUT even when it holds files that no earlier synth wrote (files of the
    /// same names as the new ones are replaced; others are left alone).
    #[arg(long)]
    pub force: bool,
    /// The share of resolutions written in French, in percent (0 to 100) [default: 50
    /// when the sources hold French and English clauses, else the language they hold].
    #[arg(long, value_name = "PERCENT",
          value_parser = RangedU64ValueParser::<u8>::new().range(0..=100))]
    pub french: Option<u8>,
}
