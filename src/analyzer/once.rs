//! Each clause's text analysed once while indexing. A clause's text goes into three fields of
//! its language: its terms (`text_fr`), its exact forms (`exact_fr`, the terms before
//! stemming) and its word pairs (`pairs_fr`, pairs of its terms). Tantivy analyses each field
//! on its own; here the indexing analyzer of a language remembers, per thread, what it read
//! last (forms and terms), and the analyzers of the other two fields take them when they are
//! given the same text (the later fields of the same clause, in the same indexing thread),
//! instead of reading it again. What they give is the same either way.

use rust_stemmers::Algorithm;
use tantivy::Index;
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};

use super::pairs::PairTokenizer;
use super::pairs_tokenizer_name;
use super::stem::Stemming;
use super::{exact_analyzer, exact_tokenizer_name, folded, stemming_algorithm, tokenizer_name};
use crate::model::Language;

/// Registers on an index being built the analyzers that read each clause's text once (see the
/// module documentation); [`register`](super::register) must have been called before.
pub fn register_for_indexing(index: &Index) {
    for lang in [Language::Fr, Language::En] {
        let slot = lang as usize;
        index.tokenizers().register(
            tokenizer_name(lang),
            TextAnalyzer::from(Remembering {
                inner: folded(lang, true).build(),
                algorithm: stemming_algorithm(lang),
                slot,
            }),
        );
        index.tokenizers().register(
            exact_tokenizer_name(lang),
            TextAnalyzer::from(ExactTokenizer {
                inner: exact_analyzer(lang),
                tokens: Vec::new(),
                slot,
            }),
        );
        index.tokenizers().register(
            pairs_tokenizer_name(lang),
            TextAnalyzer::from(PairTokenizer::new(lang, Some(slot))),
        );
    }
}

/// What the indexing analyzer of a language read last on a thread.
#[derive(Default)]
struct Remembered {
    text: String,
    /// The first `len` entries are the terms, with their positions; the strings of the others
    /// are kept for their allocations.
    terms: Vec<(usize, String)>,
    /// The form of each term before stemming (its exact form), entry for entry.
    forms: Vec<String>,
    len: usize,
    /// Whether every term of `text` is in `terms` (the stream was read to its end).
    complete: bool,
}

thread_local! {
    /// Per language ([`Language`] as index).
    static REMEMBERED: std::cell::RefCell<[Remembered; 2]> = Default::default();
}

/// Calls `f` with the terms (and their positions) of `text` and their forms before stemming,
/// from slot `slot`, if the indexing analyzer of this thread read all of `text` last; `None`
/// otherwise.
pub(super) fn with_remembered<R>(
    slot: usize,
    text: &str,
    f: impl FnOnce(&[(usize, String)], &[String]) -> R,
) -> Option<R> {
    REMEMBERED.with(|r| {
        let r = &r.borrow()[slot];
        (r.complete && r.text == text).then(|| f(&r.terms[..r.len], &r.forms[..r.len]))
    })
}

/// The indexing analyzer of a language: the words as [`super::analyzer`] gives them, stemmed
/// here after their forms are remembered.
#[derive(Clone)]
struct Remembering {
    /// The language's pipeline without its last step, stemming.
    inner: TextAnalyzer,
    algorithm: Algorithm,
    slot: usize,
}

impl Tokenizer for Remembering {
    type TokenStream<'a> = RememberingStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> RememberingStream<'a> {
        REMEMBERED.with(|r| {
            let r = &mut r.borrow_mut()[self.slot];
            r.text.clear();
            r.text.push_str(text);
            r.len = 0;
            r.complete = false;
        });
        RememberingStream {
            inner: self.inner.token_stream(text),
            stemming: Stemming::new(self.algorithm),
            slot: self.slot,
        }
    }
}

/// The stream of [`Remembering`].
struct RememberingStream<'a> {
    inner: tantivy::tokenizer::BoxTokenStream<'a>,
    stemming: Stemming,
    slot: usize,
}

impl TokenStream for RememberingStream<'_> {
    fn advance(&mut self) -> bool {
        let more = self.inner.advance();
        REMEMBERED.with(|r| {
            let r = &mut r.borrow_mut()[self.slot];
            if !more {
                r.complete = true;
                return;
            }
            let token = self.inner.token_mut();
            let i = r.len;
            if i == r.terms.len() {
                r.terms.push((0, String::new()));
                r.forms.push(String::new());
            }
            r.forms[i].clear();
            r.forms[i].push_str(&token.text);
            self.stemming.stem_in_place(&mut token.text);
            let (position, term) = &mut r.terms[i];
            *position = token.position;
            term.clear();
            term.push_str(&token.text);
            r.len += 1;
        });
        more
    }

    fn token(&self) -> &Token {
        self.inner.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.inner.token_mut()
    }
}

/// The indexing analyzer of a language's exact forms: those [`Remembering`] remembered of the
/// same text, else [`exact_analyzer`]'s.
#[derive(Clone)]
struct ExactTokenizer {
    inner: TextAnalyzer,
    /// The forms of the text being read (kept to reuse the allocations).
    tokens: Vec<Token>,
    slot: usize,
}

impl Tokenizer for ExactTokenizer {
    type TokenStream<'a> = Prepared<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Prepared<'a> {
        let tokens = &mut self.tokens;
        tokens.clear();
        let remembered = with_remembered(self.slot, text, |terms, forms| {
            tokens.extend(terms.iter().zip(forms).map(|((position, _), form)| Token {
                text: form.clone(),
                position: *position,
                ..Token::default()
            }));
        });
        if remembered.is_none() {
            let mut stream = self.inner.token_stream(text);
            while let Some(token) = stream.next() {
                tokens.push(token.clone());
            }
        }
        Prepared {
            tokens: &mut self.tokens,
            next: 0,
        }
    }
}

/// The stream of tokens made beforehand (of [`ExactTokenizer`], of the word pairs).
pub struct Prepared<'a> {
    pub(super) tokens: &'a mut Vec<Token>,
    pub(super) next: usize,
}

impl TokenStream for Prepared<'_> {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}
