//! The API of the real binary on the real MNIST: a model trained from the
//! page's API predicts the first test image, a 7, as 7; the same model
//! served again with `--model`; the median latency of `POST /api/predict`.

#![allow(clippy::print_stdout, reason = "the test reports the measured latency")]

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::server::Served;

#[test]
#[ignore = "needs MNIST_DIR"]
fn a_model_trained_from_the_api_reads_the_first_test_image_as_7() -> anyhow::Result<()> {
    let _turn = crate::my_turn();
    let runs = tempfile::tempdir()?;
    let server = Served::start(runs.path(), &[])?;
    let (status, model) = server.get("/api/model")?;
    assert_eq!((status, model["loaded"].as_bool()), (200, Some(false)));

    // The book's defaults: 10,000 iterations of sigmoid (a few seconds).
    let last = server.train(&json!({}))?;
    assert_eq!(last["type"], "done", "{last}");
    let (_, image) = server.get("/api/test-image/0")?;
    assert_eq!(image["label"], 7);
    let body = json!({ "pixels": image["pixels"] });
    let (status, y) = server.post("/api/predict", &body)?;
    assert_eq!((status, y["predicted"].as_u64()), (200, Some(7)), "{y}");

    let mut correct = 0;
    for i in 0..100 {
        let (_, image) = server.get(&format!("/api/test-image/{i}"))?;
        let (_, y) = server.post("/api/predict", &json!({ "pixels": image["pixels"] }))?;
        correct += usize::from(y["predicted"] == image["label"]);
    }
    assert!(
        correct >= 90,
        "{correct} of the first 100 test images right"
    );

    let median = median_latency(&server, &body, 1000)?;
    println!(
        "predict latency: median {:.3} ms over 1000 requests",
        median.as_secs_f64() * 1e3
    );
    assert!(median < Duration::from_millis(50), "median {median:?}");

    // The saved run serves the same answers from a fresh server.
    let model = last["model"].as_str().unwrap_or_default().to_owned();
    let again = Served::start(runs.path(), &["--model", &model])?;
    let (_, served) = again.get("/api/model")?;
    assert_eq!(served["model"].as_str(), Some(model.as_str()));
    let (_, y_again) = again.post("/api/predict", &body)?;
    assert_eq!(y_again, y);
    Ok(())
}

#[test]
#[ignore = "needs MNIST_DIR"]
fn sigterm_during_a_page_run_saves_it_as_interrupted_and_exits_130() -> anyhow::Result<()> {
    let _turn = crate::my_turn();
    let runs = tempfile::tempdir()?;
    let mut server = Served::start(runs.path(), &[])?;
    let (status, reply) = server.post("/api/train", &json!({ "iters": 100_000 }))?;
    assert_eq!(status, 202, "{reply}");
    std::thread::sleep(Duration::from_secs(2));
    let (code, stderr) = server.terminate()?;
    assert_eq!(code, Some(130), "{stderr}");
    assert!(
        stderr.contains("interrupted: the page's run stopped after ")
            && stderr.contains(" of 100000 iterations"),
        "{stderr}"
    );
    let run_dir = std::fs::read_dir(runs.path())?
        .next()
        .ok_or_else(|| anyhow::anyhow!("no run directory"))??
        .path();
    for file in [
        "config.json",
        "metrics.csv",
        "model-interrupted.safetensors",
    ] {
        assert!(run_dir.join(file).is_file(), "{file}: {stderr}");
    }
    assert!(!run_dir.join(".run-in-progress").exists(), "claim released");
    Ok(())
}

#[test]
#[ignore = "needs MNIST_DIR"]
fn sigterm_while_a_page_run_is_paused_saves_it_as_interrupted() -> anyhow::Result<()> {
    let _turn = crate::my_turn();
    let runs = tempfile::tempdir()?;
    let mut server = Served::start(runs.path(), &[])?;
    let (status, reply) = server.post("/api/train", &json!({ "iters": 100_000 }))?;
    assert_eq!(status, 202, "{reply}");
    let (status, reply) = server.post("/api/train/control", &json!({ "paused": true }))?;
    assert_eq!((status, &reply["paused"]), (200, &json!(true)), "{reply}");
    std::thread::sleep(Duration::from_secs(1));
    let (status, _) = server.post("/api/train", &json!({}))?;
    assert_eq!(status, 409, "the paused run keeps its claim");
    let (code, stderr) = server.terminate()?;
    assert_eq!(code, Some(130), "{stderr}");
    assert!(
        stderr.contains("interrupted: the page's run stopped after "),
        "{stderr}"
    );
    let run_dir = std::fs::read_dir(runs.path())?
        .next()
        .ok_or_else(|| anyhow::anyhow!("no run directory"))??
        .path();
    assert!(
        run_dir.join("model-interrupted.safetensors").is_file(),
        "{stderr}"
    );
    assert!(!run_dir.join(".run-in-progress").exists(), "claim released");
    Ok(())
}

/// The median wall time of `n` sequential predictions on one connection.
fn median_latency(server: &Served, body: &Value, n: usize) -> anyhow::Result<Duration> {
    let url = format!("{}/api/predict", server.url);
    let text = body.to_string();
    let mut times = Vec::with_capacity(n);
    for _ in 0..n {
        let started = Instant::now();
        let response = server
            .client
            .post(&url)
            .header("content-type", "application/json")
            .body(text.clone())
            .send()?;
        anyhow::ensure!(response.status() == 200, "status {}", response.status());
        response.bytes()?;
        times.push(started.elapsed());
    }
    times.sort();
    Ok(times[n / 2])
}
