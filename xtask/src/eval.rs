//! `cargo xtask eval` (not written yet).

/// Flags of `cargo xtask eval`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs the command.
pub fn run(_args: Args) -> anyhow::Result<()> {
    anyhow::bail!("`cargo xtask eval` is not implemented yet")
}
