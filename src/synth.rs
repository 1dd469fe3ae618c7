//! `ressearch synth`: synthetic corpora for benchmarks, built from real clauses.
//!
//! Segments an input corpus once, keeps its clauses per language and type, then writes N new
//! General Assembly resolutions in the layout of the real files (masthead, symbol, date, title,
//! "The General Assembly,", preambular paragraphs, numbered operative paragraphs, closing
//! meeting line and date). The sources are resolution texts or PDFs, and sentence lists (one
//! sentence a line, as sentence-aligned corpora give parts of resolutions), whose lines are
//! read as paragraphs. Each new resolution is French with a given probability (by default one
//! half when the sources hold both languages: resolutions are issued in every official
//! language), takes the clause counts of a random whole source resolution and draws its
//! clauses at random from the sources of its language; it gets a new symbol (sessions from 100
//! on) and dates, and about one in five opens by recalling an earlier synthetic resolution, a
//! new citation. No text is invented: every clause is a real one. The same seed gives the same
//! files. Files are written one at a time, so memory stays at the size of the input corpus
//! whatever N is.
//!
//! Beside the resolutions, `MANIFEST.tsv` lists each file with the clause count it was built
//! with (`file<TAB>preambular<TAB>operative`); `ressearch segment` on a file gives that count.
//!
//! The output folder is never a place to lose files: it must be new, empty, or hold an earlier
//! synthetic corpus (its `MANIFEST.tsv`). The files that manifest lists are ours: they are
//! replaced, and those the new corpus does not have are removed once it is complete, so no
//! stale file stays beside the new manifest. Any other file is left alone; one in the way of a
//! new file stops the run before anything is written, unless `--force`. While a run writes,
//! `MANIFEST.tsv.partial` lists each file before it is written, so that the next run knows an
//! interrupted run's files as ours too.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::corpus;
use crate::model::{ClauseType, Language};
use crate::progress::Progress;

/// Resolutions per synthetic session.
const PER_SESSION: usize = 300;
/// The first synthetic session: clear of every real one.
const FIRST_SESSION: usize = 100;
/// The manifest of a complete run, and of the run being written.
const MANIFEST: &str = "MANIFEST.tsv";
const PARTIAL: &str = "MANIFEST.tsv.partial";

/// SplitMix64: a small, fast, deterministic generator.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }
}

/// The clauses of one language, ready to be recombined.
#[derive(Default)]
struct Pool {
    preambular: Vec<String>,
    operative: Vec<String>,
    titles: Vec<String>,
    /// Source files that gave clauses of this language.
    files: usize,
}

impl Pool {
    fn clauses(&self) -> usize {
        self.preambular.len() + self.operative.len()
    }
}

/// The clauses of the sources, per language, and the shapes of their whole resolutions.
struct Sources {
    /// French, then English.
    pools: [Pool; 2],
    /// (preambular, operative) counts of each whole source resolution, of either language
    /// (a sentence list is part of a resolution: its counts are a resolution's shape only
    /// when the sources hold nothing else).
    shapes: Vec<(usize, usize)>,
}

/// What `ressearch synth` wrote.
#[derive(Debug)]
pub struct SynthReport {
    pub resolutions: usize,
    /// Of which in French.
    pub french_resolutions: usize,
    pub clauses: usize,
    pub bytes: u64,
    /// Source files that gave clauses (resolutions and sentence lists).
    pub source_files: usize,
    pub source_clauses: usize,
    /// Of which French, and the files they came from.
    pub source_french_clauses: usize,
    pub source_french_files: usize,
    pub out: PathBuf,
    pub elapsed: Duration,
}

/// A clause text fit to be printed as one paragraph of a new resolution: it starts with a
/// capital letter and ends as a clause does. (Clause texts are one line: the segmenter
/// normalises white space.)
fn usable(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_uppercase)
        && text.len() >= 20
        && text.ends_with([',', ';', '.', ':'])
}

/// `text` ending with `end` instead of its own final punctuation.
fn with_end(text: &str, end: char) -> String {
    let mut s = text.trim_end_matches([',', ';', '.', ':', ' ']).to_string();
    s.push(end);
    s
}

/// Whether a text is a list of sentences, one a line, as sentence-aligned corpora give them
/// (the UN Parallel Corpus, for one): several lines and no blank line. A resolution text
/// separates its paragraphs by blank lines.
fn is_sentence_list(text: &str) -> bool {
    let mut lines = text.trim().lines();
    lines.clone().nth(1).is_some() && lines.all(|l| !l.trim().is_empty())
}

