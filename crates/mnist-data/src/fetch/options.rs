//! How to fetch ([`FetchOptions`]): mirrors, the files wanted, what to do
//! with a failing file already in the directory, retries, and the limits
//! that bound a download in time.

use std::time::Duration;

use crate::files::MnistFile;

use super::mirror::{Mirror, default_mirrors};
use super::verify::{ExpectedFile, pinned_files};

/// What [`fetch_mnist`](crate::fetch::fetch_mnist) does with a file already under
/// a final name (`name` or `name.gz`) whose content fails verification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ExistingFiles {
    /// Leave it untouched, byte for byte, and fail with
    /// [`Error::Unverified`](crate::Error::Unverified) naming it and what is
    /// wrong with it. The default: a directory the user named holds the
    /// user's files.
    #[default]
    Keep,
    /// Rename it aside to `<name>.rejected-<UTC time>` (reported by
    /// [`FetchEvent::MovedAside`](crate::fetch::FetchEvent::MovedAside)), then
    /// download a verified copy. Only for a directory the program owns, such
    /// as its own default data directory.
    MoveAside,
}

/// How to fetch: mirrors, expected files, what to do with failing files
/// already there, retries and time limits.
///
/// With the defaults a mirror that is dead (refuses connections), hangs
/// (accepts and never answers) or trickles (a byte every few seconds)
/// costs at most about a minute in all before the next one is tried: a
/// timeout is not retried, and the mirror is not asked again for the other
/// files.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// Mirrors tried in order for each file; default [`default_mirrors`].
    pub mirrors: Vec<Mirror>,
    /// Files to fetch; default the four real MNIST files ([`pinned_files`]).
    /// [`FetchOptions::only`] asks for some of them (a command that needs
    /// only the training set touches no test file); tests put a small
    /// synthetic dataset with its own checksums here.
    pub files: Vec<ExpectedFile>,
    /// What to do with a file under a final name that fails verification;
    /// default [`ExistingFiles::Keep`].
    pub existing: ExistingFiles,
    /// Extra attempts on the same mirror after a transient failure
    /// (connection refused, 5xx, cut-short body); default 3. Timeouts are
    /// not retried.
    pub retries: u32,
    /// Wait before the first retry, doubled before each next one; default 0.5 s.
    pub backoff: Duration,
    /// Limit on establishing a connection; default 10 s.
    pub connect_timeout: Duration,
    /// Limit on each wait for data from the server, the response's headers
    /// included; default 20 s.
    pub read_timeout: Duration,
    /// Limit on one download of one file, from the request to the last
    /// byte; default 10 minutes (the largest MNIST file, 9.9 MB, needs
    /// 17 KB/s).
    pub file_deadline: Duration,
    /// The slowest transfer accepted, in bytes per second, averaged over
    /// each [`rate_window`](Self::rate_window); default 2048. A mirror
    /// slower than this is abandoned as timed out.
    pub min_rate: u64,
    /// The period over which [`min_rate`](Self::min_rate) is measured;
    /// default 30 s.
    pub rate_window: Duration,
    /// Limit on waiting for another fetch into the same directory to
    /// finish (see [`FetchEvent::WaitingForLock`](crate::fetch::FetchEvent::WaitingForLock));
    /// default 30 minutes.
    pub lock_timeout: Duration,
}

impl Default for FetchOptions {
    fn default() -> Self {
        Self {
            mirrors: default_mirrors(),
            files: pinned_files(),
            existing: ExistingFiles::Keep,
            retries: 3,
            backoff: Duration::from_millis(500),
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(20),
            file_deadline: Duration::from_secs(600),
            min_rate: 2048,
            rate_window: Duration::from_secs(30),
            lock_timeout: Duration::from_secs(1800),
        }
    }
}

impl FetchOptions {
    /// The default options for only some of the MNIST files, e.g.
    /// [`MnistFile::TRAIN`].
    ///
    /// ```
    /// use mnist_data::{MnistFile, fetch::FetchOptions};
    /// let options = FetchOptions::only(&MnistFile::TRAIN);
    /// assert_eq!(options.files.len(), 2);
    /// assert_eq!(options.files[0].name, "train-images-idx3-ubyte");
    /// ```
    pub fn only(files: &[MnistFile]) -> Self {
        Self {
            files: files.iter().map(|f| f.expected()).collect(),
            ..Self::default()
        }
    }
}
