//! Fetching the files into a directory (the `download` feature): skip what
//! is already verified, never delete what is there, hold a lock on the
//! directory while writing, try each mirror in order within bounded time,
//! and report every step to an observer (the library itself never prints).

use std::fs;
use std::path::Path;

mod attempt;
mod existing;
mod lock;
mod mirror;
mod options;
mod pace;
mod problem;
mod report;
mod verify;

pub use lock::LOCK_FILE;
pub use mirror::{DEFAULT_MIRRORS, Mirror, default_mirrors};
pub use options::{ExistingFiles, FetchOptions};
pub use problem::FetchProblem;
pub use report::{FetchEvent, FetchFailure, FetchReport, FetchedFile, FileFailure, MirrorFailure};
pub use verify::{ExpectedFile, pinned_files, verify_file};

use crate::error::Error;

use attempt::{AttemptError, LazyClient, attempt};
use existing::{Found, inspect, move_aside};
use lock::DirLock;

/// Makes sure `dir` holds a verified copy of every file of
/// `options.files`, downloading what is missing.
///
/// A file already there under its final name (`name`, or `name.gz`) that
/// matches its checksum is kept without any network I/O; when all are,
/// nothing in `dir` is written (a read-only shared copy works). A file
/// there that fails verification is never deleted or overwritten: with
/// [`ExistingFiles::Keep`] (the default) the fetch stops with
/// [`Error::Unverified`] and leaves it untouched; with
/// [`ExistingFiles::MoveAside`] it is renamed to
/// `<name>.rejected-<UTC time>` ([`FetchEvent::MovedAside`]) and fetched
/// again.
///
/// Before writing, the fetch takes an advisory lock on [`LOCK_FILE`] in
/// `dir` ([`FetchEvent::WaitingForLock`] when another fetch holds it), so
/// a second fetch into the same directory waits for the first, then finds
/// its files verified. With the lock held, temporary files left by a
/// killed fetch are stale and removed ([`FetchEvent::RemovedLeftover`]).
///
/// Each missing file is tried on each mirror in turn, streamed into a
/// uniquely named temporary file, verified, fsynced and renamed, so a file
/// under its final name is always a verified one. Transient failures are
/// retried with exponential backoff; a 404 or wrong content moves on to the
/// next mirror at once; a mirror that cannot be reached or times out (the
/// read timeout, the file's deadline, the minimum rate) is not asked again
/// during this fetch.
///
/// # Errors
/// [`Error::Io`] at once when `dir` cannot be created or written;
/// [`Error::Unverified`] when a file there fails verification and may not
/// be moved aside (or is read-only); [`Error::LockTimeout`] when another
/// fetch holds the directory longer than `options.lock_timeout`;
/// [`Error::Fetch`] after trying everything when some file could not be
/// fetched, naming each file, each mirror and why it failed.
pub fn fetch_mnist(
    dir: &Path,
    options: &FetchOptions,
    on_event: &mut dyn FnMut(&FetchEvent<'_>),
) -> Result<FetchReport, Error> {
    fs::create_dir_all(dir).map_err(|error| Error::Io {
        action: "create the directory",
        path: dir.to_owned(),
        error,
    })?;
    // First without the lock, only reading: a directory that already holds
    // every file is not written to.
    let mut verified = vec![None; options.files.len()];
    for (expected, slot) in options.files.iter().zip(&mut verified) {
        match inspect(dir, expected) {
            Found::Verified(path) => *slot = Some(path),
            Found::Invalid(path, problem) if !may_move_aside(&path, options) => {
                return Err(Error::Unverified { path, problem });
            }
            Found::Invalid(..) | Found::Nothing => {}
        }
    }
    let _lock = if verified.iter().all(Option::is_some) {
        None
    } else {
        let lock = DirLock::acquire(dir, options.lock_timeout, on_event)?;
        for expected in &options.files {
            for path in atomic_file::leftovers(dir.join(&expected.name))? {
                fs::remove_file(&path).map_err(|error| Error::Io {
                    action: "remove",
                    path: path.clone(),
                    error,
                })?;
                on_event(&FetchEvent::RemovedLeftover { path: &path });
            }
        }
        Some(lock)
    };

    let mut fetcher = Fetcher::new(options);
    let mut report = FetchReport { files: Vec::new() };
    let mut failures = Vec::new();
    for (expected, verified) in options.files.iter().zip(verified) {
        let name = expected.name.clone();
        let mut moved_aside = Vec::new();
        // With the lock held, look again: another fetch may have finished
        // this file while this one waited.
        let found = loop {
            match verified
                .clone()
                .map_or_else(|| inspect(dir, expected), Found::Verified)
            {
                Found::Invalid(path, problem) => {
                    if !may_move_aside(&path, options) {
                        return Err(Error::Unverified { path, problem });
                    }
                    let to = move_aside(&path)?;
                    on_event(&FetchEvent::MovedAside {
                        path: &path,
                        to: &to,
                        problem: &problem,
                    });
                    moved_aside.push(to);
                }
                other => break other,
            }
        };
        if let Found::Verified(path) = found {
            on_event(&FetchEvent::AlreadyVerified {
                file: &name,
                path: &path,
            });
            report.files.push(FetchedFile {
                name,
                path,
                downloaded_from: None,
            });
            continue;
        }
        match fetcher.fetch_file(dir, expected, on_event)? {
            Ok(source) => report.files.push(FetchedFile {
                path: dir.join(&name),
                name,
                downloaded_from: Some(source),
            }),
            Err(mirrors) => failures.push(FileFailure {
                name,
                mirrors,
                moved_aside,
            }),
        }
    }
    if failures.is_empty() {
        Ok(report)
    } else {
        Err(FetchFailure {
            dir: dir.to_owned(),
            expected: options.files.len(),
            files: failures,
        }
        .into())
    }
}

/// Whether a failing file may be renamed aside: only when asked, and
/// never a read-only one (someone's reference copy).
fn may_move_aside(path: &Path, options: &FetchOptions) -> bool {
    options.existing == ExistingFiles::MoveAside
        && !fs::metadata(path).is_ok_and(|m| m.permissions().readonly())
}

/// The mirrors' state during one fetch: the HTTP client, and which
/// mirrors are disqualified (unreachable or timed out) and why.
struct Fetcher<'o> {
    options: &'o FetchOptions,
    client: LazyClient,
    disqualified: Vec<Option<FetchProblem>>,
}

