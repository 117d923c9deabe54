//! The Draw view: a vertical stroke is read as 1, the first test image (a 7)
//! as 7; a hidden unit's weights.

use std::path::Path;
use std::time::Duration;

use fantoccini::actions::{InputSource, MOUSE_BUTTON_LEFT, MouseActions, PointerAction};
use fantoccini::{Client, Locator};

use super::{screenshot, wait_for};

pub async fn check(browser: &Client, shots: &Path) -> anyhow::Result<()> {
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
    screenshot(browser, &shots.join("serve-draw.png")).await
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
