//! What a clause document holds: the schema every generation is created with, and its fields
//! looked up by name when an index is opened.
//!
//! Kept apart from the build so that the writer and every reader (queries, `trace`, `serve`)
//! share one list of fields; a change here bumps [`super::SCHEMA_VERSION`].

use anyhow::{Context, Result};
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions,
};
use tantivy::{IndexSettings, IndexSortByField, Order};

use crate::analyzer;
use crate::model::Language;

/// The fields of a clause document.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub symbol: Field,
    pub body: Field,
    pub session: Field,
    pub title: Field,
    pub adopted: Field,
    pub lang: Field,
    pub kind: Field,
    pub number: Field,
    pub section: Field,
    pub opening: Field,
    pub opening_fr: Field,
    pub opening_en: Field,
    pub text: Field,
    pub text_fr: Field,
    pub text_en: Field,
    pub cites: Field,
    pub footnotes: Field,
    pub file: Field,
    /// The adoption date as the number YYYYMMDD (fast, for date filters and sorting).
    pub day: Field,
    /// The words of the text unstemmed (lower-cased, folded), per language.
    pub exact_fr: Field,
    pub exact_en: Field,
    /// The clause's place in its resolution, 0 for the first (fast): document order.
    pub position: Field,
    /// The fingerprint of the clause's words ([`crate::trace::wording::fingerprint`]), equal for
    /// identical wordings (indexed and fast).
    pub wording: Field,
    /// The documents the cited ones belong to ([`crate::cite::base_symbols`]): `S/10896` for a
    /// cited `S/10896/Corr.1` (indexed only).
    pub cites_base: Field,
    /// What `segment --json` holds and no other field does (the meeting, …), as JSON (stored).
    pub extra: Field,
    /// The pairs of nearby terms of the text, per language ([`analyzer::pairs_analyzer`]):
    /// what a phrase is looked up by.
    pub pairs_fr: Field,
    pub pairs_en: Field,
    /// The number of words of the clause's text (fast): what segments are sorted by.
    pub length: Field,
}

impl Fields {
    /// The indexed text field for a language.
    pub fn text_of(&self, lang: Language) -> Field {
        match lang {
            Language::Fr => self.text_fr,
            Language::En => self.text_en,
        }
    }

    /// The field of a language's unstemmed words.
    pub fn exact_of(&self, lang: Language) -> Field {
        match lang {
            Language::Fr => self.exact_fr,
            Language::En => self.exact_en,
        }
    }

    /// The field of a language's word pairs.
    pub fn pairs_of(&self, lang: Language) -> Field {
        match lang {
            Language::Fr => self.pairs_fr,
            Language::En => self.pairs_en,
        }
    }

    pub(super) fn opening_of(&self, lang: Language) -> Field {
        match lang {
            Language::Fr => self.opening_fr,
            Language::En => self.opening_en,
        }
    }

    /// Looks the fields up in an index's schema.
    pub fn of(schema: &Schema) -> Result<Fields> {
        let f = |name: &str| {
            schema.get_field(name).with_context(|| {
                format!(
                    "the index has no field {name:?}; rebuild it with `ressearch index --rebuild`"
                )
            })
        };
        Ok(Fields {
            symbol: f("symbol")?,
            body: f("body")?,
            session: f("session")?,
            title: f("title")?,
            adopted: f("adopted")?,
            lang: f("lang")?,
            kind: f("type")?,
            number: f("number")?,
            section: f("section")?,
            opening: f("opening")?,
            opening_fr: f("opening_fr")?,
            opening_en: f("opening_en")?,
            text: f("text")?,
            text_fr: f("text_fr")?,
            text_en: f("text_en")?,
            cites: f("cites")?,
            footnotes: f("footnotes")?,
            file: f("file")?,
            day: f("day")?,
            exact_fr: f("exact_fr")?,
            exact_en: f("exact_en")?,
            position: f("position")?,
            wording: f("wording")?,
            cites_base: f("cites_base")?,
            extra: f("extra")?,
            pairs_fr: f("pairs_fr")?,
            pairs_en: f("pairs_en")?,
            length: f(LENGTH)?,
        })
    }
}

