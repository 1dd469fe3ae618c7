//! How clauses open: the preambular and operative vocabulary, and opening phrases.
//!
//! A preambular paragraph opens with a participle or adjective ("Recalling", "Deeply
//! concerned", "Rappelant"), an operative one with a verb ("Requests", "Prie"). Where no number
//! or blank line marks a paragraph, these words tell where one starts; they also give each
//! clause its opening phrase ("Also requests", "Prenant note").

use crate::model::Language;

use super::clauses::is_subparagraph;

/// Verbs that open an operative paragraph, for paragraphs printed without a blank line before.
pub(super) const OPERATIVE_VERBS: &[&str] = &[
    "recommends",
    "requests",
    "decides",
    "calls",
    "urges",
    "approves",
    "invites",
    "welcomes",
    "appeals",
    "expresses",
    "reaffirms",
    "notes",
    "condemns",
    "demands",
    "authorizes",
    "endorses",
    "affirms",
    "considers",
    "declares",
    "encourages",
    "takes",
    "commends",
    "deplores",
    "regrets",
    "resolves",
    "emphasizes",
    "stresses",
    "recognizes",
    "underlines",
    "reiterates",
    "directs",
    "reminds",
    "instructs",
    "proclaims",
    "designates",
    "elects",
    "appoints",
    "confirms",
    "supports",
    "establishes",
    "extends",
    "renews",
    "acknowledges",
    "agrees",
    "accepts",
    "adopts",
    "insists",
    "warns",
    "censures",
    "determines",
    "deems",
    "trusts",
    "appreciates",
    "emphasises",
    "recognises",
];

/// French verbs that open an operative paragraph ("Décide", "Prie", "Se félicite").
const FRENCH_OPERATIVE_VERBS: &[&str] = &[
    "décide",
    "prie",
    "demande",
    "invite",
    "recommande",
    "exhorte",
    "engage",
    "encourage",
    "note",
    "prend",
    "félicite",
    "réaffirme",
    "condamne",
    "exige",
    "autorise",
    "approuve",
    "souligne",
    "rappelle",
    "considère",
    "déclare",
    "adopte",
    "reconnaît",
    "accueille",
    "salue",
    "appuie",
    "charge",
    "réitère",
    "déplore",
    "proclame",
];

/// Phrases that open an operative paragraph without an operative verb in the third person:
/// "It is resolved that the Security Council request …", "Now, therefore, the Security Council
/// of the United Nations, having satisfied itself …, hereby resolves …".
const OPERATIVE_FORMULAS: &[&str] = &[
    "it is resolved",
    "it is hereby resolved",
    "it is decided",
    "it is hereby decided",
    "be it resolved",
    "now, therefore",
    "now therefore",
    "il est décidé",
    "il est résolu",
];

/// Words that link the preamble to the operative part, alone between them: "Therefore", "To
/// this end,". They belong to no clause.
const CONNECTORS: &[&str] = &[
    "therefore",
    "now therefore",
    "accordingly",
    "to this end",
    "to that end",
    "consequently",
    "en conséquence",
    "par conséquent",
    "à cette fin",
];

/// Words that may stand before the main word of an opening phrase.
pub(super) const LEADING_ADVERBS: &[&str] = &[
    "also",
    "further",
    "furthermore",
    "again",
    "once",
    "strongly",
    "deeply",
    "gravely",
    "seriously",
    "firmly",
    "hereby",
    "therefore",
    "fully",
    "moreover",
    "warmly",
    "urgently",
    "profondément",
    "vivement",
    "gravement",
    "sérieusement",
    "fermement",
    "en",
    "se",
    "s’",
    "s'",
    "de",
    "nouveau",
    "outre",
    "par",
    "ailleurs",
    "encore",
    "une",
    "fois",
    "re",
    "especially",
    "particularly",
    "sincerely",
    "emphatically",
    "solemnly",
    "unanimously",
];

/// Participles and adjectives that open preambular paragraphs without the usual endings.
const PREAMBULAR_WORDS: &[&str] = &[
    "whereas",
    "mindful",
    "aware",
    "conscious",
    "cognizant",
    "convinced",
    "concerned",
    "alarmed",
    "determined",
    "desirous",
    "guided",
    "seized",
    "anxious",
    "appreciative",
    "fully",
    "bearing",
    "believing",
    "noting",
    "recalling",
    "having",
    "acting",
    "taking",
    "consciente",
    "convaincue",
    "préoccupée",
    "inquiète",
    "résolue",
    "soucieuse",
    "attachée",
    "désireuse",
    "guidée",
    "considérant",
    "ayant",
    "sachant",
    "sensible",
    "persuadée",
    "alarmée",
    "déterminée",
    "rappelant",
    "notant",
    "prenant",
    "constatant",
    "reconnaissant",
    "agissant",
];

