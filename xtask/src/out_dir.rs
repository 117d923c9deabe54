//! The `--out` directory of the study commands (`xor`, `init-study`):
//! `runs/<default>` in the workspace unless given, written through
//! `atomic_file::outputs::OutDir` (names checked before the work starts,
//! existing files kept unless `--force`).

use std::ops::Deref;
use std::path::PathBuf;

use atomic_file::outputs;

/// Where a study writes its figures.
#[derive(Debug)]
pub struct OutDir(outputs::OutDir);

impl OutDir {
    /// `out` (`--out`), else `runs/<default>` in the workspace. Checks,
    /// before any work is done, that none of `names` exists there unless
    /// `force`.
    pub fn prepare(
        out: Option<PathBuf>,
        default: &str,
        force: bool,
        names: &[String],
    ) -> Result<Self, outputs::OutputError> {
        let path = out.unwrap_or_else(|| crate::paths::runs_dir().join(default));
        outputs::OutDir::new(path, force, names).map(Self)
    }
}

impl Deref for OutDir {
    type Target = outputs::OutDir;

    fn deref(&self) -> &outputs::OutDir {
        &self.0
    }
}
