//! The `ressearch` binary: parse the command line, run it, report errors in one place.

use std::process::ExitCode;
use std::time::Duration;

fn main() -> ExitCode {
    let command = ressearch::cli::parse();
    // Progress bars for long runs, on a terminal only; `RESSEARCH_PROGRESS_DELAY_MS` says after
    // how long they appear (default: about a second).
    let delay = std::env::var("RESSEARCH_PROGRESS_DELAY_MS")
        .ok()
        .and_then(|ms| ms.trim().parse().ok())
        .map_or(ressearch::progress::DEFAULT_DELAY, Duration::from_millis);
    ressearch::progress::enable(delay);
    match ressearch::run(command) {
        Ok(outcome) => ExitCode::from(outcome.code()),
        // A closed output pipe (`| head -1`): the reader has what it wanted.
        Err(err) if ressearch::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("ressearch: {err:#}");
            ExitCode::from(2)
        }
    }
}
