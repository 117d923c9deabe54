#![doc = include_str!("../README.md")]

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use tower_http::limit::RequestBodyLimitLayer;
use twolayer::{TwoLayerNet, checkpoint};

mod api;
mod error;
mod figures;
mod input;
mod json_errors;
mod listener;
mod page;
mod slots;
mod state;
mod summary;
mod training;

#[cfg(test)]
mod tests;

pub use error::Error;
pub use listener::WRITE_TIMEOUT;
pub use state::{AppState, Served, StoppedAt};
pub use training::MAX_ITERS;

/// The port the page is served on unless told otherwise.
pub const DEFAULT_PORT: u16 = 8080;

/// The largest request body accepted: a predict body is at most ~16 KB
/// (784 numbers); a larger one gets 413 without being read into memory.
pub const BODY_LIMIT: usize = 256 * 1024;

/// Serves `state` on `address` until the process is stopped, on a
/// multi-threaded tokio runtime of its own; `on_listening` gets the bound
/// address (port 0 picks a free one) once the server accepts connections.
///
/// # Errors
/// [`Error::Runtime`], [`Error::Listen`], or [`Error::Stopped`] when the
/// server stops on an error.
pub fn serve(
    state: Arc<AppState>,
    address: SocketAddr,
    on_listening: impl FnOnce(SocketAddr),
) -> Result<(), Error> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(Error::Runtime)?;
    runtime.block_on(async {
        let listen = |error| Error::Listen { address, error };
        let listener = tokio::net::TcpListener::bind(address)
            .await
            .map_err(listen)?;
        on_listening(listener.local_addr().map_err(listen)?);
        let listener = listener::SlowReaders::new(listener, listener::WRITE_TIMEOUT);
        axum::serve(listener, router(state))
            .await
            .map_err(Error::Stopped)
    })
}

/// Every route of the page and its API, with the body limit.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/", get(page::index))
        .route("/assets/{name}", get(page::asset))
        .route("/api/model", get(api::model))
        .route("/api/predict", post(api::predict))
        .route("/api/predict/socket", get(api::predict_socket))
        .route("/api/test-image/{index}", get(api::test_image))
        .route("/api/weights", get(api::weights::all))
        .route("/api/weights/{unit}", get(api::weights::unit))
        .route("/api/misclassified", get(api::mistakes::misclassified))
        .route("/api/train", post(training::start))
        .route("/api/train/check", post(training::check))
        .route("/api/train/control", post(training::control))
        .route("/api/train/stop", post(training::stop))
        .route("/api/train/events", get(training::events))
        .route("/api/figures/{name}", get(figures::figure))
        .fallback(api::not_found)
        // 413 as soon as a Content-Length says too much, or once a streamed
        // body passes the limit; axum's own limit, set to the same, is the
        // one its body extractors read.
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        // Outermost: every error reply, the layers' own included, is JSON.
        .layer(axum::middleware::from_fn(json_errors::json_errors))
        .with_state(state)
}

/// A saved model (a `model.safetensors` written by a run), checked to take
/// 28x28 images and give 10 classes.
///
/// # Errors
/// [`Error::Model`] when it cannot be loaded, [`Error::ModelShape`] when it
/// is not an MNIST classifier.
pub fn load_model(path: &Path) -> Result<Served, Error> {
    let net: TwoLayerNet<f32> = checkpoint::load(path).map_err(|source| Error::Model {
        path: path.to_owned(),
        source,
    })?;
    let (input, _, output) = net.dims();
    if (input, output) != (mnist_data::PIXELS, mnist_data::CLASSES) {
        return Err(Error::ModelShape {
            path: path.to_owned(),
            input,
            output,
        });
    }
    Ok(Served {
        net,
        model: path.to_path_buf(),
        stopped: None,
    })
}
