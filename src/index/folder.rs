//! The index folder: what ressearch keeps there, and the rule that it removes only that.
//!
//! ```text
//! DIR/ressearch-index            marks DIR as an index folder (written by the first build)
//! DIR/LOCK                       the build lock
//! DIR/CURRENT                    the live generation's name, then the one before it
//! DIR/ressearch-gen-<ms>-<pid>/  a generation: one whole index
//!     ressearch-generation       marks the generation as made by ressearch
//!     ressearch.json files.json  format version and counts; the indexed files
//!     meta.json *.idx *.store …  the Tantivy index
//! ```
//!
//! A build claims a folder only when it is new, empty, or holds nothing but hidden files (or is
//! an index of an earlier version); it never writes among files it did not make. A folder is
//! removed only when its name is a generation name *and* it holds the generation mark (or is
//! empty: a build killed between creating and marking it). The live generation and the one
//! before it are kept, so that a query that read `CURRENT` just before a build replaced it
//! still finds the generation it read there.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

/// The live generation's name, then the previous one's.
pub(super) const CURRENT: &str = "CURRENT";
const CURRENT_TMP: &str = "CURRENT.tmp";
const LOCK: &str = "LOCK";
/// The file that marks a folder as an index folder.
const INDEX_MARK: &str = "ressearch-index";
const INDEX_MARK_TEXT: &str = "ressearch index folder\n\nressearch removes only the generation \
folders it made here: ressearch-gen-*, each holding a ressearch-generation file.\n";
/// Generations are named `ressearch-gen-<milliseconds>-<process id>[-<n>]`.
const GEN_PREFIX: &str = "ressearch-gen-";
/// The file that marks a generation as made by ressearch.
const GEN_MARK: &str = "ressearch-generation";
/// Generations of earlier versions were named `gen-*`; they carry no mark and are never removed.
const LEGACY_PREFIX: &str = "gen-";
/// `CURRENT` names at most two generations: a few hundred bytes. Anything longer is not ours.
const CURRENT_LIMIT: u64 = 4096;

/// Whether `name` is a generation name this version chooses.
pub(super) fn is_generation_name(name: &str) -> bool {
    name.strip_prefix(GEN_PREFIX).is_some_and(|rest| {
        !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit() || b == b'-')
    })
}

/// Whether `name` is a generation name of an earlier version (`gen-<ms>-<pid>`).
fn is_legacy_name(name: &str) -> bool {
    name.strip_prefix(LEGACY_PREFIX).is_some_and(|rest| {
        !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit() || b == b'-')
    })
}

fn gen_mark_text(name: &str) -> String {
    format!("ressearch generation {name}\n")
}

/// Refuses an index folder inside a corpus path, or a corpus path inside the index folder:
/// the index would be indexed, or the corpus kept among the index's generations.
pub(super) fn refuse_overlap(index_dir: &Path, roots: &[PathBuf]) -> Result<()> {
    let index = canonical_lenient(index_dir);
    for root in roots {
        if index.starts_with(root) {
            bail!(
                "the index folder {} is inside the corpus path {}; give --index a folder outside \
                 the folders being indexed",
                index_dir.display(),
                root.display()
            );
        }
        if root.starts_with(&index) {
            bail!(
                "the corpus path {} is inside the index folder {}; give --index a folder of its own",
                root.display(),
                index_dir.display()
            );
        }
    }
    Ok(())
}

