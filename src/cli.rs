//! The command line: the only module that knows clap.
//!
//! `Opts` is parsed by clap; its doc comments are the `--help` text. Everything past parsing
//! works on the plain [`Command`] it converts into.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Clause-level search over UN resolutions.
///
/// Index a folder of resolution texts, then search their preambular and operative paragraphs:
///
///   ressearch index corpus/
///   ressearch query "diplomatie préventive"
#[derive(Debug, Parser)]
#[command(name = "ressearch", version, verbatim_doc_comment)]
pub struct Opts {
    #[command(subcommand)]
    pub command: Sub,
}

#[derive(Debug, Subcommand)]
pub enum Sub {
    /// Print how one resolution file is cut into clauses.
    Segment {
        /// The resolution text file (UTF-8), e.g. corpus/A_RES_75_272.txt.
        file: PathBuf,
        /// Print one JSON object instead of readable blocks.
        #[arg(long)]
        json: bool,
    },
}

/// What to do, free of clap.
#[derive(Debug)]
pub enum Command {
    Segment { file: PathBuf, json: bool },
}

impl From<Opts> for Command {
    fn from(opts: Opts) -> Self {
        match opts.command {
            Sub::Segment { file, json } => Command::Segment { file, json },
        }
    }
}

/// Parses the process arguments; clap prints help and usage errors itself.
pub fn parse() -> Command {
    Opts::parse().into()
}
