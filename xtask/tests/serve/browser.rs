//! The page in a real browser: headless Chromium driven through WebDriver
//! (Debian's `chromium` and `chromium-driver`). Trains a short run and
//! watches the live chart receive points, draws a stroke (read as 1) and
//! loads the first test image (read as 7) through the page's buttons, opens the mistakes, and takes a
//! screenshot of each mode: into `$SERVE_SCREENSHOTS` when set (the README's
//! pictures are `SERVE_SCREENSHOTS=docs`), else into a temporary directory.
//!
//! Ignored by default like the real-data tests; when asked to run and the
//! browser cannot start, it fails and says why.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::Context;
use fantoccini::actions::{InputSource, MOUSE_BUTTON_LEFT, MouseActions, PointerAction};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

use crate::server::Served;

/// The iterations of the run trained from the page: a few epochs' worth.
const ITERS: &str = "3000";
/// How long to wait for anything the page should show.
const PATIENCE: Duration = Duration::from_secs(120);

#[test]
#[ignore = "needs MNIST_DIR, chromium and chromium-driver"]
fn the_page_trains_live_reads_a_stroke_and_a_7_and_lists_mistakes() -> anyhow::Result<()> {
    let runs = tempfile::tempdir()?;
    let server = Served::start(runs.path(), &[])?;
    let driver = ChromeDriver::start()?;
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

    // Train: the chart receives points while the run goes, then it is served.
    browser
        .find(Locator::Id("tab-train"))
        .await?
        .click()
        .await?;
    let iters = browser.find(Locator::Id("iters")).await?;
    iters.clear().await?;
    iters.send_keys(ITERS).await?;
    browser.find(Locator::Id("start")).await?.click().await?;
    let points = "Number(document.getElementById('chart').dataset.points)";
    wait_for(browser, points, |v| v.as_u64().is_some_and(|n| n > 0)).await?;
    let done = "document.getElementById('train-status').dataset.state || ''";
    wait_for(browser, done, |v| v == "done").await?;
    let plotted = browser.execute(&format!("return {points}"), vec![]).await?;
    assert_eq!(plotted.as_u64(), Some(3000), "every loss is plotted");
    screenshot(browser, &shots.join("serve-train.png")).await?;

    // Draw: a vertical stroke is read as 1, the first test image (a 7) as
    // 7; a hidden unit's weights.
    browser.find(Locator::Id("tab-draw")).await?.click().await?;
    let digit = "document.getElementById('predicted').dataset.digit";
    draw_vertical_stroke(browser).await?;
    wait_for(browser, digit, |v| v == "1").await?;
    let index = browser.find(Locator::Id("test-index")).await?;
    index.clear().await?;
    index.send_keys("0").await?;
    browser.find(Locator::Id("load")).await?.click().await?;
    wait_for(browser, digit, |v| v == "7").await?;
    assert_eq!(
        browser.find(Locator::Id("predicted")).await?.text().await?,
        "7"
    );
    browser
        .find(Locator::Css("#hidden div[data-unit='3']"))
        .await?
        .click()
        .await?;
    let unit = "document.getElementById('unit-info').textContent";
    wait_for(browser, unit, |v| {
        v.as_str().is_some_and(|s| s.contains("W1[:, 3]"))
    })
    .await?;
    screenshot(browser, &shots.join("serve-draw.png")).await?;

    // Misclassified: tiles whose captions differ in true and predicted label.
    browser
        .find(Locator::Id("tab-misclassified"))
        .await?
        .click()
        .await?;
    let tiles = "document.querySelectorAll('#misses .miss').length";
    wait_for(browser, tiles, |v| v.as_u64().is_some_and(|n| n > 0)).await?;
    let caption = browser
        .find(Locator::Css("#misses .miss span"))
        .await?
        .text()
        .await?;
    let labels: Vec<&str> = caption
        .split(['#', ':', '→', ' '])
        .filter(|s| !s.is_empty())
        .collect();
    assert!(labels.len() == 3 && labels[1] != labels[2], "{caption}");
    screenshot(browser, &shots.join("serve-misclassified.png")).await?;
    Ok(())
}

/// Drags the mouse down the middle of the drawing pad, as a user draws a 1.
async fn draw_vertical_stroke(browser: &Client) -> anyhow::Result<()> {
    let pad = browser.find(Locator::Id("pad")).await?;
    let step = Some(Duration::from_millis(20));
    let mut mouse = MouseActions::new("mouse".to_owned())
        .then(PointerAction::MoveToElement {
            element: pad,
            duration: None,
            x: 0.0,
            y: -90.0,
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        });
    for _ in 0..9 {
        mouse = mouse.then(PointerAction::MoveBy {
            duration: step,
            x: 0.0,
            y: 20.0,
        });
    }
    browser
        .perform_actions(mouse.then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        }))
        .await?;
    Ok(())
}

/// Evaluates `expression` until `accept` takes its value (or fails after
/// [`PATIENCE`]); returns the accepted value.
async fn wait_for(
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
async fn screenshot(browser: &Client, path: &Path) -> anyhow::Result<()> {
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
        let options = json!({
            "args": ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                     "--window-size=1280,900", "--force-device-scale-factor=1"],
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
