//! The BM25 statistics a query part is scored with (those of its language's clauses), and what
//! they tell before any segment is searched: whether a query can match at all.

use anyhow::Result;
use tantivy::query::{Bm25StatisticsProvider, BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

use super::filtered::Filtered;
use super::phrase::PairedPhrase;
use super::union::Union;

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

/// Whether `query` matches no clause for certain, by the statistics alone: it requires a term
/// no clause has (a term, a phrase's pair, a filter of words with filters or their words, a
/// required part of a conjunction, every member of a union); `false` when unsure. A query part,
/// a union's member, a phrase or words with filters found so are searched in no segment. The
/// counts are remembered ([`LanguageStatistics`]), so that the weight made afterwards looks up
/// none again.
pub(super) fn matches_nothing(
    query: &dyn Query,
    statistics: &dyn Bm25StatisticsProvider,
) -> tantivy::Result<bool> {
    if let Some(term) = query.downcast_ref::<TermQuery>() {
        return Ok(statistics.doc_freq(term.term())? == 0);
    }
    if let Some(phrase) = query.downcast_ref::<PairedPhrase>() {
        for pair in phrase.pairs() {
            if statistics.doc_freq(pair)? == 0 {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if let Some(union) = query.downcast_ref::<Union>() {
        for required in union.required() {
            if matches_nothing(&**required, statistics)? {
                return Ok(true);
            }
        }
        for (member, _) in union.members() {
            if !matches_nothing(&**member, statistics)? {
                return Ok(false);
            }
        }
        return Ok(!union.members().is_empty());
    }
    if let Some(filtered) = query.downcast_ref::<Filtered>() {
        // The filters first: `body:sc` in an index of General Assembly texts spares looking up
        // the words (a concept's names in both languages).
        for term in filtered.filter_terms() {
            if statistics.doc_freq(term)? == 0 {
                return Ok(true);
            }
        }
        return matches_nothing(filtered.words(), statistics);
    }
    if let Some(boolean) = query.downcast_ref::<BooleanQuery>() {
        let clauses = boolean.clauses();
        if clauses.iter().any(|(occur, _)| *occur == Occur::Must) {
            for (occur, clause) in clauses {
                if *occur == Occur::Must && matches_nothing(&**clause, statistics)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        let mut any = false;
        for (occur, clause) in clauses {
            if *occur == Occur::Should {
                any = true;
                if !matches_nothing(&**clause, statistics)? {
                    return Ok(false);
                }
            }
        }
        return Ok(any);
    }
    Ok(false)
}
