//! Shared fixtures of the integration tests: a small synthetic MNIST-shaped
//! dataset, gzip, fast fetch options, an event recorder, the invariant check
//! "no unverified file under a final name", and (in `server`) a scriptable
//! HTTP server on 127.0.0.1.

#![allow(
    dead_code,
    reason = "each test binary uses a different part of the fixtures"
)]

pub mod server;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use flate2::Compression;
use flate2::write::GzEncoder;
use mnist_data::{
    ExpectedFile, FetchEvent, FetchOptions, IdxArray, IdxType, Mirror, MnistFile, verify_file,
};

/// A file of a dataset: its name (without `.gz`) and raw IDX content.
#[derive(Debug, Clone)]
pub struct DataFile {
    pub name: String,
    pub content: Vec<u8>,
}

/// Four valid MNIST-shaped files with `train` and `test` images; pixel and
/// label values depend on `seed` so that two datasets differ.
pub fn synthetic(train: u32, test: u32, seed: u8) -> Vec<DataFile> {
    let split = |n: u32, images: MnistFile, labels: MnistFile| {
        let pixels: Vec<u8> = (0..n as usize * 784)
            .map(|i| (i as u8).wrapping_mul(7).wrapping_add(seed))
            .collect();
        let digits: Vec<u8> = (0..n).map(|i| ((i + u32::from(seed)) % 10) as u8).collect();
        [
            file(
                images.name(),
                IdxArray::new(IdxType::U8, vec![n, 28, 28], pixels),
            ),
            file(labels.name(), IdxArray::new(IdxType::U8, vec![n], digits)),
        ]
    };
    let [a, b] = split(train, MnistFile::TrainImages, MnistFile::TrainLabels);
    let [c, d] = split(test, MnistFile::TestImages, MnistFile::TestLabels);
    vec![a, b, c, d]
}

fn file(name: &str, array: Result<IdxArray, mnist_data::IdxError>) -> DataFile {
    DataFile {
        name: name.to_owned(),
        content: array.expect("valid fixture").to_idx_bytes(),
    }
}

/// What a verified copy of each file must hold.
pub fn expected(files: &[DataFile]) -> Vec<ExpectedFile> {
    files
        .iter()
        .map(|f| ExpectedFile::for_content(f.name.clone(), &f.content))
        .collect()
}

/// `bytes` gzip-compressed.
pub fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    encoder.write_all(bytes).expect("in-memory write");
    encoder.finish().expect("in-memory write")
}

/// Writes each file as `dir/name.gz` (or raw `dir/name`); returns `dir`.
pub fn write_files(dir: &Path, files: &[DataFile], gzip: bool) -> PathBuf {
    fs::create_dir_all(dir).expect("create fixture dir");
    for f in files {
        if gzip {
            fs::write(dir.join(format!("{}.gz", f.name)), gz(&f.content)).expect("write fixture");
        } else {
            fs::write(dir.join(&f.name), &f.content).expect("write fixture");
        }
    }
    dir.to_owned()
}

/// Fetch options for tests: the given mirrors and files, 2 retries, 10 ms
/// backoff, short timeouts, so that every fault case runs in well under a
/// second.
pub fn fast_options(mirrors: Vec<Mirror>, files: Vec<ExpectedFile>) -> FetchOptions {
    FetchOptions {
        mirrors,
        files,
        retries: 2,
        backoff: Duration::from_millis(10),
        connect_timeout: Duration::from_secs(2),
        read_timeout: Duration::from_millis(300),
    }
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
        {
            if let Err(problem) = verify_file(&path, expected) {
                panic!(
                    "unverified file under a final name: {}: {problem}",
                    path.display()
                );
            }
        }
    }
}

/// The events of a fetch, owned, without the progress ticks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seen {
    AlreadyVerified(String),
    RemovedInvalid(PathBuf, String),
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
            FetchEvent::RemovedInvalid { path, problem } => {
                Seen::RemovedInvalid(path.into(), problem.to_string())
            }
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
