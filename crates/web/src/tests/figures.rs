//! The Chapter 4 view's API asked for the book's settings: the same numbers
//! as `cargo xtask figures` (and `xor`, `init-study`), taken from the same
//! library functions; every bound refused naming it.

use reqwest::StatusCode;
use serde_json::Value;
use studies::descent_paths::{self, BOOK_START, FIGURE_STEPS};
use studies::{init, rounding_error, tangent, xor};

use super::{TestServer, json_of};

/// The reply of `GET /api/figures/{path}`, which must be 200.
fn figure(server: &TestServer, path: &str) -> anyhow::Result<Value> {
    let (status, body) = json_of(server.get(&format!("/api/figures/{path}"))?)?;
    assert_eq!(status, StatusCode::OK, "{path}: {body}");
    Ok(body)
}

fn numbers(value: &Value) -> Vec<f64> {
    serde_json::from_value(value.clone()).unwrap_or_default()
}

fn points(value: &Value) -> Vec<[f64; 2]> {
    serde_json::from_value(value.clone()).unwrap_or_default()
}

#[test]
fn the_slopes_the_descent_and_the_saddle_are_the_figures() -> anyhow::Result<()> {
    let server = TestServer::start(false)?;
    let book = tangent::function_1_tangents(&[5.0, 10.0]);
    for (x, line) in [(5, &book[0]), (10, &book[1])] {
        let reply = figure(&server, &format!("tangent?x={x}"))?;
        assert_eq!(reply["slope"].as_f64(), Some(line.slope), "x = {x}");
        assert_eq!(
            points(&reply["tangent"]),
            line.points.iter().map(|&(a, b)| [a, b]).collect::<Vec<_>>()
        );
        assert_eq!(points(&reply["curve"]).len(), 201);
    }

    // Figure 4-10's good path: the book's 21 points, the default setting.
    let [good, ..] = descent_paths::book_descents(FIGURE_STEPS);
    let reply = figure(&server, "gradient-descent")?;
    assert_eq!(points(&reply["descent"]["points"]), good.points);
    assert_eq!(good.points.len(), 21);
    let reply = figure(
        &server,
        "gradient-descent?lr=0.1&start=-3,4&steps=20&function=function_2",
    )?;
    assert_eq!(points(&reply["descent"]["points"]), good.points);

    // The book's text: 100 steps with lr 10 end far out, with 1e-10 at the start.
    let large = descent_paths::descent(numdiff::function_2, BOOK_START, 10.0, 100);
    let reply = figure(&server, "gradient-descent?lr=10&steps=100")?;
    assert_eq!(numbers(&reply["descent"]["end"]), large[100]);
    assert_eq!(format!("{:.8e}", large[100][0]), "-2.58983747e13");
    let reply = figure(&server, "gradient-descent?lr=1e-10&steps=100")?;
    let end = numbers(&reply["descent"]["end"]);
    assert!(
        (end[0] + 3.0).abs() < 1e-7 && (end[1] - 4.0).abs() < 1e-7,
        "{end:?}"
    );

    // Further out, x + h rounds to x: the numerical gradient is 0 and the
    // path stops, as in the library.
    let reply = figure(&server, "gradient-descent?lr=10&steps=10000")?;
    let far = descent_paths::descent(numdiff::function_2, BOOK_START, 10.0, 10_000);
    assert_eq!(numbers(&reply["descent"]["end"]), far[10_000]);

    // The saddle of §4.4.1: 26 points near the x0 axis, here and in figures.
    let saddle = descent_paths::saddle_descent();
    assert_eq!(saddle.near_x1_axis(), 26);
    for path in ["gradient-descent?function=saddle", "saddle-and-plateau"] {
        let reply = figure(&server, path)?;
        let crawl = if path.starts_with("saddle") {
            &reply["saddle"]
        } else {
            &reply["descent"]
        };
        assert_eq!(crawl["near_x1_axis"].as_u64(), Some(26), "{path}");
        assert_eq!(points(&crawl["points"]), saddle.path, "{path}");
    }
    let reply = figure(&server, "gradient-field?function=saddle")?;
    assert_eq!(reply["arrows"].as_array().map(Vec::len), Some(324));
    Ok(())
}

