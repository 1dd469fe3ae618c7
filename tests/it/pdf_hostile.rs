//! Hostile and broken PDFs: each is refused with a reason that says what is wrong, quickly,
//! without a panic or a crash; the files beside them are indexed.
//!
//! The files are built here from bytes, except the two encrypted ones (`tests/pdf/`, made
//! with a PDF library: encryption needs MD5 and RC4, which the tests do not carry).

use std::time::{Duration, Instant};

use ressearch::pdf::{self, PdfError};

use crate::common::{self, ressearch};
use crate::pdf_fixtures::{Content, Pdf, document, flate, resolution, stream};

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

fn refused(bytes: &[u8]) -> String {
    match extract(bytes) {
        Err(PdfError::Refused(why)) => why,
        other => panic!("not refused: {:?}", other.map(|t| t.text)),
    }
}

fn a_page_with(content: &[u8]) -> Vec<u8> {
    document(&[content.to_vec()])
}

fn hello() -> Vec<u8> {
    let mut page = Content::default();
    page.text(72.0, 100.0, 12.0, "Hello");
    page.bytes()
}

/// A page whose dictionary holds `nesting` in an entry of its own.
fn page_with_entry(entry: &str) -> Vec<u8> {
    let mut pdf = Pdf::default();
    let catalog = pdf.reserve();
    let pages = pdf.reserve();
    let font = pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>");
    let content = pdf.add(stream("", &hello()));
    let page = pdf.add(format!(
        "<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R /Extra {entry} >>"
    ));
    pdf.set(catalog, format!("<< /Type /Catalog /Pages {pages} 0 R >>"));
    pdf.set(
        pages,
        format!("<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>"),
    );
    pdf.finish(catalog)
}

#[test]
fn an_empty_file_and_a_file_that_is_no_pdf_are_named_so() {
    assert_eq!(extract(b"").unwrap_err(), PdfError::Empty);
    let html = b"<!DOCTYPE html><html><body>Resolution 79/1</body></html>";
    assert_eq!(extract(html).unwrap_err(), PdfError::NotPdf);
    assert!(PdfError::NotPdf.to_string().contains("not a PDF"));
}

