//! The options of the commands that trace resolutions through the index: `show` one,
//! `cites` both ways, `similar` wordings, and the `diff` of two.

use std::path::PathBuf;
use std::str::FromStr;

use clap::Args;

use crate::model::Language;

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

/// Print a resolution from the index: its clauses in document order, as `segment` does.
///
/// With a label, only that clause; with --parallel, each clause beside its other-language
/// version (French and English, paired by section, type and number). --json prints the
/// same object as `segment --json`, one line per indexed version.
#[derive(Debug, Args)]
#[command(after_help = SHOW_EXAMPLES)]
pub struct ShowArgs {
    /// The resolution: A/RES/75/272, 75/272, S/RES/1325, 1325 (2000).
    pub symbol: String,
    /// One clause only: PP3, OP4, II.OP4 (any case).
    pub label: Option<String>,
    /// Where the index is [default: as for `query`].
    #[arg(long, env = "RESSEARCH_INDEX", value_name = "DIR")]
    pub index: Option<PathBuf>,
    /// Only the version in this language (fr, en).
    #[arg(long, value_parser = Language::from_str)]
    pub lang: Option<Language>,
    /// One JSON object per version, as `segment --json` prints it.
    #[arg(long)]
    pub json: bool,
    /// Each clause beside its French or English version.
    #[arg(long)]
    pub parallel: bool,
}

/// List the clauses that cite a document, or (--from) what a resolution cites.
///
/// A document cited in a part, an addendum or a corrigendum counts (A/CONF.157/24 finds
/// A/CONF.157/24 (Part I)); the document may be typed as a text writes it.
/// Exit code 0 when something is cited, 1 when nothing is.
#[derive(Debug, Args)]
#[command(after_help = CITES_EXAMPLES)]
pub struct CitesArgs {
    /// The cited document: A/RES/72/7, S/RES/1325, 1325 (2000), res 1325 (2000), 72/7;
    /// with --from, the citing resolution. Several arguments are joined with spaces.
    #[arg(required = true)]
    pub symbol: Vec<String>,
    /// List the documents the resolution cites, one line each, with the citing clauses.
    #[arg(long)]
    pub from: bool,
    /// Where the index is [default: as for `query`].
    #[arg(long, env = "RESSEARCH_INDEX", value_name = "DIR")]
    pub index: Option<PathBuf>,
    /// One JSON object per line.
    #[arg(long)]
    pub json: bool,
}

/// Find the clauses worded like a paragraph, ranked by wording similarity.
///
/// Differing words are marked ([-removed-]{+added+} when piped); clauses of the same
/// wording are one result ("also in …").
#[derive(Debug, Args)]
#[command(after_help = SIMILAR_EXAMPLES)]
pub struct SimilarArgs {
    /// The paragraph; several arguments are joined with spaces.
    #[arg(required_unless_present = "symbol", conflicts_with = "symbol")]
    pub text: Vec<String>,
    /// Or a clause of the index: its resolution…
    #[arg(long, requires = "label")]
    pub symbol: Option<String>,
    /// …and its label (PP3, OP4).
    #[arg(long, requires = "symbol")]
    pub label: Option<String>,
    /// Where the index is [default: as for `query`].
    #[arg(long, env = "RESSEARCH_INDEX", value_name = "DIR")]
    pub index: Option<PathBuf>,
    /// How many wordings to show.
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// The least similarity shown, from 0 to 1 (share of words in common, in order).
    #[arg(long, default_value_t = 0.5)]
    pub min_similarity: f64,
    /// Only clauses in this language (fr, en) [default: the paragraph's].
    #[arg(long, value_parser = Language::from_str)]
    pub lang: Option<Language>,
    /// One JSON object per wording per line.
    #[arg(long)]
    pub json: bool,
}

/// Align the paragraphs of two resolutions: same, moved, changed, added, removed.
///
/// With one resolution, the old one is the predecessor it recalls (the latest recalled
/// resolution of the same title), when the index holds it.
#[derive(Debug, Args)]
#[command(after_help = DIFF_EXAMPLES)]
pub struct DiffArgs {
    /// OLD NEW, or NEW alone.
    #[arg(required = true, num_args = 1..=2)]
    pub symbols: Vec<String>,
    /// Where the index is [default: as for `query`].
    #[arg(long, env = "RESSEARCH_INDEX", value_name = "DIR")]
    pub index: Option<PathBuf>,
    /// Compare the versions in this language (fr, en) when both are indexed.
    #[arg(long, value_parser = Language::from_str)]
    pub lang: Option<Language>,
    /// One JSON object per aligned paragraph per line: status, old, new, changes.
    #[arg(long)]
    pub json: bool,
}
