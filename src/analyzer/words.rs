//! Words: how clause text is cut into tokens, the first step of both languages' pipelines.
//!
//! [`WordTokenizer`] gives maximal runs of letters and digits, every apostrophe and hyphen a
//! separator, and drops what belongs to a neighbouring word across an apostrophe (a French
//! elided article, an English possessive `s`) without giving it a position; it may also give
//! the parts of a hyphenated word joined. What comes after it (stop words, folding, stemming)
//! is the filters that the analyzers of [`super`] chain to it.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// French articles and conjunctions that elide before a vowel: `l’Assemblée`, `qu’il`.
const FRENCH_ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
];

/// What [`WordTokenizer`] does with a word glued to an apostrophe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Apostrophes {
    /// Drop a French elided article or conjunction before the apostrophe (`l’`, `qu’`…).
    FrenchElision,
    /// Drop the English possessive `s` after the apostrophe (`Court’s`).
    EnglishPossessive,
}

/// Splits text into words: maximal runs of letters and digits (like tantivy's
/// `SimpleTokenizer`), with every apostrophe a separator, `ʼ` (U+02BC, which Unicode counts as
/// a letter) included. Elided articles or possessive `s` are dropped without consuming a
/// position, as if they were part of the neighbouring word.
#[derive(Debug, Clone)]
pub struct WordTokenizer {
    apostrophes: Apostrophes,
    join: bool,
    token: Token,
}

impl WordTokenizer {
    /// A tokenizer treating apostrophes as `apostrophes` says.
    pub fn new(apostrophes: Apostrophes) -> Self {
        WordTokenizer {
            apostrophes,
            join: false,
            token: Token::default(),
        }
    }

    /// Also gives, after the first part of a hyphenated word (`cease-fire`), the parts joined
    /// (`ceasefire`) at the same position.
    pub fn joining_hyphenated(mut self) -> Self {
        self.join = true;
        self
    }
}

/// A hyphen between the parts of a compound: `-`, U+2010 HYPHEN, U+2011 NON-BREAKING HYPHEN.
pub fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// The stream of [`WordTokenizer`].
pub struct WordTokenStream<'a> {
    text: &'a str,
    /// Byte offset where the search for the next word starts.
    cursor: usize,
    next_position: usize,
    apostrophes: Apostrophes,
    join: bool,
    /// The joined form of the hyphenated word just given: its byte range and position.
    pending: Option<(usize, usize, usize)>,
    token: &'a mut Token,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordTokenStream<'a> {
        self.token.reset();
        WordTokenStream {
            text,
            cursor: 0,
            next_position: 0,
            apostrophes: self.apostrophes,
            join: self.join,
            pending: None,
            token: &mut self.token,
        }
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

pub(super) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && c != '\u{02BC}'
}

impl WordTokenStream<'_> {
    /// The next word as a byte range, from the cursor on.
    fn next_word(&mut self) -> Option<(usize, usize)> {
        let rest = &self.text[self.cursor..];
        let start = self.cursor + rest.find(is_word_char)?;
        let end = self.text[start..]
            .find(|c| !is_word_char(c))
            .map_or(self.text.len(), |len| start + len);
        self.cursor = end;
        Some((start, end))
    }

    /// Whether the word at `start..end` belongs to its neighbour across an apostrophe.
    fn is_dropped(&self, start: usize, end: usize) -> bool {
        let word = &self.text[start..end];
        match self.apostrophes {
            Apostrophes::FrenchElision => {
                let mut after = self.text[end..].chars();
                FRENCH_ELISIONS.iter().any(|e| e.eq_ignore_ascii_case(word))
                    && after.next().is_some_and(is_apostrophe)
                    && after.next().is_some_and(is_word_char)
            }
            Apostrophes::EnglishPossessive => {
                let mut before = self.text[..start].chars().rev();
                word.eq_ignore_ascii_case("s")
                    && before.next().is_some_and(is_apostrophe)
                    && before.next().is_some_and(is_word_char)
            }
        }
    }
}

impl WordTokenStream<'_> {
    /// Where a chain of words joined by hyphens that starts with the word `start..end` ends,
    /// when the word is the first of such a chain.
    fn hyphen_chain_end(&self, start: usize, end: usize) -> Option<usize> {
        let before = self.text[..start].chars().next_back();
        if before.is_some_and(is_hyphen)
            && self.text[..start]
                .chars()
                .rev()
                .nth(1)
                .is_some_and(is_word_char)
        {
            return None;
        }
        let mut chain_end = end;
        loop {
            let mut after = self.text[chain_end..].chars();
            match (after.next(), after.next()) {
                (Some(h), Some(c)) if is_hyphen(h) && is_word_char(c) => {
                    let from = chain_end + h.len_utf8();
                    chain_end = self.text[from..]
                        .find(|c| !is_word_char(c))
                        .map_or(self.text.len(), |len| from + len);
                }
                _ => break,
            }
        }
        (chain_end > end).then_some(chain_end)
    }
}

impl TokenStream for WordTokenStream<'_> {
    fn advance(&mut self) -> bool {
        if let Some((start, end, position)) = self.pending.take() {
            self.token.text.clear();
            self.token
                .text
                .extend(self.text[start..end].chars().filter(|&c| !is_hyphen(c)));
            self.token.offset_from = start;
            self.token.offset_to = end;
            self.token.position = position;
            self.token.position_length = 1;
            return true;
        }
        while let Some((start, end)) = self.next_word() {
            if self.is_dropped(start, end) {
                continue;
            }
            self.token.text.clear();
            self.token.text.push_str(&self.text[start..end]);
            self.token.offset_from = start;
            self.token.offset_to = end;
            self.token.position = self.next_position;
            self.token.position_length = 1;
            if self.join
                && let Some(chain_end) = self.hyphen_chain_end(start, end)
            {
                self.pending = Some((start, chain_end, self.next_position));
            }
            self.next_position += 1;
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}
