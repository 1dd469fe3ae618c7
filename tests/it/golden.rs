//! Golden files: the exact segmentation of real resolutions, reviewed by hand.
//!
//! `tests/golden/NAME.json` holds the expected `ressearch segment --json` of the corpus file
//! `NAME.txt`, looked up in `corpus/` and then in `../shared/corpus/{fr,en/ga,en/sc}`. Adding a
//! case is adding a file: write it with `RESSEARCH_BLESS=1 cargo test --profile ci -- golden`, then
//! read it through before committing.

use std::path::{Path, PathBuf};

use ressearch::segment::segment_file;

use crate::common;

/// The corpus file `NAME.txt` of a golden file, in `corpus/` or in the shared corpus when
/// present.
fn source_of(name: &str, shared: Option<&Path>) -> Option<PathBuf> {
    let root = common::root();
    let local = root.join("corpus").join(format!("{name}.txt"));
    if local.exists() {
        return Some(local);
    }
    let shared = shared?;
    ["fr", "en/ga", "en/sc"]
        .iter()
        .map(|dir| shared.join(dir).join(format!("{name}.txt")))
        .find(|p| p.exists())
}

#[test]
fn segmentation_matches_every_golden_file() {
    let dir = common::root().join("tests/golden");
    let bless = std::env::var_os("RESSEARCH_BLESS").is_some();
    let shared = common::shared_corpus();
    let mut goldens: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/golden exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    goldens.sort();
    assert!(
        goldens.len() >= 10,
        "expected at least 10 golden files, found {}",
        goldens.len()
    );
    let mut mismatches = Vec::new();
    let mut checked = 0;
    for golden in &goldens {
        let name = golden.file_stem().unwrap().to_string_lossy().to_string();
        let Some(source) = source_of(&name, shared.as_deref()) else {
            // Only a golden file of the shared corpus may go unchecked, and only without it.
            if shared.is_some() {
                mismatches.push(format!(
                    "{name}: no {name}.txt in corpus/ nor in the shared corpus"
                ));
            }
            continue;
        };
        let res = segment_file(&source).unwrap_or_else(|e| panic!("{}: {e:#}", source.display()));
        let actual = serde_json::to_string_pretty(&res).unwrap() + "\n";
        if bless {
            std::fs::write(golden, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(golden).unwrap();
        if expected != actual {
            let expected_value: serde_json::Value = serde_json::from_str(&expected).unwrap();
            let actual_value: serde_json::Value = serde_json::from_str(&actual).unwrap();
            let first_difference = first_difference(&expected_value, &actual_value, String::new());
            mismatches.push(format!("{name}: {first_difference}"));
        }
        checked += 1;
    }
    eprintln!("checked {checked} golden files");
    assert!(bless || checked > 0, "no golden file was checked");
    assert!(
        mismatches.is_empty(),
        "segmentation differs from golden files (RESSEARCH_BLESS=1 rewrites them):\n{}",
        mismatches.join("\n")
    );
}

/// A readable pointer to where two JSON values first differ.
fn first_difference(
    expected: &serde_json::Value,
    actual: &serde_json::Value,
    path: String,
) -> String {
    use serde_json::Value;
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (key, ev) in e {
                match a.get(key) {
                    Some(av) if av != ev => {
                        return first_difference(ev, av, format!("{path}.{key}"));
                    }
                    None => return format!("{path}.{key} is missing"),
                    _ => {}
                }
            }
            format!("{path} has extra keys")
        }
        (Value::Array(e), Value::Array(a)) => {
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                if ev != av {
                    return first_difference(ev, av, format!("{path}[{i}]"));
                }
            }
            format!("{path}: {} items expected, {} found", e.len(), a.len())
        }
        _ => format!("{path}: expected {expected}, found {actual}"),
    }
}
