//! `ressearch segment` from the outside: output formats, exit codes, errors.

use predicates::prelude::*;

use crate::common::{self, ressearch};

#[test]
fn segment_json_is_one_object_with_the_documented_keys() {
    let out = ressearch()
        .arg("segment")
        .arg(common::founding_file())
        .arg("--json")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let value: serde_json::Value = serde_json::from_slice(&out).expect("valid JSON");
    for key in [
        "symbol", "language", "body", "session", "title", "adopted", "meeting", "clauses",
    ] {
        assert!(value.get(key).is_some(), "missing key {key}");
    }
    assert_eq!(value["symbol"], "A/RES/75/272");
    assert_eq!(value["body"], "General Assembly");
    assert_eq!(value["language"], "fr");
    assert_eq!(value["session"], 75);
    let clause = &value["clauses"][2];
    assert_eq!(clause["type"], "preambular");
    assert_eq!(clause["number"], 3);
    assert_eq!(clause["opening"], "Rappelant également");
    assert_eq!(
        clause["cites"],
        serde_json::json!(["S/2007/279", "S/2007/280"])
    );
    assert_eq!(
        clause["footnotes"],
        serde_json::json!(["S/2007/279 et S/2007/280."])
    );
}

#[test]
fn segment_text_output_labels_each_clause() {
    ressearch()
        .arg("segment")
        .arg(common::founding_file())
        .assert()
        .success()
        .stdout(predicate::str::contains("PP3  Rappelant également"))
        .stdout(predicate::str::contains("OP4  Encourage"))
        .stdout(predicate::str::contains(
            "20 clauses: 16 preambular, 4 operative",
        ));
}

fn assert_one_line_error(file_contents: &[u8], name: &str, reason: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, file_contents).unwrap();
    let assert = ressearch().arg("segment").arg(&path).assert().code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr.lines().count(), 1, "one line expected: {stderr}");
    assert!(stderr.starts_with("ressearch: "), "{stderr}");
    assert!(stderr.contains(name), "names the file: {stderr}");
    assert!(stderr.contains(reason), "says {reason:?}: {stderr}");
}

#[test]
fn binary_input_is_a_one_line_error() {
    assert_one_line_error(b"\x7fELF\x00\x01\x02\xff\x00", "program.txt", "binary file");
}

#[test]
fn a_windows_1252_file_segments_as_its_utf8_original_with_a_warning() {
    let original = std::fs::read_to_string(common::founding_file()).unwrap();
    let cp1252: Vec<u8> = original
        .chars()
        .map(|c| match c {
            '’' => 0x92,
            'œ' => 0x9C,
            c => u8::try_from(u32::from(c)).expect("a Latin-1 character"),
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("A_RES_75_272.txt");
    std::fs::write(&path, cp1252).unwrap();
    let decoded = ressearch()
        .args(["segment", "--json"])
        .arg(&path)
        .assert()
        .success();
    let stderr = String::from_utf8(decoded.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("ressearch: warning: ") && stderr.contains("decoded as Windows-1252"),
        "{stderr}"
    );
    let utf8 = ressearch()
        .args(["segment", "--json"])
        .arg(common::founding_file())
        .assert()
        .success();
    assert_eq!(decoded.get_output().stdout, utf8.get_output().stdout);
}

#[test]
fn a_broken_pdf_is_read_as_a_pdf_by_name_or_content_not_as_text() {
    let mut pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".to_vec();
    pdf.extend(std::iter::repeat_n(0u8, 64));
    for name in ["A_RES_75_272.pdf", "scan.txt"] {
        assert_one_line_error(&pdf, name, "damaged PDF");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, &pdf).unwrap();
        ressearch()
            .arg("segment")
            .arg(&path)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("UTF").not());
    }
}

#[test]
fn a_named_pipe_or_a_folder_is_refused_without_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    for path in [fifo, dir.path().to_path_buf()] {
        ressearch()
            .arg("segment")
            .arg(&path)
            .timeout(std::time::Duration::from_secs(20))
            .assert()
            .code(2)
            .stderr(predicate::str::contains("not a regular file"));
    }
}

#[test]
fn a_link_to_an_endless_file_reporting_size_zero_is_refused_by_what_is_read() {
    // /proc/self/pagemap reports 0 bytes and reads on and on; the limit holds on what is read.
    let pagemap = std::path::Path::new("/proc/self/pagemap");
    if std::fs::File::open(pagemap).is_err() {
        crate::common::skipped(format_args!("SKIPPED: no readable /proc/self/pagemap here"));
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("A_RES_1_1.txt");
    std::os::unix::fs::symlink(pagemap, &link).unwrap();
    ressearch()
        .arg("segment")
        .arg(&link)
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("larger than any resolution"));
}

#[test]
fn empty_input_is_a_one_line_error() {
    assert_one_line_error(b"  \n\n", "empty.txt", "empty");
}

#[test]
fn text_that_is_not_a_resolution_is_a_one_line_error() {
    let readme = std::fs::read(common::root().join("Cargo.toml")).unwrap();
    assert_one_line_error(&readme, "notes.txt", "not a resolution");
}

#[test]
fn a_missing_file_is_a_one_line_error() {
    ressearch()
        .arg("segment")
        .arg("no/such/file.txt")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/file.txt"));
}
