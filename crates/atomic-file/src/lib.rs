#![doc = include_str!("../README.md")]

mod error;
pub mod outputs;

use std::ffi::OsString;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use tempfile::{Builder, NamedTempFile};

pub use error::Error;

/// The suffix of every temporary file: `<name>.<random>.atomic-file.part`,
/// a name no other program uses (a browser's partial download is
/// `<name>.part`), so only this crate's own files read as leftovers.
const TEMP_SUFFIX: &str = ".atomic-file.part";

/// Random characters in a temporary file's name (62^8 names: two writers
/// never pick the same one, and `tempfile` retries if one is taken).
const TEMP_RANDOM_CHARS: usize = 8;

/// Writes `contents` to `path` atomically, replacing any file there.
///
/// # Errors
/// [`Error::Io`] when the temporary file cannot be created, written,
/// fsynced or renamed to `path`; nothing is left behind then.
pub fn write(path: impl AsRef<Path>, contents: &[u8]) -> Result<(), Error> {
    let mut file = AtomicFile::create(path)?;
    file.write_chunk(contents)?;
    file.persist()
}

/// Writes `contents` to `path` atomically, unless a file is already there.
///
/// # Errors
/// [`Error::Exists`] when `path` exists (it is left untouched);
/// [`Error::Io`] as for [`write()`].
pub fn write_new(path: impl AsRef<Path>, contents: &[u8]) -> Result<(), Error> {
    let mut file = AtomicFile::create(path)?;
    file.write_chunk(contents)?;
    file.persist_new()
}

/// A file being written: a uniquely named temporary file beside its final
/// path, which gets the final name only through [`persist`](Self::persist)
/// or [`persist_new`](Self::persist_new). Dropped before that, it is
/// deleted.
///
/// It is an [`io::Write`] for serializers; its errors then are plain
/// [`io::Error`]s. [`write_chunk`](Self::write_chunk) does the same and
/// names the path in its error.
#[derive(Debug)]
pub struct AtomicFile {
    temp: NamedTempFile,
    path: PathBuf,
}

impl AtomicFile {
    /// Creates the temporary file `<name>.<random>.atomic-file.part` in the directory
    /// of `path` (which must exist).
    ///
    /// # Errors
    /// [`Error::Io`] when `path` names no file or the temporary file cannot
    /// be created (a missing or read-only directory).
    pub fn create(path: impl AsRef<Path>) -> Result<Self, Error> {
        let path = path.as_ref().to_path_buf();
        let action = "create a temporary file for";
        let Some(name) = path.file_name() else {
            let error = io::Error::new(io::ErrorKind::InvalidInput, "the path names no file");
            return Err(Error::io(action, &path, error));
        };
        let mut prefix = name.to_os_string();
        prefix.push(".");
        let mut builder = Builder::new();
        builder
            .prefix(&prefix)
            .suffix(TEMP_SUFFIX)
            .rand_bytes(TEMP_RANDOM_CHARS);
        #[cfg(unix)]
        {
            // What `File::create` gives (less the umask), not the owner-only
            // 0o600 of a temporary file: the file is the user's in the end.
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(fs::Permissions::from_mode(0o666));
        }
        let temp = builder
            .tempfile_in(parent(&path))
            .map_err(|error| Error::io(action, &path, error))?;
        Ok(Self { temp, path })
    }

    /// The final path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The temporary file's path, where the bytes are until they are
    /// persisted.
    pub fn temp_path(&self) -> &Path {
        self.temp.path()
    }

    /// Appends `chunk`.
    ///
    /// # Errors
    /// [`Error::Io`] naming the final path when the write fails (a full
    /// disk, say).
    pub fn write_chunk(&mut self, chunk: &[u8]) -> Result<(), Error> {
        self.temp
            .write_all(chunk)
            .map_err(|error| Error::io("write", &self.path, error))
    }

    /// Flushes and fsyncs the file, renames it to its final path (replacing
    /// any file there), then fsyncs the directory.
    ///
    /// # Errors
    /// [`Error::Io`] when a step fails; the temporary file is removed and
    /// the final path left as it was.
    pub fn persist(self) -> Result<(), Error> {
        self.finish(false)
    }

    /// As [`persist`](Self::persist), but fails if a file already has the
    /// final name, leaving it untouched.
    ///
    /// # Errors
    /// [`Error::Exists`] when the final path exists; [`Error::Io`] as for
    /// [`persist`](Self::persist).
    pub fn persist_new(self) -> Result<(), Error> {
        self.finish(true)
    }

    fn finish(mut self, new: bool) -> Result<(), Error> {
        let path = self.path;
        self.temp
            .flush()
            .and_then(|()| self.temp.as_file().sync_all())
            .map_err(|error| Error::io("fsync", &path, error))?;
        let persisted = if new {
            self.temp.persist_noclobber(&path)
        } else {
            self.temp.persist(&path)
        };
        // On failure the temporary file comes back inside the error and is
        // deleted when the error is dropped here.
        if let Err(failed) = persisted {
            return Err(match failed.error.kind() {
                io::ErrorKind::AlreadyExists if new => Error::Exists { path },
                _ => Error::io("rename a temporary file to", &path, failed.error),
            });
        }
        sync_dir(parent(&path)).map_err(|error| Error::io("fsync the directory of", &path, error))
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.temp.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.temp.flush()
    }
}

/// The temporary files of `path` (`<name>.<random>.atomic-file.part`
/// beside it, as [`AtomicFile::create`] names them, and nothing else) that
/// a killed process left, sorted by name. A writer still at work has
/// such a file too: remove only what no other process can be writing.
///
/// # Errors
/// [`Error::Io`] when the directory cannot be listed.
pub fn leftovers(path: impl AsRef<Path>) -> Result<Vec<PathBuf>, Error> {
    let path = path.as_ref();
    let Some(name) = path.file_name() else {
        return Ok(Vec::new());
    };
    let dir = parent(path);
    let entries =
        fs::read_dir(dir).map_err(|error| Error::io("list the directory of", path, error))?;
    let mut prefix = OsString::from(name);
    prefix.push(".");
    let prefix = prefix.as_encoded_bytes();
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|entry| {
            let file_name = entry.file_name();
            // `<name>.` then exactly the random characters `tempfile` picks,
            // then the suffix: nothing else is taken for ours.
            file_name
                .as_encoded_bytes()
                .strip_prefix(prefix)
                .and_then(|rest| rest.strip_suffix(TEMP_SUFFIX.as_bytes()))
                .is_some_and(|random| {
                    random.len() == TEMP_RANDOM_CHARS
                        && random.iter().all(u8::is_ascii_alphanumeric)
                })
        })
        .map(|entry| entry.path())
        .collect();
    found.sort();
    Ok(found)
}

/// The directory holding `path` (`.` for a bare file name).
fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// Makes a rename in `dir` durable. Some file systems cannot fsync a
/// directory; there the rename is still atomic, so that is no error.
fn sync_dir(dir: &Path) -> io::Result<()> {
    if cfg!(unix) {
        match File::open(dir).and_then(|dir| dir.sync_all()) {
            Err(error)
                if matches!(
                    error.kind(),
                    io::ErrorKind::InvalidInput | io::ErrorKind::Unsupported
                ) => {}
            other => return other,
        }
    }
    Ok(())
}
