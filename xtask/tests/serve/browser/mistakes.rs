//! The Misclassified view: tiles whose captions differ in true and
//! predicted label.

use std::path::Path;

use fantoccini::{Client, Locator};

use super::{screenshot, wait_for};

pub async fn check(browser: &Client, shots: &Path) -> anyhow::Result<()> {
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
    screenshot(browser, &shots.join("serve-misclassified.png")).await
}
