//! French and English text analysis: how clause text becomes index terms.
//!
//! Search only works if a query word and a word of the text end up as the *same term*, whatever
//! accents, apostrophes, inflection or case the user typed. This module decides what a term is,
//! once, for both the indexer and the query side: both must run exactly the same pipeline or
//! terms and positions stop lining up. It is registered on the index under
//! [`tokenizer_name`] by [`register`].
//!
//! French pipeline, in order (English is the same without elision, with possessives instead):
//!
//! 1. [`WordTokenizer`]: words are runs of letters and digits; everything else, hyphens and
//!    every apostrophe (`'`, `’`, `ʼ`) included, separates them. An elided article glued to the
//!    next word (`l’`, `d’`, `qu’`, `jusqu’`…) is dropped *by the tokenizer* so that it takes no
//!    position: `de l’Organisation` and `de Organisation` give the same positions.
//! 2. [`RemoveLongFilter`]: tokens over [`MAX_TOKEN_BYTES`] bytes (run-together garbage) are
//!    dropped, leaving a gap.
//! 3. [`LowerCaser`].
//! 4. Stop words, removed while the word still carries its accents (so `sûr`, `dû`, `maïs`
//!    survive although `sur`, `du`, `mais` are stop words); the list also holds the unaccented
//!    form of each stop word, so `meme` and `a` go like `même` and `à`. Removal leaves a gap
//!    in positions, the same at index and query time, so phrase queries still line up.
//! 5. [`AsciiFoldingFilter`]: `é`→`e`, `œ`→`oe`, `ç`→`c`…
//! 6. [`SnowballStemmer`] (rust-stemmers), on the *folded* word. Stemming before folding gives
//!    Snowball the accents it keys on, but then a word typed without accents no longer gets the
//!    same stem (`sécurité`→`sécur` but `securite`→`securit`): folding first is the only order
//!    where `terms("securite") == terms("sécurité")` for every word. To keep the conflations
//!    folding would cost (`adoptée`/`adopté`, `Assemblée`/`assemblé`), the French stemmer puts
//!    the accent back on the unambiguous suffixes `-ee(s)` and `-iere(s)` before stemming.
//!
//! The tokenizer of step 1 is in `words.rs`, the stemmer of step 6 in `stem.rs`, the word pairs
//! that phrases are found by in `pairs.rs`; this file chains them into the analyzers and
//! registers those.

use std::sync::OnceLock;

use rust_stemmers::Algorithm;
use tantivy::Index;
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, RemoveLongFilter, StopWordFilter, TextAnalyzer,
    TextAnalyzerBuilder, TokenStream, Tokenizer,
};

use crate::model::Language;

mod once;
mod pairs;
mod stem;
mod words;
pub use once::register_for_indexing;
pub use pairs::{PAIR_WINDOW, pair_term, pairs_analyzer, pairs_tokenizer_name};
pub use stem::{SnowballStemmer, SnowballStemmerFilter, SnowballStemmerStream};
use words::is_word_char;
pub use words::{Apostrophes, WordTokenStream, WordTokenizer, is_hyphen};

/// Tokens longer than this many bytes (as written in the text) are not indexed.
pub const MAX_TOKEN_BYTES: usize = 40;

/// Tokenizer name registered for a language: "ressearch_fr" / "ressearch_en".
pub fn tokenizer_name(lang: Language) -> &'static str {
    match lang {
        Language::Fr => "ressearch_fr",
        Language::En => "ressearch_en",
    }
}

/// Build the analyzer for a language: the one that indexes text. Besides the parts of a
/// hyphenated word (`cease`, `fire`) it gives their joined form (`ceasefire`) at the position of
/// the first part, so that `ceasefire`, `cease-fire` and `peace-keeping`/`peacekeeping` meet.
///
/// Cheap after the first call: the analyzer is built once per language and cloned.
pub fn analyzer(lang: Language) -> TextAnalyzer {
    static FR: OnceLock<TextAnalyzer> = OnceLock::new();
    static EN: OnceLock<TextAnalyzer> = OnceLock::new();
    match lang {
        Language::Fr => FR.get_or_init(|| stemmed(Language::Fr, true)).clone(),
        Language::En => EN.get_or_init(|| stemmed(Language::En, true)).clone(),
    }
}

/// The analyzer for the words of a query: as [`analyzer`], without the joined forms of
/// hyphenated words (a query asks for those itself, see [`joined`]), so that a phrase's terms
/// keep one position each.
pub fn query_analyzer(lang: Language) -> TextAnalyzer {
    static FR: OnceLock<TextAnalyzer> = OnceLock::new();
    static EN: OnceLock<TextAnalyzer> = OnceLock::new();
    match lang {
        Language::Fr => FR.get_or_init(|| stemmed(Language::Fr, false)).clone(),
        Language::En => EN.get_or_init(|| stemmed(Language::En, false)).clone(),
    }
}

/// The term the index holds for a word written in one piece or with hyphens (`cease-fire`,
/// `ceasefire`): its parts joined, analysed as one word; `None` when it gives no term.
pub fn joined(lang: Language, word: &str) -> Option<String> {
    let glued: String = word.chars().filter(|&c| !is_hyphen(c)).collect();
    let mut terms = terms(lang, &glued);
    if terms.len() == 1 { terms.pop() } else { None }
}