/// The field of a clause's length in words ([`Fields::length`]).
pub const LENGTH: &str = "length";

/// How a generation is created: every segment's clauses sorted by length, the shortest first.
///
/// A short clause scores higher than a long one with the same words (BM25 divides by the
/// length), so the best clauses for a query come first in every segment. A top-10 search then
/// reaches its threshold in the first blocks of each term, and the block bests of the longer
/// clauses after them mostly fall below it: whole blocks are passed over. (Not all: a long
/// clause holding a word two or three times scores about as high as a short one holding it
/// once.) Tantivy keeps the order through merges.
pub fn settings() -> IndexSettings {
    IndexSettings {
        sort_by_field: Some(IndexSortByField {
            field: LENGTH.to_string(),
            order: Order::Asc,
        }),
        ..IndexSettings::default()
    }
}

/// The schema of a clause document.
pub fn schema() -> Schema {
    let mut builder = Schema::builder();
    let analyzed = |tokenizer: &str, positions: bool| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(if positions {
                    IndexRecordOption::WithFreqsAndPositions
                } else {
                    IndexRecordOption::WithFreqs
                }),
        )
    };
    // Filter fields keep term frequencies (always 1): a conjunction of words and filters is
    // then all frequency-reading term queries, which Tantivy prunes with block-max WAND.
    let filter = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("raw")
                .set_index_option(IndexRecordOption::WithFreqs),
        )
        .set_stored();
    builder.add_text_field("symbol", filter.clone());
    builder.add_text_field("body", filter.clone());
    builder.add_u64_field(
        "session",
        NumericOptions::default()
            .set_indexed()
            .set_stored()
            .set_fast(),
    );
    builder.add_text_field("title", STORED);
    builder.add_text_field("adopted", STRING | STORED);
    builder.add_text_field("lang", filter.clone());
    builder.add_text_field("type", filter);
    builder.add_u64_field("number", NumericOptions::default().set_stored());
    builder.add_text_field("section", STRING | STORED);
    builder.add_text_field("opening", STORED);
    builder.add_text_field(
        "opening_fr",
        analyzed(analyzer::tokenizer_name(Language::Fr), false),
    );
    builder.add_text_field(
        "opening_en",
        analyzed(analyzer::tokenizer_name(Language::En), false),
    );
    builder.add_text_field("text", STORED);
    builder.add_text_field(
        "text_fr",
        analyzed(analyzer::tokenizer_name(Language::Fr), true),
    );
    builder.add_text_field(
        "text_en",
        analyzed(analyzer::tokenizer_name(Language::En), true),
    );
    builder.add_text_field(
        "cites",
        analyzed(analyzer::SYMBOL_TOKENIZER, false).set_stored(),
    );
    builder.add_text_field("footnotes", STORED);
    builder.add_text_field("file", STRING | STORED);
    builder.add_u64_field("day", NumericOptions::default().set_indexed().set_fast());
    builder.add_text_field(
        "exact_fr",
        analyzed(analyzer::exact_tokenizer_name(Language::Fr), false),
    );
    builder.add_text_field(
        "exact_en",
        analyzed(analyzer::exact_tokenizer_name(Language::En), false),
    );
    builder.add_u64_field(
        "position",
        NumericOptions::default().set_stored().set_fast(),
    );
    builder.add_u64_field(
        "wording",
        NumericOptions::default().set_indexed().set_fast(),
    );
    builder.add_text_field("cites_base", analyzed(analyzer::SYMBOL_TOKENIZER, false));
    builder.add_text_field("extra", STORED);
    builder.add_u64_field(LENGTH, NumericOptions::default().set_fast());
    for lang in [Language::Fr, Language::En] {
        builder.add_text_field(
            &format!("pairs_{}", lang.code()),
            analyzed(analyzer::pairs_tokenizer_name(lang), false),
        );
    }
    builder.build()
}
