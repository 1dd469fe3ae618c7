//! Word pairs: each term of a clause with the term before it, indexed as one term, so that a
//! phrase is found through its pairs (far rarer than its words) and pruned like a word
//! ([`crate::search`]). At indexing time the pairs are taken from the terms the text analyzer
//! just produced for the same clause, so each text is analysed once.

use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};

use super::analyzer;
use super::once::{Prepared, with_remembered};
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

/// The tokenizer of [`pairs_analyzer`].
#[derive(Clone)]
pub struct PairTokenizer {
    inner: TextAnalyzer,
    /// The terms of the text being read, with their positions (kept to reuse the allocation).
    terms: Vec<(usize, String)>,
    pairs: Vec<Token>,
    /// The slot of the terms remembered to take when they are the text's ([`super::once`]).
    remembered: Option<usize>,
}

impl PairTokenizer {
    /// The word pairs of `lang`, taken from the terms remembered in slot `remembered` when
    /// they are the text's ([`super::once`]).
    pub(super) fn new(lang: Language, remembered: Option<usize>) -> PairTokenizer {
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

impl Tokenizer for PairTokenizer {
    type TokenStream<'a> = Prepared<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Prepared<'a> {
        self.terms.clear();
        self.pairs.clear();
        let pairs = &mut self.pairs;
        let reused = self
            .remembered
            .and_then(|slot| with_remembered(slot, text, |terms, _| pairs_of(terms, pairs)))
            .is_some();
        if !reused {
            let mut stream = self.inner.token_stream(text);
            while let Some(token) = stream.next() {
                self.terms.push((token.position, token.text.clone()));
            }
            drop(stream);
            pairs_of(&self.terms, &mut self.pairs);
        }
        Prepared {
            tokens: &mut self.pairs,
            next: 0,
        }
    }
}