/// Tokenizer name of the exact forms of a language: words lower-cased and folded, unstemmed.
pub fn exact_tokenizer_name(lang: Language) -> &'static str {
    match lang {
        Language::Fr => "ressearch_exact_fr",
        Language::En => "ressearch_exact_en",
    }
}

/// The analyzer of exact forms (`=terrorism`): each word lower-cased and folded, not stemmed,
/// hyphenated words also joined, stop words removed as from the text: a text's terms before
/// stemming (steps 1 to 5 of the module documentation).
pub fn exact_analyzer(lang: Language) -> TextAnalyzer {
    static FR: OnceLock<TextAnalyzer> = OnceLock::new();
    static EN: OnceLock<TextAnalyzer> = OnceLock::new();
    match lang {
        Language::Fr => FR
            .get_or_init(|| folded(Language::Fr, true).build())
            .clone(),
        Language::En => EN
            .get_or_init(|| folded(Language::En, true).build())
            .clone(),
    }
}

/// The exact form of a word typed in a query (`=terrorism`), as [`exact_analyzer`] indexes it
/// in `lang`: `None` unless it is one word, and not one of the language's stop words.
pub fn exact_form(lang: Language, word: &str) -> Option<String> {
    let glued: String = word.chars().filter(|&c| !is_hyphen(c)).collect();
    let mut analyzer = exact_analyzer(lang);
    only_token(&mut analyzer, &glued)
}

/// The form of a prefix typed in a query (`pea*`): lower-cased and folded, `None` unless it is
/// one word. A stop word is kept: as a prefix it begins other words (`de*`, `développement`).
pub fn prefix_form(word: &str) -> Option<String> {
    static PREFIX: OnceLock<TextAnalyzer> = OnceLock::new();
    let glued: String = word.chars().filter(|&c| !is_hyphen(c)).collect();
    let mut analyzer = PREFIX
        .get_or_init(|| {
            TextAnalyzer::builder(WordTokenizer::new(Apostrophes::EnglishPossessive))
                .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES + 1))
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .build()
        })
        .clone();
    only_token(&mut analyzer, &glued)
}

/// The one token `analyzer` makes of `text`, `None` if it makes none or several.
fn only_token(analyzer: &mut TextAnalyzer, text: &str) -> Option<String> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push(token.text.clone());
    }
    if out.len() == 1 { out.pop() } else { None }
}

/// Register both analyzers (and anything else needed) on an index's tokenizer manager.
///
/// Must be called on every `Index` handle, after creating or opening it and before indexing
/// or parsing queries: tantivy does not persist custom tokenizers.
pub fn register(index: &Index) {
    for lang in [Language::Fr, Language::En] {
        index
            .tokenizers()
            .register(tokenizer_name(lang), analyzer(lang));
        index
            .tokenizers()
            .register(exact_tokenizer_name(lang), exact_analyzer(lang));
    }
    for lang in [Language::Fr, Language::En] {
        index
            .tokenizers()
            .register(pairs_tokenizer_name(lang), pairs_analyzer(lang));
    }
    index
        .tokenizers()
        .register(SYMBOL_TOKENIZER, symbol_analyzer());
}

/// Tokenizer name for document symbols: the whole symbol is one term, lower-cased, so that
/// `a/res/72/7` finds `A/RES/72/7`.
pub const SYMBOL_TOKENIZER: &str = "ressearch_symbol";

/// The analyzer behind [`SYMBOL_TOKENIZER`].
pub fn symbol_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(LowerCaser)
        .build()
}

/// The terms a text produces for a language as a query reads it, in order (for tests,
/// debugging and snippets).
pub fn terms(lang: Language, text: &str) -> Vec<String> {
    let mut analyzer = query_analyzer(lang);
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push(token.text.clone());
    }
    out
}

/// What the terms of a text can be, known without analysing it: the initials they may start
/// with and at most how many there are, in either language.
///
/// A term starts with the first letter of its word, lower-cased and folded: Snowball's English
/// and French rules only change a word after its first letter (suffixes go within regions that
/// start after it; the marks put on a `y`, `u` or `i` are taken off again), and the French
/// accent restored before stemming is on a suffix. A test checks it word by word on the shared
/// corpus. [`crate::thesaurus`] uses it to analyse only the names that can name what a query
/// names.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Initials {
    /// A bit per initial, see [`initial_bit`].
    letters: u64,
    /// How many words (runs of letters and digits): no text gives more terms.
    words: usize,
}

impl Initials {
    /// Initials that may give any terms.
    pub const ANY: Initials = Initials {
        letters: u64::MAX,
        words: usize::MAX,
    };

    /// The initials of the words of `text` (what [`WordTokenizer`] reads as words).
    pub fn of_text(text: &str) -> Initials {
        let mut initials = Initials::default();
        let mut rest = text;
        while let Some(start) = rest.find(is_word_char) {
            let word = &rest[start..];
            let end = word.find(|c| !is_word_char(c)).unwrap_or(word.len());
            let first = word.chars().next().unwrap_or_default();
            initials.letters |= if first.is_ascii() {
                initial_bit(first.to_ascii_lowercase())
            } else {
                folded_initial(&word[..end]).map_or(u64::MAX, initial_bit)
            };
            initials.words += 1;
            rest = &word[end..];
        }
        initials
    }

