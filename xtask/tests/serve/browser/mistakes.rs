//! The Mistakes view: every misclassified test image a page at a time,
//! each with its probability in view; the confusion matrix's fullest
//! off-diagonal cell as a filter; the filters from the keyboard; a tile
//! put on the pad.

use std::path::Path;

use fantoccini::key::Key;
use fantoccini::{Client, Locator};

use super::layout::text;
use super::{DESKTOP, PHONE, check_layout, press, screenshot, viewport, wait_for};

pub async fn check(browser: &Client, shots: &Path) -> anyhow::Result<()> {
    browser
        .find(Locator::Id("tab-misclassified"))
        .await?
        .click()
        .await?;
    let tiles = "document.querySelectorAll('#misses .miss').length";
    wait_for(browser, tiles, |v| v.as_u64().is_some_and(|n| n > 0)).await?;
    let caption = browser
        .find(Locator::Css("#misses .miss .caption"))
        .await?
        .text()
        .await?;
    let labels: Vec<&str> = caption
        .split(['#', ':', '→', ' '])
        .filter(|s| !s.is_empty())
        .collect();
    assert!(labels.len() == 3 && labels[1] != labels[2], "{caption}");
    let probability = browser
        .find(Locator::Css("#misses .miss .probability"))
        .await?
        .text()
        .await?;
    assert!(probability.starts_with("p = 0."), "visible: {probability}");

    // The fullest off-diagonal cell as the filter.
    let cell = browser
        .execute(
            "const cells = [...document.querySelectorAll('#confusion [data-cell]')]; \
             cells.sort((a, b) => Number(b.textContent) - Number(a.textContent)); \
             return cells[0].dataset.cell",
            vec![],
        )
        .await?;
    let (t, p) = text(&cell).split_once('-').unwrap_or_default();
    browser
        .find(Locator::Css(&format!(
            "#confusion [data-cell='{}']",
            text(&cell)
        )))
        .await?
        .click()
        .await?;
    let url = "location.search";
    let filtered = format!("mistakes.true={t}&mistakes.predicted={p}");
    wait_for(browser, url, |v| text(v).contains(&filtered)).await?;
    let expected = format!("{t} → {p}");
    let all_match = "[...document.querySelectorAll('#misses .caption')].map((c) => c.textContent.split(': ')[1])";
    wait_for(browser, all_match, |v| {
        v.as_array()
            .is_some_and(|c| !c.is_empty() && c.iter().all(|c| text(c) == expected))
    })
    .await?;

    // The keyboard: "All mistakes", then the true digit's select.
    browser
        .execute("document.getElementById('miss-clear').focus()", vec![])
        .await?;
    press(browser, Key::Enter).await?;
    wait_for(browser, url, |v| !text(v).contains("mistakes.true")).await?;
    browser
        .execute("document.getElementById('miss-true').focus()", vec![])
        .await?;
    press(browser, Key::Down).await?;
    wait_for(browser, url, |v| text(v).contains("mistakes.true=0")).await?;
    let trues = "[...document.querySelectorAll('#misses .caption')].map((c) => c.textContent.split(': ')[1][0])";
    wait_for(browser, trues, |v| {
        v.as_array().is_some_and(|c| c.iter().all(|c| c == "0"))
    })
    .await?;
    let next = browser.find(Locator::Id("miss-next")).await?;
    if next.is_enabled().await? {
        next.click().await?;
        wait_for(browser, url, |v| text(v).contains("mistakes.page=1")).await?;
        browser
            .find(Locator::Id("miss-prev"))
            .await?
            .click()
            .await?;
        wait_for(browser, url, |v| !text(v).contains("mistakes.page")).await?;
    }
    check_layout(browser, "mistakes at 1280 px").await?;
    screenshot(browser, &shots.join("serve-misclassified.png")).await?;
    viewport(browser, PHONE).await?;
    check_layout(browser, "mistakes at 390 px").await?;
    screenshot(browser, &shots.join("serve-misclassified-phone.png")).await?;
    viewport(browser, DESKTOP).await?;

    // A mistake put on the pad: the Draw view reads it as the model did.
    let tile = browser.find(Locator::Css("#misses .miss")).await?;
    let caption = tile.find(Locator::Css(".caption")).await?.text().await?;
    let predicted = caption.rsplit(' ').next().unwrap_or_default().to_owned();
    tile.click().await?;
    wait_for(browser, url, |v| text(v).contains("view=draw")).await?;
    let digit = "document.getElementById('predicted').dataset.digit";
    wait_for(browser, digit, |v| text(v) == predicted).await?;
    let info = "document.getElementById('image-info').textContent";
    wait_for(browser, info, |v| text(v).contains("a mistake")).await?;
    Ok(())
}
