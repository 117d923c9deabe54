//! `cargo xtask train` (not written yet).

/// Flags of `cargo xtask train`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs the command.
pub fn run(_args: Args) -> anyhow::Result<()> {
    anyhow::bail!("`cargo xtask train` is not implemented yet")
}
