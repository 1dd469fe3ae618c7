//! `ressearch serve`, its JSON API: the objects of the commands' `--json`, errors as 400 with
//! `{"error": …}` (never a 500 on what a request asks), the security headers, the downloads,
//! and a new index generation picked up while serving.

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::{founding_index, ressearch, root, shared_index};
use crate::serve_client::{Server, build_index, encode};

/// The JSON lines a command prints with `--json`.
fn json_lines(args: &[&str], index: &Path) -> Vec<Value> {
    crate::common::json_run(index, args).0
}

#[test]
fn search_answers_the_hits_of_query_json_with_the_total_and_the_time() {
    let index = founding_index();
    let server = Server::start(index);
    let reply = server.get(&format!(
        "/api/search?q={}&limit=5",
        encode("diplomatie préventive")
    ));
    assert_eq!(reply.status, 200);
    assert!(
        reply
            .header("content-type")
            .unwrap()
            .starts_with("application/json")
    );
    let answer = reply.json();
    let expected = json_lines(
        &["query", "diplomatie préventive", "--json", "-n", "5"],
        index,
    );
    assert!(!expected.is_empty());
    assert_eq!(answer["hits"].as_array().unwrap(), &expected);
    let count = ressearch()
        .args(["query", "-c", "diplomatie préventive", "--index"])
        .arg(index)
        .output()
        .unwrap();
    let count: u64 = String::from_utf8(count.stdout)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert_eq!(answer["total"], count);
    assert!(answer["took_ms"].as_f64().unwrap() >= 0.0);
    // Paged: the second page starts where the first ends, as a longer list gives it.
    let all = server.get(&format!("/api/search?q={}&limit=4", encode("diplomatie")));
    let page = server.get(&format!(
        "/api/search?q={}&limit=2&offset=2",
        encode("diplomatie")
    ));
    assert_eq!(
        page.json()["hits"].as_array().unwrap()[..],
        all.json()["hits"].as_array().unwrap()[2..]
    );
    // Filters as the command line's flags.
    let operative = server.get(&format!(
        "/api/search?q={}&type=operative&lang=fr",
        encode("Centre")
    ));
    let hits = operative.json()["hits"].as_array().unwrap().clone();
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h["type"] == "operative"));
    assert_eq!(
        hits,
        json_lines(
            &[
                "query",
                "Centre",
                "--type",
                "operative",
                "--lang",
                "fr",
                "--json",
                "-n",
                "20"
            ],
            index
        )
    );
}

#[test]
fn search_counts_as_query_does_exactly_up_to_ten_thousand_then_says_more() {
    let Some(index) = shared_index() else { return };
    let server = Server::start(index);
    let total_of = |q: &str| {
        let reply = server.get(&format!("/api/search?q={}&limit=3", encode(q)));
        assert_eq!(reply.status, 200);
        let answer = reply.json();
        (
            answer["total"].as_u64().unwrap(),
            answer["total_is_lower_bound"].as_bool().unwrap(),
        )
    };
    let exact = |q: &str| -> u64 {
        crate::common::count(ressearch().args(["query", "-c", q, "--index"]).arg(index)) as u64
    };
    // Under the bound: the exact count, said to be exact.
    let under = "united nations";
    assert_eq!(total_of(under), (exact(under), false));
    // Over it (a union of frequent words): the bound, said to be a lower bound.
    let over = "nations OR resolution";
    assert!(exact(over) > 10_000, "{over}: {}", exact(over));
    assert_eq!(total_of(over), (10_000, true));
}

