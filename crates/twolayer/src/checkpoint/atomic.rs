//! Writing a file so that its final name never holds a partial file.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use super::CheckpointError;

/// Writes `bytes` to a new file beside `path`, syncs it, renames it to
/// `path`, then syncs the directory so that the rename itself is durable.
pub(super) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), CheckpointError> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let io_error = |action: &'static str| {
        move |source| CheckpointError::Io {
            action,
            path: path.to_owned(),
            source,
        }
    };
    let file_name = path.file_name().ok_or_else(|| {
        io_error("write")(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the path does not name a file",
        ))
    })?;
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(file_name);
    temp_name.push(format!(
        ".{}-{}.tmp",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let temp = dir.join(temp_name);

    let written = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()
    })();
    if let Err(source) = written.and_then(|()| fs::rename(&temp, path)) {
        // Best effort: the temporary file may not even exist.
        let _ = fs::remove_file(&temp);
        return Err(io_error("write")(source));
    }
    sync_dir(dir).map_err(io_error("sync the directory of"))
}

/// Flushes a directory's entries (the rename) to disk; a no-op where
/// directories cannot be opened as files.
fn sync_dir(dir: &Path) -> io::Result<()> {
    if cfg!(unix) {
        File::open(dir)?.sync_all()
    } else {
        Ok(())
    }
}
