//! Stage 6: blocks joined into preambular and operative clauses.
//!
//! A block is not a clause: a page break cuts a paragraph in two, subparagraphs, quotations and
//! numbered lists stay in the clause that announces them, headings and section marks (`II`,
//! `B.`) open a section and belong to no clause. [`assemble_clauses`] walks the blocks once and
//! decides, block by block, which of these it is, from the block's opening words (the
//! preambular and operative vocabulary below) and from the clause before it.

use crate::model::{Clause, ClauseType, Language};

use super::blocks::{
    Block, Vocabulary, append_line, block_text, collapse_spaces, ends_paragraph, final_punctuation,
    is_lone_section_mark,
};

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
];

/// `12. Requests…` / `12.` → (12, rest).
pub(super) fn operative_number(text: &str) -> Option<(u32, &str)> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let rest = text[digits..].strip_prefix('.')?;
    if !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    Some((text[..digits].parse().ok()?, rest.trim_start()))
}

/// `(a)`, `(ii)`, `a)`, `i)`, `(1)`, `-`, `•`: a subparagraph, which stays in its clause.
fn is_subparagraph(text: &str) -> bool {
    if text.starts_with(['•', '–', '-', '—', '●', '\u{f0b7}']) {
        return true;
    }
    let inner = text.strip_prefix('(').unwrap_or(text);
    let label_len = inner.find(')').filter(|&p| p > 0 && p <= 5).unwrap_or(0);
    label_len > 0
        && inner[..label_len]
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
}

/// Words that may stand before the main word of an opening phrase.
const LEADING_ADVERBS: &[&str] = &[
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
    "consciente",
    "agissant",
];

fn main_word_of(first_words: &[&str]) -> Option<String> {
    first_words
        .iter()
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase())
        .find(|w| !w.is_empty() && !LEADING_ADVERBS.contains(&w.as_str()))
}

pub(super) fn is_preambular_opening(first: &str) -> bool {
    let w = first
        .trim_matches(|c: char| !c.is_alphabetic())
        .to_lowercase();
    preambular_word(&w)
}

fn preambular_word(w: &str) -> bool {
    PREAMBULAR_WORDS.contains(&w)
        || w.ends_with("ing")
        || (w.ends_with("ed") && w.len() > 4)
        || w.ends_with("ant")
        || w.ends_with("ée")
        || w.ends_with("ées")
        || w.ends_with("ful")
}

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

fn opens_usual_preambular(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().take(6).collect();
    main_word_of(&words).is_some_and(|w| USUAL_PREAMBULAR.contains(&w.as_str()))
}

/// Whether a paragraph is preambular, judged by its opening words.
pub(super) fn opens_preambular(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().take(6).collect();
    main_word_of(&words).is_some_and(|w| preambular_word(&w))
}

/// A section heading inside a resolution (`I`, `A.`, `Implementation of the Convention`).
fn is_heading(text: &str) -> bool {
    let words = text.split_whitespace().take(21).count();
    let roman_or_letter = text
        .trim_end_matches('.')
        .chars()
        .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L') || c.is_ascii_uppercase())
        && text.trim_end_matches('.').len() <= 5;
    // "Determines that this action constitutes a breach of the peace; and" runs on.
    let last_word = text.rsplit(' ').next().unwrap_or("");
    let runs_on = matches!(last_word, "and" | "or" | "et" | "ou");
    roman_or_letter || (words <= 20 && !ends_paragraph(text) && !runs_on)
}

/// A section mark opening a block: `II`, `B.`, `III. Title` → `II`, `B`, `III`.
fn section_mark(text: &str) -> Option<String> {
    let first = text.split_whitespace().next()?;
    let mark = first.trim_end_matches('.');
    let roman =
        !mark.is_empty() && mark.len() <= 5 && mark.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
    let letter = mark.len() == 1 && mark.chars().all(|c| c.is_ascii_uppercase());
    let rest = text[first.len()..].trim();
    let heading_rest = rest.is_empty()
        || (!ends_paragraph(rest) && rest.split_whitespace().take(61).count() <= 60);
    ((roman || letter)
        && heading_rest
        && !(letter && mark == "A" && !rest.is_empty() && rest.starts_with(char::is_lowercase)))
    .then(|| mark.to_string())
}

