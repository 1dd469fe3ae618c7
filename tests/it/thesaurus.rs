//! The thesaurus: names users type that the texts do not use reach the clauses that use the
//! official ones, in both languages, below the words typed; users extend it with their own file.

use crate::common::{
    count, founding_index, index_of, one_clause_corpus, query_json, ressearch, shared_index,
};

fn texts(args: &[&str], n: usize, index: &std::path::Path) -> Vec<String> {
    query_json(index, &[args, &["-n", &n.to_string()]].concat())
        .iter()
        .map(|hit| hit["text"].as_str().unwrap().to_lowercase())
        .collect()
}

#[test]
fn popular_names_reach_the_official_ones_in_either_language() {
    let Some(index) = shared_index() else { return };
    for (query, official) in [
        ("blue helmets", "peacekeeping"),
        ("casques bleus", "peacekeeping"),
        ("FGM", "female genital mutilation"),
        ("child soldiers", "child"),
        ("superbugs", "antimicrobial"),
    ] {
        let found = texts(&[query, "--lang", "any"], 20, index);
        assert!(!found.is_empty(), "{query}: nothing");
        assert!(
            found.iter().take(5).all(|t| t.contains(official)),
            "{query}: {found:?}"
        );
    }
}

#[test]
fn the_words_typed_rank_above_the_other_names_of_their_concept() {
    let Some(index) = shared_index() else { return };
    let found = texts(&["global warming"], 1000, index);
    let literal = |t: &String| t.contains("global warming");
    let first_other = found.iter().position(|t| !literal(t)).unwrap();
    assert!(first_other > 0, "{:?}", found[0]);
    assert!(found[first_other].contains("climate change"));
    // Most clauses with the words typed come before any with another name only.
    let literal_after = found[first_other..].iter().filter(|t| literal(t)).count();
    assert!(
        literal_after * 2 < first_other,
        "{first_other} then {literal_after}"
    );
}

#[test]
fn a_user_thesaurus_extends_the_built_in_one_and_a_missing_one_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.txt");
    std::fs::write(&file, "# mine\nAchgabat centre | diplomatie préventive\n").unwrap();
    let with = count(
        ressearch()
            .env("RESSEARCH_THESAURUS", &file)
            .args(["query", "-c", "--index"])
            .arg(founding_index())
            .arg("Achgabat centre"),
    );
    let without = count(
        ressearch()
            .env("RESSEARCH_THESAURUS", "")
            .args(["query", "-c", "--index"])
            .arg(founding_index())
            .arg("Achgabat centre"),
    );
    assert!(with > without, "{with} vs {without}");
    ressearch()
        .env("RESSEARCH_THESAURUS", dir.path().join("absent.txt"))
        .args(["query", "--index"])
        .arg(founding_index())
        .arg("diplomatie")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("absent.txt"));
}

#[test]
fn acronyms_mined_from_the_clauses_find_their_long_forms_and_back() {
    let corpus = one_clause_corpus(&[
        (
            1,
            "Welcomes the work of the United Nations Interim Force in Lebanon (UNIFIL)",
        ),
        (2, "Decides to extend the mandate of UNIFIL until 31 August"),
        (
            3,
            "Commends the United Nations Interim Force in Lebanon for its role",
        ),
        (4, "Decides to remain seized of the matter"),
    ]);
    let dir = index_of(corpus.path());
    let count = |query: &str| -> usize {
        count(
            ressearch()
                .env("RESSEARCH_THESAURUS", "")
                .args(["query", "-c", "--index"])
                .arg(dir.path())
                .arg(query),
        )
    };
    assert_eq!(count("UNIFIL"), 3);
    assert_eq!(count("\"United Nations Interim Force in Lebanon\""), 2);
    assert_eq!(count("United Nations Interim Force in Lebanon"), 3);
}
