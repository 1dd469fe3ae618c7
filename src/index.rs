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

mod backlog;
mod folder;
mod reader;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use tantivy::indexer::{LogMergePolicy, NoMergePolicy, UserOperation};
use tantivy::schema::Value;
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions,
};
use tantivy::{Index, IndexWriter, TantivyDocument, TantivyError, Term};

use crate::analyzer;
use crate::corpus::{self, FileOutcome, Skipped};
use crate::model::{Language, Resolution};

pub use reader::{Damaged, ReadOnlyDirectory, live_generation, open, read_guarded};

/// Bumped whenever the schema, the analysis or what the segmenter produces changes: an index
/// of another version must be rebuilt (an incremental run would otherwise mix clauses of both).
/// Also bumped when [`corpus::fingerprint`] changes, as the fingerprints in `files.json` would
/// then match no file. 4: XXH3 fingerprints instead of FNV-1a. 5: more forms segmented
/// (unnumbered and formula operative paragraphs, adopted texts, stray markers). 6: `position`,
/// `wording`, `cites_base`, `extra`; cites with parts, addenda and other organs' series. 7:
/// files remembered by the exact bytes of their path ([`corpus::file_key`]), with their symbol
/// and language.
/// 8: adoption day, exact forms, hyphenated words also joined, mined acronyms. 9: word pairs
/// (`pairs_fr`, `pairs_en`) for phrases.
pub const SCHEMA_VERSION: u32 = 9;

const META: &str = "ressearch.json";
/// The indexed files, apart from [`META`]: a query reads only the small [`META`].
const FILES: &str = "files.json";

/// The fields of a clause document.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub symbol: Field,
    pub body: Field,
    pub session: Field,
    pub title: Field,
    pub adopted: Field,
    pub lang: Field,
    pub kind: Field,
    pub number: Field,
    pub section: Field,
    pub opening: Field,
    pub opening_fr: Field,
    pub opening_en: Field,
    pub text: Field,
    pub text_fr: Field,
    pub text_en: Field,
    pub cites: Field,
    pub footnotes: Field,
    pub file: Field,
    /// The adoption date as the number YYYYMMDD (fast, for date filters and sorting).
    pub day: Field,
    /// The words of the text unstemmed (lower-cased, folded), per language.
    pub exact_fr: Field,
    pub exact_en: Field,
    /// The clause's place in its resolution, 0 for the first (fast): document order.
    pub position: Field,
    /// The fingerprint of the clause's words ([`crate::trace::wording::fingerprint`]), equal for
    /// identical wordings (indexed and fast).
    pub wording: Field,
    /// The documents the cited ones belong to ([`crate::cite::base_symbols`]): `S/10896` for a
    /// cited `S/10896/Corr.1` (indexed only).
    pub cites_base: Field,
    /// What `segment --json` holds and no other field does (the meeting, …), as JSON (stored).
    pub extra: Field,
    /// The pairs of nearby terms of the text, per language ([`analyzer::pairs_analyzer`]):
    /// what a phrase is looked up by.
    pub pairs_fr: Field,
    pub pairs_en: Field,
}

impl Fields {
    /// The indexed text field for a language.
    pub fn text_of(&self, lang: Language) -> Field {
        match lang {
            Language::Fr => self.text_fr,
            Language::En => self.text_en,
        }
    }

    /// The field of a language's unstemmed words.
    pub fn exact_of(&self, lang: Language) -> Field {
        match lang {
            Language::Fr => self.exact_fr,
            Language::En => self.exact_en,
        }
    }

    /// The field of a language's word pairs.
    pub fn pairs_of(&self, lang: Language) -> Field {
        match lang {
            Language::Fr => self.pairs_fr,
            Language::En => self.pairs_en,
        }
    }

    fn opening_of(&self, lang: Language) -> Field {
        match lang {
            Language::Fr => self.opening_fr,
            Language::En => self.opening_en,
        }
    }