#[test]
fn show_cites_similar_and_diff_answer_what_their_commands_print() {
    let Some(index) = shared_index() else { return };
    let server = Server::start(index);
    // show: the object of show --json, with the languages indexed.
    let mut shown = server.get("/api/show?symbol=75%2F272").json();
    assert_eq!(shown["languages"], serde_json::json!(["fr"]));
    shown.as_object_mut().unwrap().remove("languages");
    assert_eq!(shown, json_lines(&["show", "75/272", "--json"], index)[0]);
    let one = server
        .get("/api/show?symbol=A%2FRES%2F75%2F272&label=op3")
        .json();
    assert_eq!(one["clauses"].as_array().unwrap().len(), 1);
    // cites, both ways.
    let citing = server.get("/api/cites?symbol=A%2FRES%2F72%2F7").json();
    assert_eq!(citing["symbol"], "A/RES/72/7");
    let expected = json_lines(&["cites", "A/RES/72/7", "--json"], index);
    assert!(!expected.is_empty());
    assert_eq!(citing["clauses"].as_array().unwrap(), &expected);
    let from = server.get("/api/cites?from=A%2FRES%2F79%2F207").json();
    let expected = json_lines(&["cites", "--from", "A/RES/79/207", "--json"], index);
    assert!(!expected.is_empty());
    assert_eq!(from["cites"].as_array().unwrap(), &expected);
    // similar, by a clause and by a text.
    let similar = server
        .get("/api/similar?symbol=A%2FRES%2F79%2F207&label=OP11")
        .json();
    let expected = json_lines(
        &[
            "similar",
            "--symbol",
            "A/RES/79/207",
            "--label",
            "OP11",
            "--json",
        ],
        index,
    );
    assert!(!expected.is_empty());
    assert_eq!(similar["hits"].as_array().unwrap(), &expected);
    let text = expected[0]["text"].as_str().unwrap();
    let by_text = server
        .get(&format!("/api/similar?text={}&limit=3", encode(text)))
        .json();
    assert_eq!(by_text["hits"][0]["similarity"], 1.0);
    // diff against the predecessor.
    let diff = server.get("/api/diff?new=A%2FRES%2F79%2F207").json();
    assert_eq!(diff["old"], "A/RES/78/154");
    assert!(diff["chosen"].as_str().unwrap().contains("same title"));
    assert_eq!(
        diff["paragraphs"].as_array().unwrap(),
        &json_lines(&["diff", "A/RES/79/207", "--json"], index)
    );
    // French and English side by side.
    let parallel = server
        .get("/api/show?symbol=A%2FRES%2F69%2F131&parallel=1")
        .json();
    assert_eq!(
        parallel,
        json_lines(&["show", "A/RES/69/131", "--parallel", "--json"], index)[0]
    );
}

#[test]
fn what_a_request_gets_wrong_is_a_400_with_an_error_object_never_a_500() {
    let server = Server::start(founding_index());
    let long = "paix ".repeat(500);
    let bad = [
        "/api/search".to_string(),
        "/api/search?q=".to_string(),
        format!("/api/search?q={}", encode(&long)),
        "/api/search?q=paix&limit=1001".to_string(),
        "/api/search?q=paix&limit=ten".to_string(),
        "/api/search?q=paix&offset=-1".to_string(),
        "/api/search?q=paix&offset=10001".to_string(),
        "/api/search?q=paix&type=clause".to_string(),
        "/api/search?q=paix&lang=de".to_string(),
        "/api/search?q=paix&body=nato".to_string(),
        "/api/search?q=paix&session=0".to_string(),
        "/api/search?q=paix&adopted=yesterday".to_string(),
        "/api/search?q=paix&sort=size".to_string(),
        "/api/search?q=paix&format=xml".to_string(),
        "/api/search?q=paix&limt=5".to_string(),
        "/api/search?q=paix&q=guerre".to_string(),
        "/api/search?q=paix&fixed=maybe".to_string(),
        "/api/search?q=%28%29".to_string(),
        "/api/search?q=le+de+la".to_string(),
        "/api/search?q=%FF%FE".to_string(),
        "/api/show".to_string(),
        "/api/show?symbol=nonsense".to_string(),
        "/api/show?symbol=A%2FRES%2F1%2F999".to_string(),
        "/api/show?symbol=75%2F272&label=OP99".to_string(),
        "/api/show?symbol=75%2F272&parallel=1".to_string(),
        "/api/show?symbol=..%2F..%2Fetc%2Fpasswd".to_string(),
        "/api/cites".to_string(),
        "/api/cites?symbol=hello".to_string(),
        "/api/cites?symbol=A%2FRES%2F72%2F7&from=A%2FRES%2F75%2F272".to_string(),
        "/api/similar".to_string(),
        "/api/similar?text=paix&symbol=75%2F272&label=OP1".to_string(),
        "/api/similar?symbol=75%2F272".to_string(),
        "/api/similar?text=paix&min=2".to_string(),
        "/api/diff".to_string(),
        "/api/diff?new=75%2F272".to_string(),
        "/api/status?x=1".to_string(),
    ];
    for path in &bad {
        let reply = server.get(path);
        assert_eq!(reply.status, 400, "{path}: {}", reply.text());
        let error = reply.json();
        let message = error["error"].as_str().unwrap_or_default();
        assert!(!message.is_empty(), "{path}: {error}");
        assert_eq!(error.as_object().unwrap().len(), 1, "{path}: {error}");
    }
    // A quote left open is read as plain words, with a note, as on the command line.
    let reply = server.get("/api/search?q=%22diplomatie+pr%C3%A9ventive");
    assert_eq!(reply.status, 200);
    assert!(
        reply.json()["note"]
            .as_str()
            .unwrap()
            .contains("plain words")
    );
    let missing = server.get("/etc/passwd");
    assert_eq!(missing.status, 404);
    assert!(
        missing.json()["error"]
            .as_str()
            .unwrap()
            .contains("no such page")
    );
}

