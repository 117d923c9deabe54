//! `cargo xtask fetch-mnist`: make sure the data directory holds the four
//! MNIST files, verified, downloading what is missing. `train` and `eval`
//! flatten [`FetchArgs`] and call [`ensure_mnist`].

use std::path::PathBuf;

use anyhow::Context;
use mnist_data::{FetchOptions, Mirror, fetch_mnist};

use crate::paths;

mod progress;

use progress::FetchProgress;

/// How to point at a copy the user already has, appended to fetch errors.
const LOCAL_COPY_HINT: &str = "To use a copy you already have, pass --mirror DIR (or set \
    MNIST_MIRROR=DIR) for a directory holding the four files, raw or .gz; or set MNIST_DIR \
    to a directory that already holds them.";

/// Where the MNIST files are and where they come from.
#[derive(Debug, Clone, clap::Args)]
pub struct FetchArgs {
    /// Directory of the four MNIST files [default: $MNIST_DIR, else
    /// data/mnist in the workspace].
    #[arg(long, visible_alias = "data-dir", value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Mirror to download from, tried in order (repeatable): an http(s) base
    /// URL, a file:// URL or a local directory [default: $MNIST_MIRROR
    /// (space-separated), else PyTorch's, Google's CVDF, then
    /// yann.lecun.com].
    #[arg(long = "mirror", value_name = "URL", value_parser = Mirror::parse)]
    pub mirrors: Vec<Mirror>,
    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Flags of `cargo xtask fetch-mnist`.
pub type Args = FetchArgs;

/// Runs the command: exit code 0 only when all four files are present and
/// verified.
pub fn run(args: Args) -> anyhow::Result<()> {
    ensure_mnist(&args).map(drop)
}

/// Checks the data directory and fetches what is missing or invalid;
/// returns the directory, which then holds the four verified files.
pub fn ensure_mnist(args: &FetchArgs) -> anyhow::Result<PathBuf> {
    let dir = args.dir.clone().unwrap_or_else(paths::default_mnist_dir);
    let options = FetchOptions {
        mirrors: mirrors(args)?,
        ..FetchOptions::default()
    };
    let mut progress = FetchProgress::new(args.quiet);
    match fetch_mnist(&dir, &options, &mut |event| progress.on_event(event)) {
        Ok(report) => {
            progress.summary(&dir, &report);
            Ok(dir)
        }
        Err(mnist_data::Error::Fetch(failure)) => {
            Err(anyhow::anyhow!("{failure} {LOCAL_COPY_HINT}"))
        }
        Err(error) => {
            Err(error).with_context(|| format!("cannot fetch MNIST into {}", dir.display()))
        }
    }
}

/// `--mirror` flags, else `$MNIST_MIRROR`, else the defaults.
fn mirrors(args: &FetchArgs) -> anyhow::Result<Vec<Mirror>> {
    if !args.mirrors.is_empty() {
        return Ok(args.mirrors.clone());
    }
    let Some(list) = std::env::var_os("MNIST_MIRROR").filter(|list| !list.is_empty()) else {
        return Ok(mnist_data::default_mirrors());
    };
    let list = list.to_str().context("MNIST_MIRROR is not valid UTF-8")?;
    list.split_whitespace()
        .map(|spec| Mirror::parse(spec).context("in MNIST_MIRROR"))
        .collect()
}
