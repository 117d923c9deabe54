//! A run stopped early, from the page or by the server ending, is saved
//! as an interrupted `train` run is, served labelled as stopped, and its
//! reported accuracy is the saved model's.

use std::path::Path;
use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};

use super::{TestServer, json_of, saved_accuracy, sse_events};

#[test]
fn stop_ends_a_run_early_and_it_is_saved_as_an_interrupted_run() -> anyhow::Result<()> {
    let server = TestServer::start(false)?;
    assert_eq!(
        server.post("/api/train/stop", "")?.status(),
        StatusCode::CONFLICT
    );
    let (status, _) = json_of(server.post("/api/train", json!({ "iters": 100_000 }).to_string())?)?;
    assert_eq!(status, StatusCode::ACCEPTED);
    std::thread::sleep(Duration::from_millis(200));
    let (status, reply) = json_of(server.post("/api/train/stop", "")?)?;
    assert_eq!(status, StatusCode::ACCEPTED, "{reply}");
    let events = sse_events(&server.get("/api/train/events")?.text()?)?;
    // A 100,000-iteration run logs every 10th loss: at most 10,000.
    let logged: Vec<u64> = events
        .iter()
        .filter(|e| e["type"] == "loss")
        .filter_map(|e| e["iteration"].as_u64())
        .collect();
    assert!(logged.iter().all(|i| i % 10 == 0), "{logged:?}");
    let losses = logged.last().map_or(0, |i| i + 1) as usize;
    assert!(losses < 100_000, "stopped after {losses} steps");
    let last = events.last().cloned().unwrap_or_default();
    assert_eq!(last["type"], "stopped", "{last}");
    let reached = last["iteration"].as_u64().unwrap_or_default() as usize;
    assert!(
        (losses..losses + 10).contains(&reached),
        "{reached} after the last logged loss {losses}"
    );
    assert_eq!(last["iters"].as_u64(), Some(100_000));
    let said = format!("stopped after {reached} of 100000 iterations");
    assert!(
        last["message"]
            .as_str()
            .is_some_and(|m| m.starts_with(&said)),
        "{last}"
    );
    assert_stopped_run_saved(&server, &last, &said)
}

#[test]
fn a_run_stopped_by_the_server_ending_is_saved_as_interrupted() -> anyhow::Result<()> {
    let server = TestServer::start(false)?;
    assert_eq!(server.state.stop_run_and_wait(), None, "no run going");
    let (status, _) = json_of(server.post("/api/train", json!({ "iters": 100_000 }).to_string())?)?;
    assert_eq!(status, StatusCode::ACCEPTED);
    std::thread::sleep(Duration::from_millis(200));
    let message = server.state.stop_run_and_wait().unwrap_or_default();
    assert!(message.starts_with("stopped after "), "{message}");
    let events = sse_events(&server.get("/api/train/events")?.text()?)?;
    let last = events.last().cloned().unwrap_or_default();
    assert_eq!(last["message"].as_str(), Some(message.as_str()));
    let said = message.split(',').next().unwrap_or_default().to_owned();
    assert_stopped_run_saved(&server, &last, &said)
}

/// A stopped run's directory holds `model-interrupted.safetensors` (no
/// `model.safetensors`) and no claim; it is served labelled `said`, and the
/// accuracy reported is the saved model's.
fn assert_stopped_run_saved(server: &TestServer, last: &Value, said: &str) -> anyhow::Result<()> {
    let model = Path::new(last["model"].as_str().unwrap_or_default()).to_path_buf();
    assert_eq!(
        model.file_name().and_then(|n| n.to_str()),
        Some("model-interrupted.safetensors")
    );
    let run_dir = model.parent().map(Path::to_path_buf).unwrap_or_default();
    assert!(model.is_file());
    assert!(!run_dir.join("model.safetensors").exists());
    assert!(!run_dir.join(runs::CLAIM).exists(), "the claim is released");
    assert_eq!(
        last["test_acc"].as_f64(),
        Some(saved_accuracy(server, &model)?)
    );
    let (_, served) = json_of(server.get("/api/model")?)?;
    assert_eq!(
        (served["loaded"].as_bool(), served["training"].as_bool()),
        (Some(true), Some(false))
    );
    assert_eq!(served["model"].as_str(), model.to_str());
    assert_eq!(served["stopped"].as_str(), Some(said));
    Ok(())
}