/// The canonical form of a path that may not exist yet: its longest existing ancestor made
/// canonical, the rest appended.
fn canonical_lenient(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(mut canonical) = std::fs::canonicalize(existing) {
            canonical.extend(rest.iter().rev());
            return canonical;
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name);
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

/// Makes `index_dir` an index folder, or checks that it is one. A new or empty folder (or one
/// holding only hidden files, such as `.gitkeep`) is marked as ours; a folder holding other
/// files is refused, so that `CURRENT`, `LOCK` and the generations never land among (or
/// replace) files ressearch did not make. An index folder of an earlier version is taken
/// over; its generations are left in place, and the returned notes say so.
pub(super) fn claim(index_dir: &Path) -> Result<Vec<String>> {
    let mark = index_dir.join(INDEX_MARK);
    match std::fs::metadata(index_dir) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            std::fs::create_dir_all(index_dir).with_context(|| {
                format!("cannot create the index folder {}", index_dir.display())
            })?;
            write_synced(&mark, INDEX_MARK_TEXT.as_bytes())?;
            return Ok(Vec::new());
        }
        Err(e) => bail!(
            "cannot use {} as the index folder: {e}",
            index_dir.display()
        ),
        Ok(meta) if !meta.is_dir() => bail!(
            "{} is not a folder; give --index a folder for the index",
            index_dir.display()
        ),
        Ok(_) => {}
    }
    if read_small(&mark, CURRENT_LIMIT).is_ok_and(|text| text.starts_with(b"ressearch index")) {
        return Ok(Vec::new());
    }
    let legacy = legacy_live_generation(index_dir);
    let mut foreign = Vec::new();
    let mut legacy_generations = Vec::new();
    let entries = std::fs::read_dir(index_dir)
        .with_context(|| format!("cannot list the index folder {}", index_dir.display()))?;
    for entry in entries {
        let entry = entry
            .with_context(|| format!("cannot list the index folder {}", index_dir.display()))?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        if legacy.is_some() {
            if [CURRENT, CURRENT_TMP, LOCK].contains(&name.as_ref()) {
                continue;
            }
            if is_legacy_name(&name) {
                legacy_generations.push(name.into_owned());
                continue;
            }
        }
        foreign.push(name.into_owned());
    }
    if !foreign.is_empty() {
        foreign.sort();
        bail!(
            "{} holds files that ressearch did not make ({}); give --index a new or empty \
             folder (ressearch writes its index only where nothing else would be touched)",
            index_dir.display(),
            list_some(&foreign)
        );
    }
    write_synced(&mark, INDEX_MARK_TEXT.as_bytes())?;
    let mut notes = Vec::new();
    if !legacy_generations.is_empty() {
        legacy_generations.sort();
        notes.push(format!(
            "{} holds {} generation(s) of an earlier ressearch version ({}), left in place: \
             remove them by hand once no query uses them",
            index_dir.display(),
            legacy_generations.len(),
            list_some(&legacy_generations)
        ));
    }
    Ok(notes)
}

/// The generation named by `CURRENT` in an index folder of an earlier version: a `gen-*`
/// folder holding a `ressearch.json`.
fn legacy_live_generation(index_dir: &Path) -> Option<String> {
    let text = read_small(&index_dir.join(CURRENT), CURRENT_LIMIT).ok()?;
    let name = std::str::from_utf8(&text).ok()?.lines().next()?.trim();
    (is_legacy_name(name) && index_dir.join(name).join(super::META).is_file())
        .then(|| name.to_string())
}

/// A few names of a list, for a message.
pub(super) fn list_some(names: &[String]) -> String {
    const SHOWN: usize = 3;
    let mut out = names
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        out.push_str(&format!(" and {} more", names.len() - SHOWN));
    }
    out
}

/// Takes the build lock of an index folder, held until the returned file is dropped. The
/// operating system releases it when the process ends, however it ends, so a killed build
/// never leaves a stale lock behind.
pub(super) fn lock(index_dir: &Path) -> Result<std::fs::File> {
    let path = index_dir.join(LOCK);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .with_context(|| format!("cannot open the lock file {}", path.display()))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => bail!(
            "another `ressearch index` is building the index in {}; wait for it to finish",
            index_dir.display()
        ),
        Err(std::fs::TryLockError::Error(e)) => {
            Err(e).with_context(|| format!("cannot lock {}", path.display()))
        }
    }
}

/// What `CURRENT` says: the live generation, and the one it replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Current {
    pub live: String,
    pub previous: Option<String>,
}

impl Current {
    /// The generations a build must keep.
    pub fn names(&self) -> Vec<String> {
        std::iter::once(self.live.clone())
            .chain(self.previous.clone())
            .collect()
    }
}

/// Reads `CURRENT`: `Ok(None)` when there is none (no index yet). Only a small regular file is
/// read: a named pipe, a device or an endless file put there is refused, not waited on.
pub(super) fn read_current(index_dir: &Path) -> Result<Option<Current>> {
    let path = index_dir.join(CURRENT);
    let bytes = match read_small(&path, CURRENT_LIMIT) {
        Ok(bytes) => bytes,
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
            ) =>
        {
            return Ok(None);
        }
        Err(e) => bail!("{} cannot be read: {e}", path.display()),
    };
    let text = std::str::from_utf8(&bytes)
        .ok()
        .with_context(|| format!("{} does not name a generation", path.display()))?;
    let mut names = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let valid = |name: &str| is_generation_name(name) || is_legacy_name(name);
    let live = match names.next() {
        Some(name) if valid(name) => name.to_string(),
        _ => bail!("{} does not name a generation", path.display()),
    };
    let previous = names.next().filter(|n| valid(n)).map(str::to_string);
    Ok(Some(Current { live, previous }))
}

