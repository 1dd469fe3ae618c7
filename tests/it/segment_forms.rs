//! The forms of resolution that real texts print, each segmented right: unnumbered operative
//! paragraphs, operative formulas, headings and connectors that are no clauses, texts adopted
//! inline, paragraph numbers the OCR garbled, stray footnote markers, lettered subparagraphs.
//!
//! Where the shared corpus holds the form, the test reads that file; the older Security Council
//! forms it lacks are quoted here from the printed resolutions named in each test.

use ressearch::model::{Clause, ClauseType, Resolution};
use ressearch::segment::{segment_file, segment_text};

use crate::common;

fn labels(res: &Resolution) -> Vec<String> {
    res.clauses.iter().map(Clause::label).collect()
}

fn clause<'r>(res: &'r Resolution, label: &str) -> &'r Clause {
    res.clauses
        .iter()
        .find(|c| c.label() == label)
        .unwrap_or_else(|| panic!("no {label} in {:?}", labels(res)))
}

/// A file of the shared corpus, segmented; `None` (the test skips) without the corpus.
fn shared(path: &str) -> Option<Resolution> {
    let corpus = common::shared_corpus()?;
    let file = corpus.join(path);
    Some(segment_file(&file).unwrap_or_else(|e| panic!("{}: {e:#}", file.display())))
}

#[test]
fn a_single_unnumbered_operative_paragraph_without_its_period_is_kept() {
    // S/RES/351 (1974): the only operative paragraph has lost its final period, and reads
    // like a heading; it must not be dropped.
    let text = "Resolution 351 (1974)\nof 10 June 1974\n\nThe Security Council,\n\nHaving examined the application of the People’s Republic of Bangladesh for admission to membership in\nthe United Nations,\n\nRecommends to the Genera] Assembly that the\nPeople’s Republic of Bangladesh be admitted to membership in the United Nations\n\nAdopted without a vote at\nthe 1776th meeting.";
    let res = segment_text(text, None).unwrap();
    assert_eq!(labels(&res), ["PP1", "OP1"]);
    assert!(clause(&res, "OP1").text.starts_with("Recommends to the"));
    assert!(clause(&res, "OP1").text.ends_with("in the United Nations"));
}

#[test]
fn a_body_of_one_sentence_under_the_organ_line_is_its_operative_paragraph() {
    // S/RES/285 (1970): no comma after the organ line, one sentence, no final period.
    let text = "Resolution 285 (1970)\nof 5 September 1970\n\nThe Security Council\nDemands the complete and immediate withdrawal\nof all Israeli armed forces from Lebanese territory\n\nAdopted at the 1551st meeting\nby 14 votes to none,\nwith 1 abstention (United\nStates of America).";
    let res = segment_text(text, None).unwrap();
    assert_eq!(labels(&res), ["OP1"]);
    assert_eq!(
        res.clauses[0].text,
        "Demands the complete and immediate withdrawal of all Israeli armed forces from Lebanese territory"
    );
    assert_eq!(res.clauses[0].opening, "Demands");
}

#[test]
fn it_is_resolved_that_opens_the_operative_part() {
    // S/RES/17 (1947): "Whereas …," then "It is resolved that …", no organ line.
    let text = "17 (1947). Resolution of 10 February 1947\n\nWhereas the Commission of Investigation established by the Security Council by its resolution\n15 (1946) of 19 December 1946 has referred to the\nCouncil the question of whether the Commission’s\nrequest is covered by the\nterms of reference in such resolution,\n\nIt is resolved that the Security Council request the\nSecretary-General to advise the Commission of Investigation that it is the sense of the Security Council\nthat the Commission is not\nempowered to request the postponement, and makes its\nrequest on this ground.\n\nAdopted at the 101st meeting by 9 votes to none,\nwith 2 abstentions.";
    let res = segment_text(text, None).unwrap();
    assert_eq!(labels(&res), ["PP1", "OP1"]);
    assert_eq!(clause(&res, "OP1").kind, ClauseType::Operative);
    assert!(clause(&res, "OP1").text.starts_with("It is resolved that"));
    assert_eq!(clause(&res, "OP1").opening, "It is resolved");
}

