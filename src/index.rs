//! Building the Tantivy index of clauses, and opening it again.
//!
//! One Tantivy document per clause. The clause text is indexed twice over, once per language
//! field (`text_fr`, `text_en`), each with its own analyzer, and only the field of the clause's
//! language gets it; the text itself is stored once.
//!
//! An index folder (`index/` by default) holds generations (`index/folder.rs` has the layout and the
//! rule that ressearch removes only what it made): each build writes a fresh generation and,
//! only once it is complete and synced, atomically replaces the `CURRENT` file that names the
//! live one. A build that dies halfway leaves `CURRENT` on the previous, whole index; its
//! half-written generation is removed when the next build starts. Queries open the index
//! read-only (`index/reader.rs`).
//!
//! An update is a rebuild in all but cost: only new and changed files are segmented, but the
//! segments holding deleted clauses are merged afresh, so that term statistics, and with them
//! scores, are those of a full build.
//!
//! The stages, one file each under `index/`: `schema.rs` (the fields of a clause document),
//! `documents.rs` (clauses to documents, and back from their stored fields), `previous.rs`
//! (whether the previous generation can be reused), `generation.rs` (writing a generation),
//! `copies.rs` (each text once); `folder.rs`, `reader.rs` and `backlog.rs` as above. This file
//! ties them into a build.

mod backlog;
mod copies;
mod directory;
mod documents;
mod folder;
mod generation;
mod previous;
mod reader;
mod schema;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Result, bail};

use crate::corpus::{self, Skipped};

pub use documents::{day_number, documents};
use generation::{Plan, looks_damaged, write_in_new_generation};
use previous::previous_generation;
pub use reader::{Damaged, ReadOnlyDirectory, live_generation, open, read_guarded};
pub use schema::{Fields, schema, settings};

/// Bumped whenever the schema, the analysis or what the segmenter produces changes: an index
/// of another version must be rebuilt (an incremental run would otherwise mix clauses of both).
/// Also bumped when [`corpus::fingerprint`] changes, as the fingerprints in `files.json` would
/// then match no file. 4: XXH3 fingerprints instead of FNV-1a. 5: more forms segmented
/// (unnumbered and formula operative paragraphs, adopted texts, stray markers). 6: `position`,
/// `wording`, `cites_base`, `extra`; cites with parts, addenda and other organs' series. 7:
/// files remembered by the exact bytes of their path ([`corpus::file_key`]), with their symbol
/// and language.
/// 8: adoption day, exact forms, hyphenated words also joined, mined acronyms. 9: word pairs
/// (`pairs_fr`, `pairs_en`) for phrases. 10: each segment's clauses sorted by length (`length`).
pub const SCHEMA_VERSION: u32 = 11;

const META: &str = "ressearch.json";
/// The indexed files, apart from [`META`]: a query reads only the small [`META`].
const FILES: &str = "files.json";

/// What `ressearch index` did.
#[derive(Debug)]
pub struct BuildReport {
    /// Candidate files read.
    pub files_read: usize,
    /// Resolutions and clauses in the index now.
    pub resolutions: usize,
    pub clauses: usize,
    /// Files new to the index, changed since the last build, gone since, or unchanged.
    pub added: usize,
    pub updated: usize,
    pub removed: usize,
    pub unchanged: usize,
    /// Resolutions indexed earlier from files outside the paths given this time: kept unless
    /// [`BuildOptions::prune`], removed (and counted in `pruned`) with it.
    pub kept_elsewhere: usize,
    pub pruned: usize,
    /// Whether the previous index was reused (only changed files were segmented).
    pub incremental: bool,
    pub skipped: Vec<Skipped>,
    /// Files indexed with a remark, such as a decoded encoding, or a copy indexed once.
    pub warnings: Vec<Skipped>,
    /// Remarks on the build as a whole (resolutions of other paths kept, a previous index that
    /// could not be reused), one sentence each.
    pub notes: Vec<String>,
    /// Files not looked at because they are neither texts nor PDFs (`.md`…).
    pub ignored: usize,
    pub elapsed: Duration,
    pub index_dir: PathBuf,
    pub bytes_on_disk: u64,
}

/// How `ressearch index` builds.
#[derive(Debug, Clone, Copy, Default)]
pub struct BuildOptions {
    /// Build from scratch instead of updating the previous index.
    pub rebuild: bool,
    /// Remove the resolutions of files outside the paths given (kept by default).
    pub prune: bool,
}

/// The `ressearch.json` kept with each generation.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct Meta {
    schema_version: u32,
    ressearch_version: String,
    resolutions: usize,
    clauses: usize,
    /// Every indexed file: key ([`corpus::file_key`]) → what was indexed from it. Kept in
    /// [`FILES`]: at a million clauses it is megabytes that a query need not parse.
    #[serde(skip)]
    files: BTreeMap<String, FileEntry>,
}

/// One indexed file, in `files.json`.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct FileEntry {
    hash: u64,
    clauses: usize,
    /// The resolution's symbol and language code: copies of one text and texts claiming one
    /// symbol are told apart without reading unchanged files again.
    symbol: String,
    lang: String,
}

/// Builds or updates the index of every resolution under `paths` in `index_dir`, keeping the
/// resolutions indexed earlier from other paths (see [`build_with`]).
pub fn build(paths: &[PathBuf], index_dir: &Path, rebuild: bool) -> Result<BuildReport> {
    build_with(
        paths,
        index_dir,
        BuildOptions {
            rebuild,
            prune: false,
        },
    )
}

