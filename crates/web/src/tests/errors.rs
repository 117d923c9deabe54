//! Every error reply is JSON `{"error": ...}` (413, 405, 404 included),
//! unknown fields are refused by name, and a model whose outputs are not
//! finite gives an error, not `null` probabilities.

use rand::SeedableRng;
use rand::rngs::ChaCha12Rng;
use reqwest::StatusCode;
use serde_json::{Value, json};
use twolayer::{Activation, TwoLayerNet};

use super::{TestServer, json_of, pixels};
use crate::{BODY_LIMIT, Served};

#[test]
fn every_error_reply_is_json_with_its_message() -> anyhow::Result<()> {
    let server = TestServer::start(true)?;
    let huge = vec![b' '; BODY_LIMIT + 1];
    let too_large = server.post("/api/predict", huge)?;
    assert_eq!(
        too_large.headers().get("connection").map(|v| v.as_bytes()),
        Some(&b"close"[..]),
        "a refused body is not read, so its connection is not kept"
    );
    let (status, reply) = json_of(too_large)?;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{reply}");
    assert!(
        reply["error"]
            .as_str()
            .is_some_and(|m| m.contains(&format!("limit of {BODY_LIMIT} bytes"))),
        "{reply}"
    );
    let (status, reply) = json_of(server.get("/api/predict")?)?;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "{reply}");
    assert!(
        reply["error"]
            .as_str()
            .is_some_and(|m| m.starts_with("GET is not allowed on /api/predict")),
        "{reply}"
    );
    let (status, reply) = json_of(server.post("/api/model", "{}")?)?;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "{reply}");
    assert!(reply["error"].is_string(), "{reply}");
    let (status, reply) = json_of(server.post("/nothing/here", "{}")?)?;
    assert_eq!(status, StatusCode::NOT_FOUND, "{reply}");
    assert!(reply["error"].is_string(), "{reply}");
    Ok(())
}

#[test]
fn unknown_fields_are_refused_by_name() -> anyhow::Result<()> {
    let server = TestServer::start(true)?;
    let (status, reply) = json_of(server.post("/api/train", json!({ "bogus": 1 }).to_string())?)?;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{reply}");
    assert_eq!(
        reply["error"].as_str(),
        Some(
            "unknown field `bogus`: expected `lr`, `batch_size`, `hidden`, `activation`, \
             `weight_init_std`, `sampling`, `gradient`, `seed`, `iters`"
        )
    );
    assert!(server.state.run().is_none(), "no run was started");
    let body = json!({ "pixels": vec![0; 784], "extra": true }).to_string();
    let (status, reply) = json_of(server.post("/api/predict", body)?)?;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{reply}");
    assert!(
        reply["error"]
            .as_str()
            .is_some_and(|m| m.starts_with("unknown field `extra`")),
        "{reply}"
    );
    Ok(())
}

#[test]
fn a_model_whose_outputs_overflow_is_an_error_not_nulls() -> anyhow::Result<()> {
    let server = TestServer::start(true)?;
    let mut net = TwoLayerNet::<f32>::new(
        784,
        50,
        10,
        0.01,
        Activation::Relu,
        &mut ChaCha12Rng::seed_from_u64(1),
    );
    net.params.w1.fill(1e38);
    net.params.w2.fill(1e38);
    server.state.serve(Served {
        net,
        model: server.runs().join("huge.safetensors"),
        stopped: None,
    });
    let (status, reply) =
        json_of(server.post("/api/predict", pixels(Value::Array(vec![json!(255); 784])))?)?;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR, "{reply}");
    assert!(
        reply["error"]
            .as_str()
            .is_some_and(|m| m.contains("not finite")),
        "{reply}"
    );
    let (status, model) = json_of(server.get("/api/model")?)?;
    assert_eq!(
        status,
        StatusCode::OK,
        "the model is still described: {model}"
    );
    assert!(model["test_accuracy"].is_null(), "{model}");
    let (status, reply) = json_of(server.get("/api/misclassified")?)?;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR, "{reply:.200}");
    Ok(())
}
