//! The Train view: a bad knob refused beside its field; a paced run that is
//! paused, stepped (from this tab and from a second one, which sees the
//! same run) and resumed with a changed learning rate (recorded in
//! its `config.json`); a reload mid-run that reopens on the run (its
//! settings, its total, its progress); the run finished at full speed and
//! still charted after a reload; a second run over the first, faded.
//! Screenshots at 1280x800 and 390x844.

use std::path::Path;

use fantoccini::{Client, Locator};
use serde_json::Value;

use super::{screenshot, wait_for};

/// The iterations of the run trained from the page: a few epochs' worth.
const ITERS: &str = "3000";

const PROGRESS: &str = "document.getElementById('train-progress')";
const CHART: &str = "document.getElementById('chart')";
const STATUS: &str = "document.getElementById('train-status')";

pub async fn check(browser: &Client, shots: &Path) -> anyhow::Result<()> {
    browser.set_window_size(1280, 800).await?;
    browser
        .find(Locator::Id("tab-train"))
        .await?
        .click()
        .await?;
    set_field(browser, "knob-lr", "-1").await?;
    let error = "document.getElementById('error-lr').textContent";
    wait_for(browser, error, |v| {
        v.as_str().is_some_and(|s| s.starts_with("`lr` is -1"))
    })
    .await?;
    set_field(browser, "knob-lr", "0.1").await?;
    wait_for(browser, error, |v| v == "").await?;
    // The numerical gradient's cost is shown before it starts.
    set_field(browser, "knob-gradient", "numerical").await?;
    let cost = "document.getElementById('numerical-cost').textContent";
    wait_for(browser, cost, |v| {
        v.as_str().is_some_and(|s| s.contains("one step took"))
    })
    .await?;
    set_field(browser, "knob-gradient", "backprop").await?;
    wait_for(browser, cost, |v| v == "").await?;
    set_field(browser, "knob-iters", ITERS).await?;
    set_field(browser, "pace", "10").await?;
    browser.find(Locator::Id("start")).await?.click().await?;

    // Paced, then paused, then one single step.
    let iteration = format!("Number({PROGRESS}.dataset.iteration || 0)");
    wait_for(browser, &iteration, |v| v.as_u64().is_some_and(|n| n > 0)).await?;
    browser.find(Locator::Id("pause")).await?.click().await?;
    let paused = format!("{PROGRESS}.dataset.paused");
    wait_for(browser, &paused, |v| v == "true").await?;
    // The step under way when the pause came (a tenth of a second) ends first.
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    let at = browser
        .execute(&format!("return {iteration}"), vec![])
        .await?
        .as_u64()
        .unwrap_or_default();
    browser.find(Locator::Id("step")).await?.click().await?;
    wait_for(browser, &iteration, |v| v.as_u64() == Some(at + 1)).await?;
    let text = text_of(browser, PROGRESS).await?;
    assert!(
        text.starts_with(&format!("iteration {} of 3,000 (", at + 1)) && text.contains("paused"),
        "{text}"
    );
    let at = second_tab_steps(browser, &iteration, at + 1).await?;

    // A new learning rate, then resumed at a faster pace.
    set_field(browser, "live-lr", "0.05").await?;
    browser.find(Locator::Id("set-lr")).await?.click().await?;
    set_field(browser, "pace", "50").await?;
    browser.find(Locator::Id("pause")).await?.click().await?;
    wait_for(browser, &paused, |v| v == "false").await?;
    wait_for(browser, &format!("{CHART}.dataset.lrs"), |v| v == "1").await?;
    wait_for(browser, &iteration, |v| {
        v.as_u64().is_some_and(|n| n > at + 10)
    })
    .await?;

    // A reload mid-run reopens on the run: its settings, total and pace.
    browser.refresh().await?;
    wait_for(browser, &format!("{CHART}.dataset.iters"), |v| v == ITERS).await?;
    wait_for(browser, "document.getElementById('pace').value", |v| {
        v == "50"
    })
    .await?;
    for (field, value) in [
        ("knob-iters", ITERS),
        ("knob-lr", "0.1"),
        ("live-lr", "0.05"),
    ] {
        let found = browser
            .execute(
                &format!("return document.getElementById('{field}').value"),
                vec![],
            )
            .await?;
        assert_eq!(found, value, "{field} after a reload");
    }
    let text = text_of(browser, PROGRESS).await?;
    assert!(
        text.starts_with("iteration ") && text.contains(" of 3,000 (") && text.contains("ETA"),
        "{text}"
    );
    show_chart(browser).await?;
    screenshot(browser, &shots.join("serve-train-paced.png")).await?;

    // Then full speed to the end.
    set_field(browser, "pace", "").await?;
    let state = "document.getElementById('train-status').dataset.state || ''";
    wait_for(browser, state, |v| v == "done").await?;
    let points = format!("Number({CHART}.dataset.points)");
    let plotted = browser.execute(&format!("return {points}"), vec![]).await?;
    assert_eq!(plotted.as_u64(), Some(3000), "every loss is plotted");
    let accuracy = text_of(browser, "document.getElementById('train-acc')").await?;
    assert!(
        accuracy.contains("measured at iteration 3,000") || accuracy.contains("at iteration "),
        "{accuracy}"
    );
    assert_lr_change_recorded(browser, at).await?;

    // After a reload the finished run is still charted.
    browser.refresh().await?;
    wait_for(browser, &points, |v| v.as_u64() == Some(3000)).await?;
    wait_for(browser, state, |v| v == "done").await?;
    let text = text_of(browser, PROGRESS).await?;
    assert!(
        text.starts_with("iteration 3,000 of 3,000 (100.0%)"),
        "{text}"
    );
    // The accuracy axis zooms to 0.8-1.0, and the view's state is in the URL.
    browser.find(Locator::Id("zoom")).await?.click().await?;
    wait_for(browser, &format!("{CHART}.dataset.zoom"), |v| v == "true").await?;
    let search = browser.execute("return location.search", vec![]).await?;
    let search = search.as_str().unwrap_or_default();
    assert!(
        search.contains("train.zoom=1") && search.contains("train.iters=3000"),
        "{search}"
    );
    browser.find(Locator::Id("zoom")).await?.click().await?;

    // A second run, at a larger learning rate, over the first one faded.
    let first = text_of(browser, STATUS).await?;
    set_field(browser, "knob-lr", "0.3").await?;
    browser.find(Locator::Id("start")).await?.click().await?;
    wait_for(browser, &format!("{CHART}.dataset.previous"), |v| {
        v == "3000"
    })
    .await?;
    let second = format!("{STATUS}.dataset.state === 'done' && {STATUS}.textContent");
    wait_for(browser, &second, |v| v.as_str().is_some_and(|s| s != first)).await?;
    show_chart(browser).await?;
    screenshot(browser, &shots.join("serve-train.png")).await?;

    browser.set_window_size(390, 844).await?;
    let overflow = "document.documentElement.scrollWidth - document.documentElement.clientWidth";
    wait_for(browser, &format!("{CHART}.dataset.width"), |v| {
        v.as_str()
            .and_then(|w| w.parse::<u32>().ok())
            .is_some_and(|w| w < 390)
    })
    .await?;
    let extra = browser
        .execute(&format!("return {overflow}"), vec![])
        .await?;
    assert!(
        extra.as_i64().is_some_and(|px| px <= 0),
        "{extra} px of horizontal overflow"
    );
    show_chart(browser).await?;
    screenshot(browser, &shots.join("serve-train-phone.png")).await?;
    browser.set_window_size(1280, 900).await?;
    browser.execute("window.scrollTo(0, 0)", vec![]).await?;
    Ok(())
}

