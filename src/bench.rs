//! `ressearch bench`: query latency on an index, per query class.
//!
//! The index is opened once and every query parsed once (parsing is not timed). After a warm-up
//! pass, two latencies are taken, each in a loop of its own over all the queries, `runs` times:
//! the search alone (top 10 by BM25, [`Search::top`]), then the search with the match count,
//! the stored fields and snippets the command line prints ([`Search::run`]). In one loop, a
//! search would come right after the previous query's fetch (whose code and blocks leave the
//! caches cold for it), and a fetch right after its own query's search (which leaves them warm
//! for it). Latencies are summarised per query
//! class and for all queries together (class `all`): percentiles by nearest rank, and queries
//! per second as one thread runs them back to back (samples divided by the summed latency).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use serde::Serialize;

use crate::index;
use crate::search::{Filters, Search};

/// The built-in query set, also shipped as `benches/queries/default.tsv`.
pub const DEFAULT_QUERIES: &str = include_str!("../benches/queries/default.tsv");

/// How many hits each timed query asks for, as `ressearch query` does by default.
pub const LIMIT: usize = 10;

/// The class named for all queries together.
pub const ALL: &str = "all";

/// One query of a query set.
#[derive(Debug, Clone, PartialEq)]
pub struct BenchQuery {
    pub class: String,
    pub query: String,
}

/// Reads a query set: `class<TAB>query` a line; blank lines and `#` comments ignored. `origin`
/// names the set in errors.
pub fn parse_queries(text: &str, origin: &str) -> Result<Vec<BenchQuery>> {
    let mut queries = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let Some((class, query)) = line.split_once('\t') else {
            bail!(
                "{origin}:{}: expected `class<TAB>query`, found {line:?}",
                n + 1
            );
        };
        let (class, query) = (class.trim(), query.trim());
        if class.is_empty() || query.is_empty() {
            bail!("{origin}:{}: empty class or query in {line:?}", n + 1);
        }
        if class == ALL {
            bail!(
                "{origin}:{}: the class name {ALL:?} is reserved for all queries together",
                n + 1
            );
        }
        queries.push(BenchQuery {
            class: class.to_string(),
            query: query.to_string(),
        });
    }
    if queries.is_empty() {
        bail!("{origin}: no query in it (one `class<TAB>query` a line)");
    }
    Ok(queries)
}

/// Loads the query set at `path`, or the built-in one.
pub fn load_queries(path: Option<&Path>) -> Result<Vec<BenchQuery>> {
    match path {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("{}: cannot read the query set", path.display()))?;
            parse_queries(&text, &path.display().to_string())
        }
        None => parse_queries(DEFAULT_QUERIES, "benches/queries/default.tsv"),
    }
}

/// Latency summary of one class for one measure; the `--json` line.
#[derive(Debug, Clone, Serialize)]
pub struct ClassStats {
    /// The query class, or `all`.
    pub class: String,
    /// `search` (top 10 only) or `search+fetch` (with stored fields and snippets).
    pub measure: &'static str,
    /// Distinct queries of the class.
    pub queries: usize,
    /// Timed runs: queries × runs.
    pub count: usize,
    pub p50_us: f64,
    pub p95_us: f64,
    pub p99_us: f64,
    pub max_us: f64,
    pub mean_us: f64,
    /// Queries per second on one thread: `count` divided by the summed latency.
    pub qps: f64,
    /// Queries of the class that matched nothing (their latency is still counted).
    pub zero_hit_queries: usize,
}

/// What `ressearch bench` measured.
#[derive(Debug)]
pub struct BenchReport {
    pub index_dir: PathBuf,
    pub documents: u64,
    pub queries: usize,
    pub runs: usize,
    /// Per class in order of first appearance, then `all`; `search` then `search+fetch`.
    pub stats: Vec<ClassStats>,
}

/// Runs the benchmark: `runs` timed runs of each query on the index at `index_dir`.
pub fn run(index_dir: &Path, queries: &[BenchQuery], runs: usize) -> Result<BenchReport> {
    if runs == 0 {
        bail!("--runs must be at least 1");
    }
    let (idx, fields) = index::open(index_dir)?;
    let documents = idx.reader()?.searcher().num_docs();
    let filters = Filters::default();
    let mut prepared = Vec::with_capacity(queries.len());
    for q in queries {
        let search = Search::new(&idx, fields, &q.query, &filters)
            .with_context(|| format!("query {:?} of class {}", q.query, q.class))?;
        prepared.push(search);
    }
    // Warm-up: page the index in, fill the caches, and count the queries that match nothing.
    let mut zero_hits = vec![false; prepared.len()];
    for (i, search) in prepared.iter().enumerate() {
        search.top(LIMIT)?;
        zero_hits[i] = search.run(LIMIT)?.total == 0;
    }
    let mut search_only = vec![Vec::with_capacity(runs); prepared.len()];
    let mut with_fetch = vec![Vec::with_capacity(runs); prepared.len()];
    // Each measure in its own loop (see the module's header).
    for _ in 0..runs {
        for (i, search) in prepared.iter().enumerate() {
            let started = Instant::now();
            let top = search.top(LIMIT)?;
            search_only[i].push(started.elapsed());
            std::hint::black_box(top);
        }
    }
    for _ in 0..runs {
        for (i, search) in prepared.iter().enumerate() {
            let started = Instant::now();
            let results = search.run(LIMIT)?;
            with_fetch[i].push(started.elapsed());
            std::hint::black_box(results);
        }
    }

    let mut classes: Vec<&str> = Vec::new();
    for q in queries {
        if !classes.contains(&q.class.as_str()) {
            classes.push(&q.class);
        }
    }
    classes.push(ALL);
    let mut stats = Vec::new();
    for class in classes {
        let members: Vec<usize> = (0..queries.len())
            .filter(|&i| class == ALL || queries[i].class == class)
            .collect();
        let zero = members.iter().filter(|&&i| zero_hits[i]).count();
        for (measure, samples) in [("search", &search_only), ("search+fetch", &with_fetch)] {
            let all: Vec<Duration> = members
                .iter()
                .flat_map(|&i| samples[i].iter().copied())
                .collect();
            stats.push(summarise(class, measure, members.len(), zero, all));
        }
    }
    Ok(BenchReport {
        index_dir: index_dir.to_path_buf(),
        documents,
        queries: queries.len(),
        runs,
        stats,
    })
}

