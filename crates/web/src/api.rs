//! The read-only API of the page: the served model, predictions with the
//! forward pass's every stage, test images, the weights (`weights.rs`),
//! and the test images the model gets wrong (`mistakes.rs`). Every reply is JSON; every error is
//! `{"error": message}` with its status code.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use nalgebra::DMatrix;
use serde_json::{Value, json};

use crate::input;
use crate::state::{AppState, Served};
use crate::summary::Summary;

pub use predict_socket::{MAX_PREDICT_SOCKETS, predict_socket};

pub mod mistakes;
mod predict_socket;
mod query;
pub mod weights;

/// A JSON reply with `status`.
pub fn reply(status: StatusCode, value: &Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        value.to_string(),
    )
        .into_response()
}

/// `{"error": message}` with `status`.
pub fn error(status: StatusCode, message: impl Into<String>) -> Response {
    reply(status, &json!({ "error": message.into() }))
}

/// What [`no_model`] says.
const NO_MODEL: &str =
    "no model is loaded: start `cargo xtask serve --model FILE` or train one from the page";

/// 409 when no model is loaded yet.
pub fn no_model() -> Response {
    error(StatusCode::CONFLICT, NO_MODEL)
}

/// `GET /api/model`: the served model's shape, file, run (its
/// directory's name), test accuracy and the top of its hidden activations'
/// scale (`hidden_max`: 1 for sigmoid, the largest over the test set for
/// ReLU; both null when its outputs are not finite), and `"stopped":
/// "stopped after N of M iterations"` for a run stopped early (else null);
/// or `"loaded": false`.
pub async fn model(State(state): State<Arc<AppState>>) -> Response {
    let training = state.run().is_some_and(|run| !run.is_finished());
    let test_images = state.test().len();
    let Some(served) = state.served() else {
        let body = json!({ "loaded": false, "training": training, "test_images": test_images });
        return reply(StatusCode::OK, &body);
    };
    // A model whose outputs overflow is still described (its accuracy and
    // scale null); predict and misclassified say what is wrong with it.
    let summary = summary(&state, &served).await;
    let (input, hidden, output) = served.net.dims();
    let body = json!({
        "loaded": true,
        "input": input,
        "hidden": hidden,
        "output": output,
        "activation": served.net.activation.to_string(),
        "model": served.model.display().to_string(),
        "run_dir": served.model.parent().map(|dir| dir.display().to_string()),
        "run": crate::summary::run_name(&served.model),
        "test_accuracy": summary.as_ref().map(|s| s.test_accuracy),
        "hidden_max": summary.as_ref().map(|s| s.hidden_max),
        "training": training,
        "test_images": test_images,
        "stopped": served.stopped.map(|at| at.to_string()),
    });
    reply(StatusCode::OK, &body)
}

/// The summary of `served` on the test set (computed on a blocking thread
/// the first time), or `None` when its predictions are not finite.
pub async fn summary(state: &Arc<AppState>, served: &Arc<Served>) -> Option<Arc<Summary>> {
    let (state, served) = (Arc::clone(state), Arc::clone(served));
    let summary = tokio::task::spawn_blocking(move || state.summary(&served))
        .await
        .ok()?;
    summary.finite.then_some(summary)
}

/// `POST /api/predict` with `{"pixels": [784 numbers in 0..=255]}`: every
/// stage of the forward pass ([`twolayer::Trace`]): `{"hidden": [hidden],
/// "scores": [10], "probabilities": [10], "predicted": d, "contributions":
/// [hidden]}`, where `contributions[j] = hidden[j] * W2[j, predicted]`.
/// The same over a WebSocket: [`predict_socket`].
pub async fn predict(State(state): State<Arc<AppState>>, body: Bytes) -> Response {
    match prediction(&state, &body) {
        Ok(value) => reply(StatusCode::OK, &value),
        Err((status, message)) => error(status, message),
    }
}

/// The reply of [`predict`] to `body`, or its error's status and message:
/// 409 without a model, 400 for a body that is not `{"pixels": [...]}`,
/// 500 for a model whose outputs are not finite.
pub fn prediction(state: &AppState, body: &[u8]) -> Result<Value, (StatusCode, String)> {
    let served = state
        .served()
        .ok_or_else(|| (StatusCode::CONFLICT, NO_MODEL.to_owned()))?;
    let (input, _, _) = served.net.dims();
    let pixels = input::object(body)
        .and_then(|fields| {
            let pixels = input::pixels(&fields, input)?;
            input::only(&fields, &["pixels"]).map(|()| pixels)
        })
        .map_err(|message| (StatusCode::BAD_REQUEST, message))?;
    let trace = served
        .net
        .trace(&DMatrix::from_row_slice(1, input, &pixels));
    if !trace.is_finite() {
        return Err((
            StatusCode::INTERNAL_SERVER_ERROR,
            not_finite_message(&served),
        ));
    }
    let list = |v: &nalgebra::DVector<f32>| v.iter().copied().collect::<Vec<f32>>();
    Ok(json!({
        "hidden": list(&trace.hidden),
        "scores": list(&trace.scores),
        "probabilities": list(&trace.probabilities),
        "predicted": trace.predicted,
        "contributions": list(&trace.contributions),
    }))
}

/// 500 for a model whose outputs on an input are not finite numbers.
pub fn not_finite(served: &Served) -> Response {
    error(
        StatusCode::INTERNAL_SERVER_ERROR,
        not_finite_message(served),
    )
}

/// What [`not_finite`] says.
fn not_finite_message(served: &Served) -> String {
    format!(
        "the model {} gives outputs that are not finite numbers (its weights overflow \
         f32): retrain it, with a smaller learning rate or weight init",
        served.model.display()
    )
}

/// `GET /api/test-image/{index}`: `{"index", "label", "pixels": [784 bytes]}`.
pub async fn test_image(State(state): State<Arc<AppState>>, Path(index): Path<String>) -> Response {
    let test = state.test();
    match input::index("index", &index, test.len()) {
        Ok(i) => {
            let n = test.features();
            reply(
                StatusCode::OK,
                &json!({
                    "index": i,
                    "label": test.labels()[i],
                    "pixels": &test.inputs()[i * n..(i + 1) * n],
                }),
            )
        }
        Err(message) => error(StatusCode::BAD_REQUEST, message),
    }
}

/// Any other path: 404 with the list of routes.
pub async fn not_found() -> Response {
    error(
        StatusCode::NOT_FOUND,
        "no such page; the API is /api/model, /api/predict, /api/predict/socket, \
         /api/test-image/{index}, /api/weights, /api/weights/{unit}, /api/misclassified, \
         /api/train, /api/train/stop, /api/train/events, /api/figures/{name}",
    )
}
