//! Reading a corpus: finding resolution files under folders, decoding them, segmenting them all.
//!
//! A corpus is whatever folders the user points at: downloads, mixed encodings, half-written
//! files. Every `.txt` and `.pdf` file below them (or a file named directly) is a candidate;
//! other files (`.md`, hidden files) are counted as ignored. A file that cannot be read, decoded
//! or segmented is skipped with its reason, never losing the rest. Text that is not UTF-8 is
//! decoded (UTF-16 with a byte-order mark, else Windows-1252) with a warning; a PDF is read by
//! its layout ([`crate::pdf`]).
//!
//! [`read_text`] is the one reader of resolution files, for every command: regular files only,
//! a size limit on the bytes actually read, encodings, and the format of the file (a text or a
//! PDF, the arms of [`extract`]). [`segment()`] segments what it read, a panic in the
//! segmenter costing that one file only.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use rayon::prelude::*;

use crate::model::Resolution;
use crate::progress::Progress;
use crate::segment;

/// Files larger than this are not resolutions (the longest real ones are under 1 MB).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A file left out of the index, and why.
#[derive(Debug, Clone)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: String,
}

/// The candidate files under some paths.
#[derive(Debug, Default)]
pub struct Listing {
    /// Resolution candidates, sorted, each file once: two paths to one file (a symbolic link,
    /// `./x.txt` beside `x.txt`, a file given beside its folder) are listed once, by the first.
    pub files: Vec<PathBuf>,
    /// Files passed over because they are neither texts nor PDFs.
    pub ignored: usize,
    /// Paths that name a file already listed, each with the listed path it names.
    pub duplicates: Vec<(PathBuf, PathBuf)>,
    /// Folders that could not be listed (permissions, a path too long for the system), with
    /// the reason: what they hold is not indexed, and the user is told.
    pub unreadable: Vec<Skipped>,
    /// The canonical form of each path given.
    pub roots: Vec<PathBuf>,
}

/// Whether a file found in a folder is a candidate resolution text or PDF.
fn is_candidate(path: &Path) -> bool {
    !is_hidden(path)
        && path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("pdf"))
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.as_encoded_bytes().starts_with(b"."))
}

/// Walks `paths` recursively. A path that does not exist is an error naming it; folders are
/// visited once each (by their canonical path), so symbolic link loops end, and at any depth
/// (the walk keeps its own stack). A `.txt` or `.pdf` entry that cannot be examined (a dangling
/// link, a link loop) is listed anyway, so that reading it reports why it was skipped; a folder
/// that cannot be listed is reported in [`Listing::unreadable`]. Files are identified by their
/// canonical path: each is listed once however many paths lead to it.
pub fn list_files(paths: &[PathBuf]) -> Result<Listing> {
    let mut listing = Listing::default();
    let mut found = Vec::new();
    let mut seen_dirs = HashSet::new();
    for path in paths {
        let meta = match std::fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) => bail!(
                "{}: {e}; give a folder or file of resolution texts",
                path.display()
            ),
        };
        listing
            .roots
            .push(std::fs::canonicalize(path).unwrap_or_else(|_| path.clone()));
        if meta.is_dir() {
            walk(path, &meta, &mut found, &mut listing, &mut seen_dirs);
        } else {
            found.push(path.clone());
        }
    }
    found.sort();
    found.dedup();
    // One file, one entry: the first path (in sorted order) that leads to it is kept.
    let mut first_path: HashMap<PathBuf, usize> = HashMap::with_capacity(found.len());
    for path in found {
        let canonical = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        match first_path.get(&canonical) {
            Some(&i) => listing.duplicates.push((path, listing.files[i].clone())),
            None => {
                first_path.insert(canonical, listing.files.len());
                listing.files.push(path);
            }
        }
    }
    Ok(listing)
}