/// The first of `first_words` that is no leading adverb, in lower case and without punctuation.
fn main_word_of(first_words: &[&str]) -> Option<String> {
    first_words
        .iter()
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase())
        .find(|w| !w.is_empty() && !LEADING_ADVERBS.contains(&w.as_str()))
}

/// Whether a paragraph's first word is preambular ("Recalling", "Mindful", "Considérant").
pub(super) fn is_preambular_opening(first: &str) -> bool {
    let w = first
        .trim_matches(|c: char| !c.is_alphabetic())
        .to_lowercase();
    preambular_word(&w)
}

/// Whether a lower-case word opens preambular paragraphs: a listed word, or a participle or
/// adjective by its ending (`-ing`, `-ed`, `-ant`, `-ée`, `-ful`).
fn preambular_word(w: &str) -> bool {
    PREAMBULAR_WORDS.contains(&w)
        || w.ends_with("ing")
        || (w.ends_with("ed") && w.len() > 4)
        || w.ends_with("ant")
        || w.ends_with("ée")
        || w.ends_with("ées")
        || w.ends_with("ful")
}

/// Whether a paragraph's first word may be an operative verb: a capitalised word that is not
/// preambular ("Requests", "Décide").
pub(super) fn is_operative_verb(first: &str) -> bool {
    let w = first
        .trim_matches(|c: char| !c.is_alphabetic())
        .to_lowercase();
    !w.is_empty() && !preambular_word(&w) && first.starts_with(char::is_uppercase)
}

/// Words that open preambular paragraphs and never a heading ("Having considered …" printed
/// without its final comma is a paragraph; "Financing of the appropriation" is a heading).
const USUAL_PREAMBULAR: &[&str] = &[
    "having",
    "recalling",
    "bearing",
    "noting",
    "taking",
    "considering",
    "recognizing",
    "reaffirming",
    "welcoming",
    "expressing",
    "acknowledging",
    "emphasizing",
    "stressing",
    "mindful",
    "aware",
    "conscious",
    "concerned",
    "convinced",
    "determined",
    "guided",
    "desiring",
    "believing",
    "reiterating",
    "underlining",
    "affirming",
    "deploring",
    "condemning",
    "alarmed",
    "acting",
    "whereas",
    "ayant",
    "rappelant",
    "notant",
    "considérant",
    "reconnaissant",
    "réaffirmant",
    "consciente",
    "convaincue",
    "soulignant",
    "prenant",
];

/// How a text opens: its first word, and its main word (the first of its six first words after
/// leading adverbs such as "Also", "Deeply", "Se"), in lower case.
pub(super) struct Opening<'t> {
    first: Option<&'t str>,
    main: Option<String>,
}

impl<'t> Opening<'t> {
    pub(super) fn of(text: &'t str) -> Self {
        let mut words = [""; 6];
        let mut len = 0;
        for word in text.split_whitespace().take(6) {
            words[len] = word;
            len += 1;
        }
        Opening {
            first: words[..len].first().copied(),
            main: main_word_of(&words[..len]),
        }
    }

    /// Whether the text opens a new paragraph: a preambular participle or adjective, or an
    /// operative verb ("Requests", "Encourage").
    pub(super) fn opens_clause(&self, language: Language) -> bool {
        // A clause opens with a word, not with a symbol or a number ("S-29/1 of 12 February").
        let is_word = self.first.is_some_and(|w| {
            w.trim_start_matches(['‘', '“', '"', '|', '~'])
                .trim_end_matches([',', ';', ':'])
                .chars()
                .all(|c| c.is_alphabetic() || "’'-".contains(c))
        });
        if !is_word {
            return false;
        }
        let Some(main) = &self.main else {
            return false;
        };
        if preambular_word(main) {
            return true;
        }
        // "We, the Heads of State and Government, …": the first paragraph of a declaration.
        if self.first.is_some_and(|w| w == "We," || w == "Nous,") {
            return true;
        }
        match language {
            Language::En => main.ends_with('s') && !main.ends_with("ss") && !main.ends_with("ous"),
            Language::Fr => main.ends_with(['e', 'd', 't']),
        }
    }

    /// Whether the text is preambular, judged by its opening words.
    pub(super) fn is_preambular(&self) -> bool {
        self.main.as_deref().is_some_and(preambular_word)
    }

    /// Whether the text opens with a word that opens preambular paragraphs and never a heading.
    pub(super) fn is_usual_preambular(&self) -> bool {
        self.main
            .as_deref()
            .is_some_and(|w| USUAL_PREAMBULAR.contains(&w))
    }
}

/// The opening phrase of an operative formula a text opens with ("It is resolved", "Now,
/// therefore"), as printed.
pub(super) fn operative_formula(text: &str) -> Option<&str> {
    let head: String = text
        .chars()
        .take(24)
        .collect::<String>()
        .to_lowercase()
        .replace('’', "'");
    OPERATIVE_FORMULAS.iter().find_map(|formula| {
        let rest = head.strip_prefix(formula)?;
        // A whole word: "Now, therefore," not "Now, thereforeX".
        if rest.starts_with(char::is_alphanumeric) {
            return None;
        }
        let printed: String = text.chars().take(formula.chars().count()).collect();
        Some(&text[..printed.len()])
    })
}