    /// Looks the fields up in an index's schema.
    pub fn of(schema: &Schema) -> Result<Fields> {
        let f = |name: &str| {
            schema.get_field(name).with_context(|| {
                format!(
                    "the index has no field {name:?}; rebuild it with `ressearch index --rebuild`"
                )
            })
        };
        Ok(Fields {
            symbol: f("symbol")?,
            body: f("body")?,
            session: f("session")?,
            title: f("title")?,
            adopted: f("adopted")?,
            lang: f("lang")?,
            kind: f("type")?,
            number: f("number")?,
            section: f("section")?,
            opening: f("opening")?,
            opening_fr: f("opening_fr")?,
            opening_en: f("opening_en")?,
            text: f("text")?,
            text_fr: f("text_fr")?,
            text_en: f("text_en")?,
            cites: f("cites")?,
            footnotes: f("footnotes")?,
            file: f("file")?,
            day: f("day")?,
            exact_fr: f("exact_fr")?,
            exact_en: f("exact_en")?,
            position: f("position")?,
            wording: f("wording")?,
            cites_base: f("cites_base")?,
            extra: f("extra")?,
            pairs_fr: f("pairs_fr")?,
            pairs_en: f("pairs_en")?,
        })
    }
}

/// The schema of a clause document.
pub fn schema() -> Schema {
    let mut builder = Schema::builder();
    let analyzed = |tokenizer: &str, positions: bool| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(if positions {
                    IndexRecordOption::WithFreqsAndPositions
                } else {
                    IndexRecordOption::WithFreqs
                }),
        )
    };
    // Filter fields keep term frequencies (always 1): a conjunction of words and filters is
    // then all frequency-reading term queries, which Tantivy prunes with block-max WAND.
    let filter = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("raw")
                .set_index_option(IndexRecordOption::WithFreqs),
        )
        .set_stored();
    builder.add_text_field("symbol", filter.clone());
    builder.add_text_field("body", filter.clone());
    builder.add_u64_field(
        "session",
        NumericOptions::default()
            .set_indexed()
            .set_stored()
            .set_fast(),
    );
    builder.add_text_field("title", STORED);
    builder.add_text_field("adopted", STRING | STORED);
    builder.add_text_field("lang", filter.clone());
    builder.add_text_field("type", filter);
    builder.add_u64_field("number", NumericOptions::default().set_stored());
    builder.add_text_field("section", STRING | STORED);
    builder.add_text_field("opening", STORED);
    builder.add_text_field(
        "opening_fr",
        analyzed(analyzer::tokenizer_name(Language::Fr), false),
    );
    builder.add_text_field(
        "opening_en",
        analyzed(analyzer::tokenizer_name(Language::En), false),
    );
    builder.add_text_field("text", STORED);
    builder.add_text_field(
        "text_fr",
        analyzed(analyzer::tokenizer_name(Language::Fr), true),
    );
    builder.add_text_field(
        "text_en",
        analyzed(analyzer::tokenizer_name(Language::En), true),
    );
    builder.add_text_field(
        "cites",
        analyzed(analyzer::SYMBOL_TOKENIZER, false).set_stored(),
    );
    builder.add_text_field("footnotes", STORED);
    builder.add_text_field("file", STRING | STORED);
    builder.add_u64_field("day", NumericOptions::default().set_indexed().set_fast());
    builder.add_text_field(
        "exact_fr",
        analyzed(analyzer::exact_tokenizer_name(Language::Fr), false),
    );
    builder.add_text_field(
        "exact_en",
        analyzed(analyzer::exact_tokenizer_name(Language::En), false),
    );
    builder.add_u64_field(
        "position",
        NumericOptions::default().set_stored().set_fast(),
    );
    builder.add_u64_field(
        "wording",
        NumericOptions::default().set_indexed().set_fast(),
    );
    builder.add_text_field("cites_base", analyzed(analyzer::SYMBOL_TOKENIZER, false));
    builder.add_text_field("extra", STORED);
    for lang in [Language::Fr, Language::En] {
        builder.add_text_field(
            &format!("pairs_{}", lang.code()),
            analyzed(analyzer::pairs_tokenizer_name(lang), false),
        );
    }
    builder.build()
}

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
        let _ = std::fs::remove_dir_all(&gen_dir);
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
        let _ = std::fs::remove_dir_all(&gen_dir);
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

