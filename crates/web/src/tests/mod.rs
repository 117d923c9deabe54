//! The server on a loopback port, in-process, on a small synthetic MNIST
//! stand-in: every route, every bad input with its status code, one
//! training run at a time, and a server that keeps answering.

use std::io::{BufRead, Write};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use integration_tests::{synthetic_mnist, write_files};
use rand::SeedableRng;
use rand::rngs::ChaCha12Rng;
use reqwest::StatusCode;
use reqwest::blocking::{Client, Response};
use runs::{MnistData, Needs};
use serde_json::{Value, json};
use twolayer::{Activation, TwoLayerNet, checkpoint};

use crate::listener::{SlowReaders, WRITE_TIMEOUT};
use crate::{AppState, BODY_LIMIT, Served, router};

mod api;
mod errors;
mod figures;
mod memory;
mod socket;
mod steering;
mod stopped;

/// A server on 127.0.0.1 with its own runtime, data and runs directory.
struct TestServer {
    url: String,
    state: Arc<AppState>,
    client: Client,
    dir: tempfile::TempDir,
}

impl TestServer {
    /// Serves synthetic data (600 training, 100 test images), with a fresh
    /// untrained network when `with_model`.
    fn start(with_model: bool) -> anyhow::Result<Self> {
        let dir = tempfile::tempdir()?;
        let data_dir = write_files(
            &dir.path().join("data"),
            &synthetic_mnist(600, 100, 3),
            false,
        )?;
        let mnist = MnistData::load(data_dir, Needs::Both)?;
        let served = with_model.then(|| Served {
            net: TwoLayerNet::new(
                784,
                50,
                10,
                0.01,
                Activation::Sigmoid,
                &mut ChaCha12Rng::seed_from_u64(1),
            ),
            model: dir.path().join("untrained.safetensors"),
            stopped: None,
        });
        let state = AppState::new(mnist, served, dir.path().join("runs"))?;
        let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
        let url = format!("http://{}", listener.local_addr()?);
        listener.set_nonblocking(true)?;
        let served = Arc::clone(&state);
        std::thread::spawn(move || serve(listener, served));
        let client = Client::builder().timeout(Duration::from_secs(60)).build()?;
        Ok(Self {
            url,
            state,
            client,
            dir,
        })
    }

    fn get(&self, path: &str) -> anyhow::Result<Response> {
        Ok(self.client.get(format!("{}{path}", self.url)).send()?)
    }

    fn post(
        &self,
        path: &str,
        body: impl Into<reqwest::blocking::Body>,
    ) -> anyhow::Result<Response> {
        let request = self.client.post(format!("{}{path}", self.url));
        Ok(request
            .header("content-type", "application/json")
            .body(body)
            .send()?)
    }

    /// The status code of a `POST` that announces a body of `len` bytes
    /// (over [`BODY_LIMIT`]) and then waits: the server refuses it from its
    /// `Content-Length` alone, without reading any of it.
    fn status_of_huge_body(&self, path: &str, len: usize) -> anyhow::Result<String> {
        assert!(len > BODY_LIMIT);
        let address = self.url.trim_start_matches("http://");
        let mut stream = std::net::TcpStream::connect(address)?;
        stream.set_read_timeout(Some(Duration::from_secs(10)))?;
        let head = format!(
            "POST {path} HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\n\
             Content-Length: {len}\r\n\r\n"
        );
        stream.write_all(head.as_bytes())?;
        let mut status_line = String::new();
        std::io::BufReader::new(stream).read_line(&mut status_line)?;
        Ok(status_line
            .split_whitespace()
            .nth(1)
            .unwrap_or_default()
            .to_owned())
    }

    fn runs(&self) -> &Path {
        self.dir.path()
    }
}

/// Runs the router on `listener` until the test process ends.
fn serve(listener: std::net::TcpListener, state: Arc<AppState>) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let listener = SlowReaders::new(listener, WRITE_TIMEOUT);
        axum::serve(listener, router(state)).await?;
        Ok(())
    })
}

/// The status and the JSON body of a reply.
fn json_of(response: Response) -> anyhow::Result<(StatusCode, Value)> {
    let status = response.status();
    Ok((status, response.json()?))
}

/// A `{"pixels": ...}` body.
fn pixels(values: Value) -> String {
    json!({ "pixels": values }).to_string()
}

