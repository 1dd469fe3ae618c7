//! The options of the commands that read resolution files: `segment` shows how one is cut
//! into clauses, `index` builds the index from many.

use std::path::PathBuf;

use clap::Args;

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

/// Print how one resolution file is cut into clauses.
///
/// Reads the file as `index` does (UTF-8, UTF-16 with a byte-order mark, or Windows-1252,
/// with a warning on standard error; a PDF by its layout) and prints each clause: label, opening phrase, cited
/// documents, text and footnotes.
#[derive(Debug, Args)]
#[command(after_help = SEGMENT_EXAMPLES)]
pub struct SegmentArgs {
    /// The resolution text file or PDF, e.g. corpus/A_RES_75_272.txt.
    pub file: PathBuf,
    /// Print one JSON object instead of readable blocks.
    #[arg(long)]
    pub json: bool,
}

/// Build the search index from folders or files of resolution texts or PDFs.
///
/// Walks folders recursively and reads every .txt and .pdf file; a file that cannot be read
/// or segmented is skipped with a warning on standard error. A second run re-indexes only new
/// and changed files and drops deleted ones. The new index replaces the old one only once
/// it is complete. Exit code 0 when the index was built (even with files skipped; 1 then
/// with --strict), 2 when nothing could be indexed.
#[derive(Debug, Args)]
#[command(after_help = INDEX_EXAMPLES)]
pub struct IndexArgs {
    /// Folders or files to index.
    #[arg(default_value = "corpus")]
    pub paths: Vec<PathBuf>,
    /// Where to write the index [default: ./index when that folder exists, else
    /// $XDG_DATA_HOME/ressearch/index or ~/.local/share/ressearch/index].
    #[arg(long, env = "RESSEARCH_INDEX", value_name = "DIR")]
    pub index: Option<PathBuf>,
    /// Rebuild from scratch instead of re-indexing only new, changed and deleted files.
    #[arg(long)]
    pub rebuild: bool,
    /// Remove the resolutions indexed earlier from files outside the PATHs given (by
    /// default they are kept, and the summary says how many).
    #[arg(long)]
    pub prune: bool,
    /// Exit with code 1 when any file was skipped (the index is still built).
    #[arg(long)]
    pub strict: bool,
}
