//! Segmentation of the founding French text, A/RES/75/272, clause by clause.

use ressearch::model::{Body, ClauseType, Language, Resolution};
use ressearch::segment::segment_file;

use crate::common;

fn founding() -> Resolution {
    segment_file(&common::founding_file()).expect("A/RES/75/272 segments")
}

fn pp(res: &Resolution, n: u32) -> &ressearch::model::Clause {
    res.clauses
        .iter()
        .find(|c| c.kind == ClauseType::Preambular && c.number == n)
        .unwrap_or_else(|| panic!("no PP{n}"))
}

#[test]
fn founding_text_has_sixteen_preambular_and_four_operative_clauses() {
    let res = founding();
    let kinds: Vec<_> = res.clauses.iter().map(|c| c.label()).collect();
    let expected: Vec<String> = (1..=16)
        .map(|n| format!("PP{n}"))
        .chain((1..=4).map(|n| format!("OP{n}")))
        .collect();
    assert_eq!(kinds, expected);
}

#[test]
fn founding_text_metadata_is_read_from_the_title_line() {
    let res = founding();
    assert_eq!(res.symbol, "A/RES/75/272");
    assert_eq!(res.language, Language::Fr);
    assert_eq!(res.body, Body::GeneralAssembly);
    assert_eq!(res.session, Some(75));
    assert_eq!(
        res.title.as_deref(),
        Some(
            "Rôle du Centre régional des Nations Unies pour la diplomatie préventive en Asie centrale"
        )
    );
}

#[test]
fn footnote_symbols_and_in_text_resolutions_are_cited() {
    let res = founding();
    assert_eq!(pp(&res, 2).cites, ["A/RES/72/7"]);
    assert_eq!(pp(&res, 3).cites, ["S/2007/279", "S/2007/280"]);
    assert_eq!(pp(&res, 3).footnotes, ["S/2007/279 et S/2007/280."]);
    assert!(pp(&res, 8).cites.contains(&"A/RES/60/288".to_string()));
    let pp9 = pp(&res, 9);
    assert!(
        pp9.cites.contains(&"A/71/982".to_string()),
        "{:?}",
        pp9.cites
    );
    assert!(
        pp9.cites.contains(&"S/2017/600".to_string()),
        "{:?}",
        pp9.cites
    );
}

#[test]
fn glued_footnote_markers_are_removed_even_after_a_year() {
    let res = founding();
    assert!(
        pp(&res, 3).text.ends_with("en Asie centrale,"),
        "{}",
        pp(&res, 3).text
    );
    assert!(
        pp(&res, 9)
            .text
            .contains("adoptée le 13 juin 2017, et le Plan"),
        "{}",
        pp(&res, 9).text
    );
    assert!(
        pp(&res, 8)
            .text
            .contains("des Nations Unies dans la région")
    );
}

#[test]
fn paragraphs_broken_by_a_page_break_are_joined() {
    let res = founding();
    let pp7 = pp(&res, 7);
    assert!(
        pp7.text.starts_with("Consciente de l’importance"),
        "{}",
        pp7.text
    );
    assert!(
        pp7.text
            .contains("ce qui aidera les pays de la région à réaliser"),
        "{}",
        pp7.text
    );
    assert!(
        pp7.text.ends_with("représentée par l’Organisation,"),
        "{}",
        pp7.text
    );
    let pp16 = pp(&res, 16);
    assert!(
        pp16.text.starts_with("Se félicitant des efforts"),
        "{}",
        pp16.text
    );
    assert!(
        pp16.text.ends_with("du Centre à cet égard,"),
        "{}",
        pp16.text
    );
}

#[test]
fn no_clause_holds_links_rules_or_footnote_text() {
    let res = founding();
    for clause in &res.clauses {
        for noise in [
            "undocs",
            "____",
            "S/2007/279 et",
            "Résolution 60/288.",
            "annexe.",
        ] {
            assert!(
                !clause.text.contains(noise),
                "{} holds {noise:?}: {}",
                clause.label(),
                clause.text
            );
        }
    }
}

#[test]
fn opening_phrases_are_the_leading_verb_group() {
    let res = founding();
    let openings: Vec<&str> = res.clauses.iter().map(|c| c.opening.as_str()).collect();
    assert_eq!(openings[0], "Guidée");
    assert_eq!(openings[1], "Rappelant");
    assert_eq!(openings[2], "Rappelant également");
    assert_eq!(openings[14], "Prenant note");
    assert_eq!(openings[15], "Se félicitant");
    assert_eq!(openings[16], "Encourage");
    assert_eq!(openings[17], "Se félicite");
}

#[test]
fn operative_clauses_keep_their_printed_numbers_without_the_number_in_the_text() {
    let res = founding();
    let op1 = res.clauses.iter().find(|c| c.label() == "OP1").unwrap();
    assert!(op1.text.starts_with("Encourage le Centre"), "{}", op1.text);
    let op4 = res.clauses.iter().find(|c| c.label() == "OP4").unwrap();
    assert!(
        op4.text
            .ends_with("la diplomatie préventive et le dialogue.")
    );
}

#[test]
fn every_line_end_convention_segments_the_same() {
    // Unix LF (the file), Windows CRLF and old Mac CR: the same clauses, word for word.
    let text = std::fs::read_to_string(common::founding_file()).unwrap();
    let unix = ressearch::segment::segment_text(&text, None).unwrap();
    for (name, line_end) in [("CRLF", "\r\n"), ("CR", "\r")] {
        let other = ressearch::segment::segment_text(&text.replace('\n', line_end), None)
            .unwrap_or_else(|e| panic!("{name}: {e:#}"));
        assert_eq!(
            serde_json::to_value(&other).unwrap(),
            serde_json::to_value(&unix).unwrap(),
            "{name}"
        );
    }
}
