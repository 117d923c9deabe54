//! `cargo xtask fetch-mnist` (not written yet).

/// Flags of `cargo xtask fetch-mnist`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs the command.
pub fn run(_args: Args) -> anyhow::Result<()> {
    anyhow::bail!("`cargo xtask fetch-mnist` is not implemented yet")
}
