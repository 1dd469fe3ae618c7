//! Stage 1: the raw text made plain, and its language.
//!
//! PDF extraction and OCR leave CRLF and lone CR line ends, form feeds, soft hyphens, no-break
//! and other Unicode spaces, and tildes read for hyphens. Every later stage works on ASCII white
//! space and `\n` line ends only, so they are unified here once.

use crate::model::Language;

/// Unifies line ends, page breaks and odd spaces, so that later passes see plain lines.
pub(super) fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Copies the runs between special characters whole.
    let mut run_start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        // Only these bytes can start a character replaced below: the lead bytes of U+0080–
        // U+00BF (C2), U+1680 (E1), U+2000–U+205F (E2), U+3000 (E3), U+FEFF (EF), and five
        // ASCII ones. Every other byte (most of the text) is copied with its run.
        if !matches!(
            b,
            b'~' | b'\r' | b'\t' | 0x0b | 0x0c | 0xc2 | 0xe1 | 0xe2 | 0xe3 | 0xef
        ) {
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let replacement = match c {
            // OCR reads a hyphen between two letters as a tilde: "Secretary~General".
            '~' if text[..i].ends_with(char::is_alphabetic)
                && text[i + 1..].starts_with(char::is_alphabetic) =>
            {
                "-"
            }
            // CRLF is one line end; a lone CR (old Mac files) is one too.
            '\r' if text[i + 1..].starts_with('\n') => "",
            '\r' => "\n",
            '\u{ad}' | '\u{200b}' | '\u{feff}' => "",
            '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}' => "\n",
            // Every other white space becomes a plain space: later passes split on ASCII.
            '\u{a0}'
            | '\u{2000}'..='\u{200a}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{1680}'
            | '\u{3000}'
            | '\u{b}'
            | '\t' => " ",
            _ => continue,
        };
        out.push_str(&text[run_start..i]);
        out.push_str(replacement);
        run_start = i + c.len_utf8();
    }
    out.push_str(&text[run_start..]);
    out
}

/// Frequent French function words.
const FRENCH_MARKERS: &[&str] = &[
    "le", "la", "les", "des", "du", "et", "dans", "pour", "sur", "une", "que", "aux", "est",
];

/// Frequent English function words.
const ENGLISH_MARKERS: &[&str] = &[
    "the", "of", "and", "to", "in", "for", "that", "with", "on", "its", "is",
];

/// French or English, by counting frequent function words.
pub(super) fn detect_language(text: &str) -> Language {
    let (mut fr, mut en) = (0usize, 0usize);
    for word in text.split(|c: char| !c.is_alphabetic()).take(5000) {
        if word.len() > 5 || word.is_empty() {
            continue;
        }
        if FRENCH_MARKERS.iter().any(|m| m.eq_ignore_ascii_case(word)) {
            fr += 1;
        } else if ENGLISH_MARKERS.iter().any(|m| m.eq_ignore_ascii_case(word)) {
            en += 1;
        }
    }
    if fr > en { Language::Fr } else { Language::En }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::blocks::collapse_spaces;

    #[test]
    fn white_space_and_ocr_tildes_are_normalised() {
        assert_eq!(collapse_spaces("  a \t b\n\nc  "), "a b c");
        assert_eq!(
            normalize("Secretary~General ~ x\r\n"),
            "Secretary-General ~ x\n"
        );
    }

    #[test]
    fn every_white_space_is_ascii_after_normalising() {
        // collapse_spaces splits on ASCII white space only: normalize must leave no other.
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            if c.is_whitespace() {
                let text = normalize(&format!("a{c}b"));
                assert!(
                    text.chars()
                        .all(|c| !c.is_whitespace() || c.is_ascii_whitespace()),
                    "U+{:04X} stays in {text:?}",
                    c as u32
                );
                assert_eq!(collapse_spaces(&text), "a b", "U+{:04X}", c as u32);
            }
        }
    }
}
