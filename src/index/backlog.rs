//! Bounding the clauses that wait for Tantivy's indexing threads, without commits.
//!
//! Segmentation outruns indexing, and Tantivy's queue holds up to 10,000 *batches* (one a
//! file): hundreds of megabytes of clauses could wait in it. A commit empties the queue, but
//! it also ends every segment being written, so that a build made of many commits writes many
//! small segments and merges them again. Instead the build counts the clauses the indexing
//! threads have taken (a tokenizer that counts the texts it is given, wrapped around the
//! word-pair analyzer: every clause has exactly one word-pair text) and waits before giving
//! more when too many are waiting.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use tantivy::Index;
use tantivy::tokenizer::{BoxTokenStream, TextAnalyzer, Tokenizer};

use crate::analyzer;
use crate::model::Language;

/// How long the indexing threads may take no clause before the build stops waiting for them
/// (and gives its clauses to Tantivy's own queue): far longer than writing a segment takes, so
/// that only a writer that stopped for good (its error then comes from Tantivy) is not
/// waited for.
const STALLED: Duration = Duration::from_secs(60);

/// The clauses given to an index writer and the clauses its threads have taken.
pub(super) struct Backlog {
    given: usize,
    taken: Arc<AtomicUsize>,
    limit: usize,
}

impl Backlog {
    /// Counts the clauses taken by the writers of `index` (replacing its word-pair tokenizers,
    /// which must be registered already, by counting ones); at most `limit` clauses wait.
    pub(super) fn register(index: &Index, limit: usize) -> Backlog {
        let taken = Arc::new(AtomicUsize::new(0));
        for lang in [Language::Fr, Language::En] {
            let name = analyzer::pairs_tokenizer_name(lang);
            let inner = index
                .tokenizers()
                .get(name)
                .unwrap_or_else(|| analyzer::pairs_analyzer(lang));
            index.tokenizers().register(
                name,
                TextAnalyzer::from(Counting {
                    inner,
                    taken: Arc::clone(&taken),
                }),
            );
        }
        Backlog {
            given: 0,
            taken,
            limit,
        }
    }

    /// Waits until no more than the limit of clauses are waiting, then counts `clauses` more
    /// as given.
    pub(super) fn give(&mut self, clauses: usize) {
        let mut last = self.taken();
        let mut since = Instant::now();
        while self.given.saturating_sub(last) > self.limit {
            std::thread::sleep(Duration::from_millis(2));
            let now = self.taken();
            if now != last {
                (last, since) = (now, Instant::now());
            } else if since.elapsed() > STALLED {
                break;
            }
        }
        self.given += clauses;
    }

    fn taken(&self) -> usize {
        self.taken.load(Ordering::Relaxed)
    }
}

/// A tokenizer counting the texts it is given.
#[derive(Clone)]
struct Counting {
    inner: TextAnalyzer,
    taken: Arc<AtomicUsize>,
}

impl Tokenizer for Counting {
    type TokenStream<'a> = BoxTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> BoxTokenStream<'a> {
        self.taken.fetch_add(1, Ordering::Relaxed);
        self.inner.token_stream(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn giving_waits_while_more_clauses_than_the_limit_wait() {
        let index = Index::create_in_ram(crate::index::schema());
        analyzer::register(&index);
        let mut backlog = Backlog::register(&index, 2);
        let mut pairs = index
            .tokenizers()
            .get(analyzer::pairs_tokenizer_name(Language::En))
            .unwrap();
        backlog.give(3); // nothing waited before: given at once
        let taker = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(200));
            let mut stream = pairs.token_stream("the Charter of the United Nations");
            assert!(stream.advance(), "the counting analyzer gives the pairs");
        });
        let started = Instant::now();
        backlog.give(1); // three wait, over the limit of two: waits for one to be taken
        assert!(started.elapsed() >= Duration::from_millis(200));
        assert_eq!(backlog.taken(), 1);
        taker.join().unwrap();
        assert_eq!(backlog.given, 4);
    }
}
