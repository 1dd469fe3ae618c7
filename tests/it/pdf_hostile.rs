//! Hostile and broken PDFs: each is refused with a reason that says what is wrong, quickly,
//! without a panic or a crash; the files beside them are indexed.
//!
//! The files are built here from bytes, except the two encrypted ones (`tests/pdf/`, made
//! with a PDF library: encryption needs MD5 and RC4, which the tests do not carry).

use std::time::{Duration, Instant};

use ressearch::pdf::{self, PdfError};

use crate::common::{self, ressearch};
use crate::pdf_fixtures::{Content, Pdf, document, flate, one_page, resolution, stream};

/// Far beyond what reading a resolution takes, well under "a hang".
const QUICK: Duration = Duration::from_secs(15);

/// Extracts, checking that it ends quickly.
fn extract(bytes: &[u8]) -> Result<pdf::PdfText, PdfError> {
    let started = Instant::now();
    let result = pdf::extract_text(bytes);
    assert!(
        started.elapsed() < QUICK,
        "took {:?}: {:?}",
        started.elapsed(),
        result.as_ref().err()
    );
    result
}

fn a_page_with(content: &[u8]) -> Vec<u8> {
    document(&[content.to_vec()])
}

fn hello() -> Vec<u8> {
    let mut page = Content::default();
    page.text(72.0, 100.0, 12.0, "Hello");
    page.bytes()
}

/// The entries of a page drawing the stream object `content` with Courier as `/F1`, its
/// resources holding also `resources`; the font and the stream are added to `pdf`.
fn courier_page(pdf: &mut Pdf, content: Vec<u8>, resources: &str) -> String {
    let font = pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>");
    let content = pdf.add(content);
    format!("/Resources << /Font << /F1 {font} 0 R >> {resources} >> /Contents {content} 0 R")
}

/// A page saying "Hello" whose dictionary holds `entry` in an entry of its own.
fn page_with_entry(entry: &str) -> Vec<u8> {
    one_page(|pdf| {
        let page = courier_page(pdf, stream("", &hello()), "");
        format!("{page} /Extra {entry}")
    })
}

/// A page saying "Hello" whose resources refer to object 7, kept in a compressed object
/// stream: 100,000 nested dictionaries.
fn nesting_in_an_object_stream() -> Vec<u8> {
    let nested = format!("{}1{}", "<< /A ".repeat(100_000), " >>".repeat(100_000));
    one_page(|pdf| {
        let page = courier_page(pdf, stream("", &hello()), "/Extra 7 0 R");
        // Object 7 lives in the object stream: "7 0" then the object.
        let header = "7 0 ";
        let objects = format!("{header}{nested}");
        let object_stream = pdf.add(stream(
            &format!(
                "/Type /ObjStm /N 1 /First {} /Filter /FlateDecode",
                header.len()
            ),
            &flate(objects.as_bytes()),
        ));
        assert_eq!(object_stream, 5);
        page
    })
}

/// A page whose content stream is "Hello" then 100 MB of spaces, compressed to under 1 MB.
fn decompression_bomb() -> Vec<u8> {
    let mut bomb = hello();
    bomb.resize(100 << 20, b' ');
    let compressed = flate(&bomb);
    assert!(compressed.len() < 1 << 20);
    one_page(|pdf| courier_page(pdf, stream("/Filter /FlateDecode", &compressed), ""))
}

/// A page drawing a form that draws itself.
fn form_drawing_itself() -> Vec<u8> {
    one_page(|pdf| {
        let form = pdf.reserve();
        pdf.set(
            form,
            stream(
                &format!("/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /XObject << /Fm1 {form} 0 R >> >>"),
                b"/Fm1 Do",
            ),
        );
        let content = pdf.add(stream("", b"/Fm1 Do"));
        format!("/Resources << /XObject << /Fm1 {form} 0 R >> >> /Contents {content} 0 R")
    })
}