    /// What a text must have to give `terms` (lower-cased, folded, stemmed).
    pub fn of_terms<'a>(terms: impl IntoIterator<Item = &'a str>) -> Initials {
        let mut initials = Initials::default();
        for term in terms {
            initials.letters |= term.chars().next().map_or(0, initial_bit);
            initials.words += 1;
        }
        initials
    }

    /// Whether a text of these initials can give terms that need `needed`.
    pub fn may_give(&self, needed: &Initials) -> bool {
        needed.letters & !self.letters == 0 && needed.words <= self.words
    }
}

/// The bit of an initial: one per ASCII letter and digit, the other characters shared out over
/// the rest.
fn initial_bit(c: char) -> u64 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
        _ => 1 << (36 + c as u32 % 28),
    }
}

/// The first letter of a word lower-cased and folded as the analyzers do.
fn folded_initial(word: &str) -> Option<char> {
    let mut fold = TextAnalyzer::builder(RawTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build();
    let mut stream = fold.token_stream(word);
    stream.next().and_then(|token| token.text.chars().next())
}

/// A language's whole pipeline (see the module documentation), the joined forms of hyphenated
/// words too when `join`.
fn stemmed(lang: Language, join: bool) -> TextAnalyzer {
    folded(lang, join)
        .filter(SnowballStemmer::new(stemming_algorithm(lang)))
        .build()
}

/// The Snowball rules of a language (step 6 of the module documentation).
fn stemming_algorithm(lang: Language) -> Algorithm {
    match lang {
        Language::Fr => Algorithm::French,
        Language::En => Algorithm::English,
    }
}

/// Steps 1 to 5 of a language's pipeline (see the module documentation): its words
/// lower-cased, its stop words removed, the rest folded; the joined forms of hyphenated words
/// too when `join`. The exact forms of a text, and its terms before stemming.
fn folded(lang: Language, join: bool) -> TextAnalyzerBuilder<impl Tokenizer> {
    let (apostrophes, stop_words) = match lang {
        Language::Fr => (Apostrophes::FrenchElision, FRENCH_STOP_WORDS),
        Language::En => (Apostrophes::EnglishPossessive, ENGLISH_STOP_WORDS),
    };
    let mut tokenizer = WordTokenizer::new(apostrophes);
    if join {
        tokenizer = tokenizer.joining_hyphenated();
    }
    TextAnalyzer::builder(tokenizer)
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES + 1))
        .filter(LowerCaser)
        .filter(StopWordFilter::remove(with_folded_forms(stop_words)))
        .filter(AsciiFoldingFilter)
}

/// Each word, plus its ASCII-folded form where that differs (`même` and `meme`).
fn with_folded_forms(words: &[&str]) -> Vec<String> {
    let mut fold = TextAnalyzer::builder(RawTokenizer::default())
        .filter(AsciiFoldingFilter)
        .build();
    let mut out = Vec::with_capacity(words.len() * 2);
    for &word in words {
        out.push(word.to_owned());
        let mut stream = fold.token_stream(word);
        while let Some(token) = stream.next() {
            if token.text != word {
                out.push(token.text.clone());
            }
        }
    }
    out
}

/// French stop words: the Snowball list, as tantivy's `stopwords` feature ships it, plus `où`
/// and `dès`, function words whose folded forms (`ou`, `des`) are stop words already. Snowball
/// deliberately leaves out forms that are also content words: `est` (East), `été` (summer),
/// `son` (sound), `avions` (planes), `sommes` (sums)…
const FRENCH_STOP_WORDS: &[&str] = &[
    "au", "aux", "avec", "ce", "ces", "dans", "de", "des", "du", "elle", "en", "et", "eux", "il",
    "je", "la", "le", "leur", "lui", "ma", "mais", "me", "même", "mes", "moi", "mon", "ne", "nos",
    "notre", "nous", "on", "ou", "par", "pas", "pour", "qu", "que", "qui", "sa", "se", "ses",
    "sur", "ta", "te", "tes", "toi", "ton", "tu", "un", "une", "vos", "votre", "vous", "c", "d",
    "j", "l", "à", "m", "n", "s", "t", "y", "étée", "étées", "étant", "suis", "es", "êtes", "sont",
    "serai", "seras", "sera", "serons", "serez", "seront", "serais", "serait", "serions", "seriez",
    "seraient", "étais", "était", "étions", "étiez", "étaient", "fus", "fut", "fûmes", "fûtes",
    "furent", "sois", "soit", "soyons", "soyez", "soient", "fusse", "fusses", "fussions",
    "fussiez", "fussent", "ayant", "eu", "eue", "eues", "eus", "ai", "avons", "avez", "ont",
    "aurai", "aurons", "aurez", "auront", "aurais", "aurait", "aurions", "auriez", "auraient",
    "avais", "avait", "aviez", "avaient", "eut", "eûmes", "eûtes", "eurent", "aie", "aies", "ait",
    "ayons", "ayez", "aient", "eusse", "eusses", "eût", "eussions", "eussiez", "eussent", "ceci",
    "cela", "celà", "cet", "cette", "ici", "ils", "les", "leurs", "quel", "quels", "quelle",
    "quelles", "sans", "soi", "où", "dès",
];

