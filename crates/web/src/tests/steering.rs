//! A run steered from the page: the book's knobs checked by name, the
//! numerical gradient's cost measured before it starts, and a run paused,
//! stepped, resumed with a new learning rate (recorded in `config.json`),
//! or stopped while paused.

use std::path::Path;
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{Value, json};

use super::{TestServer, json_of, sse_events};

/// Waits until `done` holds (at most a minute).
fn wait_until(what: &str, done: impl Fn() -> bool) -> anyhow::Result<()> {
    let started = Instant::now();
    while !done() {
        anyhow::ensure!(started.elapsed() < Duration::from_secs(60), "{what}");
        std::thread::sleep(Duration::from_millis(20));
    }
    Ok(())
}

/// The iteration the current run has reached once it no longer moves.
fn settled(server: &TestServer) -> anyhow::Result<usize> {
    let run = server
        .state
        .run()
        .ok_or_else(|| anyhow::anyhow!("no run"))?;
    let mut last = usize::MAX;
    loop {
        std::thread::sleep(Duration::from_millis(300));
        if run.iteration() == last {
            return Ok(last);
        }
        last = run.iteration();
    }
}

fn control(server: &TestServer, body: Value) -> anyhow::Result<(StatusCode, Value)> {
    json_of(server.post("/api/train/control", body.to_string())?)
}

#[test]
fn knobs_are_checked_by_name_and_the_numerical_cost_is_measured() -> anyhow::Result<()> {
    let server = TestServer::start(false)?;
    for (body, field) in [
        (json!({ "lr": -1 }), "lr"),
        (json!({ "batch_size": 601 }), "batch_size"),
        (json!({ "hidden": 0 }), "hidden"),
        (json!({ "sampling": "sometimes" }), "sampling"),
    ] {
        for route in ["/api/train", "/api/train/check"] {
            let (status, reply) = json_of(server.post(route, body.to_string())?)?;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{route} {body}");
            assert_eq!(reply["field"], field, "{route} {reply}");
            let message = reply["error"].as_str().unwrap_or_default();
            assert!(message.starts_with(&format!("`{field}` is ")), "{message}");
        }
    }
    assert!(server.state.run().is_none(), "nothing started");
    let (status, reply) = json_of(server.post("/api/train/check", "{}")?)?;
    assert_eq!(
        (status, &reply["numerical"]),
        (StatusCode::OK, &Value::Null)
    );
    let body = json!({ "gradient": "numerical", "hidden": 5, "iters": 200 });
    let (status, reply) = json_of(server.post("/api/train/check", body.to_string())?)?;
    assert_eq!(status, StatusCode::OK, "{reply}");
    let step = reply["numerical"]["step_seconds"]
        .as_f64()
        .unwrap_or_default();
    let run = reply["numerical"]["run_seconds"]
        .as_f64()
        .unwrap_or_default();
    assert!(step > 0.0 && (run - 200.0 * step).abs() < 1e-9, "{reply}");
    assert_eq!(reply["config"]["hidden"], 5);
    Ok(())
}