/// The live generation of an earlier build, when its format is this one and its list of
/// files agrees with its index.
struct Previous {
    dir: PathBuf,
    meta: Meta,
}

/// Loads the live generation `name` for reuse, or says in `notes` why it cannot be reused.
fn previous_generation(index_dir: &Path, name: &str, notes: &mut Vec<String>) -> Option<Previous> {
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

/// Whether an error while updating the previous index comes from that index's data (then a
/// full build may succeed) rather than from the machine (a full disk, permissions).
fn looks_damaged(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<Panicked>().is_some()
            || matches!(
                c.downcast_ref::<TantivyError>(),
                Some(
                    TantivyError::DataCorruption(_)
                        | TantivyError::IncompatibleIndex(_)
                        | TantivyError::OpenReadError(_)
                        | TantivyError::SchemaError(_)
                )
            )
    })
}

/// A panic caught while writing a generation.
#[derive(Debug)]
struct Panicked(String);

impl std::fmt::Display for Panicked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Tantivy stopped: {}", self.0)
    }
}

impl std::error::Error for Panicked {}

/// What a build works from.
struct Plan<'a> {
    listing: &'a corpus::Listing,
    /// The previous index, for its list of files (and its segments when updating).
    previous: Option<&'a Previous>,
    prune: bool,
}

/// What writing a generation did.
#[derive(Default)]
struct GenerationReport {
    files: BTreeMap<String, FileEntry>,
    /// Files under the paths given that hold a resolution (indexed, or copies of one).
    found: usize,
    added: usize,
    updated: usize,
    removed: usize,
    unchanged: usize,
    kept_elsewhere: usize,
    pruned: usize,
    incremental: bool,
    skipped: Vec<Skipped>,
    warnings: Vec<Skipped>,
}

/// Creates a generation and writes the index into it. On failure the generation is removed
/// and the error names it.
fn write_in_new_generation(
    index_dir: &Path,
    plan: &Plan,
    reuse: bool,
) -> Result<(String, GenerationReport)> {
    let generation = folder::new_generation(index_dir)?;
    let dir = index_dir.join(&generation);
    let written = match corpus::catch_quietly(|| write_generation(plan, &dir, reuse)) {
        Ok(written) => written,
        Err(panic) => Err(anyhow::Error::new(Panicked(panic))),
    };
    match written {
        Ok(report) => Ok((generation, report)),
        Err(e) => {
            let e = cause_of_killed_writer(e, &dir);
            let _ = std::fs::remove_dir_all(&dir);
            Err(e.context(format!(
                "cannot write the new index in {}; the previous index is unchanged",
                dir.display()
            )))
        }
    }
}

/// Tantivy reports a write error met by one of its indexing threads only as "an index writer
/// was killed", without the cause. The cause, most often a full disk, is found by writing a
/// little more where the index was being written.
fn cause_of_killed_writer(e: anyhow::Error, dir: &Path) -> anyhow::Error {
    let killed = e.chain().any(|c| {
        matches!(
            c.downcast_ref::<TantivyError>(),
            Some(TantivyError::ErrorInThread(_))
        )
    });
    if !killed {
        return e;
    }
    let probe = dir.join("ressearch-write-probe");
    let written = std::fs::File::create(&probe).and_then(|mut file| {
        std::io::Write::write_all(&mut file, &vec![0u8; 1 << 20])?;
        file.sync_all()
    });
    let _ = std::fs::remove_file(&probe);
    match written {
        Err(io) => anyhow::Error::new(io).context(format!(
            "an indexing thread could not write in {}",
            dir.display()
        )),
        Ok(()) => anyhow::anyhow!(
            "an indexing thread stopped on an error that Tantivy does not report (most often a \
             write error in {})",
            dir.display()
        ),
    }
}

