//! Where things live: the workspace root, the MNIST directory (`MNIST_DIR`
//! overrides it for every command) and the runs directory.

use std::path::{Path, PathBuf};

/// The workspace root (the parent of the `xtask` package).
pub fn workspace_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}

/// The MNIST directory: `$MNIST_DIR` when set and not empty, else
/// `data/mnist` at the workspace root (git-ignored).
pub fn default_mnist_dir() -> PathBuf {
    match std::env::var_os("MNIST_DIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => workspace_root().join("data").join("mnist"),
    }
}

/// Where training runs go: `runs` at the workspace root (git-ignored).
pub fn runs_dir() -> PathBuf {
    workspace_root().join("runs")
}
