//! Word pairs: each term of a clause with the term before it, indexed as one term, so that a
//! phrase is found through its pairs (far rarer than its words) and pruned like a word
//! ([`crate::search`]). At indexing time the pairs are taken from the terms the text analyzer
//! just produced for the same clause, so each text is analysed once.

use tantivy::Index;
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};

use super::{analyzer, tokenizer_name};
use crate::model::Language;

/// Tokenizer name of the word pairs of a language (see [`pairs_analyzer`]).
pub fn pairs_tokenizer_name(lang: Language) -> &'static str {
    match lang {
        Language::Fr => "ressearch_pairs_fr",
        Language::En => "ressearch_pairs_en",
    }
}

/// The widest gap, in positions, between the two terms of an indexed pair: two terms with two
/// stop words between them (`Charter of the United`) still make a pair.
pub const PAIR_WINDOW: usize = 3;

/// The term of a pair: the two terms with one `_` per position between them (`unit nation`,
/// `charter _ _ unit`), as Elasticsearch's shingles fill the gaps of stop words. No term holds
/// a space or `_` (a term is letters and digits), so a pair term never equals a word's.
pub fn pair_term(first: &str, second: &str, gap: usize) -> String {
    let mut pair = String::with_capacity(first.len() + second.len() + 2 * gap);
    pair.push_str(first);
    pair.push(' ');
    for _ in 1..gap {
        pair.push_str("_ ");
    }
    pair.push_str(second);
    pair
}

/// The analyzer of a language's word pairs: each term of the text (as [`analyzer`] gives it)
/// with the term before it, as one term ([`pair_term`]), when no more than [`PAIR_WINDOW`]
/// positions part them (stop words only between). A phrase (two terms or more, no more than
/// that far apart) is in a clause when its terms are there at their offsets with nothing but
/// stop words between them: the clause then holds every pair of the phrase, and the pairs,
/// far rarer than their words, find it fast.
pub fn pairs_analyzer(lang: Language) -> TextAnalyzer {
    TextAnalyzer::from(PairTokenizer::new(lang, None))
}

/// Registers on an index being built the analyzers that read each clause's text once: the
/// indexing analyzer of each language ([`analyzer`]) remembers, per thread, the terms of the
/// last text it read in full, and the word-pair analyzer of the same text (the next field
/// of the same clause, in the same indexing thread) takes them instead of analysing the text
/// again. The terms are the same either way; [`register`](super::register) must have been
/// called before.
pub fn register_for_indexing(index: &Index) {
    for lang in [Language::Fr, Language::En] {
        index.tokenizers().register(
            tokenizer_name(lang),
            TextAnalyzer::from(Remembering {
                inner: analyzer(lang),
                slot: lang as usize,
            }),
        );
        index.tokenizers().register(
            pairs_tokenizer_name(lang),
            TextAnalyzer::from(PairTokenizer::new(lang, Some(lang as usize))),
        );
    }
}

/// The terms of the last text an indexing analyzer read in full on a thread.
#[derive(Default)]
struct Remembered {
    text: String,
    /// The first `len` entries are the terms, with their positions; the strings of the others
    /// are kept for their allocations.
    terms: Vec<(usize, String)>,
    len: usize,
    /// Whether every term of `text` is in `terms` (the stream was read to its end).
    complete: bool,
}

thread_local! {
    /// Per language ([`Language`] as index), see [`register_for_indexing`].
    static REMEMBERED: std::cell::RefCell<[Remembered; 2]> = Default::default();
}

/// An analyzer remembering the terms of what it reads ([`register_for_indexing`]).
#[derive(Clone)]
struct Remembering {
    inner: TextAnalyzer,
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
            slot: self.slot,
        }
    }
}

/// The stream of [`Remembering`].
struct RememberingStream<'a> {
    inner: tantivy::tokenizer::BoxTokenStream<'a>,
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
            let token = self.inner.token();
            if r.len < r.terms.len() {
                let (position, text) = &mut r.terms[r.len];
                *position = token.position;
                text.clear();
                text.push_str(&token.text);
            } else {
                r.terms.push((token.position, token.text.clone()));
            }
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

/// The tokenizer of [`pairs_analyzer`].
#[derive(Clone)]
pub struct PairTokenizer {
    inner: TextAnalyzer,
    /// The terms of the text being read, with their positions (kept to reuse the allocation).
    terms: Vec<(usize, String)>,
    pairs: Vec<Token>,
    /// The slot of [`REMEMBERED`] to take the terms from when it holds the text's.
    remembered: Option<usize>,
}

impl PairTokenizer {
    /// The word pairs of `lang`, taken from slot `remembered` of [`REMEMBERED`] when it holds
    /// the text's terms.
    fn new(lang: Language, remembered: Option<usize>) -> PairTokenizer {
        PairTokenizer {
            inner: analyzer(lang),
            terms: Vec::new(),
            pairs: Vec::new(),
            remembered,
        }
    }
}

/// Pushes onto `pairs` the pairs of `terms` (in position order, with their positions).
fn pairs_of(terms: &[(usize, String)], pairs: &mut Vec<Token>) {
    // A joined hyphenated word shares its first part's position, and pairs with what comes
    // before and after it as its first part does.
    for (i, (position, second)) in terms.iter().enumerate() {
        let earlier = terms[..i].iter().rev();
        let mut previous = earlier.skip_while(|(before, _)| before == position);
        let Some(&(nearest, _)) = previous.clone().next() else {
            continue;
        };
        let gap = position - nearest;
        if gap > PAIR_WINDOW {
            continue;
        }
        for (_, first) in previous
            .by_ref()
            .take_while(|(before, _)| *before == nearest)
        {
            pairs.push(Token {
                text: pair_term(first, second, gap),
                position: *position,
                ..Token::default()
            });
        }
    }
}

/// The stream of [`PairTokenizer`]: the pairs, computed when the stream is made.
pub struct PairTokenStream<'a> {
    pairs: &'a mut Vec<Token>,
    next: usize,
}

impl Tokenizer for PairTokenizer {
    type TokenStream<'a> = PairTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> PairTokenStream<'a> {
        self.terms.clear();
        self.pairs.clear();
        let pairs = &mut self.pairs;
        let reused = self.remembered.is_some_and(|slot| {
            REMEMBERED.with(|r| {
                let r = &r.borrow()[slot];
                let same = r.complete && r.text == text;
                if same {
                    pairs_of(&r.terms[..r.len], pairs);
                }
                same
            })
        });
        if !reused {
            let mut stream = self.inner.token_stream(text);
            while let Some(token) = stream.next() {
                self.terms.push((token.position, token.text.clone()));
            }
            drop(stream);
            pairs_of(&self.terms, &mut self.pairs);
        }
        PairTokenStream {
            pairs: &mut self.pairs,
            next: 0,
        }
    }
}

impl TokenStream for PairTokenStream<'_> {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.pairs.len()
    }

    fn token(&self) -> &Token {
        &self.pairs[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.pairs[self.next - 1]
    }
}
