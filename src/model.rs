//! The data every stage passes along: a resolution and its clauses, and the vocabulary that
//! describes them (clause type, language, organ, filter field).
//!
//! These types are the JSON contract of `ressearch segment --json` and the shape of what gets
//! indexed, so they live in one place and change carefully. Each word of the vocabulary is an
//! enum parsed once, from a flag or a query, with its aliases (`FromStr`), and written back
//! with `Display`; the keys the index stores (`ga`, `fr`, `operative`) come from these enums
//! alone.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A value that names nothing of a vocabulary: what was typed, what it should have named and
/// the accepted values. Its message reads "\"x\" is not a clause type; use preambular or
/// operative".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownName {
    /// The value as typed.
    pub value: String,
    /// What it should name, with its article: "a clause type".
    pub what: &'static str,
    /// The accepted values, for people: "preambular or operative".
    pub expected: &'static str,
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} is not {}; use {}",
            self.value, self.what, self.expected
        )
    }
}

impl std::error::Error for UnknownName {}

/// Looks `value` up, trimmed and in lower case, among the aliases of each variant.
fn parse_alias<T: Copy>(
    value: &str,
    aliases: &[(T, &[&str])],
    what: &'static str,
    expected: &'static str,
) -> Result<T, UnknownName> {
    let lower = value.trim().to_lowercase();
    aliases
        .iter()
        .find(|(_, names)| names.contains(&lower.as_str()))
        .map(|&(variant, _)| variant)
        .ok_or_else(|| UnknownName {
            value: value.to_string(),
            what,
            expected,
        })
}

/// The organ that adopted a resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Body {
    #[serde(rename = "General Assembly")]
    GeneralAssembly,
    #[serde(rename = "Security Council")]
    SecurityCouncil,
    #[serde(rename = "Economic and Social Council")]
    EconomicAndSocialCouncil,
}

impl Body {
    /// Every organ.
    pub const ALL: [Body; 3] = [
        Body::GeneralAssembly,
        Body::SecurityCouncil,
        Body::EconomicAndSocialCouncil,
    ];

    /// The name as printed in JSON and search results.
    pub fn name(self) -> &'static str {
        match self {
            Body::GeneralAssembly => "General Assembly",
            Body::SecurityCouncil => "Security Council",
            Body::EconomicAndSocialCouncil => "Economic and Social Council",
        }
    }

    /// The short key stored in the index and matched by `body:` filters: `ga`, `sc`, `ecosoc`.
    pub fn key(self) -> &'static str {
        match self {
            Body::GeneralAssembly => "ga",
            Body::SecurityCouncil => "sc",
            Body::EconomicAndSocialCouncil => "ecosoc",
        }
    }

    /// The organ an index [`key`](Body::key) stands for.
    pub fn from_key(key: &str) -> Option<Body> {
        Body::ALL.into_iter().find(|body| body.key() == key)
    }
}

/// `ga`, `sc`, their names in English and French and a few short forms, in any case.
impl FromStr for Body {
    type Err = UnknownName;

    fn from_str(value: &str) -> Result<Body, UnknownName> {
        parse_alias(
            value,
            &[
                (
                    Body::GeneralAssembly,
                    &[
                        "ga",
                        "a",
                        "assembly",
                        "general assembly",
                        "assemblée générale",
                    ],
                ),
                (
                    Body::SecurityCouncil,
                    &[
                        "sc",
                        "s",
                        "council",
                        "security council",
                        "conseil de sécurité",
                    ],
                ),
                (
                    Body::EconomicAndSocialCouncil,
                    &[
                        "ecosoc",
                        "e",
                        "economic and social council",
                        "conseil économique et social",
                    ],
                ),
            ],
            "an organ",
            "ga (General Assembly), sc (Security Council) or ecosoc (Economic and Social Council)",
        )
    }
}

impl fmt::Display for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The language a resolution is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Fr,
    En,
}

impl Language {
    /// Both languages of the index.
    pub const ALL: [Language; 2] = [Language::Fr, Language::En];

    /// ISO 639-1 code, as stored in the index and accepted by `--lang`.
    pub fn code(self) -> &'static str {
        match self {
            Language::Fr => "fr",
            Language::En => "en",
        }
    }
}

/// `fr`, `en` and the languages' names in English and French, in any case.
impl FromStr for Language {
    type Err = UnknownName;