/// A file's resolution, found this time or indexed before.
struct Candidate {
    path: PathBuf,
    key: String,
    hash: u64,
    symbol: String,
    lang: String,
    /// Indexed from outside the paths given, and kept.
    elsewhere: bool,
    content: Content,
}

enum Content {
    /// In the previous index, unchanged: its clauses are there already.
    Indexed(FileEntry),
    /// Segmented now, held until it is known whether to index it.
    New(Resolution),
    /// Segmented now and given to the writer at once, the resolution dropped (its clause
    /// count kept): taken back if it turns out not to be indexed.
    Added(usize),
}

/// Writes the new generation at `dir`: with `reuse`, a copy of the previous one (hard links:
/// Tantivy never rewrites a file in place) updated with the changes, else a fresh index.
fn write_generation(plan: &Plan, dir: &Path, reuse: bool) -> Result<GenerationReport> {
    let reused = plan.previous.filter(|_| reuse);
    let index = match reused {
        Some(previous) => {
            link_files(&previous.dir, dir)?;
            Index::open_in_dir(dir)
                .with_context(|| format!("cannot reopen the index copied into {}", dir.display()))?
        }
        None => Index::create_in_dir(dir, schema())
            .with_context(|| format!("cannot create an index in {}", dir.display()))?,
    };
    analyzer::register(&index);
    analyzer::register_for_indexing(&index);
    let mut backlog = backlog::Backlog::register(&index, QUEUED_CLAUSES);
    let fields = Fields::of(&index.schema())?;
    let mut writer: IndexWriter = index.writer(WRITER_MEMORY)?;
    if reused.is_some() {
        // No merge before the segments holding deleted clauses are rewritten (see
        // `rewrite_deleted`): a merge would carry their deletions into its statistics.
        writer.set_merge_policy(Box::new(NoMergePolicy));
    }
    let mut report = GenerationReport {
        incremental: reused.is_some(),
        ..GenerationReport::default()
    };
    let known: HashMap<&str, &FileEntry> = reused
        .map(|p| p.meta.files.iter().map(|(k, e)| (k.as_str(), e)).collect())
        .unwrap_or_default();
    let delete = |writer: &mut IndexWriter, key: &str| {
        writer.delete_term(Term::from_field_text(fields.file, key));
    };

    // Files indexed earlier outside the paths given: kept as they are in an update, read again
    // in a full build, removed with --prune.
    let roots = &plan.listing.roots;
    let mut files = plan.listing.files.clone();
    let mut candidates = Vec::new();
    if let Some(previous) = plan.previous {
        for (key, entry) in &previous.meta.files {
            let path = corpus::key_path(key);
            if roots.iter().any(|root| path.starts_with(root)) {
                continue;
            }
            if plan.prune {
                if known.contains_key(key.as_str()) {
                    delete(&mut writer, key);
                }
                report.pruned += 1;
            } else if reused.is_some() {
                candidates.push(Candidate {
                    path,
                    key: key.clone(),
                    hash: entry.hash,
                    symbol: entry.symbol.clone(),
                    lang: entry.lang.clone(),
                    elsewhere: true,
                    content: Content::Indexed(entry.clone()),
                });
            } else {
                files.push(path);
            }
        }
    }

    let hashes: HashMap<String, u64> = known.iter().map(|(k, e)| (k.to_string(), e.hash)).collect();
    let under_roots = plan.listing.files.len();
    // Resolutions are segmented a batch at a time and given to the writer at once, so that
    // memory holds one batch, not the corpus. The few whose fate depends on files read later
    // wait: PDFs (a text of the same resolution wins) and further copies of a text or file.
    // One given to the writer and then not indexed (a copy indexed before, kept instead) is
    // deleted again, and its segment rewritten below.
    // Tantivy queues up to 10,000 batches (files) of clauses for its indexing threads, and
    // segmentation outruns indexing: hundreds of megabytes of clauses would wait in the queue.
    // The backlog waits instead while too many clauses wait (no commit: see `backlog`).
    // The acronyms of a fresh build are counted as the clauses go by: reading them back from
    // the index would map the whole document store into memory.
    let mut miner = crate::acronyms::Miner::default();
    let mut given: HashSet<String> = HashSet::new();
    let mut given_texts: HashSet<(String, String, u64)> = HashSet::new();
    let mut i = 0;
    corpus::process_in_batches(
        &files,
        &hashes,
        BATCH_FILES,
        |path, outcome| -> Result<()> {
            let elsewhere = i >= under_roots;
            i += 1;
            match outcome {
                FileOutcome::Unchanged { key, hash } => {
                    let entry =
                        known
                            .get(key.as_str())
                            .map(|e| (*e).clone())
                            .with_context(|| {
                                format!("{}: not in the previous index", path.display())
                            })?;
                    candidates.push(Candidate {
                        path,
                        key,
                        hash,
                        symbol: entry.symbol.clone(),
                        lang: entry.lang.clone(),
                        elsewhere,
                        content: Content::Indexed(entry),
                    });
                }
                FileOutcome::Segmented {
                    key,
                    hash,
                    resolution,
                    warning,
                } => {
                    if let Some(warning) = warning {
                        report.warnings.push(Skipped {
                            path: path.clone(),
                            reason: warning,
                        });
                    }
                    let symbol = resolution.symbol.clone();
                    let lang = resolution.language.code().to_string();
                    let first_copy = given_texts.insert((symbol.clone(), lang.clone(), hash));
                    let content =
                        if !corpus::is_pdf(&path) && first_copy && given.insert(key.clone()) {
                            if known.contains_key(key.as_str()) {
                                // Its clauses of the previous index go before the new ones come.
                                delete(&mut writer, &key);
                            }
                            backlog.give(resolution.clauses.len());
                            add_file(&writer, documents(&resolution, &key, &fields))?;
                            resolution.clauses.iter().for_each(|c| miner.add(&c.text));
                            Content::Added(resolution.clauses.len())
                        } else {
                            Content::New(resolution)
                        };
                    candidates.push(Candidate {
                        path,
                        key,
                        hash,
                        symbol,
                        lang,
                        elsewhere,
                        content,
                    });
                }
                FileOutcome::Skipped { reason } => report.skipped.push(Skipped { path, reason }),
            }
            Ok(())
        },
    )?;
    report.found = candidates.iter().filter(|c| !c.elsewhere).count();

    let verdicts = once_per_text(&candidates, &mut report.warnings);
    let mut seen = HashSet::new();
    let mut taken_back = false;
    for (candidate, verdict) in candidates.into_iter().zip(verdicts) {
        let was_indexed = known.contains_key(candidate.key.as_str());
        if !seen.insert(candidate.key.clone()) {
            continue; // one file reached twice: indexed once
        }
        if let Verdict::PdfOfText(text) = &verdict {
            report.skipped.push(Skipped {
                reason: format!(
                    "same resolution as another file: {} ({}) is indexed from {}; leave one of the two out",
                    candidate.symbol,
                    candidate.lang,
                    text.display()
                ),
                path: candidate.path.clone(),
            });
        }
        if !matches!(verdict, Verdict::Index) {
            // A copy of a text indexed from another file, or a PDF of a text: its clauses go
            // if it was indexed before, wherever it is, and if they were given to the writer.
            let added = matches!(candidate.content, Content::Added(_));
            if was_indexed || added {
                delete(&mut writer, &candidate.key);
                taken_back |= added;
            }
            if was_indexed {
                report.removed += 1;
            }
            continue;
        }
        let entry = match candidate.content {
            Content::Indexed(entry) => {
                if candidate.elsewhere {
                    report.kept_elsewhere += 1;
                } else {
                    report.unchanged += 1;
                }
                entry
            }
            Content::New(_) | Content::Added(_) => {
                if was_indexed {
                    report.updated += 1;
                } else if candidate.elsewhere {
                    report.kept_elsewhere += 1;
                } else {
                    report.added += 1;
                }
                let clauses = match candidate.content {
                    Content::New(resolution) => {
                        if was_indexed {
                            delete(&mut writer, &candidate.key);
                        }
                        add_file(&writer, documents(&resolution, &candidate.key, &fields))?;
                        resolution.clauses.iter().for_each(|c| miner.add(&c.text));
                        resolution.clauses.len()
                    }
                    Content::Added(clauses) => clauses,
                    Content::Indexed(_) => unreachable!("matched above"),
                };
                FileEntry {
                    hash: candidate.hash,
                    clauses,
                    symbol: candidate.symbol,
                    lang: candidate.lang,
                }
            }
        };
        report.files.insert(candidate.key, entry);
    }
    // Files indexed before under the paths given, now gone or unreadable: their clauses go.
    for key in known.keys() {
        if !seen.contains(*key) && roots.iter().any(|r| corpus::key_path(key).starts_with(r)) {
            delete(&mut writer, key);
            report.removed += 1;
        }
    }
    if taken_back {
        // As in an update: no merge before the segments holding deleted clauses are rewritten.
        writer.set_merge_policy(Box::new(NoMergePolicy));
    }
    writer.commit()?;
    if reused.is_some() || taken_back {
        rewrite_deleted(&index, &mut writer, &fields)?;
        writer.set_merge_policy(Box::new(LogMergePolicy::default()));
        writer.commit()?;
    }
    writer.wait_merging_threads()?;
    // The acronyms of every clause, old and new, for the thesaurus of queries: read back from
    // the index when it holds clauses of an earlier build or some were taken back.
    if reused.is_some() || taken_back {
        crate::acronyms::write(&index, &fields, dir)?;
    } else {
        crate::acronyms::write_mined(miner.finish(), dir)?;
    }
    Ok(report)
}

