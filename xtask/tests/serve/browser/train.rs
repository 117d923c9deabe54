//! The Train view: a short run from the page, its chart receiving points
//! while it goes, then served.

use std::path::Path;

use fantoccini::{Client, Locator};

use super::{screenshot, wait_for};

/// The iterations of the run trained from the page: a few epochs' worth.
const ITERS: &str = "3000";

pub async fn check(browser: &Client, shots: &Path) -> anyhow::Result<()> {
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
    screenshot(browser, &shots.join("serve-train.png")).await
}