impl<'o> Fetcher<'o> {
    fn new(options: &'o FetchOptions) -> Self {
        Self {
            options,
            client: LazyClient::new(options.connect_timeout, options.read_timeout),
            disqualified: vec![None; options.mirrors.len()],
        }
    }

    /// Tries each mirror in turn; `Ok(Ok(source))` names the one that
    /// worked, `Ok(Err(..))` lists why each failed. A mirror that could not
    /// be reached or timed out is not tried again for the next files, so an
    /// offline machine or a hanging mirror costs little.
    fn fetch_file(
        &mut self,
        dir: &Path,
        expected: &ExpectedFile,
        on_event: &mut dyn FnMut(&FetchEvent<'_>),
    ) -> Result<Result<String, Vec<MirrorFailure>>, Error> {
        let options = self.options;
        let file = expected.name.as_str();
        let mut failures = Vec::new();
        for (mirror, disqualified) in options.mirrors.iter().zip(&mut self.disqualified) {
            let source = mirror.location(file);
            if let Some(problem) = disqualified {
                on_event(&FetchEvent::MirrorFailed {
                    file,
                    source: &source,
                    problem,
                });
                failures.push(MirrorFailure {
                    source,
                    attempts: 0,
                    problem: problem.clone(),
                });
                continue;
            }
            let mut attempts = 0;
            loop {
                attempts += 1;
                let problem =
                    match attempt(&mut self.client, mirror, dir, expected, options, on_event) {
                        Ok(origin) => {
                            let path = dir.join(file);
                            on_event(&FetchEvent::Verified {
                                file,
                                path: &path,
                                source: &origin,
                            });
                            return Ok(Ok(origin));
                        }
                        Err(AttemptError::Local(error)) => return Err(error),
                        Err(AttemptError::Mirror(problem)) => problem,
                    };
                if problem.is_transient() && attempts <= options.retries {
                    let delay = options.backoff.saturating_mul(1 << (attempts - 1).min(16));
                    on_event(&FetchEvent::Retrying {
                        file,
                        source: &source,
                        attempt: attempts,
                        delay,
                        problem: &problem,
                    });
                    std::thread::sleep(delay);
                    continue;
                }
                on_event(&FetchEvent::MirrorFailed {
                    file,
                    source: &source,
                    problem: &problem,
                });
                if problem.disqualifies_mirror() {
                    *disqualified = Some(problem.clone());
                }
                failures.push(MirrorFailure {
                    source,
                    attempts,
                    problem,
                });
                break;
            }
        }
        Ok(Err(failures))
    }
}
