//! The page itself: HTML, JS modules and CSS embedded in the binary (no CDN,
//! no build step, works offline).

use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};

/// Every file of the page but `index.html`: its name under `/assets/`, its
/// content type and its bytes. One JS module per view (`draw`, `train`,
/// `weights`, `mistakes`, `figures`) over the shared `core` module; `app`
/// starts them; the favicon.
pub const ASSETS: &[(&str, &str, &str)] = &[
    ("app.js", JAVASCRIPT, include_str!("assets/app.js")),
    ("core.js", JAVASCRIPT, include_str!("assets/core.js")),
    ("draw.js", JAVASCRIPT, include_str!("assets/draw.js")),
    ("predict.js", JAVASCRIPT, include_str!("assets/predict.js")),
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
    ("weights.js", JAVASCRIPT, include_str!("assets/weights.js")),
    ("favicon.svg", SVG, include_str!("assets/favicon.svg")),
    ("style.css", CSS, include_str!("assets/style.css")),
    ("train.css", CSS, include_str!("assets/train.css")),
    ("figures.css", CSS, include_str!("assets/figures.css")),
];

/// The page itself, served at `/`.
pub const INDEX: &str = include_str!("assets/index.html");

const JAVASCRIPT: &str = "text/javascript; charset=utf-8";
const CSS: &str = "text/css; charset=utf-8";
const SVG: &str = "image/svg+xml";

/// `GET /`.
pub async fn index() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], INDEX)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The most bytes the whole page (index and every asset, uncompressed)
    /// may weigh: it loads at once on a slow machine.
    const PAGE_BUDGET: usize = 250_000;

    /// Every file the page loads: the index and the assets.
    fn files() -> impl Iterator<Item = (&'static str, &'static str)> {
        std::iter::once(("index.html", INDEX))
            .chain(ASSETS.iter().map(|(name, _, body)| (*name, *body)))
    }

    #[test]
    fn the_whole_page_is_under_its_budget() {
        let total: usize = files().map(|(_, body)| body.len()).sum();
        assert!(
            total <= PAGE_BUDGET,
            "the page weighs {total} bytes; the budget is {PAGE_BUDGET}"
        );
    }

    #[test]
    fn the_page_asks_no_other_host_for_anything() {
        // The SVG namespace is a name, not a request.
        const SVG_NAMESPACE: &str = "http://www.w3.org/2000/svg";
        for (name, body) in files() {
            let body = body.replace(SVG_NAMESPACE, "");
            for scheme in ["http://", "https://", "//cdn", "//fonts."] {
                assert!(
                    !body.contains(scheme),
                    "{name} names another host ({scheme})"
                );
            }
        }
    }

    #[test]
    fn every_asset_the_index_names_is_served() {
        for name in INDEX
            .split("/assets/")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
        {
            assert!(ASSETS.iter().any(|(file, _, _)| *file == name), "{name}");
        }
        for (name, _, body) in ASSETS {
            for import in body
                .split("from \"./")
                .skip(1)
                .filter_map(|rest| rest.split('"').next())
            {
                assert!(
                    ASSETS.iter().any(|(file, _, _)| *file == import),
                    "{name} imports {import}"
                );
            }
        }
    }
}
