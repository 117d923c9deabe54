//! The versions of the workspace's dependencies as cargo resolved them,
//! read from `cargo metadata --format-version 1` (its JSON, not the text of
//! `Cargo.lock`).

use std::ffi::OsString;
use std::path::Path;
use std::process::Command;

use serde::Deserialize;

/// Why the versions are unknown.
#[derive(Debug, thiserror::Error)]
pub enum VersionsError {
    /// cargo could not be started.
    #[error("cannot run {program:?} metadata: {source}")]
    Spawn {
        /// The cargo that was tried (`$CARGO`, else `cargo`).
        program: OsString,
        /// What the OS said.
        #[source]
        source: std::io::Error,
    },
    /// `cargo metadata` failed.
    #[error("cargo metadata failed: {0}")]
    Failed(String),
    /// Its output is not the JSON of format version 1.
    #[error("cannot read cargo metadata's JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// The part of `cargo metadata`'s output read here: every package of the
/// resolved graph with its version.
#[derive(Debug, Deserialize)]
struct Metadata {
    packages: Vec<Package>,
}

#[derive(Debug, Deserialize)]
struct Package {
    name: String,
    version: String,
}

/// The resolved versions of package `name` in the workspace of `manifest`,
/// `0.35.2` (or `0.34.1, 0.35.2` when several are in the graph).
///
/// # Errors
/// When `cargo metadata --locked` cannot run or fails, or its JSON does not
/// parse.
pub fn resolved_version(manifest: &Path, name: &str) -> Result<String, VersionsError> {
    let program = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(&program)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--locked",
            "--manifest-path",
        ])
        .arg(manifest)
        .output()
        .map_err(|source| VersionsError::Spawn {
            program: program.clone(),
            source,
        })?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let reason = stderr.lines().find(|line| !line.trim().is_empty());
        return Err(VersionsError::Failed(
            reason.unwrap_or("no message").trim().to_owned(),
        ));
    }
    let versions = versions_in(&output.stdout, name)?;
    if versions.is_empty() {
        return Err(VersionsError::Failed(format!("{name} is not a dependency")));
    }
    Ok(versions.join(", "))
}

/// The distinct versions of package `name` in a `cargo metadata` JSON, sorted.
fn versions_in(json: &[u8], name: &str) -> Result<Vec<String>, serde_json::Error> {
    let metadata: Metadata = serde_json::from_slice(json)?;
    let mut versions: Vec<String> = metadata
        .packages
        .into_iter()
        .filter(|package| package.name == name)
        .map(|package| package.version)
        .collect();
    versions.sort();
    versions.dedup();
    Ok(versions)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace;

    #[test]
    fn versions_are_read_from_the_packages() -> Result<(), serde_json::Error> {
        let json = br#"{"packages": [
            {"name": "nalgebra-macros", "version": "0.3.0", "id": "x"},
            {"name": "nalgebra", "version": "0.35.0", "id": "y"}
        ], "version": 1}"#;
        assert_eq!(versions_in(json, "nalgebra")?, ["0.35.0"]);
        assert!(versions_in(json, "ndarray")?.is_empty());
        assert!(versions_in(b"not json", "nalgebra").is_err());
        Ok(())
    }

    #[test]
    fn this_workspace_resolves_nalgebra() -> Result<(), VersionsError> {
        let version = resolved_version(&workspace::root().join("Cargo.toml"), "nalgebra")?;
        assert!(version.starts_with("0."), "{version}");
        Ok(())
    }
}
