//! What every view of the page is checked for: the window sizes of the
//! screenshots, no horizontal overflow on a phone, text contrast computed
//! from the rendered colours, keys sent as a keyboard user sends them, and
//! the latency the page records from an input to its painted result.

#![allow(
    clippy::print_stdout,
    reason = "the test reports the measured latencies"
)]

use fantoccini::Client;
use fantoccini::key::Key;
use serde_json::{Value, json};

/// The desktop screenshot's viewport.
pub const DESKTOP: (u32, u32) = (1280, 800);
/// A phone's viewport (an iPhone 12 to 15).
pub const PHONE: (u32, u32) = (390, 844);
/// WCAG AA for normal text.
const MIN_CONTRAST: f64 = 4.5;

/// Makes the page's viewport `width` x `height` CSS px, through
/// chromedriver's DevTools endpoint (Chromium will not make a window under
/// 500 px wide). Not a phone's "mobile" viewport, which would widen itself
/// to hold a page that overflows: the overflow is what is checked.
pub async fn viewport(browser: &Client, (width, height): (u32, u32)) -> anyhow::Result<()> {
    let session = browser.session_id().await?.unwrap_or_default();
    let driver = super::DRIVER.get().map(String::as_str).unwrap_or_default();
    let body = json!({
        "cmd": "Emulation.setDeviceMetricsOverride",
        "params": { "width": width, "height": height, "deviceScaleFactor": 1, "mobile": false },
    });
    let response = reqwest::Client::new()
        .post(format!("{driver}/session/{session}/goog/cdp/execute"))
        .json(&body)
        .send()
        .await?;
    anyhow::ensure!(response.status().is_success(), "{}", response.text().await?);
    let inner = browser
        .execute("return [window.innerWidth, window.innerHeight]", vec![])
        .await?;
    assert_eq!(
        (inner[0].as_u64(), inner[1].as_u64()),
        (Some(u64::from(width)), Some(u64::from(height))),
        "the viewport"
    );
    Ok(())
}

/// Sends `key` to the focused element, as a keyboard does.
pub async fn press(browser: &Client, key: Key) -> anyhow::Result<()> {
    let focused = browser.active_element().await?;
    focused.send_keys(&char::from(key).to_string()).await?;
    Ok(())
}

/// The shown view (`what`) has no horizontal overflow at the current
/// width and every text in it reaches [`MIN_CONTRAST`] against the
/// background it is painted on.
pub async fn check_layout(browser: &Client, what: &str) -> anyhow::Result<()> {
    let shown = browser
        .execute(
            "return [...document.querySelectorAll('.mode')].filter((s) => getComputedStyle(s).display !== 'none').map((s) => s.id)",
            vec![],
        )
        .await?;
    assert_eq!(
        shown.as_array().map(Vec::len),
        Some(1),
        "{what}: one view at a time: {shown}"
    );
    let overflow = browser.execute(OVERFLOW, vec![]).await?;
    assert!(
        overflow.as_array().is_some_and(Vec::is_empty),
        "{what}: wider than the window: {overflow:#}"
    );
    let low = browser.execute(CONTRAST, vec![]).await?;
    let low: Vec<String> = serde_json::from_value(low)?;
    assert!(
        low.is_empty(),
        "{what}: text under {MIN_CONTRAST}:1 contrast or 11 px: {low:#?}"
    );
    Ok(())
}

/// When the page is wider than the window (`scrollWidth > innerWidth`),
/// the widths and the elements that reach past its right edge.
const OVERFLOW: &str = r#"
const [page, window_] = [document.documentElement.scrollWidth, innerWidth];
if (page <= window_) return [];
const past = [...document.querySelectorAll("body *")]
  .filter((e) => e.getBoundingClientRect().right > window_ + 0.5)
  .map((e) => `${e.tagName}#${e.id}.${e.className}: right ${e.getBoundingClientRect().right.toFixed(0)}`);
return [`page ${page} px in a ${window_} px window`, ...past.slice(0, 12)];
"#;

