//! The `--out` directory of the study commands (`xor`, `init-study`):
//! every name is checked before the work starts, the directory is created
//! with the first file (a run that fails before leaves nothing), and each
//! file lands through [`write_new_files`]: a file already there is the
//! user's and is kept, unless `--force`.

use std::path::{Path, PathBuf};

use crate::new_files::{check_names, write_new_files};

/// Where a study writes its figures.
#[derive(Debug)]
pub struct OutDir {
    path: PathBuf,
    force: bool,
}

impl OutDir {
    /// `out` (`--out`), else `runs/<default>` in the workspace. Checks,
    /// before any work is done, that none of `names` exists there unless
    /// `force`.
    pub fn prepare(
        out: Option<PathBuf>,
        default: &str,
        force: bool,
        names: &[String],
    ) -> anyhow::Result<Self> {
        let path = out.unwrap_or_else(|| crate::paths::runs_dir().join(default));
        check_names(&path, "--out", names, force, &[])?;
        Ok(Self { path, force })
    }

    /// The directory.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes `name` atomically, creating the directory if needed (refusing
    /// an existing file with other contents unless `--force`: it may have
    /// appeared since [`prepare`](Self::prepare)).
    pub fn write(&self, name: &str, contents: &str) -> anyhow::Result<()> {
        let files = [(name.to_owned(), contents.as_bytes().to_vec())];
        write_new_files(&self.path, "--out", &files, self.force, &[])?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    #[test]
    fn existing_files_are_kept_unless_forced() -> anyhow::Result<()> {
        let tmp = tempfile::tempdir()?;
        let dir = tmp.path().join("a");
        let names = ["x.svg".to_owned()];
        let out = OutDir::prepare(Some(dir.clone()), "unused", false, &names)?;
        assert!(!dir.exists(), "created before the first file");
        out.write("x.svg", "<svg/>")?;
        let error =
            OutDir::prepare(Some(dir.clone()), "unused", false, &names).expect_err("x.svg exists");
        assert!(error.to_string().contains("--force"), "{error}");
        assert!(out.write("x.svg", "new").is_err());
        assert_eq!(fs::read_to_string(dir.join("x.svg"))?, "<svg/>");
        let forced = OutDir::prepare(Some(dir.clone()), "unused", true, &names)?;
        forced.write("x.svg", "new")?;
        assert_eq!(fs::read_to_string(dir.join("x.svg"))?, "new");
        Ok(())
    }
}
