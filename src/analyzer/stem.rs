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
            stemmer: Stemmer::create(self.algorithm),
            restore_french_accents: self.algorithm == Algorithm::French,
            cache_slot: match self.algorithm {
                Algorithm::French => 0,
                Algorithm::English => 1,
                _ => 2,
            },
            buffer: String::new(),
            tail: self.inner.token_stream(text),
        }
    }
}

/// The stream of [`SnowballStemmerFilter`].
pub struct SnowballStemmerStream<S> {
    stemmer: Stemmer,
    restore_french_accents: bool,
    cache_slot: usize,
    buffer: String,
    tail: S,
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

impl<S: TokenStream> SnowballStemmerStream<S> {
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
        let slot = self.cache_slot;
        let token = self.tail.token_mut();
        let known = STEM_CACHE.with(|cache| match cache.borrow()[slot].get(&token.text) {
            Some(stem) => {
                token.text.clear();
                token.text.push_str(stem);
                true
            }
            None => false,
        });
        if !known {
            let word = std::mem::take(&mut token.text);
            let stem = self.stem_of(&word);
            self.tail.token_mut().text.push_str(&stem);
            STEM_CACHE.with(|cache| {
                let map = &mut cache.borrow_mut()[slot];
                if map.len() >= STEM_CACHE_WORDS {
                    map.clear();
                }
                map.insert(word, stem);
            });
        }
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
