//! The options of the commands that search the index: `query` on the command line, `serve`
//! over HTTP.

use std::path::PathBuf;
use std::str::FromStr;

use clap::Args;
use clap::builder::RangedU64ValueParser;

use super::MAX_LIMIT;
use crate::model::{Body, ClauseType, DateRange, Language, MAX_SESSION, Sort};

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

/// Search the clauses.
///
/// All words must match. Also: OR, -word or NOT word, "exact phrase", (grouping), and
/// filters field:value with the fields type, cites, symbol, lang, body, session, opening.
/// Hits go to standard output; the summary line (count, time) to standard error.
/// Exit code 0 when something matched, 1 when nothing did, 2 on error.
#[derive(Debug, Args)]
#[command(after_help = QUERY_EXAMPLES)]
pub struct QueryArgs {
    /// The query; several arguments are joined with spaces. May be left out when a
    /// filter flag is given (`ressearch query --cites A/RES/72/7`).
    #[arg(required_unless_present_any = ["kind", "cites", "symbol", "lang", "body", "session", "adopted"])]
    pub query: Vec<String>,
    /// Where the index is [default: ./index when that folder exists, else
    /// $XDG_DATA_HOME/ressearch/index or ~/.local/share/ressearch/index].
    #[arg(long, env = "RESSEARCH_INDEX", value_name = "DIR")]
    pub index: Option<PathBuf>,
    /// How many hits to show (0 to 1000000).
    #[arg(long, short = 'n', default_value_t = 10,
          value_parser = RangedU64ValueParser::<usize>::new().range(0..=MAX_LIMIT as u64))]
    pub limit: usize,
    /// One JSON object per hit per line (NDJSON).
    #[arg(long, conflicts_with_all = ["count", "list"])]
    pub json: bool,
    /// Print only the number of matching clauses.
    #[arg(long, short = 'c', conflicts_with = "list")]
    pub count: bool,
    /// Print only the symbol of each matching resolution, once, best first.
    #[arg(long, short = 'l')]
    pub list: bool,
    /// Only preambular or operative clauses (preambular, operative).
    #[arg(long = "type", value_parser = ClauseType::from_str)]
    pub kind: Option<ClauseType>,
    /// Only clauses citing this document symbol, e.g. A/RES/72/7.
    #[arg(long)]
    pub cites: Option<String>,
    /// Only clauses of this resolution, e.g. A/RES/75/272.
    #[arg(long)]
    pub symbol: Option<String>,
    /// Only clauses in this language (fr, en); `any`: the words are looked for in both
    /// languages, whatever language they are written in.
    #[arg(long, value_parser = parse_lang_choice)]
    pub lang: Option<LangChoice>,
    /// Only clauses of this organ (ga, sc, ecosoc).
    #[arg(long, value_parser = Body::from_str)]
    pub body: Option<Body>,
    /// Only General Assembly clauses of this session (1 to 9999), e.g. 75.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_SESSION)))]
    pub session: Option<u32>,
    /// Only clauses adopted in this year, month, day or span, both ends included: 2020,
    /// 2024-03, 2020..2024, 2024-03-01..2024-06-30, 2020.. (same as adopted: in the query).
    #[arg(long, value_parser = DateRange::from_str)]
    pub adopted: Option<DateRange>,
    /// The order of hits: relevance, date (oldest first) or -date (newest first).
    #[arg(long, default_value = "relevance", value_parser = Sort::from_str, allow_hyphen_values = true)]
    pub sort: Sort,
    /// Take the whole query as words: no syntax (OR, quotes, -, field:) at all.
    #[arg(long, short = 'F')]
    pub fixed_strings: bool,
    /// Fold clauses of the same wording into one hit, with the list of places.
    #[arg(long)]
    pub group: bool,
    /// Count every matching clause: past 10,000 the summary otherwise says "more than
    /// 10,000" (`-c` always counts every one).
    #[arg(long)]
    pub exact_count: bool,
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

/// Serve the index over HTTP: a search page and a JSON API.
///
/// The page (search with filters, resolutions in document order, cites both ways, similar
/// clauses, French and English side by side, CSV and NDJSON downloads) is at /; the API at
/// /api/search, /api/show, /api/cites, /api/similar, /api/diff (see the README). A new index
/// generation published by `ressearch index` is picked up while serving. Ctrl-C stops.
#[derive(Debug, Args)]
#[command(after_help = SERVE_EXAMPLES)]
pub struct ServeArgs {
    /// Where the index is [default: as for `query`].
    #[arg(long, env = "RESSEARCH_INDEX", value_name = "DIR")]
    pub index: Option<PathBuf>,
    /// The address to listen on: loopback by default, so nothing is exposed unless asked
    /// (0.0.0.0:7700 for the network; port 0 for any free port).
    #[arg(long, default_value = crate::serve::DEFAULT_ADDR, value_name = "ADDR")]
    pub addr: String,
    /// The longest a request may take, in milliseconds (1 to 600000); past it the answer
    /// is a 503.
    #[arg(long, default_value_t = crate::serve::REQUEST_TIME_LIMIT.as_millis() as u64,
          value_parser = clap::value_parser!(u64).range(1..=600_000), value_name = "MS")]
    pub time_limit_ms: u64,
}
