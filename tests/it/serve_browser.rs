//! The page of `ressearch serve` in a real browser (Debian's chromium, headless, driven over
//! WebDriver by chromedriver): a French query typed, its hits highlighted, filtered by clause
//! type, a resolution opened at the clause, citations followed both ways, the CSV downloaded;
//! screenshots at a wide and a phone width; and a clause holding an `<img onerror>` tag, which
//! must show as text and run nothing.
//!
//! Skipped, with a visible message, when chromium or chromedriver is missing, unless
//! `RESSEARCH_REQUIRE_BROWSER` is set (as `.ci/run` does, after installing them).
//! `RESSEARCH_SCREENSHOTS=DIR` keeps the screenshots in DIR (the README's come from there).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::json;

use crate::common::{root, shared_index};
use crate::serve_client::{Browser, Server, browser, build_index, png_size};

const ENTER: &str = "\u{E007}";

/// Where the screenshots go: `RESSEARCH_SCREENSHOTS`, or a scratch folder.
fn screenshot_dir(scratch: &Path) -> PathBuf {
    std::env::var_os("RESSEARCH_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| scratch.to_path_buf())
}

/// Takes a screenshot, checks it is a PNG of the window's width, and keeps it as `name`.
fn screenshot(page: &Browser, dir: &Path, name: &str, width: u32) {
    let png = page.screenshot();
    let (w, h) = png_size(&png);
    assert_eq!(w, width, "{name}: the screenshot is {w}×{h}");
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join(name), png).unwrap();
}

