//! The Chapter 4 view's data: `GET /api/figures/{name}`, each of the
//! chapter's figures computed with its knobs by the same library functions
//! as `cargo xtask figures` (and `init-study`, `xor`), so that the page and
//! the committed figures cannot disagree. The knobs are query parameters,
//! each bounded (400 naming the bound); replies are JSON, with infinity
//! and NaN sent as `null` and a note in `"notes"`; `xor` streams its run as
//! server-sent events.

mod calculus;
mod descent;
mod init_study;
mod knobs;
mod sweep;
pub(crate) mod xor;

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::Value;

pub use sweep::ShortRun;
pub use xor::MAX_XOR_RUNS;

use crate::api::{error, reply};
use crate::state::AppState;
use knobs::{Knobs, Refused};

/// The figures served, by the names of `cargo xtask figures` (and of the
/// `init-study` and `xor` commands).
pub const NAMES: [&str; 8] = [
    "tangent",
    "rounding-error",
    "gradient-field",
    "gradient-descent",
    "saddle-and-plateau",
    "loss-vs-accuracy",
    "init-study",
    "xor",
];

/// `GET /api/figures/{name}?knobs`: the figure's data as JSON (computed on
/// a blocking thread), `xor`'s run as server-sent events; 404 naming the
/// figures for another name, 400 naming a bad knob and its bounds.
pub async fn figure(
    State(state): State<Arc<AppState>>,
    Path(name): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let knobs = Knobs(query);
    if name == "xor" {
        return xor::events(&knobs, &state.xor_runs)
            .unwrap_or_else(|(status, message)| error(status, message));
    }
    if !NAMES.contains(&name.as_str()) {
        return error(
            StatusCode::NOT_FOUND,
            format!("no figure `{name}`; the figures are {}", NAMES.join(", ")),
        );
    }
    let work = tokio::task::spawn_blocking(move || compute(&state, &name, &knobs));
    match work.await {
        Ok(Ok(value)) => reply(StatusCode::OK, &value),
        Ok(Err((status, message))) => error(status, message),
        Err(join) => error(StatusCode::INTERNAL_SERVER_ERROR, join.to_string()),
    }
}

/// The JSON of figure `name` (one of [`NAMES`] but `xor`).
fn compute(state: &AppState, name: &str, knobs: &Knobs) -> Result<Value, Refused> {
    match name {
        "tangent" => calculus::tangent(knobs),
        "rounding-error" => calculus::rounding_error(knobs),
        "gradient-field" => descent::gradient_field(knobs),
        "gradient-descent" => descent::gradient_descent(knobs),
        "saddle-and-plateau" => descent::saddle_and_plateau(knobs),
        "loss-vs-accuracy" => sweep::loss_vs_accuracy(state, knobs),
        _ => init_study::init_study(state, knobs),
    }
}