/// Whether a block opens a new paragraph by its first words: a preambular participle or
/// adjective, or an operative verb ("Requests", "Encourage").
fn opens_clause(text: &str, language: Language) -> bool {
    let words: Vec<&str> = text.split_whitespace().take(6).collect();
    // A clause opens with a word, not with a symbol or a number ("S-29/1 of 12 February").
    let is_word = words.first().is_some_and(|w| {
        w.trim_start_matches(['‘', '“', '"', '|', '~'])
            .trim_end_matches([',', ';', ':'])
            .chars()
            .all(|c| c.is_alphabetic() || "’'-".contains(c))
    });
    if !is_word {
        return false;
    }
    let Some(main) = main_word_of(&words) else {
        return false;
    };
    if preambular_word(&main) {
        return true;
    }
    match language {
        Language::En => main.ends_with('s') && !main.ends_with("ss") && !main.ends_with("ous"),
        Language::Fr => main.ends_with(['e', 'd', 't']),
    }
}

/// Joins blocks into clauses: numbered operative paragraphs, preambular paragraphs, paragraphs
/// continued after a page break, subparagraphs and numbered sub-lists inside a clause; section
/// headings start a new section.
pub(super) fn assemble_clauses(
    blocks: &[Block],
    language: Language,
    vocabulary: &Vocabulary<'_>,
) -> Vec<Clause> {
    let mut clauses: Vec<Clause> = Vec::new();
    let mut section: Option<String> = None;
    // Per section: whether operative paragraphs have begun, and the numbers seen.
    let mut operative_mode = false;
    let mut last_number: Option<u32> = None;
    let mut preambular_count = 0u32;
    let mut in_sublist = false;
    let mut sublist_last = 0;
    // Inside a numbered operative paragraph that announced a list or table with a colon ("as set
    // out in the table below:"): everything up to the next paragraph number stays in it, lettered
    // headings included.
    let mut colon_list = false;
    // Set right after a section mark: the block after it, without final punctuation, is the
    // section's title, however long.
    let mut after_mark = false;
    let texts = join_broken_blocks(blocks, language, vocabulary);
    // Whether operative paragraph 1 comes after each block, in its section (worked out when
    // first needed: few resolutions need it).
    let first_paragraph_ahead = std::cell::OnceCell::new();
    let first_paragraph_ahead = |i: usize| {
        first_paragraph_ahead.get_or_init(|| {
            let mut ahead = vec![false; texts.len()];
            let mut seen = false;
            for (j, (text, _)) in texts.iter().enumerate().rev() {
                ahead[j] = seen;
                if section_mark(text).is_some() {
                    seen = false;
                }
                if operative_number(text).is_some_and(|(n, _)| n == 1) {
                    seen = true;
                }
            }
            ahead
        })[i]
    };
    for (i, (text, before_organ)) in texts.iter().enumerate() {
        let text = text.as_str();
        if *before_organ && operative_number(text).is_none() {
            // Printed before the organ line: preambular, whatever its first word.
            let continues = clauses.last().is_some_and(|last| {
                !ends_paragraph(&last.text)
                    || text.starts_with(char::is_lowercase)
                    || (is_quotation(text) && quotes_follow(&last.text))
            });
            if continues {
                let last = clauses.last_mut().expect("checked above");
                append_line(&mut last.text, text, Some(vocabulary));
            } else {
                preambular_count += 1;
                clauses.push(new_clause(
                    ClauseType::Preambular,
                    preambular_count,
                    text,
                    &section,
                ));
            }
            continue;
        }
        if text.chars().all(|c| c == '*' || c.is_whitespace()) {
            // "* * *": a separator between groups of paragraphs.
            continue;
        }
        // A heading right above a numbered paragraph, a section or another paragraph ("…for
        // parties thereto," | "Multimodal transportation" | "Noting that…") is no continuation
        // of the paragraph before it.
        let next = texts.get(i + 1).map(|(next, _)| next.as_str());
        // Inside a list or table announced by a colon only the next paragraph number ends it.
        let expected = last_number.map_or(1, |n| n + 1);
        if is_heading(text)
            && !opens_clause(text, language)
            && operative_number(text).is_none()
            && !is_subparagraph(text)
            && !is_quotation(text)
            && next.is_some_and(|n| {
                operative_number(n).is_some_and(|(number, _)| !colon_list || number == expected)
                    || (!colon_list && (section_mark(n).is_some() || opens_clause(n, language)))
            })
            && section_mark(text).is_none()
        {
            continue;
        }
        let current_in_section = clauses.last().filter(|c| c.section == section);
        let numbered = operative_number(text).or_else(|| {
            // OCR reads "1." as "1,": accepted where the number is the one expected.
            let expected = last_number.map_or(1, |n| n + 1);
            lenient_operative_number(text).filter(|&(n, _)| n == expected)
        });
        if std::mem::take(&mut after_mark) && numbered.is_none() && !ends_paragraph(text) {
            continue;
        }
        if let Some((number, rest)) = numbered {
            let follows = last_number.is_none_or(|last| number == last + 1);
            // "…the following agenda: 1. Opening…", "…new paragraph 4: 4. In hearing…": a
            // numbered list or quoted paragraph after a colon, out of the operative sequence.
            let opens_sublist = current_in_section
                .is_some_and(|c| final_punctuation(&c.text) == Some(':'))
                && last_number.is_some();
            // Where the list's next number is also the next paragraph number ("5. Approves the
            // agenda: 1. Opening. … 6. Closing."), an item that opens no clause is the list's.
            let list_goes_on =
                in_sublist && number == sublist_last + 1 && !opens_clause(rest, language);
            if (in_sublist || opens_sublist) && (!follows || list_goes_on) {
                // "…the following agenda: 1. Opening of the Congress." stays in its clause.
                in_sublist = true;
                sublist_last = number;
                let last = clauses.last_mut().expect("a clause precedes a sub-list");
                append_line(&mut last.text, text, Some(vocabulary));
                continue;
            }
            in_sublist = false;
            colon_list = false;
            operative_mode = true;
            let mut text = rest.to_string();
            let intro = last_number.is_none()
                && number == 1
                && current_in_section.is_some_and(|c| {
                    c.kind == ClauseType::Operative && final_punctuation(&c.text) == Some(':')
                });
            if intro {
                // "Resolves that: 1. The Working Capital Fund…": the unnumbered lead-in opens
                // paragraph 1.
                let lead_in = clauses.pop().expect("checked above");
                text = format!("{} {text}", lead_in.text);
            }
            last_number = Some(number);
            clauses.push(new_clause(ClauseType::Operative, number, &text, &section));
            continue;
        }
        if numbered.is_none() {
            let announced = current_in_section.is_some_and(|c| {
                c.kind == ClauseType::Operative
                    && (colon_list || final_punctuation(&c.text) == Some(':'))
            });
            // A lettered heading with its title ("A. Secretariat of the Pension Board") heads a
            // part of the table; a roman mark or a letter alone opens a section of the resolution.
            let opens_section = section_mark(text).is_some_and(|mark| {
                mark.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
                    || text.trim_end_matches('.') == mark
            });
            if announced && last_number.is_some() && !opens_section {
                colon_list = true;
                let last = clauses.last_mut().expect("checked above");
                append_line(&mut last.text, text, Some(vocabulary));
                continue;
            }
        }
        colon_list = false;
        // Nothing continues across a section mark.
        let continues = match current_in_section {
            Some(last) => {
                is_subparagraph(text)
                    || (is_quotation(text) && quotes_follow(&last.text))
                    || (final_punctuation(&last.text) == Some(':')
                        && !opens_clause(text, language)
                        && !is_heading(text))
                    || (!ends_paragraph(&last.text) && !opens_clause(text, language))
                    || text.starts_with(|c: char| c.is_lowercase())
                    || (final_punctuation(&last.text) == Some(',') && !opens_clause(text, language))
            }
            None => false,
        };
        if continues && section_mark(text).is_none() {
            let last = clauses.last_mut().expect("checked above");
            append_line(&mut last.text, text, Some(vocabulary));
            continue;
        }
        if let Some(mark) = section_mark(text) {
            after_mark = text.trim_end_matches('.') == mark;
            section = Some(mark);
            operative_mode = false;
            preambular_count = 0;
            in_sublist = false;
            continue;
        }
        if is_heading(text) && !opens_usual_preambular(text) {
            continue;
        }
        // A paragraph of the preamble that opens with no usual word ("As the General Assembly
        // has decided …,") is still preambular when it ends with a comma and the numbered
        // operative paragraphs come after it.
        let odd_preambular = || final_punctuation(text) == Some(',') && first_paragraph_ahead(i);
        if !operative_mode && (opens_preambular(text) || odd_preambular()) {
            preambular_count += 1;
            clauses.push(new_clause(
                ClauseType::Preambular,
                preambular_count,
                text,
                &section,
            ));
            continue;
        }
        if let (Some(last), true) = (clauses.last_mut(), last_number.is_some()) {
            // An unnumbered paragraph among numbered ones belongs to the one before.
            append_line(&mut last.text, text, Some(vocabulary));
            continue;
        }
        operative_mode = true;
        let number = clauses
            .iter()
            .filter(|c| c.kind == ClauseType::Operative && c.section == section)
            .count() as u32
            + 1;
        clauses.push(new_clause(ClauseType::Operative, number, text, &section));
    }
    for clause in &mut clauses {
        clause.text = clean_clause_start(&collapse_spaces(&clause.text));
        clause.opening = opening_phrase(&clause.text, language);
    }
    clauses
}

