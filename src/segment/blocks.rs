//! Stage 5: the body's lines grouped into blocks, and lines joined into text.
//!
//! A block is a run of text lines between blank lines, page noise left out. Some files mark
//! paragraphs by indentation instead (double-spaced extractions), some OCR text prints no blank
//! line between paragraphs; both are read here. Joining lines rejoins a word hyphenated across a
//! line break, with the document's own words deciding whether the hyphen stays.

use rustc_hash::FxHashSet;

use super::clauses::{article_paragraph, operative_number};
use super::footnotes::{Footnote, footnote_start, is_inline_footnote, next_footnote_number};
use super::openings::{LEADING_ADVERBS, OPERATIVE_VERBS};

/// Whether nearly every text line is followed by a blank line, as in some PDF extractions.
/// Such a file indents the first line of each paragraph; one printing each paragraph on a single
/// line between blank lines (`S_RES_466_1980`) is not double-spaced.
pub(super) fn is_double_spaced(lines: &[&str]) -> bool {
    let text_lines = lines.iter().filter(|l| !l.trim().is_empty()).count();
    let adjacent = lines
        .windows(2)
        .filter(|w| !w[0].trim().is_empty() && !w[1].trim().is_empty())
        .count();
    let indented = lines
        .iter()
        .filter(|l| l.starts_with(' ') && !l.trim().is_empty())
        .count();
    text_lines > 10 && adjacent * 10 < text_lines && indented * 10 >= text_lines
}

/// A run of text lines between blank lines, page noise removed.
pub(super) struct Block {
    pub(super) lines: Vec<String>,
    /// Whether page noise (a header, footer or footnote block) stands between this block and
    /// the one before: a paragraph cut there continues here.
    pub(super) after_page_break: bool,
    /// Whether it stands before an organ line printed after the first paragraphs (`4 (1946)`):
    /// it is preambular whatever its first word.
    pub(super) before_organ: bool,
}

/// Groups the body's lines into blocks. A double-spaced file (every text line followed by a blank
/// line) marks paragraph starts by indentation instead of blank lines. Inline footnote blocks
/// (`1/ S/25046.`) are moved to `footnotes`.
pub(super) fn body_blocks(
    lines: &[&str],
    noise: &[bool],
    double_spaced: bool,
    organ: Option<usize>,
    footnotes: &mut Vec<Footnote>,
) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut current: Vec<String> = Vec::new();
    // Whether page noise came since the last text line, and before the current block's first.
    let mut page_break = false;
    let mut current_after_break = false;
    let flush = |current: &mut Vec<String>, blocks: &mut Vec<Block>, after_page_break: bool| {
        if !current.is_empty() {
            blocks.push(Block {
                lines: std::mem::take(current),
                after_page_break,
                before_organ: false,
            });
        }
    };
    for (index, (raw, &is_noise)) in lines.iter().zip(noise).enumerate() {
        if organ == Some(index) {
            // The organ line printed after the first paragraphs ends the one before it.
            flush(&mut current, &mut blocks, current_after_break);
            for block in &mut blocks {
                block.before_organ = true;
            }
        }
        if is_noise {
            page_break = true;
            continue;
        }
        let line = raw.trim();
        if line.is_empty() {
            if !double_spaced {
                flush(&mut current, &mut blocks, current_after_break);
            }
            continue;
        }
        if double_spaced && raw.starts_with(' ') {
            flush(&mut current, &mut blocks, current_after_break);
        }
        // A section mark on its own line ("A", "II") is a block of its own, even when the
        // paragraph or title after it follows without a blank line.
        let after_mark = current.len() == 1 && is_lone_section_mark(&current[0]);
        if is_lone_section_mark(line) || (after_mark && operative_number(line).is_some()) {
            flush(&mut current, &mut blocks, current_after_break);
        }
        if current.last().is_some_and(|previous| {
            starts_unspaced_paragraph(previous, line)
                // "…to the people of the Trust Territory.\nArticle 5": an article heading.
                || (ends_paragraph(previous) && is_article_heading(line))
        }) {
            flush(&mut current, &mut blocks, current_after_break);
        }
        if current.is_empty() {
            current_after_break = std::mem::take(&mut page_break);
        }
        page_break = false;
        current.push(line.to_string());
    }
    flush(&mut current, &mut blocks, current_after_break);

    // Footnote blocks printed inside the body: `1/ S/25046.` (1990s Security Council texts) and,
    // in OCR of the printed volumes, `18 Resolutions or decisions …` between two paragraphs.
    let mut kept: Vec<Block> = Vec::with_capacity(blocks.len());
    for block in blocks {
        let first = &block.lines[0];
        let slash_marker = first.split_once("/ ").is_some_and(|(n, _)| {
            !n.is_empty() && n.len() <= 2 && n.bytes().all(|c| c.is_ascii_digit())
        });
        let after_paragraph = kept
            .last()
            .is_none_or(|b| b.lines.last().is_some_and(|l| ends_paragraph(l)));
        if (slash_marker || after_paragraph && is_inline_footnote(first))
            && footnote_start(first).is_some()
        {
            let mut entries: Vec<Footnote> = Vec::new();
            for line in &block.lines {
                let previous_ends = entries
                    .last()
                    .is_none_or(|f| f.text.trim_end().ends_with('.'));
                match footnote_start(line) {
                    Some((marker, text))
                        if entries.is_empty()
                            || previous_ends
                                && next_footnote_number(
                                    &entries[entries.len() - 1].marker,
                                    &marker,
                                    text,
                                ) =>
                    {
                        entries.push(Footnote {
                            marker,
                            text: text.to_string(),
                        });
                    }
                    _ => {
                        let last = entries.last_mut().expect("the first line is a footnote");
                        append_line(&mut last.text, line, None);
                    }
                }
            }
            footnotes.extend(entries.into_iter().map(|f| Footnote {
                text: collapse_spaces(&f.text),
                ..f
            }));
            continue;
        }
        kept.push(block);
    }
    kept
}

