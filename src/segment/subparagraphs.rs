//! Stage 8: the lettered subparagraphs of a clause, so that a match can be pointed at `OP2(k)`.
//!
//! A clause keeps its subparagraphs in its text ("Decides: (a) To call upon …; (b) To renew …");
//! this stage finds where each one starts. It reads the clause text alone, so that a search can
//! find the same subparagraphs again in the text it stored. A label counts only where a
//! subparagraph can start (the start of the clause, or after `:`, `;`, `.`, or `; and`; the first
//! one also where OCR lost the colon before it, when a capital follows) and only as the next
//! letter of the list: "(a) of resolution 661" is a reference, and "(i)", "(ii)" under "(b)" are
//! items of that subparagraph.

use std::ops::Range;

use crate::model::Subparagraph;

/// The lettered subparagraphs of a clause text, in order; empty when it has fewer than two.
pub fn subparagraphs(text: &str) -> Vec<Subparagraph> {
    subparagraph_ranges(text)
        .into_iter()
        .map(|(label, range)| Subparagraph {
            label,
            text: text[range].to_string(),
        })
        .collect()
}

/// Each lettered subparagraph of a clause text: its label as printed (`(k)`, `k)`) and the byte
/// range of its words (after the label, up to the next one, without the space before it).
pub fn subparagraph_ranges(text: &str) -> Vec<(String, Range<usize>)> {
    let labels = candidate_labels(text);
    // The list: (a), then each next letter in turn. "(i)" is the letter after "(h)" unless
    // "(ii)" follows it before "(j)": then it opens a nested list.
    let mut starts: Vec<&Label> = Vec::new();
    for (k, label) in labels.iter().enumerate() {
        let expected = starts.last().map_or(0, |last| last.index + 1);
        if label.index != expected
            || starts
                .last()
                .is_some_and(|last| last.french != label.french)
        {
            continue;
        }
        if matches!(label.letters, "i" | "v" | "x") {
            let nested = labels[k + 1..]
                .iter()
                .take_while(|later| later.index != expected + 1)
                .any(|later| later.letters == next_roman(label.letters));
            if nested {
                continue;
            }
        }
        starts.push(label);
    }
    if starts.len() < 2 {
        return Vec::new();
    }
    starts
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let end = starts.get(i + 1).map_or(text.len(), |next| next.at);
            let end = label.text_at.max(text[..end].trim_end().len());
            (
                text[label.at..label.text_at].trim_end().to_string(),
                label.text_at..end,
            )
        })
        .collect()
}

/// A label where a subparagraph may start.
struct Label<'t> {
    /// Byte offset of the label.
    at: usize,
    /// Byte offset of the words after it.
    text_at: usize,
    /// `k`, `aa`.
    letters: &'t str,
    /// Place in the list: `a` 0, `z` 25, `aa` 26.
    index: usize,
    /// `k)` without the opening bracket, as French texts print it.
    french: bool,
}

/// Every `(x)` or `x)` in the text where a subparagraph may start.
fn candidate_labels(text: &str) -> Vec<Label<'_>> {
    let bytes = text.as_bytes();
    let mut labels = Vec::new();
    for (close, _) in text.match_indices(')') {
        let letters_start = text[..close]
            .bytes()
            .rev()
            .take_while(u8::is_ascii_lowercase)
            .count();
        if letters_start == 0 || letters_start > 2 {
            continue;
        }
        let letters_at = close - letters_start;
        let letters = &text[letters_at..close];
        let Some(index) = letter_index(letters) else {
            continue;
        };
        let french = letters_at == 0 || bytes[letters_at - 1] != b'(';
        let at = if french { letters_at } else { letters_at - 1 };
        // A label stands alone: "(a) To call", not "(a)s" nor "a)b".
        let after = close + 1;
        if !(after == text.len() || bytes[after] == b' ') {
            continue;
        }
        if at > 0 && bytes[at - 1] != b' ' {
            continue;
        }
        // OCR may lose the colon before the first one: "the necessity (a) For guaranteeing";
        // a reference reads on in lower case: "paragraph 3 (a) of resolution 661".
        let capital_after = text[after..].trim_start().starts_with(char::is_uppercase);
        if !(may_start_here(&text[..at]) || (index == 0 && capital_after)) {
            continue;
        }
        let text_at = after + usize::from(after < text.len());
        labels.push(Label {
            at,
            text_at,
            letters,
            index,
            french,
        });
    }
    labels
}

