//! Invariants that must hold for every real resolution in the shared corpus.

use std::path::Path;

use ressearch::model::{ClauseType, Resolution};
use ressearch::segment::segment_file;

use crate::common;

/// Files of the shared corpus whose name does not match the resolution printed in them: the
/// source data set filed another resolution's text under that name. The segmenter is right to
/// report the printed symbol; for these files, and only these, the test asserts that printed
/// symbol instead of the file name's.
const MISLABELLED: &[(&str, &str, &str)] = &[
    (
        "S_RES_542_1983",
        "S/RES/538 (1983)",
        "the text is resolution 538 (1983) of 18 October 1983, the same as S_RES_538_1983.txt \
         (only the footnote block differs)",
    ),
    (
        "S_RES_778_1992",
        "S/RES/773 (1992)",
        "the text is resolution 773 (1992) of 26 August 1992 (Iraq-Kuwait boundary)",
    ),
];

/// The symbol a file must segment to: its name's, or the printed one for a mislabelled file.
fn expected_symbol(stem: &str) -> String {
    if let Some((_, printed, _)) = MISLABELLED.iter().find(|(name, _, _)| *name == stem) {
        return printed.to_string();
    }
    let parts: Vec<&str> = stem.split('_').collect();
    match parts.as_slice() {
        ["S", "RES", number, year] => format!("S/RES/{number} ({year})"),
        _ => stem.replace('_', "/"),
    }
}

/// What never belongs in a clause's text.
fn noise_in(text: &str) -> Option<&'static str> {
    if text.contains("undocs.org") {
        return Some("undocs.org link");
    }
    if text.contains("___") {
        return Some("footnote rule");
    }
    if text.contains('\u{c}') || text.contains('\n') {
        return Some("form feed or line break");
    }
    if text.contains("  ") {
        return Some("double space");
    }
    if text.contains("Distr.: General") {
        return Some("masthead");
    }
    let words: Vec<&str> = text.split(' ').collect();
    for w in &words {
        let b = w.as_bytes();
        // Job number 24-19997 and barcode *2419997*.
        if b.len() >= 8
            && b[..2].iter().all(u8::is_ascii_digit)
            && b[2] == b'-'
            && b[3..8].iter().all(u8::is_ascii_digit)
            && b.get(8).is_none_or(|c| !c.is_ascii_digit())
            && words.contains(&"(E)")
        {
            return Some("job number");
        }
        if b.len() > 6
            && b[0] == b'*'
            && b[b.len() - 1] == b'*'
            && b[1..b.len() - 1].iter().all(u8::is_ascii_digit)
        {
            return Some("barcode");
        }
    }
    None
}

/// Problems with one resolution's segmentation, empty when it is sound.
fn check(res: &Resolution) -> Vec<String> {
    let mut problems = Vec::new();
    if !res.clauses.iter().any(|c| c.kind == ClauseType::Operative) {
        problems.push("no operative clause".to_string());
    }
    // Numbering holds per section: preambular 1..N; operative increasing, each section
    // starting at 1 or where the one before stopped.
    let mut sections: Vec<&Option<String>> = Vec::new();
    for clause in &res.clauses {
        if sections.last() != Some(&&clause.section) {
            sections.push(&clause.section);
        }
    }
    let mut previous_last = 0;
    for section in sections {
        let of_kind = |kind| -> Vec<u32> {
            res.clauses
                .iter()
                .filter(|c| &c.section == section && c.kind == kind)
                .map(|c| c.number)
                .collect()
        };
        let preambular = of_kind(ClauseType::Preambular);
        if preambular != (1..=preambular.len() as u32).collect::<Vec<_>>() {
            problems.push(format!(
                "section {section:?}: preambular numbers {preambular:?}"
            ));
        }
        let operative = of_kind(ClauseType::Operative);
        let starts_well = operative
            .first()
            .is_none_or(|&n| n == 1 || n == previous_last + 1);
        if !starts_well || operative.windows(2).any(|w| w[1] <= w[0]) {
            problems.push(format!(
                "section {section:?}: operative numbers {operative:?}"
            ));
        }
        previous_last = operative.last().copied().unwrap_or(previous_last);
    }
    for pair in res.clauses.windows(2) {
        if pair[0].section == pair[1].section
            && pair[0].kind == ClauseType::Operative
            && pair[1].kind == ClauseType::Preambular
        {
            problems.push(format!("{} follows {}", pair[1].label(), pair[0].label()));
        }
    }
    for clause in &res.clauses {
        if let Some(what) = noise_in(&clause.text) {
            problems.push(format!(
                "{} holds a {what}: {}",
                clause.label(),
                clause.text
            ));
        }
        if clause.text.is_empty() {
            problems.push(format!("{} is empty", clause.label()));
        }
        // Subparagraphs are pieces of the text, in order, lettered from `a` on.
        let mut from = 0;
        for (i, sub) in clause.subparagraphs.iter().enumerate() {
            let letter = sub.label.trim_start_matches('(').trim_end_matches(')');
            let expected = char::from(b'a' + (i % 26) as u8);
            let in_order = clause.text[from..].find(&sub.text).map(|at| from + at);
            if !letter.starts_with(expected) || sub.text.is_empty() || in_order.is_none() {
                problems.push(format!("{} subparagraph {}", clause.label(), sub.label));
                break;
            }
            from = in_order.unwrap_or(from) + sub.text.len();
        }
    }
    if !(res.symbol.starts_with("A/RES/") || res.symbol.starts_with("S/RES/")) {
        problems.push(format!("symbol {:?}", res.symbol));
    }
    problems
}

