//! The peak resident memory of the book's default run, as the OS counts it:
//! the caller's command (`cargo xtask train` with the default flags) runs
//! as a child process, and `wait4(2)` gives its high-water mark
//! (`ru_maxrss`) as it reaps it (see [`usage`](crate::usage)).
//!
//! Measure it first, before the calling process loads anything: Linux
//! counts into a child's `ru_maxrss` the resident pages it had before its
//! `exec`, which are the parent's (a bench holding MNIST made a 94 MB run
//! read as 163 MB).

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::Instant;

use serde::Serialize;

use crate::usage::wait_with_peak_rss;

/// What the child run gave.
#[derive(Debug, Clone, Serialize)]
pub struct PeakMemory {
    /// Peak resident memory in MB (10^6 bytes); `None` where the OS does not
    /// tell (not Linux or macOS).
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
    /// Waiting for the child failed.
    #[error("cannot wait for {command}: {source}")]
    Wait {
        /// The command, as shown.
        command: String,
        /// What the OS said.
        #[source]
        source: std::io::Error,
    },
}

/// Runs `command` (shown as `shown`) to the end, its stdout discarded, and
/// reads its peak resident memory.
///
/// # Errors
/// When the child cannot start, cannot be waited for, or fails.
pub fn measure(mut command: Command, shown: &str) -> Result<PeakMemory, PeakMemoryError> {
    let started = Instant::now();
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|source| PeakMemoryError::Spawn {
            command: shown.to_owned(),
            source,
        })?;
    // Read stderr to its end first, so a chatty child never blocks on a full pipe.
    let mut stderr = Vec::new();
    if let Some(mut pipe) = child.stderr.take() {
        // A read error only loses the message; the exit status still tells.
        let _ = pipe.read_to_end(&mut stderr);
    }
    let (status, peak_bytes) =
        wait_with_peak_rss(&mut child).map_err(|source| PeakMemoryError::Wait {
            command: shown.to_owned(),
            source,
        })?;
    let wall_s = started.elapsed().as_secs_f64();
    if !status.success() {
        return Err(PeakMemoryError::Failed {
            command: shown.to_owned(),
            status,
            stderr: String::from_utf8_lossy(&stderr).trim().to_owned(),
        });
    }
    Ok(PeakMemory {
        peak_mb: peak_bytes.map(|bytes| bytes as f64 / 1e6),
        wall_s,
        command: format!("{shown} (a child process; wait4 ru_maxrss)"),
    })
}

#[cfg(all(test, any(target_os = "linux", target_os = "macos")))]
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
