//! What people expect of a command-line tool: count-only and list-only output, a `search`
//! alias, `--color`, a summary on standard error and deterministic standard output, JSON with
//! character offsets and links, the index found from anywhere, shell completions, man pages,
//! examples in every `--help`, and progress bars on a terminal only.

use std::path::Path;

use predicates::prelude::*;
use serde_json::Value;

use crate::common::{self, founding_index, ressearch, shared_index};

fn json_hits(args: &[&str], index: &Path) -> Vec<Value> {
    let mut all = vec!["query", "--json", "-n", "100000"];
    all.extend_from_slice(args);
    let (_, stdout, stderr) = common::run_on(&all, index);
    assert!(stderr.is_empty(), "{stderr}");
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn count_prints_only_the_number_of_matching_clauses() {
    let (code, stdout, stderr) = common::run_on(&["query", "-c", "diplomatie"], founding_index());
    assert_eq!((code, stdout.as_str(), stderr.as_str()), (0, "6\n", ""));
    let (code, stdout, _) = common::run_on(&["query", "--count", "introuvable"], founding_index());
    assert_eq!((code, stdout.as_str()), (1, "0\n"));
    // The count is the number of clauses, whatever --limit says.
    let (_, stdout, _) = common::run_on(&["query", "-c", "-n", "1", "Centre"], founding_index());
    let hits = json_hits(&["Centre"], founding_index());
    assert_eq!(stdout, format!("{}\n", hits.len()));
    assert!(hits.len() > 1);
}

#[test]
fn list_prints_each_matching_resolution_once() {
    let (code, stdout, stderr) = common::run_on(&["query", "-l", "paix"], founding_index());
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (0, "A/RES/75/272\n", "")
    );
    let (code, stdout, _) = common::run_on(&["query", "--list", "introuvable"], founding_index());
    assert_eq!((code, stdout.as_str()), (1, ""));
    let Some(shared) = shared_index() else { return };
    for query in ["cites:\"S/RES/242 (1967)\"", "preventive diplomacy"] {
        let (code, stdout, _) = common::run_on(&["query", "-l", query], shared);
        assert_eq!(code, 0);
        let listed: Vec<&str> = stdout.lines().collect();
        let mut unique = listed.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), listed.len(), "{query}: a symbol twice");
        // The same resolutions as the hits, in the order of each one's best hit.
        let mut from_hits: Vec<String> = Vec::new();
        // Near matches (some words missing) fill a short list; -l lists the full matches.
        for hit in json_hits(&[query], shared)
            .into_iter()
            .filter(|h| h.get("near").is_none())
        {
            let symbol = hit["symbol"].as_str().unwrap().to_string();
            if !from_hits.contains(&symbol) {
                from_hits.push(symbol);
            }
        }
        assert!(listed.len() > 1, "{query}");
        assert_eq!(listed, from_hits, "{query}");
    }
}

#[test]
fn search_is_another_name_for_query() {
    let (_, query, _) = common::run_on(&["query", "diplomatie préventive"], founding_index());
    let (code, search, _) = common::run_on(&["search", "diplomatie préventive"], founding_index());
    assert_eq!(code, 0);
    assert!(!query.is_empty());
    assert_eq!(query, search);
}

#[test]
fn standard_output_is_the_same_on_every_run_and_the_summary_goes_to_standard_error() {
    let args = ["query", "Centre", "-n", "5"];
    let (_, first, first_err) = common::run_on(&args, founding_index());
    let (_, second, second_err) = common::run_on(&args, founding_index());
    assert_eq!(first, second);
    assert!(!first.contains("matching clauses shown"));
    for stderr in [first_err, second_err] {
        assert!(
            stderr.starts_with("5 of ") && stderr.contains("matching clauses shown ("),
            "{stderr}"
        );
    }
}

#[test]
fn a_filter_in_parentheses_does_not_double_the_hits() {
    let plain = json_hits(&["type:operative"], founding_index());
    assert_eq!(plain.len(), 4);
    for grouped in [
        "(type:operative)",
        "((type:operative))",
        "Centre (type:operative)",
    ] {
        let hits = json_hits(&[grouped], founding_index());
        let mut labels: Vec<&str> = hits.iter().map(|h| h["label"].as_str().unwrap()).collect();
        let listed = labels.len();
        labels.sort();
        labels.dedup();
        assert_eq!(labels.len(), listed, "{grouped}: a hit twice");
        assert!(hits.iter().all(|h| h["type"] == "operative"), "{grouped}");
        let (_, count, _) = common::run_on(&["query", "-c", grouped], founding_index());
        assert_eq!(count, format!("{listed}\n"), "{grouped}");
    }
    assert_eq!(json_hits(&["(type:operative)"], founding_index()).len(), 4);
}

