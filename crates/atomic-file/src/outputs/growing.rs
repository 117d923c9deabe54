//! The one file written as it grows (a run's `metrics.csv`).

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The one file written as it grows: created new (never replacing a file),
/// it takes whole records (a CSV row, say) in one write each, so a process
/// killed at any moment leaves complete records up to then;
/// [`finish`](Self::finish) flushes and fsyncs it.
#[derive(Debug)]
pub struct GrowingFile {
    file: File,
    path: PathBuf,
}

impl GrowingFile {
    /// Creates `path`, which must not exist.
    ///
    /// # Errors
    /// [`crate::Error::Exists`] when a file is there (it is kept),
    /// [`crate::Error::Io`] when it cannot be created.
    pub fn create(path: impl AsRef<Path>) -> Result<Self, crate::Error> {
        let path = path.as_ref().to_owned();
        match File::create_new(&path) {
            Ok(file) => Ok(Self { file, path }),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
                Err(crate::Error::Exists { path })
            }
            Err(error) => Err(crate::Error::io("create", &path, error)),
        }
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends `records` (whole ones) in one write.
    ///
    /// # Errors
    /// [`crate::Error::Io`] naming the path (a full disk, say).
    pub fn append(&mut self, records: &[u8]) -> Result<(), crate::Error> {
        self.file
            .write_all(records)
            .map_err(|error| crate::Error::io("write", &self.path, error))
    }

    /// Flushes and fsyncs the file: what was appended is on disk.
    ///
    /// # Errors
    /// [`crate::Error::Io`] naming the path.
    pub fn finish(mut self) -> Result<(), crate::Error> {
        self.file
            .flush()
            .and_then(|()| self.file.sync_all())
            .map_err(|error| crate::Error::io("fsync", &self.path, error))
    }
}

impl Write for GrowingFile {
    /// Writes all of `buf` (a whole record) or fails.
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.write_all(buf)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    #[test]
    fn a_growing_file_is_new_and_holds_what_was_appended() -> Result<(), Box<dyn std::error::Error>>
    {
        let tmp = tempfile::tempdir()?;
        let path = tmp.path().join("metrics.csv");
        let mut file = GrowingFile::create(&path)?;
        file.append(b"a,b\n")?;
        file.append(b"1,2\n")?;
        file.finish()?;
        assert_eq!(fs::read(&path).ok(), Some(b"a,b\n1,2\n".to_vec()));
        let refused = GrowingFile::create(&path).expect_err("it exists");
        assert_eq!(refused.kind(), io::ErrorKind::AlreadyExists);
        Ok(())
    }
}
