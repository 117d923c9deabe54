//! `cargo xtask serve`: a local web page to poke the network (draw a digit,
//! watch it train, see its mistakes), served by axum on tokio.
//!
//! `main` here only parses the flags, loads the data and the model, binds
//! and prints the URL; the routes are in `api.rs` (model, predict, test
//! images, weights, mistakes), `training.rs` (start, stop, live events) and
//! `page.rs` (the embedded HTML, JS and CSS of `assets/`). What the handlers
//! share is in `state.rs`; the checks of every JSON input in `input.rs`.

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a command prints its URL on stdout and warns on stderr"
)]

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use tower_http::limit::RequestBodyLimitLayer;
use twolayer::{TwoLayerNet, checkpoint};

use crate::{data, fetch_mnist, paths};

mod api;
mod input;
mod page;
mod state;
mod training;

#[cfg(test)]
mod tests;

pub use state::AppState;

/// The largest request body accepted: a predict body is at most ~16 KB
/// (784 numbers); a larger one gets 413 without being read into memory.
pub const BODY_LIMIT: usize = 256 * 1024;

/// Flags of `cargo xtask serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The model to serve (a `model.safetensors` written by `train`);
    /// without it, the page offers to train one.
    #[arg(long, value_name = "FILE")]
    model: Option<PathBuf>,
    /// The port to listen on (0 picks a free one; the printed URL says which).
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// The address to bind. Anything but a loopback address lets anyone on
    /// the network use the page (and start training runs).
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    host: IpAddr,
    /// Where the runs trained from the page are written [default: runs/ in
    /// the workspace].
    #[arg(long, value_name = "DIR")]
    runs_dir: Option<PathBuf>,
    #[command(flatten)]
    fetch: fetch_mnist::FetchArgs,
}

/// Loads the data and the model, then serves until the process is stopped.
pub fn run(args: Args) -> anyhow::Result<()> {
    let served = match &args.model {
        Some(path) => Some(load_model(path)?),
        None => None,
    };
    let mnist = data::load(&args.fetch, data::Needs::Both)?;
    let runs_root = args.runs_dir.clone().unwrap_or_else(paths::runs_dir);
    let state = AppState::new(mnist, served, runs_root)?;
    if !args.host.is_loopback() {
        eprintln!(
            "warning: --host {} is not a loopback address: anyone who can reach this machine \
             can use the page and start training runs",
            args.host
        );
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async {
        let address = SocketAddr::new(args.host, args.port);
        let listener = tokio::net::TcpListener::bind(address)
            .await
            .with_context(|| format!("cannot listen on {address}"))?;
        let local = listener.local_addr()?;
        println!("serving on http://{local}/ (Ctrl-C stops)");
        axum::serve(listener, router(state))
            .await
            .context("the server stopped")
    })
}

/// Every route of the page and its API, with the body limit.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/", get(page::index))
        .route("/app.js", get(page::script))
        .route("/style.css", get(page::style))
        .route("/api/model", get(api::model))
        .route("/api/predict", post(api::predict))
        .route("/api/test-image/{index}", get(api::test_image))
        .route("/api/weights/{unit}", get(api::weights))
        .route("/api/misclassified", get(api::misclassified))
        .route("/api/train", post(training::start))
        .route("/api/train/stop", post(training::stop))
        .route("/api/train/events", get(training::events))
        .fallback(api::not_found)
        // 413 as soon as a Content-Length says too much, or once a streamed
        // body passes the limit; axum's own limit, set to the same, is the
        // one its body extractors read.
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(state)
}

/// A saved model, checked to take 28x28 images and give 10 classes.
fn load_model(path: &std::path::Path) -> anyhow::Result<state::Served> {
    let net: TwoLayerNet<f32> = checkpoint::load(path)
        .with_context(|| format!("cannot load --model {}", path.display()))?;
    let (input, _, output) = net.dims();
    if (input, output) != (mnist_data::PIXELS, mnist_data::CLASSES) {
        anyhow::bail!(
            "--model {} takes {input} inputs and gives {output} classes; the page needs \
             {} and {}",
            path.display(),
            mnist_data::PIXELS,
            mnist_data::CLASSES
        );
    }
    Ok(state::Served {
        net,
        model: path.to_path_buf(),
    })
}