/// Every visible element with text of its own: its colour against the
/// first opaque background among it and its ancestors (the WCAG relative
/// luminance and contrast ratio); returns those under 4.5:1, and those
/// whose text is under 11 CSS px.
const CONTRAST: &str = r#"
const channels = (c) => c.match(/[\d.]+/g).map(Number);
const luminance = (c) => {
  const [r, g, b] = channels(c).slice(0, 3).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const opaque = (c) => { const m = channels(c); return m.length < 4 || m[3] > 0.5; };
const background = (element) => {
  for (let e = element; e; e = e.parentElement) {
    const colour = getComputedStyle(e).backgroundColor;
    if (opaque(colour)) return colour;
  }
  return "rgb(255, 255, 255)";
};
const low = [];
for (const element of document.querySelectorAll("body *")) {
  if (![...element.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
  const box = element.getBoundingClientRect();
  if (!box.width || !box.height || element.closest(".visually-hidden")) continue;
  const style = getComputedStyle(element);
  if (style.visibility === "hidden" || element.disabled) continue;
  if (parseFloat(style.fontSize) < 11) low.push(`${element.tagName}#${element.id} "${element.textContent.trim().slice(0, 30)}": ${style.fontSize} text`);
  const [fg, bg] = [luminance(style.color), luminance(background(element))];
  const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
  if (ratio < 4.5) low.push(`${element.tagName}#${element.id} "${element.textContent.trim().slice(0, 30)}": ${style.color} on ${background(element)}: ${ratio.toFixed(2)}`);
}
return low;
"#;

/// The median and 95th percentile (ms) of the page's recorded latencies
/// of `kind` (`stroke` or `control`), and how many there are.
pub async fn latency(browser: &Client, kind: &str) -> anyhow::Result<(f64, f64, usize)> {
    percentiles(browser, &format!("window.paintTimes.{kind}")).await
}

/// The median and p95 of the numbers `array` (a page expression) holds, and
/// their count.
pub async fn percentiles(browser: &Client, array: &str) -> anyhow::Result<(f64, f64, usize)> {
    let times = browser.execute(&format!("return {array}"), vec![]).await?;
    let mut times: Vec<f64> = serde_json::from_value(times)?;
    anyhow::ensure!(!times.is_empty(), "nothing recorded in {array}");
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    Ok((at(0.5), at(0.95), times.len()))
}

/// A change of any control of the views is painted within 100 ms (p95;
/// asserted unless the machine is [`overloaded`]).
pub async fn report_control_latency(browser: &Client) -> anyhow::Result<()> {
    let (median, p95, n) = latency(browser, "control").await?;
    println!("control change to painted: median {median:.1} ms, p95 {p95:.1} ms over {n}");
    if let Some(busy) = overloaded() {
        println!("control bound (100 ms p95) not asserted: {busy}");
    } else {
        assert!(p95 <= 100.0, "control p95 {p95:.1} ms");
    }
    Ok(())
}

/// Why a latency measured now says more about the machine than about the
/// page: more than two runnable processes per core over the last minute
/// ([`load_per_core`] above 2), else `None`. The test itself (Chromium, its
/// driver and the server) keeps a 2-core machine near a load of 2, so the
/// bounds hold there and are asserted; a machine busy with other work
/// skips them and says so.
pub fn overloaded() -> Option<String> {
    let load = load_per_core()?;
    (load > 2.0).then(|| format!("the machine is overloaded (load {load:.1} per core)"))
}

/// The 1-minute load average of `/proc/loadavg` per core the test may use
/// (`None` where it cannot be read).
pub fn load_per_core() -> Option<f64> {
    let load: f64 = std::fs::read_to_string("/proc/loadavg")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    Some(load / cores as f64)
}

/// `value` as a string ("" when it is none).
pub fn text(value: &Value) -> &str {
    value.as_str().unwrap_or_default()
}

/// A link reproduces the page: the URL of the views' state opened afresh
/// shows the same view, weights order and unit, and mistakes filters.
pub async fn a_link_reproduces_the_state(browser: &Client, url: &str) -> anyhow::Result<()> {
    let link =
        format!("{url}/?view=weights&weights.sort=push&weights.unit=7&mistakes.true=3&draw.unit=5");
    browser.goto(&link).await?;
    let detail = "document.getElementById('tile-detail').dataset.unit";
    super::wait_for(browser, detail, |v| text(v) == "7").await?;
    let sort = browser
        .execute(
            "return document.getElementById('weights-sort').value",
            vec![],
        )
        .await?;
    assert_eq!(text(&sort), "push");
    let unit = "document.getElementById('unit-info').textContent";
    super::wait_for(browser, unit, |v| text(v).contains("W1[:, 5]")).await?;
    browser
        .find(fantoccini::Locator::Id("tab-misclassified"))
        .await?
        .click()
        .await?;
    let trues = "document.getElementById('miss-true').value";
    super::wait_for(browser, trues, |v| text(v) == "3").await?;
    browser.refresh().await?;
    super::wait_for(browser, trues, |v| text(v) == "3").await?;
    let view = browser
        .execute(
            "return document.getElementById('tab-misclassified').getAttribute('aria-selected')",
            vec![],
        )
        .await?;
    assert_eq!(text(&view), "true", "a reload keeps the view");
    Ok(())
}
