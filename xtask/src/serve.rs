//! `cargo xtask serve`: parses the flags, loads the data and the model,
//! and runs the `web` crate's server, printing its URL; Ctrl-C or SIGTERM
//! stops a run started from the page and saves it before exiting (130).

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a command prints its URL on stdout and warns on stderr"
)]

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Context;
use web::AppState;

use crate::{data, fetch_mnist, paths};

/// Flags of `cargo xtask serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The model to serve (a `model.safetensors` written by `train`);
    /// without it, the page offers to train one.
    #[arg(long, value_name = "FILE")]
    model: Option<PathBuf>,
    /// The port to listen on (0 picks a free one; the printed URL says which).
    #[arg(long, default_value_t = web::DEFAULT_PORT)]
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
    let served = args.model.as_deref().map(web::load_model).transpose()?;
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
    stop_runs_on_signal(Arc::clone(&state))?;
    let address = SocketAddr::new(args.host, args.port);
    web::serve(state, address, |local| {
        println!("serving on http://{local}/ (Ctrl-C stops)");
    })?;
    Ok(())
}

/// Ctrl-C or SIGTERM: a run started from the page stops after its current
/// step and is saved as an interrupted `train` run is; the server says so
/// and exits with 130. A second signal exits at once.
fn stop_runs_on_signal(state: Arc<AppState>) -> anyhow::Result<()> {
    let signalled = AtomicBool::new(false);
    ctrlc::set_handler(move || {
        if signalled.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
        // The wait runs on its own thread so that a second signal is heard.
        let state = Arc::clone(&state);
        std::thread::spawn(move || {
            match state.stop_run_and_wait() {
                Some(end) => eprintln!("interrupted: the page's run {end}"),
                None => eprintln!("interrupted: no training run was going"),
            }
            std::process::exit(130);
        });
    })
    .context("cannot install the Ctrl-C handler")
}
