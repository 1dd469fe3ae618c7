//! From a segmented resolution to Tantivy documents, one per clause, and back.
//!
//! [`documents`] makes the documents a build adds; [`restored`] makes them again from a
//! document's stored fields, for an update that indexes again a segment holding deleted
//! clauses. The two sit together because they must fill the same fields the same way.

use tantivy::TantivyDocument;
use tantivy::schema::Value;

use super::Fields;
use crate::model::{Language, Resolution};

/// One Tantivy document per clause of a resolution.
pub fn documents(res: &Resolution, file: &str, f: &Fields) -> Vec<TantivyDocument> {
    let extras = crate::trace::stored::extras(res);
    res.clauses
        .iter()
        .enumerate()
        .map(|(position, clause)| {
            let mut doc = TantivyDocument::default();
            doc.add_text(f.symbol, &res.symbol);
            doc.add_text(f.body, res.body.key());
            if let Some(session) = res.session {
                doc.add_u64(f.session, u64::from(session));
            }
            if let Some(title) = &res.title {
                doc.add_text(f.title, title);
            }
            if let Some(adopted) = &res.adopted {
                doc.add_text(f.adopted, adopted);
            }
            doc.add_text(f.lang, res.language.code());
            doc.add_text(f.kind, clause.kind.name());
            doc.add_u64(f.number, u64::from(clause.number));
            if let Some(section) = &clause.section {
                doc.add_text(f.section, section);
            }
            doc.add_text(f.opening, &clause.opening);
            doc.add_text(f.opening_of(res.language), &clause.opening);
            doc.add_text(f.text, &clause.text);
            doc.add_text(f.text_of(res.language), &clause.text);
            doc.add_text(f.exact_of(res.language), &clause.text);
            doc.add_text(f.pairs_of(res.language), &clause.text);
            if let Some(day) = res.adopted.as_deref().and_then(day_number) {
                doc.add_u64(f.day, day);
            }
            for cite in &clause.cites {
                doc.add_text(f.cites, cite);
            }
            for footnote in &clause.footnotes {
                doc.add_text(f.footnotes, footnote);
            }
            doc.add_text(f.file, file);
            doc.add_u64(f.position, position as u64);
            doc.add_u64(f.wording, crate::trace::wording::fingerprint(&clause.text));
            for cite in &clause.cites {
                for base in crate::cite::base_symbols(cite) {
                    doc.add_text(f.cites_base, &base);
                }
            }
            doc.add_text(f.extra, &extras[position]);
            doc.add_u64(f.length, length(&clause.text));
            doc
        })
        .collect()
}

/// A clause's length as segments are sorted by it ([`super::settings`]): its number of words.
fn length(text: &str) -> u64 {
    text.split_whitespace().count() as u64
}

/// An ISO date `YYYY-MM-DD` as the number YYYYMMDD.
pub fn day_number(date: &str) -> Option<u64> {
    let digits: String = date.split('-').collect();
    (date.len() == 10 && digits.len() == 8 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

/// A clause document as [`documents`] made it, from its stored fields, with its file key. The
/// fields that are indexed but not stored are made again as [`documents`] makes them: the
/// language fields from the clause's text and opening, the wording fingerprint from its text,
/// the base symbols from its cites.
pub(super) fn restored(stored: TantivyDocument, f: &Fields) -> Option<(String, TantivyDocument)> {
    let text_of = |field| {
        stored
            .get_first(field)
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    let lang: Language = text_of(f.lang)?.parse().ok()?;
    let (file, opening, text) = (text_of(f.file)?, text_of(f.opening)?, text_of(f.text)?);
    let cites: Vec<String> = stored
        .get_all(f.cites)
        .filter_map(|v| v.as_str())
        .map(str::to_string)
        .collect();
    let mut doc = stored;
    doc.add_text(f.opening_of(lang), &opening);
    doc.add_text(f.text_of(lang), &text);
    doc.add_text(f.pairs_of(lang), &text);
    doc.add_u64(f.wording, crate::trace::wording::fingerprint(&text));
    doc.add_u64(f.length, length(&text));
    for cite in &cites {
        for base in crate::cite::base_symbols(cite) {
            doc.add_text(f.cites_base, &base);
        }
    }
    Some((file, doc))
}
