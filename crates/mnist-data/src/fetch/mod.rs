//! Fetching the files into a directory (the `download` feature): skip what
//! is already verified, try each mirror in order with bounded retries and
//! backoff, and report every step to an observer (the library itself never
//! prints).

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

mod attempt;
mod mirror;
mod problem;
mod report;
mod verify;

pub use mirror::{DEFAULT_MIRRORS, Mirror, default_mirrors};
pub use problem::FetchProblem;
pub use report::{FetchEvent, FetchFailure, FetchReport, FetchedFile, FileFailure, MirrorFailure};
pub use verify::{ExpectedFile, pinned_files, verify_file};

use crate::error::Error;

use attempt::{AttemptError, LazyClient, attempt};

/// How to fetch: mirrors, expected files, retries and timeouts.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// Mirrors tried in order for each file; default [`default_mirrors`].
    pub mirrors: Vec<Mirror>,
    /// Files to fetch; default the four real MNIST files ([`pinned_files`]).
    /// Tests put a small synthetic dataset with its own checksums here.
    pub files: Vec<ExpectedFile>,
    /// Extra attempts on the same mirror after a transient failure
    /// (connection error, timeout, 5xx, cut-short body); default 3.
    pub retries: u32,
    /// Wait before the first retry, doubled before each next one; default 0.5 s.
    pub backoff: Duration,
    /// Limit on establishing a connection; default 10 s.
    pub connect_timeout: Duration,
    /// Limit on each wait for data from the server; default 30 s.
    pub read_timeout: Duration,
}

impl Default for FetchOptions {
    fn default() -> Self {
        Self {
            mirrors: default_mirrors(),
            files: pinned_files(),
            retries: 3,
            backoff: Duration::from_millis(500),
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(30),
        }
    }
}

/// Makes sure `dir` holds a verified copy of every file of
/// `options.files`, downloading what is missing or invalid.
///
/// Temporary files left by an interrupted run are deleted first. A file
/// already there under its final name (`name`, or `name.gz`) and matching
/// its checksum is kept without any network I/O; one that does not match is
/// deleted. Each missing file is tried on each mirror in turn,
/// streamed into a temporary file, verified, fsynced and renamed, so a file
/// under its final name is always a verified one. Transient failures are
/// retried with exponential backoff; a 404 or wrong content moves on to the
/// next mirror at once.
///
/// # Errors
/// [`Error::Io`] at once when `dir` cannot be created or written;
/// [`Error::ReadOnlyInvalid`] when a read-only file there fails verification;
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
    let mut client = LazyClient::new(options.connect_timeout, options.read_timeout);
    let mut unreachable = vec![None; options.mirrors.len()];
    let mut report = FetchReport { files: Vec::new() };
    let mut failures = Vec::new();
    for expected in &options.files {
        let name = expected.name.clone();
        for path in atomic_file::leftovers(dir.join(&name))? {
            remove(&path)?;
            on_event(&FetchEvent::RemovedLeftover { path: &path });
        }
        if let Some(path) = already_verified(dir, expected, on_event)? {
            report.files.push(FetchedFile {
                name,
                path,
                downloaded_from: None,
            });
            continue;
        }
        match fetch_file(
            &mut client,
            &mut unreachable,
            dir,
            expected,
            options,
            on_event,
        )? {
            Ok(source) => {
                let path = dir.join(&name);
                report.files.push(FetchedFile {
                    name,
                    path,
                    downloaded_from: Some(source),
                });
            }
            Err(mirrors) => failures.push(FileFailure { name, mirrors }),
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

/// The verified copy of `expected` in `dir`, if any; invalid copies under a
/// final name are deleted.
fn already_verified(
    dir: &Path,
    expected: &ExpectedFile,
    on_event: &mut dyn FnMut(&FetchEvent<'_>),
) -> Result<Option<PathBuf>, Error> {
    for path in [
        dir.join(&expected.name),
        dir.join(format!("{}.gz", expected.name)),
    ] {
        if !path.is_file() {
            continue;
        }
        match verify_file(&path, expected) {
            Ok(()) => {
                on_event(&FetchEvent::AlreadyVerified {
                    file: &expected.name,
                    path: &path,
                });
                return Ok(Some(path));
            }
            Err(problem) => {
                // A read-only file is someone's reference copy (a shared,
                // read-only dataset directory): report it, never delete it.
                if fs::metadata(&path).is_ok_and(|m| m.permissions().readonly()) {
                    return Err(Error::ReadOnlyInvalid { path, problem });
                }
                remove(&path)?;
                on_event(&FetchEvent::RemovedInvalid {
                    path: &path,
                    problem: &problem,
                });
            }
        }
    }
    Ok(None)
}

/// Tries each mirror in turn; `Ok(Ok(source))` names the one that worked,
/// `Ok(Err(..))` lists why each failed. A mirror that could not be reached
/// at all (after its retries) is recorded in `unreachable` and not tried
/// again for the next files, so an offline machine fails fast.
fn fetch_file(
    client: &mut LazyClient,
    unreachable: &mut [Option<FetchProblem>],
    dir: &Path,
    expected: &ExpectedFile,
    options: &FetchOptions,
    on_event: &mut dyn FnMut(&FetchEvent<'_>),
) -> Result<Result<String, Vec<MirrorFailure>>, Error> {
    let file = expected.name.as_str();
    let mut failures = Vec::new();
    for (mirror, unreachable) in options.mirrors.iter().zip(unreachable.iter_mut()) {
        let source = mirror.location(file);
        if let Some(problem) = unreachable {
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
            let problem = match attempt(client, mirror, dir, expected, on_event) {
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
            if matches!(problem, FetchProblem::Connect(_)) {
                *unreachable = Some(problem.clone());
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

fn remove(path: &Path) -> Result<(), Error> {
    fs::remove_file(path).map_err(|error| Error::Io {
        action: "remove",
        path: path.to_owned(),
        error,
    })
}