/// `Article 5`, `ARTICLE IV`: an article heading alone on its line, as the clauses read it.
fn is_article_heading(line: &str) -> bool {
    article_paragraph(line).is_some_and(|(_, rest)| rest.is_empty())
}

/// `A`, `B.`, `II`, `XIV.`: a section mark alone on its line.
pub(super) fn is_lone_section_mark(line: &str) -> bool {
    let mark = line.trim().trim_end_matches('.');
    let roman =
        !mark.is_empty() && mark.len() <= 5 && mark.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
    let letter = mark.len() == 1 && mark.chars().all(|c| c.is_ascii_uppercase());
    roman || letter
}

/// Whether `line` starts a new paragraph although no blank line precedes it (OCR text): the
/// line before ends a paragraph and this one opens with a number or an opening word.
fn starts_unspaced_paragraph(previous: &str, line: &str) -> bool {
    if !matches!(final_punctuation(previous), Some(',' | ';' | ':' | '.')) {
        return false;
    }
    if let Some((_, rest)) = operative_number(line) {
        // "2." alone on its line, its text on the next ("…this Pact for the Future.\n2.\nWe").
        return rest.is_empty() || rest.starts_with(char::is_uppercase);
    }
    let first = line.split_whitespace().next().unwrap_or("");
    let mut word = first.trim_end_matches([',', ':', ';']).to_lowercase();
    if LEADING_ADVERBS.contains(&word.as_str()) {
        // "Strongly condemns …", "Also requests …".
        let second = line.split_whitespace().nth(1).unwrap_or("");
        if OPERATIVE_VERBS.contains(
            &second
                .trim_end_matches([',', ':', ';'])
                .to_lowercase()
                .as_str(),
        ) {
            word = second.trim_end_matches([',', ':', ';']).to_lowercase();
        }
    }
    // "…agenda,\nSecuring Our Common Future" is a title running on, not a paragraph.
    let second_lowercase = line
        .split_whitespace()
        .nth(1)
        .is_some_and(|w| w.starts_with(char::is_lowercase));
    first.starts_with(char::is_uppercase)
        && (OPERATIVE_VERBS.contains(&word.as_str())
            || (word.ends_with("ing")
                && word.len() > 6
                && second_lowercase
                && final_punctuation(previous) == Some(',')))
}

/// The punctuation a text ends with, looking past closing marks and footnote markers.
pub(super) fn final_punctuation(text: &str) -> Option<char> {
    let trimmed =
        text.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ' || c == '*' || c == '/');
    let trimmed = trimmed.trim_end_matches(['”', '"', '’', ')', ']']);
    trimmed
        .chars()
        .last()
        .filter(|c| matches!(c, ',' | ';' | ':' | '.' | '!' | '?'))
}

