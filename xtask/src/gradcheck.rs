//! `cargo xtask gradcheck` (not written yet).

/// Flags of `cargo xtask gradcheck`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs the command.
pub fn run(_args: Args) -> anyhow::Result<()> {
    anyhow::bail!("`cargo xtask gradcheck` is not implemented yet")
}
