//! Wording: a clause's words as `similar`, `diff` and `query --group` compare them.
//!
//! Two clauses have the same wording when they have the same words in the same order, whatever
//! their case, punctuation, spacing or apostrophes: `Recalling its resolution 78/158,` and
//! `recalling its resolution 78/158;` read alike. A word is a run of letters and digits,
//! joined across inner hyphens, apostrophes, slashes, dots and commas (`seventy-ninth`,
//! `l’Assemblée`, `78/158`, `1,000`), so that a changed number or ordinal is one changed word.
//! Words are compared as written (no stemming): `requests` and `request` differ, as they
//! would in a negotiated text. What the page did to a text is not a change of wording: a
//! footnote number glued to a word (`Agreement4`) and a word broken at its hyphen (`well-
//! being`) read as the word.
//!
//! The similarity of two wordings is the share of their words in their longest common
//! subsequence, `2·LCS / (n + m)` (1 for the same wording, 0 for nothing in common), and the
//! differences are the word-level edits that turn one into the other.

use std::ops::Range;

/// The words of a text, with where each stands in it.
#[derive(Debug, Clone)]
pub struct Wording<'a> {
    text: &'a str,
    /// Byte ranges of the words in `text`.
    spans: Vec<Range<usize>>,
    /// One hash per word, of its compared form (lower case, one apostrophe).
    ids: Vec<u64>,
}

/// Whether `c` joins the character `before` it and the one `after` it into one word: inner
/// hyphens, apostrophes, slashes and dots between letters or digits (`seventy-ninth`,
/// `l’Assemblée`, `78/158`, `Add.1`), a comma only between digits (`1,000`: in
/// `Assembly,6` it ends a word before a footnote number).
fn joins(before: char, c: char, after: char) -> bool {
    match c {
        '-' | '‑' | '’' | '\'' | '/' | '.' => after.is_alphanumeric(),
        ',' => before.is_ascii_digit() && after.is_ascii_digit(),
        _ => false,
    }
}

/// A hyphen, one space or line break and a lower-case letter: a word the page broke
/// (`well- being` is `well-being`).
fn is_broken_word(after_hyphen: &str) -> bool {
    let mut chars = after_hyphen.chars();
    matches!(chars.next(), Some(' ' | '\n')) && chars.next().is_some_and(char::is_lowercase)
}

/// The compared form of a word that a footnote number was glued to (`Agreement4`, a word of
/// at least three letters, then up to three digits): without the number, so that the
/// paragraph reads the same whatever its footnote's number.
fn without_glued_footnote(word: &str) -> Option<&str> {
    let letters = word.trim_end_matches(|c: char| c.is_ascii_digit());
    let digits = word.len() - letters.len();
    let mut chars = letters.chars();
    let first = chars.next()?;
    let rest_lower = chars.clone().all(char::is_lowercase);
    ((1..=3).contains(&digits) && first.is_alphabetic() && rest_lower && chars.count() >= 2)
        .then_some(letters)
}

impl<'a> Wording<'a> {
    /// The words of `text`.
    pub fn new(text: &'a str) -> Wording<'a> {
        let mut spans = Vec::new();
        let mut ids = Vec::new();
        let mut chars = text.char_indices().peekable();
        let mut key = String::new();
        while let Some((start, c)) = chars.next() {
            if !c.is_alphanumeric() {
                continue;
            }
            key.clear();
            push_folded(&mut key, c);
            let mut end = start + c.len_utf8();
            let mut last = c;
            while let Some(&(i, next)) = chars.peek() {
                if next.is_alphanumeric() {
                    push_folded(&mut key, next);
                    end = i + next.len_utf8();
                    last = next;
                    chars.next();
                    continue;
                }
                // A joiner followed by a letter or digit stays in the word.
                let mut ahead = chars.clone();
                ahead.next();
                let after = ahead.peek().map(|&(_, d)| d);
                if after.is_some_and(|after| joins(last, next, after)) {
                    key.push(match next {
                        '’' => '\'',
                        '‑' => '-',
                        other => other,
                    });
                    chars.next();
                    continue;
                }
                if matches!(next, '-' | '‑') && is_broken_word(&text[i + next.len_utf8()..]) {
                    key.push('-');
                    chars.next();
                    chars.next();
                    continue;
                }
                break;
            }
            let word = &text[start..end];
            let compared = match without_glued_footnote(word) {
                Some(letters) => &key[..key.len() - (word.len() - letters.len())],
                None => &key[..],
            };
            spans.push(start..end);
            ids.push(xxhash_rust::xxh3::xxh3_64(compared.as_bytes()));
        }
        Wording { text, spans, ids }
    }

    /// How many words.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether there is no word at all.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The text from the first to the last of the words `range` (what lies between them
    /// included), or `""` for no word.
    pub fn slice(&self, range: Range<usize>) -> &'a str {
        if range.is_empty() {
            return "";
        }
        &self.text[self.spans[range.start].start..self.spans[range.end - 1].end]
    }

