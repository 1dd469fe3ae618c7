//! Stemming: the last step of both languages' pipelines (the order, and why folding comes
//! first, is in the documentation of [`super`]).
//!
//! [`SnowballStemmer`] runs rust-stemmers' Snowball rules as a Tantivy filter, restoring the
//! French suffix accents that folding took away, and remembers the stems it gave per thread: a
//! clause's words are mostly words seen before.

use rust_stemmers::{Algorithm, Stemmer};
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Snowball stemming through rust-stemmers, as a tantivy [`TokenFilter`].
///
/// Expects lower-cased tokens. For French it expects them ASCII-folded too (see the module
/// documentation): before stemming it restores the accent of the suffixes `-ee`, `-ees`,
/// `-iere`, `-ieres` (unaccented French words do not end so), since Snowball's French rules
/// only recognise `-ée`, `-ière`, and it folds whatever `é`/`è` is left in the stem.
#[derive(Debug, Clone, Copy)]
pub struct SnowballStemmer {
    algorithm: Algorithm,
}

impl SnowballStemmer {
    /// A stemmer for one of rust-stemmers' algorithms.
    pub fn new(algorithm: Algorithm) -> Self {
        SnowballStemmer { algorithm }
    }
}

impl TokenFilter for SnowballStemmer {
    type Tokenizer<T: Tokenizer> = SnowballStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> SnowballStemmerFilter<T> {
        SnowballStemmerFilter {
            algorithm: self.algorithm,
            inner: tokenizer,
        }
    }
}

/// The tokenizer [`SnowballStemmer`] wraps around another.
#[derive(Clone)]
pub struct SnowballStemmerFilter<T> {
    algorithm: Algorithm,
    inner: T,
}

impl<T: Tokenizer> Tokenizer for SnowballStemmerFilter<T> {
    type TokenStream<'a> = SnowballStemmerStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        SnowballStemmerStream {
            stemming: Stemming::new(self.algorithm),
            tail: self.inner.token_stream(text),
        }
    }
}

/// The stream of [`SnowballStemmerFilter`].
pub struct SnowballStemmerStream<S> {
    stemming: Stemming,
    tail: S,
}

/// What stems one word after another: Snowball's rules, the French accents to restore, and the
/// words stemmed before on this thread ([`STEM_CACHE`]).
pub(super) struct Stemming {
    stemmer: Stemmer,
    restore_french_accents: bool,
    cache_slot: usize,
    buffer: String,
}

/// Folded French suffixes whose accent is certain, and the accented form Snowball expects.
const FRENCH_SUFFIX_ACCENTS: &[(&str, &str)] = &[
    ("ees", "ées"),
    ("ee", "ée"),
    ("ieres", "ières"),
    ("iere", "ière"),
];

/// Writes `word` into `out` with the accent of its suffix restored; false if nothing to do.
fn restore_french_suffix_accent(word: &str, out: &mut String) -> bool {
    for (folded, accented) in FRENCH_SUFFIX_ACCENTS {
        if let Some(stem) = word.strip_suffix(folded)
            && !stem.is_empty()
        {
            out.clear();
            out.push_str(stem);
            out.push_str(accented);
            return true;
        }
    }
    false
}

thread_local! {
    /// Words stemmed before, per thread and per algorithm (French, English, other): a clause's
    /// words are mostly words seen before, and a look-up costs a fraction of Snowball's rules.
    /// Each map is emptied when it reaches [`STEM_CACHE_WORDS`], which bounds its memory.
    pub(super) static STEM_CACHE: std::cell::RefCell<[rustc_hash::FxHashMap<String, String>; 3]> =
        Default::default();
}

/// The most words a thread keeps per language in [`STEM_CACHE`] (a few MB).
const STEM_CACHE_WORDS: usize = 100_000;

impl Stemming {
    /// Stemming by one of rust-stemmers' algorithms.
    pub(super) fn new(algorithm: Algorithm) -> Stemming {
        Stemming {
            stemmer: Stemmer::create(algorithm),
            restore_french_accents: algorithm == Algorithm::French,
            cache_slot: match algorithm {
                Algorithm::French => 0,
                Algorithm::English => 1,
                _ => 2,
            },
            buffer: String::new(),
        }
    }

    /// Replaces `word` (lower-cased, folded for French) by its stem.
    pub(super) fn stem_in_place(&mut self, word: &mut String) {
        let slot = self.cache_slot;
        let known = STEM_CACHE.with(|cache| match cache.borrow()[slot].get(word.as_str()) {
            Some(stem) => {
                word.clear();
                word.push_str(stem);
                true
            }
            None => false,
        });
        if !known {
            let unstemmed = std::mem::take(word);
            let stem = self.stem_of(&unstemmed);
            word.push_str(&stem);
            STEM_CACHE.with(|cache| {
                let map = &mut cache.borrow_mut()[slot];
                if map.len() >= STEM_CACHE_WORDS {
                    map.clear();
                }
                map.insert(unstemmed, stem);
            });
        }
    }

    /// The stem of `word` as the filter indexes it (accents restored and folded for French).
    fn stem_of(&mut self, word: &str) -> String {
        let restored =
            self.restore_french_accents && restore_french_suffix_accent(word, &mut self.buffer);
        let input = if restored { self.buffer.as_str() } else { word };
        let stem = self.stemmer.stem(input);
        if restored {
            stem.chars()
                .map(|c| match c {
                    'é' | 'è' => 'e',
                    c => c,
                })
                .collect()
        } else {
            stem.into_owned()
        }
    }
}

impl<S: TokenStream> TokenStream for SnowballStemmerStream<S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        self.stemming.stem_in_place(&mut self.tail.token_mut().text);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::{LowerCaser, TextAnalyzer};

    use super::*;

    #[test]
    fn the_snowball_filter_works_in_any_tantivy_chain() {
        let mut analyzer = TextAnalyzer::builder(tantivy::tokenizer::SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(SnowballStemmer::new(Algorithm::English))
            .build();
        let mut stream = analyzer.token_stream("Decides to remain seized");
        let mut out = Vec::new();
        while let Some(token) = stream.next() {
            out.push((token.text.clone(), token.position, token.offset_from));
        }
        assert_eq!(
            out,
            [
                ("decid".to_string(), 0, 0),
                ("to".to_string(), 1, 8),
                ("remain".to_string(), 2, 11),
                ("seiz".to_string(), 3, 18)
            ]
        );
    }
}