/// English stop words: Lucene's list, the one tantivy ships for English.
const ENGLISH_STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
    "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these",
    "they", "this", "to", "was", "will", "with",
];

#[cfg(test)]
mod tests {
    use super::stem::STEM_CACHE;
    use super::*;
    use Language::{En, Fr};

    fn fr(text: &str) -> Vec<String> {
        terms(Fr, text)
    }

    fn en(text: &str) -> Vec<String> {
        terms(En, text)
    }

    /// (term, position) pairs.
    fn positioned(lang: Language, text: &str) -> Vec<(String, usize)> {
        let mut analyzer = analyzer(lang);
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(token) = stream.next() {
            out.push((token.text.clone(), token.position));
        }
        out
    }

    /// The tokens (text, position) an analyzer gives.
    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(token) = stream.next() {
            out.push((token.text.clone(), token.position));
        }
        out
    }

    #[test]
    fn exact_forms_and_pairs_read_from_the_remembered_analysis_are_those_of_the_text() {
        let index = Index::create_in_ram(tantivy::schema::Schema::builder().build());
        register(&index);
        register_for_indexing(&index);
        let mut texts = vec![
            (
                Fr,
                "Réaffirmant les buts et principes de la Charte des Nations Unies, l’Organisation"
                    .to_string(),
            ),
            (
                Fr,
                "les opérations de maintien de la paix et le cessez-le-feu".to_string(),
            ),
            (
                En,
                "Calls upon all States to observe the cease-fire and peace-keeping mandates"
                    .to_string(),
            ),
            (En, "the Charter of the United Nations".to_string()),
            (En, String::new()),
            (En, "of the".to_string()),
        ];
        // Every paragraph of the founding resolution (French) too.
        let founding = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/A_RES_75_272.txt"),
        )
        .unwrap();
        texts.extend(
            founding
                .split("\n\n")
                .filter(|p| !p.trim().is_empty())
                .map(|p| (Fr, p.to_string())),
        );
        assert!(texts.len() > 40, "{}", texts.len());
        // One tokenizer of each kind per language for all the texts, as in an indexing thread.
        let get = |name: fn(Language) -> &'static str| {
            [Fr, En].map(|lang| index.tokenizers().get(name(lang)).unwrap())
        };
        let (mut indexing_by_lang, mut exact_by_lang, mut pairs_by_lang) = (
            get(tokenizer_name),
            get(exact_tokenizer_name),
            get(pairs_tokenizer_name),
        );
        for (lang, text) in &texts {
            let (lang, text) = (*lang, text.as_str());
            let mut plain_pairs = pairs_analyzer(lang);
            let mut plain_exact = exact_analyzer(lang);
            let (pairs_expected, exact_expected) = (
                tokens(&mut plain_pairs, text),
                tokens(&mut plain_exact, text),
            );
            let indexing = &mut indexing_by_lang[lang as usize];
            let exact = &mut exact_by_lang[lang as usize];
            let pairs = &mut pairs_by_lang[lang as usize];
            // After the text field, as Tantivy indexes a clause: the remembered analysis.
            assert_eq!(tokens(indexing, text), positioned(lang, text));
            assert_eq!(tokens(exact, text), exact_expected, "{text}");
            assert_eq!(tokens(pairs, text), pairs_expected, "{text}");
            // After another text, or a text read only in part: the text analysed again.
            tokens(indexing, "the General Assembly of the United Nations");
            assert_eq!(tokens(exact, text), exact_expected, "{text}");
            assert_eq!(tokens(pairs, text), pairs_expected, "{text}");
            let mut stream = indexing.token_stream("the Security Council decides");
            stream.advance();
            drop(stream);
            let partial = "the Security Council decides";
            assert_eq!(tokens(exact, partial), tokens(&mut plain_exact, partial));
            assert_eq!(tokens(pairs, partial), tokens(&mut plain_pairs, partial));
        }
        assert!(!tokens(&mut pairs_analyzer(En), "the Charter of the United Nations").is_empty());
    }

    #[test]
    fn exact_forms_are_the_words_unstemmed_without_stop_words() {
        let exact = |lang, text| -> Vec<String> {
            tokens(&mut exact_analyzer(lang), text)
                .into_iter()
                .map(|(t, _)| t)
                .collect()
        };
        assert_eq!(
            exact(En, "Condemns the cease-fire violations of the States"),
            [
                "condemns",
                "cease",
                "ceasefire",
                "fire",
                "violations",
                "states"
            ]
        );
        assert_eq!(
            exact(Fr, "les opérations de maintien de la paix, l’Assemblée"),
            ["operations", "maintien", "paix", "assemblee"]
        );
        assert_eq!(exact_form(En, "Terrorism"), Some("terrorism".to_string()));
        assert_eq!(exact_form(En, "the"), None);
        assert_eq!(exact_form(Fr, "the"), Some("the".to_string()));
        assert_eq!(exact_form(Fr, "de"), None);
        assert_eq!(prefix_form("De"), Some("de".to_string()));
        assert_eq!(prefix_form("peace keeping"), None);
    }

    #[test]
    fn remembered_stems_are_the_stems_snowball_gives() {
        let text = "Rappelant ses résolutions adoptées, les résolutions adoptées et la diplomatie \
                    préventive, la coopération régionale, les coopérations régionales";
        STEM_CACHE.with(|cache| cache.borrow_mut().iter_mut().for_each(|m| m.clear()));
        let fresh = fr(text);
        let remembered = fr(text);
        assert_eq!(fresh, remembered);
        assert_eq!(
            fresh,
            [
                "rappel", "resolu", "adopt", "resolu", "adopt", "diplomat", "prevent", "cooper",
                "regional", "cooper", "regional"
            ]
        );
        let english = "Recalling its resolutions, recalling its resolutions";
        assert_eq!(en(english), en(english));
        assert_eq!(
            en(english),
            ["recal", "it", "resolut", "recal", "it", "resolut"]
        );
    }

    #[test]
    fn tokenizer_names_differ_per_language() {
        assert_eq!(tokenizer_name(Fr), "ressearch_fr");
        assert_eq!(tokenizer_name(En), "ressearch_en");
    }

    #[test]
    fn a_real_french_clause_becomes_folded_stems_without_stop_words() {
        // A/RES/75/272, curly apostrophes.
        assert_eq!(
            fr(
                "Réaffirmant l’importance de la diplomatie préventive, qui est un moyen de \
                soutenir les efforts que l’Organisation fait"
            ),
            [
                "reaffirm", "import", "diplomat", "prevent", "est", "moyen", "souten", "effort",
                "organis", "fait"
            ]
        );
    }

    #[test]
    fn unaccented_query_words_match_accented_text() {
        for (typed, written) in [
            ("preventive", "préventive"),
            ("securite", "sécurité"),
            ("Etats", "États"),
            ("developpement", "développement"),
            ("resolutions", "résolution"),
            ("reaffirmant", "Réaffirmant"),
            ("assemblee", "Assemblée"),
            ("egalite", "égalité"),
            ("coeur", "cœur"),
            ("deja", "déjà"),
            ("interet", "intérêt"),
            ("francais", "français"),
            ("premiere", "première"),
            ("meme", "même"),
            ("a", "à"),
        ] {
            assert_eq!(fr(typed), fr(written), "{typed} vs {written}");
        }
    }

    #[test]
    fn french_terms_are_folded_stems() {
        for (word, term) in [
            ("préventive", "prevent"),
            ("sécurité", "securit"),
            ("États", "etat"),
            ("développement", "developp"),
            ("résolution", "resolu"),
            ("Assemblée", "assembl"),
            ("Organisation", "organis"),
            ("générale", "general"),
        ] {
            assert_eq!(fr(word), [term], "{word}");
        }
    }

    #[test]
    fn snowball_conflates_french_inflections() {
        let same = |words: &[&str]| {
            let first = fr(words[0]);
            assert_eq!(first.len(), 1, "{}", words[0]);
            for w in &words[1..] {
                assert_eq!(fr(w), first, "{} vs {w}", words[0]);
            }
        };
        same(&["préventive", "préventives", "préventif", "prévention"]);
        same(&["résolution", "résolutions"]);
        same(&["Rappelant", "rappelle", "rappelé", "rappeler"]);
        same(&["décide", "décidé", "décider", "décidera"]);
        same(&["État", "États"]);
        same(&["Organisation", "organisations", "organiser"]);
        same(&["générale", "général", "généraux"]);
        same(&["demande", "demandé", "demandes"]);
    }

    #[test]
    fn snowball_french_leaves_plural_verb_endings() {
        // Snowball strips `-ent`/`-ons` only in a few contexts: these stay apart.
        assert_eq!(fr("décident"), ["decident"]);
        assert_ne!(fr("décident"), fr("décide"));
        assert_eq!(fr("demandent"), ["demandent"]);
        assert_eq!(fr("décidons"), ["decidon"]);
    }

    #[test]
    fn feminine_past_participles_conflate_even_unaccented() {
        // Without restoring the accent, folded `adoptee` stems to `adopte` and not `adopt`.
        for words in [
            ["adopté", "adoptée", "adoptées", "adoptee", "adoption"],
            [
                "Assemblée",
                "assemblées",
                "assemblee",
                "assemblé",
                "assembler",
            ],
            ["créé", "créée", "créées", "creee", "créer"],
            [
                "organisée",
                "organisees",
                "organisé",
                "organise",
                "Organisation",
            ],
        ] {
            for w in &words[1..] {
                assert_eq!(fr(w), fr(words[0]), "{} vs {w}", words[0]);
            }
        }
        assert_eq!(fr("particulière"), fr("particulier"));
        assert_eq!(fr("particulieres"), fr("particuliers"));
    }

    #[test]
    fn folding_before_stemming_keeps_some_snowball_distinctions() {
        // Snowball on accented words would stem `sécurité` to `sécur` and conflate `égalité`
        // with `également`, `activité` with `active`; folded `-ite` is not its `-ité` suffix.
        assert_eq!(fr("sécurité"), ["securit"]);
        assert_ne!(fr("égalité"), fr("également"));
        assert_ne!(fr("activité"), fr("active"));
        assert_eq!(fr("activités"), fr("activité"));
    }

    #[test]
    fn both_apostrophes_are_elided() {
        for text in [
            "l’Organisation",
            "l'Organisation",
            "lʼOrganisation",
            "L’Organisation",
            "L'ORGANISATION",
        ] {
            assert_eq!(fr(text), ["organis"], "{text}");
        }
        assert_eq!(fr("L’Assemblée générale"), ["assembl", "general"]);
        for (elided, word) in [
            ("d’Asie", "Asie"),
            ("d'Asie", "Asie"),
            ("j’ai", "ai"),
            ("m’engage", "engage"),
            ("n’importe", "importe"),
            ("s’emploie", "emploie"),
            ("t’aide", "aide"),
            ("c’était", "était"),
            ("qu’organe", "organe"),
            ("jusqu’ici", "ici"),
            ("Jusqu'au", "au"),
            ("lorsqu’elles", "elles"),
            ("puisqu’aucun", "aucun"),
            ("quoiqu’inégal", "inégal"),
        ] {
            assert_eq!(fr(elided), fr(word), "{elided}");
        }
    }

    #[test]
    fn elided_articles_take_no_position() {
        assert_eq!(
            positioned(Fr, "l’importance de l’Organisation"),
            [("import".to_string(), 0), ("organis".to_string(), 2)]
        );
        assert_eq!(
            positioned(Fr, "importance de Organisation"),
            positioned(Fr, "l’importance de l'Organisation")
        );
    }

    #[test]
    fn apostrophes_not_eliding_an_article_only_split_words() {
        assert_eq!(fr("aujourd’hui"), ["aujourd", "hui"]);
        assert_eq!(fr("aujourd'hui"), fr("aujourd’hui"));
        // An article followed by an apostrophe and no word stays (here: a stop word).
        assert_eq!(
            positioned(Fr, "l’ Organisation"),
            [("organis".to_string(), 1)]
        );
        // `jusqu` is dropped only as an elision.
        assert_eq!(fr("jusqu"), ["jusqu"]);
    }

    #[test]
    fn french_stop_words_are_removed() {
        for word in [
            "le", "la", "les", "de", "des", "du", "et", "à", "en", "un", "une", "pour", "par",
            "sur", "que", "qui", "dans", "au", "aux", "À", "Le", "où", "dès", "était", "sont",
        ] {
            assert_eq!(fr(word), Vec::<String>::new(), "{word}");
        }
    }

    #[test]
    fn ambiguous_verb_forms_are_not_stop_words() {
        // As in Snowball's list: `est` is also East, `été` summer, `son` sound.
        assert_eq!(fr("l’Europe de l’Est"), ["europ", "est"]);
        assert_eq!(fr("a été"), ["ete"]);
        assert_eq!(fr("son"), ["son"]);
    }

    #[test]
    fn unaccented_stop_words_are_stop_words_but_accented_homographs_stay() {
        for word in ["a", "meme", "etaient", "ou", "des", "cela"] {
            assert_eq!(fr(word), Vec::<String>::new(), "{word}");
        }
        // Stop words are removed before folding: these content words are kept and fold onto
        // the stop word, so typing them without accents finds nothing.
        assert_eq!(fr("sûr"), ["sur"]);
        assert_eq!(fr("dû"), ["du"]);
        assert_eq!(fr("maïs"), ["mais"]);
        assert_eq!(fr("sur"), Vec::<String>::new());
    }

    #[test]
    fn stop_words_leave_position_gaps() {
        assert_eq!(
            positioned(Fr, "Conseil de sécurité"),
            [("conseil".to_string(), 0), ("securit".to_string(), 2)]
        );
        assert_eq!(
            positioned(En, "the Security Council"),
            [("secur".to_string(), 1), ("council".to_string(), 2)]
        );
    }

    #[test]
    fn ligatures_fold_to_two_letters() {
        assert_eq!(fr("cœur"), ["coeur"]);
        assert_eq!(fr("au cœur des attributions"), ["coeur", "attribu"]);
        assert_eq!(fr("mise en œuvre"), ["mis", "oeuvr"]);
        assert_eq!(fr("Œuvre"), fr("oeuvre"));
    }

    #[test]
    fn hyphens_and_slashes_split_words() {
        assert_eq!(fr("non-prolifération"), ["non", "prolifer"]);
        assert_eq!(fr("soixante-dixième"), ["soix", "dixiem"]);
        assert_eq!(fr("résolution 72/7"), ["resolu", "72", "7"]);
        assert_eq!(en("long-term"), ["long", "term"]);
    }

    #[test]
    fn numbers_are_kept() {
        assert_eq!(fr("du 17 novembre 2017"), ["17", "novembr", "2017"]);
        assert_eq!(en("resolution 1325 (2000)"), ["resolut", "1325", "2000"]);
    }

    #[test]
    fn tokens_over_forty_bytes_are_dropped_leaving_a_gap() {
        let forty = "1".repeat(MAX_TOKEN_BYTES);
        let forty_one = "b".repeat(MAX_TOKEN_BYTES + 1);
        assert_eq!(fr(&forty), [forty.as_str()]);
        assert_eq!(fr(&forty_one), Vec::<String>::new());
        assert_eq!(
            positioned(En, &format!("peace {forty_one} security")),
            [("peac".to_string(), 0), ("secur".to_string(), 2)]
        );
    }

    #[test]
    fn english_possessives_are_dropped_for_both_apostrophes() {
        for text in ["Court’s", "Court's", "Courtʼs", "COURT'S", "Court"] {
            assert_eq!(en(text), ["court"], "{text}");
        }
        assert_eq!(en("States’ obligations"), ["state", "oblig"]);
        // From the parallel corpus (S/RES/2197 (2015)).
        assert_eq!(
            positioned(En, "UNFICYP's mandate"),
            [("unficyp".to_string(), 0), ("mandat".to_string(), 1)]
        );
        // A lone `s` is a word.
        assert_eq!(en("s"), ["s"]);
    }

    #[test]
    fn english_words_are_stemmed_by_snowball() {
        assert_eq!(en("resolutions"), en("resolution"));
        assert_eq!(en("Requests"), ["request"]);
        assert_eq!(en("requested"), ["request"]);
        assert_eq!(en("preventive diplomacy"), ["prevent", "diplomaci"]);
        // UN Parallel Corpus, A/RES/69/131.
        assert_eq!(
            en("Recognizing that yoga provides a holistic approach to health and well-being"),
            [
                "recogn", "yoga", "provid", "holist", "approach", "health", "well", "be"
            ]
        );
    }

    #[test]
    fn english_folding_is_harmless() {
        assert_eq!(en("naïve"), en("naive"));
        assert_eq!(en("Côte d’Ivoire"), ["cote", "d", "ivoir"]);
    }

    #[test]
    fn offsets_point_at_the_word_in_the_original_text() {
        let text = "Réaffirmant l’importance";
        let mut analyzer = analyzer(Fr);
        let mut stream = analyzer.token_stream(text);
        let mut spans = Vec::new();
        while let Some(token) = stream.next() {
            spans.push(&text[token.offset_from..token.offset_to]);
        }
        assert_eq!(spans, ["Réaffirmant", "importance"]);
    }

    #[test]
    fn a_term_starts_with_the_folded_initial_of_its_word() {
        // The stemmers' edge cases (initial y, suffixes that are the whole word, folded and
        // non-Latin initials), the thesaurus, and every word of the shared corpus when present.
        let mut text = String::from(
            "y yes yellow yy ying dying skies lying tying ied ies s ss us eed ed ing ingly ly \
             ee ees eee iere ieres ière yeux yaourt Ypres écoles État Œuvre æon Ærø Straße ÿ \
             İstanbul Σ ΣΑΣ ɐ 1er 2e ⅻ ２ｅ quatre-vingt l’État qu’à Court’s ʼs\n",
        );
        text.push_str(crate::thesaurus::BUILT_IN);
        let mut dirs =
            vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "txt") {
                    text.push_str(&std::fs::read_to_string(&path).unwrap_or_default());
                    text.push('\n');
                }
            }
        }
        let mut words: Vec<&str> = text.split_whitespace().collect();
        words.sort_unstable();
        words.dedup();
        let mut checked = 0;
        for lang in Language::ALL {
            let mut analyzer = query_analyzer(lang);
            for &chunk in &words {
                let mut stream = analyzer.token_stream(chunk);
                while let Some(token) = stream.next() {
                    let word = &chunk[token.offset_from..token.offset_to];
                    let needed = Initials::of_terms([token.text.as_str()]);
                    assert!(
                        Initials::of_text(word).may_give(&needed),
                        "{lang:?}: {word} gives {}",
                        token.text
                    );
                    assert!(Initials::of_text(chunk).may_give(&needed));
                    checked += 1;
                }
            }
        }
        eprintln!("{checked} words checked");
        assert!(checked > 1000, "{checked}");
    }

    #[test]
    fn the_parallel_corpus_analyses_identically_typed_without_accents() {
        // The shared corpus beside the project, as for the integration tests (tests/it/common.rs):
        // skipped with a message when absent, a failure when CI requires it.
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/parallel");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            let required = std::env::var_os("RESSEARCH_REQUIRE_SHARED_CORPUS");
            assert!(
                required.is_none_or(|v| v == "0"),
                "RESSEARCH_REQUIRE_SHARED_CORPUS is set but {} is missing",
                dir.display()
            );
            // Straight to the terminal: the test harness keeps what `eprintln!` prints.
            let line = format!("SKIPPED: {} is absent\n", dir.display());
            let _ = std::io::Write::write_all(&mut std::io::stderr(), line.as_bytes());
            return;
        };
        let mut folder = TextAnalyzer::builder(RawTokenizer::default())
            .filter(AsciiFoldingFilter)
            .build();
        let mut fold = |text: &str| folder.token_stream(text).next().unwrap().text.clone();
        let (mut lines, mut homographs) = (0, Vec::new());
        for entry in entries {
            let path = entry.unwrap().path();
            if !path.to_string_lossy().ends_with(".fr.txt") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for line in text.lines().filter(|line| !line.trim().is_empty()) {
                let mut analyzer = analyzer(Fr);
                let mut stream = analyzer.token_stream(line);
                let mut written = Vec::new();
                while let Some(token) = stream.next() {
                    let word = &line[token.offset_from..token.offset_to];
                    // An accented word folding onto a stop word (`dû`/`du`) is the one
                    // expected difference: typed without accents it is a stop word.
                    if fr(&fold(word)).is_empty() {
                        homographs.push(word.to_string());
                    } else {
                        written.push((token.text.clone(), token.position));
                    }
                }
                let typed = positioned(Fr, &fold(line));
                assert_eq!(typed, written, "{}: {line}", path.display());
                lines += 1;
            }
        }
        assert!(lines > 100, "{lines}");
        homographs.sort();
        homographs.dedup();
        assert_eq!(homographs, ["dû"]);
    }

    mod end_to_end {
        use super::*;
        use tantivy::collector::TopDocs;
        use tantivy::query::QueryParser;
        use tantivy::schema::{
            IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions, Value,
        };
        use tantivy::{IndexReader, TantivyDocument, doc};

        // Real clauses: A/RES/75/272 (curly apostrophes) and the UN Parallel Corpus (straight).
        const DOCS: &[&str] = &[
            "Notant que la diplomatie préventive est une fonction essentielle de \
             l’Organisation des Nations Unies",
            "Rappelant sa résolution 72/7 du 17 novembre 2017",
            "Notant que les États Membres ont un rôle important à jouer pour ce qui est de \
             répondre aux besoins et aspirations des jeunes",
            "Rappelant que 2015 marque le soixante-dixième anniversaire de la création de \
             l'Organisation des Nations Unies",
            // Both words, apart (two real fragments of A/RES/75/272 joined).
            "direction des activités préventives des équipes de pays des Nations Unies de la \
             région ; former les jeunes à la diplomatie",
        ];

        struct Fixture {
            reader: IndexReader,
            parser: QueryParser,
            id: tantivy::schema::Field,
        }

        fn fixture() -> Fixture {
            let mut schema = Schema::builder();
            let indexing = TextFieldIndexing::default()
                .set_tokenizer(tokenizer_name(Fr))
                .set_index_option(IndexRecordOption::WithFreqsAndPositions);
            let text = schema.add_text_field(
                "text",
                TextOptions::default().set_indexing_options(indexing),
            );
            let id = schema.add_u64_field("id", STORED);
            let index = Index::create_in_ram(schema.build());
            register(&index);
            let mut writer = index.writer(15_000_000).unwrap();
            for (i, clause) in DOCS.iter().enumerate() {
                writer
                    .add_document(doc!(text => *clause, id => i as u64))
                    .unwrap();
            }
            writer.commit().unwrap();
            let parser = QueryParser::for_index(&index, vec![text]);
            Fixture {
                reader: index.reader().unwrap(),
                parser,
                id,
            }
        }

        impl Fixture {
            fn hits(&self, query: &str) -> Vec<u64> {
                let query = self.parser.parse_query(query).unwrap();
                let searcher = self.reader.searcher();
                let mut ids: Vec<u64> = searcher
                    .search(&query, &TopDocs::with_limit(10).order_by_score())
                    .unwrap()
                    .into_iter()
                    .map(|(_, address)| {
                        let doc: TantivyDocument = searcher.doc(address).unwrap();
                        doc.get_first(self.id).unwrap().as_u64().unwrap()
                    })
                    .collect();
                ids.sort();
                ids
            }
        }

        #[test]
        fn unaccented_and_inflected_queries_hit_the_right_clauses() {
            let f = fixture();
            assert_eq!(f.hits("preventive"), [0, 4]);
            assert_eq!(f.hits("préventives"), [0, 4]);
            assert_eq!(f.hits("Etats"), [2]);
            assert_eq!(f.hits("resolutions"), [1]);
            assert_eq!(f.hits("l’Organisation"), [0, 3]);
            assert_eq!(f.hits("organisations"), [0, 3]);
        }

        #[test]
        fn a_phrase_matches_only_the_words_in_sequence() {
            let f = fixture();
            assert_eq!(f.hits("\"diplomatie préventive\""), [0]);
            assert_eq!(f.hits("\"diplomatie preventive\""), [0]);
            assert_eq!(f.hits("\"preventive diplomatie\""), Vec::<u64>::new());
        }

        #[test]
        fn phrases_with_stop_words_and_elisions_line_up() {
            let f = fixture();
            assert_eq!(f.hits("\"Organisation des Nations Unies\""), [0, 3]);
            assert_eq!(f.hits("\"de l'Organisation des Nations Unies\""), [0, 3]);
            assert_eq!(f.hits("\"essentielle de l’Organisation\""), [0]);
            // The gap a stop word leaves is part of the phrase.
            assert_eq!(f.hits("\"Organisation Nations Unies\""), Vec::<u64>::new());
        }

        #[test]
        fn a_straight_apostrophe_must_be_escaped_or_quoted_in_query_syntax() {
            let f = fixture();
            // tantivy's query grammar reads `'` as a quote: a bare `l'Organisation` fails.
            assert!(f.parser.parse_query("l'Organisation").is_err());
            assert_eq!(f.hits("l\\'Organisation"), [0, 3]);
            assert_eq!(f.hits("\"l'Organisation\""), [0, 3]);
        }
    }
}