#[test]
fn json_highlights_are_character_ranges_of_the_text_and_hits_carry_a_link() {
    let hits = json_hits(&["diplomatie préventive"], founding_index());
    assert!(!hits.is_empty());
    for hit in hits.iter().filter(|h| h.get("near").is_none()) {
        assert_eq!(hit["url"], "https://undocs.org/A/RES/75/272");
        let text: Vec<char> = hit["text"].as_str().unwrap().chars().collect();
        let ranges = hit["highlights"].as_array().unwrap();
        assert!(!ranges.is_empty(), "{hit}");
        for range in ranges {
            let (start, end) = (
                range[0].as_u64().unwrap() as usize,
                range[1].as_u64().unwrap() as usize,
            );
            let word: String = text[start..end].iter().collect();
            assert!(
                ["diplomatie", "préventive", "préventives", "Diplomatie"].contains(&word.as_str()),
                "{word:?} at {start}..{end}"
            );
        }
    }
    // Every match of the whole text, not only those of the snippet: OP1 says it twice.
    let op1 = hits.iter().find(|h| h["label"] == "OP1").unwrap();
    assert_eq!(
        op1["highlights"],
        serde_json::json!([[55, 65], [66, 76], [164, 174], [175, 185]])
    );
    let Some(shared) = shared_index() else { return };
    let hits = json_hits(&["symbol:\"S/RES/242 (1967)\""], shared);
    assert!(!hits.is_empty());
    for hit in hits {
        assert_eq!(hit["url"], "https://undocs.org/S/RES/242(1967)");
        assert_eq!(
            hit["highlights"],
            serde_json::json!([]),
            "a filter marks no word"
        );
    }
}

/// Runs `command` (a shell command line) on a pseudo-terminal through `script`, with `env`,
/// and returns what the terminal showed; `None` (with a message) where `script` is missing.
fn on_terminal(command: &str, env: &[(&str, &str)]) -> Option<String> {
    let mut script = std::process::Command::new("script");
    script.args(["-q", "-e", "-c", command, "/dev/null"]);
    script.env_remove("NO_COLOR");
    for (key, value) in env {
        script.env(key, value);
    }
    match script.output() {
        Ok(out) => Some(String::from_utf8_lossy(&out.stdout).into_owned()),
        Err(e) => {
            crate::common::skipped(format_args!(
                "SKIPPED: cannot run `script` for a terminal ({e}); terminal cases not run"
            ));
            None
        }
    }
}

fn bin() -> String {
    format!("'{}'", assert_cmd::cargo::cargo_bin("ressearch").display())
}

#[test]
fn colour_follows_the_flag_the_terminal_and_no_color() {
    let index = founding_index();
    let coloured = |args: &[&str]| {
        let (_, stdout, _) = common::run_on(args, index);
        assert!(stdout.contains("diplomatie"), "{stdout}");
        stdout.contains('\x1b')
    };
    assert!(coloured(&["query", "diplomatie", "--color", "always"]));
    assert!(coloured(&["--color", "always", "query", "diplomatie"]));
    assert!(!coloured(&["query", "diplomatie", "--color", "never"]));
    assert!(!coloured(&["query", "diplomatie", "--color", "auto"]));
    assert!(!coloured(&["query", "diplomatie"]));
    ressearch()
        .args(["query", "diplomatie", "--color", "sometimes", "--index"])
        .arg(index)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("always"));
    let command = format!("{} query diplomatie --index '{}'", bin(), index.display());
    let Some(terminal) = on_terminal(&command, &[]) else {
        return;
    };
    assert!(terminal.contains("\x1b[1;31m"), "{terminal}");
    let terminal = on_terminal(&command, &[("NO_COLOR", "1")]).unwrap();
    assert!(
        terminal.contains("diplomatie") && !terminal.contains("\x1b["),
        "{terminal}"
    );
    let terminal = on_terminal(&format!("{command} --color never"), &[]).unwrap();
    assert!(
        terminal.contains("diplomatie") && !terminal.contains("\x1b["),
        "{terminal}"
    );
}