/// The text of each block, with blocks joined where a page or column break cut a paragraph:
/// a block without final punctuation continues into the next one when that one opens no clause
/// ("Mindful of its duties … under the" | "Charter of the United Nations …,").
fn join_broken_blocks(
    blocks: &[Block],
    language: Language,
    vocabulary: &Vocabulary<'_>,
) -> Vec<(String, bool)> {
    let mut texts: Vec<(String, bool)> = Vec::with_capacity(blocks.len());
    let mut joinable = false;
    for block in blocks {
        let text = block_text(block, vocabulary);
        let continuation = joinable
            && operative_number(&text).is_none()
            && !is_subparagraph(&text)
            && section_mark(&text).is_none()
            && (text.starts_with(char::is_lowercase)
                || !opens_clause(&text, language)
                || block.after_page_break);
        joinable = !ends_paragraph(&text)
            && !is_lone_section_mark(&block.lines[0])
            && section_mark(&text).is_none();
        match texts.last_mut() {
            Some((last, _)) if continuation => append_line(last, &text, Some(vocabulary)),
            _ => texts.push((text, block.before_organ)),
        }
    }
    texts
}

/// A block opening with a quotation mark: quoted text inside the clause before it
/// ("…Article 2, paragraph 4, which reads:" | "“All Members shall refrain …”,").
fn is_quotation(text: &str) -> bool {
    text.starts_with(['“', '"', '‘', '«', '„'])
}

