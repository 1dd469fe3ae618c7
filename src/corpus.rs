//! Reading a corpus: finding resolution files under folders, and segmenting them all.
//!
//! A corpus is whatever folders the user points at. Every `.txt` file below them (or a file
//! named directly) is a candidate; other files (`.pdf`, `.md`, hidden files) are counted as
//! ignored. A file that cannot be read or segmented is skipped with its reason, never losing the
//! rest.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use anyhow::{bail, Result};

use crate::model::Resolution;
use crate::segment;

/// A file left out of the index, and why.
#[derive(Debug, Clone)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: String,
}

/// The candidate files under some paths.
#[derive(Debug, Default)]
pub struct Listing {
    /// Resolution candidates, sorted, each once.
    pub files: Vec<PathBuf>,
    /// Files passed over because they are not text files.
    pub ignored: usize,
}

/// Whether a file found in a folder is a candidate resolution text.
fn is_candidate(path: &Path) -> bool {
    let hidden = path
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'));
    !hidden
        && path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
}

/// Walks `paths` recursively. A path that does not exist is an error naming it; folders are
/// visited once each, so symbolic link loops end.
pub fn list_files(paths: &[PathBuf]) -> Result<Listing> {
    let mut listing = Listing::default();
    let mut seen_dirs = HashSet::new();
    for path in paths {
        let meta = match std::fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) => bail!(
                "{}: {e}; give a folder or file of resolution texts",
                path.display()
            ),
        };
        if meta.is_dir() {
            walk(path, &mut listing, &mut seen_dirs);
        } else {
            listing.files.push(path.clone());
        }
    }
    listing.files.sort();
    listing.files.dedup();
    Ok(listing)
}

fn walk(dir: &Path, listing: &mut Listing, seen_dirs: &mut HashSet<PathBuf>) {
    let canonical = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if !seen_dirs.insert(canonical) {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => {
                let hidden = path
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'));
                if !hidden {
                    walk(&path, listing, seen_dirs);
                }
            }
            Ok(_) if is_candidate(&path) => listing.files.push(path),
            _ => listing.ignored += 1,
        }
    }
}

/// Segments every file, in parallel on the available cores, keeping the input order.
pub fn segment_all(files: &[PathBuf]) -> Vec<(PathBuf, Result<Resolution, String>)> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len().max(1));
    let chunk = files.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|path| {
                            let outcome = segment::segment_file(path).map_err(|e| format!("{e:#}"));
                            (path.clone(), outcome)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("segmentation thread panicked"))
            .collect()
    })
}
