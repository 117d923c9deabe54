//! Where the workspace is: the parent of this crate's directory, where
//! `Cargo.toml` and `bench/peers/` are found.

use std::path::Path;

/// The workspace root.
pub fn root() -> &'static Path {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir)
}
