//! The data every stage passes along: a resolution and its clauses.
//!
//! These types are the JSON contract of `ressearch segment --json` and the shape of what gets
//! indexed, so they live in one place and change carefully.

use serde::{Deserialize, Serialize};

/// The organ that adopted a resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Body {
    #[serde(rename = "General Assembly")]
    GeneralAssembly,
    #[serde(rename = "Security Council")]
    SecurityCouncil,
}

impl Body {
    /// The name as printed in JSON and search results.
    pub fn name(self) -> &'static str {
        match self {
            Body::GeneralAssembly => "General Assembly",
            Body::SecurityCouncil => "Security Council",
        }
    }
}

/// The language a resolution is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Fr,
    En,
}

impl Language {
    /// ISO 639-1 code, as stored in the index and accepted by `--lang`.
    pub fn code(self) -> &'static str {
        match self {
            Language::Fr => "fr",
            Language::En => "en",
        }
    }
}

/// Preambular paragraphs set the context; operative paragraphs decide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClauseType {
    Preambular,
    Operative,
}

impl ClauseType {
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
}

impl Clause {
    /// `PP3`, `OP4`; `II.OP4` in section II.
    pub fn label(&self) -> String {
        match &self.section {
            Some(section) => format!("{section}.{}{}", self.kind.prefix(), self.number),
            None => format!("{}{}", self.kind.prefix(), self.number),
        }
    }
}
