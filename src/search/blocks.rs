//! The best score of each block of a term's postings, read without decoding the blocks.
//!
//! Tantivy keeps, for each full block of 128 clauses of a posting list, the term frequency and
//! length of the clause that scores best in it (for its block-max WAND). Its own reader of
//! them is private to it, and its public block postings decode every block they move
//! through. A phrase's pairs ([`super::phrase`]) need them to pass over clauses whose pairs
//! cannot beat the threshold without decoding the frequent pairs' blocks: `unit nation`, in
//! `"Charter of the United Nations"`, is in a third of the English clauses.
//!
//! They are read here from the skip data at the start of the term's postings, as Tantivy 0.27
//! writes it; the unit tests check every block's best against Tantivy's own reader, so that a
//! change of format fails them.

use std::collections::{HashMap, HashSet};
use std::io;
use std::sync::{Mutex, OnceLock};

use tantivy::directory::{CompositeFile, Directory, FileSlice};
use tantivy::fieldnorm::FieldNormReader;
use tantivy::index::{SegmentComponent, SegmentId};
use tantivy::postings::TermInfo;
use tantivy::query::Bm25Weight;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, Score, SegmentReader, TERMINATED};

/// Clauses per block of a posting list.
pub(super) const BLOCK: u32 = 128;

/// The postings of one field in one segment, where terms' skip data is read.
#[derive(Clone)]
pub(super) struct FieldPostings {
    file: FileSlice,
    /// How the field is indexed: the size of a skip entry depends on it.
    record: IndexRecordOption,
}

impl FieldPostings {
    /// The postings of `field` in the segment of `reader`.
    ///
    /// Finding them costs more than a phrase's search in a segment (a footer of the segment's
    /// file in JSON, a table of its fields), so they are kept ([`Kept`]).
    pub(super) fn open(reader: &SegmentReader, field: Field) -> tantivy::Result<FieldPostings> {
        static KEPT: OnceLock<Mutex<Kept>> = OnceLock::new();
        KEPT.get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .open(reader, field)
    }

    fn open_uncached(reader: &SegmentReader, field: Field) -> tantivy::Result<FieldPostings> {
        let index = reader.index();
        let meta = index.new_segment_meta(reader.segment_id(), reader.max_doc());
        let file = index
            .directory()
            .open_read(&meta.relative_path(SegmentComponent::Postings))?;
        // A field no clause of the segment has holds no postings, nor any term to look up.
        let file = match CompositeFile::open(&file)?.open_read(field) {
            // The field's count of tokens comes first, then the postings of its terms.
            Some(file) => file.slice_from(8),
            None => FileSlice::empty(),
        };
        let record = reader
            .schema()
            .get_field_entry(field)
            .field_type()
            .get_index_record_option()
            .unwrap_or(IndexRecordOption::Basic);
        Ok(FieldPostings { file, record })
    }

    /// The bests of the term of `field` whose postings `info` locates, by `weight`, its last
    /// block decoded (with the field's lengths, `fieldnorms`).
    pub(super) fn bests(
        &self,
        reader: &SegmentReader,
        field: Field,
        info: &TermInfo,
        weight: &Bm25Weight,
        fieldnorms: &FieldNormReader,
    ) -> tantivy::Result<Bests> {
        let blocks = self.blocks(info, weight)?;
        let last = last_block_best(reader, field, info, &blocks, weight, fieldnorms)?;
        Ok(Bests { blocks, last })
    }

    /// The best scores of the full blocks of the term whose postings `info` locates, by
    /// `weight`; an error for a field that keeps no frequencies (nor bests).
    pub(super) fn blocks(&self, info: &TermInfo, weight: &Bm25Weight) -> io::Result<Blocks> {
        let mut blocks = Blocks {
            last_docs: Vec::new(),
            bests: Vec::new(),
            at: 0,
        };
        let entry = match self.record {
            IndexRecordOption::Basic => {
                return Err(io::Error::other("the field keeps no best clause per block"));
            }
            IndexRecordOption::WithFreqs => 8,
            IndexRecordOption::WithFreqsAndPositions => 12,
        };
        if info.doc_freq < BLOCK {
            return Ok(blocks);
        }
        let bytes = self.file.slice(info.postings_range.clone()).read_bytes()?;
        let bytes = bytes.as_slice();
        // The skip data's length, a variable-length integer (seven bits a byte, the last
        // byte's high bit set), then one entry per full block.
        let (mut len, mut start) = (0usize, 0usize);
        for (i, &byte) in bytes.iter().enumerate().take(10) {
            len |= usize::from(byte & 0x7f) << (7 * i);
            if byte & 0x80 != 0 {
                start = i + 1;
                break;
            }
        }
        let full = (info.doc_freq / BLOCK) as usize;
        let skip = bytes
            .get(start..start + len)
            .filter(|skip| skip.len() >= full * entry)
            .ok_or_else(|| io::Error::other("skip data shorter than its blocks"))?;
        blocks.last_docs.reserve(full);
        blocks.bests.reserve(full);
        for entry in skip.chunks_exact(entry).take(full) {
            let last = u32::from_le_bytes([entry[0], entry[1], entry[2], entry[3]]);
            // Length code and frequency of the best clause, the frequency capped at 255
            // (255: unknown, any).
            let (norm, tf) = (entry[entry.len() - 2], entry[entry.len() - 1]);
            let tf = if tf == u8::MAX {
                u32::MAX
            } else {
                u32::from(tf)
            };
            blocks.last_docs.push(last);
            blocks.bests.push(weight.score(norm, tf));
        }
        Ok(blocks)
    }
}