    /// The byte range of word `i` in the text, if there is one.
    pub fn span(&self, i: usize) -> Option<Range<usize>> {
        self.spans.get(i).cloned()
    }

    /// The fingerprint of the wording: equal for the same words in the same order.
    pub fn fingerprint(&self) -> u64 {
        let mut bytes = Vec::with_capacity(self.ids.len() * 8);
        for id in &self.ids {
            bytes.extend_from_slice(&id.to_le_bytes());
        }
        xxhash_rust::xxh3::xxh3_64(&bytes)
    }

    /// The share of words two wordings have in common, whatever their order (Dice over the
    /// multisets of words): an upper bound of [`compare`]'s similarity, cheap to compute.
    pub fn bag_similarity(&self, other: &Wording) -> f64 {
        if self.is_empty() && other.is_empty() {
            return 1.0;
        }
        let mut a = self.ids.clone();
        let mut b = other.ids.clone();
        a.sort_unstable();
        b.sort_unstable();
        let (mut i, mut j, mut common) = (0, 0, 0usize);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    common += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        2.0 * common as f64 / (a.len() + b.len()) as f64
    }
}

/// Lower-case `c` into `key`.
fn push_folded(key: &mut String, c: char) {
    if c.is_ascii() {
        key.push(c.to_ascii_lowercase());
    } else {
        key.extend(c.to_lowercase());
    }
}

/// The fingerprint of a text's wording ([`Wording::fingerprint`]), as the index stores it.
pub fn fingerprint(text: &str) -> u64 {
    Wording::new(text).fingerprint()
}

/// Words of the old wording replaced by words of the new one, as word ranges of each; one of
/// the two may be empty (words only removed, or only added).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hunk {
    pub old: Range<usize>,
    pub new: Range<usize>,
}

/// How two wordings compare.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// `2·LCS / (n + m)`: 1 for the same words in the same order.
    pub similarity: f64,
    /// The edits from the old wording to the new, in order.
    pub hunks: Vec<Hunk>,
}

/// Past this many cells, the middle of two wordings (once their common beginning and end are
/// set aside) is not aligned word by word but counted as one replacement.
const MAX_CELLS: usize = 4_000_000;

/// Compares an old and a new wording: their similarity and the word-level edits between them.
pub fn compare(old: &Wording, new: &Wording) -> Comparison {
    let (a, b) = (&old.ids, &new.ids);
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a_mid, b_mid) = (prefix..a.len() - suffix, prefix..b.len() - suffix);
    let (common_mid, hunks) = align(a, b, a_mid, b_mid);
    let common = prefix + suffix + common_mid;
    let total = a.len() + b.len();
    let similarity = if total == 0 {
        1.0
    } else {
        2.0 * common as f64 / total as f64
    };
    Comparison { similarity, hunks }
}

