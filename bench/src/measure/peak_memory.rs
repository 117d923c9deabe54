//! The peak resident memory of the book's default run, as the OS counts it:
//! the caller's command (`cargo xtask train` with the default flags) runs
//! as a child process, and once it has been waited for, `getrusage(2)` with
//! `RUSAGE_CHILDREN` gives its high-water mark (`ru_maxrss`).
//!
//! `RUSAGE_CHILDREN` keeps the largest peak of all waited children, so the
//! bench runs this child before any other (`rustc -V`, `cargo metadata`,
//! the peers); a figure that an earlier child could hide is not reported.

use std::process::{Command, Stdio};
use std::time::Instant;

use serde::Serialize;

use crate::usage::children_peak_rss_bytes;

/// What the child run gave.
#[derive(Debug, Clone, Serialize)]
pub struct PeakMemory {
    /// Peak resident memory in MB (10^6 bytes); `None` where the OS does not
    /// tell (not Unix).
    pub peak_mb: Option<f64>,
    /// Wall time of the whole command: loading, training, writing the run.
    pub wall_s: f64,
    /// The command, as a user would type it, and how its peak was read.
    pub command: String,
}

/// Why the peak memory was not measured.
#[derive(Debug, thiserror::Error)]
pub enum PeakMemoryError {
    /// The child could not be started.
    #[error("cannot run {command}: {source}")]
    Spawn {
        /// The command, as shown.
        command: String,
        /// What the OS said.
        #[source]
        source: std::io::Error,
    },
    /// The child failed.
    #[error("{command} failed ({status}): {stderr}")]
    Failed {
        /// The command, as shown.
        command: String,
        /// Its exit status.
        status: std::process::ExitStatus,
        /// The end of its stderr.
        stderr: String,
    },
    /// An earlier child of this process had a larger peak, which
    /// `RUSAGE_CHILDREN` reports instead.
    #[error("an earlier child process peaked higher ({earlier_mb:.1} MB), hiding this one's")]
    Hidden {
        /// That earlier peak, MB.
        earlier_mb: f64,
    },
}

/// Runs `command` (shown as `shown`) to the end, its stdout discarded, and
/// reads its peak resident memory.
///
/// # Errors
/// When the child cannot start or fails, or its peak is hidden by an
/// earlier child's (see the module documentation).
pub fn measure(mut command: Command, shown: &str) -> Result<PeakMemory, PeakMemoryError> {
    let before = children_peak_rss_bytes();
    let started = Instant::now();
    let output = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(|source| PeakMemoryError::Spawn {
            command: shown.to_owned(),
            source,
        })?;
    let wall_s = started.elapsed().as_secs_f64();
    if !output.status.success() {
        return Err(PeakMemoryError::Failed {
            command: shown.to_owned(),
            status: output.status,
            stderr: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
        });
    }
    let after = children_peak_rss_bytes();
    let peak_mb = match (before, after) {
        (Some(before), Some(after)) if before > 0 && after <= before => {
            return Err(PeakMemoryError::Hidden {
                earlier_mb: before as f64 / 1e6,
            });
        }
        (_, after) => after.map(|bytes| bytes as f64 / 1e6),
    };
    Ok(PeakMemory {
        peak_mb,
        wall_s,
        command: format!("{shown} (a child process; getrusage RUSAGE_CHILDREN, ru_maxrss)"),
    })
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_failing_child_says_so() {
        let error = measure(Command::new("false"), "false").expect_err("false fails");
        assert!(matches!(error, PeakMemoryError::Failed { .. }), "{error}");
        let error =
            measure(Command::new("/nonexistent/program"), "nothing").expect_err("nothing to run");
        assert!(
            error.to_string().starts_with("cannot run nothing"),
            "{error}"
        );
    }
}