/// Depth-first walk with an explicit stack: deeply nested folders cannot overflow the call
/// stack. A folder is recognised by its device and inode numbers, which its parent's listing
/// gives at the cost of one look-up relative to the parent (canonicalizing every folder's path
/// would cost time in proportion to its depth, so the square of the depth over a deep tree).
fn walk(
    root: &Path,
    root_meta: &std::fs::Metadata,
    found: &mut Vec<PathBuf>,
    listing: &mut Listing,
    seen_dirs: &mut HashSet<DirId>,
) {
    let mut stack = vec![(root.to_path_buf(), dir_id(root_meta, root))];
    while let Some((dir, id)) = stack.pop() {
        if !seen_dirs.insert(id) {
            continue;
        }
        let unreadable = |e: std::io::Error| Skipped {
            path: dir.clone(),
            reason: format!("cannot list the folder: {e}; its files are not indexed"),
        };
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) => {
                listing.unreadable.push(unreadable(e));
                continue;
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    listing.unreadable.push(unreadable(e));
                    break;
                }
            };
            let path = entry.path();
            // The entry's own type and metadata need no look-up by path (which fails past the
            // system's path length limit); a symbolic link is followed to see what it names.
            let meta = match entry.file_type() {
                Ok(t) if t.is_symlink() => std::fs::metadata(&path).ok(),
                _ => entry.metadata().ok(),
            };
            if let Some(meta) = meta.filter(|m| m.is_dir()) {
                if !is_hidden(&path) {
                    let id = dir_id(&meta, &path);
                    stack.push((path, id));
                }
            } else if is_candidate(&path) {
                found.push(path);
            } else {
                listing.ignored += 1;
            }
        }
    }
}

/// What tells two folders apart: device and inode numbers where the system has them.
#[cfg(unix)]
type DirId = (u64, u64);
#[cfg(not(unix))]
type DirId = PathBuf;

#[cfg(unix)]
fn dir_id(meta: &std::fs::Metadata, _path: &Path) -> DirId {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn dir_id(_meta: &std::fs::Metadata, path: &Path) -> DirId {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// A file's bytes as text: UTF-8 (a byte-order mark dropped), UTF-16 with a byte-order mark, or
/// else Windows-1252, which also covers Latin-1. Returns the text and a warning when it was
/// not UTF-8. Binary data is an error.
pub fn decode(bytes: &[u8]) -> Result<(String, Option<String>), String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return decode(rest);
    }
    let utf16 = match bytes {
        [0xFF, 0xFE, rest @ ..] => Some((rest, true)),
        [0xFE, 0xFF, rest @ ..] => Some((rest, false)),
        _ => None,
    };
    if let Some((rest, little_endian)) = utf16 {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|p| {
                if little_endian {
                    u16::from_le_bytes([p[0], p[1]])
                } else {
                    u16::from_be_bytes([p[0], p[1]])
                }
            })
            .collect();
        let text = String::from_utf16(&units).map_err(|_| "invalid UTF-16 text".to_string())?;
        return Ok((text, Some("decoded from UTF-16".to_string())));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        if text.contains('\0') {
            return Err("binary file, not a resolution text".to_string());
        }
        return Ok((text.to_string(), None));
    }
    let controls = bytes
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    if bytes.contains(&0) || controls * 100 > bytes.len() {
        return Err("binary file, not a resolution text".to_string());
    }
    let text = bytes.iter().map(|&b| windows_1252(b)).collect();
    Ok((
        text,
        Some("not UTF-8; decoded as Windows-1252 (Latin-1)".to_string()),
    ))
}

/// One byte of Windows-1252 as a character.
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// A file's content fingerprint, to tell changed files from unchanged ones: XXH3, 64 bits,
/// which hashes at memory speed (every file of the corpus is fingerprinted on each update).
/// Recorded in the index's `files.json`: changing it changes [`crate::index::SCHEMA_VERSION`].
pub fn fingerprint(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// The name under which a file is remembered in the index (in `files.json` and in each
/// clause's `file` field): the exact bytes of its canonical path, so that `corpus/x.txt`,
/// `./corpus/x.txt` and a link to it are one file, and two names that differ only in bytes
/// that are not UTF-8 are two. Where the path is UTF-8 the key is the path itself; each byte
/// that is not is written as a NUL character and two hexadecimal digits. No path holds a NUL,
/// so no two paths share a key, and [`key_path`] gives the path back.
pub fn file_key(path: &Path) -> String {
    let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    path_key(&canonical)
}

/// The key of a path taken as it is (see [`file_key`]).
pub fn path_key(path: &Path) -> String {
    use std::fmt::Write;
    let bytes = os_bytes(path);
    let mut key = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        key.push_str(chunk.valid());
        for byte in chunk.invalid() {
            let _ = write!(key, "\0{byte:02x}");
        }
    }
    key
}