/// Reads and segments one source file: a resolution text or PDF, or a sentence list, whose
/// lines are then read as paragraphs (the segmenter would otherwise join the lines of one
/// block into one clause). Returns the resolution and whether it came from a sentence list.
fn read_source(path: &Path) -> Result<(crate::model::Resolution, bool), String> {
    let text = corpus::read_text(path)?.text;
    if is_sentence_list(&text) {
        let paragraphs = text.trim().lines().map(str::trim).collect::<Vec<_>>();
        corpus::segment(path, &paragraphs.join("\n\n")).map(|res| (res, true))
    } else {
        corpus::segment(path, &text).map(|res| (res, false))
    }
}

fn sources_from(from: &[PathBuf]) -> Result<Sources> {
    use rayon::prelude::*;
    let listing = corpus::list_files(from)?;
    let progress = Progress::new(listing.files.len() as u64, "reading sources");
    let read: Vec<_> = listing
        .files
        .par_iter()
        .map(|path| {
            let outcome = read_source(path);
            progress.inc(1);
            outcome
        })
        .collect();
    drop(progress);
    let mut sources = Sources {
        pools: [Pool::default(), Pool::default()],
        shapes: Vec::new(),
    };
    // The counts of the sentence lists, for sources that hold no whole resolution.
    let mut list_shapes = Vec::new();
    for (res, sentence_list) in read.into_iter().flatten() {
        let pool = &mut sources.pools[usize::from(res.language == Language::En)];
        let (mut pp, mut op) = (0, 0);
        for clause in &res.clauses {
            // A preambular paragraph without an opening phrase ("The attention of the Council
            // has been drawn …") is told from the end of the one before only in its own
            // context: out of it, it would be read as that one's continuation.
            if !usable(&clause.text)
                || (clause.kind == ClauseType::Preambular && clause.opening.is_empty())
            {
                continue;
            }
            match clause.kind {
                ClauseType::Preambular => {
                    pool.preambular.push(with_end(&clause.text, ','));
                    pp += 1;
                }
                ClauseType::Operative => {
                    pool.operative.push(with_end(&clause.text, ';'));
                    op += 1;
                }
            }
        }
        if pp + op > 0 {
            pool.files += 1;
        }
        if op == 0 {
            continue;
        }
        if sentence_list {
            list_shapes.push((pp, op));
            continue;
        }
        if let Some(title) = &res.title
            && !title.contains('\n')
            && !title.trim().is_empty()
        {
            pool.titles.push(title.trim().to_string());
        }
        sources.shapes.push((pp, op));
    }
    if sources.shapes.is_empty() {
        sources.shapes = list_shapes;
    }
    if sources.shapes.is_empty() {
        bail!(
            "no usable resolution in {}; give a folder of resolution texts with --from",
            from.iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    Ok(sources)
}

/// The share of French resolutions, in percent: `asked`, or by default half when the sources
/// have operative clauses in both languages (resolutions are issued in every official
/// language), else all in the language they have. A share the sources cannot give is an
/// error.
fn french_share(asked: Option<u8>, pools: &[Pool; 2]) -> Result<u8> {
    let (french, english) = (
        !pools[0].operative.is_empty(),
        !pools[1].operative.is_empty(),
    );
    match asked {
        Some(p) if p > 100 => bail!("--french must be a percentage, 0 to 100 (got {p})"),
        Some(p) if p > 0 && !french => bail!(
            "--french {p}: the sources hold no French operative clause; add French resolution texts or sentence lists to --from (../shared/corpus/parallel has some), or give --french 0"
        ),
        Some(p) if p < 100 && !english => bail!(
            "--french {p}: the sources hold no English operative clause; add English resolution texts to --from, or give --french 100"
        ),
        Some(p) => Ok(p),
        None if french && english => Ok(50),
        None if french => Ok(100),
        None => Ok(0),
    }
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

fn date(lang: Language, day: usize, month: usize, year: usize) -> String {
    match lang {
        Language::En => format!("{day} {} {year}", MONTHS_EN[month]),
        Language::Fr => format!("{day} {} {year}", MONTHS_FR[month]),
    }
}

fn ordinal_en(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// Symbol parts of the `i`-th synthetic resolution (0-based): session and number.
fn symbol_of(i: usize) -> (usize, usize) {
    (FIRST_SESSION + i / PER_SESSION, i % PER_SESSION + 1)
}

/// The file name of the `i`-th synthetic resolution.
fn file_name(i: usize) -> String {
    let (session, number) = symbol_of(i);
    format!("A_RES_{session}_{number}.txt")
}

/// The position of a synthetic resolution's file name (the inverse of [`file_name`]), or
/// `None` for any other name.
fn position_of(name: &str) -> Option<usize> {
    let (session, number) = name
        .strip_prefix("A_RES_")?
        .strip_suffix(".txt")?
        .split_once('_')?;
    let plain =
        |s: &str| !s.is_empty() && !s.starts_with('0') && s.bytes().all(|b| b.is_ascii_digit());
    if !plain(session) || !plain(number) {
        return None;
    }
    let (session, number): (usize, usize) = (session.parse().ok()?, number.parse().ok()?);
    if session < FIRST_SESSION || !(1..=PER_SESSION).contains(&number) {
        return None;
    }
    (session - FIRST_SESSION)
        .checked_mul(PER_SESSION)?
        .checked_add(number - 1)
}

/// The files an earlier run wrote into `out`, as its manifests list them (the complete one
/// and a partial one left by an interrupted run), or `None` when there is no manifest. A
/// manifest that is not in the format this command writes, or lists a name it would not
/// write, is not ours: an error, for the folder is then someone else's.
fn previous_files(out: &Path) -> Result<Option<std::collections::HashSet<String>>> {
    let mut found = false;
    let mut names = std::collections::HashSet::new();
    for manifest in [MANIFEST, PARTIAL] {
        let path = out.join(manifest);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => bail!("{}: cannot read: {e}", path.display()),
        };
        found = true;
        for (n, line) in text.lines().enumerate() {
            let fields: Vec<&str> = line.split('\t').collect();
            let ours = matches!(fields.as_slice(), [name, pp, op]
                if position_of(name).is_some()
                    && pp.parse::<usize>().is_ok()
                    && op.parse::<usize>().is_ok());
            if !ours {
                bail!(
                    "{}: line {} is not a line of a `ressearch synth` manifest; the folder holds files of another program: choose another --out folder (or add --force to write there anyway)",
                    path.display(),
                    n + 1
                );
            }
            names.insert(fields[0].to_string());
        }
    }
    Ok(found.then_some(names))
}

/// Checks that writing `resolutions` files into `out` replaces nothing but an earlier synthetic
/// corpus, and returns that corpus's files (empty when there is none).
fn check_out(
    out: &Path,
    resolutions: usize,
    force: bool,
) -> Result<std::collections::HashSet<String>> {
    let entries = match std::fs::read_dir(out) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Default::default()),
        Err(e) => bail!("{}: cannot use it as the output folder: {e}", out.display()),
    };
    let previous = match previous_files(out) {
        Ok(previous) => previous,
        Err(_) if force => None,
        Err(e) => return Err(e),
    };
    let known = previous.clone().unwrap_or_default();
    for entry in entries {
        let entry = entry.with_context(|| format!("{}: cannot list", out.display()))?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name == MANIFEST || name == PARTIAL || known.contains(name.as_ref()) || force {
            continue;
        }
        if previous.is_none() {
            bail!(
                "{}: the folder is not empty and holds no {MANIFEST} of an earlier `ressearch synth` (it has {name}); choose a new or empty folder, or add --force to write there anyway (files of the same names are replaced, others left alone)",
                out.display()
            );
        }
        if position_of(&name).is_some_and(|i| i < resolutions) {
            bail!(
                "{}: the new corpus would replace this file, which the folder's {MANIFEST} does not list (it was not written by `ressearch synth`); move it, choose another folder, or add --force",
                entry.path().display()
            );
        }
    }
    Ok(known)
}

/// Writes `text` as the new file `path`, replacing what is there (never writing through a
/// symbolic link: the old entry goes first).
fn write_new(path: &Path, text: &[u8]) -> Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => bail!(
            "{}: a folder is in the way of a generated file; move it or choose another --out folder",
            path.display()
        ),
        Ok(_) => std::fs::remove_file(path)
            .with_context(|| format!("{}: cannot replace", path.display()))?,
        Err(_) => {}
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| format!("{}: cannot write", path.display()))?;
    file.write_all(text)
        .with_context(|| format!("{}: cannot write", path.display()))
}

