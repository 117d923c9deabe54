//! The Weights view: a tile per hidden unit on one colour scale, ordered
//! by the drawing's activations from the keyboard, a tile's detail, W2's
//! heat map; the order and the unit kept in the URL.

use std::path::Path;

use fantoccini::key::Key;
use fantoccini::{Client, Locator};

use super::layout::text;
use super::{DESKTOP, PHONE, check_layout, press, screenshot, viewport, wait_for};

/// Order changes timed (each a control change, painted within 100 ms).
const CHANGES: usize = 30;

pub async fn check(browser: &Client, shots: &Path) -> anyhow::Result<()> {
    browser
        .find(Locator::Id("tab-weights"))
        .await?
        .click()
        .await?;
    let tiles = "document.querySelectorAll('#tiles .tile').length";
    wait_for(browser, tiles, |v| v.as_u64() == Some(50)).await?;
    let labels = browser
        .execute(
            "return [document.getElementById('w1-min').textContent, document.getElementById('w1-max').textContent, \
             document.getElementById('w2').height]",
            vec![],
        )
        .await?;
    assert!(
        text(&labels[0]).starts_with('-'),
        "the colour bar's ends: {labels}"
    );
    assert_eq!(labels[2].as_u64(), Some(50), "W2: a row per hidden unit");

    // The keyboard: focus the order, ArrowDown picks "by activation".
    browser
        .execute("document.getElementById('weights-sort').focus()", vec![])
        .await?;
    press(browser, Key::Down).await?;
    let url = "location.search";
    wait_for(browser, url, |v| {
        text(v).contains("weights.sort=activation")
    })
    .await?;
    let sorted = "(() => { const a = [...document.querySelectorAll('#tiles .tile')]\
                  .map((t) => Number(t.lastChild.textContent.split('· ')[1])); \
                  return a.every((v, i) => i === 0 || a[i - 1] >= v); })()";
    wait_for(browser, sorted, |v| v == true).await?;
    // Tab into the tiles: the first (the most active unit), Enter.
    press(browser, Key::Tab).await?;
    let first = browser
        .execute("return document.activeElement.dataset.unit", vec![])
        .await?;
    press(browser, Key::Enter).await?;
    let detail = "document.getElementById('tile-detail').dataset.unit";
    wait_for(browser, detail, |v| *v == first).await?;
    wait_for(browser, url, |v| text(v).contains("weights.unit=")).await?;
    check_layout(browser, "weights at 1280 px").await?;
    screenshot(browser, &shots.join("serve-weights.png")).await?;

    let sort = browser.find(Locator::Id("weights-sort")).await?;
    for i in 0..CHANGES {
        sort.select_by_value(["unit", "activation", "push"][i % 3])
            .await?;
    }
    viewport(browser, PHONE).await?;
    check_layout(browser, "weights at 390 px").await?;
    screenshot(browser, &shots.join("serve-weights-phone.png")).await?;
    viewport(browser, DESKTOP).await
}