/// Makes `generation` the live index: writes `CURRENT.tmp` (the new name, then the one it
/// replaces), syncs it, renames it over `CURRENT` (atomic on POSIX file systems) and syncs the
/// folder, so that the rename itself survives a power cut.
pub(super) fn publish(index_dir: &Path, generation: &str, replaced: Option<&str>) -> Result<()> {
    let mut text = format!("{generation}\n");
    if let Some(replaced) = replaced.filter(|r| *r != generation) {
        text.push_str(replaced);
        text.push('\n');
    }
    let tmp = index_dir.join(CURRENT_TMP);
    write_synced(&tmp, text.as_bytes())?;
    let current = index_dir.join(CURRENT);
    std::fs::rename(&tmp, &current)
        .with_context(|| format!("cannot update {}", current.display()))?;
    sync_dir(index_dir)
}

/// Creates a new, marked generation folder and returns its name.
pub(super) fn new_generation(index_dir: &Path) -> Result<String> {
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    let base = format!("{GEN_PREFIX}{stamp}-{}", std::process::id());
    for n in 0.. {
        let name = if n == 0 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        let dir = index_dir.join(&name);
        match std::fs::create_dir(&dir) {
            Ok(()) => {
                write_synced(&dir.join(GEN_MARK), gen_mark_text(&name).as_bytes())?;
                return Ok(name);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e).with_context(|| format!("cannot create {}", dir.display())),
        }
    }
    unreachable!("some name is free")
}

/// Whether `dir` holds the mark of the generation `name`.
fn is_marked(dir: &Path, name: &str) -> bool {
    let mark = dir.join(GEN_MARK);
    std::fs::symlink_metadata(&mark).is_ok_and(|m| m.is_file())
        && read_small(&mark, CURRENT_LIMIT).is_ok_and(|text| text == gen_mark_text(name).as_bytes())
}

/// Removes the generations of ressearch in `index_dir` other than those in `keep`: marked
/// generation folders, and empty folders of a generation name. Nothing else is touched, whatever
/// its name. Generations that cannot be removed are reported in `notes`.
pub(super) fn remove_generations(index_dir: &Path, keep: &[String], notes: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(index_dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !is_generation_name(name) || keep.iter().any(|k| k == name) {
            continue;
        }
        let path = entry.path();
        // A link or a file bearing a generation name is not a generation.
        if !std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir()) {
            continue;
        }
        if is_marked(&path, name) {
            if let Err(e) = remove_generation(&path) {
                notes.push(format!(
                    "cannot remove the old generation {}: {e}",
                    path.display()
                ));
            }
        } else {
            // Empty: created by a build killed before it could mark it. Else not ours.
            let _ = std::fs::remove_dir(&path);
        }
    }
}

/// Removes the generation folder `dir` of this build or an earlier one, its mark last: a
/// build killed while removing it leaves a marked folder, which the next build removes, not
/// an unmarked one it must leave alone (and which could keep the disk full for good).
pub(super) fn remove_generation(dir: &Path) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name() == GEN_MARK {
            continue;
        }
        match entry.file_type()?.is_dir() {
            true => std::fs::remove_dir_all(entry.path())?,
            false => std::fs::remove_file(entry.path())?,
        }
    }
    match std::fs::remove_file(dir.join(GEN_MARK)) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    std::fs::remove_dir(dir)
}

/// Reads a small regular file whole, refusing anything else: a named pipe (which would block),
/// a device, or a file that yields more than `limit` bytes, whatever size it reports.
pub(super) fn read_small(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let not_regular = || io::Error::new(io::ErrorKind::InvalidData, "not a regular file");
    if !std::fs::metadata(path)?.is_file() {
        return Err(not_regular());
    }
    let file = std::fs::File::open(path)?;
    if !file.metadata()?.is_file() {
        return Err(not_regular());
    }
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("larger than {limit} bytes"),
        ));
    }
    Ok(bytes)
}

/// Writes a file and syncs it to disk; an error names the file.
pub(super) fn write_synced(path: &Path, bytes: &[u8]) -> Result<()> {
    let write = || -> io::Result<()> {
        let mut file = std::fs::File::create(path)?;
        file.write_all(bytes)?;
        file.sync_all()
    };
    write().with_context(|| format!("cannot write {}", path.display()))
}

/// Syncs a folder, so that the entries just created or renamed in it are on disk.
pub(super) fn sync_dir(dir: &Path) -> Result<()> {
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .with_context(|| format!("cannot sync the folder {}", dir.display()))
}