    fn from_str(value: &str) -> Result<Language, UnknownName> {
        parse_alias(
            value,
            &[
                (Language::Fr, &["fr", "french", "français", "francais"]),
                (Language::En, &["en", "english", "anglais"]),
            ],
            "a language of the index",
            "fr or en",
        )
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Preambular paragraphs set the context; operative paragraphs decide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClauseType {
    Preambular,
    Operative,
}

impl ClauseType {
    /// Both clause types.
    pub const ALL: [ClauseType; 2] = [ClauseType::Preambular, ClauseType::Operative];

    /// The label prefix used in listings: `PP3`, `OP4`.
    pub fn prefix(self) -> &'static str {
        match self {
            ClauseType::Preambular => "PP",
            ClauseType::Operative => "OP",
        }
    }

    /// The name as stored in the index and accepted by `--type`.
    pub fn name(self) -> &'static str {
        match self {
            ClauseType::Preambular => "preambular",
            ClauseType::Operative => "operative",
        }
    }
}

/// `preambular`, `operative`, their short forms (`pp`, `op`) and French names, in any case.
impl FromStr for ClauseType {
    type Err = UnknownName;

    fn from_str(value: &str) -> Result<ClauseType, UnknownName> {
        parse_alias(
            value,
            &[
                (
                    ClauseType::Preambular,
                    &["preambular", "pp", "preamble", "préambule"],
                ),
                (ClauseType::Operative, &["operative", "op", "dispositif"]),
            ],
            "a clause type",
            "preambular or operative",
        )
    }
}

impl fmt::Display for ClauseType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The highest General Assembly session number a filter accepts (the 80th opened in 2025).
pub const MAX_SESSION: u32 = 9_999;

/// What a query can filter on, written `field:value` in a query or given as a flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FilterField {
    /// The clause type (`type:operative`).
    Type,
    /// A document the clause cites (`cites:A/RES/72/7`).
    Cites,
    /// The resolution's own symbol (`symbol:A/RES/75/272`).
    Symbol,
    /// The clause's language (`lang:fr`).
    Lang,
    /// The adopting organ (`body:sc`).
    Body,
    /// The General Assembly session (`session:75`).
    Session,
    /// A word of the clause's opening phrase (`opening:encourage`).
    Opening,
    /// The adoption date, a day, month, year or range (`adopted:2020..2024`).
    Adopted,
}

impl FilterField {
    /// Every field, in the order error messages list them.
    pub const ALL: [FilterField; 8] = [
        FilterField::Type,
        FilterField::Cites,
        FilterField::Symbol,
        FilterField::Lang,
        FilterField::Body,
        FilterField::Session,
        FilterField::Opening,
        FilterField::Adopted,
    ];

    /// The name written before the colon.
    pub fn name(self) -> &'static str {
        match self {
            FilterField::Type => "type",
            FilterField::Cites => "cites",
            FilterField::Symbol => "symbol",
            FilterField::Lang => "lang",
            FilterField::Body => "body",
            FilterField::Session => "session",
            FilterField::Opening => "opening",
            FilterField::Adopted => "adopted",
        }
    }

    /// A value that fits the field, for messages: `type:operative`.
    pub fn example(self) -> &'static str {
        match self {
            FilterField::Type => "operative",
            FilterField::Cites => "A/RES/72/7",
            FilterField::Symbol => "A/RES/75/272",
            FilterField::Lang => "fr",
            FilterField::Body => "ga",
            FilterField::Session => "75",
            FilterField::Opening => "encourage",
            FilterField::Adopted => "2020..2024",
        }
    }

    /// Whether a value of this field is a document symbol, which may carry a year in
    /// parentheses after a space (`S/RES/242 (1967)`).
    pub fn takes_symbol(self) -> bool {
        matches!(self, FilterField::Cites | FilterField::Symbol)
    }

    /// The names of all fields, comma-separated: "type, cites, symbol, …".
    pub fn names() -> String {
        FilterField::ALL.map(FilterField::name).join(", ")
    }
}

/// A field name, in any case.
impl FromStr for FilterField {
    type Err = UnknownName;

    fn from_str(value: &str) -> Result<FilterField, UnknownName> {
        let lower = value.to_lowercase();
        FilterField::ALL
            .into_iter()
            .find(|field| field.name() == lower)
            .ok_or_else(|| UnknownName {
                value: value.to_string(),
                what: "a field",
                expected: "type, cites, symbol, lang, body, session, opening or adopted",
            })
    }
}