/// Whether a quotation may follow a clause's text: it announces one (`reads:`) or is quoting
/// already ("“The President…" | "“They launch…").
fn quotes_follow(text: &str) -> bool {
    final_punctuation(text) == Some(':') || text.contains(['“', '"', '«'])
}

/// Removes what OCR leaves before a clause's first word (`| Demands`, `~— Requests`,
/// `‘Reiterates` without a closing quote) and joins a letter-spaced first word
/// (`I n v i t e s` → `Invites`).
fn clean_clause_start(text: &str) -> String {
    let mut text = text.trim_start();
    loop {
        let stray = text.starts_with(['|', '~', '—', '–', '‘', '_'])
            || (text.starts_with('“') && !text.contains('”'));
        if !stray {
            break;
        }
        let rest = text[text.chars().next().map_or(0, char::len_utf8)..].trim_start();
        if !rest.starts_with(|c: char| c.is_uppercase() || "|~—–‘_“".contains(c)) {
            break;
        }
        text = rest;
    }
    let single_letter = |w: &str| w.chars().count() == 1 && w.chars().all(char::is_alphabetic);
    let letters = text.split(' ').take_while(|w| single_letter(w)).count();
    if letters < 4 {
        return text.to_string();
    }
    let words: Vec<&str> = text.split(' ').collect();
    if words.len() > letters {
        let joined: String = words[..letters].concat();
        // The last letter may carry the word's end: "I n v i t e s".
        return format!("{joined}{}", {
            let rest = words[letters..].join(" ");
            if rest.starts_with(|c: char| c.is_alphabetic()) {
                format!(" {rest}")
            } else {
                rest
            }
        });
    }
    text.to_string()
}

