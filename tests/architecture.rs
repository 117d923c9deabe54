//! ARCHITECTURE.md's dependency graph is the workspace's: each line of the
//! block after the marker `<!-- dependency graph -->` reads
//! `crate -> dependency, dependency` (or the crate alone), and this test
//! compares it with the normal (non-dev, non-build) dependencies between
//! workspace packages that `cargo metadata` reports, so the map cannot go
//! stale.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use anyhow::{Context, bail};
use serde_json::Value;

type Graph = BTreeMap<String, BTreeSet<String>>;

const MARKER: &str = "<!-- dependency graph -->";

/// The graph written in ARCHITECTURE.md.
fn documented(text: &str) -> anyhow::Result<Graph> {
    let after = text
        .split_once(MARKER)
        .with_context(|| format!("ARCHITECTURE.md has no {MARKER} marker"))?
        .1;
    let block = after
        .split_once("```text\n")
        .and_then(|(_, rest)| rest.split_once("```"))
        .context("no ```text block after the marker")?
        .0;
    let mut graph = Graph::new();
    for line in block.lines().filter(|l| !l.trim().is_empty()) {
        let (name, deps) = line.split_once("->").unwrap_or((line, ""));
        let deps = deps
            .split(',')
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(str::to_owned)
            .collect();
        if graph.insert(name.trim().to_owned(), deps).is_some() {
            bail!("{} is listed twice", name.trim());
        }
    }
    Ok(graph)
}

/// The graph `cargo metadata` reports for the workspace's packages.
fn actual(root: &Path) -> anyhow::Result<Graph> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(root)
        .output()
        .context("running cargo metadata")?;
    if !output.status.success() {
        bail!(
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let metadata: Value = serde_json::from_slice(&output.stdout)?;
    let packages = metadata["packages"].as_array().context("no packages")?;
    let names: BTreeSet<&str> = packages.iter().filter_map(|p| p["name"].as_str()).collect();
    let mut graph = Graph::new();
    for package in packages {
        let name = package["name"]
            .as_str()
            .context("a package without a name")?;
        let deps = package["dependencies"]
            .as_array()
            .context("no dependencies list")?
            .iter()
            .filter(|d| d["kind"].is_null())
            .filter_map(|d| d["name"].as_str())
            .filter(|d| names.contains(d))
            .map(str::to_owned)
            .collect();
        graph.insert(name.to_owned(), deps);
    }
    Ok(graph)
}

#[test]
fn the_documented_dependency_graph_is_the_workspaces() -> anyhow::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let text = std::fs::read_to_string(root.join("ARCHITECTURE.md"))?;
    let (documented, actual) = (documented(&text)?, actual(&root)?);
    for (name, deps) in &actual {
        match documented.get(name) {
            None => bail!("ARCHITECTURE.md's graph lacks the package {name} (-> {deps:?})"),
            Some(listed) if listed != deps => {
                bail!("ARCHITECTURE.md says {name} -> {listed:?}; Cargo.toml says {deps:?}")
            }
            Some(_) => {}
        }
    }
    for name in documented.keys() {
        if !actual.contains_key(name) {
            bail!("ARCHITECTURE.md's graph names {name}, which is not a workspace package");
        }
    }
    Ok(())
}

#[test]
fn a_stale_graph_is_caught() -> anyhow::Result<()> {
    let text = format!("{MARKER}\n\n```text\nlosses -> tensor-ops\ntensor-ops\n```\n");
    let graph = documented(&text)?;
    assert_eq!(graph["losses"], BTreeSet::from(["tensor-ops".to_owned()]));
    assert!(graph["tensor-ops"].is_empty());
    let twice = format!("{MARKER}\n```text\nlosses\nlosses\n```\n");
    assert!(documented(&twice).is_err());
    assert!(documented("no marker").is_err());
    Ok(())
}