/// Gives every file of a generation the permissions of `reference`, a file written with the
/// user's umask: Tantivy writes some files (`meta.json`, `.managed.json`) readable by their
/// owner only, which would keep other users from querying an index made to be shared.
#[cfg(unix)]
pub(super) fn match_permissions(dir: &Path, reference: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(reference)
        .with_context(|| format!("cannot read {}", reference.display()))?
        .permissions()
        .mode()
        & 0o777;
    let entries =
        std::fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))?;
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot list {}", dir.display()))?;
        let meta = entry.metadata()?;
        if meta.is_file() && meta.permissions().mode() & 0o777 != mode {
            std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(mode))
                .with_context(|| {
                    format!("cannot set the permissions of {}", entry.path().display())
                })?;
        }
    }
    Ok(())
}

#[cfg(not(unix))]
pub(super) fn match_permissions(_dir: &Path, _reference: &Path) -> Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_of_our_pattern_are_generation_names() {
        assert!(is_generation_name("ressearch-gen-1795970142771-16638"));
        assert!(is_generation_name("ressearch-gen-1795970142771-16638-2"));
        for name in [
            "gen-2024",
            "ressearch-gen-",
            "ressearch-gen-x",
            "ressearch-gen-1/..",
            "notes",
        ] {
            assert!(!is_generation_name(name), "{name}");
        }
    }

    #[test]
    fn unmarked_folders_of_a_generation_name_are_left_alone_unless_empty() {
        let dir = tempfile::tempdir().unwrap();
        let ours = new_generation(dir.path()).unwrap();
        let user = dir.path().join("ressearch-gen-1-1");
        std::fs::create_dir(&user).unwrap();
        std::fs::write(user.join("notes.txt"), "mine").unwrap();
        let forged = dir.path().join("ressearch-gen-2-2");
        std::fs::create_dir(&forged).unwrap();
        std::fs::write(forged.join(GEN_MARK), gen_mark_text("ressearch-gen-9-9")).unwrap();
        let empty = dir.path().join("ressearch-gen-3-3");
        std::fs::create_dir(&empty).unwrap();
        std::fs::create_dir(dir.path().join("gen-2024")).unwrap();
        let mut notes = Vec::new();
        remove_generations(dir.path(), &[], &mut notes);
        assert!(notes.is_empty(), "{notes:?}");
        assert!(!dir.path().join(ours).exists());
        assert!(!empty.exists());
        assert!(user.join("notes.txt").exists());
        assert!(forged.exists());
        assert!(dir.path().join("gen-2024").exists());
    }

    #[test]
    fn a_generation_is_removed_whole_and_one_half_removed_with_its_mark_goes_next_time() {
        let dir = tempfile::tempdir().unwrap();
        let name = new_generation(dir.path()).unwrap();
        let generation = dir.path().join(&name);
        std::fs::write(generation.join("a.idx"), "postings").unwrap();
        std::fs::create_dir(generation.join("sub")).unwrap();
        std::fs::write(generation.join("sub").join("b"), "b").unwrap();
        remove_generation(&generation).unwrap();
        assert!(!generation.exists());

        // What a build killed while removing its generation leaves: some files and the mark,
        // which the next build's clean-up recognises.
        let name = new_generation(dir.path()).unwrap();
        let generation = dir.path().join(&name);
        std::fs::write(generation.join("c.store"), "stored").unwrap();
        let mut notes = Vec::new();
        remove_generations(dir.path(), &[], &mut notes);
        assert!(notes.is_empty(), "{notes:?}");
        assert!(!generation.exists());
    }

    #[test]
    fn current_must_be_a_small_regular_file_naming_a_generation() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read_current(dir.path()).unwrap(), None);
        std::fs::write(dir.path().join(CURRENT), "../../etc\n").unwrap();
        assert!(read_current(dir.path()).is_err());
        std::fs::write(dir.path().join(CURRENT), "x".repeat(10_000)).unwrap();
        assert!(read_current(dir.path()).is_err());
        std::fs::remove_file(dir.path().join(CURRENT)).unwrap();
        std::os::unix::fs::symlink("/dev/zero", dir.path().join(CURRENT)).unwrap();
        let err = read_current(dir.path()).unwrap_err().to_string();
        assert!(err.contains("not a regular file"), "{err}");
        std::fs::remove_file(dir.path().join(CURRENT)).unwrap();
        publish(dir.path(), "ressearch-gen-2-1", Some("ressearch-gen-1-1")).unwrap();
        assert_eq!(
            read_current(dir.path()).unwrap(),
            Some(Current {
                live: "ressearch-gen-2-1".into(),
                previous: Some("ressearch-gen-1-1".into())
            })
        );
    }
}
