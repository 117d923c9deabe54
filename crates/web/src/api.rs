//! The read-only API of the page: the served model, predictions with the
//! hidden activations, test images, a hidden unit's weights, and the test
//! images the model gets wrong. Every reply is JSON; every error is
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

/// 409 when no model is loaded yet.
fn no_model() -> Response {
    error(
        StatusCode::CONFLICT,
        "no model is loaded: start `cargo xtask serve --model FILE` or train one from the page",
    )
}

/// `GET /api/model`: the served model's shape and file (and `"stopped":
/// "stopped after N of M iterations"` for a run stopped early, else
/// null), or `"loaded": false`.
pub async fn model(State(state): State<Arc<AppState>>) -> Response {
    let training = state.run().is_some_and(|run| !run.is_finished());
    let test_images = state.test().len();
    let body = match state.served() {
        Some(served) => {
            let (input, hidden, output) = served.net.dims();
            json!({
                "loaded": true,
                "input": input,
                "hidden": hidden,
                "output": output,
                "activation": served.net.activation.to_string(),
                "model": served.model.display().to_string(),
                "run_dir": served.model.parent().map(|dir| dir.display().to_string()),
                "training": training,
                "test_images": test_images,
                "stopped": served.stopped.map(|at| at.to_string()),
            })
        }
        None => json!({ "loaded": false, "training": training, "test_images": test_images }),
    };
    reply(StatusCode::OK, &body)
}

/// `POST /api/predict` with `{"pixels": [784 numbers in 0..=255]}`:
/// `{"probabilities": [10], "predicted": d, "hidden": [hidden]}`.
pub async fn predict(State(state): State<Arc<AppState>>, body: Bytes) -> Response {
    let Some(served) = state.served() else {
        return no_model();
    };
    let (input, _, _) = served.net.dims();
    let x = match input::object(&body).and_then(|fields| {
        let pixels = input::pixels(&fields, input)?;
        input::only(&fields, &["pixels"]).map(|()| pixels)
    }) {
        Ok(pixels) => DMatrix::from_row_slice(1, input, &pixels),
        Err(message) => return error(StatusCode::BAD_REQUEST, message),
    };
    match prediction(&served, &x) {
        Some(body) => reply(StatusCode::OK, &body),
        None => not_finite(&served),
    }
}

/// 500 for a model whose outputs on an input are not finite numbers.
fn not_finite(served: &Served) -> Response {
    error(
        StatusCode::INTERNAL_SERVER_ERROR,
        format!(
            "the model {} gives outputs that are not finite numbers (its weights overflow \
             f32): retrain it, with a smaller learning rate or weight init",
            served.model.display()
        ),
    )
}

/// The probabilities, the predicted class and the hidden activations of
/// one image `x: (1, input)`; `None` when any of them is not finite.
fn prediction(served: &Served, x: &DMatrix<f32>) -> Option<Value> {
    let y = tensor_ops::softmax_rows(&served.net.predict(x));
    let z1 = served.net.hidden(x);
    if !y.iter().chain(z1.iter()).all(|v| v.is_finite()) {
        return None;
    }
    let predicted = tensor_ops::argmax_rows(&y).first().copied().unwrap_or(0);
    Some(json!({
        "probabilities": y.row(0).iter().collect::<Vec<_>>(),
        "predicted": predicted,
        "hidden": z1.row(0).iter().collect::<Vec<_>>(),
    }))
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

/// `GET /api/weights/{unit}`: `{"unit", "weights": [784]}`, the column of
/// `W1` that feeds hidden unit `unit` (what it looks for in an image).
pub async fn weights(State(state): State<Arc<AppState>>, Path(unit): Path<String>) -> Response {
    let Some(served) = state.served() else {
        return no_model();
    };
    let w1 = &served.net.params.w1;
    match input::index("unit", &unit, w1.ncols()) {
        Ok(j) => reply(
            StatusCode::OK,
            &json!({ "unit": j, "weights": w1.column(j).iter().collect::<Vec<_>>() }),
        ),
        Err(message) => error(StatusCode::BAD_REQUEST, message),
    }
}

/// `GET /api/misclassified`: `{"wrong", "tested", "images": [{"index",
/// "label", "predicted", "probability", "pixels"}]}`, the first 64 test
/// images the model gets wrong (computed on a blocking thread).
pub async fn misclassified(State(state): State<Arc<AppState>>) -> Response {
    let Some(served) = state.served() else {
        return no_model();
    };
    let served_again = Arc::clone(&served);
    let work = tokio::task::spawn_blocking(move || {
        let test = state.test();
        let misses = studies::first_misclassified(&served.net, &test, test.len());
        if !misses.iter().all(|miss| miss.probability.is_finite()) {
            return None;
        }
        let n = test.features();
        let images: Vec<Value> = misses
            .iter()
            .take(plots::MISCLASSIFIED)
            .map(|miss| {
                json!({
                    "index": miss.index,
                    "label": miss.label,
                    "predicted": miss.predicted,
                    "probability": miss.probability,
                    "pixels": &test.inputs()[miss.index * n..(miss.index + 1) * n],
                })
            })
            .collect();
        Some(json!({ "wrong": misses.len(), "tested": test.len(), "images": images }))
    });
    match work.await {
        Ok(Some(body)) => reply(StatusCode::OK, &body),
        Ok(None) => not_finite(&served_again),
        Err(join) => error(StatusCode::INTERNAL_SERVER_ERROR, join.to_string()),
    }
}

/// Any other path: 404 with the list of routes.
pub async fn not_found() -> Response {
    error(
        StatusCode::NOT_FOUND,
        "no such page; the API is /api/model, /api/predict, /api/test-image/{index}, \
         /api/weights/{unit}, /api/misclassified, /api/train, /api/train/stop, \
         /api/train/events",
    )
}
