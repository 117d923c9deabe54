//! `cargo xtask serve` as a user meets it, on the real MNIST (ignored
//! without `MNIST_DIR`): the binary on a loopback port picked by `--port 0`,
//! trained from its API, predicting the first test image (a 7) as 7
//! (`http.rs`); and the page in headless Chromium through WebDriver
//! (`browser.rs`). The server's other behaviour (every bad input, one run
//! at a time) is tested in-process on synthetic data, in `src/serve/tests.rs`.

mod browser;
mod http;
mod server;

use std::sync::{Mutex, MutexGuard, PoisonError};

/// The tests here take turns: those of `http.rs` train on both cores, and
/// the browser test times the page with no run training (the stroke's
/// latency); run side by side, a training run would be in its timings.
static TURNS: Mutex<()> = Mutex::new(());

/// Waits for this test's turn, which lasts as long as the guard.
fn my_turn() -> MutexGuard<'static, ()> {
    TURNS.lock().unwrap_or_else(PoisonError::into_inner)
}
