//! A newcomer's crate outside the workspace: a throwaway package in a temp
//! directory depending on `losses`, `numdiff` and `mnist-data` (without
//! `download`) by path, with the workspace's `Cargo.lock` beside it, built
//! and run `--offline` from the cache. Ignored by default (it builds its
//! dependencies from scratch in a target directory of its own, about a
//! minute); `.ci/run` runs it with `--include-ignored`.

use std::path::Path;
use std::process::Command;

const MAIN: &str = r#"
use nalgebra::dvector;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let t = dvector![0.0, 1.0, 0.0];
    let y = dvector![0.1, 0.8, 0.1];
    let loss = losses::sum_squares_error(&y, &t);
    let slope = numdiff::numerical_diff(|x: f64| x * x, 3.0);

    let dir = std::env::temp_dir().join(format!("outside-crate-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    for (images, labels, digits) in [
        (mnist_data::MnistFile::TrainImages, mnist_data::MnistFile::TrainLabels, vec![3u8, 1]),
        (mnist_data::MnistFile::TestImages, mnist_data::MnistFile::TestLabels, vec![4u8]),
    ] {
        let n = digits.len() as u32;
        let pixels = vec![128; mnist_data::PIXELS * digits.len()];
        let x = mnist_data::IdxArray::new(mnist_data::IdxType::U8, vec![n, 28, 28], pixels)?;
        std::fs::write(dir.join(images.name()), x.to_idx_bytes())?;
        let t = mnist_data::IdxArray::new(mnist_data::IdxType::U8, vec![n], digits)?;
        std::fs::write(dir.join(labels.name()), t.to_idx_bytes())?;
    }
    let mnist = mnist_data::load(&dir)?;
    std::fs::remove_dir_all(&dir)?;
    println!(
        "loss {loss:.3} slope {slope:.3} train {:?} matrix {:?}",
        mnist.train.labels.digits(),
        mnist.train.images.to_matrix().shape()
    );
    Ok(())
}
"#;

#[test]
#[ignore = "builds a crate and its dependencies from scratch (about a minute)"]
fn a_crate_outside_the_workspace_builds_and_runs_offline() -> anyhow::Result<()> {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let crates = workspace.join("crates");
    let tmp = tempfile::tempdir()?;
    let manifest = format!(
        r#"[package]
name = "outside-user"
version = "0.1.0"
edition = "2024"
publish = false

[dependencies]
losses = {{ path = {losses:?} }}
numdiff = {{ path = {numdiff:?} }}
mnist-data = {{ path = {mnist:?}, default-features = false }}
nalgebra = "0.35"

[workspace]
"#,
        losses = crates.join("losses"),
        numdiff = crates.join("numdiff"),
        mnist = crates.join("mnist-data"),
    );
    std::fs::write(tmp.path().join("Cargo.toml"), manifest)?;
    std::fs::create_dir(tmp.path().join("src"))?;
    std::fs::write(tmp.path().join("src/main.rs"), MAIN)?;
    std::fs::copy(workspace.join("Cargo.lock"), tmp.path().join("Cargo.lock"))?;

    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["run", "--offline", "--quiet"])
        .current_dir(tmp.path())
        // A target directory of its own: the outer build's is locked.
        .env("CARGO_TARGET_DIR", tmp.path().join("target"))
        .env_remove("RUSTFLAGS")
        .output()?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "cargo run failed: {}\n{stdout}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        stdout.trim(),
        "loss 0.030 slope 6.000 train [3, 1] matrix (2, 784)"
    );
    Ok(())
}
