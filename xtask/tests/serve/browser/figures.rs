//! The Chapter 4 view: each figure's main knob moved 50 times, the drawn
//! data checked against the studies (the same functions as `cargo xtask
//! figures`), the input-to-paint latency's p95 within 100 ms (XOR: its
//! first frame), one screenshot per figure at 1280x800 and one at 390x844
//! with no horizontal overflow.

#![allow(
    clippy::print_stdout,
    reason = "the test reports each figure's measured p95"
)]

use std::path::Path;

use fantoccini::{Client, Locator};
use serde_json::{Value, json};
use studies::descent_paths::{self, BOOK_START};
use studies::init::{Activation, Setting, WeightInit};
use studies::{init, rounding_error, tangent};

use super::{DESKTOP, PHONE, check_layout, overloaded, screenshot, viewport, wait_for};

/// The budget of a knob change, input event to paint, at p95 (issue 25).
const BUDGET_MS: f64 = 100.0;
/// Knob moves per view.
const MOVES: usize = 50;

/// Sets input `id` to each of `values` in turn (an `input` event each),
/// waiting for the paint of view `name` after each; returns the
/// latencies the page measured.
const MOVE_KNOB: &str = r#"
const [id, values, name, type] = arguments;
const input = document.getElementById(id);
const state = window.figures[name];
const from = state.latencies.length;
for (const value of values) {
  const before = state.paints;
  input.value = value;
  input.dispatchEvent(new Event(type, { bubbles: true }));
  const started = performance.now();
  while (state.paints === before) {
    if (performance.now() - started > 20000) throw new Error(`no paint after ${id} = ${value}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
return state.latencies.slice(from);
"#;

/// The elements of the Chapter 4 view whose right edge passes the window's.
const WIDER_THAN_WINDOW: &str = r##"
return [...document.querySelectorAll("#mode-figures *")]
  .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
  .map((e) => `${e.tagName}#${e.id}.${e.className}: ${e.getBoundingClientRect().right}`);
"##;

async fn move_knob(
    browser: &Client,
    id: &str,
    values: &[Value],
    name: &str,
    event: &str,
) -> anyhow::Result<Vec<f64>> {
    let reply = browser
        .execute(
            MOVE_KNOB,
            vec![json!(id), json!(values), json!(name), json!(event)],
        )
        .await?;
    Ok(serde_json::from_value(reply)?)
}

/// The 95th percentile of `latencies`, printed with the view's name.
fn p95(name: &str, mut latencies: Vec<f64>) -> f64 {
    latencies.sort_by(f64::total_cmp);
    let k = (latencies.len() * 95).div_ceil(100).saturating_sub(1);
    let p95 = latencies.get(k).copied().unwrap_or(f64::NAN);
    println!(
        "figures: {name}: knob to paint p95 {p95:.1} ms over {} moves (median {:.1} ms)",
        latencies.len(),
        latencies
            .get(latencies.len() / 2)
            .copied()
            .unwrap_or(f64::NAN)
    );
    p95
}

/// The data view `name` drew last.
async fn drawn(browser: &Client, name: &str) -> anyhow::Result<Value> {
    Ok(browser
        .execute(&format!("return window.figures['{name}'].data"), vec![])
        .await?)
}

async fn click(browser: &Client, css: &str) -> anyhow::Result<()> {
    browser.find(Locator::Css(css)).await?.click().await?;
    Ok(())
}

/// Opens figure `name` and waits for its first paint.
async fn open(browser: &Client, name: &str, painted: &str) -> anyhow::Result<()> {
    click(browser, &format!("#fig-tab-{name}")).await?;
    let paints = format!("window.figures['{painted}'].paints");
    wait_for(browser, &paints, |v| v.as_u64().is_some_and(|n| n > 0)).await?;
    Ok(())
}

fn numbers(value: &Value) -> Vec<f64> {
    serde_json::from_value(value.clone()).unwrap_or_default()
}

pub async fn check(browser: &Client, shots: &Path) -> anyhow::Result<()> {
    viewport(browser, DESKTOP).await?;
    click(browser, "#tab-figures").await?;
    wait_for(browser, "location.search", |v| {
        v.as_str().is_some_and(|s| s.contains("view=figures"))
    })
    .await?;
    let mut p95s = Vec::new();

    // 1. The tangent follows x; its slope is numdiff's.
    open(browser, "derivative", "derivative").await?;
    let xs: Vec<Value> = (0..MOVES)
        .map(|i| json!(format!("{:.1}", 0.2 + 0.4 * i as f64)))
        .collect();
    let latencies = move_knob(browser, "fig-x", &xs, "derivative", "input").await?;
    p95s.push(p95("derivative (x)", latencies));
    click(browser, ".fig-reset[data-fig='derivative']").await?;
    wait_for(browser, "window.figures.derivative.data.x", |v| {
        near(v, 5.0)
    })
    .await?;
    let slope = drawn(browser, "derivative").await?["slope"].as_f64();
    let book = tangent::function_1_tangents(&[5.0])[0].slope;
    assert!(same(&[slope.unwrap_or_default()], &[book]), "{slope:?}");
    // h to the book's 1e-50: f64's forward difference is 0, f32's 0/0.
    click(browser, "#fig-h-tiny").await?;
    wait_for(browser, "window.figures.error.data.h", |v| near(v, 1e-50)).await?;
    let errors = drawn(browser, "error").await?;
    assert_eq!(
        errors["at_h"]["f64"]["forward"].as_f64(),
        Some((rounding_error::rounding_error().tiny_step_quotient - 0.2).abs())
    );
    assert!(errors["at_h"]["f32"]["forward"].is_null(), "{errors}");
    let hs: Vec<Value> = (0..MOVES)
        .map(|i| json!(-1.0 - (i % 20) as f64 * 0.95))
        .collect();
    let latencies = move_knob(browser, "fig-h", &hs, "error", "input").await?;
    p95s.push(p95("rounding error (h)", latencies));
    click(browser, ".fig-reset[data-fig='derivative']").await?;
    wait_for(browser, "window.figures.error.data.h", |v| near(v, 1e-4)).await?;
    check_layout(browser, "figures: derivative at 1280 px").await?;
    screenshot(browser, &shots.join("fig-derivative.png")).await?;

    // 2. Descent with 100 steps as in the book's text: lr 10 ends at
    // -2.58983747e+13, lr 1e-10 stays at the start.
    open(browser, "descent", "descent").await?;
    move_knob(browser, "fig-steps", &[json!("100")], "descent", "input").await?;
    let lrs: Vec<Value> = (0..MOVES)
        .map(|i| json!(-10.0 + 11.0 * i as f64 / (MOVES - 1) as f64))
        .collect();
    let latencies = move_knob(browser, "fig-lr", &lrs, "descent", "input").await?;
    p95s.push(p95("gradient descent (lr)", latencies));
    let end = numbers(&drawn(browser, "descent").await?["descent"]["end"]);
    let large = descent_paths::descent(numdiff::function_2, BOOK_START, 10.0, 100);
    assert!(same(&end, &large[100]), "{end:?} against {:?}", large[100]);
    assert_eq!(format!("{:.8e}", end[0]), "-2.58983747e13");
    move_knob(browser, "fig-lr", &[json!("-10")], "descent", "input").await?;
    let end = numbers(&drawn(browser, "descent").await?["descent"]["end"]);
    assert!(
        (end[0] + 3.0).abs() < 1e-7 && (end[1] - 4.0).abs() < 1e-7,
        "{end:?}"
    );
    click(browser, ".fig-reset[data-fig='descent']").await?;
    wait_for(browser, "window.figures.descent.data.lr", |v| near(v, 0.1)).await?;
    let points = drawn(browser, "descent").await?["descent"]["points"].clone();
    let points: Vec<f64> = serde_json::from_value::<Vec<[f64; 2]>>(points)?.concat();
    let book = descent_paths::book_descents(descent_paths::FIGURE_STEPS)[0]
        .points
        .concat();
    assert!(same(&points, &book), "{points:?}");
    // A click on the plane moves the start there (its middle: near the
    // origin), and the path is the library's from that start.
    click(browser, "#fig-field-plot").await?;
    let start = wait_for(browser, "window.figures.descent.data.start", |v| {
        numbers(v).iter().all(|x| x.abs() < 1.0)
    })
    .await?;
    let start = numbers(&start);
    let from_there = descent_paths::descent(numdiff::function_2, [start[0], start[1]], 0.1, 20);
    let points = drawn(browser, "descent").await?["descent"]["points"].clone();
    let points: Vec<f64> = serde_json::from_value::<Vec<[f64; 2]>>(points)?.concat();
    assert!(same(&points, &from_there.concat()), "{points:?}");
    click(browser, ".fig-reset[data-fig='descent']").await?;
    wait_for(browser, "window.figures.descent.data.start", |v| {
        numbers(v) == [-3.0, 4.0]
    })
    .await?;
    check_layout(browser, "figures: descent at 1280 px").await?;
    screenshot(browser, &shots.join("fig-descent.png")).await?;

    // 3. Loss against accuracy on the served model: the sweep spans the range.
    open(browser, "sweep", "sweep").await?;
    let ranges: Vec<Value> = (0..MOVES)
        .map(|i| json!(-1.0 + 3.0 * i as f64 / (MOVES - 1) as f64))
        .collect();
    let latencies = move_knob(browser, "fig-range", &ranges, "sweep", "input").await?;
    p95s.push(p95("loss vs accuracy (range)", latencies));
    let sweep = drawn(browser, "sweep").await?;
    let (values, trained) = (
        numbers(&sweep["values"]),
        sweep["trained"].as_f64().unwrap_or_default(),
    );
    assert!(
        (values[0] - (trained - 100.0)).abs() < 1e-9,
        "{:?} {trained}",
        values.first()
    );
    assert!(
        sweep["source"]
            .as_str()
            .is_some_and(|s| s.contains("served model")),
        "{}",
        sweep["source"]
    );
    click(browser, ".fig-reset[data-fig='sweep']").await?;
    wait_for(browser, "window.figures.sweep.data.range", |v| {
        near(v, 20.0)
    })
    .await?;
    check_layout(browser, "figures: sweep at 1280 px").await?;
    screenshot(browser, &shots.join("fig-sweep.png")).await?;

    // 4. The init study: the std of each layer is the study's.
    open(browser, "init", "init").await?;
    let stds: Vec<Value> = (0..MOVES)
        .map(|i| json!(-3.0 + 4.0 * i as f64 / (MOVES - 1) as f64))
        .collect();
    let latencies = move_knob(browser, "fig-std", &stds, "init", "input").await?;
    p95s.push(p95("initialisation (std)", latencies));
    move_knob(browser, "fig-std", &[json!("-2")], "init", "input").await?;
    let layers = drawn(browser, "init").await?["layers"].clone();
    let study = init::layer_activations(
        Setting(Activation::Sigmoid, WeightInit::Std(0.01)),
        5,
        100,
        0,
    )?;
    let drawn_stds: Vec<f64> = layers
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|l| l["std"].as_f64())
        .collect();
    let study_stds: Vec<f64> = study.iter().map(|l| l.moments.std).collect();
    assert!(
        same(&drawn_stds, &study_stds),
        "{drawn_stds:?} against {study_stds:?}"
    );
    click(browser, ".fig-reset[data-fig='init']").await?;
    wait_for(browser, "window.figures.init.data.setting", |v| {
        v == "sigmoid, std 1"
    })
    .await?;
    check_layout(browser, "figures: init at 1280 px").await?;
    screenshot(browser, &shots.join("fig-init.png")).await?;

    // 5. XOR: the first frame of each run; 0 hidden units stay flat at
    // P = 1/2, 3 solve it.
    click(browser, "#fig-tab-xor").await?;
    let hidden: Vec<Value> = (0..20).map(|i| json!((i % 9).to_string())).collect();
    let latencies = move_knob(browser, "fig-hidden", &hidden, "xor", "input").await?;
    p95s.push(p95("XOR (hidden, first frame)", latencies));
    move_knob(browser, "fig-hidden", &[json!("0")], "xor", "input").await?;
    let done = wait_for(browser, "window.figures.xor.done || null", |v| {
        v["type"] == "done"
    })
    .await?;
    assert_eq!(done["flat"], true, "{done}");
    browser
        .execute("window.figures.xor.done = null", vec![])
        .await?;
    click(browser, ".fig-reset[data-fig='xor']").await?;
    let done = wait_for(browser, "window.figures.xor.done || null", |v| {
        v["type"] == "done"
    })
    .await?;
    let book = studies::xor::fit(&studies::xor::XorSettings::default(), &[3], 0)?;
    assert_eq!(done["correct"].as_u64(), Some(book.correct as u64));
    assert_eq!(book.correct, 4);
    check_layout(browser, "figures: xor at 1280 px").await?;
    screenshot(browser, &shots.join("fig-xor.png")).await?;

    // The URL keeps the figure and its knobs: a reload reopens them.
    move_knob(browser, "fig-hidden", &[json!("5")], "xor", "input").await?;
    wait_for(browser, "location.search", |v| {
        v.as_str()
            .is_some_and(|s| s.contains("fig.view=xor") && s.contains("fig.hidden=5"))
    })
    .await?;
    browser.refresh().await?;
    let paints = "window.figures && window.figures.xor ? window.figures.xor.paints : 0";
    wait_for(browser, paints, |v| v.as_u64().is_some_and(|n| n > 0)).await?;
    let hidden = browser
        .execute("return document.getElementById('fig-hidden').value", vec![])
        .await?;
    assert_eq!(hidden, "5");
    click(browser, ".fig-reset[data-fig='xor']").await?;

    // A phone: every figure without horizontal overflow, readable.
    viewport(browser, PHONE).await?;
    for name in ["derivative", "sweep", "init", "xor", "descent"] {
        click(browser, &format!("#fig-tab-{name}")).await?;
        let wide = browser.execute(WIDER_THAN_WINDOW, vec![]).await?;
        assert_eq!(wide, json!([]), "{name}: wider than a phone");
        check_layout(browser, &format!("figures: {name} at 390 px")).await?;
    }
    screenshot(browser, &shots.join("fig-phone.png")).await?;
    viewport(browser, DESKTOP).await?;

    if let Some(busy) = overloaded() {
        println!("figures: the 100 ms bound not asserted: {busy}");
        return Ok(());
    }
    for p95 in p95s {
        assert!(
            p95 <= BUDGET_MS,
            "a knob's p95 is {p95:.1} ms, over {BUDGET_MS} ms"
        );
    }
    Ok(())
}

/// Whether `v` is the number `x` (as [`same`]).
fn near(v: &Value, x: f64) -> bool {
    v.as_f64().is_some_and(|v| same(&[v], &[x]))
}

/// Whether `a` and `b` are the same numbers, up to the last bit serde_json
/// may round differently when it parses the browser's JSON.
fn same(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| (x - y).abs() <= 4e-16 * y.abs())
}
