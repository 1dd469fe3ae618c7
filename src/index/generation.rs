//! Writing one generation: a fresh index, or a copy of the previous one updated with the
//! changes.
//!
//! Files are segmented a batch at a time and their clauses given to Tantivy's writer at once;
//! which of them are finally indexed (each text once, `copies.rs`) is decided when every file
//! has been read, and clauses given but not kept are deleted again. Segments holding deleted
//! clauses are then indexed again from their stored fields, so that an update scores as a full
//! build does. A failure, or a panic, removes the half-written generation.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use tantivy::indexer::{LogMergePolicy, NoMergePolicy, UserOperation};
use tantivy::{Index, IndexWriter, TantivyDocument, TantivyError, Term};

use super::copies::{Verdict, once_per_text};
use super::directory::BuildDirectory;
use super::documents::{documents, restored};
use super::previous::Previous;
use super::{FILES, Fields, FileEntry, META, backlog, folder, schema, settings};
use crate::analyzer;
use crate::corpus::{self, FileOutcome, Skipped};
use crate::model::Resolution;
use crate::thesaurus::Thesaurus;

/// Whether an error while updating the previous index comes from that index's data (then a
/// full build may succeed) rather than from the machine (a full disk, permissions).
pub(super) fn looks_damaged(e: &anyhow::Error) -> bool {
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
pub(super) struct Plan<'a> {
    pub(super) listing: &'a corpus::Listing,
    /// The previous index, for its list of files (and its segments when updating).
    pub(super) previous: Option<&'a Previous>,
    pub(super) prune: bool,
}

/// What writing a generation did.
#[derive(Default)]
pub(super) struct GenerationReport {
    pub(super) files: BTreeMap<String, FileEntry>,
    /// Files under the paths given that hold a resolution (indexed, or copies of one).
    pub(super) found: usize,
    pub(super) added: usize,
    pub(super) updated: usize,
    pub(super) removed: usize,
    pub(super) unchanged: usize,
    pub(super) kept_elsewhere: usize,
    pub(super) pruned: usize,
    pub(super) incremental: bool,
    pub(super) skipped: Vec<Skipped>,
    pub(super) warnings: Vec<Skipped>,
}

/// Creates a generation and writes the index into it. On failure the generation is removed
/// and the error names it.
pub(super) fn write_in_new_generation(
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
            let _ = folder::remove_generation(&dir);
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
pub(super) struct Candidate {
    pub(super) path: PathBuf,
    pub(super) key: String,
    pub(super) hash: u64,
    pub(super) symbol: String,
    pub(super) lang: String,
    /// Indexed from outside the paths given, and kept.
    pub(super) elsewhere: bool,
    pub(super) content: Content,
}

pub(super) enum Content {
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
            Index::open(BuildDirectory::open(dir)?)
                .with_context(|| format!("cannot reopen the index copied into {}", dir.display()))?
        }
        None => Index::create(BuildDirectory::open(dir)?, schema(), settings())
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
    if reused.is_none() {
        merge_into_one(&index)?;
    }
    // ressearch's own files of the generation, made anew (not linked from the previous one).
    // The acronyms of every clause, old and new, for the thesaurus of queries: read back from
    // the index when it holds clauses of an earlier build or some were taken back.
    let (acronyms, _) = if reused.is_some() || taken_back {
        crate::acronyms::mine(&index, &fields)?
    } else {
        miner.finish()
    };
    write_own(dir, crate::acronyms::FILE, &acronyms)?;
    // The thesaurus's names (with the acronyms) the index holds nowhere, which queries leave
    // out. A user's thesaurus that cannot be read fails the queries with its error, not the
    // build: nothing is listed then.
    if let Ok(thesaurus) = Thesaurus::with_acronyms(&acronyms) {
        let absent = crate::search::absent::list(&index, &fields, thesaurus)?;
        write_own(dir, crate::search::absent::FILE, &absent)?;
    }
    Ok(report)
}