/// `a` → 0, `z` → 25, `aa` → 26, `bb` → 27 (doubled letters go on after `z`).
fn letter_index(letters: &str) -> Option<usize> {
    let b = letters.as_bytes();
    match b {
        [c] => Some(usize::from(c - b'a')),
        [c, d] if c == d => Some(26 + usize::from(c - b'a')),
        _ => None,
    }
}

/// `i` → `ii`, `v` → `vi`, `x` → `xi`: the roman numeral after a letter that may be one.
fn next_roman(letters: &str) -> &'static str {
    match letters {
        "i" => "ii",
        "v" => "vi",
        _ => "xi",
    }
}

/// Whether a subparagraph may start after `before`: at the start of the clause, or after a
/// colon, semicolon or period, or after a list's last "and" or "or" ("…; and (c) To …").
fn may_start_here(before: &str) -> bool {
    let before = before.trim_end();
    if before.is_empty() {
        return true;
    }
    if before.ends_with([':', ';', '.']) {
        return true;
    }
    let (rest, word) = before.rsplit_once(' ').unwrap_or(("", before));
    matches!(word, "and" | "or" | "et" | "ou") && rest.trim_end().ends_with([';', ','])
}

#[cfg(test)]
mod tests {
    use super::subparagraphs;

    fn labels(text: &str) -> Vec<String> {
        subparagraphs(text).into_iter().map(|s| s.label).collect()
    }

    #[test]
    fn a_lettered_list_after_a_colon_is_split_at_each_letter() {
        let text = "Decides: (a) To call upon the parties; (b) To renew the mandate; and (c) To request a report.";
        let subs = subparagraphs(text);
        assert_eq!(labels(text), ["(a)", "(b)", "(c)"]);
        assert_eq!(subs[0].text, "To call upon the parties;");
        assert_eq!(subs[1].text, "To renew the mandate; and");
        assert_eq!(subs[2].text, "To request a report.");
    }

    #[test]
    fn references_to_subparagraphs_are_no_labels() {
        let text = "Recalls paragraphs 3 (a) and (b) of resolution 661 (1990), and subparagraph (c) thereof;";
        assert!(subparagraphs(text).is_empty());
    }

    #[test]
    fn a_list_whose_colon_the_ocr_lost_is_still_a_list() {
        // S/RES/242 (1967): "Affirms further the necessity (a) For guaranteeing …; (b) For …".
        let text = "Affirms further the necessity (a) For guaranteeing freedom of navigation; (b) For achieving a just settlement;";
        assert_eq!(labels(text), ["(a)", "(b)"]);
    }

    #[test]
    fn roman_items_stay_inside_their_subparagraph() {
        let text = "Requests: (a) A report; (b) Measures: (i) first; (ii) second; (c) A review; (d) One; (e) Two; (f) Three; (g) Four; (h) Five; (i) Six; (j) Seven.";
        assert_eq!(
            labels(text),
            [
                "(a)", "(b)", "(c)", "(d)", "(e)", "(f)", "(g)", "(h)", "(i)", "(j)"
            ]
        );
        assert_eq!(
            subparagraphs(text)[1].text,
            "Measures: (i) first; (ii) second;"
        );
    }

    #[test]
    fn french_labels_have_no_opening_bracket() {
        let text = "Décide : a) De prier le Secrétaire général ; b) D’inviter les États ; k) De rester saisi.";
        assert_eq!(labels(text), ["a)", "b)"]);
    }

    #[test]
    fn doubled_letters_go_on_after_z() {
        let letters: Vec<String> = (b'a'..=b'z')
            .map(|c| format!("({}) item;", c as char))
            .chain(["(aa) item;".to_string(), "(bb) item.".to_string()])
            .collect();
        let text = format!("Decides: {}", letters.join(" "));
        let found = labels(&text);
        assert_eq!(found.len(), 28);
        assert_eq!(found[27], "(bb)");
    }
}