#[test]
fn progress_bars_show_on_a_terminal_only() {
    let corpus = common::root().join("corpus");
    let index = tempfile::tempdir().unwrap();
    let synth = tempfile::tempdir().unwrap();
    // Piped: never, however long the run (a delay of 0 shows a bar at the first file).
    ressearch()
        .env("RESSEARCH_PROGRESS_DELAY_MS", "0")
        .args(["index", "--index"])
        .arg(index.path())
        .arg(&corpus)
        .assert()
        .success()
        .stderr(predicate::str::contains("reading files").not());
    let index_command = format!(
        "{} index '{}' --index '{}' --rebuild",
        bin(),
        corpus.display(),
        index.path().display()
    );
    let Some(quick) = on_terminal(&index_command, &[]) else {
        return;
    };
    // On a terminal: not for a run shorter than the delay (indexing one file)…
    assert!(quick.contains("indexed 20 clauses"), "{quick}");
    assert!(!quick.contains("reading files"), "{quick}");
    // … and shown once the run lasts longer than it.
    let slow = on_terminal(&index_command, &[("RESSEARCH_PROGRESS_DELAY_MS", "0")]).unwrap();
    assert!(slow.contains("reading files"), "{slow}");
    assert!(slow.contains("indexed 20 clauses"), "{slow}");
    let synth_command = format!(
        "{} synth --resolutions 50 --out '{}' --from '{}'",
        bin(),
        synth.path().display(),
        corpus.display()
    );
    let slow = on_terminal(&synth_command, &[("RESSEARCH_PROGRESS_DELAY_MS", "0")]).unwrap();
    assert!(slow.contains("writing resolutions"), "{slow}");
    assert!(slow.contains("wrote 50 resolutions"), "{slow}");
}

/// The binary run in `cwd` with only the given index-related variables set.
fn located(cwd: &Path, env: &[(&str, &Path)]) -> assert_cmd::Command {
    let mut cmd = ressearch();
    cmd.current_dir(cwd)
        .env_remove("RESSEARCH_INDEX")
        .env_remove("XDG_DATA_HOME")
        .env_remove("HOME");
    for (key, value) in env {
        cmd.env(key, value);
    }
    cmd
}

fn is_index(dir: &Path) -> bool {
    dir.join("CURRENT").is_file()
}

#[test]
fn the_index_is_found_by_flag_variable_local_folder_then_data_folder() {
    let corpus = common::root().join("corpus");
    let tmp = tempfile::tempdir().unwrap();
    let (work, elsewhere, home, data) = (
        tmp.path().join("work"),
        tmp.path().join("elsewhere"),
        tmp.path().join("home"),
        tmp.path().join("data"),
    );
    for dir in [&work, &elsewhere, &home] {
        std::fs::create_dir(dir).unwrap();
    }
    // No ./index: the data folder, $XDG_DATA_HOME/ressearch/index, for writing and reading.
    let xdg: &[(&str, &Path)] = &[("XDG_DATA_HOME", &data), ("HOME", &home)];
    located(&work, xdg)
        .arg("index")
        .arg(&corpus)
        .assert()
        .success();
    assert!(is_index(&data.join("ressearch/index")));
    assert!(!work.join("index").exists());
    located(&elsewhere, xdg)
        .args(["query", "-c", "Achgabat"])
        .assert()
        .success()
        .stdout("2\n");
    // Without XDG_DATA_HOME: ~/.local/share/ressearch/index.
    let home_only: &[(&str, &Path)] = &[("HOME", &home)];
    located(&work, home_only)
        .arg("index")
        .arg(&corpus)
        .assert()
        .success();
    assert!(is_index(&home.join(".local/share/ressearch/index")));
    // A missing index says where it looked.
    let empty_home = tmp.path().join("empty-home");
    located(&elsewhere, &[("HOME", &empty_home)])
        .args(["query", "paix"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            empty_home
                .join(".local/share/ressearch/index")
                .to_str()
                .unwrap(),
        ));
    // ./index, when it exists, comes before the data folder.
    std::fs::create_dir(work.join("index")).unwrap();
    located(&work, &[("HOME", &empty_home)])
        .arg("index")
        .arg(&corpus)
        .assert()
        .success();
    assert!(is_index(&work.join("index")));
    located(&work, &[("HOME", &empty_home)])
        .args(["query", "-c", "Achgabat"])
        .assert()
        .success()
        .stdout("2\n");
    // RESSEARCH_INDEX before ./index, and --index before RESSEARCH_INDEX.
    let by_variable = tmp.path().join("by-variable");
    let by_flag = tmp.path().join("by-flag");
    located(&work, &[("RESSEARCH_INDEX", &by_variable)])
        .arg("index")
        .arg(&corpus)
        .assert()
        .success();
    assert!(is_index(&by_variable));
    located(&elsewhere, &[("RESSEARCH_INDEX", &by_variable)])
        .args(["query", "-c", "Achgabat"])
        .assert()
        .success()
        .stdout("2\n");
    located(&work, &[("RESSEARCH_INDEX", &by_variable)])
        .args(["index", "--index"])
        .arg(&by_flag)
        .arg(&corpus)
        .assert()
        .success();
    assert!(is_index(&by_flag));
    located(
        &elsewhere,
        &[("RESSEARCH_INDEX", &tmp.path().join("nothing"))],
    )
    .args(["query", "-c", "Achgabat", "--index"])
    .arg(&by_flag)
    .assert()
    .success();
}