/// Builds or updates the index of every resolution under `paths` in `index_dir`. The new
/// state replaces the previous one only once it is complete and on disk. Unless
/// `options.rebuild` is set, a previous index of the same version is reused: only new and
/// changed files are segmented, the clauses of changed and deleted files are removed.
///
/// Resolutions indexed earlier from files outside `paths` are kept (an update keeps their
/// clauses, a rebuild reads their files again) unless `options.prune` is set. One file reached
/// by several paths is indexed once; copies of one text (same symbol, language and bytes) are
/// indexed once with a warning; different texts claiming one symbol are all kept, with a
/// warning.
pub fn build_with(
    paths: &[PathBuf],
    index_dir: &Path,
    options: BuildOptions,
) -> Result<BuildReport> {
    let started = Instant::now();
    let listing = corpus::list_files(paths)?;
    folder::refuse_overlap(index_dir, &listing.roots)?;
    let mut notes = folder::claim(index_dir)?;
    let _lock = folder::lock(index_dir)?;
    let current = folder::read_current(index_dir).unwrap_or_else(|e| {
        notes.push(format!("{e:#}; a new index is built"));
        None
    });
    // Leftovers of builds that were killed or failed go first, so that they cannot fill the
    // disk for good. The live generation and the one before it stay: a query may be opening
    // either.
    let keep = current
        .as_ref()
        .map(folder::Current::names)
        .unwrap_or_default();
    folder::remove_generations(index_dir, &keep, &mut notes);
    let previous = current
        .as_ref()
        .and_then(|c| previous_generation(index_dir, &c.live, &mut notes));
    let plan = Plan {
        listing: &listing,
        previous: previous.as_ref(),
        prune: options.prune,
    };

    let reuse = !options.rebuild && previous.is_some();
    let mut outcome = write_in_new_generation(index_dir, &plan, reuse);
    if reuse && outcome.as_ref().is_err_and(looks_damaged) {
        let error = outcome.err().map(|e| format!("{e:#}")).unwrap_or_default();
        notes.push(format!(
            "the previous index could not be updated ({error}): it was rebuilt in full"
        ));
        outcome = write_in_new_generation(index_dir, &plan, false);
    }
    let (generation, mut report) = outcome?;
    let gen_dir = index_dir.join(&generation);
    if report.found == 0 {
        let _ = folder::remove_generation(&gen_dir);
        let reasons: Vec<String> = listing
            .unreadable
            .iter()
            .chain(&report.skipped)
            .take(5)
            .map(|s| format!("{}: {}", s.path.display(), s.reason))
            .collect();
        bail!(
            "no resolution found in {} file(s) under {}; the index was left as it was{}",
            listing.files.len(),
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            if reasons.is_empty() {
                String::new()
            } else {
                format!(" ({})", reasons.join("; "))
            }
        );
    }
    let clauses = report.files.values().map(|e| e.clauses).sum();
    let meta = Meta {
        schema_version: SCHEMA_VERSION,
        ressearch_version: env!("CARGO_PKG_VERSION").to_string(),
        resolutions: report.files.len(),
        clauses,
        files: std::mem::take(&mut report.files),
    };
    let finish = || -> Result<()> {
        folder::write_synced(&gen_dir.join(FILES), &serde_json::to_vec(&meta.files)?)?;
        folder::write_synced(&gen_dir.join(META), &serde_json::to_vec_pretty(&meta)?)?;
        folder::match_permissions(&gen_dir, &gen_dir.join(META))?;
        folder::sync_dir(&gen_dir)?;
        folder::publish(
            index_dir,
            &generation,
            current.as_ref().map(|c| c.live.as_str()),
        )
    };
    if let Err(e) = finish() {
        let _ = folder::remove_generation(&gen_dir);
        return Err(e.context("the previous index is unchanged"));
    }
    let keep: Vec<String> = std::iter::once(generation.clone())
        .chain(current.map(|c| c.live))
        .collect();
    folder::remove_generations(index_dir, &keep, &mut notes);

    if report.kept_elsewhere > 0 {
        notes.push(format!(
            "kept {} resolution(s) indexed earlier from files outside {}; `--prune` removes them",
            report.kept_elsewhere,
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if report.pruned > 0 {
        notes.push(format!(
            "pruned {} resolution(s) indexed earlier from files outside the paths given",
            report.pruned
        ));
    }
    let mut warnings: Vec<Skipped> = listing
        .duplicates
        .iter()
        .map(|(path, listed)| Skipped {
            path: path.clone(),
            reason: format!("the same file as {}: indexed once", listed.display()),
        })
        .collect();
    warnings.append(&mut report.warnings);
    let mut skipped = listing.unreadable.clone();
    skipped.append(&mut report.skipped);
    Ok(BuildReport {
        files_read: listing.files.len(),
        resolutions: meta.resolutions,
        clauses: meta.clauses,
        added: report.added,
        updated: report.updated,
        removed: report.removed,
        unchanged: report.unchanged,
        kept_elsewhere: report.kept_elsewhere,
        pruned: report.pruned,
        incremental: report.incremental,
        skipped,
        warnings,
        notes,
        ignored: listing.ignored,
        elapsed: started.elapsed(),
        bytes_on_disk: dir_size(&gen_dir),
        index_dir: gen_dir,
    })
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| e.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}
