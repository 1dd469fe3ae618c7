//! Building the Tantivy index of clauses, and opening it again.
//!
//! One Tantivy document per clause. The clause text is indexed twice over, once per language
//! field (`text_fr`, `text_en`), each with its own analyzer, and only the field of the clause's
//! language gets it; the text itself is stored once.
//!
//! An index directory (`index/` by default) holds generations: each build writes a fresh
//! `gen-*` subdirectory and, only once it is complete, atomically replaces the `CURRENT` file
//! that names the live one. A build that dies halfway leaves `CURRENT` pointing at the previous,
//! whole index; its half-written generation is cleaned up by the next build.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions,
};
use tantivy::{Index, IndexWriter, TantivyDocument, Term};

use crate::analyzer;
use crate::corpus::{self, FileOutcome, Skipped};
use crate::model::{Language, Resolution};

/// Bumped whenever the schema, the analysis or what the segmenter produces changes: an index
/// of another version must be rebuilt (an incremental run would otherwise mix clauses of both).
/// Also bumped when [`corpus::fingerprint`] changes, as the fingerprints in `files.json` would
/// then match no file. 4: XXH3 fingerprints instead of FNV-1a. 5: more forms segmented
/// (unnumbered and formula operative paragraphs, adopted texts, stray markers). 6: `position`,
/// `wording`, `cites_base`, `extra`; cites with parts, addenda and other organs' series. 7: adoption day,
/// exact forms, hyphenated words also joined.
pub const SCHEMA_VERSION: u32 = 7;

const CURRENT: &str = "CURRENT";
const META: &str = "ressearch.json";
/// The indexed files, apart from [`META`]: a query reads only the small [`META`].
const FILES: &str = "files.json";
const LOCK: &str = "LOCK";

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
    /// Whether the previous index was reused (only changed files were segmented).
    pub incremental: bool,
    pub skipped: Vec<Skipped>,
    /// Files indexed with a remark, such as a decoded encoding.
    pub warnings: Vec<Skipped>,
    /// Files not looked at because they are not text files (`.pdf`, `.md`…).
    pub ignored: usize,
    pub elapsed: Duration,
    pub index_dir: PathBuf,
    pub bytes_on_disk: u64,
}

/// The `ressearch.json` kept with each generation.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct Meta {
    schema_version: u32,
    ressearch_version: String,
    resolutions: usize,
    clauses: usize,
    /// Every indexed file: canonical path → content fingerprint and clause count. Kept in
    /// [`FILES`]: at a million clauses it is megabytes that a query need not parse.
    #[serde(skip)]
    files: std::collections::BTreeMap<String, FileEntry>,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct FileEntry {
    hash: u64,
    clauses: usize,
}

/// Builds or updates the index of every resolution under `paths` in `index_dir`. The new
/// state replaces the previous one only once it is complete. Unless `rebuild` is set, a
/// previous index of the same version is reused: only new and changed files are segmented,
/// the clauses of changed and deleted files are removed.
pub fn build(paths: &[PathBuf], index_dir: &Path, rebuild: bool) -> Result<BuildReport> {
    let started = Instant::now();
    let listing = corpus::list_files(paths)?;
    std::fs::create_dir_all(index_dir)
        .with_context(|| format!("cannot create the index directory {}", index_dir.display()))?;
    let _lock = lock(index_dir)?;
    let previous = if rebuild {
        None
    } else {
        live_generation(index_dir)
    };
    let known: HashMap<String, u64> = previous
        .as_ref()
        .map(|(_, meta)| {
            meta.files
                .iter()
                .map(|(k, e)| (k.clone(), e.hash))
                .collect()
        })
        .unwrap_or_default();

    let generation = format!(
        "gen-{}-{}",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis()),
        std::process::id()
    );
    let gen_dir = index_dir.join(&generation);
    std::fs::create_dir(&gen_dir)
        .with_context(|| format!("cannot create {}", gen_dir.display()))?;
    let outcome = write_generation(
        &listing.files,
        &gen_dir,
        previous
            .as_ref()
            .map(|(dir, meta)| (dir.as_path(), &meta.files)),
        &known,
    );
    let mut report = match outcome {
        Ok(report) => report,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&gen_dir);
            return Err(e);
        }
    };
    if report.files.is_empty() {
        let _ = std::fs::remove_dir_all(&gen_dir);
        let reasons: Vec<String> = report
            .skipped
            .iter()
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
    std::fs::write(gen_dir.join(FILES), serde_json::to_vec(&meta.files)?)?;
    std::fs::write(gen_dir.join(META), serde_json::to_vec_pretty(&meta)?)?;
    publish(index_dir, &generation)?;
    remove_stale_generations(index_dir, &generation);
    Ok(BuildReport {
        files_read: listing.files.len(),
        resolutions: meta.resolutions,
        clauses: meta.clauses,
        added: report.added,
        updated: report.updated,
        removed: report.removed,
        unchanged: report.unchanged,
        incremental: previous.is_some(),
        skipped: report.skipped,
        warnings: report.warnings,
        ignored: listing.ignored,
        elapsed: started.elapsed(),
        bytes_on_disk: dir_size(&gen_dir),
        index_dir: gen_dir,
    })
}