#[test]
fn a_run_paused_stepped_and_resumed_with_a_new_learning_rate_records_it() -> anyhow::Result<()> {
    let server = TestServer::start(false)?;
    let (status, _) = control(&server, json!({ "paused": true }))?;
    assert_eq!(status, StatusCode::CONFLICT, "no run going");
    let body = json!({ "iters": 3000, "hidden": 10, "batch_size": 10, "lr": 0.2, "seed": 7 });
    let (status, reply) = json_of(server.post("/api/train", body.to_string())?)?;
    assert_eq!(status, StatusCode::ACCEPTED, "{reply}");
    assert_eq!(reply["config"]["lr"], 0.2);
    let (status, reply) = control(&server, json!({ "paused": true, "pace": 200 }))?;
    assert_eq!(status, StatusCode::OK, "{reply}");
    assert_eq!(reply, json!({ "paused": true, "pace": 200.0, "lr": 0.2 }));
    for (bad, expected) in [
        (
            json!({ "lr": 1e300 }),
            "`lr` is 1e300: expected a number from 1e-45",
        ),
        (json!({ "pace": -2 }), "`pace` is -2"),
        (json!({ "step": 5000 }), "`step` is 5000"),
    ] {
        let (status, reply) = control(&server, bad.clone())?;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}");
        let message = reply["error"].as_str().unwrap_or_default();
        assert!(message.starts_with(expected), "{message}");
    }
    let paused_at = settled(&server)?;
    assert!(paused_at < 3000, "paused at {paused_at}");
    control(&server, json!({ "step": 3 }))?;
    let run = server
        .state
        .run()
        .ok_or_else(|| anyhow::anyhow!("no run"))?;
    wait_until("three single steps", || run.iteration() == paused_at + 3)?;
    assert_eq!(settled(&server)?, paused_at + 3, "paused again");
    let (_, reply) = control(
        &server,
        json!({ "paused": false, "pace": null, "lr": 0.05 }),
    )?;
    assert_eq!(reply, json!({ "paused": false, "pace": null, "lr": 0.05 }));

    let events = sse_events(&server.get("/api/train/events")?.text()?)?;
    assert_eq!(
        events.first().map(|e| e["config"].clone()),
        Some(json!({
            "lr": 0.2, "batch_size": 10, "hidden": 10, "activation": "sigmoid",
            "weight_init_std": 0.01, "sampling": "replacement", "gradient": "backprop",
            "seed": 7, "iters": 3000,
        }))
    );
    let changes: Vec<&Value> = events.iter().filter(|e| e["type"] == "lr").collect();
    let change = json!({ "type": "lr", "iteration": paused_at + 3, "lr": 0.05 });
    assert_eq!(changes, vec![&change]);
    let last = events.last().cloned().unwrap_or_default();
    assert_eq!(last["type"], "done", "{last}");
    let run_dir = Path::new(last["model"].as_str().unwrap_or_default())
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let config: Value =
        serde_json::from_str(&std::fs::read_to_string(run_dir.join("config.json"))?)?;
    assert_eq!(config["learning_rate"], 0.2);
    assert_eq!(
        config["lr_schedule"],
        json!([{ "iteration": paused_at + 3, "lr": 0.05 }])
    );
    let metrics = std::fs::read_to_string(run_dir.join("metrics.csv"))?;
    assert_eq!(metrics.lines().count(), 3001, "a row per iteration");
    assert_eq!(
        metrics.lines().next().map(|h| h.split(',').count()),
        Some(4),
        "four columns"
    );
    Ok(())
}

#[test]
fn a_paused_run_keeps_its_claim_and_is_saved_as_interrupted_when_the_server_stops()
-> anyhow::Result<()> {
    let server = TestServer::start(false)?;
    let body = json!({ "iters": 100_000, "hidden": 10, "batch_size": 10 });
    let (status, _) = json_of(server.post("/api/train", body.to_string())?)?;
    assert_eq!(status, StatusCode::ACCEPTED);
    control(&server, json!({ "paused": true }))?;
    let paused_at = settled(&server)?;
    let (status, _) = json_of(server.post("/api/train", "{}")?)?;
    assert_eq!(
        status,
        StatusCode::CONFLICT,
        "the paused run keeps its claim"
    );
    let message = server.state.stop_run_and_wait().unwrap_or_default();
    let said = format!("stopped after {} of 100000 iterations", paused_at + 1);
    assert!(message.starts_with(&said), "{message}");
    let runs = std::fs::read_dir(server.runs().join("runs"))?
        .next()
        .ok_or_else(|| anyhow::anyhow!("no run directory"))??
        .path();
    assert!(runs.join("model-interrupted.safetensors").is_file());
    assert!(!runs.join(runs::CLAIM).exists(), "claim released");
    Ok(())
}
