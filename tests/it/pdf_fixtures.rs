//! PDFs written byte by byte for the tests: a small resolution laid out as the official ones
//! are (masthead, running heads, footers, footnote calls and areas, a paragraph cut by a page
//! break), and hostile files. Text is set in Courier, a standard font every reader knows the
//! widths of (600/1000 em a glyph), so that positions can be computed here.

use std::io::Write;

/// A PDF under construction: numbered objects, then the cross-reference table and trailer.
#[derive(Default)]
pub struct Pdf {
    objects: Vec<Vec<u8>>,
}

impl Pdf {
    /// Adds an object, returning its number.
    pub fn add(&mut self, body: impl AsRef<[u8]>) -> usize {
        self.objects.push(body.as_ref().to_vec());
        self.objects.len()
    }

    /// Reserves an object number, to be [`Pdf::set`] later (forward references).
    pub fn reserve(&mut self) -> usize {
        self.add(b"null")
    }

    pub fn set(&mut self, number: usize, body: impl AsRef<[u8]>) {
        self.objects[number - 1] = body.as_ref().to_vec();
    }

    /// The file, with `root` as the catalog.
    pub fn finish(&self, root: usize) -> Vec<u8> {
        let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in self.objects.iter().enumerate() {
            offsets.push(out.len());
            writeln!(out, "{} 0 obj", i + 1).unwrap();
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        write!(
            out,
            "xref\n0 {}\n0000000000 65535 f \n",
            self.objects.len() + 1
        )
        .unwrap();
        for offset in offsets {
            writeln!(out, "{offset:010} 00000 n ").unwrap();
        }
        write!(
            out,
            "trailer\n<< /Size {} /Root {root} 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            self.objects.len() + 1
        )
        .unwrap();
        out
    }
}

/// A stream object with `extra` dictionary entries.
pub fn stream(extra: &str, data: &[u8]) -> Vec<u8> {
    let mut out = format!("<< /Length {} {extra} >>\nstream\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

/// Zlib-compressed bytes, for `/Filter /FlateDecode`.
pub fn flate(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(data).unwrap();
    encoder.finish().unwrap()
}

/// A document of US Letter pages with the given content streams, Courier as `/F1`.
pub fn document(contents: &[Vec<u8>]) -> Vec<u8> {
    pages(|pdf| {
        let font = pdf
            .add("<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>");
        contents
            .iter()
            .map(|content| {
                let content = pdf.add(stream("", content));
                format!("/Resources << /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R")
            })
            .collect()
    })
}

/// A document of one US Letter page whose dictionary holds the entries `page` returns (its
/// resources and contents), after adding the objects they refer to. The catalog is object 1,
/// the page tree 2.
pub fn one_page(page: impl FnOnce(&mut Pdf) -> String) -> Vec<u8> {
    pages(|pdf| vec![page(pdf)])
}

/// A document of US Letter pages, each holding the entries `pages` returns, in its page tree.
fn pages(pages: impl FnOnce(&mut Pdf) -> Vec<String>) -> Vec<u8> {
    let mut pdf = Pdf::default();
    let catalog = pdf.reserve();
    let tree = pdf.reserve();
    let kids: Vec<String> = pages(&mut pdf)
        .into_iter()
        .map(|entries| {
            let page = pdf.add(format!(
                "<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 612 792] {entries} >>"
            ));
            format!("{page} 0 R")
        })
        .collect();
    pdf.set(catalog, format!("<< /Type /Catalog /Pages {tree} 0 R >>"));
    pdf.set(
        tree,
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            kids.len()
        ),
    );
    pdf.finish(catalog)
}

/// Page content drawn run by run: each run at a position (points from the top left corner).
#[derive(Default)]
pub struct Content {
    ops: String,
}

impl Content {
    /// Draws `text` in Courier of `size` with its baseline at `y` from the top, from `x`.
    /// Returns where the run ends.
    pub fn text(&mut self, x: f32, y: f32, size: f32, text: &str) -> f32 {
        let escaped = text
            .replace('\\', "\\\\")
            .replace('(', "\\(")
            .replace(')', "\\)");
        self.ops.push_str(&format!(
            "BT /F1 {size} Tf 1 0 0 1 {x} {} Tm ({escaped}) Tj ET\n",
            792.0 - y
        ));
        x + 0.6 * size * text.chars().count() as f32
    }

    /// Draws `text` then `call` raised and smaller, as a footnote call is printed.
    pub fn text_with_call(&mut self, x: f32, y: f32, size: f32, text: &str, call: &str) -> f32 {
        let end = self.text(x, y, size, text);
        self.text(end, y - 0.35 * size, 0.6 * size, call)
    }

    /// A horizontal line drawn as a path (not text).
    pub fn rule(&mut self, x: f32, y: f32, width: f32) {
        self.ops.push_str(&format!(
            "0.5 w {x} {} m {} {} l S\n",
            792.0 - y,
            x + width,
            792.0 - y
        ));
    }

    pub fn bytes(self) -> Vec<u8> {
        self.ops.into_bytes()
    }
}

/// Body text size, line pitch, left margin of the synthetic resolution.
const SIZE: f32 = 10.0;
const PITCH: f32 = 12.0;
const LEFT: f32 = 72.0;
/// Paragraph lines are this many characters (58 × 6 pt: they end at 420 pt).
const WIDTH: usize = 58;

/// Lines of a justified paragraph: `first` indented by 24 pt; every line but the last filled to
/// the same width.
fn paragraph(page: &mut Content, y: &mut f32, lines: &[&str], calls: &[(usize, &str)]) {
    for (i, line) in lines.iter().enumerate() {
        assert!(line.len() <= WIDTH, "{line:?} is longer than a line");
        let x = if i == 0 { LEFT + 24.0 } else { LEFT };
        let last = i + 1 == lines.len();
        let padded = if last {
            line.to_string()
        } else {
            // Justified: the gap is spread over the spaces, as a word processor does.
            justify(line, WIDTH - if i == 0 { 4 } else { 0 })
        };
        match calls.iter().find(|(n, _)| *n == i) {
            Some((_, call)) => page.text_with_call(x, *y, SIZE, &padded, call),
            None => page.text(x, *y, SIZE, &padded),
        };
        *y += PITCH;
    }
    *y += 6.0;
}

fn justify(line: &str, width: usize) -> String {
    let mut out = line.to_string();
    while out.len() < width {
        let Some(p) = out
            .rfind(|c: char| c != ' ')
            .and_then(|end| out[..end].rfind(' '))
        else {
            break;
        };
        out.insert(p, ' ');
    }
    out
}

/// A two-page resolution laid out as the official PDFs are: masthead, running head on page 2,
/// job number, barcode and page counter in the footers, two footnotes under a rule (drawn as
/// underscores, or as a line when `drawn_rule`), and an operative paragraph cut by the page
/// break.
pub fn resolution(drawn_rule: bool) -> Vec<u8> {
    let mut p1 = Content::default();
    p1.text(LEFT, 56.0, 14.0, "United Nations");
    p1.text(430.0, 56.0, 20.0, "A/RES/99/1");
    p1.text(LEFT, 86.0, 20.0, "General Assembly");
    p1.text(430.0, 86.0, 10.0, "Distr.: General");
    p1.text(430.0, 98.0, 10.0, "9 January 2030");
    p1.text(LEFT, 150.0, SIZE, "Ninety-ninth session");
    p1.text(LEFT, 162.0, SIZE, "Agenda item 12");
    p1.text(
        LEFT + 24.0,
        200.0,
        14.0,
        "Resolution adopted by the General Assembly",
    );
    p1.text(LEFT + 24.0, 215.0, 14.0, "on 5 January 2030");
    p1.text(LEFT, 245.0, 12.0, "99/1. Layout of the official documents");
    p1.text(LEFT + 24.0, 275.0, SIZE, "The General Assembly,");
    let mut y = 293.0;
    paragraph(
        &mut p1,
        &mut y,
        &[
            "Recalling its resolution 98/1 of 1 December 2029, which",
            "established the programme of work on the layout of",
            "documents,",
        ],
        &[(2, "1")],
    );
    paragraph(
        &mut p1,
        &mut y,
        &[
            "Noting with concern the delays described in the report",
            "of the Secretary-General,",
        ],
        &[(1, "2")],
    );
    paragraph(
        &mut p1,
        &mut y,
        &[
            "1. Decides to continue the programme of work for a",
            "further period of two years;",
        ],
        &[],
    );
    // Cut by the page break: its last line on this page runs to the right margin.
    paragraph(
        &mut p1,
        &mut y,
        &[
            "2. Requests the Secretary-General to report to the",
            "General Assembly at its hundredth session on the",
            "implementation of the present resolution, including on",
        ],
        &[],
    );
    // The last line of the page is full: the paragraph goes on.
    let rule_y = 690.0;
    if drawn_rule {
        p1.rule(LEFT, rule_y, 108.0);
    } else {
        p1.text(LEFT, rule_y, 8.0, "__________________");
    }
    p1.text_with_call(LEFT, 704.0, 8.0, "", "1");
    p1.text(LEFT + 6.0, 704.0, 8.0, "Resolution 98/1.");
    p1.text_with_call(LEFT, 715.0, 8.0, "", "2");
    p1.text(
        LEFT + 6.0,
        715.0,
        8.0,
        "A/99/100, chapter II, which was submitted under",
    );
    p1.text(LEFT + 6.0, 726.0, 8.0, "agenda item 12.");
    p1.text(LEFT, 750.0, 8.0, "30-00001 (E)");
    p1.text(LEFT, 765.0, 12.0, "*3000001*");

    let mut p2 = Content::default();
    p2.text(LEFT, 50.0, 8.5, "A/RES/99/1");
    p2.text(330.0, 50.0, 8.5, "Layout of the official documents");
    let mut y = 80.0;
    // The rest of paragraph 2: at the left margin, no indent.
    p2.text(LEFT, y, SIZE, "the follow-up given to it;");
    y += PITCH;
    y += 6.0;
    paragraph(
        &mut p2,
        &mut y,
        &["3. Decides to remain seized of the matter."],
        &[],
    );
    p2.text(330.0, y + 20.0, SIZE, "1st plenary meeting");
    p2.text(330.0, y + 32.0, SIZE, "5 January 2030");
    p2.text(LEFT, 755.0, 8.5, "2/2");
    p2.text(500.0, 755.0, 7.0, "30-00001");
    document(&[p1.bytes(), p2.bytes()])
}