/// The path a key names (the inverse of [`path_key`]).
pub fn key_path(key: &str) -> PathBuf {
    let mut bytes = Vec::with_capacity(key.len());
    let mut rest = key.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        let hex = if b == 0 { tail.get(..2) } else { None };
        let escaped = hex
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                bytes.push(byte);
                rest = &tail[2..];
            }
            None => {
                bytes.push(b);
                rest = tail;
            }
        }
    }
    path_of_bytes(bytes)
}

/// A key for people: each byte that is not UTF-8 shown as `\xe9`.
pub fn key_display(key: &str) -> String {
    if !key.contains('\0') {
        return key.to_string();
    }
    let mut out = String::with_capacity(key.len() + 8);
    let mut chars = key.chars();
    while let Some(c) = chars.next() {
        if c == '\0' {
            out.push_str("\\x");
            out.extend(chars.by_ref().take(2));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(unix)]
fn os_bytes(path: &Path) -> std::borrow::Cow<'_, [u8]> {
    use std::os::unix::ffi::OsStrExt;
    std::borrow::Cow::Borrowed(path.as_os_str().as_bytes())
}

#[cfg(not(unix))]
fn os_bytes(path: &Path) -> std::borrow::Cow<'_, [u8]> {
    // Elsewhere a path that is not Unicode has no byte form to keep: its lossy form is used.
    match path.to_string_lossy() {
        std::borrow::Cow::Borrowed(s) => std::borrow::Cow::Borrowed(s.as_bytes()),
        std::borrow::Cow::Owned(s) => std::borrow::Cow::Owned(s.into_bytes()),
    }
}

#[cfg(unix)]
fn path_of_bytes(bytes: Vec<u8>) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    PathBuf::from(std::ffi::OsString::from_vec(bytes))
}

#[cfg(not(unix))]
fn path_of_bytes(bytes: Vec<u8>) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())
}

/// What a resolution file holds, ready to be segmented: its text and what the reader had to say
/// about it (an encoding guessed, for instance).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub text: String,
    /// Remarks to pass on to the user, each one sentence; empty for a plain UTF-8 text.
    pub warnings: Vec<String>,
}

/// The kinds of file a resolution comes in, told by name and by content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Pdf,
}

/// Whether a file is named as a PDF: `.pdf` in any case.
pub fn is_pdf(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
}

fn format_of(path: &Path, bytes: &[u8]) -> Format {
    if is_pdf(path) || bytes.starts_with(b"%PDF-") {
        Format::Pdf
    } else {
        Format::Text
    }
}

/// The one reader of resolution files, for every command (`segment`, `index`, `synth`): the
/// file's bytes ([`read_file`]) turned into text ([`extract`]). Errors are the reason, one
/// sentence without the path (the caller names the file).
pub fn read_text(path: &Path) -> Result<Text, String> {
    let bytes = read_file(path)?;
    extract(path, &bytes)
}

/// A file's bytes, when it is a regular file of at most [`MAX_FILE_BYTES`]. The limit holds for
/// the bytes actually read, not for the size the file system reports (a link to
/// `/proc/self/pagemap` reports 0 bytes and never ends); a named pipe or a device is refused
/// before it is opened, so nothing waits on it.
pub fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let too_large = |size: u64| {
        format!(
            "{} MB is larger than any resolution (limit {} MB); split it or leave it out",
            size / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        )
    };
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => return Err(not_regular(&meta)),
        Ok(meta) if meta.len() > MAX_FILE_BYTES => return Err(too_large(meta.len())),
        Ok(_) => {}
        Err(e) => return Err(format!("cannot read: {e}")),
    }
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    // The file may have been replaced since: check what was opened.
    let expected = match file.metadata() {
        Ok(meta) if !meta.is_file() => return Err(not_regular(&meta)),
        Ok(meta) => meta.len().min(MAX_FILE_BYTES),
        Err(e) => return Err(format!("cannot read: {e}")),
    };
    // Read in chunks of a fixed size (a multiple of 8: some kernel files accept no other
    // reads), stopping as soon as the limit is passed.
    let mut bytes = Vec::with_capacity(usize::try_from(expected).unwrap_or(0));
    let mut chunk = vec![0u8; 256 * 1024];
    let mut file = file;
    loop {
        match file.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => bytes.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(format!("cannot read: {e}")),
        }
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(format!(
                "more than {} MB read, larger than any resolution; split it or leave it out",
                MAX_FILE_BYTES / (1024 * 1024)
            ));
        }
    }
    Ok(bytes)
}