/// The live generation's directory and metadata, when there is one of this version.
fn live_generation(index_dir: &Path) -> Option<(PathBuf, Meta)> {
    let generation = std::fs::read_to_string(index_dir.join(CURRENT)).ok()?;
    let dir = index_dir.join(generation.trim());
    let mut meta: Meta = serde_json::from_slice(&std::fs::read(dir.join(META)).ok()?).ok()?;
    if meta.schema_version != SCHEMA_VERSION {
        return None;
    }
    meta.files = serde_json::from_slice(&std::fs::read(dir.join(FILES)).ok()?).ok()?;
    Some((dir, meta))
}

/// What writing a generation did.
struct GenerationReport {
    files: std::collections::BTreeMap<String, FileEntry>,
    added: usize,
    updated: usize,
    removed: usize,
    unchanged: usize,
    skipped: Vec<Skipped>,
    warnings: Vec<Skipped>,
}

/// Writes the new generation at `dir`: a copy of the previous one (hard links: Tantivy never
/// rewrites a file in place) updated with the changes, or a fresh index.
fn write_generation(
    files: &[PathBuf],
    dir: &Path,
    previous: Option<(&Path, &std::collections::BTreeMap<String, FileEntry>)>,
    known: &HashMap<String, u64>,
) -> Result<GenerationReport> {
    let index = match previous {
        Some((previous_dir, _)) => {
            link_files(previous_dir, dir)?;
            Index::open_in_dir(dir)
                .with_context(|| format!("cannot reopen the index copied into {}", dir.display()))?
        }
        None => Index::create_in_dir(dir, schema())
            .with_context(|| format!("cannot create an index in {}", dir.display()))?,
    };
    analyzer::register(&index);
    let fields = Fields::of(&index.schema())?;
    let mut writer: IndexWriter = index.writer(256 * 1024 * 1024)?;

    let mut report = GenerationReport {
        files: Default::default(),
        added: 0,
        updated: 0,
        removed: 0,
        unchanged: 0,
        skipped: Vec::new(),
        warnings: Vec::new(),
    };
    let previous_files = previous.map(|(_, files)| files);
    let mut seen = HashSet::new();
    for (path, outcome) in corpus::process_all(files, known) {
        match outcome {
            FileOutcome::Unchanged { key, hash } => {
                let clauses = previous_files
                    .and_then(|f| f.get(&key))
                    .map_or(0, |e| e.clauses);
                report.unchanged += 1;
                seen.insert(key.clone());
                report.files.insert(key, FileEntry { hash, clauses });
            }
            FileOutcome::Segmented {
                key,
                hash,
                resolution,
                warning,
            } => {
                if known.contains_key(&key) {
                    writer.delete_term(Term::from_field_text(fields.file, &key));
                    report.updated += 1;
                } else {
                    report.added += 1;
                }
                for doc in documents(&resolution, &key, &fields) {
                    writer.add_document(doc)?;
                }
                if let Some(warning) = warning {
                    report.warnings.push(Skipped {
                        path: path.clone(),
                        reason: warning,
                    });
                }
                seen.insert(key.clone());
                report.files.insert(
                    key,
                    FileEntry {
                        hash,
                        clauses: resolution.clauses.len(),
                    },
                );
            }
            FileOutcome::Skipped { reason } => report.skipped.push(Skipped { path, reason }),
        }
    }
    // Files indexed before but now gone, or now unreadable: their clauses go.
    for key in known.keys() {
        if !seen.contains(key) {
            writer.delete_term(Term::from_field_text(fields.file, key));
            report.removed += 1;
        }
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    // The acronyms of every clause, old and new, for the thesaurus of queries.
    crate::acronyms::write(&index, &fields, dir)?;
    Ok(report)
}

/// Hard-links (or, where links are not possible, copies) the index files of `from` into `to`.
fn link_files(from: &Path, to: &Path) -> Result<()> {
    for entry in
        std::fs::read_dir(from).with_context(|| format!("cannot read {}", from.display()))?
    {
        let entry = entry?;
        let name = entry.file_name();
        if name == META || name == FILES || !entry.file_type()?.is_file() {
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

/// Takes the build lock of an index directory, held until the returned file is dropped. The
/// operating system releases it when the process ends, however it ends, so a killed build
/// never leaves a stale lock behind.
fn lock(index_dir: &Path) -> Result<std::fs::File> {
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

/// Makes `generation` the live index: writes `CURRENT.tmp`, syncs it, renames it over
/// `CURRENT` (atomic on POSIX file systems).
fn publish(index_dir: &Path, generation: &str) -> Result<()> {
    let tmp = index_dir.join(format!("{CURRENT}.tmp"));
    {
        use std::io::Write;
        let mut file = std::fs::File::create(&tmp)
            .with_context(|| format!("cannot write {}", tmp.display()))?;
        file.write_all(generation.as_bytes())?;
        file.sync_all()?;
    }
    std::fs::rename(&tmp, index_dir.join(CURRENT))
        .with_context(|| format!("cannot update {}", index_dir.join(CURRENT).display()))?;
    Ok(())
}

/// Removes generations other than the live one: older builds and builds that were interrupted.
fn remove_stale_generations(index_dir: &Path, live: &str) {
    let Ok(entries) = std::fs::read_dir(index_dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("gen-") && name != live {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
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

/// An ISO date `YYYY-MM-DD` as the number YYYYMMDD.
pub fn day_number(date: &str) -> Option<u64> {
    let digits: String = date.split('-').collect();
    (date.len() == 10 && digits.len() == 8 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

/// Opens the live index of `index_dir`, with the analyzers registered.
pub fn open(index_dir: &Path) -> Result<(Index, Fields)> {
    // A build finishing between reading CURRENT and opening the generation removes the one
    // just read: read CURRENT again once.
    open_current(index_dir).or_else(|_| open_current(index_dir))
}

fn open_current(index_dir: &Path) -> Result<(Index, Fields)> {
    let current = index_dir.join(CURRENT);
    let generation = match std::fs::read_to_string(&current) {
        Ok(g) => g.trim().to_string(),
        Err(_) => bail!(
            "no index at {}; build one first with `ressearch index` (or pass --index DIR)",
            index_dir.display()
        ),
    };
    let gen_dir = index_dir.join(&generation);
    let meta: Meta = std::fs::read(gen_dir.join(META))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .with_context(|| {
            format!(
                "the index at {} is damaged (no readable {META}); rebuild it with `ressearch index --rebuild`",
                index_dir.display()
            )
        })?;
    if meta.schema_version != SCHEMA_VERSION {
        bail!(
            "the index at {} was built by ressearch {} (index format {}), this is format {}; rebuild it with `ressearch index --rebuild`",
            index_dir.display(),
            meta.ressearch_version,
            meta.schema_version,
            SCHEMA_VERSION
        );
    }
    let index = Index::open_in_dir(&gen_dir).with_context(|| {
        format!(
            "cannot open the index at {}; rebuild it with `ressearch index --rebuild`",
            gen_dir.display()
        )
    })?;
    analyzer::register(&index);
    let fields = Fields::of(&index.schema())?;
    Ok((index, fields))
}