#[test]
fn predict_answers_and_every_bad_body_is_refused_naming_the_field() -> anyhow::Result<()> {
    let server = TestServer::start(true)?;
    let (status, image) = json_of(server.get("/api/test-image/0")?)?;
    assert_eq!(status, StatusCode::OK);
    let (status, y) = json_of(server.post("/api/predict", pixels(image["pixels"].clone()))?)?;
    assert_eq!(status, StatusCode::OK, "{y}");
    let probabilities: Vec<f64> = serde_json::from_value(y["probabilities"].clone())?;
    assert_eq!(probabilities.len(), 10);
    assert!(
        (probabilities.iter().sum::<f64>() - 1.0).abs() < 1e-4,
        "{probabilities:?}"
    );
    assert_eq!(y["hidden"].as_array().map(Vec::len), Some(50));
    assert!(y["predicted"].as_u64().is_some_and(|d| d < 10));

    let mut many = vec![json!(0); 784];
    let mut bad = |i: usize, value: Value| {
        many[i] = value;
        let body = pixels(Value::Array(many.clone()));
        many[i] = json!(0);
        body
    };
    for (body, field) in [
        (
            pixels(json!([1, 2, 3])),
            "`pixels` has 3 values; expected 784",
        ),
        (
            pixels(Value::Array(vec![json!(0); 785])),
            "`pixels` has 785 values",
        ),
        (bad(5, json!(256)), "`pixels[5]` is 256"),
        (bad(783, json!(-0.5)), "`pixels[783]` is -0.5"),
        (bad(7, json!("12")), "`pixels[7]` is \"12\""),
        (bad(0, json!(null)), "`pixels[0]` is null"),
        (pixels(json!("all zero")), "`pixels` must be an array"),
        (json!({ "pixel": [] }).to_string(), "`pixels` is missing"),
        ("[0, 1]".to_owned(), "a JSON object"),
        ("{\"pixels\": [1, 2".to_owned(), "not valid JSON"),
        (String::new(), "not valid JSON"),
    ] {
        let (status, reply) = json_of(server.post("/api/predict", body.clone())?)?;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body:.60}: {reply}");
        let message = reply["error"].as_str().unwrap_or_default();
        assert!(message.contains(field), "{body:.60}: {message}");
    }
    assert_eq!(server.status_of_huge_body("/api/predict", 10 << 20)?, "413");

    let (status, again) = json_of(server.post("/api/predict", pixels(image["pixels"].clone()))?)?;
    assert_eq!(
        (status, &again),
        (StatusCode::OK, &y),
        "the server still answers, the same"
    );
    Ok(())
}

#[test]
fn paths_are_checked_and_unknown_ones_are_404() -> anyhow::Result<()> {
    let server = TestServer::start(true)?;
    for (path, status, field) in [
        ("/api/test-image/100", StatusCode::BAD_REQUEST, "`index`"),
        ("/api/test-image/-1", StatusCode::BAD_REQUEST, "`index`"),
        (
            "/api/test-image/..%2Fetc",
            StatusCode::BAD_REQUEST,
            "`index`",
        ),
        ("/api/weights/50", StatusCode::BAD_REQUEST, "`unit`"),
        ("/api/weights/x", StatusCode::BAD_REQUEST, "`unit`"),
        ("/api/nothing", StatusCode::NOT_FOUND, "no such page"),
        ("/../Cargo.toml", StatusCode::NOT_FOUND, "no such page"),
    ] {
        let (got, reply) = json_of(server.get(path)?)?;
        assert_eq!(got, status, "{path}: {reply}");
        assert!(
            reply["error"].as_str().is_some_and(|m| m.contains(field)),
            "{path}: {reply}"
        );
    }
    let (status, unit) = json_of(server.get("/api/weights/49")?)?;
    assert_eq!(
        (status, unit["weights"].as_array().map(Vec::len)),
        (StatusCode::OK, Some(784))
    );
    let (status, model) = json_of(server.get("/api/model")?)?;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        (model["loaded"].as_bool(), model["hidden"].as_u64()),
        (Some(true), Some(50))
    );
    let page = server.get("/")?;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text()?.contains("<canvas"), "the page has its canvas");
    for (name, _, _) in crate::page::ASSETS {
        let asset = format!("/assets/{name}");
        assert_eq!(server.get(&asset)?.status(), StatusCode::OK, "{asset}");
    }
    Ok(())
}

#[test]
fn misclassified_lists_only_mistakes() -> anyhow::Result<()> {
    let server = TestServer::start(true)?;
    let (status, reply) = json_of(server.get("/api/misclassified")?)?;
    assert_eq!(status, StatusCode::OK, "{reply}");
    let images = reply["images"].as_array().cloned().unwrap_or_default();
    assert!(
        !images.is_empty(),
        "an untrained network errs: {reply:.200}"
    );
    assert!(reply["wrong"].as_u64() >= Some(images.len() as u64));
    for image in images {
        assert_ne!(image["label"], image["predicted"], "{image:.100}");
        assert_eq!(image["pixels"].as_array().map(Vec::len), Some(784));
    }
    Ok(())
}

