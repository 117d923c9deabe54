//! `cargo xtask gradient-descent` (not written yet).

/// Flags of `cargo xtask gradient-descent`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs the command.
pub fn run(_args: Args) -> anyhow::Result<()> {
    anyhow::bail!("`cargo xtask gradient-descent` is not implemented yet")
}
