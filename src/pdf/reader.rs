//! The glyphs of each page, with their position and size, from `pdf-extract`.
//!
//! `pdf-extract` decodes fonts and walks the content streams; through its `OutputDev` trait it
//! reports every glyph with its text rendering matrix, from which the glyph's origin, size and
//! advance on the page follow. Everything else in [`super`] is geometry on these glyphs.

use std::time::{Duration, Instant};

use pdf_extract::{Document, MediaBox, ObjectId, OutputDev, OutputError, Transform};

use super::PdfError;
use super::guard::{self, StreamFacts};

/// One glyph (or a run of glyphs drawn as one string) placed on a page.
#[derive(Debug, Clone)]
pub struct Glyph {
    /// Origin, points from the page's left edge.
    pub x: f64,
    /// Baseline, points from the page's top edge.
    pub y: f64,
    /// Advance width, points.
    pub advance: f64,
    /// Size on the page, points.
    pub size: f64,
    pub text: String,
}

impl Glyph {
    /// Whether it is white space that may break a line (no-break spaces are text).
    pub fn is_blank(&self) -> bool {
        self.text.chars().all(is_breaking_space)
    }
}

/// White space that may break a line; no-break spaces (French typography puts them inside
/// « » and in "20 000") are text.
pub fn is_breaking_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}' | '\u{2007}')
}

/// A page's size and glyphs, as drawn.
#[derive(Debug, Clone)]
pub struct RawPage {
    /// 1-based.
    pub number: u32,
    pub width: f64,
    pub height: f64,
    pub glyphs: Vec<Glyph>,
}

/// Upper bound on glyphs in one document (a long resolution has about 10^5).
const MAX_GLYPHS: usize = 20_000_000;

/// Reads the glyphs of every page, giving up after `time_limit`.
pub(super) fn read(bytes: &[u8], time_limit: Duration) -> Result<Vec<RawPage>, PdfError> {
    let started = Instant::now();
    let doc = match Document::load_mem(bytes) {
        Ok(doc) => doc,
        Err(pdf_extract::Error::Decryption(_) | pdf_extract::Error::InvalidPassword) => {
            return Err(PdfError::Encrypted);
        }
        // A file that fails to load is searched for an encryption dictionary; one that loads is
        // not (the scan is a pass over all its bytes).
        Err(_) if bytes.windows(8).any(|w| w == b"/Encrypt") => return Err(PdfError::Encrypted),
        Err(e) => return Err(PdfError::Damaged(load_error(&e))),
    };
    // A file encrypted with an empty user password (permissions only) is decrypted on load; one
    // that still is encrypted needs a password.
    if doc.is_encrypted() {
        return Err(PdfError::Encrypted);
    }
    guard::check_streams(
        doc.objects
            .values()
            .filter_map(|o| o.as_stream().ok())
            .map(|stream| {
                let filters = stream.filters().unwrap_or_default();
                let kind = |key: &[u8]| stream.dict.get(key).and_then(|o| o.as_name()).ok();
                let font_program = [&b"Length1"[..], b"Length2", b"Length3"]
                    .iter()
                    .any(|k| stream.dict.has(k));
                StreamFacts {
                    data: &stream.content,
                    flate: matches!(filters.as_slice(), [b"FlateDecode" | b"Fl"]),
                    content: !font_program
                        && kind(b"Subtype") != Some(b"Image")
                        && !matches!(kind(b"Type"), Some(b"XRef" | b"Metadata" | b"ObjStm")),
                }
            }),
    )?;
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(PdfError::Damaged("no pages".to_string()));
    }
    for (&number, &id) in &pages {
        if form_cycle(&doc, id) {
            return Err(PdfError::Refused(format!(
                "page {number}: a form draws itself (a reference cycle)"
            )));
        }
    }
    let mut collector = Collector {
        pages: Vec::with_capacity(pages.len()),
        origin: (0.0, 0.0),
        glyphs: 0,
        deadline: started + time_limit,
        timed_out: false,
    };
    for &number in pages.keys() {
        if let Err(e) = pdf_extract::output_doc_page(&doc, &mut collector, number) {
            if collector.timed_out {
                return Err(PdfError::Refused(format!(
                    "reading it took longer than {} s",
                    time_limit.as_secs()
                )));
            }
            if collector.glyphs >= MAX_GLYPHS {
                return Err(PdfError::Refused(format!(
                    "more than {MAX_GLYPHS} glyphs drawn"
                )));
            }
            return Err(PdfError::Damaged(format!("page {number}: {e}")));
        }
    }
    Ok(collector.pages)
}

