//! Opening an index to query it: read-only, retried across a swap, and safe on damaged data.
//!
//! A query writes nothing and takes no lock: Tantivy's own directory would create a lock file
//! in the generation to open it, which fails on a read-only file system or for a user who may
//! only read the index; [`ReadOnlyDirectory`] gives Tantivy the files and refuses every write.
//! A query that reads `CURRENT` while a build replaces it tries again with the new generation.
//! A damaged index (a flipped byte, a truncated or missing file) gives one error saying so and
//! how to rebuild it, even when Tantivy panics on the data: see [`read_guarded`].

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::{Result, anyhow, bail};
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle, WritePtr,
};
use tantivy::{Index, ReloadPolicy, TantivyError};

use super::folder::{self, read_small};
use super::{Fields, META, Meta, SCHEMA_VERSION};
use crate::analyzer;
use crate::corpus::catch_quietly;

/// A Tantivy directory over a generation's files that never writes: no lock file, no
/// `meta.json` rewrite, no deletion. Locks are granted without a file (generations are never
/// written again once published, so there is nothing to exclude). Every file it opens stays
/// open (mapped) as long as the directory lives: once [`open`] has opened an index, the
/// searches that follow never need the files by name again, so a build that removes the
/// generation meanwhile cannot fail them.
#[derive(Debug, Clone)]
pub struct ReadOnlyDirectory {
    files: MmapDirectory,
    opened: Arc<Mutex<HashMap<PathBuf, Arc<dyn FileHandle>>>>,
    /// Small files read whole (`meta.json`), kept for the same reason.
    read: Arc<Mutex<HashMap<PathBuf, Vec<u8>>>>,
}

impl ReadOnlyDirectory {
    pub fn open(dir: &Path) -> tantivy::Result<ReadOnlyDirectory> {
        Ok(ReadOnlyDirectory {
            files: MmapDirectory::open(dir)?,
            opened: Arc::default(),
            read: Arc::default(),
        })
    }
}

fn read_only(path: &Path) -> Arc<io::Error> {
    Arc::new(io::Error::new(
        io::ErrorKind::PermissionDenied,
        format!("{}: the index is opened read-only", path.display()),
    ))
}

impl Directory for ReadOnlyDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        let mut opened = self.opened.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(handle) = opened.get(path) {
            return Ok(Arc::clone(handle));
        }
        let handle = self.files.get_file_handle(path)?;
        opened.insert(path.to_path_buf(), Arc::clone(&handle));
        Ok(handle)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        Err(DeleteError::IoError {
            io_error: read_only(path),
            filepath: path.to_path_buf(),
        })
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.files.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        Err(OpenWriteError::IoError {
            io_error: read_only(path),
            filepath: path.to_path_buf(),
        })
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        let mut read = self.read.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(bytes) = read.get(path) {
            return Ok(bytes.clone());
        }
        let bytes = self.files.atomic_read(path)?;
        read.insert(path.to_path_buf(), bytes.clone());
        Ok(bytes)
    }

    fn atomic_write(&self, path: &Path, _data: &[u8]) -> io::Result<()> {
        Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            format!("{}: the index is opened read-only", path.display()),
        ))
    }

    fn sync_directory(&self) -> io::Result<()> {
        Ok(())
    }

    fn acquire_lock(&self, _lock: &Lock) -> Result<DirectoryLock, LockError> {
        Ok(DirectoryLock::from(Box::new(())))
    }

    fn watch(&self, _callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        // A published generation never changes: nothing to watch.
        Ok(WatchHandle::empty())
    }
}

/// An index that cannot be read as it should: damaged files, or data Tantivy chokes on.
#[derive(Debug)]
pub struct Damaged {
    pub index_dir: PathBuf,
    pub detail: String,
}

impl std::fmt::Display for Damaged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the index at {} is damaged: rebuild it with `ressearch index --rebuild` ({})",
            self.index_dir.display(),
            self.detail
        )
    }
}

impl std::error::Error for Damaged {}

fn damaged(index_dir: &Path, detail: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(Damaged {
        index_dir: index_dir.to_path_buf(),
        detail: detail.into(),
    })
}

/// Opens the live index of `index_dir` for queries, with the analyzers registered, without
/// writing anything. Every segment file is opened here, so that a generation removed between
/// reading `CURRENT` and opening it shows here, where `CURRENT` is read again and the newer
/// generation opened instead.
pub fn open(index_dir: &Path) -> Result<(Index, Fields)> {
    // A build replaces CURRENT at most once per build; a reader overtaken this many times in a
    // row has met something else than a swap.
    const ATTEMPTS: usize = 5;
    let mut attempt = 0;
    loop {
        let current = folder::read_current(index_dir)
            .map_err(|e| damaged(index_dir, format!("{e:#}")))?
            .ok_or_else(|| {
                anyhow!(
                    "no index at {}; build one first with `ressearch index` (or pass --index DIR)",
                    index_dir.display()
                )
            })?;
        match open_generation(index_dir, &current.live) {
            Ok(opened) => return Ok(opened),
            Err(e) => {
                attempt += 1;
                let now = folder::read_current(index_dir).ok().flatten();
                if attempt >= ATTEMPTS || now.as_ref().is_none_or(|now| now.live == current.live) {
                    return Err(e);
                }
            }
        }
    }
}

