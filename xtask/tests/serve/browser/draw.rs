//! The Draw view: a vertical stroke is read as 1; the first test image (a
//! 7) loaded with the keyboard alone (Enter in the field); every stage of
//! the network shown with its live values; a hidden unit pressed from the
//! keyboard shows its weights; 400 stroke segments, their answers over the
//! prediction socket, each timed to the frame that paints it (16 ms p95, see
//! [`STROKE_P95_MS`]); at a phone's width the answer shows above the pad.

#![allow(clippy::print_stdout, reason = "the test reports the measured latency")]

use std::path::Path;
use std::time::Duration;

use fantoccini::actions::{InputSource, MOUSE_BUTTON_LEFT, MouseActions, PointerAction};
use fantoccini::key::Key;
use fantoccini::{Client, Locator};

use super::layout::{percentiles, text};
use super::{
    DESKTOP, PHONE, check_layout, latency, load_per_core, overloaded, press, screenshot, viewport,
    wait_for,
};

/// The target for a stroke's prediction, from the input event to
/// the frame that paints its answer (p95): one frame at 60 Hz. Asserted on
/// a quiet machine (a load per core up to [`QUIET_LOAD`]). With the answers
/// over the prediction socket, seven runs of this test on a quiet 2-core
/// AMD EPYC (Zen 4) measured p95s of 8.8 to 11.1 ms (by fetch, six runs of
/// 200 segments: 10.8 to 14.5 ms there, and ten on a 2-core Xeon: 12.5 to
/// 17.0 ms).
const STROKE_P95_MS: f64 = 16.0;
/// The bound while other work shares the machine (a load per core between
/// [`QUIET_LOAD`] and 2): two frames, as a guard against a page that has
/// become slow (such a load alone costs a frame now and then).
const BUSY_STROKE_P95_MS: f64 = 33.0;
/// The load per core up to which [`STROKE_P95_MS`] is asserted: the test's
/// own load (about 0.7 per core on 2 cores) and a margin.
const QUIET_LOAD: f64 = 1.5;
/// The strokes drawn and the moves of each: 400 segments, and a press each.
const STROKES: usize = 40;
const MOVES: usize = 10;

pub async fn check(browser: &Client, shots: &Path) -> anyhow::Result<()> {
    viewport(browser, DESKTOP).await?;
    browser.find(Locator::Id("tab-draw")).await?.click().await?;
    let digit = "document.getElementById('predicted').dataset.digit";
    draw_strokes(browser, 1, 9).await?;
    wait_for(browser, digit, |v| v == "1").await?;

    // The keyboard alone: the tabs' arrow keys, then Tab to the field,
    // a number and Enter.
    browser
        .execute("document.getElementById('tab-draw').focus()", vec![])
        .await?;
    press(browser, Key::Right).await?;
    let view = "location.search";
    wait_for(browser, view, |v| text(v).contains("view=train")).await?;
    press(browser, Key::Left).await?;
    wait_for(browser, view, |v| text(v).contains("view=draw")).await?;
    let selected = "document.getElementById('tab-draw').getAttribute('aria-selected')";
    wait_for(browser, selected, |v| v == "true").await?;
    for _ in 0..3 {
        press(browser, Key::Tab).await?;
    }
    let focused = "document.activeElement.id";
    wait_for(browser, focused, |v| v == "test-index").await?;
    browser
        .execute("document.getElementById('test-index').value = ''", vec![])
        .await?;
    browser.active_element().await?.send_keys("0").await?;
    press(browser, Key::Enter).await?;
    wait_for(browser, digit, |v| v == "7").await?;
    let announced = "document.getElementById('announce').textContent";
    wait_for(browser, announced, |v| text(v).starts_with("predicted 7")).await?;

    // The network's stages with their values.
    let stages = browser
        .execute(
            "return [document.querySelectorAll('#hidden .unit').length, \
             document.querySelectorAll('#outputs .num').length, \
             document.querySelectorAll('#hidden .unit.push').length, \
             document.getElementById('hidden-max').textContent, \
             document.querySelector('#hidden .unit').getAttribute('aria-label'), \
             document.getElementById('pushers').textContent]",
            vec![],
        )
        .await?;
    assert_eq!(stages[0].as_u64(), Some(50), "a button per hidden unit");
    assert_eq!(
        stages[1].as_u64(),
        Some(20),
        "a score and a probability per digit"
    );
    assert!(
        stages[2].as_u64().is_some_and(|n| n >= 1),
        "units pushing 7"
    );
    assert_eq!(text(&stages[3]), "1", "sigmoid's absolute scale");
    assert!(text(&stages[4]).contains("activation 0."), "{}", stages[4]);
    assert!(text(&stages[5]).contains("push 7"), "{}", stages[5]);

    // Tab on from the field to the first hidden unit, Enter shows it.
    press(browser, Key::Tab).await?;
    press(browser, Key::Tab).await?;
    wait_for(browser, "document.activeElement.dataset.unit", |v| v == "0").await?;
    press(browser, Key::Enter).await?;
    let unit = "document.getElementById('unit-info').textContent";
    wait_for(browser, unit, |v| text(v).contains("W1[:, 0]")).await?;
    wait_for(browser, view, |v| text(v).contains("draw.unit=0")).await?;
    check_layout(browser, "draw at 1280 px").await?;
    screenshot(browser, &shots.join("serve-draw.png")).await?;

    stroke_latency(browser).await?;

    viewport(browser, PHONE).await?;
    browser.find(Locator::Id("load")).await?.click().await?;
    wait_for(browser, digit, |v| v == "7").await?;
    check_layout(browser, "draw at 390 px").await?;
    let placed = browser
        .execute(
            "const answer = document.getElementById('predicted').getBoundingClientRect(); \
             const pad = document.getElementById('pad').getBoundingClientRect(); \
             return [answer.bottom <= pad.top || answer.left >= pad.right, pad.bottom <= innerHeight]",
            vec![],
        )
        .await?;
    assert_eq!(
        placed,
        serde_json::json!([true, true]),
        "the answer above the pad, both in view"
    );
    screenshot(browser, &shots.join("serve-draw-phone.png")).await?;
    viewport(browser, DESKTOP).await
}