/// Whether a text is only a connector between the preamble and the operative part
/// ("Therefore", "To this end,").
pub(super) fn is_connector(text: &str) -> bool {
    let words: Vec<String> = text
        .split_whitespace()
        .take(5)
        .map(clean_word)
        .filter(|w| !w.is_empty())
        .collect();
    words.len() <= 4 && CONNECTORS.contains(&words.join(" ").as_str())
}

/// Whether a text opens with an operative verb of the usual vocabulary ("Recommends",
/// "Strongly condemns", "Décide"), the only words that may open a short paragraph printed
/// without final punctuation that is no heading.
pub(super) fn opens_with_operative_verb(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or("");
    if !first.starts_with(char::is_uppercase)
        || text
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
    {
        return false;
    }
    let words: Vec<&str> = text.split_whitespace().take(4).collect();
    main_word_of(&words).is_some_and(|w| {
        OPERATIVE_VERBS.contains(&w.as_str()) || FRENCH_OPERATIVE_VERBS.contains(&w.as_str())
    })
}

/// Whether a paragraph is preambular, judged by its opening words.
pub(super) fn opens_preambular(text: &str) -> bool {
    Opening::of(text).is_preambular()
}

/// Whether a block opens a new paragraph by its first words (see [`Opening::opens_clause`]).
pub(super) fn opens_clause(text: &str, language: Language) -> bool {
    Opening::of(text).opens_clause(language)
}

/// First words that are no opening phrase: articles, pronouns, prepositions, conjunctions.
const NO_OPENING: &[&str] = &[
    "the", "a", "an", "this", "these", "that", "those", "it", "its", "there", "to", "as", "in",
    "on", "at", "for", "with", "by", "of", "from", "if", "when", "while", "such", "all", "each",
    "le", "la", "les", "un", "une", "ce", "cette", "que", "qu", "pour", "dans", "en",
];

/// The participle/adjective or verb group that starts a clause: "Rappelant également",
/// "Also requests", "Deeply concerned", "Prenant note", "Se félicitant".
pub(super) fn opening_phrase(text: &str) -> String {
    if let Some(formula) = operative_formula(text) {
        // "It is resolved that …"; "Now, therefore, the Security Council …" opens with no
        // verb group.
        return if formula.to_lowercase().starts_with("now") {
            String::new()
        } else {
            formula.to_string()
        };
    }
    let all: Vec<&str> = text.split_whitespace().take(10).collect();
    // A clause printed as its first subparagraph opens after the label: "(a) Resolves that".
    let skip = all
        .iter()
        .take_while(|w| is_subparagraph(w) && w.len() <= 6)
        .count();
    let words = &all[skip..];
    let mut end = 0;
    // Leading adverbs and reflexive pronouns.
    while end < words.len() && LEADING_ADVERBS.contains(&clean_word(words[end]).as_str()) {
        end += 1;
    }
    if end < words.len() {
        let main = clean_word(words[end]);
        if NO_OPENING.contains(&main.as_str()) {
            // "The attention of the Council has been drawn…", "That the Trusteeship Council be
            // requested…": no participle, adjective or verb leads the clause.
            return String::new();
        }
        end += 1;
        if main == "having" || main == "ayant" || main == "being" {
            // "Having considered", "Having also considered", "Ayant examiné".
            while end < words.len() && LEADING_ADVERBS.contains(&clean_word(words[end]).as_str()) {
                end += 1;
            }
            end = (end + 1).min(words.len());
        }
    }
    // Particles that belong to the verb group: "Calls upon", "Prend note", "Bearing in mind".
    while end < words.len() {
        let w = clean_word(words[end]);
        let with_next = words.get(end + 1).map(|n| clean_word(n));
        let takes = match w.as_str() {
            "also" | "further" | "again" | "également" | "aussi" | "upon" | "note" | "acte" => {
                true
            }
            "in" => with_next.as_deref() == Some("mind"),
            "mind" => true,
            "into" => with_next.as_deref() == Some("account"),
            "account" => true,
            "en" => matches!(with_next.as_deref(), Some("outre") | Some("compte")),
            "outre" | "compte" => true,
            // "Looks forward", "Looking forward".
            "forward" => clean_word(words[end - 1]).starts_with("look"),
            _ => false,
        };
        if !takes || words[end - 1].ends_with([',', ';', ':']) {
            break;
        }
        end += 1;
    }
    words[..end]
        .join(" ")
        .trim_end_matches([',', ';', ':', '.'])
        .to_string()
}

/// A word in lower case without the punctuation around it (apostrophes kept).
pub(super) fn clean_word(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphabetic() && c != '’' && c != '\'')
        .to_lowercase()
}
