//! What a fetch reports: the events while it runs (for progress display;
//! the library never prints), the report when it succeeds, and the failure
//! that names each file, each mirror and why.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::problem::FetchProblem;

/// A step of [`fetch_mnist`](crate::fetch::fetch_mnist), for progress display.
#[derive(Debug)]
#[non_exhaustive]
pub enum FetchEvent<'a> {
    /// The file is already present and verified; nothing is downloaded.
    AlreadyVerified {
        /// The file's name.
        file: &'a str,
        /// Where it is.
        path: &'a Path,
    },
    /// A file under a final name failed verification and was renamed aside
    /// ([`ExistingFiles::MoveAside`](crate::fetch::ExistingFiles::MoveAside)); a
    /// verified copy is fetched in its place.
    MovedAside {
        /// Where it was.
        path: &'a Path,
        /// Where it now is: `<name>.rejected-<UTC time>`.
        to: &'a Path,
        /// What is wrong with it.
        problem: &'a FetchProblem,
    },
    /// Another fetch into the same directory holds its lock; this one
    /// waits for it (at most [`FetchOptions::lock_timeout`](crate::fetch::FetchOptions::lock_timeout)),
    /// then uses what it fetched.
    WaitingForLock {
        /// The lock file.
        path: &'a Path,
    },
    /// A temporary file left by a killed fetch was deleted (only with the
    /// directory's lock held, so no fetch can still be writing it).
    RemovedLeftover {
        /// The deleted file.
        path: &'a Path,
    },
    /// A transfer began.
    Started {
        /// The file's name.
        file: &'a str,
        /// The URL or path it comes from.
        source: &'a str,
        /// Its length as sent (compressed when gzip), when known.
        total_bytes: Option<u64>,
    },
    /// More bytes arrived.
    Progress {
        /// The file's name.
        file: &'a str,
        /// Bytes received so far in this transfer.
        bytes: u64,
        /// Its length as sent, when known.
        total_bytes: Option<u64>,
    },
    /// A transient failure; the same mirror is tried again after `delay`.
    Retrying {
        /// The file's name.
        file: &'a str,
        /// The URL or path that failed.
        source: &'a str,
        /// The attempt that failed, from 1.
        attempt: u32,
        /// The wait before the next attempt.
        delay: Duration,
        /// Why it failed.
        problem: &'a FetchProblem,
    },
    /// A mirror gave up on a file; the next mirror is tried.
    MirrorFailed {
        /// The file's name.
        file: &'a str,
        /// The URL or path that failed.
        source: &'a str,
        /// Why it failed.
        problem: &'a FetchProblem,
    },
    /// The file was downloaded, verified and stored under its final name.
    Verified {
        /// The file's name.
        file: &'a str,
        /// Where it now is.
        path: &'a Path,
        /// The URL or path it came from.
        source: &'a str,
    },
}

/// What [`fetch_mnist`](crate::fetch::fetch_mnist) did, file by file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchReport {
    /// One entry per expected file, in order.
    pub files: Vec<FetchedFile>,
}

impl FetchReport {
    /// How many files were downloaded (the others were already verified).
    pub fn downloaded(&self) -> usize {
        self.files
            .iter()
            .filter(|f| f.downloaded_from.is_some())
            .count()
    }
}

/// A verified file in the data directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchedFile {
    /// The file's name (without `.gz`).
    pub name: String,
    /// Where the verified copy is (`name`, or a `name.gz` already there).
    pub path: PathBuf,
    /// The URL or path it was downloaded from; `None` when already present.
    pub downloaded_from: Option<String>,
}

/// Files that no mirror delivered, with every mirror's reason.
#[derive(Debug, Clone, thiserror::Error)]
pub struct FetchFailure {
    /// The target directory.
    pub dir: PathBuf,
    /// How many files were expected in all.
    pub expected: usize,
    /// One entry per file that could not be fetched.
    pub files: Vec<FileFailure>,
}

/// One file that no mirror delivered.
#[derive(Debug, Clone)]
pub struct FileFailure {
    /// The file's name.
    pub name: String,
    /// Each mirror tried, in order.
    pub mirrors: Vec<MirrorFailure>,
    /// Where the failing copies that were there before were moved aside.
    pub moved_aside: Vec<PathBuf>,
}

/// Why one mirror did not deliver one file.
#[derive(Debug, Clone)]
pub struct MirrorFailure {
    /// The URL or path tried.
    pub source: String,
    /// Attempts made: more than one after transient failures, none when
    /// the mirror was already unreachable or timed out for an earlier file.
    pub attempts: u32,
    /// Why the last attempt failed.
    pub problem: FetchProblem,
}

impl fmt::Display for FetchFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "could not fetch {} of {} MNIST files into {}:",
            self.files.len(),
            self.expected,
            self.dir.display()
        )?;
        for file in &self.files {
            write!(f, " {}:", file.name)?;
            if file.mirrors.is_empty() {
                write!(f, " no mirror to try.")?;
            }
            for (i, m) in file.mirrors.iter().enumerate() {
                let tries = match m.attempts {
                    0 if matches!(m.problem, FetchProblem::Timeout(_)) => {
                        " (timed out for an earlier file, not tried again)".to_owned()
                    }
                    0 => " (unreachable for an earlier file, not tried again)".to_owned(),
                    1 => String::new(),
                    n => format!(" (after {n} attempts)"),
                };
                let end = if i + 1 == file.mirrors.len() {
                    '.'
                } else {
                    ';'
                };
                write!(f, " {} failed: {}{tries}{end}", m.source, m.problem)?;
            }
            for path in &file.moved_aside {
                write!(
                    f,
                    " The invalid copy that was there is kept as {}.",
                    path.display()
                )?;
            }
        }
        Ok(())
    }
}
