//! Checks that keep a hostile or broken PDF away from the reader.
//!
//! `lopdf` parses nested arrays and dictionaries recursively and `pdf-extract` follows forms
//! recursively: a file nesting 100,000 levels, or a form that draws itself, overflows the stack,
//! which aborts the process (no panic to catch). `lopdf` 0.42 also inflates a compressed stream
//! whatever its size, and `pdf-extract` copies the graphics state on every `q`: a 1 MB file
//! can ask for gigabytes. Real resolutions nest objects fewer than 20 levels, their streams
//! inflate to a few megabytes and their graphics states nest a few levels, so the limits below
//! refuse only what no document needs.

use std::io::Read;

use super::PdfError;

/// Deepest array/dictionary nesting accepted.
pub(super) const MAX_NESTING: usize = 512;

/// Largest inflated size of one stream.
pub(super) const MAX_STREAM_BYTES: u64 = 64 << 20;

/// Largest inflated size of all streams together.
pub(super) const MAX_TOTAL_BYTES: u64 = 512 << 20;

/// Deepest `q` (save graphics state) nesting accepted in a stream.
pub(super) const MAX_STATE_DEPTH: usize = 4096;

/// Empty files and files that are not PDFs.
pub(super) fn check_header(bytes: &[u8]) -> Result<(), PdfError> {
    if bytes.is_empty() {
        return Err(PdfError::Empty);
    }
    if !bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-")
    {
        return Err(PdfError::NotPdf);
    }
    Ok(())
}

/// Refuses nesting deeper than [`MAX_NESTING`] in the file's syntax, and in its object
/// streams (inflated here, as `lopdf` inflates them when it loads the file, so that a
/// decompression bomb among them is refused before): one pass over the bytes that skips
/// comments, strings and other stream data.
pub(super) fn check_nesting(bytes: &[u8]) -> Result<(), PdfError> {
    let depth = nesting_depth(bytes, Some(&mut 0))?;
    if depth > MAX_NESTING {
        return Err(PdfError::Refused(format!(
            "objects nested {depth} levels deep (a document needs fewer than 20; limit {MAX_NESTING})"
        )));
    }
    Ok(())
}