#[test]
fn the_rounding_errors_at_1e_4_and_1e_50_are_the_studys() -> anyhow::Result<()> {
    let server = TestServer::start(false)?;
    let study = rounding_error::rounding_error();
    let reply = figure(&server, "rounding-error?h=1e-4")?;
    let at = study.at_book_step();
    assert_eq!(reply["at_h"]["f64"]["forward"].as_f64(), Some(at.forward));
    assert_eq!(reply["at_h"]["f64"]["central"].as_f64(), Some(at.central));
    let forward: Vec<f64> = study.errors.iter().map(|e| e.forward).collect();
    assert_eq!(numbers(&reply["f64"]["forward"]), forward);
    assert_eq!(numbers(&reply["f32"]["central"]).len(), 20);

    let reply = figure(&server, "rounding-error?h=1e-50")?;
    // 5 + 1e-50 == 5: the forward difference is 0, its error the whole 0.2.
    assert_eq!(
        reply["tiny_step"]["quotient"].as_f64(),
        Some(study.tiny_step_quotient)
    );
    assert_eq!(reply["tiny_step"]["vanishes"].as_bool(), Some(true));
    assert_eq!(reply["at_h"]["f64"]["forward"].as_f64(), Some(0.2));
    // In f32 the step is 0: 0 / 0, sent as null with notes saying so.
    assert!(reply["at_h"]["f32"]["forward"].is_null(), "{reply}");
    let notes = reply["notes"].to_string();
    assert!(
        notes.contains("0 / 0 = NaN") && notes.contains("at_h.f32.forward"),
        "{notes}"
    );
    Ok(())
}

#[test]
fn the_init_study_and_the_loss_sweep_use_the_studies() -> anyhow::Result<()> {
    let server = TestServer::start(true)?;
    let reply = figure(
        &server,
        "init-study?activation=relu&std=he&depth=5&width=100",
    )?;
    let book = init::layer_activations(init::SETTINGS[5], 5, 100, 0)?;
    let layers = reply["layers"].as_array().cloned().unwrap_or_default();
    assert_eq!(layers.len(), 5);
    for (layer, expected) in layers.iter().zip(&book) {
        assert_eq!(layer["std"].as_f64(), Some(expected.moments.std));
        assert_eq!(numbers(&layer["counts"]).len(), init::BINS);
    }
    assert_eq!(numbers(&reply["gradient_norms"]).len(), 6);
    let reply = figure(&server, "init-study?depth=10&width=7&std=0.01")?;
    assert_eq!(reply["layers"].as_array().map(Vec::len), Some(10));

    let reply = figure(&server, "loss-vs-accuracy")?;
    assert_eq!(numbers(&reply["values"]).len(), 401);
    let accuracy = numbers(&reply["accuracy"]);
    assert!(
        accuracy
            .iter()
            .all(|a| (a * 100.0 - (a * 100.0).round()).abs() < 1e-9)
    );
    let reply = figure(&server, "loss-vs-accuracy?range=2&points=1001&weight=3,7")?;
    assert_eq!(reply["weight"], serde_json::json!([3, 7]));
    let values = numbers(&reply["values"]);
    assert_eq!(values.len(), 1001);
    let trained = reply["trained"].as_f64().unwrap_or_default();
    assert!((values[0] - (trained - 2.0)).abs() < 1e-12);
    Ok(())
}

#[test]
fn without_a_model_the_sweep_is_of_the_short_run_made_once() -> anyhow::Result<()> {
    let server = TestServer::start(false)?;
    let first = figure(&server, "loss-vs-accuracy?points=5")?;
    let source = first["source"].as_str().unwrap_or_default();
    assert!(
        source.contains("no model served") && source.contains("2000 iterations"),
        "{source}"
    );
    assert_eq!(numbers(&first["values"]).len(), 5);
    // The same network the second time: kept, not trained again.
    let again = figure(&server, "loss-vs-accuracy?points=5")?;
    assert_eq!(again["trained"], first["trained"]);
    assert_eq!(again["source"], first["source"]);
    Ok(())
}

/// The `data:` lines of a server-sent event stream, as JSON.
fn events(server: &TestServer, path: &str) -> anyhow::Result<Vec<Value>> {
    let response = server.get(&format!("/api/figures/{path}"))?;
    assert_eq!(response.status(), StatusCode::OK);
    let text = response.text()?;
    Ok(text
        .lines()
        .filter_map(|line| line.strip_prefix("data: "))
        .filter_map(|data| serde_json::from_str(data).ok())
        .collect())
}

