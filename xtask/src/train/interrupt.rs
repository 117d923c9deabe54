//! Stopping a training run cleanly on Ctrl-C or SIGTERM: the first signal
//! asks the run to stop after its current step (it then writes what it has
//! and exits with 130); a second one exits at once.
//!
//! The handler comes from the `ctrlc` crate with its `termination` feature
//! (SIGINT, SIGTERM and SIGHUP on Unix, Ctrl-C and Ctrl-Break on Windows):
//! a small, well-kept crate that runs the handler on its own thread, so
//! the handler may do anything, and that needs no `unsafe` here.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Context;

/// Installs the handler and returns the flag it sets. Called once, just
/// before the training loop, so an earlier Ctrl-C (during a download, say)
/// still ends the command at once.
pub fn stop_on_signal() -> anyhow::Result<Arc<AtomicBool>> {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    ctrlc::set_handler(move || {
        if flag.swap(true, Ordering::SeqCst) {
            // The second signal: the user means it.
            std::process::exit(130);
        }
    })
    .context("cannot install the Ctrl-C handler")?;
    Ok(stop)
}

/// When a signal came once training was complete: says what is kept and
/// what `skipped`, and returns the [`Interrupted`] that ends the command.
pub fn after_training(
    stop: &AtomicBool,
    skipped: &str,
    iters: usize,
    dir: &std::path::Path,
) -> Option<Interrupted> {
    stop.load(Ordering::SeqCst).then(|| {
        #[allow(clippy::print_stderr, reason = "the command says what it kept")]
        {
            eprintln!("kept the complete run's model.safetensors; {skipped}");
        }
        Interrupted {
            iteration: iters,
            iters,
            dir: dir.to_owned(),
        }
    })
}

/// A run stopped by a signal after `iteration` of `iters` iterations, its
/// partial results in `dir`; `main` prints it and exits with 130.
#[derive(Debug)]
pub struct Interrupted {
    /// The iterations completed.
    pub iteration: usize,
    /// The iterations asked for.
    pub iters: usize,
    /// The run directory.
    pub dir: PathBuf,
}

impl fmt::Display for Interrupted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "interrupted at iteration {} of {}; partial run in {}",
            self.iteration,
            self.iters,
            self.dir.display()
        )
    }
}

impl std::error::Error for Interrupted {}
