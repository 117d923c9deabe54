//! Where things live: the workspace root, the MNIST directory (`MNIST_DIR`
//! overrides it for every command), the runs directory and the studies'
//! `--out` directories.

use std::path::{Path, PathBuf};

use atomic_file::outputs::{OutDir, OutputError};

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

/// The `--out` directory of a study (`xor`, `init-study`): `out`, else
/// `runs/<default>` in the workspace. Checks, before any work is done,
/// that none of `names` exists there unless `force` (see [`OutDir::new`]).
pub fn out_dir(
    out: Option<PathBuf>,
    default: &str,
    force: bool,
    names: &[String],
) -> Result<OutDir, OutputError> {
    OutDir::new(
        out.unwrap_or_else(|| runs_dir().join(default)),
        force,
        names,
    )
}