/// The name of the live generation of `index_dir` (what `CURRENT` names), `None` when there is
/// no index: a long-running reader compares it with the generation it has open to learn that a
/// build published a new one.
pub fn live_generation(index_dir: &Path) -> Result<Option<String>> {
    Ok(folder::read_current(index_dir)?.map(|current| current.live))
}

fn open_generation(index_dir: &Path, name: &str) -> Result<(Index, Fields)> {
    let dir = index_dir.join(name);
    let meta = read_meta(&dir).map_err(|e| damaged(index_dir, format!("{e:#}")))?;
    if meta.schema_version != SCHEMA_VERSION {
        bail!(
            "the index at {} was built by ressearch {} (index format {}), this is format {}; rebuild it with `ressearch index --rebuild`",
            index_dir.display(),
            meta.ressearch_version,
            meta.schema_version,
            SCHEMA_VERSION
        );
    }
    let opened = catch_quietly(|| -> tantivy::Result<(Index, Fields)> {
        let index = Index::open(ReadOnlyDirectory::open(&dir)?)?;
        analyzer::register(&index);
        let fields =
            Fields::of(&index.schema()).map_err(|e| TantivyError::SchemaError(format!("{e:#}")))?;
        let _segments_open = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok((index, fields))
    });
    match opened {
        Ok(Ok(opened)) => Ok(opened),
        Ok(Err(e)) => Err(damaged(index_dir, tantivy_detail(&e))),
        Err(panic) => Err(damaged(index_dir, panic_detail(&panic))),
    }
}

/// A generation's `ressearch.json`.
pub(super) fn read_meta(dir: &Path) -> Result<Meta> {
    const LIMIT: u64 = 1024 * 1024;
    let path = dir.join(META);
    let bytes = read_small(&path, LIMIT).map_err(|e| anyhow!("{}: {e}", path.display()))?;
    serde_json::from_slice(&bytes).map_err(|e| anyhow!("{}: {e}", path.display()))
}

/// Runs `read` (opening the index of `index_dir` and searching it) so that a damaged index
/// cannot crash the process or print Tantivy's internals: a panic inside Tantivy, or an error
/// of Tantivy's, becomes one [`Damaged`] error, naming the files that fail their checksum when
/// some do. Other errors (a bad query, a missing index) pass unchanged.
pub fn read_guarded<T>(index_dir: &Path, read: impl FnOnce() -> Result<T>) -> Result<T> {
    match catch_quietly(read) {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(e)) => {
            if e.downcast_ref::<Damaged>().is_some() {
                return Err(e);
            }
            match e.chain().find_map(|c| c.downcast_ref::<TantivyError>()) {
                Some(tantivy) => Err(damaged_checked(index_dir, tantivy_detail(tantivy))),
                None => Err(e),
            }
        }
        Err(panic) => Err(damaged_checked(index_dir, panic_detail(&panic))),
    }
}

/// A [`Damaged`] error naming the files of the live generation that fail their checksum, or
/// else giving `detail`.
fn damaged_checked(index_dir: &Path, detail: String) -> anyhow::Error {
    let failing = catch_quietly(|| -> Option<Vec<String>> {
        let current = folder::read_current(index_dir).ok()??;
        let dir = ReadOnlyDirectory::open(&index_dir.join(&current.live)).ok()?;
        let index = Index::open(dir).ok()?;
        let mut files: Vec<String> = index
            .validate_checksum()
            .ok()?
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        files.sort();
        Some(files)
    });
    match failing {
        Ok(Some(files)) if !files.is_empty() => damaged(
            index_dir,
            format!("checksum mismatch in {}", folder::list_some(&files)),
        ),
        _ => damaged(index_dir, detail),
    }
}

/// A Tantivy error in a sentence, without its debugging dumps.
fn tantivy_detail(e: &TantivyError) -> String {
    let detail = match e {
        TantivyError::OpenReadError(OpenReadError::FileDoesNotExist(path)) => {
            format!("{} is missing", path.display())
        }
        TantivyError::OpenReadError(OpenReadError::IoError { io_error, filepath }) => {
            format!("{}: {io_error}", filepath.display())
        }
        TantivyError::IoError(io_error) => io_error.to_string(),
        other => other.to_string(),
    };
    shorten(&detail, 300)
}

fn panic_detail(message: &str) -> String {
    shorten(&format!("reading it failed: {message}"), 300)
}

fn shorten(text: &str, max: usize) -> String {
    let line = text.lines().next().unwrap_or("");
    match line.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &line[..end]),
        None => line.to_string(),
    }
}