/// A term's bests in a segment: each full block's, read from the skip data, and its last
/// block's, decoded (that block keeps none).
pub(super) struct Bests {
    blocks: Blocks,
    last: Score,
}

impl Bests {
    /// The most the term gives a clause of the segment.
    pub(super) fn most(&self) -> Score {
        self.blocks.best().unwrap_or(0.0).max(self.last)
    }

    /// The most it gives a clause of the block that may hold clause `doc`.
    pub(super) fn at(&mut self, doc: DocId) -> Score {
        self.blocks.at(doc).unwrap_or(self.last)
    }
}

/// The postings of the fields of the segments of the last index searched: a segment's files
/// never change. The first search in another index (a new generation that `serve` opened)
/// lets go of those of the segments it does not hold, so that no file is kept mapped once its
/// index is gone.
#[derive(Default)]
struct Kept {
    fields: HashMap<(SegmentId, Field), FieldPostings>,
    /// The segments of the index last searched.
    segments: HashSet<SegmentId>,
}

impl Kept {
    /// The postings of `field` in the segment of `reader`, kept or found.
    fn open(&mut self, reader: &SegmentReader, field: Field) -> tantivy::Result<FieldPostings> {
        let key = (reader.segment_id(), field);
        if let Some(found) = self.fields.get(&key) {
            return Ok(found.clone());
        }
        let found = FieldPostings::open_uncached(reader, field)?;
        if !self.segments.contains(&key.0) {
            // Another index: its list of segments (read from its metadata) once.
            self.segments = reader
                .index()
                .searchable_segment_ids()?
                .into_iter()
                .collect();
            let segments = &self.segments;
            self.fields
                .retain(|(segment, _), _| segments.contains(segment));
        }
        self.fields.insert(key, found.clone());
        Ok(found)
    }
}

/// The best score of each full block of a term's postings in a segment, by a weight.
pub(super) struct Blocks {
    /// The last clause of each full block.
    last_docs: Vec<DocId>,
    bests: Vec<Score>,
    /// The block asked about last.
    at: usize,
}

impl Blocks {
    /// The best score in the full block that may hold clause `doc`, `None` past the full
    /// blocks (the last block, not full, keeps no best).
    pub(super) fn at(&mut self, doc: DocId) -> Option<Score> {
        if self.at > 0 && self.last_docs[self.at - 1] >= doc {
            self.at = 0;
        }
        while self.at < self.last_docs.len() && self.last_docs[self.at] < doc {
            self.at += 1;
        }
        self.bests.get(self.at).copied()
    }

    /// The best score of all the full blocks, `None` when there is none.
    pub(super) fn best(&self) -> Option<Score> {
        self.bests.iter().copied().reduce(Score::max)
    }

    /// How many full blocks.
    pub(super) fn len(&self) -> usize {
        self.bests.len()
    }

    /// The best score of full block `i`, and the last clause it holds.
    pub(super) fn block(&self, i: usize) -> (Score, DocId) {
        (self.bests[i], self.last_docs[i])
    }

    /// The first clause after the full blocks (where the last block starts).
    pub(super) fn after_full(&self) -> DocId {
        self.last_docs.last().map_or(0, |&last| last + 1)
    }
}

/// The best score among the clauses of the last block (not full) of a term's postings,
/// decoding it; 0 when there is none.
fn last_block_best(
    reader: &SegmentReader,
    field: Field,
    info: &TermInfo,
    blocks: &Blocks,
    weight: &Bm25Weight,
    fieldnorms: &FieldNormReader,
) -> tantivy::Result<Score> {
    if info.doc_freq.is_multiple_of(BLOCK) {
        return Ok(0.0);
    }
    let index = reader.inverted_index(field)?;
    let mut postings =
        index.read_block_postings_from_terminfo(info, IndexRecordOption::WithFreqs)?;
    postings.seek(blocks.after_full());
    let mut best: Score = 0.0;
    for i in 0..postings.block_len() {
        let doc = postings.doc(i);
        if doc == TERMINATED {
            break;
        }
        best = best.max(weight.score(fieldnorms.fieldnorm_id(doc), postings.freq(i)));
    }
    Ok(best)
}

