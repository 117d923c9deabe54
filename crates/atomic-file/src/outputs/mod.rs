//! The one policy for every file a command writes: each name is checked
//! before any is written (an existing file is kept unless `force`, an input
//! is never overwritten), then each file lands atomically through
//! [`crate::write`] (without `force` by a rename that refuses an existing
//! file, so a file that appears meanwhile is not overwritten either). A
//! file streamed as it is computed lands through [`persist_unless_changed`];
//! the one file written as it grows (a run's `metrics.csv`) goes through
//! [`GrowingFile`], whole records at a time.

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::AtomicFile;

mod growing;
mod out_dir;

pub use growing::GrowingFile;
pub use out_dir::OutDir;

/// Why an output was refused or could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OutputError {
    /// A file is already there with other contents, and `force` was not given.
    #[error("{} already exists; pass --force to replace it, or choose another {flag}", path.display())]
    Exists {
        /// The file kept.
        path: PathBuf,
        /// The flag that names its directory (`--out`).
        flag: String,
    },
    /// A streamed file would replace one with other contents.
    #[error(
        "{} already exists with other contents; pass --force to replace it, or choose another --out",
        path.display()
    )]
    Changed {
        /// The file kept.
        path: PathBuf,
    },
    /// The name is one of the command's inputs.
    #[error("refusing to write {}: it is one of this command's inputs; choose another {flag}", path.display())]
    Input {
        /// The input.
        path: PathBuf,
        /// The flag that names its directory.
        flag: String,
    },
    /// The path names something other than a regular file (a directory,
    /// a device, a FIFO, a socket): it is never read, compared or replaced.
    #[error("refusing to write {}: it is a {kind}, not a regular file; choose another {flag}", path.display())]
    NotRegular {
        /// The path.
        path: PathBuf,
        /// What it is (`character device`, say).
        kind: &'static str,
        /// The flag that names it.
        flag: String,
    },
    /// A directory or file could not be created, read or compared.
    #[error("cannot {action} {}: {error}", path.display())]
    Io {
        /// What was being done (`create --out`, say).
        action: String,
        /// The path.
        path: PathBuf,
        /// The operating system's error.
        error: io::Error,
    },
    /// The atomic write itself failed.
    #[error(transparent)]
    Write(#[from] crate::Error),
}

/// Whether `path` exists (following links), refusing anything there that
/// is not a regular file.
fn existing_regular(path: &Path, flag: &str) -> Result<bool, OutputError> {
    let Ok(metadata) = fs::metadata(path) else {
        return Ok(false);
    };
    if metadata.is_file() {
        return Ok(true);
    }
    Err(OutputError::NotRegular {
        path: path.to_owned(),
        kind: kind_of(&metadata.file_type()),
        flag: flag.to_owned(),
    })
}

/// What a file type that is not a regular file is, in words.
fn kind_of(file_type: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_char_device() {
            return "character device";
        }
        if file_type.is_block_device() {
            return "block device";
        }
        if file_type.is_fifo() {
            return "FIFO";
        }
        if file_type.is_socket() {
            return "socket";
        }
    }
    if file_type.is_dir() {
        "directory"
    } else {
        "special file"
    }
}

/// Whether the regular file at `path` holds exactly `contents`, reading at
/// most one byte more than `contents`.
fn holds(path: &Path, contents: &[u8]) -> bool {
    let Ok(file) = File::open(path) else {
        return false;
    };
    let mut bytes = Vec::with_capacity(contents.len());
    let read = file.take(contents.len() as u64 + 1).read_to_end(&mut bytes);
    read.is_ok() && bytes == contents
}

fn canonical_inputs(inputs: &[&Path]) -> Vec<PathBuf> {
    inputs
        .iter()
        .filter_map(|p| fs::canonicalize(p).ok())
        .collect()
}

/// Checks, before a command does its work, that it may write each of
/// `names` into `dir` (`flag` names `dir` in errors): none is one of
/// `inputs`, and none exists unless `force`. [`write_new_files`] checks
/// again when it writes (a file may appear meanwhile).
///
/// # Errors
/// [`OutputError::Input`] or [`OutputError::Exists`] for the first name refused.
pub fn check_names(
    dir: &Path,
    flag: &str,
    names: &[String],
    force: bool,
    inputs: &[&Path],
) -> Result<(), OutputError> {
    let inputs = canonical_inputs(inputs);
    for name in names {
        let path = dir.join(name);
        existing_regular(&path, flag)?;
        let Ok(existing) = fs::canonicalize(&path) else {
            continue;
        };
        if inputs.contains(&existing) {
            return Err(OutputError::Input {
                path,
                flag: flag.to_owned(),
            });
        }
        if !force {
            return Err(OutputError::Exists {
                path,
                flag: flag.to_owned(),
            });
        }
    }
    Ok(())
}

