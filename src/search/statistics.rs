//! The BM25 statistics a query part is scored with: those of its language's clauses.

use anyhow::Result;
use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

use crate::index::Fields;
use crate::model::Language;

/// BM25 statistics of one language's clauses: a language's text field is filled by that
/// language's clauses only, so its average length and the rarity of its words are measured over
/// them, not over the whole index. Otherwise a language with few clauses would see its clauses
/// counted as very long (its tokens shared out over every clause) and score far below the
/// other's for the same wording. Without a language, those of the whole index, as Tantivy's.
pub(super) struct LanguageStatistics<'a> {
    searcher: &'a Searcher,
    /// The language's clauses (`None`: the whole index, counted as Tantivy does).
    clauses: Option<u64>,
    /// The terms' counts looked up so far: a term is looked up in every segment, and a query
    /// asks for some terms several times (for its weights and for the bounds of its unions).
    doc_freqs: std::sync::Mutex<std::collections::HashMap<Term, u64>>,
}

impl<'a> LanguageStatistics<'a> {
    pub(super) fn new(
        searcher: &'a Searcher,
        fields: &Fields,
        lang: Option<Language>,
    ) -> Result<Self> {
        let clauses = match lang {
            Some(lang) => {
                Some(searcher.doc_freq(&Term::from_field_text(fields.lang, lang.code()))?)
            }
            None => None,
        };
        Ok(LanguageStatistics {
            searcher,
            clauses,
            doc_freqs: Default::default(),
        })
    }
}

impl Bm25StatisticsProvider for LanguageStatistics<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        Bm25StatisticsProvider::total_num_tokens(self.searcher, field)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        match self.clauses {
            // A language without clauses: any count gives the same (empty) result.
            Some(clauses) => Ok(clauses.max(1)),
            None => Bm25StatisticsProvider::total_num_docs(self.searcher),
        }
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        let mut known = self.doc_freqs.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&count) = known.get(term) {
            return Ok(count);
        }
        let mut count = self.searcher.doc_freq(term)?;
        if let Some(clauses) = self.clauses {
            // A filter's term (`type:operative`) is counted over both languages: no more than
            // all.
            count = count.min(clauses.max(1));
        }
        known.insert(term.clone(), count);
        Ok(count)
    }
}