/// `lopdf`'s load error in words a user can act on.
fn load_error(e: &pdf_extract::Error) -> String {
    let detail = e.to_string();
    if detail.contains("cross reference") || detail.contains("xref") || detail.contains("trailer") {
        format!(
            "truncated or corrupt: its cross-reference table cannot be read ({detail}); download it again"
        )
    } else {
        format!("cannot be parsed ({detail})")
    }
}

struct Collector {
    pages: Vec<RawPage>,
    /// The current page's top left corner in user space.
    origin: (f64, f64),
    glyphs: usize,
    deadline: Instant,
    timed_out: bool,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        let (llx, urx) = (
            media_box.llx.min(media_box.urx),
            media_box.llx.max(media_box.urx),
        );
        let (lly, ury) = (
            media_box.lly.min(media_box.ury),
            media_box.lly.max(media_box.ury),
        );
        self.pages.push(RawPage {
            number: page_num,
            width: urx - llx,
            height: ury - lly,
            glyphs: Vec::new(),
        });
        self.origin = (llx, ury);
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        self.glyphs += 1;
        if self.glyphs >= MAX_GLYPHS {
            return Err(OutputError::FormatError(std::fmt::Error));
        }
        if self.glyphs.is_multiple_of(4096) && Instant::now() > self.deadline {
            self.timed_out = true;
            return Err(OutputError::FormatError(std::fmt::Error));
        }
        let (llx, ury) = self.origin;
        let Some(page) = self.pages.last_mut() else {
            return Ok(());
        };
        // The text rendering matrix: its translation is the glyph origin in user space, its
        // vertical scale times the font size the size on the page, its horizontal scale the
        // advance.
        let vertical = (trm.m21 * trm.m21 + trm.m22 * trm.m22).sqrt();
        let horizontal = (trm.m11 * trm.m11 + trm.m12 * trm.m12).sqrt();
        let size = (font_size * vertical).abs();
        let (x, y) = (trm.m31 - llx, ury - trm.m32);
        if text.is_empty() || !(x.is_finite() && y.is_finite() && size.is_finite()) {
            return Ok(());
        }
        page.glyphs.push(Glyph {
            x,
            y,
            advance: (width * font_size * horizontal).abs(),
            size,
            text: text.to_string(),
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// Whether a form drawn on the page draws itself, directly or through other forms (or nests
/// absurdly deep): `pdf-extract` follows `Do` recursively without a limit.
fn form_cycle(doc: &Document, page: ObjectId) -> bool {
    use pdf_extract::Dictionary;
    fn forms_of(doc: &Document, resources: &Dictionary) -> Vec<ObjectId> {
        let Ok(xobjects) = resources
            .get(b"XObject")
            .and_then(|o| doc.dereference(o))
            .and_then(|(_, o)| o.as_dict())
        else {
            return Vec::new();
        };
        xobjects
            .iter()
            .filter_map(|(_, o)| o.as_reference().ok())
            .collect()
    }
    fn visit(doc: &Document, id: ObjectId, path: &mut Vec<ObjectId>) -> bool {
        if path.contains(&id) || path.len() > 64 {
            return true;
        }
        let Ok(stream) = doc.get_object(id).and_then(|o| o.as_stream()) else {
            return false;
        };
        let Ok(resources) = stream
            .dict
            .get(b"Resources")
            .and_then(|o| doc.dereference(o))
            .and_then(|(_, o)| o.as_dict())
        else {
            return false;
        };
        path.push(id);
        let found = forms_of(doc, resources)
            .into_iter()
            .any(|form| visit(doc, form, path));
        path.pop();
        found
    }
    // The page's resources, inherited through at most 64 parents (the page tree of a real
    // document is a few levels deep).
    let mut roots = Vec::new();
    let mut node = Some(page);
    for _ in 0..64 {
        let Some(id) = node else { break };
        let Ok(dict) = doc.get_dictionary(id) else {
            break;
        };
        if let Ok((_, resources)) = dict.get(b"Resources").and_then(|o| doc.dereference(o))
            && let Ok(resources) = resources.as_dict()
        {
            roots.extend(forms_of(doc, resources));
        }
        node = dict.get(b"Parent").and_then(|o| o.as_reference()).ok();
    }
    roots
        .into_iter()
        .any(|root| visit(doc, root, &mut Vec::new()))
}
