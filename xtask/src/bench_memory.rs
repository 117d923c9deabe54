//! The peak resident memory of the book's default run, read from the OS: a
//! child process runs `xtask train` with the default flags into a temporary
//! run directory and reports its own high-water mark (`VmHWM`, see
//! [`memory`](crate::memory)) on its last summary lines.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use anyhow::Context;
use serde::Serialize;

use crate::memory;

/// What the child run gave.
#[derive(Debug, Clone, Serialize)]
pub struct PeakMemory {
    /// Peak resident memory in MB (10^6 bytes); `None` where the OS does not
    /// tell (not Linux).
    pub peak_mb: Option<f64>,
    /// Wall time of the whole command: loading, training, writing the run.
    pub wall_s: f64,
    /// The command, as a user would type it.
    pub command: String,
}

/// Runs `xtask train --dir <mnist_dir> --quiet --run-dir <temporary>` in a
/// child process and reads its peak memory line.
pub fn default_run(mnist_dir: &Path) -> anyhow::Result<PeakMemory> {
    let exe = std::env::current_exe().context("cannot find the xtask executable")?;
    let run_dir = std::env::temp_dir().join(format!("xtask-bench-{}", std::process::id()));
    let started = Instant::now();
    let output = Command::new(&exe)
        .arg("train")
        .arg("--dir")
        .arg(mnist_dir)
        .arg("--quiet")
        .arg("--run-dir")
        .arg(&run_dir)
        .output()
        .with_context(|| format!("cannot run {} train", exe.display()));
    let wall_s = started.elapsed().as_secs_f64();
    // The run's files are not needed, only its summary.
    let _ = std::fs::remove_dir_all(&run_dir);
    let output = output?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        anyhow::bail!(
            "the default run failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(PeakMemory {
        peak_mb: memory::parse_peak_line(&stdout),
        wall_s,
        command: format!(
            "cargo xtask train --dir {} (peak memory line, /proc/self/status VmHWM)",
            mnist_dir.display()
        ),
    })
}