fn check_folder(dir: &Path, expected_prefix: &str) {
    let files = common::text_files(dir);
    assert!(!files.is_empty(), "no files in {}", dir.display());
    let mut failures = Vec::new();
    for file in &files {
        match segment_file(file) {
            Ok(res) => {
                let mut problems = check(&res);
                if !res.symbol.starts_with(expected_prefix) {
                    problems.push(format!(
                        "symbol {} for a file in {}",
                        res.symbol,
                        dir.display()
                    ));
                }
                let stem = file.file_stem().unwrap().to_string_lossy();
                let expected = expected_symbol(&stem);
                if res.symbol != expected {
                    problems.push(format!(
                        "symbol {} where {expected} is expected",
                        res.symbol
                    ));
                }
                if !problems.is_empty() {
                    failures.push(format!("{}: {}", file.display(), problems.join("; ")));
                }
            }
            Err(e) => failures.push(format!("{}: error: {e:#}", file.display())),
        }
    }
    eprintln!(
        "{}: {} of {} files pass",
        dir.display(),
        files.len() - failures.len(),
        files.len()
    );
    assert!(
        failures.is_empty(),
        "{} files fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn mislabelled_files_are_still_in_the_corpus() {
    // If the data set is corrected, the list above must shrink with it.
    let Some(corpus) = common::shared_corpus() else {
        return;
    };
    for (name, _, why) in MISLABELLED {
        assert!(
            corpus.join("en/sc").join(format!("{name}.txt")).exists(),
            "{name} ({why}) is gone: remove it from MISLABELLED"
        );
    }
}

#[test]
fn every_general_assembly_resolution_segments_soundly() {
    let Some(corpus) = common::shared_corpus() else {
        return;
    };
    check_folder(&corpus.join("en/ga"), "A/RES/");
}

#[test]
fn every_security_council_resolution_segments_soundly() {
    let Some(corpus) = common::shared_corpus() else {
        return;
    };
    check_folder(&corpus.join("en/sc"), "S/RES/");
}

#[test]
fn a_comma_ended_lead_in_before_paragraph_one_opens_the_preamble_of_its_section() {
    // A/RES/79/258, section XXV "Contingency fund": "Recalls its resolution 78/253, …," stands
    // unnumbered before "1. Notes that …": it is the section's preamble, not a tail of XXIV.
    let Some(corpus) = common::shared_corpus() else {
        return;
    };
    let res = segment_file(&corpus.join("en/ga/A_RES_79_258.txt")).unwrap();
    let in_xxv: Vec<_> = res
        .clauses
        .iter()
        .filter(|c| c.section.as_deref() == Some("XXV"))
        .collect();
    assert_eq!(in_xxv.len(), 3, "{in_xxv:#?}");
    assert_eq!(in_xxv[0].kind, ClauseType::Preambular);
    assert!(
        in_xxv[0]
            .text
            .starts_with("Recalls its resolution 78/253, in which")
    );
    assert_eq!(in_xxv[0].cites, ["A/RES/78/253"]);
    assert!(in_xxv[1..].iter().all(|c| c.kind == ClauseType::Operative));
    assert!(
        res.clauses
            .iter()
            .filter(|c| c.section.as_deref() == Some("XXIV"))
            .all(|c| !c.text.contains("78/253"))
    );
}

#[test]
fn human_rights_council_references_are_its_own_not_the_assemblys() {
    // A/RES/78/202 PP1: "… resolution 77/214 …, and Human Rights Council decision 18/120 of 30
    // September 2011 and resolutions 24/14 of …, 27/21 …, 36/10 … and 52/13 …".
    let Some(corpus) = common::shared_corpus() else {
        return;
    };
    let res = segment_file(&corpus.join("en/ga/A_RES_78_202.txt")).unwrap();
    let pp1 = &res.clauses[0];
    assert_eq!(pp1.kind, ClauseType::Preambular);
    assert_eq!(
        pp1.cites[..4],
        [
            "A/RES/77/214",
            "A/HRC/DEC/18/120",
            "A/HRC/RES/24/14",
            "A/HRC/RES/27/21"
        ]
    );
    assert!(pp1.cites.iter().any(|c| c == "A/HRC/RES/52/13"));
    assert!(
        !pp1.cites.iter().any(|c| c == "A/RES/36/10"),
        "{:?}",
        pp1.cites
    );
}
