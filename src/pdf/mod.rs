//! Reading the official PDFs of resolutions directly, using their layout.
//!
//! People get resolutions from the UN's document system as PDFs. A plain text extraction of
//! such a PDF mixes running heads, page counters, job numbers, barcodes and footnote areas into
//! the clause text, and the segmenter then has to recognise them by their wording. A PDF says
//! more than its text: where each glyph stands on which page, and in what size. This module uses
//! that to rebuild lines in reading order, to tell the page furniture and the footnote area from
//! the body by position and size ([`layout`]), and to hand the segmenter a text in the form it
//! reads (`render`): the body with paragraphs separated by blank lines, the running heads and
//! footers left out, and the footnotes after a rule, each with its number, so that they attach
//! to the clauses that call them as on the text path.
//!
//! The glyphs come from the `pdf-extract` crate (fonts, encodings, text matrices), on top of
//! `lopdf`. Neither is hardened against hostile files, so [`extract_text`] guards them
//! (`guard`): a lexical pre-scan refuses objects nested deeper than any real document, a
//! decompression bomb or a graphics-state bomb; a form that draws itself is refused before
//! the page is walked; the reader runs on a thread of its own, with a deep stack, its panics
//! caught and a time limit. Every failure is a [`PdfError`] saying why the file was skipped.

use std::fmt;
use std::sync::mpsc;
use std::time::Duration;

mod guard;
pub mod layout;
mod reader;
mod render;

pub use layout::{Line, LineKind, Page};

/// The text of a PDF, ready for the segmenter, and what was left out of it.
#[derive(Debug, Clone)]
pub struct PdfText {
    /// The body lines in reading order, paragraphs separated by blank lines, then the
    /// footnotes after a rule: what [`crate::segment::segment_text`] reads.
    pub text: String,
    /// Pages in the document.
    pub pages: usize,
    /// Running heads, footers, page counters, job numbers and barcodes left out (lines or
    /// cells of a line). The first page's masthead is kept: it holds the symbol and title.
    pub furniture_lines: usize,
    /// Footnotes found in the footnote areas.
    pub footnotes: usize,
    /// Remarks on what may be missing, e.g. pages without a text layer.
    pub warnings: Vec<String>,
}

/// Why a PDF cannot be indexed. `Display` gives the reason shown to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// Zero bytes.
    Empty,
    /// No `%PDF-` header: another kind of file with a `.pdf` name.
    NotPdf,
    /// Encrypted with a password needed to open it.
    Encrypted,
    /// Pages without any text: a scan that was never OCR'd.
    NoTextLayer,
    /// A file that cannot be read as a PDF: truncated, corrupt, or beyond what the reader
    /// supports.
    Damaged(String),
    /// A file built to exhaust the reader (nesting, decompression or graphics-state bombs,
    /// reference cycles) or that takes too long to read.
    Refused(String),
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PdfError::Empty => write!(f, "empty file (0 bytes), not a PDF"),
            PdfError::NotPdf => write!(
                f,
                "not a PDF: no %PDF- header in its first 1024 bytes; rename it or leave it out"
            ),
            PdfError::Encrypted => write!(
                f,
                "encrypted PDF: it needs a password, which ressearch does not take; save an unprotected copy"
            ),
            PdfError::NoTextLayer => write!(
                f,
                "scanned image: no text layer; run OCR on it first (e.g. ocrmypdf) and index the result"
            ),
            PdfError::Damaged(why) => write!(f, "damaged PDF: {why}"),
            PdfError::Refused(why) => write!(f, "PDF refused: {why}"),
        }
    }
}

impl std::error::Error for PdfError {}

/// Longest a PDF may take to read, whatever its size: a resolution takes milliseconds, the
/// largest real ones well under a second.
const TIME_LIMIT: Duration = Duration::from_secs(5);

/// Stack of the reading thread: `lopdf` and `pdf-extract` recurse over the object graph, and
/// the guards bound that depth to what this stack holds with room to spare.
const READER_STACK: usize = 64 * 1024 * 1024;

/// Extracts the text of a PDF in the form the segmenter reads. See the module documentation.
pub fn extract_text(bytes: &[u8]) -> Result<PdfText, PdfError> {
    let pages = extract_pages(bytes)?;
    Ok(render::segmenter_text(&pages))
}

/// The pages of a PDF as positioned lines, each classified as body, running head, footer,
/// footnote rule or footnote.
pub fn extract_pages(bytes: &[u8]) -> Result<Vec<Page>, PdfError> {
    guard::check_header(bytes)?;
    guard::check_nesting(bytes)?;
    let raw = read_guarded(bytes)?;
    if raw.is_empty() {
        return Err(PdfError::Damaged("no pages".to_string()));
    }
    if raw.iter().all(|p| p.glyphs.iter().all(|g| g.is_blank())) {
        return Err(PdfError::NoTextLayer);
    }
    Ok(layout::pages_of(&raw))
}

/// Runs the reader on a thread of its own: a deep stack, its panics caught (and kept off the
/// terminal, by [`crate::corpus::catch_quietly`]), and a time limit after which the file is
/// given up. A reader past the limit is left to finish on its own; its result is dropped.
fn read_guarded(bytes: &[u8]) -> Result<Vec<reader::RawPage>, PdfError> {
    let owned = bytes.to_vec();
    let (tx, rx) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("ressearch-pdf-reader".to_string())
        .stack_size(READER_STACK)
        .spawn(move || {
            let result = crate::corpus::catch_quietly(|| reader::read(&owned, TIME_LIMIT));
            let _ = tx.send(result);
        });
    if let Err(e) = spawned {
        return Err(PdfError::Damaged(format!(
            "cannot start the PDF reader: {e}"
        )));
    }
    match rx.recv_timeout(TIME_LIMIT + Duration::from_secs(1)) {
        Ok(Ok(result)) => result,
        Ok(Err(panic)) => Err(PdfError::Damaged(format!(
            "the PDF reader failed on it ({})",
            first_line(&panic)
        ))),
        Err(_) => Err(PdfError::Refused(format!(
            "reading it took longer than {} s",
            TIME_LIMIT.as_secs()
        ))),
    }
}

fn first_line(s: &str) -> &str {
    let line = s.lines().next().unwrap_or("");
    match line.char_indices().nth(160) {
        Some((i, _)) => &line[..i],
        None => line,
    }
}