#[test]
fn xor_streams_a_run_that_solves_it_and_a_single_layer_that_cannot() -> anyhow::Result<()> {
    let server = TestServer::start(false)?;
    let settings = xor::XorSettings::default();
    let fit = xor::fit(&settings, &[3], 0)?;
    let run = events(&server, "xor?hidden=3&seed=0")?;
    assert_eq!(run.len(), 52, "a frame before the first step, 50, and done");
    assert_eq!(run[0]["step"].as_u64(), Some(0));
    assert_eq!(run[50]["step"].as_u64(), Some(5000));
    assert_eq!(run[1]["losses"].as_array().map(Vec::len), Some(100));
    assert_eq!(run[50]["surface"]["p"].as_array().map(Vec::len), Some(1600));
    let done = &run[51];
    assert_eq!(done["type"], "done");
    assert_eq!(done["correct"].as_u64(), Some(fit.correct as u64));
    assert_eq!(fit.correct, 4);
    assert_eq!(done["final_loss"].as_f64(), Some(fit.final_loss));

    let single = events(&server, "xor?hidden=0&steps=500")?;
    let done = single.last().cloned().unwrap_or_default();
    assert_eq!(done["flat"].as_bool(), Some(true), "{done}");
    assert_eq!(
        done["correct"].as_u64(),
        Some(
            xor::fit(
                &xor::XorSettings {
                    iters: 500,
                    ..settings
                },
                &[],
                0
            )?
            .correct as u64
        )
    );
    Ok(())
}

#[test]
fn every_bound_is_refused_naming_it() -> anyhow::Result<()> {
    let server = TestServer::start(false)?;
    for (path, names) in [
        (
            "init-study?depth=11",
            "`depth` must be a whole number from 1 to 10",
        ),
        ("init-study?depth=0", "from 1 to 10"),
        (
            "init-study?width=1001",
            "`width` must be a whole number from 1 to 1000",
        ),
        ("init-study?std=big", "`std` must be xavier, he or a number"),
        (
            "gradient-descent?steps=10001",
            "`steps` must be a whole number from 0 to 10000",
        ),
        ("gradient-descent?start=1", "`start` must be two numbers"),
        (
            "gradient-descent?lr=0",
            "`lr` must be a number from 1e-10 to 1e1",
        ),
        (
            "gradient-descent?function=cubic",
            "function_2, saddle, plateau",
        ),
        (
            "loss-vs-accuracy?points=1002",
            "`points` must be a whole number from 2 to 1001",
        ),
        (
            "rounding-error?h=1e-301",
            "`h` must be a number from 1e-300 to 1e0",
        ),
        ("rounding-error?h=NaN", "`h`"),
        ("tangent?x=5&y=3", "unknown parameter `y`: tangent takes x"),
        (
            "xor?hidden=9",
            "`hidden` must be a whole number from 0 to 8",
        ),
        ("xor?steps=10001", "`steps`"),
    ] {
        let (status, reply) = json_of(server.get(&format!("/api/figures/{path}"))?)?;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path}: {reply}");
        let message = reply["error"].as_str().unwrap_or_default();
        assert!(message.contains(names), "{path}: {message}");
    }
    let (status, reply) = json_of(server.get("/api/figures/tangents")?)?;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(
        reply["error"].to_string().contains("rounding-error"),
        "{reply}"
    );
    Ok(())
}

#[test]
fn xor_runs_at_once_are_bounded_and_a_client_that_leaves_frees_its_run() -> anyhow::Result<()> {
    use crate::figures::xor::MAX_XOR_RUNS;
    let server = TestServer::start(false)?;
    // Each of these holds its run: the client reads nothing, so the run
    // waits on its full channel.
    let held = (0..MAX_XOR_RUNS)
        .map(|_| server.get("/api/figures/xor?steps=10000"))
        .collect::<Result<Vec<_>, _>>()?;
    assert!(held.iter().all(|r| r.status() == StatusCode::OK));
    let (status, reply) = json_of(server.get("/api/figures/xor")?)?;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{reply}");
    assert!(
        reply["error"]
            .as_str()
            .is_some_and(|e| e.contains(&MAX_XOR_RUNS.to_string())),
        "{reply}"
    );
    drop(held);
    // The runs notice their clients left at their next frame.
    let started = std::time::Instant::now();
    loop {
        let response = server.get("/api/figures/xor?steps=10")?;
        if response.status() == StatusCode::OK {
            break;
        }
        anyhow::ensure!(
            started.elapsed() < std::time::Duration::from_secs(30),
            "no run freed: {}",
            response.status()
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    Ok(())
}