/// The memory Tantivy's indexing threads fill before writing a segment, in all. Segments end
/// only when it is full (no commit while building, see [`backlog`]): at 256 MB and two threads,
/// about 200,000 clauses each, so that a million clauses make about six segments and Tantivy's
/// merge policy (eight segments of a size) merges nothing.
const WRITER_MEMORY: usize = 256 * 1024 * 1024;

/// How many clauses may wait for the writer's indexing threads ([`backlog::Backlog`]): a few
/// tens of megabytes, and more than a batch of files gives, so that the threads never starve.
const QUEUED_CLAUSES: usize = 16_000;

/// How many files are segmented at a time while building: enough to keep the cores busy, few
/// enough that their resolutions take little memory (about 7,000 clauses, a few megabytes).
const BATCH_FILES: usize = 256;

/// Adds the clauses of one file as one batch: Tantivy indexes a batch in one thread, so that
/// every clause of a file lands in one segment (and stays so through merges), which
/// [`rewrite_deleted`] relies on.
fn add_file(writer: &IndexWriter, docs: Vec<TantivyDocument>) -> Result<()> {
    writer.run(docs.into_iter().map(UserOperation::Add))?;
    Ok(())
}

/// What becomes of a candidate.
enum Verdict {
    Index,
    /// A copy of a text indexed from another file.
    Copy,
    /// A PDF of a resolution that this text also gives.
    PdfOfText(PathBuf),
}