/// S/RES/21 (1947), shortened: "Whereas" paragraphs, "Now, therefore, … hereby resolves to
/// approve the following terms of trusteeship …:" and the articles of the agreement.
const TRUSTEESHIP: &str = "21 (1947). Resolution of 2 April 1947\n[S/318]\n\nWhereas Article 75 of the Charter of the United\nNations provides for the establishment of an International Trusteeship System ; and\n\nWhereas Japan, as a result of the Second World\nWar, has ceased to exercise any authority in these\nislands ;\n\nNow, therefore, the Security Council of the United\nNations, having satisfied itself that the relevant Articles\nof the Charter have been complied with, hereby resolves to approve the following terms of trusteeship for\nthe Pacific Islands formerly under mandate to Japan:\n\nArticle I\n\nThe Territory of the Pacific Islands is hereby designated as a strategic area and placed under the Trusteeship System.\n\nArticle 2\n\nThe United States of America is designated as the Administering Authority of the Trust Territory.\n\nArticle 3\n\nIn discharging its obligations under Article 76 b of the Charter, the Administering Authority shall:\n\n1. Foster the development of such political institutions as are suited to the Trust Territory;\n\n2. Promote the economic advancement and self-sufficiency of the inhabitants.\n\nAdopted unanimously at the 124th meeting.";

#[test]
fn now_therefore_opens_the_operative_part_and_the_approved_terms_are_a_text_of_their_own() {
    let res = segment_text(TRUSTEESHIP, None).unwrap();
    assert_eq!(
        labels(&res),
        ["PP1", "PP2", "OP1", "Text.OP1", "Text.OP2", "Text.OP3"]
    );
    assert!(
        clause(&res, "OP1")
            .text
            .starts_with("Now, therefore, the Security Council")
    );
    // The articles are numbered as printed, and article 3 keeps its numbered items.
    assert!(
        clause(&res, "Text.OP1")
            .text
            .starts_with("The Territory of the Pacific Islands")
    );
    let third = &clause(&res, "Text.OP3").text;
    assert!(third.contains("1. Foster the development") && third.contains("2. Promote"));
}

#[test]
fn headings_before_the_resolution_line_and_a_lone_therefore_are_no_clauses() {
    // S/RES/1 (1946): a heading above "1 (1946) Resolution of …", a preamble without the organ
    // line ending with a semicolon, "Therefore" alone, then the numbered paragraphs.
    let text = "MILITARY STAFF COMMITTEE\n\n1 (1946) Resolution of 25 January 1946\n\nBy Article 47 of the Charter, the United Nations have agreed that there shall be established a Military Staff Committee ;\n\nTherefore\n\n1. The Security Council requests the permanent members of the Security Council to direct their Chiefs of Staff to meet at London on 1 February 1946 ;\n\n2. The Security Council directs that the Chiefs of Staff, when so assembled, shall constitute the Military Staff Committee referred to above ;\n\nAdopted at the 2nd meeting.";
    let res = segment_text(text, None).unwrap();
    assert_eq!(res.symbol, "S/RES/1 (1946)");
    assert_eq!(labels(&res), ["PP1", "OP1", "OP2"]);
    assert!(clause(&res, "PP1").text.starts_with("By Article 47"));
    for clause in &res.clauses {
        assert!(!clause.text.contains("MILITARY STAFF"), "{}", clause.text);
        assert!(!clause.text.starts_with("Therefore"), "{}", clause.text);
    }
}

#[test]
fn a_connector_before_the_organ_line_is_no_preambular_paragraph() {
    // S/RES/14 (1946): "To this end," between the preamble and "The Security Council".
    let Some(res) = shared("en/sc/S_RES_14_1946.txt") else {
        return;
    };
    assert!(
        res.clauses.iter().all(|c| c.text != "To this end,"),
        "{:?}",
        labels(&res)
    );
    assert_eq!(res.clauses.last().unwrap().kind, ClauseType::Operative);
}

#[test]
fn paragraph_numbers_misread_by_the_ocr_still_open_their_paragraphs() {
    // "Z. Demands" (2.), "S. Decides" (5.), and a last paragraph whose number was lost.
    for (file, label, opening) in [
        ("en/sc/S_RES_686_1991.txt", "OP2", "Demands that Iraq"),
        ("en/sc/S_RES_902_1994.txt", "OP5", "Decides to review"),
        (
            "en/sc/S_RES_778_1992.txt",
            "OP7",
            "Decides to remain seized",
        ),
    ] {
        let Some(res) = shared(file) else {
            return;
        };
        assert!(
            clause(&res, label).text.starts_with(opening),
            "{file} {label}: {}",
            clause(&res, label).text
        );
    }
}

