//! Writing a command's output files: the one policy of
//! `atomic_file::outputs` (refuse what exists unless `--force`, never an
//! input, atomic replace), under the names the commands import.

use std::path::{Path, PathBuf};

use atomic_file::outputs;
pub use atomic_file::outputs::persist_unless_changed;

/// [`outputs::write_new_files`], its refusal as the command's error.
pub fn write_new_files(
    dir: &Path,
    flag: &str,
    files: &[(String, Vec<u8>)],
    force: bool,
    inputs: &[&Path],
) -> anyhow::Result<Vec<PathBuf>> {
    Ok(outputs::write_new_files(dir, flag, files, force, inputs)?)
}