impl fmt::Display for FilterField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One resolution, segmented.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Resolution {
    /// Document symbol: `A/RES/75/272`, `S/RES/242 (1967)`.
    pub symbol: String,
    pub language: Language,
    pub body: Body,
    /// General Assembly session number; `None` for the Security Council.
    pub session: Option<u32>,
    /// Title as printed, without its `75/272.` number; `None` where none is printed.
    pub title: Option<String>,
    /// Adoption date as `YYYY-MM-DD`, where printed.
    pub adopted: Option<String>,
    /// The meeting line, e.g. `29th plenary meeting` or `1382nd meeting`, where printed.
    pub meeting: Option<String>,
    pub clauses: Vec<Clause>,
}

/// One preambular or operative paragraph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Clause {
    /// The section the clause stands in (`I`, `II`, `A`, `B`), where the resolution has sections.
    pub section: Option<String>,
    #[serde(rename = "type")]
    pub kind: ClauseType,
    /// Preambular paragraphs are counted 1..N; operative ones keep their printed number.
    pub number: u32,
    /// The leading phrase: "Rappelant également", "Also requests".
    pub opening: String,
    /// The words as adopted: no paragraph number, no footnote markers, white space normalised.
    pub text: String,
    /// UN document symbols the clause cites, in order of first appearance.
    pub cites: Vec<String>,
    /// Texts of the footnotes whose markers the clause carries.
    pub footnotes: Vec<String>,
    /// The lettered subparagraphs of the clause (`(a)`, `(b)`, … or French `a)`, `b)`, …), in
    /// order; empty when it has none. Each text is a piece of [`text`](Clause::text).
    #[serde(default)]
    pub subparagraphs: Vec<Subparagraph>,
}

/// A subparagraph of a clause: its label as printed and its words. Nested items (`(i)`,
/// `(ii)` under `(b)`) stay inside the subparagraph that holds them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subparagraph {
    /// `(k)`, or `k)` in French texts.
    pub label: String,
    /// The words after the label, up to the next subparagraph, exactly as in the clause text.
    pub text: String,
}

impl Clause {
    /// `PP3`, `OP4`; `II.OP4` in section II.
    pub fn label(&self) -> String {
        clause_label(self.section.as_deref(), self.kind, u64::from(self.number))
    }
}

/// The label of a clause: `PP3`, `OP4`, `II.OP4` in section II.
pub fn clause_label(section: Option<&str>, kind: ClauseType, number: u64) -> String {
    match section {
        Some(section) => format!("{section}.{}{number}", kind.prefix()),
        None => format!("{}{number}", kind.prefix()),
    }
}

/// A span of adoption dates, both ends included, as numbers YYYYMMDD.
///
/// Written `2020` (a year), `2024-03` (a month), `2024-03-01` (a day), or two of those joined by
/// `..` (`2020..2024`, `2024-03-01..2024-06-30`), either end left out for an open span
/// (`2020..`, `..2019`). A year or month at the start of a span starts on its first day, at the
/// end ends on its last day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateRange {
    pub from: u64,
    pub to: u64,
}

impl DateRange {
    /// Whether the day `YYYYMMDD` is in the span.
    pub fn contains(&self, day: u64) -> bool {
        (self.from..=self.to).contains(&day)
    }
}

/// The first and last day of a year, month or day as written: `2020`, `2020-03`, `2020-03-05`.
fn date_bounds(text: &str) -> Option<(u64, u64)> {
    let parts: Vec<&str> = text.split('-').collect();
    let number = |part: &str, len: usize| -> Option<u64> {
        (part.len() == len && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse().ok())
            .flatten()
    };
    let year = number(parts.first()?, 4)?;
    match parts.len() {
        1 => Some((year * 10_000 + 101, year * 10_000 + 1231)),
        2 => {
            let month = number(parts[1], 2).filter(|m| (1..=12).contains(m))?;
            let base = year * 10_000 + month * 100;
            Some((base + 1, base + days_in_month(year, month)))
        }
        3 => {
            let month = number(parts[1], 2).filter(|m| (1..=12).contains(m))?;
            let day = number(parts[2], 2).filter(|&d| d >= 1 && d <= days_in_month(year, month))?;
            let date = year * 10_000 + month * 100 + day;
            Some((date, date))
        }
        _ => None,
    }
}