/// A page showing an image and no text: a scan never OCR'd.
fn scan() -> Vec<u8> {
    one_page(|pdf| {
        let image = pdf.add(stream(
            "/Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8",
            &[128u8; 64],
        ));
        let content = pdf.add(stream("", b"q 500 0 0 700 50 50 cm /Im1 Do Q"));
        format!("/Resources << /XObject << /Im1 {image} 0 R >> >> /Contents {content} 0 R")
    })
}

/// A file that cannot be indexed: its name, its bytes, and the start of the reason it is
/// refused with (which names the kind of [`PdfError`]).
struct Hostile {
    name: &'static str,
    bytes: Vec<u8>,
    reason: &'static str,
}

/// Every kind of file that is refused, one or more of each.
fn hostile_set() -> Vec<Hostile> {
    let whole = resolution(false);
    assert!(extract(&whole).is_ok(), "the resolution cut below is read");
    let arrays = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
    let dictionaries = format!("{}1{}", "<< /A ".repeat(100_000), " >>".repeat(100_000));
    let mut gstate = "q ".repeat(1_000_000).into_bytes();
    gstate.extend(hello());
    let mut garbage = b"%PDF-1.7\n".to_vec();
    garbage.extend((0..20_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
    let encrypted =
        std::fs::read(common::root().join("tests/pdf/encrypted_user_password.pdf")).unwrap();
    let case = |name, bytes, reason| Hostile {
        name,
        bytes,
        reason,
    };
    vec![
        case("zero.pdf", Vec::new(), "empty file (0 bytes), not a PDF"),
        case(
            "page.html.pdf",
            b"<!DOCTYPE html><html><body>Resolution 79/1</body></html>".to_vec(),
            "not a PDF: no %PDF- header",
        ),
        case(
            "encrypted.pdf",
            encrypted,
            "encrypted PDF: it needs a password",
        ),
        case(
            "truncated-half.pdf",
            whole[..whole.len() / 2].to_vec(),
            "damaged PDF: truncated or corrupt",
        ),
        case(
            "truncated-tail.pdf",
            whole[..whole.len() - 120].to_vec(),
            "damaged PDF: truncated or corrupt",
        ),
        case("garbage.pdf", garbage, "damaged PDF: "),
        // The page's own dictionary is the first level.
        case(
            "nested-arrays.pdf",
            page_with_entry(&arrays),
            "PDF refused: objects nested 100001 levels",
        ),
        case(
            "nested-dictionaries.pdf",
            page_with_entry(&dictionaries),
            "PDF refused: objects nested 100001 levels",
        ),
        case(
            "nested-object-stream.pdf",
            nesting_in_an_object_stream(),
            "PDF refused: objects nested 100000 levels",
        ),
        case(
            "bomb.pdf",
            decompression_bomb(),
            "PDF refused: a compressed stream inflates past 64 MiB (decompression bomb)",
        ),
        case(
            "gstate.pdf",
            a_page_with(&gstate),
            "PDF refused: graphics states nested",
        ),
        case(
            "form.pdf",
            form_drawing_itself(),
            "PDF refused: page 1: a form draws itself",
        ),
        case("scan.pdf", scan(), "scanned image: no text layer"),
        case(
            "no-text.pdf",
            a_page_with(b"q 500 0 0 700 50 50 cm Q"),
            "scanned image: no text layer",
        ),
    ]
}

#[test]
fn each_hostile_or_broken_pdf_is_refused_quickly_with_its_reason() {
    for Hostile {
        name,
        bytes,
        reason,
    } in hostile_set()
    {
        match extract(&bytes) {
            Err(error) => {
                let why = error.to_string();
                assert!(why.starts_with(reason), "{name}: {why}");
            }
            Ok(text) => panic!("{name} was read: {:?}", text.text),
        }
    }
}

#[test]
fn a_pdf_encrypted_only_against_editing_opens_without_a_password() {
    let bytes =
        std::fs::read(common::root().join("tests/pdf/encrypted_owner_password.pdf")).unwrap();
    let text = extract(&bytes).unwrap().text;
    assert!(
        text.contains("Decides to remain seized of the matter"),
        "{text}"
    );
}

#[test]
fn a_page_tree_that_contains_itself_or_runs_deep_ends_quickly() {
    // Cycle: the page tree lists itself among its kids.
    let mut pdf = Pdf::default();
    let catalog = pdf.reserve();
    let pages = pdf.reserve();
    let entries = courier_page(&mut pdf, stream("", &hello()), "");
    let page = pdf.add(format!(
        "<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 612 792] {entries} >>"
    ));
    pdf.set(catalog, format!("<< /Type /Catalog /Pages {pages} 0 R >>"));
    pdf.set(
        pages,
        format!("<< /Type /Pages /Kids [{page} 0 R {pages} 0 R] /Count 2 >>"),
    );
    if let Ok(text) = extract(&pdf.finish(catalog)) {
        assert!(text.text.contains("Hello"));
    }
    // 50,000 levels of page-tree nodes above one page.
    let mut pdf = Pdf::default();
    let catalog = pdf.reserve();
    let entries = courier_page(&mut pdf, stream("", &hello()), "");
    let nodes: Vec<usize> = (0..50_000).map(|_| pdf.reserve()).collect();
    let page = pdf.add(format!(
        "<< /Type /Page /Parent {} 0 R /MediaBox [0 0 612 792] {entries} >>",
        nodes[nodes.len() - 1]
    ));
    for (i, &node) in nodes.iter().enumerate() {
        let kid = nodes.get(i + 1).copied().unwrap_or(page);
        let parent = if i == 0 {
            String::new()
        } else {
            format!("/Parent {} 0 R", nodes[i - 1])
        };
        pdf.set(
            node,
            format!("<< /Type /Pages {parent} /Kids [{kid} 0 R] /Count 1 >>"),
        );
    }
    pdf.set(
        catalog,
        format!("<< /Type /Catalog /Pages {} 0 R >>", nodes[0]),
    );
    let _ = extract(&pdf.finish(catalog));
}

#[test]
fn indexing_a_folder_of_hostile_pdfs_skips_each_with_its_reason_and_keeps_the_rest() {
    let corpus = tempfile::tempdir().unwrap();
    let hostile = hostile_set();
    for file in &hostile {
        std::fs::write(corpus.path().join(file.name), &file.bytes).unwrap();
    }
    std::fs::write(corpus.path().join("A_RES_99_1.pdf"), resolution(false)).unwrap();
    let index = tempfile::tempdir().unwrap();
    let out = ressearch()
        .args(["index", "--index"])
        .arg(index.path())
        .arg(corpus.path())
        .timeout(Duration::from_secs(120))
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    for Hostile { name, reason, .. } in hostile {
        let line = stderr
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} is not reported: {stderr}"));
        assert!(line.contains(reason), "{name}: {line}");
    }
    let out = ressearch()
        .args(["query", "remain seized", "--json", "--index"])
        .arg(index.path())
        .assert()
        .success();
    let hits = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(hits.contains("A/RES/99/1"), "{hits}");
}

#[test]
fn segment_names_the_pdf_and_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scan.pdf");
    std::fs::write(&path, a_page_with(b"q 500 0 0 700 50 50 cm Q")).unwrap();
    let out = ressearch().arg("segment").arg(&path).assert().code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains(&*path.to_string_lossy()) && stderr.contains("scanned image"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn a_pdf_with_some_pages_scanned_is_read_with_a_warning_naming_them() {
    let bytes = document(&[hello(), b"q 500 0 0 700 50 50 cm Q".to_vec(), hello()]);
    let text = extract(&bytes).unwrap();
    assert!(text.text.contains("Hello"), "{}", text.text);
    assert_eq!(
        text.warnings,
        ["page 2 of 3 without text (scanned images?): their text is not indexed"]
    );
}
