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

/// The current generation's folder of an index.
fn current_generation(index: &std::path::Path) -> std::path::PathBuf {
    let current = std::fs::read_to_string(index.join("CURRENT")).unwrap();
    index.join(current.lines().next().unwrap().trim())
}

/// The names the build of an index's current generation listed as held by no clause of a
/// language: `(code, name)` (none when it listed nothing).
fn absent_names(index: &std::path::Path) -> Vec<(String, String)> {
    let list = current_generation(index).join("absent-names.txt");
    if !list.is_file() {
        return Vec::new();
    }
    std::fs::read_to_string(list)
        .unwrap()
        .lines()
        .filter(|line| !line.starts_with('#'))
        .map(|line| {
            let (code, name) = line.split_once('\t').unwrap();
            (code.to_string(), name.to_string())
        })
        .collect()
}

#[test]
fn names_an_index_holds_nowhere_are_listed_and_leaving_them_out_changes_no_hit() {
    let Some(shared) = crate::common::shared_corpus() else {
        return;
    };
    // French (the founding text) and English clauses about peacekeeping operations.
    let corpus = tempfile::tempdir().unwrap();
    std::fs::copy(
        crate::common::founding_file(),
        corpus.path().join("A_RES_75_272.txt"),
    )
    .unwrap();
    for file in ["A_RES_79_92.txt", "A_RES_79_10.txt", "A_RES_79_331.txt"] {
        std::fs::copy(shared.join("en/ga").join(file), corpus.path().join(file)).unwrap();
    }
    let index = index_of(corpus.path());
    let listed = absent_names(index.path());
    let is_listed = |code: &str, name: &str| listed.iter().any(|(c, n)| c == code && n == name);
    assert!(listed.len() > 500, "{}", listed.len());
    assert!(is_listed("fr", "blue helmets") && is_listed("en", "casques bleus"));
    assert!(
        !is_listed("en", "peacekeeping operation"),
        "English clauses hold it"
    );
    // A listed name, quoted, finds nothing in its language.
    for (code, name) in listed.iter().step_by(40) {
        let quoted = format!("\"{name}\"");
        let found = count(
            ressearch()
                .args(["query", "-c", "--lang", code, "--index"])
                .arg(index.path())
                .arg(&quoted),
        );
        assert_eq!(found, 0, "{code} {quoted}");
    }
    // Queries naming concepts rank the same clauses the same without the list. (Their
    // highlights may differ: without it, the words of a name no clause holds as a phrase were
    // highlighted on their own, `la` of "opérations de maintien de la paix" in English text.)
    let queries = [
        "peacekeeping operations mandate",
        "blue helmets",
        "casques bleus",
        "opérations de maintien de la paix",
        "diplomatie préventive",
        "refugees",
    ];
    let hits = |query: &str| -> Vec<String> {
        query_json(index.path(), &[query, "-n", "50"])
            .iter()
            .map(|hit| {
                format!(
                    "{} {} {} {}",
                    hit["symbol"], hit["label"], hit["score"], hit["near"]
                )
            })
            .collect()
    };
    let with: Vec<_> = queries.iter().map(|q| hits(q)).collect();
    assert!(with.iter().filter(|h| !h.is_empty()).count() >= 4);
    std::fs::remove_file(current_generation(index.path()).join("absent-names.txt")).unwrap();
    assert!(absent_names(index.path()).is_empty());
    for (query, before) in queries.iter().zip(with) {
        assert_eq!(hits(query), before, "{query}");
    }
}

#[test]
fn an_update_lists_absent_names_anew_and_none_when_the_thesaurus_cannot_be_read() {
    let corpus = one_clause_corpus(&[(1, "welcomes the work of the peacebuilding commission")]);
    let index = index_of(corpus.path());
    assert!(absent_names(index.path()).contains(&("en".into(), "blue helmets".into())));
    // A clause that names the concept only by "blue helmets": found through the concept once
    // the update lists the names anew.
    let found = |index: &std::path::Path| {
        count(
            ressearch()
                .args(["query", "-c", "--index"])
                .arg(index)
                .arg("peacekeeping operations"),
        )
    };
    assert_eq!(found(index.path()), 0);
    std::fs::write(
        corpus.path().join("A_RES_78_2.txt"),
        "78/2. Test\n\nThe General Assembly,\n\n1. Pays tribute to the blue helmets;\n",
    )
    .unwrap();
    crate::common::indexed(corpus.path(), index.path(), &[]);
    let listed = absent_names(index.path());
    assert!(!listed.contains(&("en".into(), "blue helmets".into())));
    assert!(listed.contains(&("en".into(), "casques bleus".into())));
    assert_eq!(found(index.path()), 1);
    // An update whose thesaurus cannot be read lists nothing (the previous list, which the
    // added clauses may contradict, is not kept); queries with a readable one find all.
    std::fs::write(
        corpus.path().join("A_RES_78_3.txt"),
        "78/3. Test\n\nThe General Assembly,\n\n1. Honours the casques bleus;\n",
    )
    .unwrap();
    let run = ressearch()
        .env("RESSEARCH_THESAURUS", corpus.path().join("missing.txt"))
        .args(["index", "--index"])
        .arg(index.path())
        .arg(corpus.path())
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(absent_names(index.path()).is_empty());
    assert_eq!(found(index.path()), 2);
}