/// Writes `files` (name, contents) into `dir`, created if missing; `flag`
/// names `dir` in errors (`--out`).
///
/// Refuses, before writing anything, a name that is one of `inputs`, and
/// a name that exists with other contents unless `force` (a file that
/// already holds exactly these bytes is left as it is). Returns the paths
/// written or found identical, in order.
///
/// # Errors
/// A refusal ([`OutputError::Input`], [`OutputError::Exists`]) before
/// anything is written, or the first write that fails.
pub fn write_new_files(
    dir: &Path,
    flag: &str,
    files: &[(String, Vec<u8>)],
    force: bool,
    inputs: &[&Path],
) -> Result<Vec<PathBuf>, OutputError> {
    fs::create_dir_all(dir).map_err(|error| OutputError::Io {
        action: format!("create {flag}"),
        path: dir.to_owned(),
        error,
    })?;
    let inputs = canonical_inputs(inputs);
    let mut pending = Vec::new();
    for (name, contents) in files {
        let path = dir.join(name);
        existing_regular(&path, flag)?;
        if let Ok(existing) = fs::canonicalize(&path) {
            if inputs.contains(&existing) {
                return Err(OutputError::Input {
                    path,
                    flag: flag.to_owned(),
                });
            }
            if holds(&path, contents) {
                continue;
            }
            if !force {
                return Err(OutputError::Exists {
                    path,
                    flag: flag.to_owned(),
                });
            }
        }
        pending.push((path, contents));
    }
    for (path, contents) in pending {
        if force {
            crate::write(path, contents)?;
        } else {
            crate::write_new(path, contents)?;
        }
    }
    Ok(files.iter().map(|(name, _)| dir.join(name)).collect())
}

/// Gives the streamed `file` its final name: replacing what is there if
/// `force`; otherwise only if nothing is there, or leaving an existing file
/// that already holds exactly these bytes (a rerun of a deterministic
/// command), and refusing one with other contents.
///
/// # Errors
/// [`OutputError::Changed`] for a file with other contents (kept), or the
/// failed comparison or rename.
pub fn persist_unless_changed(file: AtomicFile, force: bool) -> Result<(), OutputError> {
    let path = file.path().to_owned();
    let exists = existing_regular(&path, "--out")?;
    if force {
        return Ok(file.persist()?);
    }
    if exists {
        let same = same_contents(file.temp_path(), &path).map_err(|error| OutputError::Io {
            action: "compare with".to_owned(),
            path: path.clone(),
            error,
        })?;
        if !same {
            return Err(OutputError::Changed { path });
        }
        // Dropping `file` deletes its temporary file.
        return Ok(());
    }
    Ok(file.persist_new()?)
}

/// Whether the files `a` and `b` hold the same bytes, read in chunks.
fn same_contents(a: &Path, b: &Path) -> io::Result<bool> {
    let len = fs::metadata(a)?.len();
    if fs::metadata(b)?.len() != len {
        return Ok(false);
    }
    let (mut a, mut b) = (File::open(a)?, File::open(b)?);
    let (mut chunk_a, mut chunk_b) = (vec![0; 1 << 16], vec![0; 1 << 16]);
    let mut left = len;
    while left > 0 {
        let n = usize::try_from(left.min(1 << 16)).unwrap_or(1 << 16);
        a.read_exact(&mut chunk_a[..n])?;
        b.read_exact(&mut chunk_b[..n])?;
        if chunk_a[..n] != chunk_b[..n] {
            return Ok(false);
        }
        left -= n as u64;
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn existing_files_are_kept_unless_forced_and_inputs_never_written()
    -> Result<(), Box<dyn std::error::Error>> {
        let tmp = tempfile::tempdir()?;
        let files = vec![
            ("a.svg".to_owned(), b"new".to_vec()),
            ("b.svg".to_owned(), b"b".to_vec()),
        ];
        crate::write(tmp.path().join("a.svg"), b"old")?;
        let error = write_new_files(tmp.path(), "--out", &files, false, &[])
            .expect_err("an existing file is kept");
        assert!(error.to_string().contains("--force"), "{error}");
        assert!(
            !tmp.path().join("b.svg").exists(),
            "nothing is written on refusal"
        );
        assert_eq!(
            fs::read(tmp.path().join("a.svg")).ok(),
            Some(b"old".to_vec())
        );

        let input = tmp.path().join("a.svg");
        let error = write_new_files(tmp.path(), "--out", &files, true, &[input.as_path()])
            .expect_err("an input is never overwritten");
        assert!(error.to_string().contains("inputs"), "{error}");

        write_new_files(tmp.path(), "--out", &files, true, &[])?;
        assert_eq!(
            fs::read(tmp.path().join("a.svg")).ok(),
            Some(b"new".to_vec())
        );
        // Identical contents are not an overwrite.
        write_new_files(tmp.path(), "--out", &files, false, &[])?;
        Ok(())
    }

    #[test]
    fn a_streamed_file_replaces_only_itself_unless_forced() -> Result<(), Box<dyn std::error::Error>>
    {
        let tmp = tempfile::tempdir()?;
        let path = tmp.path().join("path.csv");
        let streamed = |bytes: &[u8]| -> Result<AtomicFile, crate::Error> {
            let mut file = AtomicFile::create(&path)?;
            file.write_chunk(bytes)?;
            Ok(file)
        };
        persist_unless_changed(streamed(b"a,b\n")?, false)?;
        persist_unless_changed(streamed(b"a,b\n")?, false)?;
        let error = persist_unless_changed(streamed(b"other\n")?, false)
            .expect_err("other contents are kept");
        assert!(error.to_string().contains("--force"), "{error}");
        assert_eq!(fs::read(&path).ok(), Some(b"a,b\n".to_vec()));
        persist_unless_changed(streamed(b"other\n")?, true)?;
        assert_eq!(fs::read(&path).ok(), Some(b"other\n".to_vec()));
        let count = fs::read_dir(tmp.path()).map(Iterator::count).ok();
        assert_eq!(count, Some(1), "no temporary file is left");
        Ok(())
    }
}