#[test]
fn one_run_at_a_time_saved_as_a_run_directory_then_served() -> anyhow::Result<()> {
    let server = TestServer::start(false)?;
    let (status, model) = json_of(server.get("/api/model")?)?;
    assert_eq!(
        (status, model["loaded"].as_bool()),
        (StatusCode::OK, Some(false))
    );
    let (status, _) =
        json_of(server.post("/api/predict", pixels(Value::Array(vec![json!(0); 784])))?)?;
    assert_eq!(status, StatusCode::CONFLICT, "no model yet");
    assert_eq!(
        server.get("/api/train/events")?.status(),
        StatusCode::NOT_FOUND
    );
    for (body, field) in [
        (json!({ "iters": 0 }), "`iters`"),
        (json!({ "iters": "many" }), "`iters`"),
        (json!({ "activation": "tanh" }), "`activation`"),
    ] {
        let (status, reply) = json_of(server.post("/api/train", body.to_string())?)?;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert!(
            reply["error"]
                .as_str()
                .is_some_and(|m| m.starts_with(field)),
            "{reply}"
        );
    }

    let (status, reply) = json_of(server.post(
        "/api/train",
        json!({ "iters": 120, "activation": "relu" }).to_string(),
    )?)?;
    assert_eq!(status, StatusCode::ACCEPTED, "{reply}");
    let (status, reply) = json_of(server.post("/api/train", "{}")?)?;
    assert_eq!(
        status,
        StatusCode::CONFLICT,
        "a second run while the first goes: {reply}"
    );

    // A page that goes away mid-stream costs the run nothing.
    drop(server.get("/api/train/events")?);
    let events = sse_events(&server.get("/api/train/events")?.text()?)?;
    let losses = events.iter().filter(|e| e["type"] == "loss").count();
    let epochs = events.iter().filter(|e| e["type"] == "epoch").count();
    let last = events.last().cloned().unwrap_or_default();
    assert_eq!(last["type"], "done", "{last}");
    // 600 images in batches of 100: an epoch is 6 steps, measured after steps 0, 6, ..., 114.
    assert_eq!((losses, epochs), (120, 20));

    let model = Path::new(last["model"].as_str().unwrap_or_default()).to_path_buf();
    assert!(model.starts_with(server.runs()), "{}", model.display());
    let run_dir = model.parent().map(Path::to_path_buf).unwrap_or_default();
    for file in [
        "config.json",
        "metrics.csv",
        "findings.json",
        "loss.svg",
        "accuracy.svg",
        "misclassified.svg",
    ] {
        assert!(
            run_dir.join(file).is_file(),
            "{file} in {}",
            run_dir.display()
        );
    }
    // The same run as `cargo xtask train`'s: metrics.csv has a row per
    // iteration under its header, and the claim is released.
    let metrics = std::fs::read_to_string(run_dir.join("metrics.csv"))?;
    assert_eq!(metrics.lines().count(), 121, "{metrics:.200}");
    assert!(!run_dir.join(runs::CLAIM).exists());
    // The accuracy reported is the saved model's.
    assert_eq!(
        last["test_acc"].as_f64(),
        Some(saved_accuracy(&server, &model)?)
    );
    assert!(
        last["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("done after 120 iterations, test accuracy")),
        "{last}"
    );
    let (_, served) = json_of(server.get("/api/model")?)?;
    assert_eq!(served["model"].as_str(), model.to_str());
    assert_eq!(served["activation"], "relu");

    // What is served is what was saved.
    let saved: TwoLayerNet<f32> = checkpoint::load(&model)?;
    let (_, image) = json_of(server.get("/api/test-image/3")?)?;
    let (_, y) = json_of(server.post("/api/predict", pixels(image["pixels"].clone()))?)?;
    let bytes: Vec<u8> = serde_json::from_value(image["pixels"].clone())?;
    let x =
        nalgebra::DMatrix::from_row_iterator(1, 784, bytes.iter().map(|&b| f32::from(b) / 255.0));
    let expected = tensor_ops::argmax_rows(&saved.predict(&x));
    assert_eq!(y["predicted"].as_u64(), expected.first().map(|&d| d as u64));
    Ok(())
}

/// The test accuracy of the model saved at `model`, on the server's data.
fn saved_accuracy(server: &TestServer, model: &Path) -> anyhow::Result<f64> {
    let saved: TwoLayerNet<f32> = checkpoint::load(model)?;
    let mnist = MnistData::load(server.runs().join("data"), Needs::Both)?;
    Ok(twolayer::fast::evaluate(&saved, &mnist.test()?))
}

/// The logged events of a server-sent-events body: each `data:` line is a
/// JSON array of events ending with a `progress` event, left out.
fn sse_events(body: &str) -> anyhow::Result<Vec<Value>> {
    Ok(sse_messages(body)?
        .into_iter()
        .flatten()
        .filter(|event| event["type"] != "progress")
        .collect())
}

/// The messages of a server-sent-events body, each a JSON array.
fn sse_messages(body: &str) -> anyhow::Result<Vec<Vec<Value>>> {
    let mut messages = Vec::new();
    for line in body.lines() {
        if let Some(data) = line
            .strip_prefix("data: ")
            .or_else(|| line.strip_prefix("data:"))
        {
            messages.push(serde_json::from_str(data)?);
        }
    }
    Ok(messages)
}