fn days_in_month(year: u64, month: u64) -> u64 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl FromStr for DateRange {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        let bad = || {
            format!(
                "{text:?} is not a date or span of dates; write 2020, 2024-03, 2024-03-01, 2020..2024 or 2024-03-01..2024-06-30"
            )
        };
        let range = match text.split_once("..") {
            None => {
                let (from, to) = date_bounds(text).ok_or_else(bad)?;
                DateRange { from, to }
            }
            Some((start, end)) => {
                if start.is_empty() && end.is_empty() {
                    return Err(bad());
                }
                let from = if start.is_empty() {
                    0
                } else {
                    date_bounds(start).ok_or_else(bad)?.0
                };
                let to = if end.is_empty() {
                    u64::MAX
                } else {
                    date_bounds(end).ok_or_else(bad)?.1
                };
                DateRange { from, to }
            }
        };
        if range.from > range.to {
            return Err(format!("{text:?}: the span ends before it starts"));
        }
        Ok(range)
    }
}

/// The order of hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Best match first.
    #[default]
    Relevance,
    /// Oldest adoption date first (equal dates by relevance).
    Date,
    /// Newest adoption date first (equal dates by relevance).
    DateDescending,
}

impl FromStr for Sort {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim().to_ascii_lowercase().as_str() {
            "relevance" | "score" => Ok(Sort::Relevance),
            "date" | "+date" => Ok(Sort::Date),
            "-date" => Ok(Sort::DateDescending),
            _ => Err(format!(
                "{text:?} is not an order; use relevance, date (oldest first) or -date (newest first)"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabulary_parses_its_aliases_in_any_case() {
        for (typed, kind) in [
            ("operative", ClauseType::Operative),
            ("OP", ClauseType::Operative),
            ("dispositif", ClauseType::Operative),
            ("pp", ClauseType::Preambular),
            (" Préambule ", ClauseType::Preambular),
            ("preamble", ClauseType::Preambular),
        ] {
            assert_eq!(typed.parse::<ClauseType>(), Ok(kind), "{typed}");
        }
        for (typed, lang) in [
            ("fr", Language::Fr),
            ("French", Language::Fr),
            ("FRANÇAIS", Language::Fr),
            ("anglais", Language::En),
            ("en", Language::En),
        ] {
            assert_eq!(typed.parse::<Language>(), Ok(lang), "{typed}");
        }
        for (typed, body) in [
            ("ga", Body::GeneralAssembly),
            ("Assembly", Body::GeneralAssembly),
            ("General Assembly", Body::GeneralAssembly),
            ("assemblée générale", Body::GeneralAssembly),
            ("SC", Body::SecurityCouncil),
            ("conseil de sécurité", Body::SecurityCouncil),
            ("Security Council", Body::SecurityCouncil),
        ] {
            assert_eq!(typed.parse::<Body>(), Ok(body), "{typed}");
        }
        assert_eq!("Session".parse::<FilterField>(), Ok(FilterField::Session));
    }

    #[test]
    fn an_unknown_value_says_what_it_should_be() {
        let err = "resolution".parse::<ClauseType>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "\"resolution\" is not a clause type; use preambular or operative"
        );
        assert!("de".parse::<Language>().is_err());
        assert!("unga".parse::<Body>().is_err());
        assert!("colour".parse::<FilterField>().is_err());
    }

    #[test]
    fn display_and_index_keys_parse_back() {
        for kind in ClauseType::ALL {
            assert_eq!(kind.to_string().parse::<ClauseType>(), Ok(kind));
        }
        for lang in Language::ALL {
            assert_eq!(lang.to_string().parse::<Language>(), Ok(lang));
        }
        for body in Body::ALL {
            assert_eq!(body.to_string().parse::<Body>(), Ok(body));
            assert_eq!(body.key().parse::<Body>(), Ok(body));
            assert_eq!(Body::from_key(body.key()), Some(body));
        }
        for field in FilterField::ALL {
            assert_eq!(field.to_string().parse::<FilterField>(), Ok(field));
        }
        assert_eq!(
            FilterField::names(),
            "type, cites, symbol, lang, body, session, opening, adopted"
        );
    }
}