/// Decides which candidates are indexed: all, but copies of one text (same symbol, language
/// and bytes) once, preferring the copy already indexed, else the first path. Warns once per
/// group of copies, and once per symbol claimed by different texts (all kept). A PDF of a
/// resolution that a text also gives is not indexed (the text is the original or was prepared
/// from the PDF): the first such text is named.
fn once_per_text(candidates: &[Candidate], warnings: &mut Vec<Skipped>) -> Vec<Verdict> {
    let mut verdicts: Vec<Verdict> = candidates.iter().map(|_| Verdict::Index).collect();
    let mut by_symbol: BTreeMap<(&str, &str), Vec<usize>> = BTreeMap::new();
    for (i, c) in candidates.iter().enumerate() {
        by_symbol.entry((&c.symbol, &c.lang)).or_default().push(i);
    }
    for ((symbol, lang), mut members) in by_symbol {
        if members.len() < 2 {
            continue;
        }
        let is_pdf = |i: usize| corpus::is_pdf(&candidates[i].path);
        if let Some(text) = members.iter().copied().find(|&i| !is_pdf(i)) {
            for &i in members.iter().filter(|&&i| is_pdf(i)) {
                verdicts[i] = Verdict::PdfOfText(candidates[text].path.clone());
            }
            members.retain(|&i| !is_pdf(i));
        }
        let mut by_text: BTreeMap<u64, Vec<usize>> = BTreeMap::new();
        for &i in &members {
            by_text.entry(candidates[i].hash).or_default().push(i);
        }
        let mut kept = Vec::new();
        for copies in by_text.values() {
            let keeper = copies
                .iter()
                .copied()
                .find(|&i| matches!(candidates[i].content, Content::Indexed(_)))
                .unwrap_or(copies[0]);
            kept.push(keeper);
            if copies.len() < 2 {
                continue;
            }
            let others: Vec<String> = copies
                .iter()
                .filter(|&&i| i != keeper)
                .map(|&i| candidates[i].path.display().to_string())
                .collect();
            for &i in copies.iter().filter(|&&i| i != keeper) {
                verdicts[i] = Verdict::Copy;
            }
            warnings.push(Skipped {
                path: candidates[keeper].path.clone(),
                reason: format!(
                    "{} other file(s) hold the same text of {symbol} ({lang}), indexed once: {}",
                    others.len(),
                    folder::list_some(&others)
                ),
            });
        }
        if kept.len() > 1 {
            kept.sort_by(|&a, &b| candidates[a].path.cmp(&candidates[b].path));
            let others: Vec<String> = kept[1..]
                .iter()
                .map(|&i| candidates[i].path.display().to_string())
                .collect();
            warnings.push(Skipped {
                path: candidates[kept[0]].path.clone(),
                reason: format!(
                    "{symbol} ({lang}) is also the symbol of {} file(s) with a different text, all indexed: {}",
                    others.len(),
                    folder::list_some(&others)
                ),
            });
        }
    }
    verdicts
}