/// The deepest nesting in `b`, and in its Flate-compressed object streams when
/// `object_streams` counts the bytes they inflate to.
fn nesting_depth(b: &[u8], mut object_streams: Option<&mut u64>) -> Result<usize, PdfError> {
    let (mut i, mut depth, mut max) = (0usize, 0usize, 0usize);
    while i < b.len() {
        match b[i] {
            b'%' => {
                while i < b.len() && b[i] != b'\n' && b[i] != b'\r' {
                    i += 1;
                }
            }
            b'(' => {
                // A literal string, with balanced parentheses and backslash escapes.
                let mut level = 0usize;
                while i < b.len() {
                    match b[i] {
                        b'\\' => i += 1,
                        b'(' => level += 1,
                        b')' => {
                            level -= 1;
                            if level == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
            }
            b'[' => {
                depth += 1;
                max = max.max(depth);
            }
            b'<' if b.get(i + 1) == Some(&b'<') => {
                depth += 1;
                max = max.max(depth);
                i += 1;
            }
            b']' => depth = depth.saturating_sub(1),
            b'>' if b.get(i + 1) == Some(&b'>') => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b's' if b[i..].starts_with(b"stream")
                && matches!(b.get(i + 6), Some(b'\n' | b'\r'))
                && (i == 0 || !b[i - 1].is_ascii_alphabetic()) =>
            {
                let data_start = i
                    + 6
                    + if b[i + 6..].starts_with(b"\r\n") {
                        2
                    } else {
                        1
                    };
                let Some(length) = find(&b[data_start.min(b.len())..], b"endstream") else {
                    return Ok(max);
                };
                let data_end = data_start + length;
                if let Some(total) = object_streams.as_deref_mut() {
                    let dict = stream_dictionary(b, i);
                    if contains(dict, b"/ObjStm") && contains(dict, b"/FlateDecode") {
                        let mut inflated = Vec::new();
                        let _ = flate2::read::ZlibDecoder::new(&b[data_start..data_end])
                            .take(MAX_STREAM_BYTES + 1)
                            .read_to_end(&mut inflated);
                        count_inflated(inflated.len() as u64, total)?;
                        max = max.max(nesting_depth(&inflated, None)?);
                    }
                }
                i = data_end + "endstream".len();
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    Ok(max)
}

/// The bytes of the dictionary before the `stream` keyword at `at`: from the `obj` keyword
/// that opens its object (at most 4 KiB back).
fn stream_dictionary(b: &[u8], at: usize) -> &[u8] {
    let from = at.saturating_sub(4096);
    let window = &b[from..at];
    match window.windows(3).rposition(|w| w == b"obj") {
        Some(p) => &window[p..],
        None => window,
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    find(haystack, needle).is_some()
}

/// What the stream checks need to know of one stream.
pub(super) struct StreamFacts<'a> {
    /// The stored bytes (decrypted).
    pub(super) data: &'a [u8],
    /// Whether it is Flate-compressed (the only filter inflated here; `lopdf` 0.42 decodes
    /// no other filter for content).
    pub(super) flate: bool,
    /// Whether it may hold page content (not an image, font program, metadata or cross-reference
    /// stream), so that its `q` nesting is counted.
    pub(super) content: bool,
}

/// Inflates every stream (without keeping it) to refuse decompression bombs, and counts the
/// `q` nesting of content streams to refuse graphics-state bombs.
pub(super) fn check_streams<'a>(
    streams: impl Iterator<Item = StreamFacts<'a>>,
) -> Result<(), PdfError> {
    let mut total = 0u64;
    for stream in streams {
        let mut depth = StateDepth::default();
        let size = if stream.flate {
            let mut decoder =
                flate2::read::ZlibDecoder::new(stream.data).take(MAX_STREAM_BYTES + 1);
            let mut buffer = [0u8; 16 * 1024];
            let mut size = 0u64;
            loop {
                match decoder.read(&mut buffer) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        size += n as u64;
                        if stream.content {
                            depth.feed(&buffer[..n]);
                        }
                    }
                }
            }
            size
        } else {
            if stream.content {
                depth.feed(stream.data);
            }
            stream.data.len() as u64
        };
        count_inflated(size, &mut total)?;
        if depth.max > MAX_STATE_DEPTH {
            return Err(PdfError::Refused(format!(
                "graphics states nested {} levels deep (limit {MAX_STATE_DEPTH})",
                depth.max
            )));
        }
    }
    Ok(())
}

/// Adds a stream's inflated `size` to `total`, refusing a stream past [`MAX_STREAM_BYTES`] or
/// streams past [`MAX_TOTAL_BYTES`] together.
fn count_inflated(size: u64, total: &mut u64) -> Result<(), PdfError> {
    if size > MAX_STREAM_BYTES {
        return Err(PdfError::Refused(format!(
            "a compressed stream inflates past {} MiB (decompression bomb)",
            MAX_STREAM_BYTES >> 20
        )));
    }
    *total += size;
    if *total > MAX_TOTAL_BYTES {
        return Err(PdfError::Refused(format!(
            "its compressed streams inflate past {} MiB together (decompression bomb)",
            MAX_TOTAL_BYTES >> 20
        )));
    }
    Ok(())
}

/// The deepest nesting of the `q`/`Q` operators in content fed in pieces (strings and
/// comments skipped).
#[derive(Default)]
struct StateDepth {
    depth: usize,
    max: usize,
    /// The last two bytes seen outside strings and comments: an operator is `q` or `Q`
    /// between delimiters.
    before: u8,
    operator: u8,
    /// Open parentheses of the literal string being read, 0 outside strings.
    string_level: usize,
    escaped: bool,
    in_comment: bool,
}

impl StateDepth {
    fn feed(&mut self, bytes: &[u8]) {
        for &b in bytes {
            if self.string_level > 0 {
                match b {
                    _ if self.escaped => self.escaped = false,
                    b'\\' => self.escaped = true,
                    b'(' => self.string_level += 1,
                    b')' => self.string_level -= 1,
                    _ => {}
                }
                if self.string_level == 0 {
                    (self.before, self.operator) = (b' ', b')');
                }
                continue;
            }
            if self.in_comment {
                self.in_comment = !matches!(b, b'\n' | b'\r');
                continue;
            }
            if is_delimiter(b) {
                match self.operator {
                    b'q' if is_delimiter(self.before) => {
                        self.depth += 1;
                        self.max = self.max.max(self.depth);
                    }
                    b'Q' if is_delimiter(self.before) => self.depth = self.depth.saturating_sub(1),
                    _ => {}
                }
            }
            match b {
                b'(' => self.string_level = 1,
                b'%' => self.in_comment = true,
                _ => {}
            }
            self.before = self.operator;
            self.operator = b;
        }
    }
}

fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        0 | b' '
            | b'\t'
            | b'\n'
            | b'\r'
            | 0x0c
            | b'('
            | b')'
            | b'<'
            | b'>'
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'/'
            | b'%'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_counted_outside_strings_comments_and_streams() {
        let depth = |b: &[u8]| nesting_depth(b, Some(&mut 0)).unwrap();
        assert_eq!(depth(b"<< /A [ [ 1 ] ] >>"), 3);
        assert_eq!(depth(b"(((((( [[[[ ))))))) % [[[[[[\n[1]"), 1);
        assert_eq!(depth(b"1 0 obj << >>\nstream\n[[[[[[[[\nendstream\n"), 1);
    }

    #[test]
    fn an_object_stream_inflating_past_the_limit_is_refused_before_the_reader_loads_it() {
        use std::io::Write;
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        let chunk = vec![b' '; 1 << 20];
        for _ in 0..=(MAX_STREAM_BYTES >> 20) {
            encoder.write_all(&chunk).unwrap();
        }
        let compressed = encoder.finish().unwrap();
        let mut file = format!(
            "%PDF-1.7\n5 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length {} >>\nstream\n",
            compressed.len()
        )
        .into_bytes();
        file.extend_from_slice(&compressed);
        file.extend_from_slice(b"\nendstream\nendobj\n");
        match check_nesting(&file) {
            Err(PdfError::Refused(why)) => assert!(why.contains("decompression bomb"), "{why}"),
            other => panic!("not refused: {other:?}"),
        }
    }

    #[test]
    fn graphics_state_depth_counts_operators_only() {
        let mut d = StateDepth::default();
        d.feed(b"q q 1 0 0 1 0 0 cm\nq BT /Fq 12 Tf (q (q) \\) q) Tj ET % q q q\nQ Q q");
        // The `q` in the font name, the string and the comment are no operators.
        assert_eq!(d.max, 3);
        let mut split = StateDepth::default();
        split.feed(b" q");
        split.feed(b" q ");
        assert_eq!(split.max, 2);
    }
}
