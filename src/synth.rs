//! `ressearch synth`: synthetic corpora for benchmarks, built from real clauses.
//!
//! Segments an input corpus once, keeps its clauses per language and type, then writes N new
//! General Assembly resolutions in the layout of the real files (masthead, symbol, date, title,
//! "The General Assembly,", preambular paragraphs, numbered operative paragraphs, closing
//! meeting line and date). Each new resolution takes the clause counts and language of a random
//! source resolution and draws its clauses at random; it gets a new symbol (sessions from 100
//! on) and dates, and about one in five opens by recalling an earlier synthetic resolution, a
//! new citation. The same seed gives the same files. Files are written one at a time, so memory
//! stays at the size of the input corpus whatever N is.
//!
//! Beside the resolutions, `MANIFEST.tsv` lists each file with the clause count it was built
//! with (`file<TAB>preambular<TAB>operative`); `ressearch segment` on a file gives that count.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::corpus;
use crate::model::{ClauseType, Language};

/// Resolutions per synthetic session.
const PER_SESSION: usize = 300;
/// The first synthetic session: clear of every real one.
const FIRST_SESSION: usize = 100;

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
    /// (preambular, operative) counts of each source resolution.
    shapes: Vec<(usize, usize)>,
}

/// What `ressearch synth` wrote.
#[derive(Debug)]
pub struct SynthReport {
    pub resolutions: usize,
    pub clauses: usize,
    pub bytes: u64,
    pub source_resolutions: usize,
    pub source_clauses: usize,
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

fn pools_from(from: &[PathBuf]) -> Result<([Pool; 2], usize, usize)> {
    let listing = corpus::list_files(from)?;
    let mut pools = [Pool::default(), Pool::default()];
    let (mut resolutions, mut clauses) = (0, 0);
    for (_, result) in corpus::segment_all(&listing.files) {
        let Ok(res) = result else { continue };
        let pool = &mut pools[usize::from(res.language == Language::En)];
        let (mut pp, mut op) = (0, 0);
        for clause in &res.clauses {
            if !usable(&clause.text) {
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
        if op == 0 {
            continue;
        }
        if let Some(title) = &res.title
            && !title.contains('\n')
            && !title.trim().is_empty()
        {
            pool.titles.push(title.trim().to_string());
        }
        pool.shapes.push((pp, op));
        resolutions += 1;
        clauses += pp + op;
    }
    if resolutions == 0 {
        bail!(
            "no usable resolution in {}; give a folder of resolution texts with --from",
            from.iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    Ok((pools, resolutions, clauses))
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

/// Writes `resolutions` synthetic resolutions into `out`, recombining the clauses of the
/// corpus under `from`.
pub fn generate(
    resolutions: usize,
    out: &Path,
    from: &[PathBuf],
    seed: u64,
) -> Result<SynthReport> {
    let started = Instant::now();
    if resolutions == 0 {
        bail!("--resolutions must be at least 1");
    }
    let (pools, source_resolutions, source_clauses) = pools_from(from)?;
    let weights: Vec<usize> = pools.iter().map(|p| p.shapes.len()).collect();
    std::fs::create_dir_all(out)
        .with_context(|| format!("{}: cannot create the output folder", out.display()))?;
    let manifest_path = out.join("MANIFEST.tsv");
    let mut manifest = std::io::BufWriter::new(
        std::fs::File::create(&manifest_path)
            .with_context(|| format!("{}: cannot write", manifest_path.display()))?,
    );
    let mut rng = SplitMix64::new(seed);
    let (mut clauses, mut bytes) = (0usize, 0u64);
    let mut text = String::new();
    for i in 0..resolutions {
        let pick = rng.below(weights[0] + weights[1]);
        let (lang, pool) = if pick < weights[0] {
            (Language::Fr, &pools[0])
        } else {
            (Language::En, &pools[1])
        };
        let (pp, op) = pool.shapes[rng.below(pool.shapes.len())];
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
        // `pp` > 0 only where the pool has preambular clauses.
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
        let name = format!("A_RES_{session}_{number}.txt");
        let path = out.join(&name);
        std::fs::write(&path, text.as_bytes())
            .with_context(|| format!("{}: cannot write", path.display()))?;
        writeln!(manifest, "{name}\t{preambular}\t{op}")?;
        clauses += preambular + op;
        bytes += text.len() as u64;
    }
    manifest.flush()?;
    Ok(SynthReport {
        resolutions,
        clauses,
        bytes,
        source_resolutions,
        source_clauses,
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
}