fn not_regular(meta: &std::fs::Metadata) -> String {
    let kind = if meta.is_dir() {
        "a folder"
    } else {
        "a named pipe, socket or device"
    };
    format!("not a regular file ({kind}); give a resolution text file")
}

/// The text of a file's bytes, by its format: a text in UTF-8, UTF-16 or Windows-1252 (see
/// [`decode`]), or a PDF read by its layout ([`crate::pdf::extract_text`]).
pub fn extract(path: &Path, bytes: &[u8]) -> Result<Text, String> {
    match format_of(path, bytes) {
        Format::Pdf => {
            let extracted = crate::pdf::extract_text(bytes).map_err(|e| e.to_string())?;
            Ok(Text {
                text: extracted.text,
                warnings: extracted.warnings,
            })
        }
        Format::Text => {
            let (text, warning) = decode(bytes)?;
            Ok(Text {
                text,
                warnings: warning.into_iter().collect(),
            })
        }
    }
}

/// Segments a text read from `path` (its file stem is the symbol of last resort). A panic in
/// the segmenter is caught and becomes the reason, so one bad file is skipped and never stops a
/// build: the segmenter is tested against arbitrary input, but a bug must cost one file only.
pub fn segment(path: &Path, text: &str) -> Result<Resolution, String> {
    let name = path.file_stem().and_then(|s| s.to_str());
    let outcome = catch_quietly(|| {
        failpoint(path);
        segment::segment_text(text, name)
    });
    match outcome {
        Ok(Ok(resolution)) => Ok(resolution),
        Ok(Err(e)) => Err(format!("{e:#}")),
        Err(message) => Err(format!(
            "the segmenter failed on this file (internal error: {message}); the file was skipped, please report it with the file"
        )),
    }
}

/// Under debug assertions (the test builds) only: a panic in the segmenter on the file named by
/// `RESSEARCH_TEST_PANIC_ON`, so that the tests can check that a panic costs one file only.
fn failpoint(path: &Path) {
    #[cfg(debug_assertions)]
    if let Some(name) = std::env::var_os("RESSEARCH_TEST_PANIC_ON")
        && path.file_name() == Some(name.as_os_str())
    {
        panic!("test panic on {}", path.display());
    }
    #[cfg(not(debug_assertions))]
    let _ = path;
}

