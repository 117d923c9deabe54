//! The `--out` directory of the study commands (`xor`, `init-study`):
//! created with the first file (a run that fails before leaves nothing); a
//! file already there is the user's and is kept, unless `--force`; every
//! file is written atomically.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::run_dir::write_atomic;

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
        if !force {
            if let Some(name) = names.iter().find(|name| path.join(name).exists()) {
                anyhow::bail!(
                    "{} already exists; pass --force to overwrite it, or choose another --out",
                    path.join(name).display()
                );
            }
        }
        Ok(Self { path, force })
    }

    /// The directory.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes `name` atomically, creating the directory if needed (refusing
    /// an existing file unless `--force`: it may have appeared since
    /// [`prepare`](Self::prepare)).
    pub fn write(&self, name: &str, contents: &str) -> anyhow::Result<()> {
        fs::create_dir_all(&self.path)
            .with_context(|| format!("cannot create --out {}", self.path.display()))?;
        let path = self.path.join(name);
        if !self.force && path.exists() {
            anyhow::bail!(
                "{} already exists; pass --force to overwrite it",
                path.display()
            );
        }
        write_atomic(&path, contents.as_bytes())
            .with_context(|| format!("cannot write {}", path.display()))
    }
}

#[cfg(test)]
mod tests {
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
