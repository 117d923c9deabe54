//! The page itself: HTML, JS modules and CSS embedded in the binary (no CDN,
//! no build step, works offline).

use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};

/// Every file of the page but `index.html`: its name under `/assets/`, its
/// content type and its bytes. One JS module per view (`draw`, `train`,
/// `mistakes`, `figures`) over the shared `core` module; `app` starts them.
pub const ASSETS: &[(&str, &str, &str)] = &[
    ("app.js", JAVASCRIPT, include_str!("assets/app.js")),
    ("core.js", JAVASCRIPT, include_str!("assets/core.js")),
    ("draw.js", JAVASCRIPT, include_str!("assets/draw.js")),
    ("train.js", JAVASCRIPT, include_str!("assets/train.js")),
    (
        "train-chart.js",
        JAVASCRIPT,
        include_str!("assets/train-chart.js"),
    ),
    (
        "mistakes.js",
        JAVASCRIPT,
        include_str!("assets/mistakes.js"),
    ),
    ("figures.js", JAVASCRIPT, include_str!("assets/figures.js")),
    ("style.css", CSS, include_str!("assets/style.css")),
    ("train.css", CSS, include_str!("assets/train.css")),
    ("figures.css", CSS, include_str!("assets/figures.css")),
];

const JAVASCRIPT: &str = "text/javascript; charset=utf-8";
const CSS: &str = "text/css; charset=utf-8";

/// `GET /`.
pub async fn index() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        include_str!("assets/index.html"),
    )
}

/// `GET /assets/{name}`: one of [`ASSETS`], else the JSON 404.
pub async fn asset(Path(name): Path<String>) -> Response {
    match ASSETS.iter().find(|(file, _, _)| *file == name) {
        Some((_, content_type, body)) => {
            ([(header::CONTENT_TYPE, *content_type)], *body).into_response()
        }
        None => crate::api::not_found().await,
    }
}
