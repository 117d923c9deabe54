//! The one file written as it grows (a run's `metrics.csv`).

use std::fs::File;
use std::io::{self, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// The one file written as it grows: created new (never replacing a file),
/// it takes whole records (lines: a CSV row, say) in one write each, so a
/// process killed at any moment leaves complete records up to then. A write
/// that fails (a full disk) is cut back to the last whole line, and its
/// error says how many lines were kept; [`finish`](Self::finish) flushes
/// and fsyncs it.
#[derive(Debug)]
pub struct GrowingFile {
    file: File,
    path: PathBuf,
    /// Bytes written.
    written: u64,
    /// Bytes up to and including the last newline written.
    whole: u64,
    /// Newlines written up to `whole`.
    lines: u64,
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
            Ok(file) => Ok(Self {
                file,
                path,
                written: 0,
                whole: 0,
                lines: 0,
            }),
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
        self.write_whole(records)
            .map_err(|error| crate::Error::io("write", &self.path, error))
    }

    /// Writes all of `buf`, or cuts the file back to its last whole line
    /// and fails saying so.
    fn write_whole(&mut self, buf: &[u8]) -> io::Result<()> {
        match self.file.write_all(buf) {
            Ok(()) => {
                self.written += buf.len() as u64;
                if let Some(last) = buf.iter().rposition(|&b| b == b'\n') {
                    self.whole = self.written - (buf.len() - 1 - last) as u64;
                    self.lines += buf.iter().filter(|&&b| b == b'\n').count() as u64;
                }
                Ok(())
            }
            Err(error) => {
                let cut = self
                    .file
                    .set_len(self.whole)
                    .and_then(|()| self.file.seek(SeekFrom::Start(self.whole)));
                let kept = match cut {
                    Ok(_) => {
                        self.written = self.whole;
                        format!("kept its first {} lines, whole", self.lines)
                    }
                    Err(cut) => format!(
                        "its first {} lines are whole; cutting off the partial line failed: {cut}",
                        self.lines
                    ),
                };
                Err(io::Error::new(error.kind(), format!("{error}; {kept}")))
            }
        }
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
        self.write_whole(buf)?;
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

    /// Mounts a 64 KiB tmpfs (as root) and appends rows until it is full:
    /// the file ends with its last whole row and the error says so.
    #[test]
    fn a_full_disk_leaves_whole_lines_only() -> Result<(), Box<dyn std::error::Error>> {
        let tmp = tempfile::tempdir()?;
        let mounted = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
            .arg(tmp.path())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|status| status.success());
        if !mounted {
            // Only root may mount a small disk to fill.
            return Ok(());
        }
        let path = tmp.path().join("metrics.csv");
        let outcome = (|| -> Result<u64, crate::Error> {
            let mut file = GrowingFile::create(&path)?;
            write!(file, "iteration,")
                .and_then(|()| writeln!(file, "loss"))
                .map_err(|e| crate::Error::io("write", &path, e))?;
            for i in 0_u64.. {
                // Rows of odd sizes, several per write, so one is cut.
                let rows = format!("{i},0.126273{i}\n{i},0.5\n");
                file.append(rows.as_bytes())?;
            }
            Ok(0)
        })();
        let contents = fs::read(&path);
        let _ = std::process::Command::new("umount")
            .arg(tmp.path())
            .status();
        let error = outcome.expect_err("the disk fills").to_string();
        let contents = contents?;
        assert_eq!(contents.last(), Some(&b'\n'), "ends with a whole row");
        let lines = contents.iter().filter(|&&b| b == b'\n').count();
        assert!(lines > 100, "{lines}");
        assert!(
            error.contains(&format!("kept its first {lines} lines, whole")),
            "{error}"
        );
        Ok(())
    }
}