/// The sockets the server keeps open at once (`web`'s `MAX_PREDICT_SOCKETS`).
const MAX_PREDICT_SOCKETS: usize = 16;
/// How long the page waits before it asks again for a socket that failed
/// (`RETRY_MS` in `predict.js`), and a margin.
const SOCKET_RETRY: Duration = Duration::from_millis(5_500);

/// A page that leaves gives its prediction socket back; with every socket
/// of the server taken, the page reads a stroke by fetch; once they are
/// freed, it opens its socket again.
pub async fn without_a_socket(browser: &Client, url: &str) -> anyhow::Result<()> {
    let address = url.trim_start_matches("http://").trim_end_matches('/');
    let open = || -> anyhow::Result<Option<_>> {
        let stream = std::net::TcpStream::connect(address)?;
        stream.set_read_timeout(Some(Duration::from_secs(30)))?;
        match tungstenite::client(format!("ws://{address}/api/predict/socket"), stream) {
            Ok((socket, _)) => Ok(Some(socket)),
            Err(tungstenite::HandshakeError::Failure(tungstenite::Error::Http(refused)))
                if refused.status() == 503 =>
            {
                Ok(None)
            }
            Err(other) => Err(other.into()),
        }
    };
    // The page leaves (and gives its socket back, although Chromium keeps it
    // in the back-forward cache), and the test takes every slot.
    let page = browser.current_url().await?;
    browser.goto("about:blank").await?;
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    let mut held = Vec::new();
    while held.len() < MAX_PREDICT_SOCKETS {
        match open()? {
            Some(socket) => held.push(socket),
            None if std::time::Instant::now() < deadline => {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            None => anyhow::bail!("only {} prediction sockets could be opened", held.len()),
        }
    }
    assert!(open()?.is_none(), "a socket beyond the server's bound");
    browser.goto(page.as_str()).await?;
    let digit = "document.getElementById('predicted').dataset.digit";
    wait_for(
        browser,
        "document.querySelector('#hidden .unit') !== null",
        |v| v == true,
    )
    .await?;
    // The link reopens on a test image: drawn over, it would not read as 1.
    browser.find(Locator::Id("clear")).await?.click().await?;
    draw_strokes(browser, 1, 9).await?;
    wait_for(browser, digit, |v| v == "1").await?;
    let via = browser.execute("return window.answersVia", vec![]).await?;
    assert!(
        via["socket"] == 0 && via["fetch"].as_u64() >= Some(1),
        "with no socket to be had, answers by socket and by fetch: {via}"
    );
    for mut socket in held {
        socket.close(None)?;
        while socket.read().is_ok() {}
    }
    tokio::time::sleep(SOCKET_RETRY).await;
    browser.find(Locator::Id("clear")).await?.click().await?;
    draw_strokes(browser, 1, 9).await?;
    wait_for(browser, digit, |v| v == "1").await?;
    wait_for(browser, "window.answersVia.socket", |v| {
        v.as_u64().is_some_and(|n| n >= 1)
    })
    .await?;
    Ok(())
}

/// 400 stroke segments ([`STROKES`] of [`MOVES`] moves), then the page's own
/// record of each from its input event to its painted prediction.
async fn stroke_latency(browser: &Client) -> anyhow::Result<()> {
    browser.find(Locator::Id("clear")).await?.click().await?;
    browser
        .execute(
            "window.paintTimes.stroke.length = 0; window.readyTimes.stroke.length = 0; \
             window.answersVia = { socket: 0, fetch: 0 }",
            vec![],
        )
        .await?;
    draw_strokes(browser, STROKES, MOVES).await?;
    wait_for(browser, "window.paintTimes.stroke.length", |v| {
        v.as_u64().is_some_and(|n| n >= (STROKES * MOVES) as u64)
    })
    .await?;
    // The answers came over the prediction socket, none by fetch.
    let via = browser.execute("return window.answersVia", vec![]).await?;
    assert!(
        via["fetch"] == 0 && via["socket"].as_u64() >= Some((STROKES * MOVES) as u64),
        "answers by socket and by fetch: {via}"
    );
    let (median, p95, n) = percentiles(browser, "window.readyTimes.stroke").await?;
    let (painted_median, painted_p95, _) = latency(browser, "stroke").await?;
    let frame = frame_interval(browser).await?;
    println!(
        "stroke to its prediction in the page: median {median:.1} ms, p95 {p95:.1} ms over {n}; \
         to the frame that paints it: median {painted_median:.1} ms, p95 {painted_p95:.1} ms \
         (frames every {frame:.1} ms)"
    );
    let target = if painted_p95 <= STROKE_P95_MS {
        "met"
    } else {
        "not met"
    };
    println!("stroke target {STROKE_P95_MS} ms p95: {target}");
    if let Some(busy) = overloaded() {
        println!("stroke bound ({STROKE_P95_MS} ms p95) not asserted: {busy}");
        return Ok(());
    }
    let load = load_per_core().unwrap_or(0.0);
    let bound = if load <= QUIET_LOAD {
        STROKE_P95_MS
    } else {
        BUSY_STROKE_P95_MS
    };
    println!("stroke bound asserted: {bound} ms p95 (load {load:.1} per core)");
    assert!(
        painted_p95 <= bound,
        "stroke to its painted answer: p95 {painted_p95:.1} ms (load {load:.1} per core)"
    );
    Ok(())
}

/// Drags the mouse down the pad `strokes` times, `moves` moves each,
/// starting a little further right each time (as a user draws a 1, or
/// scribbles).
async fn draw_strokes(browser: &Client, strokes: usize, moves: usize) -> anyhow::Result<()> {
    let pad = browser.find(Locator::Id("pad")).await?;
    let step = Some(Duration::from_millis(30));
    let mut mouse = MouseActions::new("mouse".to_owned());
    for s in 0..strokes {
        mouse = mouse
            .then(PointerAction::MoveToElement {
                element: pad.clone(),
                duration: None,
                x: (s as f64 - strokes as f64 / 2.0) * 3.0,
                y: -90.0,
            })
            .then(PointerAction::Down {
                button: MOUSE_BUTTON_LEFT,
            });
        for _ in 0..moves {
            mouse = mouse.then(PointerAction::MoveBy {
                duration: step,
                x: 0.0,
                y: 180.0 / moves as f64,
            });
        }
        mouse = mouse.then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        });
    }
    browser.perform_actions(mouse).await?;
    Ok(())
}

/// The median time between two animation frames in the page (the display's
/// frame interval: 16.7 ms at 60 Hz).
async fn frame_interval(browser: &Client) -> anyhow::Result<f64> {
    let median = browser
        .execute_async(
            "const done = arguments[arguments.length - 1]; const gaps = []; \
             let last = null; \
             const tick = (now) => { if (last !== null) gaps.push(now - last); last = now; \
               if (gaps.length < 30) requestAnimationFrame(tick); \
               else { gaps.sort((a, b) => a - b); done(gaps[15]); } }; \
             requestAnimationFrame(tick);",
            vec![],
        )
        .await?;
    median
        .as_f64()
        .ok_or_else(|| anyhow::anyhow!("no frame interval: {median}"))
}
