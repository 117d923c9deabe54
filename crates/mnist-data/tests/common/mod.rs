//! Fixtures of mnist-data's fetch tests: fast fetch options, an event
//! recorder, the invariant check "no unverified file under a final name",
//! and the expected files of a data set. The data sets and the loopback
//! server come from the workspace's shared fixtures (`integration_tests`).

#![allow(
    dead_code,
    reason = "each test binary uses a different part of the fixtures"
)]

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use integration_tests::{IdxFile, TestServer};
use mnist_data::fetch::{ExpectedFile, FetchEvent, FetchOptions, Mirror, verify_file};

/// What a verified copy of each file must hold.
pub fn expected(files: &[IdxFile]) -> Vec<ExpectedFile> {
    files
        .iter()
        .map(|f| ExpectedFile::for_content(f.name, &f.content))
        .collect()
}

/// The server as a mirror.
pub fn mirror(server: &TestServer) -> Mirror {
    Mirror::parse(server.url()).expect("a loopback URL")
}

/// Fetch options for tests: the given mirrors and files, 2 retries, 10 ms
/// backoff, short timeouts and deadlines, so that every fault case runs in
/// well under a second or two; existing files are kept (a user's folder).
pub fn fast_options(mirrors: Vec<Mirror>, files: Vec<ExpectedFile>) -> FetchOptions {
    FetchOptions {
        mirrors,
        files,
        retries: 2,
        backoff: Duration::from_millis(10),
        connect_timeout: Duration::from_secs(2),
        read_timeout: Duration::from_millis(300),
        file_deadline: Duration::from_secs(5),
        min_rate: 0,
        lock_timeout: Duration::from_secs(30),
        ..FetchOptions::default()
    }
}

/// Every file under `dir` with its bytes, sorted by path.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = fs::read_dir(dir)
        .expect("list dir")
        .map(|entry| {
            let path = entry.expect("list dir").path();
            let bytes = fs::read(&path).expect("read file");
            (path, bytes)
        })
        .collect();
    files.sort();
    files
}

/// Asserts the invariant: every file under a final name verifies, and no
/// temporary file is left.
pub fn assert_only_verified(dir: &Path, files: &[ExpectedFile]) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.expect("list dir").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        assert!(
            !name.ends_with(".part"),
            "temporary file left behind: {}",
            path.display()
        );
        if let Some(expected) = files
            .iter()
            .find(|f| name == f.name || name == format!("{}.gz", f.name))
            && let Err(problem) = verify_file(&path, expected)
        {
            panic!(
                "unverified file under a final name: {}: {problem}",
                path.display()
            );
        }
    }
}

/// The events of a fetch, owned, without the progress ticks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seen {
    AlreadyVerified(String),
    MovedAside(PathBuf, PathBuf, String),
    WaitingForLock,
    RemovedLeftover(PathBuf),
    Started(String, String),
    Retrying(String, String),
    MirrorFailed(String, String),
    Verified(String, String),
}

/// Records events; `record` is the callback to pass to `fetch_mnist`.
#[derive(Debug, Default)]
pub struct Recorder {
    pub seen: Vec<Seen>,
    pub progress_ticks: usize,
}

impl Recorder {
    pub fn record(&mut self, event: &FetchEvent<'_>) {
        let seen = match *event {
            FetchEvent::AlreadyVerified { file, .. } => Seen::AlreadyVerified(file.into()),
            FetchEvent::MovedAside { path, to, problem } => {
                Seen::MovedAside(path.into(), to.into(), problem.to_string())
            }
            FetchEvent::WaitingForLock { .. } => Seen::WaitingForLock,
            FetchEvent::RemovedLeftover { path } => Seen::RemovedLeftover(path.into()),
            FetchEvent::Started { file, source, .. } => Seen::Started(file.into(), source.into()),
            FetchEvent::Retrying { file, problem, .. } => {
                Seen::Retrying(file.into(), problem.to_string())
            }
            FetchEvent::MirrorFailed { file, problem, .. } => {
                Seen::MirrorFailed(file.into(), problem.to_string())
            }
            FetchEvent::Verified { file, source, .. } => Seen::Verified(file.into(), source.into()),
            FetchEvent::Progress { .. } => {
                self.progress_ticks += 1;
                return;
            }
            _ => return,
        };
        self.seen.push(seen);
    }

    /// Problems reported by `Retrying` events.
    pub fn retries(&self) -> Vec<&str> {
        self.seen
            .iter()
            .filter_map(|s| {
                if let Seen::Retrying(_, p) = s {
                    Some(p.as_str())
                } else {
                    None
                }
            })
            .collect()
    }

    /// Problems reported by `MirrorFailed` events.
    pub fn mirror_failures(&self) -> Vec<&str> {
        self.seen
            .iter()
            .filter_map(|s| {
                if let Seen::MirrorFailed(_, p) = s {
                    Some(p.as_str())
                } else {
                    None
                }
            })
            .collect()
    }

    /// Sources of `Verified` events.
    pub fn verified_sources(&self) -> Vec<&str> {
        self.seen
            .iter()
            .filter_map(|s| {
                if let Seen::Verified(_, src) = s {
                    Some(src.as_str())
                } else {
                    None
                }
            })
            .collect()
    }
}
