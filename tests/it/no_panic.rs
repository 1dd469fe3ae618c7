//! Property tests: whatever bytes or query strings come in, ressearch answers with a result or
//! an error, never a panic.

use std::sync::OnceLock;

use proptest::prelude::*;
use ressearch::search::{Filters, Search};
use ressearch::{corpus, index, segment};

use crate::common;

/// Real resolution texts to mutate: the founding text and, when present, a sample of the
/// shared corpus (GA and SC).
fn real_texts() -> &'static Vec<String> {
    static TEXTS: OnceLock<Vec<String>> = OnceLock::new();
    TEXTS.get_or_init(|| {
        let mut texts = vec![std::fs::read_to_string(common::founding_file()).unwrap()];
        if let Some(shared) = common::shared_corpus() {
            for dir in ["en/ga", "en/sc"] {
                for file in common::text_files(&shared.join(dir)).iter().step_by(60) {
                    texts.push(std::fs::read_to_string(file).unwrap());
                }
            }
        }
        texts
    })
}

/// The index of the founding text, opened once.
fn founding_index() -> &'static (tantivy::Index, index::Fields) {
    static INDEX: OnceLock<(tantivy::Index, index::Fields)> = OnceLock::new();
    INDEX.get_or_init(|| index::open(common::founding_index()).unwrap())
}

/// One edit of a text: cut a range, insert a string, or duplicate a range.
#[derive(Debug, Clone)]
enum Mutation {
    Cut(usize, usize),
    Insert(usize, String),
    Duplicate(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 0usize..400).prop_map(|(at, len)| Mutation::Cut(at, len)),
        (any::<usize>(), "[\\PC\\n\\t\\u{c}_0-9().,;:/-]{0,40}")
            .prop_map(|(at, s)| Mutation::Insert(at, s)),
        (any::<usize>(), 0usize..2000).prop_map(|(at, len)| Mutation::Duplicate(at, len)),
    ]
}

fn boundary(text: &str, at: usize) -> usize {
    let mut at = at % (text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn apply(text: &mut String, m: &Mutation) {
    match m {
        Mutation::Cut(at, len) => {
            let start = boundary(text, *at);
            let end = boundary(text, start.saturating_add(*len).min(text.len()));
            text.replace_range(start..end.max(start), "");
        }
        Mutation::Insert(at, s) => {
            let at = boundary(text, *at);
            text.insert_str(at, s);
        }
        Mutation::Duplicate(at, len) => {
            let start = boundary(text, *at);
            let end = boundary(text, start.saturating_add(*len).min(text.len())).max(start);
            let piece = text[start..end].to_string();
            text.insert_str(end, &piece);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic_the_segmenter(bytes in proptest::collection::vec(any::<u8>(), 0..4000)) {
        let _ = segment::segment_bytes(&bytes, Some("A_RES_1_1"));
        if let Ok((text, _)) = corpus::decode(&bytes) {
            let _ = segment::segment_text(&text, None);
        }
    }

    #[test]
    fn arbitrary_text_never_panics_the_segmenter(text in "\\PC{0,3000}") {
        let _ = segment::segment_text(&text, Some("S_RES_1_1946"));
    }

    #[test]
    fn mutated_real_resolutions_never_panic_the_segmenter(
        which in any::<usize>(),
        mutations in proptest::collection::vec(mutation(), 1..12),
    ) {
        let texts = real_texts();
        let mut text = texts[which % texts.len()].clone();
        for m in &mutations {
            apply(&mut text, m);
        }
        if let Ok(res) = segment::segment_text(&text, None) {
            for clause in &res.clauses {
                prop_assert!(!clause.text.contains('\n'));
            }
        }
    }

    #[test]
    fn arbitrary_queries_never_panic(query in "[\\PC\"()\\-:*~^+!{}\\[\\]'’/ ]{0,80}") {
        let (idx, fields) = founding_index();
        if let Ok(search) = Search::new(idx, *fields, &query, &Filters::default()) {
            let _ = search.run(10);
        }
    }

    #[test]
    fn queries_of_syntax_pieces_never_panic(
        pieces in proptest::collection::vec(prop_oneof![
            proptest::sample::select(vec![
                "type:", "cites:", "symbol:", "lang:", "body:", "session:", "opening:", "colour:",
                "(", ")", "\"", " OR ", " AND ", " NOT ", "-", "+", " ", "(1967)", "(aé€)",
                "S/RES/242", "A/RES/72/7", "paix", "diplomatie", "de", "the", "operative", "fr",
                "sc", "75", "COVID-19", "l'", "’",
            ]).prop_map(str::to_string),
            "\\PC{1,3}",
        ], 0..24),
    ) {
        let query = pieces.concat();
        let (idx, fields) = founding_index();
        if let Ok(search) = Search::new(idx, *fields, &query, &Filters::default()) {
            let _ = search.run(10);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Filter values of any text, most of it outside ASCII (accents, the euro sign, CJK,
    /// emoji, right-to-left scripts), bare, quoted, followed by a parenthesis as a year would
    /// be, or among words: an answer or an error, never a panic (byte slices across a
    /// character once were one).
    #[test]
    fn filter_values_with_non_ascii_text_never_panic(
        field in proptest::sample::select(vec![
            "type", "cites", "symbol", "lang", "body", "session", "opening", "colour",
        ]),
        value in "[\\PC&&[^\\x00-\\x7f]]{1,6}[\\PC]{0,8}",
        after in "( \\([\\PC]{0,6}\\)?)?( [\\PC]{0,8})?",
        form in 0..3usize,
    ) {
        let query = match form {
            0 => format!("{field}:{value}{after}"),
            1 => format!("{field}:\"{value}\"{after}"),
            _ => format!("paix ({field}:{value}{after}) OR -{field}:{value}"),
        };
        let (idx, fields) = founding_index();
        if let Ok(search) = Search::new(idx, *fields, &query, &Filters::default()) {
            let _ = search.run(10);
        }
        let flags = Filters {
            cites: Some(value.clone()),
            symbol: Some(format!("{value}{after}")),
            ..Filters::default()
        };
        if let Ok(search) = Search::new(idx, *fields, &value, &flags) {
            let _ = search.run(10);
        }
    }
}

/// Queries that once crashed: a multi-byte character where a filter's `(YYYY)` year was looked
/// for (a byte slice across a character), thousands of nested parentheses (a stack overflow).
#[test]
fn queries_that_once_crashed_answer() {
    let (idx, fields) = founding_index();
    for query in [
        "cites:A/RES/1 (aé€)".to_string(),
        "symbol:A/RES/75/272 (éé€€) paix".to_string(),
        format!("{}paix{}", "(".repeat(8_400), ")".repeat(8_400)),
        format!("paix {}guerre", "NOT ".repeat(8_400)),
    ] {
        // Each is read (too deep a nesting as plain words) and searched.
        Search::new(idx, *fields, &query, &Filters::default())
            .unwrap_or_else(|e| panic!("{}…: {e}", query.chars().take(40).collect::<String>()))
            .run(10)
            .unwrap();
    }
}