/// Every form field has a label, nothing is wider than the window, and the page is not
/// scrolled sideways.
fn assert_accessible_and_fitting(page: &Browser, what: &str) {
    let unlabelled = page.eval(
        "return [...document.querySelectorAll('input, select, button')]
            .filter(e => !(e.labels && e.labels.length) && !e.textContent.trim()
                         && !e.getAttribute('aria-label'))
            .map(e => e.outerHTML)",
        json!([]),
    );
    assert_eq!(unlabelled, json!([]), "{what}: fields without a label");
    // Text contrast (WCAG AA): every element holding text, its colour against the first
    // background behind it that is not transparent, at least 4.5:1.
    let low = page.eval(
        "const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
         const lum = ([r, g, b]) => [r, g, b].map((v) => {
             v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
         }).reduce((s, v, k) => s + v * [0.2126, 0.7152, 0.0722][k], 0);
         const behind = (e) => {
             for (; e; e = e.parentElement) {
                 const c = rgb(getComputedStyle(e).backgroundColor);
                 if (c.length === 3 || c[3] > 0) return c.slice(0, 3);
             }
             return [255, 255, 255];
         };
         const low = [];
         let checked = 0;
         for (const e of document.querySelectorAll('body *')) {
             const own = [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
             if (!own || !e.getClientRects().length) continue;
             const a = lum(rgb(getComputedStyle(e).color)), b = lum(behind(e));
             const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
             if (!(ratio >= 4.5)) low.push(e.tagName + ' ' + ratio.toFixed(2) + ' ' + e.textContent.slice(0, 40));
             checked++;
         }
         return {low, checked}",
        json!([]),
    );
    assert_eq!(low["low"], json!([]), "{what}: text below 4.5:1");
    assert!(low["checked"].as_u64().unwrap() > 20, "{what}: {low}");
    let overflow = page.eval(
        "return document.documentElement.scrollWidth - window.innerWidth",
        json!([]),
    );
    assert!(
        overflow.as_i64().unwrap() <= 0,
        "{what}: the page is {overflow} px wider than the window"
    );
}

#[test]
fn a_french_query_is_highlighted_filtered_opened_followed_and_downloaded() {
    let Some(index) = shared_index() else { return };
    let Some((driver, chromium)) = browser() else {
        return;
    };
    let scratch = tempfile::tempdir().unwrap();
    let shots = screenshot_dir(scratch.path());
    let server = Server::start(index);
    let page = Browser::start(&driver, &chromium, 1280, 900);
    page.goto(&server.url("/"));

    // A French query, typed and sent with Enter.
    page.type_into("#q", &format!("diplomatie préventive{ENTER}"));
    page.wait_for(
        "the hits",
        "return document.querySelectorAll('#hits .hit').length",
    );
    let marks = page.eval(
        "return [...document.querySelectorAll('#hits .hit mark')].map(m => m.textContent.toLowerCase())",
        json!([]),
    );
    let marks: Vec<String> = serde_json::from_value(marks).unwrap();
    assert!(marks.iter().any(|m| m == "diplomatie"), "{marks:?}");
    assert!(marks.iter().any(|m| m == "préventive"), "{marks:?}");
    let status = page.eval(
        "return document.getElementById('status').textContent",
        json!([]),
    );
    assert!(
        status.as_str().unwrap().contains("6 matching clauses"),
        "{status}"
    );
    assert!(
        page.eval("return location.search", json!([]))
            .as_str()
            .unwrap()
            .contains("q=diplomatie")
    );
    assert_accessible_and_fitting(&page, "results, wide");

    // Filtered by clause type: every hit operative, the filter in the URL.
    page.send_keys("#f-type", "operative");
    page.wait_for(
        "the operative hits",
        "return location.search.includes('type=operative')
            && document.querySelectorAll('#hits .hit').length > 0
            && [...document.querySelectorAll('#hits .hit .badge')]
                 .filter(b => b.textContent.includes('·'))
                 .every(b => b.textContent.endsWith('operative'))",
    );
    screenshot(&page, &shots, "serve-results-wide.png", 1280);

    // The first hit's resolution, in document order, the clause in view and focused.
    let place = page.eval(
        "return document.querySelector('#hits .hit .place').textContent",
        json!([]),
    );
    assert_eq!(place, "A/RES/75/272 OP1");
    page.click("#hits .hit .place");
    page.wait_for(
        "the resolution at OP1",
        "const c = document.querySelector('#resolution .clause.target');
         if (!c) return false;
         const r = c.getBoundingClientRect();
         return c.id === 'clause-OP1' && r.top >= 0 && r.bottom <= window.innerHeight
             && document.activeElement === c",
    );
    let labels = page.eval(
        "return [...document.querySelectorAll('#resolution .clause .label')].map(l => l.textContent)",
        json!([]),
    );
    let labels: Vec<String> = serde_json::from_value(labels).unwrap();
    assert_eq!(labels.first().map(String::as_str), Some("PP1"));
    assert!(labels.iter().position(|l| l == "PP16") < labels.iter().position(|l| l == "OP1"));

    // Who cites it: A/RES/79/274 PP12; followed, then its citation back to A/RES/75/272.
    page.wait_for(
        "the clauses citing it",
        "return document.querySelector('#resolution .cited-by a.citing')",
    );
    page.click("#resolution .cited-by a.citing");
    page.wait_for(
        "A/RES/79/274 at PP12",
        "const c = document.querySelector('#resolution .clause.target');
         return c && c.id === 'clause-PP12'
             && document.querySelector('#resolution h2').textContent === 'A/RES/79/274'",
    );
    page.click("#clause-PP12 a.cite[href*='75%2F272']");
    page.wait_for(
        "A/RES/75/272 again",
        "return document.querySelector('#resolution h2')?.textContent === 'A/RES/75/272'",
    );
    screenshot(&page, &shots, "serve-resolution-wide.png", 1280);

    // Back to the results, and the CSV of the filtered search downloaded.
    page.eval("history.go(-3)", json!([]));
    page.wait_for(
        "the results again",
        "return !document.getElementById('results').hidden
            && location.search.includes('type=operative')",
    );
    page.click("#dl-csv");
    let csv = page.downloads.join("ressearch.csv");
    let started = Instant::now();
    while !csv.exists() {
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "no CSV downloaded into {}",
            page.downloads.display()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(200));
    let text = std::fs::read_to_string(&csv).unwrap();
    let rows: Vec<&str> = text.split("\r\n").filter(|r| !r.is_empty()).collect();
    assert!(rows[0].starts_with("\"symbol\",\"label\",\"type\""));
    assert!(rows.len() > 1);
    assert!(
        rows[1].starts_with("\"A/RES/75/272\",\"OP1\",\"operative\""),
        "{}",
        rows[1]
    );
    assert!(rows[1..].iter().all(|r| r.contains("\"operative\"")));

    // What changed since the predecessor, as `diff` aligns it.
    page.goto(&server.url("/?show=A%2FRES%2F79%2F207"));
    page.wait_for(
        "A/RES/79/207",
        "return document.getElementById('changes-box')",
    );
    page.click("#changes-box summary");
    let changes = page.wait_for(
        "the changes",
        "const box = document.querySelector('#changes-box .changes');
         return box.querySelector('ul.diff') && box.textContent",
    );
    let changes = changes.as_str().unwrap();
    assert!(changes.contains("From A/RES/78/154"), "{changes}");
    assert!(
        changes.contains("PP1 changed: “77/166” → “78/154”"),
        "{changes}"
    );
    page.eval(
        "document.getElementById('changes-box').scrollIntoView()",
        json!([]),
    );
    screenshot(&page, &shots, "serve-changes-wide.png", 1280);

    // French and English side by side.
    page.goto(&server.url("/?show=A%2FRES%2F69%2F196&label=PP2"));
    page.wait_for(
        "the two versions",
        "return document.querySelector('#resolution .parallel .clause.target')
            && document.querySelector('#resolution .clause .clause-text[lang=fr]')
            && document.querySelector('#resolution .clause .clause-text[lang=en]')",
    );
    screenshot(&page, &shots, "serve-parallel-wide.png", 1280);

    // At a phone's width: the same pages, nothing wider than the screen.
    page.set_size(390, 844);
    let width = page
        .eval("return window.innerWidth", json!([]))
        .as_u64()
        .unwrap() as u32;
    assert!((360..=420).contains(&width), "window {width} px wide");
    page.goto(&server.url("/?q=diplomatie+pr%C3%A9ventive&lang=fr"));
    page.wait_for(
        "the hits",
        "return document.querySelectorAll('#hits .hit').length",
    );
    assert_eq!(
        page.eval("return document.getElementById('f-lang').value", json!([])),
        "fr",
        "the filters are read back from the URL"
    );
    assert_accessible_and_fitting(&page, "results, phone");
    assert_eq!(
        page.eval(
            "return [document.getElementById('filters-box').open, document.getElementById('filters-summary').textContent]",
            json!([])
        ),
        json!([false, "Filters (1 set)"]),
        "on a phone the filters fold away, their summary saying how many are set"
    );
    screenshot(&page, &shots, "serve-results-phone.png", width);
    page.goto(&server.url("/?show=A%2FRES%2F69%2F196&label=OP1"));
    page.wait_for(
        "the clause",
        "return document.querySelector('#resolution .clause.target')",
    );
    assert_accessible_and_fitting(&page, "resolution, phone");
    screenshot(&page, &shots, "serve-parallel-phone.png", width);
}

#[test]
fn a_clause_holding_an_img_onerror_tag_renders_as_text_and_runs_nothing() {
    let Some((driver, chromium)) = browser() else {
        return;
    };
    // A real resolution (the founding one), with the tag written into its first operative
    // clause, indexed in a scratch folder.
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let text = std::fs::read_to_string(root().join("corpus/A_RES_75_272.txt")).unwrap();
    let payload = "<img src=x onerror=\"window.pwned=1;document.title='pwned'\"> <script>window.pwned=2</script>";
    let anchor = "à continuer d’entretenir le dialogue";
    assert!(text.contains(anchor));
    let hostile = text.replacen(anchor, &format!("{anchor} {payload}"), 1);
    std::fs::write(corpus.join("A_RES_75_272.txt"), hostile).unwrap();
    let index = dir.path().join("index");
    build_index(&index, &corpus);
    let server = Server::start(&index);
    // The tag is in the indexed clause, as text.
    let api = server
        .get("/api/search?q=diplomatie+pr%C3%A9ventive+Asie&limit=1")
        .json();
    let clause = api["hits"][0]["text"].as_str().unwrap();
    assert!(clause.contains("<img src=x onerror="), "{clause}");

    let page = Browser::start(&driver, &chromium, 1280, 900);
    page.goto(&server.url("/?q=diplomatie+pr%C3%A9ventive+Asie"));
    page.wait_for(
        "the hits",
        "return document.querySelectorAll('#hits .hit').length",
    );
    // Shown whole, the full text too.
    page.eval(
        "document.querySelectorAll('#hits .hit button[aria-expanded]').forEach(b => b.textContent === 'Full text' && b.click())",
        json!([]),
    );
    let shown = page.eval(
        "return document.querySelector('#hits .hit .text').textContent",
        json!([]),
    );
    assert!(
        shown.as_str().unwrap().contains("<img src=x onerror="),
        "{shown}"
    );
    assert!(shown.as_str().unwrap().contains("<script>"), "{shown}");
    // The resolution view too.
    page.click("#hits .hit .place");
    page.wait_for(
        "the resolution",
        "return document.querySelector('#resolution .clause.target')",
    );
    std::thread::sleep(Duration::from_millis(300));
    let state = page.eval(
        "return {
            images: document.querySelectorAll('img').length,
            scripts: document.querySelectorAll('script').length,
            pwned: window.pwned === undefined ? null : window.pwned,
            title: document.title,
            text: document.querySelector('#resolution .clause.target').textContent,
        }",
        json!([]),
    );
    assert_eq!(state["images"], 0, "{state}");
    assert_eq!(state["scripts"], 1, "only the page's own script: {state}");
    assert_eq!(state["pwned"], json!(null), "{state}");
    assert_ne!(state["title"], "pwned");
    assert!(
        state["text"]
            .as_str()
            .unwrap()
            .contains("<img src=x onerror=")
    );
}
