//! Training from the page, one run at a time, steered by every open tab:
//!
//! | route | body | reply |
//! | --- | --- | --- |
//! | `POST /api/train` | the knobs ([`knobs`]) | 202 `{"started": true, "config"}`; 400 `{"error", "field"}`; 409 while a run goes |
//! | `POST /api/train/check` | the knobs | 200 `{"config", "numerical"}` (`numerical`: null, or the timed cost `{"step_seconds", "run_seconds"}`); 400 as above |
//! | `POST /api/train/control` | `{"paused"?, "step"?, "pace"?, "lr"?}` ([`controls`]) | 200 `{"paused", "pace", "lr"}`; 400; 409 when no run goes |
//! | `POST /api/train/stop` | | 202 `{"stopping": true}`; 409 when no run goes |
//! | `GET /api/train/events` | | the current (or last) run's log as server-sent events ([`log`]); 404 before any run |
//!
//! The events, each message a JSON array: `start` (`config`, `stride`),
//! `loss` (`iteration`, `loss`), `epoch` (`epoch`, `iteration`,
//! `train_acc`, `test_acc`), `lr` (`iteration`, `lr`: a change, from that
//! iteration on), and last `done` or `stopped` (`model`, `test_acc` of the
//! saved model, `iteration`, `iters`) or `failed` (`error`), each with its
//! `message`. Each message ends with a `progress` event (`iteration`,
//! `iters`, `elapsed` seconds, `paused`, `pace`, `lr`, `finished`).

mod controls;
mod knobs;
mod log;
mod run;

use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::sse::Sse;
use axum::response::{IntoResponse, Response};
use serde_json::json;
use twolayer::{GradientMethod, TrainConfig};

use crate::api::{error, reply};
use crate::state::AppState;
pub use knobs::MAX_ITERS;
pub use log::TrainRun;

/// 400 `{"error", "field"}` for a refused body.
fn refused(refused: knobs::Refused) -> Response {
    reply(
        StatusCode::BAD_REQUEST,
        &json!({ "error": refused.message, "field": refused.field }),
    )
}

/// The run `body` asks for, on the server's training set.
fn config_of(state: &AppState, body: &[u8]) -> Result<TrainConfig, knobs::Refused> {
    knobs::train_config(body, state.train().len())
}

/// `POST /api/train`: starts a run of the knobs in the body.
pub async fn start(State(state): State<Arc<AppState>>, body: Bytes) -> Response {
    let config = match config_of(&state, &body) {
        Ok(config) => config,
        Err(refusal) => return refused(refusal),
    };
    let knobs = knobs::to_json(&config);
    let Some(run) = state.start_run(|| TrainRun::new(config)) else {
        return error(
            StatusCode::CONFLICT,
            "a training run is already going; stop it or wait for it to finish",
        );
    };
    let worker = Arc::clone(&state);
    tokio::task::spawn_blocking(move || run::train(&worker, &run));
    reply(
        StatusCode::ACCEPTED,
        &json!({ "started": true, "config": knobs }),
    )
}

/// `POST /api/train/check`: the knobs checked as `start` checks them, and
/// for the numerical gradient its cost, timed on one step (one timing at a
/// time: 503 while another is measured).
pub async fn check(State(state): State<Arc<AppState>>, body: Bytes) -> Response {
    let config = match config_of(&state, &body) {
        Ok(config) => config,
        Err(refusal) => return refused(refusal),
    };
    let knobs = knobs::to_json(&config);
    if config.gradient != GradientMethod::Numerical {
        return reply(
            StatusCode::OK,
            &json!({ "config": knobs, "numerical": null }),
        );
    }
    if state.timing.swap(true, Ordering::AcqRel) {
        return error(
            StatusCode::SERVICE_UNAVAILABLE,
            "another cost is being measured; ask again in a moment",
        );
    }
    let worker = Arc::clone(&state);
    let timed = tokio::task::spawn_blocking(move || {
        let step = twolayer::fast::numerical_step_time(&config, &worker.train());
        worker.timing.store(false, Ordering::Release);
        step.as_secs_f64()
    })
    .await;
    let Ok(step) = timed else {
        state.timing.store(false, Ordering::Release);
        return error(StatusCode::INTERNAL_SERVER_ERROR, "the timing failed");
    };
    let iters = knobs["iters"].as_f64().unwrap_or_default();
    reply(
        StatusCode::OK,
        &json!({
            "config": knobs,
            "numerical": { "step_seconds": step, "run_seconds": step * iters },
        }),
    )
}

/// The run going, if any.
fn going(state: &AppState) -> Option<Arc<TrainRun>> {
    state.run().filter(|run| !run.is_finished())
}

/// 409 when no run is going.
fn none_going() -> Response {
    error(StatusCode::CONFLICT, "no training run is going")
}

/// `POST /api/train/control`: pause, resume, single steps, pace, learning
/// rate (checked as `--lr` is, [`runs::check_train`]).
pub async fn control(State(state): State<Arc<AppState>>, body: Bytes) -> Response {
    let Some(run) = going(&state) else {
        return none_going();
    };
    let check_lr = |lr: f64| {
        let config = TrainConfig {
            learning_rate: lr,
            ..run.config().clone()
        };
        runs::check_train(&config)
            .map_err(|refused| format!("`lr` is {}: {}", refused.value(), refused.problem()))
    };
    if let Err(message) = run.controls.apply(&body, check_lr) {
        return error(StatusCode::BAD_REQUEST, message);
    }
    run.announce();
    reply(StatusCode::OK, &run.controls.to_json())
}

/// `POST /api/train/stop`: the run stops after its current step (a paused
/// one too) and is saved as it is.
pub async fn stop(State(state): State<Arc<AppState>>) -> Response {
    match going(&state) {
        Some(run) => {
            run.request_stop();
            reply(StatusCode::ACCEPTED, &json!({ "stopping": true }))
        }
        None => none_going(),
    }
}

/// `GET /api/train/events`.
pub async fn events(State(state): State<Arc<AppState>>) -> Response {
    match state.run() {
        Some(run) => Sse::new(log::event_stream(run)).into_response(),
        None => error(StatusCode::NOT_FOUND, "no training run has started"),
    }
}
