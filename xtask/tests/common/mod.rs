//! Shared helpers of the command-line tests: running the xtask binary,
//! reading its output, temporary paths and the real MNIST directory.

#![allow(
    dead_code,
    reason = "each test binary uses a different part of the helpers"
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A mirror nobody listens on: a fetch attempt fails at once, locally.
const DEAD_MIRROR: &str = "http://127.0.0.1:9/";

/// Runs `cargo xtask <args>`.
pub fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .output()
        .expect("the xtask binary runs")
}

/// Runs `cargo xtask <args> --mirror DEAD_MIRROR` without `MNIST_MIRROR`,
/// so that no run reaches the network.
pub fn xtask_offline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .args(["--mirror", DEAD_MIRROR])
        .env_remove("MNIST_MIRROR")
        .output()
        .expect("the xtask binary runs")
}

/// Output bytes as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The first `error:` line of stderr, after checking the run failed
/// cleanly (no panic).
pub fn error_line(output: &Output) -> String {
    let stderr = text(&output.stderr);
    assert!(
        !output.status.success(),
        "expected a failure; stderr: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "a panic: {stderr}");
    stderr
        .lines()
        .find(|line| line.starts_with("error:"))
        .unwrap_or_else(|| panic!("no error line in: {stderr}"))
        .to_owned()
}

/// The directory of the real MNIST files (the tests that need it are
/// ignored without `MNIST_DIR`).
pub fn mnist_dir() -> PathBuf {
    PathBuf::from(std::env::var_os("MNIST_DIR").expect("set MNIST_DIR to the four MNIST files"))
}

/// A temporary path as a command-line argument.
pub fn path(p: &Path) -> &str {
    p.to_str().expect("temporary paths are UTF-8")
}