/// Rewrites every segment that holds deleted clauses: its other clauses are read back from
/// the store, deleted, and indexed again. Deleted documents stay in Tantivy's term statistics
/// (document frequencies, field lengths) until their segment is rewritten, and a Tantivy merge
/// only estimates the field lengths of what it keeps; indexing the clauses again gives the
/// exact statistics of a full build, hence the same scores. Every clause of a file is in one
/// segment ([`add_file`]), so deleting the files of such a segment empties it, and Tantivy
/// drops it at the next commit.
fn rewrite_deleted(index: &Index, writer: &mut IndexWriter, fields: &Fields) -> Result<()> {
    let reader: tantivy::IndexReader = index
        .reader_builder()
        .reload_policy(tantivy::ReloadPolicy::Manual)
        .try_into()?;
    let searcher = reader.searcher();
    let mut files: BTreeMap<String, Vec<TantivyDocument>> = BTreeMap::new();
    for segment in searcher.segment_readers() {
        if !segment.has_deletes() {
            continue;
        }
        let store = segment.get_store_reader(16)?;
        for doc_id in segment.doc_ids_alive() {
            let stored: TantivyDocument = store.get(doc_id)?;
            let (file, doc) = restored(stored, fields).with_context(|| {
                format!(
                    "a clause of segment {} lacks a stored field",
                    segment.segment_id().uuid_string()
                )
            })?;
            files.entry(file).or_default().push(doc);
        }
    }
    for (file, docs) in files {
        writer.delete_term(Term::from_field_text(fields.file, &file));
        add_file(writer, docs)?;
    }
    Ok(())
}

