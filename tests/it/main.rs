//! The integration tests, one binary: one module per behaviour area.
//!
//! One binary links the library and the test dependencies once, and lets the tests share the
//! indexes they query (see [`common`]): the founding corpus and the whole shared corpus are each
//! indexed once per run. `cargo test --profile ci -- cli_query` runs one area.

mod common;

mod cli_bench;
mod cli_conveniences;
mod cli_query;
mod cli_robustness;
mod cli_segment;
mod cli_synth;
mod dates_and_forms;
mod fair_scoring;
mod golden;
mod hostile_input;
mod index_access;
mod index_concurrency;
mod index_damage;
mod index_incremental;
mod index_order;
mod index_ownership;
mod near_matches;
mod no_panic;
mod pasted_paragraphs;
mod pdf_corpus;
mod pdf_fixtures;
mod pdf_hostile;
mod pdf_index;
mod pdf_layout;
mod phrases_and_counts;
mod query_cost;
mod relevance;
mod search_ranking;
mod search_subparagraphs;
mod segment_corpus;
mod segment_forms;
mod segment_founding;
mod serve_api;
mod serve_browser;
mod serve_client;
mod serve_load;
mod thesaurus;
mod trace_cites;
mod trace_diff;
mod trace_show;
mod trace_similar;