#[test]
fn every_answer_carries_the_content_security_policy_and_the_page_has_no_inline_script() {
    let server = Server::start(founding_index());
    for path in [
        "/",
        "/app.js",
        "/app.css",
        "/api/search?q=paix",
        "/api/show",
        "/nope",
    ] {
        let reply = server.get(path);
        let csp = reply.header("content-security-policy").unwrap_or_default();
        assert!(csp.contains("default-src 'none'"), "{path}: {csp}");
        assert!(csp.contains("script-src 'self'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert_eq!(reply.header("x-content-type-options"), Some("nosniff"));
    }
    let page = server.get("/").text();
    assert!(page.contains("<script src=\"/app.js\" defer></script>"));
    assert_eq!(
        page.matches("<script").count(),
        1,
        "one script, from a file"
    );
    assert!(!page.contains(" on"), "no inline event handler attribute");
    // The script never writes HTML from data.
    let script = server.get("/app.js").text();
    assert!(!script.contains("innerHTML") && !script.contains("insertAdjacentHTML"));
    assert!(!script.contains("document.write"));
}

#[test]
fn csv_and_ndjson_downloads_hold_the_hits() {
    let server = Server::start(founding_index());
    let json = server.get("/api/search?q=Centre&limit=7").json();
    let hits = json["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 7);
    let ndjson = server.get("/api/search?q=Centre&limit=7&format=ndjson");
    assert_eq!(ndjson.status, 200);
    assert!(
        ndjson
            .header("content-disposition")
            .unwrap()
            .starts_with("attachment")
    );
    let lines: Vec<Value> = ndjson
        .text()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(&lines, hits);
    let csv = server.get("/api/search?q=Centre&limit=7&format=csv");
    assert!(csv.header("content-type").unwrap().starts_with("text/csv"));
    let text = csv.text();
    let rows: Vec<&str> = text.split("\r\n").filter(|r| !r.is_empty()).collect();
    assert_eq!(rows.len(), 8, "a header and a row a hit");
    assert!(rows[0].starts_with("\"symbol\",\"label\",\"type\""));
    for (row, hit) in rows[1..].iter().zip(hits) {
        let start = format!(
            "\"{}\",\"{}\"",
            hit["symbol"].as_str().unwrap(),
            hit["label"].as_str().unwrap()
        );
        assert!(row.starts_with(&start), "{row}");
        assert!(row.contains(&hit["text"].as_str().unwrap().replace('"', "\"\"")));
    }
}

#[test]
fn an_index_published_while_serving_is_answered_from_without_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    build_index(&index, &root().join("corpus"));
    let server = Server::start(&index);
    let before = server.get("/api/status").json();
    assert_eq!(
        server.get("/api/search?q=symbol%3AA%2FRES%2F80%2F1").json()["total"],
        0
    );
    // A second resolution, written beside the first, indexed while the server runs.
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::copy(
        root().join("corpus/A_RES_75_272.txt"),
        corpus.join("A_RES_75_272.txt"),
    )
    .unwrap();
    let founding = std::fs::read_to_string(root().join("corpus/A_RES_75_272.txt")).unwrap();
    std::fs::write(
        corpus.join("A_RES_80_1.txt"),
        founding.replace("75/272", "80/1"),
    )
    .unwrap();
    build_index(&index, &corpus);
    let started = Instant::now();
    loop {
        let now = server.get("/api/status").json();
        if now["generation"] != before["generation"] {
            assert!(now["clauses"].as_u64() > before["clauses"].as_u64());
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the new generation was not picked up: {:?}",
            server.stderr.lock().unwrap()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let found = server.get("/api/search?q=symbol%3AA%2FRES%2F80%2F1").json();
    assert!(found["total"].as_u64().unwrap() > 0, "{found}");
}

#[test]
fn a_request_past_the_time_limit_is_a_503_with_an_error_object() {
    let Some(index) = shared_index() else { return };
    let server = Server::start_with(index, &["--time-limit-ms", "1"]);
    // A thousand hits with their snippets and highlights take far more than a millisecond.
    let reply = server.get("/api/search?q=development+OR+peace+OR+paix&limit=1000");
    assert_eq!(reply.status, 503, "{}", reply.text());
    assert!(
        reply.json()["error"]
            .as_str()
            .unwrap()
            .contains("longer than 1 ms")
    );
    // The server goes on answering.
    assert_eq!(server.get("/api/status").status, 200);
}
