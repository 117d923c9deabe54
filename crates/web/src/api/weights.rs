//! The served model's weights: every hidden unit's `W1` column and `W2`
//! row in one reply (the weights view), or one unit's column.

use std::sync::Arc;

use axum::extract::{Path, Query as QueryString, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::json;

use super::query::{self, Query};
use super::{error, no_model, reply};
use crate::input;
use crate::state::AppState;

/// The most hidden units one `GET /api/weights` reply holds (each 784
/// weights): about 2 MB of JSON at most; `from` pages on.
pub const MAX_UNITS: usize = 200;

/// `GET /api/weights[?from=j]`: units `j..j+n` (`n` at most
/// [`MAX_UNITS`]) of the served model: `{"hidden", "from", "w1": [n][784]
/// (W1's columns), "w2": [n][10] (W2's rows), "b1": [n], "b2": [10],
/// "w1_scale": max |W1|, "w2_scale": max |W2|}`, the scales over every
/// unit so that tiles of any page share one colour scale.
pub async fn all(
    State(state): State<Arc<AppState>>,
    QueryString(query): QueryString<Query>,
) -> Response {
    let Some(served) = state.served() else {
        return no_model();
    };
    let p = &served.net.params;
    let hidden = p.w1.ncols();
    let from = match query::only(&query, &["from"])
        .and_then(|()| query::index(&query, "from", hidden.max(1)))
    {
        Ok(from) => from.unwrap_or(0),
        Err(message) => return error(StatusCode::BAD_REQUEST, message),
    };
    let units = from..hidden.min(from + MAX_UNITS);
    let columns = studies::w1_columns(&served.net);
    let largest = |m: &nalgebra::DMatrix<f32>| m.iter().fold(0.0_f32, |a, w| a.max(w.abs()));
    reply(
        StatusCode::OK,
        &json!({
            "hidden": hidden,
            "from": from,
            "w1": &columns[units.clone()],
            "w2": units.clone().map(|j| p.w2.row(j).iter().copied().collect::<Vec<f32>>()).collect::<Vec<_>>(),
            "b1": p.b1.as_slice()[units].to_vec(),
            "b2": p.b2.as_slice(),
            "w1_scale": studies::shared_scale(&columns),
            "w2_scale": largest(&p.w2),
        }),
    )
}

/// `GET /api/weights/{unit}`: `{"unit", "weights": [784]}`, the column of
/// `W1` that feeds hidden unit `unit` (what it looks for in an image).
pub async fn unit(State(state): State<Arc<AppState>>, Path(unit): Path<String>) -> Response {
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