/// The longest common subsequence of `a[ra]` and `b[rb]` by dynamic programming, and the
/// hunks between the words it leaves out.
fn align(a: &[u64], b: &[u64], ra: Range<usize>, rb: Range<usize>) -> (usize, Vec<Hunk>) {
    let (n, m) = (ra.len(), rb.len());
    if n == 0 && m == 0 {
        return (0, Vec::new());
    }
    if n == 0 || m == 0 || n * m > MAX_CELLS {
        return (0, vec![Hunk { old: ra, new: rb }]);
    }
    // lcs[i][j]: the LCS of a[ra.start + i..] and b[rb.start + j..].
    let width = m + 1;
    let mut lcs = vec![0u32; (n + 1) * width];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i * width + j] = if a[ra.start + i] == b[rb.start + j] {
                lcs[(i + 1) * width + j + 1] + 1
            } else {
                lcs[(i + 1) * width + j].max(lcs[i * width + j + 1])
            };
        }
    }
    let mut hunks: Vec<Hunk> = Vec::new();
    let (mut i, mut j) = (0, 0);
    let mut open: Option<(usize, usize)> = None;
    let close = |open: &mut Option<(usize, usize)>, hunks: &mut Vec<Hunk>, i: usize, j: usize| {
        if let Some((oi, oj)) = open.take() {
            hunks.push(Hunk {
                old: ra.start + oi..ra.start + i,
                new: rb.start + oj..rb.start + j,
            });
        }
    };
    while i < n || j < m {
        if i < n && j < m && a[ra.start + i] == b[rb.start + j] {
            close(&mut open, &mut hunks, i, j);
            i += 1;
            j += 1;
        } else {
            open.get_or_insert((i, j));
            if j < m && (i == n || lcs[i * width + j + 1] >= lcs[(i + 1) * width + j]) {
                j += 1;
            } else {
                i += 1;
            }
        }
    }
    close(&mut open, &mut hunks, i, j);
    (lcs[0] as usize, hunks)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let w = Wording::new(text);
        (0..w.len()).map(|i| w.slice(i..i + 1)).collect()
    }

    #[test]
    fn words_join_across_inner_hyphens_apostrophes_and_numbers() {
        assert_eq!(
            words(
                "Recalling its resolution 78/158 of 19 December 2023, at its seventy-ninth session;"
            ),
            [
                "Recalling",
                "its",
                "resolution",
                "78/158",
                "of",
                "19",
                "December",
                "2023",
                "at",
                "its",
                "seventy-ninth",
                "session"
            ]
        );
        assert_eq!(
            words("l’Assemblée (a) « 1,000 » A/RES/72/7."),
            ["l’Assemblée", "a", "1,000", "A/RES/72/7"]
        );
    }

    #[test]
    fn page_noise_does_not_change_a_wording() {
        let f = fingerprint;
        // A footnote number glued to a word, whatever the number.
        assert_eq!(f("the Paris Agreement4 and"), f("the Paris Agreement and"));
        assert_eq!(
            f("the Paris Agreement4 and"),
            f("the Paris Agreement12 and")
        );
        // After a comma, the footnote number is a word of its own, not part of the last.
        assert_eq!(
            f("the Assembly,6 contribute"),
            f("the Assembly, 6 contribute")
        );
        assert_eq!(
            words("Assembly,6 of 1,000"),
            ["Assembly", "6", "of", "1,000"]
        );
        // A word the page broke at its hyphen.
        assert_eq!(f("human well- being"), f("human well-being"));
        assert_eq!(f("human well-\nbeing"), f("human well-being"));
        // Numbers and abbreviations keep their digits.
        assert_ne!(f("the G20 and"), f("the G and"));
        assert_ne!(f("CO2"), f("CO"));
        assert_ne!(f("resolution 78/158"), f("resolution 78/159"));
    }

    #[test]
    fn the_same_words_in_the_same_order_have_the_same_fingerprint() {
        let f = fingerprint;
        assert_eq!(
            f("Recalling its resolution 78/158,"),
            f("recalling  its\nresolution 78/158;")
        );
        assert_eq!(f("l’Assemblée"), f("l'Assemblée"));
        assert_ne!(
            f("Requests the Secretary-General"),
            f("Request the Secretary-General")
        );
        assert_ne!(f("a b"), f("b a"));
        assert_ne!(f("seventy-ninth"), f("seventy ninth"));
    }

    #[test]
    fn comparing_gives_the_similarity_and_the_changed_words() {
        let old = Wording::new("Recalling its resolution 77/172 of 14 December 2022,");
        let new = Wording::new("Recalling its resolution 78/158 of 19 December 2023,");
        let c = compare(&old, &new);
        assert_eq!(
            c.hunks
                .iter()
                .map(|h| (old.slice(h.old.clone()), new.slice(h.new.clone())))
                .collect::<Vec<_>>(),
            [("77/172", "78/158"), ("14", "19"), ("2022", "2023")]
        );
        assert!(
            (c.similarity - 10.0 / 16.0).abs() < 1e-9,
            "{}",
            c.similarity
        );

        let same = compare(&old, &old);
        assert_eq!(same.similarity, 1.0);
        assert!(same.hunks.is_empty());

        let added = Wording::new("Also requests the Secretary-General to report");
        let base = Wording::new("Requests the Secretary-General to report");
        let c = compare(&base, &added);
        assert_eq!(
            c.hunks,
            [Hunk {
                old: 0..0,
                new: 0..1
            }]
        );
        assert_eq!(new.slice(0..0), "");
        let nothing = compare(&Wording::new("paix"), &Wording::new("guerre"));
        assert_eq!(nothing.similarity, 0.0);
        assert_eq!(
            compare(&Wording::new(""), &Wording::new("")).similarity,
            1.0
        );
    }

    #[test]
    fn the_bag_similarity_bounds_the_similarity() {
        let a = Wording::new("the rule of law at the national and international levels");
        let b = Wording::new("the rule of law at the international and national levels");
        assert_eq!(a.bag_similarity(&b), 1.0);
        assert!(compare(&a, &b).similarity < 1.0);
        assert!(compare(&a, &b).similarity <= a.bag_similarity(&b));
    }
}