thread_local! {
    /// Set while [`catch_quietly`] runs: its panics are reported as reasons, not printed.
    static CATCHING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f`, turning a panic into its message; the panic is not printed on standard error
/// (the default hook still prints any other panic). Used wherever a bug or hostile data must
/// cost one file or one query, not the process: the segmenter here, the PDF reader, and
/// Tantivy, which trusts the bytes of its files and may index out of bounds on a damaged one
/// (the release profiles unwind on panic).
pub(crate) fn catch_quietly<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !CATCHING.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    let was = CATCHING.with(|c| c.replace(true));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    CATCHING.with(|c| c.set(was));
    outcome.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".to_string())
    })
}

/// What became of one file.
#[derive(Debug)]
pub enum FileOutcome {
    /// Same content as when last indexed: nothing to do.
    Unchanged { key: String, hash: u64 },
    /// Segmented, possibly with a warning (its encoding).
    Segmented {
        key: String,
        hash: u64,
        resolution: Resolution,
        warning: Option<String>,
    },
    /// Could not be read, decoded or segmented.
    Skipped { reason: String },
}

/// Reads, fingerprints and segments one file, unless `known` says it is unchanged.
fn process(path: &Path, known: &HashMap<String, u64>) -> FileOutcome {
    let skipped = |reason: String| FileOutcome::Skipped { reason };
    let bytes = match read_file(path) {
        Ok(bytes) => bytes,
        Err(reason) => return skipped(reason),
    };
    let key = file_key(path);
    let hash = fingerprint(&bytes);
    if known.get(&key) == Some(&hash) {
        return FileOutcome::Unchanged { key, hash };
    }
    let Text { text, warnings } = match extract(path, &bytes) {
        Ok(text) => text,
        Err(reason) => return skipped(reason),
    };
    match segment(path, &text) {
        Ok(resolution) => FileOutcome::Segmented {
            key,
            hash,
            resolution,
            warning: (!warnings.is_empty()).then(|| warnings.join("; ")),
        },
        Err(reason) => skipped(reason),
    }
}

/// Processes every file, in parallel on the available cores (rayon's work stealing evens out
/// files of very different sizes), keeping the input order. Files whose canonical path and
/// fingerprint are in `known` are not segmented again.
/// Shows a progress bar when the command line asked for bars and this takes a while.
pub fn process_all(files: &[PathBuf], known: &HashMap<String, u64>) -> Vec<(PathBuf, FileOutcome)> {
    let progress = Progress::new(files.len() as u64, "reading files");
    files
        .par_iter()
        .map(|path| {
            let outcome = process(path, known);
            progress.inc(1);
            (path.clone(), outcome)
        })
        .collect()
}

/// Processes every file as [`process_all`] does, `batch` files at a time (each batch in
/// parallel), handing the outcomes to `each` in input order before the next batch is read: only
/// one batch of segmented resolutions is held in memory at a time. Stops at `each`'s first
/// error.
pub fn process_in_batches<E>(
    files: &[PathBuf],
    known: &HashMap<String, u64>,
    batch: usize,
    mut each: impl FnMut(PathBuf, FileOutcome) -> Result<(), E>,
) -> Result<(), E> {
    let progress = Progress::new(files.len() as u64, "reading files");
    for chunk in files.chunks(batch.max(1)) {
        let outcomes: Vec<(PathBuf, FileOutcome)> = chunk
            .par_iter()
            .map(|path| {
                let outcome = process(path, known);
                progress.inc(1);
                (path.clone(), outcome)
            })
            .collect();
        for (path, outcome) in outcomes {
            each(path, outcome)?;
        }
    }
    Ok(())
}

/// Segments every file (decoding as [`decode`] does), in parallel, keeping the input order.
pub fn segment_all(files: &[PathBuf]) -> Vec<(PathBuf, Result<Resolution, String>)> {
    process_all(files, &HashMap::new())
        .into_iter()
        .map(|(path, outcome)| {
            let result = match outcome {
                FileOutcome::Segmented { resolution, .. } => Ok(resolution),
                FileOutcome::Skipped { reason } => Err(reason),
                FileOutcome::Unchanged { .. } => unreachable!("nothing is known"),
            };
            (path, result)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_and_windows_1252_are_decoded_with_a_warning() {
        let (text, warning) = decode(b"L\xe9gislation \x93cit\xe9e\x94 \x80").unwrap();
        assert_eq!(text, "Législation “citée” €");
        assert!(warning.unwrap().contains("Windows-1252"));
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Résolution".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        assert_eq!(decode(&bytes).unwrap().0, "Résolution");
        let mut be = vec![0xFE, 0xFF];
        for unit in "Résolution".encode_utf16() {
            be.extend(unit.to_be_bytes());
        }
        assert_eq!(decode(&be).unwrap().0, "Résolution");
    }

    #[test]
    fn binary_data_is_refused_and_utf8_passes_untouched() {
        assert!(decode(&[0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0xff]).is_err());
        assert_eq!(
            decode("Conseil de sécurité".as_bytes()).unwrap(),
            ("Conseil de sécurité".to_string(), None)
        );
        assert_eq!(decode(b"\xEF\xBB\xBFabc").unwrap().0, "abc");
    }

    #[test]
    fn fingerprints_tell_contents_apart() {
        assert_ne!(fingerprint(b"1. Decides"), fingerprint(b"1. Decided"));
        // XXH3-64 with seed 0, the reference value of the empty input: `files.json` holds these.
        assert_eq!(fingerprint(b""), 0x2d06_8005_38d3_94c2);
    }

    #[test]
    fn every_file_is_processed_once_in_input_order() {
        let dir = tempfile::tempdir().unwrap();
        let files: Vec<PathBuf> = (0..50)
            .map(|i| {
                let path = dir.path().join(format!("{i}.txt"));
                std::fs::write(&path, "x".repeat(i)).unwrap();
                path
            })
            .collect();
        let outcomes = process_all(&files, &HashMap::new());
        let paths: Vec<&PathBuf> = outcomes.iter().map(|(p, _)| p).collect();
        assert_eq!(paths, files.iter().collect::<Vec<_>>());
    }
}
