//! The previous generation, checked before an update reuses it.
//!
//! An update starts from the live generation only when it is of this format version and its
//! list of files (`files.json`) agrees with the index it lists; otherwise a note says why and
//! the build is done in full.

use std::path::{Path, PathBuf};

use tantivy::Index;

use super::{FILES, Meta, ReadOnlyDirectory, SCHEMA_VERSION, folder, reader};
use crate::corpus;

/// The live generation of an earlier build, when its format is this one and its list of
/// files agrees with its index.
pub(super) struct Previous {
    pub(super) dir: PathBuf,
    pub(super) meta: Meta,
}

/// Loads the live generation `name` for reuse, or says in `notes` why it cannot be reused.
pub(super) fn previous_generation(
    index_dir: &Path,
    name: &str,
    notes: &mut Vec<String>,
) -> Option<Previous> {
    let dir = index_dir.join(name);
    let mut meta = match reader::read_meta(&dir) {
        Ok(meta) => meta,
        Err(e) => {
            notes.push(format!(
                "the previous index is damaged ({e:#}): it was rebuilt in full"
            ));
            return None;
        }
    };
    if meta.schema_version != SCHEMA_VERSION {
        notes.push(format!(
            "the previous index is of format {} (this is format {SCHEMA_VERSION}): it was rebuilt in full",
            meta.schema_version
        ));
        return None;
    }
    let path = dir.join(FILES);
    // At a million clauses the list is a few megabytes; no index of resolutions nears 4 GB.
    let files = folder::read_small(&path, 1 << 32)
        .map_err(|e| e.to_string())
        .and_then(|bytes| serde_json::from_slice(&bytes).map_err(|e| e.to_string()));
    meta.files = match files {
        Ok(files) => files,
        Err(e) => {
            notes.push(format!(
                "the previous index is damaged ({}: {e}): it was rebuilt in full",
                path.display()
            ));
            return None;
        }
    };
    // The list of files must describe the index: an emptied or stale files.json would have
    // every file added a second time.
    let listed: usize = meta.files.values().map(|e| e.clauses).sum();
    let in_index = corpus::catch_quietly(|| -> Option<u64> {
        let index = Index::open(ReadOnlyDirectory::open(&dir).ok()?).ok()?;
        let metas = index.searchable_segment_metas().ok()?;
        Some(metas.iter().map(|m| u64::from(m.num_docs())).sum())
    });
    if listed != meta.clauses
        || meta.files.len() != meta.resolutions
        || in_index != Ok(Some(listed as u64))
    {
        notes.push(format!(
            "the previous index does not match its list of files ({}): it was rebuilt in full",
            path.display()
        ));
        return None;
    }
    Some(Previous { dir, meta })
}
