//! `cargo xtask fetch-mnist`: make sure the data directory holds the four
//! MNIST files, verified, downloading what is missing. `train`, `eval` and
//! the other commands flatten [`FetchArgs`] and call [`ensure_mnist`] for
//! the files they need.
//!
//! A folder the user named (`--data-dir`, `MNIST_DIR`) is never changed
//! but for adding missing files: a file there that fails verification is
//! left as it is and the command stops, saying what is wrong with it. Only
//! in the project's own `data/mnist/` is such a file moved aside (renamed
//! `<name>.rejected-<time>`) and fetched again.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use mnist_data::MnistFile;
use mnist_data::fetch::{ExistingFiles, FetchOptions, Mirror, fetch_mnist};

use crate::flags::deadline;

use crate::paths;

mod progress;

use progress::FetchProgress;

/// How to point at a copy the user already has, appended to fetch errors.
const MIRROR_HINT: &str = "To use a copy you already have, pass --mirror DIR (or set \
    MNIST_MIRROR=DIR) for a directory holding the four files, raw or .gz.";

/// The other way, when the user has not named a data folder yet.
const LOCAL_DIR_HINT: &str = "Or set MNIST_DIR to a directory that already holds them.";

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
    /// Give up on a file from one mirror after this many seconds, and on
    /// that mirror for the rest of the run [default: 600, mnist-data's
    /// `FetchOptions::default()`].
    #[arg(
        long,
        value_name = "SECS",
        value_parser = deadline,
        allow_negative_numbers = true
    )]
    pub file_deadline: Option<Duration>,
    /// Give up on a mirror that sends fewer bytes per second than this
    /// (averaged over 30 s).
    #[arg(long, value_name = "BYTES_PER_S", default_value_t = FetchOptions::default().min_rate)]
    pub min_rate: u64,
    /// Print nothing but errors (and files moved aside).
    #[arg(long, short)]
    pub quiet: bool,
}

/// Flags of `cargo xtask fetch-mnist`.
pub type Args = FetchArgs;

/// Runs the command: exit code 0 only when all four files are present and
/// verified.
pub fn run(args: Args) -> anyhow::Result<()> {
    ensure_mnist(&args, &MnistFile::ALL).map(drop)
}

/// Checks the data directory and fetches what of `files` is missing;
/// returns the directory, which then holds them, verified.
pub fn ensure_mnist(args: &FetchArgs, files: &[MnistFile]) -> anyhow::Result<PathBuf> {
    let (dir, named_by_user) = match &args.dir {
        Some(dir) => (dir.clone(), true),
        None => (
            paths::default_mnist_dir(),
            std::env::var_os("MNIST_DIR").is_some(),
        ),
    };
    let defaults = FetchOptions::only(files);
    let options = FetchOptions {
        mirrors: mirrors(args)?,
        existing: if named_by_user {
            ExistingFiles::Keep
        } else {
            ExistingFiles::MoveAside
        },
        file_deadline: args.file_deadline.unwrap_or(defaults.file_deadline),
        min_rate: args.min_rate,
        ..defaults
    };
    let mut progress = FetchProgress::new(args.quiet);
    match fetch_mnist(&dir, &options, &mut |event| progress.on_event(event)) {
        Ok(report) => {
            progress.summary(&dir, &report);
            Ok(dir)
        }
        Err(mnist_data::Error::Fetch(failure)) if named_by_user => {
            Err(anyhow::anyhow!("{failure} {MIRROR_HINT}"))
        }
        Err(mnist_data::Error::Fetch(failure)) => {
            Err(anyhow::anyhow!("{failure} {MIRROR_HINT} {LOCAL_DIR_HINT}"))
        }
        Err(error @ mnist_data::Error::Unverified { .. }) => Err(anyhow::anyhow!(
            "{error}. To download a fresh copy, pass --data-dir with a new directory."
        )),
        Err(error) => Err(error.into()),
    }
}

/// `--mirror` flags, else `$MNIST_MIRROR`, else the defaults.
fn mirrors(args: &FetchArgs) -> anyhow::Result<Vec<Mirror>> {
    if !args.mirrors.is_empty() {
        return Ok(args.mirrors.clone());
    }
    let Some(list) = std::env::var_os("MNIST_MIRROR").filter(|list| !list.is_empty()) else {
        return Ok(mnist_data::fetch::default_mirrors());
    };
    let list = list.to_str().context("MNIST_MIRROR is not valid UTF-8")?;
    list.split_whitespace()
        .map(|spec| Mirror::parse(spec).context("in MNIST_MIRROR"))
        .collect()
}
