//! A study's `--out` directory, written through [`write_new_files`].

use std::path::{Path, PathBuf};

use super::{OutputError, check_names, write_new_files};

/// Where a study writes its files (`--out`): every name is checked before
/// the work starts, the directory is created with the first file (a run
/// that fails before leaves nothing), and each file lands through
/// [`write_new_files`]: a file already there is the user's and is kept,
/// unless `force`.
#[derive(Debug)]
pub struct OutDir {
    path: PathBuf,
    force: bool,
}

impl OutDir {
    /// Checks, before any work is done, that none of `names` exists in
    /// `path` unless `force`.
    ///
    /// # Errors
    /// As [`check_names`], with `--out` as the flag.
    pub fn new(path: PathBuf, force: bool, names: &[String]) -> Result<Self, OutputError> {
        check_names(&path, "--out", names, force, &[])?;
        Ok(Self { path, force })
    }

    /// The directory.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes `name` atomically, creating the directory if needed (refusing
    /// an existing file with other contents unless `force`: it may have
    /// appeared since [`new`](Self::new)).
    ///
    /// # Errors
    /// As [`write_new_files`].
    pub fn write(&self, name: &str, contents: &str) -> Result<(), OutputError> {
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
    fn an_out_dir_is_created_with_its_first_file_and_keeps_existing_ones()
    -> Result<(), Box<dyn std::error::Error>> {
        let tmp = tempfile::tempdir()?;
        let dir = tmp.path().join("a");
        let names = ["x.svg".to_owned()];
        let out = OutDir::new(dir.clone(), false, &names)?;
        assert!(!dir.exists(), "created before the first file");
        out.write("x.svg", "<svg/>")?;
        let error = OutDir::new(dir.clone(), false, &names).expect_err("x.svg exists");
        assert!(error.to_string().contains("--force"), "{error}");
        assert!(out.write("x.svg", "new").is_err());
        assert_eq!(
            fs::read_to_string(dir.join("x.svg")).ok().as_deref(),
            Some("<svg/>")
        );
        let forced = OutDir::new(dir.clone(), true, &names)?;
        forced.write("x.svg", "new")?;
        assert_eq!(
            fs::read_to_string(dir.join("x.svg")).ok().as_deref(),
            Some("new")
        );
        Ok(())
    }
}