#[test]
fn an_adopted_outcome_document_is_a_section_numbered_as_printed() {
    // A/RES/80/173, shortened: the resolution's one paragraph adopts an outcome document that
    // has its own title, preamble and numbered paragraphs.
    let text = "United Nations\nA/RES/80/173\n\nGeneral Assembly\nDistr.: General\n19 December 2025\n\nEightieth session\nAgenda item 15\n\nResolution adopted by the General Assembly\non 17 December 2025\n\n80/173. Outcome document of the high-level meeting\n\nThe General Assembly\n\nAdopts the following outcome document of the high-level meeting of the\nGeneral Assembly on the overall review of the implementation of the outcomes of the\nWorld Summit on the Information Society at its eightieth session:\n\nOutcome document of the high-level meeting of the General Assembly on the\noverall review of the implementation of the outcomes of the World Summit on\nthe Information Society\n\nWe, the Ministers and heads of delegations participating in the high-level\nplenary meeting of the General Assembly, held in New York\non 16 and 17 December 2025,\n\nRecalling the outcome document of the high-level meeting on the overall review\nof the implementation of the outcomes of the World Summit,\n\nReaffirming General Assembly resolution 70/1 of 25 September 2015,\n\n1.\nWe reaffirm our commitment to the vision of the World Summit on the Information\nSociety to build a people-centred, inclusive and development-oriented information society.\n\n2.\nWe further reaffirm our commitment to and implementation of the Geneva\nDeclaration of Principles.\n\n3.\nWe reaffirm the value and principles of multi-stakeholder cooperation.\n\n76th plenary meeting\n17 December 2025";
    let res = segment_text(text, None).unwrap();
    assert_eq!(
        labels(&res),
        [
            "OP1", "Text.PP1", "Text.PP2", "Text.PP3", "Text.OP1", "Text.OP2", "Text.OP3"
        ]
    );
    assert!(
        clause(&res, "OP1")
            .text
            .ends_with("at its eightieth session:")
    );
    assert!(
        clause(&res, "Text.PP1")
            .text
            .starts_with("We, the Ministers")
    );
    assert!(
        clause(&res, "Text.OP2")
            .text
            .starts_with("We further reaffirm")
    );
    // The document's title is no clause.
    assert!(
        res.clauses
            .iter()
            .all(|c| !c.text.starts_with("Outcome document"))
    );
}

#[test]
fn an_adopted_pact_keeps_its_own_sections_and_numbering() {
    // A/RES/79/1 adopts the Pact for the Future: paragraphs 1–17, then chapters I–V whose
    // paragraph numbers carry on.
    let Some(res) = shared("en/ga/A_RES_79_1.txt") else {
        return;
    };
    assert_eq!(labels(&res)[..2], ["OP1", "Text.OP1"]);
    assert!(
        res.clauses[1]
            .text
            .starts_with("We, the Heads of State and Government")
    );
    let sections: Vec<&str> = res
        .clauses
        .iter()
        .filter_map(|c| c.section.as_deref())
        .collect();
    assert!(sections.contains(&"Text.I") && sections.contains(&"Text.V"));
    let numbers: Vec<u32> = res.clauses[1..].iter().map(|c| c.number).collect();
    assert_eq!(numbers, (1..=numbers.len() as u32).collect::<Vec<_>>());
}

#[test]
fn footnote_markers_glued_to_a_word_or_left_inline_by_the_ocr_are_removed() {
    let Some(ga) = shared("en/ga/A_RES_79_194.txt") else {
        return;
    };
    let glued = ga
        .clauses
        .iter()
        .find(|c| {
            c.text
                .contains("Development Goals and other relevant processes")
        })
        .expect("the clause of “Development Goals20”");
    assert!(!glued.text.contains("Goals20"));
    let Some(sc) = shared("en/sc/S_RES_746_1992.txt") else {
        return;
    };
    let inline = sc
        .clauses
        .iter()
        .find(|c| c.text.contains("cease-fire agreements,"))
        .expect("the clause of “agreements, 183 including”");
    assert!(
        inline
            .text
            .contains("cease-fire agreements, including agreements for"),
        "{}",
        inline.text
    );
    // After a date: "of 12 August 1949, 22 to all the Arab territories".
    let Some(dated) = shared("en/sc/S_RES_484_1980.txt") else {
        return;
    };
    assert!(
        clause(&dated, "OP1")
            .text
            .contains("of 12 August 1949, to all the Arab territories"),
        "{}",
        clause(&dated, "OP1").text
    );
}

#[test]
fn numbers_that_count_or_measure_are_no_footnote_markers() {
    let text = "Resolution 9999 (2030)\nof 1 January 2030\n\nThe Security Council,\n\nNoting that global warming of 1.5 degrees, target 16.4, and 12,500 troops are at stake,\n\n1. Notes that 116 personnel were killed, 143 wounded and 185 kidnapped;\n\n2. Decides to remain seized of the matter.";
    let res = segment_text(text, None).unwrap();
    assert_eq!(
        clause(&res, "PP1").text,
        "Noting that global warming of 1.5 degrees, target 16.4, and 12,500 troops are at stake,"
    );
    assert_eq!(
        clause(&res, "OP1").text,
        "Notes that 116 personnel were killed, 143 wounded and 185 kidnapped;"
    );
}
