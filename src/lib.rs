//! ressearch: clause-level search over UN resolutions.
//!
//! The pipeline, one module a stage: [`corpus`] reads files, [`segment`] cuts a resolution
//! into clauses, [`cite`] finds the documents each clause cites, [`analyzer`] holds the
//! French and English text analysis, [`index`] writes the Tantivy index, [`search`] queries it
//! and [`output`] prints results. [`model`] holds the data types they pass along.

pub mod analyzer;
pub mod cite;
pub mod model;