/// A second tab opened on the page sees the same paused run at
/// `iteration` `at`, and its single step moves the run for both tabs:
/// returns the iteration after it.
async fn second_tab_steps(browser: &Client, iteration: &str, at: u64) -> anyhow::Result<u64> {
    let first = browser.window().await?;
    let url = browser.current_url().await?;
    let second = browser.new_window(true).await?.handle;
    browser.switch_to_window(second).await?;
    browser.goto(url.as_str()).await?;
    let paused = format!("{PROGRESS}.dataset.paused");
    wait_for(browser, &paused, |v| v == "true").await?;
    wait_for(browser, iteration, |v| v.as_u64() == Some(at)).await?;
    browser.find(Locator::Id("step")).await?.click().await?;
    wait_for(browser, iteration, |v| v.as_u64() == Some(at + 1)).await?;
    browser.close_window().await?;
    browser.switch_to_window(first).await?;
    wait_for(browser, iteration, |v| v.as_u64() == Some(at + 1)).await?;
    wait_for(browser, &paused, |v| v == "true").await?;
    Ok(at + 1)
}

/// Scrolls the run's progress, accuracy and chart into view.
async fn show_chart(browser: &Client) -> anyhow::Result<()> {
    browser
        .execute(
            "document.getElementById('pause').scrollIntoView({ block: 'start' })",
            vec![],
        )
        .await?;
    Ok(())
}

/// Sets a form field's value as a user would, firing its events.
async fn set_field(browser: &Client, id: &str, value: &str) -> anyhow::Result<()> {
    let script = "const field = document.getElementById(arguments[0]); field.value = arguments[1]; \
                  field.dispatchEvent(new Event('input')); field.dispatchEvent(new Event('change'));";
    browser
        .execute(script, vec![Value::from(id), Value::from(value)])
        .await?;
    Ok(())
}

async fn text_of(browser: &Client, element: &str) -> anyhow::Result<String> {
    let value = browser
        .execute(&format!("return {element}.textContent"), vec![])
        .await?;
    Ok(value.as_str().unwrap_or_default().to_owned())
}

/// The run's `config.json` (beside the model the status names) records
/// the learning rate changed from iteration `from` on.
async fn assert_lr_change_recorded(browser: &Client, from: u64) -> anyhow::Result<()> {
    let status = text_of(browser, STATUS).await?;
    let model = status
        .split("saved to ")
        .nth(1)
        .and_then(|rest| rest.split("; now served").next())
        .ok_or_else(|| anyhow::anyhow!("no model in {status:?}"))?;
    let config = Path::new(model)
        .parent()
        .map(|dir| dir.join("config.json"))
        .unwrap_or_default();
    let config: Value = serde_json::from_str(&std::fs::read_to_string(&config)?)?;
    assert_eq!(
        config["lr_schedule"],
        serde_json::json!([{ "iteration": from, "lr": 0.05 }]),
        "{config}"
    );
    Ok(())
}
