//! Incremental indexing: a second `ressearch index` touches only what changed, and ends with
//! the same index a full rebuild gives.

use std::path::Path;

use crate::common::{self, hit_lines, indexed as index, ressearch, results};

#[test]
fn a_second_run_reindexes_only_changes_and_matches_a_full_rebuild() {
    let Some(shared) = common::shared_corpus() else {
        return;
    };
    let corpus = tempfile::tempdir().unwrap();
    let ga = common::text_files(&shared.join("en/ga"));
    for file in ga.iter().take(12) {
        std::fs::copy(file, corpus.path().join(file.file_name().unwrap())).unwrap();
    }
    std::fs::copy(
        common::founding_file(),
        corpus.path().join("A_RES_75_272.txt"),
    )
    .unwrap();
    let incremental = tempfile::tempdir().unwrap();
    index(corpus.path(), incremental.path(), &[]);

    let unchanged_run = index(corpus.path(), incremental.path(), &[]);
    assert!(
        unchanged_run.contains("0 added, 0 updated, 0 removed, 13 unchanged"),
        "{unchanged_run}"
    );

    // One file added, one changed (a clause dropped), one deleted.
    std::fs::copy(&ga[12], corpus.path().join(ga[12].file_name().unwrap())).unwrap();
    let founding = std::fs::read_to_string(common::founding_file()).unwrap();
    let changed = founding.replace(
        "Encourage le Centre à continuer de coopérer",
        "Invite le Centre à continuer de coopérer",
    );
    assert_ne!(changed, founding);
    std::fs::write(corpus.path().join("A_RES_75_272.txt"), changed).unwrap();
    std::fs::remove_file(corpus.path().join(ga[0].file_name().unwrap())).unwrap();
    let update_run = index(corpus.path(), incremental.path(), &[]);
    assert!(
        update_run.contains("1 added, 1 updated, 1 removed, 11 unchanged"),
        "{update_run}"
    );

    let full = tempfile::tempdir().unwrap();
    let full_run = index(corpus.path(), full.path(), &["--rebuild"]);
    assert!(!full_run.contains("unchanged"), "{full_run}");
    let total = |run: &str| {
        run.lines()
            .last()
            .unwrap()
            .split(" in ")
            .next()
            .unwrap()
            .to_string()
    };
    assert_eq!(total(&update_run), total(&full_run));
    for query in [
        "type:operative",
        "type:preambular",
        "Invite le Centre",
        "Encourage",
        "General Assembly",
    ] {
        assert_eq!(
            results(incremental.path(), query),
            results(full.path(), query),
            "{query}"
        );
    }
    assert!(!results(incremental.path(), "Invite le Centre").is_empty());
    let deleted_symbol = ga[0]
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .replace('_', "/");
    assert!(results(incremental.path(), &format!("symbol:{deleted_symbol}")).is_empty());
}

#[test]
fn an_index_of_another_version_asks_for_a_rebuild() {
    let idx = tempfile::tempdir().unwrap();
    index(&common::root().join("corpus"), idx.path(), &[]);
    let current = std::fs::read_to_string(idx.path().join("CURRENT")).unwrap();
    let meta_path = idx.path().join(current.trim()).join("ressearch.json");
    let mut meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&meta_path).unwrap()).unwrap();
    meta["schema_version"] = serde_json::json!(999);
    std::fs::write(&meta_path, serde_json::to_vec(&meta).unwrap()).unwrap();

    let out = ressearch()
        .args(["query", "paix", "--index"])
        .arg(idx.path())
        .assert()
        .code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("format 999") && stderr.contains("ressearch index --rebuild"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"));

    // Indexing again does not reuse the incompatible index: it builds afresh.
    let run = index(&common::root().join("corpus"), idx.path(), &[]);
    assert!(!run.contains("unchanged"), "{run}");
    assert!(!results(idx.path(), "paix").is_empty());
}

#[test]
fn an_update_scores_every_hit_exactly_as_a_full_rebuild() {
    const SCORED: &[&str] = &["symbol", "label", "score"];
    let Some(shared) = common::shared_corpus() else {
        return;
    };
    let corpus = tempfile::tempdir().unwrap();
    let mut files = common::text_files(&shared.join("en/ga"));
    files.extend(common::text_files(&shared.join("en/sc")));
    for file in &files {
        std::fs::copy(file, corpus.path().join(file.file_name().unwrap())).unwrap();
    }
    let incremental = tempfile::tempdir().unwrap();
    index(corpus.path(), incremental.path(), &[]);
    // 40 files deleted, 30 changed (a word replaced all through), spread over the corpus.
    let copied = common::text_files(corpus.path());
    for (i, file) in copied.iter().enumerate() {
        if i % 27 == 0 {
            std::fs::remove_file(file).unwrap();
        } else if i % 37 == 1 {
            let text = std::fs::read_to_string(file).unwrap();
            std::fs::write(file, text.replace("Council", "Councils")).unwrap();
        }
    }
    let update = index(corpus.path(), incremental.path(), &[]);
    assert!(update.contains(" removed,"), "{update}");
    let full = tempfile::tempdir().unwrap();
    index(corpus.path(), full.path(), &["--rebuild"]);
    let queries = [
        "peace",
        "Council",
        "Councils",
        "sustainable development",
        "\"international peace and security\"",
        "human rights",
        "sanctions OR embargo",
        "Decides",
        "refugees",
        "climate change",
        "nuclear weapons",
        "women peace security",
        "type:operative peace",
        "body:sc threat",
        "session:78 education",
        "Palestine",
        "\"Charter of the United Nations\"",
        "children -armed",
        "terrorism",
        "development cooperation",
    ];
    let mut compared = 0;
    for query in queries {
        let (a, b) = (
            hit_lines(incremental.path(), query, SCORED),
            hit_lines(full.path(), query, SCORED),
        );
        assert!(!a.is_empty(), "{query}");
        assert_eq!(
            a, b,
            "{query}: scores differ between the update and a rebuild"
        );
        compared += a.len();
    }
    eprintln!(
        "{} queries, {compared} scored hits, all equal",
        queries.len()
    );
    // What is indexed but not stored (wording fingerprints, the base symbols of cites) is
    // made again for the clauses an update re-indexes: `cites` and `similar` agree too.
    let mut lines = 0;
    for args in [
        &["cites", "A/CONF.157/24", "--json"][..],
        &["cites", "S/10896", "--json"],
        &["cites", "A/RES/70/1", "--json"],
        &[
            "similar",
            "--symbol",
            "A/RES/79/207",
            "--label",
            "OP11",
            "--json",
        ],
        &[
            "similar",
            "--symbol",
            "A/RES/78/154",
            "--label",
            "PP1",
            "--json",
        ],
    ] {
        let run = |index: &Path| {
            let (code, stdout, stderr) = common::run_on(args, index);
            assert!(matches!(code, 0 | 1), "{args:?}: {stderr}");
            let mut lines: Vec<String> = stdout.lines().map(str::to_string).collect();
            lines.sort();
            lines
        };
        let (a, b) = (run(incremental.path()), run(full.path()));
        assert_eq!(a, b, "{args:?}: the update and a rebuild differ");
        lines += a.len();
    }
    assert!(lines > 0, "nothing cited or similar was found");
}