/// Whether a text ends a paragraph: `,` `;` `:` `.`, possibly followed by a closing mark or a
/// footnote marker.
pub(super) fn ends_paragraph(text: &str) -> bool {
    final_punctuation(text).is_some()
}

/// A block's lines joined into one text.
pub(super) fn block_text(block: &Block, vocabulary: &Vocabulary<'_>) -> String {
    let mut text = String::new();
    for line in &block.lines {
        append_line(&mut text, line, Some(vocabulary));
    }
    text
}

// ---------------------------------------------------------------------------------------------
// Joining lines

/// Words seen whole in the document, to decide whether `para-\ngraph` is one word. They borrow
/// from the lower-cased body text, so that building the set allocates no word; both are built
/// on the first look-up, as most texts break no word across lines. The set hashes with
/// `rustc-hash`: the words are short, and the default (DoS-resistant) hasher is slow for tens of
/// thousands of them.
pub(super) struct Vocabulary<'a> {
    lines: &'a [&'a str],
    lower: &'a std::cell::OnceCell<String>,
    words: std::cell::OnceCell<FxHashSet<&'a str>>,
}

impl<'a> Vocabulary<'a> {
    /// The vocabulary of the body `lines`; `lower` will hold their lower-cased text.
    pub(super) fn of(lines: &'a [&'a str], lower: &'a std::cell::OnceCell<String>) -> Self {
        Vocabulary {
            lines,
            lower,
            words: std::cell::OnceCell::new(),
        }
    }

    fn contains(&self, word: &str) -> bool {
        let words = self.words.get_or_init(|| {
            let lower: &'a str = self
                .lower
                .get_or_init(|| self.lines.join("\n").to_lowercase());
            lower
                .split(|c: char| !(c.is_alphanumeric() || c == '-'))
                .filter(|word| word.len() > 3)
                .collect()
        });
        words.contains(word)
    }
}

/// Prefixes that keep their hyphen at a line break: `post-\nconflict` → `post-conflict`. They
/// are compared with the letters just before the hyphen, so each is letters only (for
/// `state-of-the-\nart` the word before the break is `the`).
const HYPHEN_PREFIXES: &[&str] = &[
    "post", "pre", "non", "self", "co", "anti", "multi", "inter", "cross", "long", "short", "high",
    "low", "well", "large", "small", "mid", "full", "socio", "counter", "sub", "semi", "ex", "re",
    "year", "follow", "decision", "policy", "peace", "gender", "child", "age", "state", "sex",
    "people", "human", "market", "land", "sea", "open", "far", "all", "above", "below", "one",
    "two", "three", "four", "five", "ten", "first", "second", "third", "middle", "south", "north",
    "east", "west", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "sous", "auto", "extra", "macro", "micro", "quasi", "ultra", "vice", "e", "x", "un",
];

/// Appends a line to a paragraph's text, rejoining a word hyphenated across the break.
pub(super) fn append_line(text: &mut String, line: &str, vocabulary: Option<&Vocabulary<'_>>) {
    if text.is_empty() {
        text.push_str(line);
        return;
    }
    let hyphenated = text.ends_with('-')
        && text[..text.len() - 1].ends_with(|c: char| c.is_alphabetic())
        && line.starts_with(|c: char| c.is_alphabetic());
    if hyphenated {
        let head_start = text[..text.len() - 1]
            .char_indices()
            .rfind(|&(_, c)| !c.is_alphabetic())
            .map_or(0, |(p, c)| p + c.len_utf8());
        let head = text[head_start..text.len() - 1].to_string();
        let tail: String = line.chars().take_while(|c| c.is_alphabetic()).collect();
        let joined = format!("{head}{tail}").to_lowercase();
        let with_hyphen = format!("{head}-{tail}").to_lowercase();
        let keep_hyphen = match vocabulary {
            Some(v) if v.contains(&with_hyphen) => true,
            Some(v) if v.contains(&joined) => false,
            _ => {
                HYPHEN_PREFIXES.contains(&head.to_lowercase().as_str())
                    || tail.starts_with(char::is_uppercase)
            }
        };
        if !keep_hyphen {
            text.pop();
        }
        text.push_str(line);
        return;
    }
    text.push(' ');
    text.push_str(line);
}

/// One space between words, none at either end. The text is normalised: its only white space
/// is ASCII.
pub(super) fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_ascii_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}