/// Percentiles (nearest rank), maximum, mean and throughput of some latencies.
fn summarise(
    class: &str,
    measure: &'static str,
    queries: usize,
    zero_hit_queries: usize,
    mut samples: Vec<Duration>,
) -> ClassStats {
    samples.sort_unstable();
    let us = |d: Duration| d.as_secs_f64() * 1e6;
    let rank = |p: f64| -> f64 {
        if samples.is_empty() {
            return 0.0;
        }
        let k = ((p * samples.len() as f64).ceil() as usize).clamp(1, samples.len());
        us(samples[k - 1])
    };
    let total: f64 = samples.iter().map(|&d| d.as_secs_f64()).sum();
    let count = samples.len();
    ClassStats {
        class: class.to_string(),
        measure,
        queries,
        count,
        p50_us: rank(0.50),
        p95_us: rank(0.95),
        p99_us: rank(0.99),
        max_us: samples.last().map_or(0.0, |&d| us(d)),
        mean_us: if count == 0 {
            0.0
        } else {
            total * 1e6 / count as f64
        },
        qps: if total > 0.0 {
            count as f64 / total
        } else {
            0.0
        },
        zero_hit_queries,
    }
}

/// Prints the report as a table for people.
pub fn print_report(out: &mut dyn std::io::Write, report: &BenchReport) -> std::io::Result<()> {
    writeln!(
        out,
        "index {} ({} clauses); {} queries × {} runs, top {LIMIT}",
        report.index_dir.display(),
        report.documents,
        report.queries,
        report.runs
    )?;
    for measure in ["search", "search+fetch"] {
        writeln!(out)?;
        writeln!(
            out,
            "{measure:<14}{:>8}{:>10}{:>10}{:>10}{:>10}{:>10}",
            "count", "p50 µs", "p95 µs", "p99 µs", "max µs", "qps"
        )?;
        for s in report.stats.iter().filter(|s| s.measure == measure) {
            writeln!(
                out,
                "  {:<12}{:>8}{:>10.1}{:>10.1}{:>10.1}{:>10.1}{:>10.0}{}",
                s.class,
                s.count,
                s.p50_us,
                s.p95_us,
                s.p99_us,
                s.max_us,
                s.qps,
                if s.zero_hit_queries > 0 {
                    format!(
                        "  ({} of {} queries matched nothing)",
                        s.zero_hit_queries, s.queries
                    )
                } else {
                    String::new()
                }
            )?;
        }
    }
    Ok(())
}

/// Prints one JSON object per class per measure per line.
pub fn print_report_json(out: &mut dyn std::io::Write, report: &BenchReport) -> Result<()> {
    for s in &report.stats {
        serde_json::to_writer(&mut *out, s)?;
        writeln!(out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_sets_are_parsed_with_comments_and_errors_name_the_line() {
        let qs = parse_queries("# c\n\nterm\tpaix\r\nphrase\t\"rule of law\"\n", "t").unwrap();
        assert_eq!(qs.len(), 2);
        assert_eq!(qs[1].query, "\"rule of law\"");
        let err = parse_queries("term paix\n", "t").unwrap_err().to_string();
        assert!(err.starts_with("t:1:"), "{err}");
        assert!(parse_queries("all\tpaix\n", "t").is_err());
        assert!(parse_queries("# only\n", "t").is_err());
    }

    #[test]
    fn the_builtin_set_parses() {
        let qs = load_queries(None).unwrap();
        assert!(qs.len() >= 20);
    }

    #[test]
    fn percentiles_by_nearest_rank() {
        let samples = (1..=100).map(Duration::from_micros).collect();
        let s = summarise("x", "search", 1, 0, samples);
        assert_eq!(
            (s.p50_us, s.p95_us, s.p99_us, s.max_us),
            (50.0, 95.0, 99.0, 100.0)
        );
        assert_eq!(s.count, 100);
        let one = summarise("x", "search", 1, 0, vec![Duration::from_micros(7)]);
        assert_eq!((one.p50_us, one.p99_us, one.max_us), (7.0, 7.0, 7.0));
    }
}
