//! The temporary file a download is written to: removed unless it is
//! persisted (fsync, rename, fsync of the directory), so that only verified
//! files ever carry a final name; and the leftovers of interrupted runs.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// `name.<pid>.part` in the target directory: removed on drop unless
/// persisted, so that only verified files ever carry the final name.
pub(crate) struct TempFile {
    path: PathBuf,
    file: File,
    persisted: bool,
}

impl TempFile {
    pub(crate) fn create(dir: &Path, name: &str) -> Result<Self, Error> {
        let path = dir.join(format!("{name}.{}.part", std::process::id()));
        let file = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&path)
            .map_err(|error| Error::Io {
                action: "create the temporary file",
                path: path.clone(),
                error,
            })?;
        Ok(Self {
            path,
            file,
            persisted: false,
        })
    }

    pub(crate) fn write(&mut self, chunk: &[u8]) -> Result<(), Error> {
        self.file.write_all(chunk).map_err(|error| Error::Io {
            action: "write",
            path: self.path.clone(),
            error,
        })
    }

    /// fsync, then rename to `target`, then fsync the directory.
    pub(crate) fn persist(mut self, target: &Path) -> Result<(), Error> {
        self.file.sync_all().map_err(|error| Error::Io {
            action: "fsync",
            path: self.path.clone(),
            error,
        })?;
        fs::rename(&self.path, target).map_err(|error| Error::Io {
            action: "rename the temporary file to",
            path: target.to_owned(),
            error,
        })?;
        self.persisted = true;
        if let Some(dir) = target.parent() {
            // Makes the rename itself durable. Where directories cannot be
            // fsynced the rename is still atomic: the final name then holds
            // either nothing or the verified file, so the error is moot.
            if let Ok(dir) = File::open(dir) {
                let _ = dir.sync_all();
            }
        }
        Ok(())
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.persisted {
            // Best effort: a file that cannot be removed now is a leftover
            // that the next run removes before it downloads.
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Temporary files that an interrupted run left for `name` in `dir`.
pub(crate) fn leftovers(dir: &Path, name: &str) -> Result<Vec<PathBuf>, Error> {
    let entries = fs::read_dir(dir).map_err(|error| Error::Io {
        action: "list",
        path: dir.to_owned(),
        error,
    })?;
    let prefix = format!("{name}.");
    Ok(entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".part"))
        })
        .collect())
}