/// Writes `resolutions` synthetic resolutions into `out`, recombining the clauses of the
/// corpus under `from`, `french` percent of them in French (by default half when the sources
/// have both languages). `out` must be new, empty or hold an earlier
/// synthetic corpus, unless `force` (see the module header).
pub fn generate(
    resolutions: usize,
    out: &Path,
    from: &[PathBuf],
    seed: u64,
    force: bool,
    french: Option<u8>,
) -> Result<SynthReport> {
    let started = Instant::now();
    if resolutions == 0 {
        bail!("--resolutions must be at least 1");
    }
    let previous = check_out(out, resolutions, force)?;
    let Sources { pools, shapes } = sources_from(from)?;
    let french = french_share(french, &pools)?;
    std::fs::create_dir_all(out)
        .with_context(|| format!("{}: cannot create the output folder", out.display()))?;
    let partial_path = out.join(PARTIAL);
    // Appended to: an interrupted run's list stays until this run completes.
    let mut manifest = std::io::BufWriter::new(
        std::fs::OpenOptions::new()
            .append(true)
            .create(true)
            .open(&partial_path)
            .with_context(|| format!("{}: cannot write", partial_path.display()))?,
    );
    let mut listed = String::new();
    let progress = Progress::new(resolutions as u64, "writing resolutions");
    let mut rng = SplitMix64::new(seed);
    let (mut clauses, mut bytes, mut french_resolutions) = (0usize, 0u64, 0usize);
    let mut text = String::new();
    for i in 0..resolutions {
        let (lang, pool) = if rng.below(100) < usize::from(french) {
            french_resolutions += 1;
            (Language::Fr, &pools[0])
        } else {
            (Language::En, &pools[1])
        };
        // A shape of either language: the counts of a real resolution. (The language has
        // operative clauses, see `french_share`; preambular ones maybe not.)
        let (pp, op) = shapes[rng.below(shapes.len())];
        let pp = if pool.preambular.is_empty() { 0 } else { pp };
        let (session, number) = symbol_of(i);
        let year = 1945 + session;
        let (month, day) = (8 + rng.below(4), 1 + rng.below(28));
        let adopted = date(lang, day, month, year);
        let issued = date(lang, (day + 3).min(28), month, year);
        let title = match pool.titles.len() {
            0 => "Synthetic resolution".to_string(),
            n => pool.titles[rng.below(n)].clone(),
        };
        text.clear();
        let mut line = |s: &str| {
            text.push_str(s);
            text.push('\n');
        };
        let fr = lang == Language::Fr;
        line(if fr {
            "Nations Unies"
        } else {
            "United Nations"
        });
        line(&format!("A/RES/{session}/{number}"));
        line("");
        line(if fr {
            "Assemblée générale"
        } else {
            "General Assembly"
        });
        line(if fr {
            "Distr. générale"
        } else {
            "Distr.: General"
        });
        line(&issued);
        line("");
        line(&if fr {
            format!("Résolution adoptée par l’Assemblée générale le {adopted}")
        } else {
            format!("Resolution adopted by the General Assembly on {adopted}")
        });
        line("");
        line(&format!("{session}/{number}. {title}"));
        line("");
        line(if fr {
            "L’Assemblée générale,"
        } else {
            "The General Assembly,"
        });
        line("");
        let mut preambular = pp;
        // A new citation: an earlier synthetic resolution, recalled.
        if i > 0 && rng.below(5) == 0 {
            let (s, n) = symbol_of(rng.below(i));
            let (cd, cm) = (1 + rng.below(28), rng.below(12));
            line(&if fr {
                format!(
                    "Rappelant sa résolution {s}/{n} du {},",
                    date(lang, cd, cm, 1945 + s)
                )
            } else {
                format!(
                    "Recalling its resolution {s}/{n} of {},",
                    date(lang, cd, cm, 1945 + s)
                )
            });
            line("");
            preambular += 1;
        }
        for _ in 0..pp {
            line(&pool.preambular[rng.below(pool.preambular.len())]);
            line("");
        }
        for k in 1..=op {
            let clause = &pool.operative[rng.below(pool.operative.len())];
            if k == op {
                line(&format!("{k}. {}", with_end(clause, '.')));
            } else {
                line(&format!("{k}. {clause}"));
            }
            line("");
        }
        let meeting = 1 + rng.below(90);
        line(&if fr {
            format!(
                "{}{} séance plénière",
                meeting,
                if meeting == 1 { "re" } else { "e" }
            )
        } else {
            format!("{} plenary meeting", ordinal_en(meeting))
        });
        line(&adopted);
        let name = file_name(i);
        let path = out.join(&name);
        let line = format!("{name}\t{preambular}\t{op}\n");
        // Listed before written: an interrupted run leaves no file that no manifest lists.
        manifest
            .write_all(line.as_bytes())
            .and_then(|()| manifest.flush())
            .with_context(|| format!("{}: cannot write", partial_path.display()))?;
        write_new(&path, text.as_bytes())?;
        listed.push_str(&line);
        clauses += preambular + op;
        bytes += text.len() as u64;
        progress.inc(1);
    }
    drop(manifest);
    // The complete manifest replaces the previous one at once; then the previous run's files
    // that this one did not write go.
    let manifest_path = out.join(MANIFEST);
    let temporary = out.join("MANIFEST.tsv.new");
    std::fs::write(&temporary, listed.as_bytes())
        .and_then(|()| std::fs::rename(&temporary, &manifest_path))
        .with_context(|| format!("{}: cannot write", manifest_path.display()))?;
    let _ = std::fs::remove_file(&partial_path);
    for name in &previous {
        let stale = position_of(name).is_none_or(|i| i >= resolutions);
        let path = out.join(name);
        if stale && std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
            std::fs::remove_file(&path).with_context(|| {
                format!(
                    "{}: cannot remove a file of the previous run",
                    path.display()
                )
            })?;
        }
    }
    Ok(SynthReport {
        resolutions,
        clauses,
        bytes,
        french_resolutions,
        source_files: pools[0].files + pools[1].files,
        source_clauses: pools[0].clauses() + pools[1].clauses(),
        source_french_clauses: pools[0].clauses(),
        source_french_files: pools[0].files,
        out: out.to_path_buf(),
        elapsed: started.elapsed(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_is_deterministic_and_bounded() {
        let mut a = SplitMix64::new(7);
        let mut b = SplitMix64::new(7);
        for _ in 0..100 {
            assert_eq!(a.next_u64(), b.next_u64());
        }
        let mut c = SplitMix64::new(1);
        assert!((0..1000).all(|_| c.below(3) < 3));
        assert_ne!(SplitMix64::new(1).next_u64(), SplitMix64::new(2).next_u64());
    }

    #[test]
    fn clause_endings_are_rewritten() {
        assert_eq!(with_end("Notes the report;", '.'), "Notes the report.");
        assert_eq!(with_end("Recalling x,", ','), "Recalling x,");
        assert_eq!(ordinal_en(1), "1st");
        assert_eq!(ordinal_en(12), "12th");
        assert_eq!(ordinal_en(23), "23rd");
        assert_eq!(symbol_of(0), (100, 1));
        assert_eq!(symbol_of(300), (101, 1));
    }

    #[test]
    fn sentence_lists_are_lines_without_blank_lines_between() {
        assert!(is_sentence_list("Notant x,\nRappelant y,\n1. Décide z;\n"));
        assert!(!is_sentence_list("Notant x,\n\n1. Décide z;\n"));
        assert!(!is_sentence_list("1. Décide z;\n"));
        assert!(!is_sentence_list("\n\n"));
    }

    #[test]
    fn the_french_share_is_half_by_default_and_what_the_sources_can_give() {
        let with = |fr: bool, en: bool| {
            let pool = |has: bool| Pool {
                operative: if has { vec!["Décide;".into()] } else { vec![] },
                ..Pool::default()
            };
            [pool(fr), pool(en)]
        };
        assert_eq!(french_share(None, &with(true, true)).unwrap(), 50);
        assert_eq!(french_share(None, &with(true, false)).unwrap(), 100);
        assert_eq!(french_share(None, &with(false, true)).unwrap(), 0);
        assert_eq!(french_share(Some(20), &with(true, true)).unwrap(), 20);
        assert_eq!(french_share(Some(0), &with(false, true)).unwrap(), 0);
        let err = french_share(Some(20), &with(false, true)).unwrap_err();
        assert!(
            err.to_string().contains("no French operative clause"),
            "{err}"
        );
        assert!(french_share(Some(20), &with(true, false)).is_err());
        assert!(french_share(Some(101), &with(true, true)).is_err());
    }

    #[test]
    fn file_names_and_positions_are_inverse() {
        for i in [0, 1, 299, 300, 301, 35_999, 9_999_999] {
            assert_eq!(position_of(&file_name(i)), Some(i), "{i}");
        }
        for name in [
            "A_RES_99_1.txt",
            "A_RES_100_0.txt",
            "A_RES_100_301.txt",
            "A_RES_0100_1.txt",
            "A_RES_100_1.TXT",
            "A_RES_100_+1.txt",
            "A_RES_99999999999999999999999_1.txt",
            "notes.txt",
            "../A_RES_100_1.txt",
        ] {
            assert_eq!(position_of(name), None, "{name}");
        }
    }
}