/// `1, That the Trusteeship Council…`: an OCR slip for `1.`; the caller checks the number.
fn lenient_operative_number(text: &str) -> Option<(u32, &str)> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let rest = text[digits..].strip_prefix(", ")?;
    rest.starts_with(char::is_uppercase)
        .then(|| Some((text[..digits].parse().ok()?, rest.trim_start())))
        .flatten()
}

fn new_clause(kind: ClauseType, number: u32, text: &str, section: &Option<String>) -> Clause {
    Clause {
        section: section.clone(),
        kind,
        number,
        opening: String::new(),
        text: text.to_string(),
        cites: Vec::new(),
        footnotes: Vec::new(),
    }
}

/// First words that are no opening phrase: articles, pronouns, prepositions, conjunctions.
const NO_OPENING: &[&str] = &[
    "the", "a", "an", "this", "these", "that", "those", "it", "its", "there", "to", "as", "in",
    "on", "at", "for", "with", "by", "of", "from", "if", "when", "while", "such", "all", "each",
    "le", "la", "les", "un", "une", "ce", "cette", "que", "qu", "pour", "dans", "en",
];

/// The participle/adjective or verb group that starts a clause: "Rappelant également",
/// "Also requests", "Deeply concerned", "Prenant note", "Se félicitant".
fn opening_phrase(text: &str, _language: Language) -> String {
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

pub(super) fn clean_word(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphabetic() && c != '’' && c != '\'')
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use crate::segment::segment_text;

    const SC_HEAD: &str = "Resolution 434 (1973)\nof 18 September 1978\n\n";

    #[test]
    fn quotations_headings_and_numbered_lists_stay_where_they_belong() {
        let text = format!(
            "{SC_HEAD}The Security Council,\n\nHaving in mind Article 2, which reads:\n\n“All Members shall refrain from the threat of force”,\n\nNoting the report,\n\nFinal report\n\n1. Approves the agenda:\n\n1. Opening.\n\n2. Closing.\n\n2. Decides to remain seized of the matter."
        );
        let res = segment_text(&text, None).unwrap();
        let labels: Vec<String> = res.clauses.iter().map(|c| c.label()).collect();
        assert_eq!(labels, ["PP1", "PP2", "OP1", "OP2"]);
        assert!(res.clauses[0].text.ends_with("threat of force”,"));
        assert_eq!(res.clauses[1].text, "Noting the report,");
        assert_eq!(
            res.clauses[2].text,
            "Approves the agenda: 1. Opening. 2. Closing."
        );
    }
}
