//! The MNIST data of the commands: found, or fetched when missing, through
//! the fetch-mnist flags (`--data-dir`, `MNIST_DIR`, mirrors), then loaded
//! by `runs::MnistData`. A command loads (and fetches and verifies) only
//! the splits it needs.

use std::path::PathBuf;

use mnist_data::{MnistFile, SplitName};
pub use runs::{MnistData, Needs};

use crate::fetch_mnist::{self, FetchArgs};

/// Makes sure the files of the splits in `needs` are there (fetching them
/// if not), then loads them.
pub fn load(fetch: &FetchArgs, needs: Needs) -> anyhow::Result<MnistData> {
    let files: Vec<MnistFile> = needs
        .splits()
        .into_iter()
        .flat_map(|split| match split {
            SplitName::Train => MnistFile::TRAIN,
            SplitName::Test => MnistFile::TEST,
        })
        .collect();
    load_as_is(fetch_mnist::ensure_mnist(fetch, &files)?, needs)
}

/// Loads the IDX files of the splits in `needs` from `dir` as they are: no
/// download, no checksum.
pub fn load_as_is(dir: PathBuf, needs: Needs) -> anyhow::Result<MnistData> {
    Ok(MnistData::load(dir, needs)?)
}