#[test]
fn completions_are_written_for_each_shell() {
    for (shell, marker) in [
        ("bash", "complete -F _ressearch"),
        ("zsh", "#compdef ressearch"),
        ("fish", "complete -c ressearch"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[ressearch]"),
    ] {
        let out = ressearch().args(["completions", shell]).assert().success();
        let script = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        assert!(script.contains(marker), "{shell}");
        for word in ["query", "limit", "strict", "completions"] {
            assert!(script.contains(word), "{shell}: {word}");
        }
    }
    // The bash script is valid bash.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ressearch.bash");
    let out = ressearch().args(["completions", "bash"]).output().unwrap();
    std::fs::write(&path, out.stdout).unwrap();
    let check = std::process::Command::new("bash")
        .arg("-n")
        .arg(&path)
        .status()
        .unwrap();
    assert!(check.success());
    ressearch()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("powershell"));
}

#[test]
fn man_pages_are_roff_for_ressearch_and_each_command() {
    let page = |args: &[&str]| {
        let out = ressearch().arg("man").args(args).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    };
    let main = page(&[]);
    assert!(main.starts_with(".TH \"ressearch\" 1"), "{main}");
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH OPTIONS",
        ".SH \"EXIT STATUS\"",
        ".SH \"ENVIRONMENT\"",
        ".SH \"FILES\"",
        ".SH EXAMPLES",
        "ressearch\\-query(1)",
        "RESSEARCH_INDEX",
    ] {
        assert!(main.contains(section), "{section}");
    }
    for command in [
        "segment",
        "index",
        "query",
        "show",
        "cites",
        "similar",
        "diff",
        "bench",
        "export",
        "eval",
        "synth",
        "completions",
        "man",
    ] {
        let text = page(&[command]);
        assert!(
            text.starts_with(&format!(".TH \"ressearch-{command}\" 1")),
            "{command}"
        );
        // The command's own examples, not another's.
        let examples = text
            .split_once(".SH EXAMPLES\n.nf\n")
            .unwrap_or_else(|| panic!("{command}: no examples in {text}"))
            .1;
        assert!(
            examples.starts_with(&format!("ressearch {command}")),
            "{command}: {examples}"
        );
    }
    assert!(page(&["query"]).contains("\\-\\-limit"));
    ressearch().args(["man", "nosuch"]).assert().code(2);
    // groff, where installed, reads the pages without a warning.
    for args in [&[][..], &["query"][..]] {
        let groff = std::process::Command::new("groff")
            .args(["-man", "-Tutf8", "-ww", "-z"])
            .stdin(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn();
        let Ok(mut groff) = groff else {
            crate::common::skipped(format_args!(
                "SKIPPED: groff is not installed; the pages were not typeset"
            ));
            return;
        };
        let text = page(args);
        std::io::Write::write_all(&mut groff.stdin.take().unwrap(), text.as_bytes()).unwrap();
        let out = groff.wait_with_output().unwrap();
        assert!(out.status.success());
        assert!(
            out.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn every_help_has_examples() {
    for command in [
        None,
        Some("segment"),
        Some("index"),
        Some("query"),
        Some("search"),
        Some("bench"),
        Some("export"),
        Some("synth"),
        Some("completions"),
        Some("man"),
        Some("show"),
        Some("cites"),
        Some("similar"),
        Some("diff"),
    ] {
        let mut cmd = ressearch();
        cmd.args(command).arg("--help");
        let out = cmd.assert().success();
        let help = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        let shown = match command {
            None | Some("search") | Some("man") => "ressearch ",
            Some(command) => command,
        };
        let examples = help
            .split_once("Examples:\n")
            .unwrap_or_else(|| panic!("{command:?}: no examples in {help}"))
            .1;
        assert!(
            examples
                .lines()
                .next()
                .is_some_and(|line| line.starts_with("  ressearch ") && line.contains(shown)),
            "{command:?}: {examples}"
        );
    }
}
