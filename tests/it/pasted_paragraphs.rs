//! A paragraph pasted into `ressearch query` just works: what is not query syntax is words.

use ressearch::trace::wording::fingerprint;

use crate::common::json_run;
use crate::common::{founding_index, ressearch, shared_index};
use crate::trace_cites::shared_resolutions;

/// Characters of a paragraph that the query language could read as syntax.
const SYNTAX_LIKE: [char; 9] = [':', '(', ')', '"', '“', '[', ']', '+', '-'];

#[test]
fn pasting_a_clause_finds_it_in_the_top_three_and_never_fails() {
    let Some(index) = shared_index() else {
        return;
    };
    let clauses: Vec<(String, String)> = shared_resolutions()
        .iter()
        .flat_map(|r| r.clauses.iter().map(move |c| (r, c)))
        .filter(|(_, c)| c.text.contains(SYNTAX_LIKE))
        .map(|(r, c)| (format!("{} {}", r.symbol, c.label()), c.text.clone()))
        .collect();
    assert!(clauses.len() > 3000, "{}", clauses.len());
    let step = clauses.len() / 300;
    let mut tried = 0;
    for (place, text) in clauses.iter().step_by(step) {
        tried += 1;
        let (hits, code) = json_run(index, &["query", text, "--json", "--limit", "3"]);
        assert_eq!(code, 0, "{place}: {text}");
        // The clause, or one of the same wording (a paragraph repeated elsewhere).
        assert!(
            hits.iter().any(|h| {
                format!(
                    "{} {}",
                    h["symbol"].as_str().unwrap(),
                    h["label"].as_str().unwrap()
                ) == *place
                    || fingerprint(h["text"].as_str().unwrap()) == fingerprint(text)
            }),
            "{place}: {text}"
        );
    }
    assert!(tried >= 300, "{tried}");
}

/// The exit code and standard error of a query on the shared index.
fn outcome(args: &[&str]) -> (i32, String) {
    let index = shared_index().unwrap();
    let output = ressearch()
        .arg("query")
        .args(args)
        .arg("--index")
        .arg(index)
        .output()
        .unwrap();
    // The notes, not the summary line.
    let notes: String = String::from_utf8(output.stderr)
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("ressearch:"))
        .map(|l| format!("{l}\n"))
        .collect();
    (output.status.code().unwrap(), notes)
}

#[test]
fn pasted_text_that_looks_like_syntax_is_searched_as_words() {
    if shared_index().is_none() {
        return;
    }
    // A name before a colon, subparagraph letters: words, silently.
    let (code, stderr) = outcome(&["Urges the Russian Federation: (a) To uphold"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    let (code, stderr) = outcome(&["a) To uphold [its obligations] +"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    // Not syntax: read as plain words, with one line saying why.
    let (code, stderr) = outcome(&["“Transforming our world: the 2030 Agenda\" for"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr, "ressearch: read as plain words: unbalanced quote\n");
    // Nothing searchable left: an error.
    let (code, stderr) = outcome(&["de la ( )"]);
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn french_pasted_text_with_a_colon_and_a_letter_is_words() {
    // "Décide ce qui suit :" and "a)": words of the founding text.
    let output = ressearch()
        .args([
            "query",
            "Décide ce qui suit : a) le Centre",
            "--lang",
            "fr",
            "--index",
        ])
        .arg(founding_index())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_ne!(output.status.code(), Some(2), "{stderr}");
    assert!(
        !stderr.contains("unknown field") && !stderr.contains("parenthes"),
        "{stderr}"
    );
}

#[test]
fn fixed_strings_read_every_word_as_text() {
    if shared_index().is_none() {
        return;
    }
    // With syntax, OR makes alternatives; with -F it is a word like any other.
    let (code, _) = outcome(&["-F", "peacekeeping OR zzzzunknownword", "--limit", "0"]);
    assert_eq!(code, 1);
    let (code, _) = outcome(&["peacekeeping OR zzzzunknownword", "--limit", "0"]);
    assert_eq!(code, 0);
    // -word is a word, not an exclusion.
    let output = ressearch()
        .args(["query", "--fixed-strings", "--limit", "0", "--index"])
        .arg(shared_index().unwrap())
        .args(["--", "-peacekeeping"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(!String::from_utf8_lossy(&output.stderr).contains("ressearch:"));
}
