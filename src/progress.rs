//! Progress bars for the long runs (`index`, `synth`), on a terminal only.
//!
//! A bar appears once a run has lasted about a second ([`DEFAULT_DELAY`]), so quick runs print
//! nothing more than before, and never when standard error is not a terminal (a pipe, a file,
//! CI logs). The command line turns bars on with [`enable`]; the library alone never draws one.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a run goes before its bar appears.
pub const DEFAULT_DELAY: Duration = Duration::from_secs(1);

/// The delay before bars appear, or `None` while bars are off (the default).
static DELAY: Mutex<Option<Duration>> = Mutex::new(None);

/// Turns progress bars on, appearing after `delay`, when standard error is a terminal.
pub fn enable(delay: Duration) {
    if std::io::IsTerminal::is_terminal(&std::io::stderr())
        && let Ok(mut current) = DELAY.lock()
    {
        *current = Some(delay);
    }
}

fn delay() -> Option<Duration> {
    DELAY.lock().ok().and_then(|d| *d)
}

/// The progress of one stage of a run: `done of total` items, shown as a bar once the stage
/// has lasted the delay. Cleared when dropped. Shared between threads.
pub struct Progress {
    bar: ProgressBar,
    started: Instant,
    delay: Option<Duration>,
    shown: AtomicBool,
}

impl Progress {
    /// A stage of `total` items, described by `what` ("reading files").
    pub fn new(total: u64, what: &'static str) -> Progress {
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden());
        if let Ok(style) =
            ProgressStyle::with_template("{msg} [{bar:30}] {human_pos}/{human_len} ({eta} left)")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(what);
        Progress {
            bar,
            started: Instant::now(),
            delay: delay(),
            shown: AtomicBool::new(false),
        }
    }

    /// `n` more items done.
    pub fn inc(&self, n: u64) {
        self.bar.inc(n);
        if let Some(delay) = self.delay
            && !self.shown.load(Ordering::Relaxed)
            && self.started.elapsed() >= delay
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.bar.tick();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}