/// A clause document as [`documents`] made it, from its stored fields, with its file key. The
/// fields that are indexed but not stored are made again as [`documents`] makes them: the
/// language fields from the clause's text and opening, the wording fingerprint from its text,
/// the base symbols from its cites.
fn restored(stored: TantivyDocument, f: &Fields) -> Option<(String, TantivyDocument)> {
    let text_of = |field| {
        stored
            .get_first(field)
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    let lang: Language = text_of(f.lang)?.parse().ok()?;
    let (file, opening, text) = (text_of(f.file)?, text_of(f.opening)?, text_of(f.text)?);
    let cites: Vec<String> = stored
        .get_all(f.cites)
        .filter_map(|v| v.as_str())
        .map(str::to_string)
        .collect();
    let mut doc = stored;
    doc.add_text(f.opening_of(lang), &opening);
    doc.add_text(f.text_of(lang), &text);
    doc.add_text(f.pairs_of(lang), &text);
    doc.add_u64(f.wording, crate::trace::wording::fingerprint(&text));
    for cite in &cites {
        for base in crate::cite::base_symbols(cite) {
            doc.add_text(f.cites_base, &base);
        }
    }
    Some((file, doc))
}

/// Hard-links (or, where links are not possible, copies) the index files of `from` into `to`:
/// Tantivy's files, not ressearch's own nor the lock files.
fn link_files(from: &Path, to: &Path) -> Result<()> {
    for entry in
        std::fs::read_dir(from).with_context(|| format!("cannot read {}", from.display()))?
    {
        let entry = entry.with_context(|| format!("cannot read {}", from.display()))?;
        let name = entry.file_name();
        let name_str = name.to_string_lossy();
        let ours = name == META || name == FILES || name_str.starts_with("ressearch-");
        let lock = name_str.starts_with(".tantivy-") && name_str.ends_with(".lock");
        if ours || lock || !entry.file_type()?.is_file() {
            continue;
        }
        let target = to.join(&name);
        if std::fs::hard_link(entry.path(), &target).is_err() {
            std::fs::copy(entry.path(), &target).with_context(|| {
                format!(
                    "cannot copy {} into {}",
                    entry.path().display(),
                    to.display()
                )
            })?;
        }
    }
    Ok(())
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

/// One Tantivy document per clause of a resolution.
pub fn documents(res: &Resolution, file: &str, f: &Fields) -> Vec<TantivyDocument> {
    let extras = crate::trace::stored::extras(res);
    res.clauses
        .iter()
        .enumerate()
        .map(|(position, clause)| {
            let mut doc = TantivyDocument::default();
            doc.add_text(f.symbol, &res.symbol);
            doc.add_text(f.body, res.body.key());
            if let Some(session) = res.session {
                doc.add_u64(f.session, u64::from(session));
            }
            if let Some(title) = &res.title {
                doc.add_text(f.title, title);
            }
            if let Some(adopted) = &res.adopted {
                doc.add_text(f.adopted, adopted);
            }
            doc.add_text(f.lang, res.language.code());
            doc.add_text(f.kind, clause.kind.name());
            doc.add_u64(f.number, u64::from(clause.number));
            if let Some(section) = &clause.section {
                doc.add_text(f.section, section);
            }
            doc.add_text(f.opening, &clause.opening);
            doc.add_text(f.opening_of(res.language), &clause.opening);
            doc.add_text(f.text, &clause.text);
            doc.add_text(f.text_of(res.language), &clause.text);
            doc.add_text(f.exact_of(res.language), &clause.text);
            doc.add_text(f.pairs_of(res.language), &clause.text);
            if let Some(day) = res.adopted.as_deref().and_then(day_number) {
                doc.add_u64(f.day, day);
            }
            for cite in &clause.cites {
                doc.add_text(f.cites, cite);
            }
            for footnote in &clause.footnotes {
                doc.add_text(f.footnotes, footnote);
            }
            doc.add_text(f.file, file);
            doc.add_u64(f.position, position as u64);
            doc.add_u64(f.wording, crate::trace::wording::fingerprint(&clause.text));
            for cite in &clause.cites {
                for base in crate::cite::base_symbols(cite) {
                    doc.add_text(f.cites_base, &base);
                }
            }
            doc.add_text(f.extra, &extras[position]);
            doc
        })
        .collect()
}

/// An ISO date `YYYY-MM-DD` as the number YYYYMMDD.
pub fn day_number(date: &str) -> Option<u64> {
    let digits: String = date.split('-').collect();
    (date.len() == 10 && digits.len() == 8 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}