#[cfg(test)]
mod tests {
    use tantivy::query::Bm25StatisticsProvider;
    use tantivy::{Index, IndexWriter, TantivyDocument, Term};

    use super::*;
    use crate::analyzer;
    use crate::index::{Fields, schema};

    #[test]
    fn the_postings_kept_are_those_of_the_last_index_searched() {
        let open = || {
            let index = Index::create_in_ram(schema());
            analyzer::register(&index);
            let fields = Fields::of(&index.schema()).unwrap();
            let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
            let mut doc = TantivyDocument::default();
            doc.add_text(fields.pairs_en, "maintenance of international peace");
            writer.add_document(doc).unwrap();
            writer.commit().unwrap();
            let reader = index.reader().unwrap();
            (reader, fields)
        };
        let mut kept = Kept::default();
        let (first, fields) = open();
        let first = first.searcher();
        let first_segment = first.segment_reader(0).segment_id();
        kept.open(first.segment_reader(0), fields.pairs_en).unwrap();
        kept.open(first.segment_reader(0), fields.pairs_fr).unwrap();
        assert_eq!(kept.fields.len(), 2);
        let (second, _) = open();
        let second = second.searcher();
        kept.open(second.segment_reader(0), fields.pairs_en)
            .unwrap();
        assert!(
            kept.fields
                .keys()
                .all(|(segment, _)| *segment != first_segment)
        );
        assert_eq!(kept.fields.len(), 1);
    }

    #[test]
    fn every_full_blocks_best_is_tantivys_own() {
        let index = Index::create_in_ram(schema());
        analyzer::register(&index);
        let fields = Fields::of(&index.schema()).unwrap();
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let words = [
            "charter", "of", "the", "united", "nations", "states", "peace", "human", "rights",
            "council", "security", "general", "assembly", "refugees",
        ];
        let mut next = super::super::draws(7);
        for _ in 0..3_000 {
            let len = 2 + next(30);
            // Words drawn unevenly, so that frequencies of several in a clause vary.
            let text: Vec<&str> = (0..len)
                .map(|_| words[next(words.len()).min(next(words.len()))])
                .collect();
            let text = text.join(" ");
            let mut doc = TantivyDocument::default();
            doc.add_text(fields.text_en, &text);
            doc.add_text(fields.pairs_en, &text);
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let reader = searcher.segment_reader(0);
        let mut checked = 0;
        // A field with positions (12-byte skip entries) and one without (8).
        for field in [fields.text_en, fields.pairs_en] {
            let inverted = reader.inverted_index(field).unwrap();
            let postings = FieldPostings::open(reader, field).unwrap();
            let fieldnorms = reader.get_fieldnorms_reader(field).unwrap();
            let mut stream = inverted.terms().stream().unwrap();
            while stream.advance() {
                let term = Term::from_field_bytes(field, stream.key());
                let info = stream.value().clone();
                let statistics: &dyn Bm25StatisticsProvider = &searcher;
                let weight = Bm25Weight::for_terms(statistics, &[term]).unwrap();
                let mut blocks = postings.blocks(&info, &weight).unwrap();
                assert_eq!(blocks.len(), (info.doc_freq / BLOCK) as usize);
                let mut tantivy = inverted
                    .read_block_postings_from_terminfo(&info, IndexRecordOption::WithFreqs)
                    .unwrap();
                for i in 0..blocks.len() {
                    let (best, last) = blocks.block(i);
                    assert_eq!(last, tantivy.doc(tantivy.block_len() - 1));
                    assert_eq!(best, tantivy.block_max_score(&fieldnorms, &weight));
                    assert_eq!(blocks.at(last), Some(best));
                    // No clause of the block scores above its best.
                    for j in 0..tantivy.block_len() {
                        let score =
                            weight.score(fieldnorms.fieldnorm_id(tantivy.doc(j)), tantivy.freq(j));
                        assert!(score <= best);
                    }
                    tantivy.advance();
                    checked += 1;
                }
                let last =
                    last_block_best(reader, field, &info, &blocks, &weight, &fieldnorms).unwrap();
                let mut best: Score = 0.0;
                for j in 0..tantivy.block_len() {
                    if tantivy.doc(j) != TERMINATED {
                        best = best.max(
                            weight.score(fieldnorms.fieldnorm_id(tantivy.doc(j)), tantivy.freq(j)),
                        );
                    }
                }
                assert_eq!(last, best);
            }
        }
        assert!(checked > 100, "{checked} blocks");
    }
}
