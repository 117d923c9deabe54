//! `cargo xtask serve` as a user meets it, on the real MNIST (ignored
//! without `MNIST_DIR`): the binary on a loopback port picked by `--port 0`,
//! trained from its API, predicting the first test image (a 7) as 7
//! (`http.rs`); and the page in headless Chromium through WebDriver
//! (`browser.rs`). The server's other behaviour (every bad input, one run
//! at a time) is tested in-process on synthetic data, in `src/serve/tests.rs`.

mod browser;
mod http;
mod server;