/// Merges the segments of a full build into one, when it holds no more than
/// [`MERGED_CLAUSES`]. A query pays a fixed cost in each segment: its terms looked up in the
/// segment's dictionary, their postings and block maxima opened, the bar of its top ten set
/// anew. At a million clauses (four segments) one segment answers the bench set in about
/// 0.6 of the time, at 100,000 (two) likewise; the merge takes about 10 s a million
/// clauses, on one thread. The scores stay the same: a merge keeps each term's document
/// count, each clause's field lengths and the fields' token counts (a full build deletes no
/// clause once [`rewrite_deleted`] has run), and the clauses' order by length.
fn merge_into_one(index: &Index) -> Result<()> {
    let segments = index.searchable_segment_metas()?;
    let clauses: u64 = segments.iter().map(|s| u64::from(s.num_docs())).sum();
    let ids: Vec<_> = segments.iter().map(|s| s.id()).collect();
    // Tantivy keeps the files of a segment whose metadata is alive: the merged ones would stay.
    drop(segments);
    if ids.len() < 2 || clauses > MERGED_CLAUSES {
        return Ok(());
    }
    return_freed_memory();
    // A writer only to merge: one thread, Tantivy's smallest indexing memory, none used.
    let mut writer: IndexWriter = index.writer_with_num_threads(1, MERGE_WRITER_MEMORY)?;
    writer.set_merge_policy(Box::new(NoMergePolicy));
    writer
        .merge(&ids)
        .wait()
        .context("cannot merge the new index's segments into one")?;
    writer.wait_merging_threads()?;
    Ok(())
}

/// Gives the memory the indexing threads freed back to the system before the merge maps the
/// segments it reads. glibc's allocator keeps it otherwise (the threads' pages of a megabyte
/// stay in their heaps), and the mapped segments came on top: 725 MB at the peak of a
/// 1M-clause build, against 451 MB with it (the indexing threads' own peak).
fn return_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim takes no pointer; it only returns free memory of the allocator's
    // heaps to the system, and may be called at any time from any thread.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// The most clauses a full build merges into one segment ([`merge_into_one`]). Beyond, the
/// merge would take more than 20 s of a build and map more of the segments it reads than
/// the build's memory budget, while a query's fixed cost per segment is a smaller part of
/// its time; Tantivy's merge policy merges such an index's segments eight at a time.
const MERGED_CLAUSES: u64 = 2_000_000;

/// The indexing memory of the writer that only merges: the least Tantivy accepts.
const MERGE_WRITER_MEMORY: usize = 15_000_000;

/// The memory Tantivy's indexing threads fill before writing a segment, in all. Segments end
/// only when it is full (no commit while building, see [`backlog`]): at 340 MB and two
/// threads, a million clauses make four segments, which [`merge_into_one`] makes one. Less
/// memory makes more, smaller segments and a slower build (128 MB: a tenth more time); the
/// indexing threads' memory is most of the build's peak (about 450 MB at a million clauses,
/// under its 500 MB budget).
const WRITER_MEMORY: usize = 340 * 1024 * 1024;

/// How many clauses may wait for the writer's indexing threads ([`backlog::Backlog`]): more
/// than a batch of files gives (about 7,000), so that the threads never starve, and few enough
/// to leave the writer's memory its room under the build's peak (16,000 waiting clauses cost
/// the 1M build about 20 MB more at its peak, for no speed).
const QUEUED_CLAUSES: usize = 8_000;

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

/// Writes one of ressearch's own files, `name`, into the generation folder `dir`.
fn write_own(dir: &Path, name: &str, text: &str) -> Result<()> {
    let path = dir.join(name);
    std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))
}

/// Hard-links (or, where links are not possible, copies) the index files of `from` into `to`:
/// Tantivy's files, not ressearch's own (made anew for each generation) nor the lock files.
fn link_files(from: &Path, to: &Path) -> Result<()> {
    for entry in
        std::fs::read_dir(from).with_context(|| format!("cannot read {}", from.display()))?
    {
        let entry = entry.with_context(|| format!("cannot read {}", from.display()))?;
        let name = entry.file_name();
        let name_str = name.to_string_lossy();
        let ours = name == META
            || name == FILES
            || name == crate::acronyms::FILE
            || name == crate::search::absent::FILE
            || name_str.starts_with("ressearch-");
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
