//! The layout of a PDF decides what is clause text: on a two-page resolution laid out as the
//! official ones are, the running head, job numbers, barcode and page counter are left out by
//! position, a paragraph cut by the page break is one clause, and each footnote is attached to
//! the clause that calls it, whether the rule above the footnotes is typed or drawn.

use ressearch::model::ClauseType;
use ressearch::pdf::{self, LineKind};
use ressearch::segment;

use crate::common::ressearch;
use crate::pdf_fixtures::resolution;

#[test]
fn page_furniture_is_classified_by_position_and_footnotes_by_their_area() {
    for drawn_rule in [false, true] {
        let pages = pdf::extract_pages(&resolution(drawn_rule)).unwrap();
        assert_eq!(pages.len(), 2);
        let kind_of = |page: usize, text: &str| {
            pages[page]
                .lines
                .iter()
                .find(|l| l.text.starts_with(text))
                .unwrap_or_else(|| panic!("no line {text:?} on page {}", page + 1))
                .kind
        };
        assert_eq!(kind_of(0, "A/RES/99/1"), LineKind::Header);
        assert_eq!(kind_of(0, "30-00001 (E)"), LineKind::Footer);
        assert_eq!(kind_of(0, "*3000001*"), LineKind::Footer);
        assert_eq!(kind_of(0, "1 Resolution 98/1."), LineKind::Footnote);
        assert_eq!(kind_of(0, "agenda item 12."), LineKind::Footnote);
        assert_eq!(kind_of(0, "The General Assembly,"), LineKind::Body);
        assert_eq!(kind_of(1, "A/RES/99/1"), LineKind::Header);
        assert_eq!(kind_of(1, "Layout of the official"), LineKind::Header);
        assert_eq!(kind_of(1, "2/2"), LineKind::Footer);
        assert_eq!(kind_of(1, "the follow-up given"), LineKind::Body);
        if !drawn_rule {
            assert_eq!(kind_of(0, "_____"), LineKind::FootnoteRule);
        }
        // The footnote call is raised: reported, and glued to its word.
        let call = pages[0]
            .lines
            .iter()
            .find(|l| l.text.starts_with("documents,"))
            .unwrap();
        assert_eq!(call.superscripts, ["1"]);
        assert_eq!(call.text, "documents,1");
    }
}

#[test]
fn a_resolution_pdf_segments_into_its_clauses_with_their_footnotes() {
    for drawn_rule in [false, true] {
        let extracted = pdf::extract_text(&resolution(drawn_rule)).unwrap();
        assert_eq!(extracted.pages, 2);
        assert_eq!(extracted.footnotes, 2);
        // Running head (2 cells), two job numbers, barcode, page counter.
        assert_eq!(extracted.furniture_lines, 6, "{}", extracted.text);
        let res = segment::segment_text(&extracted.text, Some("A_RES_99_1")).unwrap();
        assert_eq!(res.symbol, "A/RES/99/1");
        assert_eq!(
            res.title.as_deref(),
            Some("Layout of the official documents")
        );
        assert_eq!(res.adopted.as_deref(), Some("2030-01-05"));
        let labels: Vec<String> = res.clauses.iter().map(|c| c.label()).collect();
        assert_eq!(labels, ["PP1", "PP2", "OP1", "OP2", "OP3"]);
        let pp1 = &res.clauses[0];
        assert_eq!(
            pp1.text,
            "Recalling its resolution 98/1 of 1 December 2029, which established the programme of work on the layout of documents,"
        );
        assert_eq!(pp1.footnotes, ["Resolution 98/1."]);
        assert_eq!(
            res.clauses[1].footnotes,
            ["A/99/100, chapter II, which was submitted under agenda item 12."]
        );
        let op2 = &res.clauses[3];
        assert_eq!(op2.kind, ClauseType::Operative);
        assert_eq!(
            op2.text,
            "Requests the Secretary-General to report to the General Assembly at its hundredth session on the implementation of the present resolution, including on the follow-up given to it;"
        );
        for clause in &res.clauses {
            for furniture in ["30-00001", "3000001", "2/2", "Layout of the official"] {
                assert!(
                    !clause.text.contains(furniture),
                    "{}: {}",
                    clause.label(),
                    clause.text
                );
            }
        }
    }
}

#[test]
fn segment_reads_a_pdf_given_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("A_RES_99_1.pdf");
    std::fs::write(&path, resolution(false)).unwrap();
    let out = ressearch()
        .arg("segment")
        .arg(&path)
        .arg("--json")
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(json["symbol"], "A/RES/99/1");
    assert_eq!(json["clauses"].as_array().unwrap().len(), 5);
    assert_eq!(json["clauses"][0]["footnotes"][0], "Resolution 98/1.");
}
