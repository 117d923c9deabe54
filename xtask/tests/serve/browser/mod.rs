//! The page in a real browser: headless Chromium driven through WebDriver
//! (Debian's `chromium` and `chromium-driver`), one session and one server
//! for every view, each checked by its own module in the order a learner
//! meets them: `train` (a short run, its live chart), `draw` (a stroke read
//! as 1, the first test image as 7, the network's stages, the latency of a
//! stroke), `weights`, `mistakes`, `figures`. Each view is also checked at
//! a phone's width (no horizontal overflow), for text contrast (WCAG AA,
//! from the rendered colours) and through the keyboard alone. Screenshots
//! of each view at 1280x800 and 390x844 go into `$SERVE_SCREENSHOTS` when
//! set (the README's pictures: `SERVE_SCREENSHOTS=$PWD/docs` from the
//! repository root; cargo runs the test in `xtask/`), else into a
//! temporary directory.
//!
//! Ignored by default like the real-data tests; when asked to run and the
//! browser cannot start, it fails and says why.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::Context;
use fantoccini::{Client, ClientBuilder};
use serde_json::{Value, json};

use crate::server::Served;

mod draw;
mod figures;
mod layout;
mod mistakes;
mod train;
mod weights;

pub use layout::{
    DESKTOP, PHONE, check_layout, latency, load_per_core, overloaded, press, viewport,
};

/// The URL of the chromedriver the session runs on (for its DevTools
/// endpoint, see [`viewport`]).
static DRIVER: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// How long to wait for anything the page should show.
const PATIENCE: Duration = Duration::from_secs(120);

#[test]
#[ignore = "needs MNIST_DIR, chromium and chromium-driver"]
fn the_page_trains_live_reads_a_stroke_and_a_7_and_lists_mistakes() -> anyhow::Result<()> {
    let _turn = crate::my_turn();
    let runs = tempfile::tempdir()?;
    let server = Served::start(runs.path(), &[])?;
    let driver = ChromeDriver::start()?;
    let _ = DRIVER.set(driver.url.clone());
    let shots = match std::env::var_os("SERVE_SCREENSHOTS") {
        Some(dir) => PathBuf::from(dir),
        None => runs.path().join("screenshots"),
    };
    std::fs::create_dir_all(&shots)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let browser = driver.connect().await?;
        let outcome = drive(&browser, &server.url, &shots).await;
        browser.close().await?;
        outcome
    })
}

async fn drive(browser: &Client, url: &str, shots: &Path) -> anyhow::Result<()> {
    browser.goto(url).await?;
    let status = wait_for(
        browser,
        "document.getElementById('model-status').textContent",
        |v| v.as_str().is_some_and(|s| s.starts_with("No model")),
    )
    .await?;
    assert!(status.to_string().contains("train one"), "{status}");
    assert_eq!(
        browser
            .execute(
                "return document.querySelector('link[rel=icon]').href",
                vec![]
            )
            .await?
            .as_str()
            .map(|href| href.ends_with("/assets/favicon.svg")),
        Some(true),
        "a favicon the server serves"
    );
    train::check(browser, shots).await?;
    draw::check(browser, shots).await?;
    draw::without_a_socket(browser, url).await?;
    weights::check(browser, shots).await?;
    mistakes::check(browser, shots).await?;
    layout::report_control_latency(browser).await?;
    layout::a_link_reproduces_the_state(browser, url).await?;
    figures::check(browser, shots).await
}

/// Evaluates `expression` until `accept` takes its value (or fails after
/// [`PATIENCE`]); returns the accepted value.
pub async fn wait_for(
    browser: &Client,
    expression: &str,
    accept: impl Fn(&Value) -> bool,
) -> anyhow::Result<Value> {
    let started = Instant::now();
    loop {
        let value = browser
            .execute(&format!("return {expression}"), vec![])
            .await?;
        if accept(&value) {
            return Ok(value);
        }
        if started.elapsed() > PATIENCE {
            anyhow::bail!("after {PATIENCE:?}, `{expression}` is still {value}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Saves a PNG screenshot of the window to `path`.
pub async fn screenshot(browser: &Client, path: &Path) -> anyhow::Result<()> {
    let png = browser.screenshot().await?;
    assert!(png.starts_with(b"\x89PNG"), "a PNG");
    std::fs::write(path, png).with_context(|| format!("cannot write {}", path.display()))
}

/// `chromedriver` on a free loopback port, killed when dropped.
struct ChromeDriver {
    child: Child,
    url: String,
}

impl ChromeDriver {
    /// Starts `chromedriver` and waits until it answers.
    fn start() -> anyhow::Result<Self> {
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let child = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .spawn()
            .context(
                "cannot start chromedriver: install Debian's chromium and chromium-driver \
                 (apt-get install -y chromium chromium-driver)",
            )?;
        let driver = Self {
            child,
            url: format!("http://127.0.0.1:{port}"),
        };
        let client = reqwest::blocking::Client::new();
        let started = Instant::now();
        while client.get(format!("{}/status", driver.url)).send().is_err() {
            anyhow::ensure!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver did not answer on {} within 20 s",
                driver.url
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(driver)
    }

    /// A headless Chromium session.
    async fn connect(&self) -> anyhow::Result<Client> {
        // Frames as soon as there is something to paint, not at a display's
        // 60 Hz: what is timed is the page's work from an input to its
        // painted result, not the wait for the next vsync (at 60 Hz an
        // answer fetched after an input is painted in the frame after it,
        // 16.7 ms later at best).
        let options = json!({
            "args": ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                     "--window-size=1280,800", "--force-device-scale-factor=1",
                     "--disable-gpu-vsync", "--disable-frame-rate-limit"],
        });
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("goog:chromeOptions".to_owned(), options);
        ClientBuilder::rustls()?
            .capabilities(capabilities)
            .connect(&self.url)
            .await
            .with_context(|| format!("cannot start headless Chromium through {}", self.url))
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
