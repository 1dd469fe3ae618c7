//! The `ressearch` binary: parse the command line, run it, report errors in one place.

use std::process::ExitCode;

fn main() -> ExitCode {
    let command = ressearch::cli::parse();
    match ressearch::run(command) {
        Ok(outcome) => ExitCode::from(outcome.code()),
        Err(err) => {
            eprintln!("ressearch: {err:#}");
            ExitCode::from(2)
        }
    }
}
