//! The advisory lock that makes concurrent fetches into one directory
//! safe: held on `.mnist-fetch.lock` there for the whole fetch, so a second
//! fetch waits, then finds the first one's files verified. Advisory: it
//! binds fetches, not other programs.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;
use std::time::{Duration, Instant};

use crate::error::Error;

use super::report::FetchEvent;

/// The lock file's name in the data directory. It stays there (removing a
/// lock file races with the next fetch that opens it); it is empty, and
/// hidden (a leading dot), so `ls` of a user's MNIST folder shows the four
/// data files and nothing else.
pub const LOCK_FILE: &str = ".mnist-fetch.lock";

/// How often a waiting fetch tries the lock again.
const POLL: Duration = Duration::from_millis(50);

/// The lock held on a data directory; released when dropped (also when
/// the process dies: the system releases it with the file).
#[derive(Debug)]
pub(crate) struct DirLock {
    _file: File,
}

impl DirLock {
    /// Takes the lock on `dir`, waiting at most `timeout` for another fetch
    /// to release it; `on_event` hears once that it waits.
    pub(crate) fn acquire(
        dir: &Path,
        timeout: Duration,
        on_event: &mut dyn FnMut(&FetchEvent<'_>),
    ) -> Result<Self, Error> {
        let path = dir.join(LOCK_FILE);
        let io = |action, error| Error::Io {
            action,
            path: path.clone(),
            error,
        };
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| io("create the lock file", e))?;
        let started = Instant::now();
        let mut announced = false;
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(Self { _file: file }),
                Err(TryLockError::WouldBlock) => {}
                Err(TryLockError::Error(e)) => return Err(io("lock", e)),
            }
            if !announced {
                on_event(&FetchEvent::WaitingForLock { path: &path });
                announced = true;
            }
            if started.elapsed() >= timeout {
                return Err(Error::LockTimeout {
                    path: path.clone(),
                    waited: timeout,
                });
            }
            std::thread::sleep(POLL);
        }
    }
}
