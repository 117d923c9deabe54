//! `GET /api/misclassified`: every test image the served model gets
//! wrong, paged and filtered by true and predicted digit, with the
//! confusion matrix whose off-diagonal cells they fill.

use std::sync::Arc;

use axum::extract::{Query as QueryString, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Value, json};

use super::query::{self, Query};
use super::{error, no_model, not_finite, reply, summary};
use crate::state::AppState;

/// Images per page.
pub const PER_PAGE: usize = 48;

/// `GET /api/misclassified[?page=p][&true=d][&predicted=d]`: `{"wrong",
/// "tested", "test_accuracy", "confusion": [10][10] (matrix[true][predicted]),
/// "matching" (the mistakes the filters keep), "page", "pages", "per_page",
/// "images": [{"index", "label", "predicted", "probability", "pixels"}]}`,
/// page `p` (from 0) of the mistakes whose true label is `true` and whose
/// prediction is `predicted` (each filter optional), in test-set order.
pub async fn misclassified(
    State(state): State<Arc<AppState>>,
    QueryString(query): QueryString<Query>,
) -> Response {
    let Some(served) = state.served() else {
        return no_model();
    };
    let (_, _, classes) = served.net.dims();
    let filters = query::only(&query, &["page", "true", "predicted"]).and_then(|()| {
        Ok((
            query::index(&query, "true", classes)?,
            query::index(&query, "predicted", classes)?,
        ))
    });
    let (label, predicted) = match filters {
        Ok(filters) => filters,
        Err(message) => return error(StatusCode::BAD_REQUEST, message),
    };
    let Some(summary) = summary(&state, &served).await else {
        return not_finite(&served);
    };
    let matching: Vec<_> = summary
        .mistakes
        .iter()
        .filter(|miss| label.is_none_or(|d| miss.label == d))
        .filter(|miss| predicted.is_none_or(|d| miss.predicted == d))
        .collect();
    let pages = matching.len().div_ceil(PER_PAGE).max(1);
    let page = match query::index(&query, "page", pages) {
        Ok(page) => page.unwrap_or(0),
        Err(message) => return error(StatusCode::BAD_REQUEST, message),
    };
    let test = state.test();
    let images: Vec<Value> = matching
        .iter()
        .skip(page * PER_PAGE)
        .take(PER_PAGE)
        .map(|miss| {
            json!({
                "index": miss.index,
                "label": miss.label,
                "predicted": miss.predicted,
                "probability": miss.probability,
                "pixels": studies::mistakes::image(&test, miss.index),
            })
        })
        .collect();
    reply(
        StatusCode::OK,
        &json!({
            "wrong": summary.mistakes.len(),
            "tested": test.len(),
            "test_accuracy": summary.test_accuracy,
            "confusion": summary.confusion,
            "matching": matching.len(),
            "page": page,
            "pages": pages,
            "per_page": PER_PAGE,
            "images": images,
        }),
    )
}