#[test]
fn a_pdf_that_needs_a_password_is_refused_as_encrypted() {
    let bytes =
        std::fs::read(common::root().join("tests/pdf/encrypted_user_password.pdf")).unwrap();
    let error = extract(&bytes).unwrap_err();
    assert_eq!(error, PdfError::Encrypted);
    assert!(error.to_string().contains("password"), "{error}");
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
fn a_scan_without_text_layer_is_refused_as_a_scanned_image() {
    let mut pdf = Pdf::default();
    let catalog = pdf.reserve();
    let pages = pdf.reserve();
    let image = pdf.add(stream(
        "/Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8",
        &[128u8; 64],
    ));
    let content = pdf.add(stream("", b"q 500 0 0 700 50 50 cm /Im1 Do Q"));
    let page = pdf.add(format!(
        "<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im1 {image} 0 R >> >> /Contents {content} 0 R >>"
    ));
    pdf.set(catalog, format!("<< /Type /Catalog /Pages {pages} 0 R >>"));
    pdf.set(
        pages,
        format!("<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>"),
    );
    let error = extract(&pdf.finish(catalog)).unwrap_err();
    assert_eq!(error, PdfError::NoTextLayer);
    assert!(
        error
            .to_string()
            .starts_with("scanned image: no text layer"),
        "{error}"
    );
}

#[test]
fn a_truncated_pdf_is_refused_as_damaged_whether_cut_in_half_or_at_its_tail() {
    let whole = resolution(false);
    assert!(extract(&whole).is_ok());
    for cut in [whole.len() / 2, whole.len() - 120] {
        match extract(&whole[..cut]) {
            Err(PdfError::Damaged(why)) => assert!(!why.is_empty()),
            // A reader that recovers a truncated file must at least not lose what it kept.
            Ok(text) => panic!("a truncated file was read: {:?}", text.text),
            Err(other) => panic!("cut at {cut}: {other}"),
        }
    }
}

#[test]
fn deeply_nested_objects_are_refused_before_the_reader_sees_them() {
    let arrays = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
    let why = refused(&page_with_entry(&arrays));
    // The page's own dictionary is the first level.
    assert!(why.contains("nested 100001 levels"), "{why}");
    let dictionaries = format!("{}1{}", "<< /A ".repeat(100_000), " >>".repeat(100_000));
    assert!(refused(&page_with_entry(&dictionaries)).contains("nested"));
}

#[test]
fn nesting_hidden_in_a_compressed_object_stream_is_refused_too() {
    let nested = format!("{}1{}", "<< /A ".repeat(100_000), " >>".repeat(100_000));
    let mut pdf = Pdf::default();
    let catalog = pdf.reserve();
    let pages = pdf.reserve();
    let font = pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>");
    let content = pdf.add(stream("", &hello()));
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
    let page = pdf.add(format!(
        "<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 {font} 0 R >> /Extra 7 0 R >> /Contents {content} 0 R >>"
    ));
    pdf.set(catalog, format!("<< /Type /Catalog /Pages {pages} 0 R >>"));
    pdf.set(
        pages,
        format!("<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>"),
    );
    let why = refused(&pdf.finish(catalog));
    assert!(why.contains("nested 100000 levels"), "{why}");
}

#[test]
fn a_decompression_bomb_is_refused_without_inflating_it() {
    let mut bomb = hello();
    bomb.resize(100 << 20, b' ');
    let compressed = flate(&bomb);
    assert!(compressed.len() < 1 << 20);
    let mut pdf = Pdf::default();
    let catalog = pdf.reserve();
    let pages = pdf.reserve();
    let font = pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>");
    let content = pdf.add(stream("/Filter /FlateDecode", &compressed));
    let page = pdf.add(format!(
        "<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R >>"
    ));
    pdf.set(catalog, format!("<< /Type /Catalog /Pages {pages} 0 R >>"));
    pdf.set(
        pages,
        format!("<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>"),
    );
    assert!(refused(&pdf.finish(catalog)).contains("decompression bomb"));
}

#[test]
fn a_graphics_state_bomb_is_refused() {
    let mut content = "q ".repeat(1_000_000).into_bytes();
    content.extend(hello());
    let why = refused(&a_page_with(&content));
    assert!(why.contains("graphics states nested"), "{why}");
}

#[test]
fn a_form_that_draws_itself_is_refused() {
    let mut pdf = Pdf::default();
    let catalog = pdf.reserve();
    let pages = pdf.reserve();
    let form = pdf.reserve();
    pdf.set(
        form,
        stream(
            &format!("/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /XObject << /Fm1 {form} 0 R >> >>"),
            b"/Fm1 Do",
        ),
    );
    let content = pdf.add(stream("", b"/Fm1 Do"));
    let page = pdf.add(format!(
        "<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Fm1 {form} 0 R >> >> /Contents {content} 0 R >>"
    ));
    pdf.set(catalog, format!("<< /Type /Catalog /Pages {pages} 0 R >>"));
    pdf.set(
        pages,
        format!("<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>"),
    );
    assert!(refused(&pdf.finish(catalog)).contains("draws itself"));
}

#[test]
fn a_page_tree_that_contains_itself_or_runs_deep_ends_quickly() {
    // Cycle: the page tree lists itself among its kids.
    let mut pdf = Pdf::default();
    let catalog = pdf.reserve();
    let pages = pdf.reserve();
    let font = pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>");
    let content = pdf.add(stream("", &hello()));
    let page = pdf.add(format!(
        "<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R >>"
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
    let font = pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>");
    let content = pdf.add(stream("", &hello()));
    let nodes: Vec<usize> = (0..50_000).map(|_| pdf.reserve()).collect();
    let page = pdf.add(format!(
        "<< /Type /Page /Parent {} 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R >>",
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
fn garbage_after_a_pdf_header_is_refused_as_damaged() {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.extend((0..20_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
    assert!(matches!(extract(&bytes), Err(PdfError::Damaged(_))));
}

/// The hostile set, file name → bytes.
fn hostile_set() -> Vec<(&'static str, Vec<u8>)> {
    let whole = resolution(false);
    let arrays = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
    let mut gstate = "q ".repeat(1_000_000).into_bytes();
    gstate.extend(hello());
    vec![
        ("zero.pdf", Vec::new()),
        (
            "page.html.pdf",
            b"<html><body>not a PDF</body></html>".to_vec(),
        ),
        (
            "encrypted.pdf",
            std::fs::read(common::root().join("tests/pdf/encrypted_user_password.pdf")).unwrap(),
        ),
        ("truncated.pdf", whole[..whole.len() / 2].to_vec()),
        ("nested.pdf", page_with_entry(&arrays)),
        ("gstate.pdf", a_page_with(&gstate)),
        ("scan.pdf", a_page_with(b"q 500 0 0 700 50 50 cm Q")),
    ]
}

#[test]
fn indexing_a_folder_of_hostile_pdfs_skips_each_with_its_reason_and_keeps_the_rest() {
    let corpus = tempfile::tempdir().unwrap();
    for (name, bytes) in hostile_set() {
        std::fs::write(corpus.path().join(name), bytes).unwrap();
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
    let reasons = [
        ("zero.pdf", "empty file"),
        ("page.html.pdf", "not a PDF"),
        ("encrypted.pdf", "encrypted PDF"),
        ("truncated.pdf", "damaged PDF"),
        ("nested.pdf", "nested 100001 levels"),
        ("gstate.pdf", "graphics states nested"),
        ("scan.pdf", "scanned image: no text layer"),
    ];
    for (name, reason) in reasons {
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
