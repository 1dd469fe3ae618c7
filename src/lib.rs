//! ressearch: clause-level search over UN resolutions.
//!
//! The pipeline, one module a stage: [`segment`] cuts a resolution into clauses, [`cite`] finds
//! the documents each clause cites, [`analyzer`] holds the French and English text analysis,
//! and [`output`] prints results. [`model`] holds the data types they pass along; [`cli`] is the
//! command line.

pub mod analyzer;
pub mod cite;
pub mod cli;
pub mod model;
pub mod output;
pub mod segment;

use anyhow::{Context, Result};
use std::io::Write;

use cli::Command;

/// How a successful run ended, as grep and ripgrep report it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Something was found or done: exit code 0.
    Found,
    /// Nothing matched: exit code 1.
    NothingFound,
}

impl Outcome {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            Outcome::Found => 0,
            Outcome::NothingFound => 1,
        }
    }
}

/// Runs one command, writing to standard output.
pub fn run(command: Command) -> Result<Outcome> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let outcome = match command {
        Command::Segment { file, json } => {
            let res =
                segment::segment_file(&file).with_context(|| format!("{}", file.display()))?;
            if json {
                output::print_segmentation_json(&mut out, &res)?;
            } else {
                output::print_segmentation(&mut out, &res)?;
            }
            Outcome::Found
        }
    };
    out.flush()?;
    Ok(outcome)
}
