//! Fixtures of the workspace-level tests (`end_to_end.rs`): a small
//! synthetic MNIST-shaped data set that a network can learn, written as the
//! four gzip'd IDX files, and a loopback HTTP mirror that serves a
//! directory. Nothing here touches the network beyond 127.0.0.1.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;

use flate2::Compression;
use flate2::write::GzEncoder;

/// Image side, as in MNIST.
pub const SIDE: usize = 28;
/// Pixels per image.
pub const PIXELS: usize = SIDE * SIDE;
/// Classes (digits).
pub const CLASSES: usize = 10;

/// The names of the four files, without `.gz`, in the order
/// train images, train labels, test images, test labels.
pub const FILE_NAMES: [&str; 4] = [
    "train-images-idx3-ubyte",
    "train-labels-idx1-ubyte",
    "t10k-images-idx3-ubyte",
    "t10k-labels-idx1-ubyte",
];

/// One IDX file: its name (without `.gz`) and its decompressed content.
#[derive(Debug, Clone)]
pub struct IdxFile {
    /// One of [`FILE_NAMES`].
    pub name: &'static str,
    /// The raw IDX bytes (header and payload).
    pub content: Vec<u8>,
}

/// A learnable stand-in for MNIST: class `k` lights one 7x7 cell of a 4x4
/// grid over the 28x28 image (cell `k`, jittered by up to one pixel) on a
/// dim noisy background. A linear model separates it; the book's network
/// learns it in a few hundred iterations.
///
/// Deterministic in `seed`. Returns the four files in [`FILE_NAMES`] order.
pub fn synthetic_mnist(train_len: usize, test_len: usize, seed: u64) -> [IdxFile; 4] {
    let mut rng = SplitMix64(seed);
    let (train_images, train_labels) = samples(train_len, &mut rng);
    let (test_images, test_labels) = samples(test_len, &mut rng);
    [
        IdxFile {
            name: FILE_NAMES[0],
            content: idx_images(train_len, &train_images),
        },
        IdxFile {
            name: FILE_NAMES[1],
            content: idx_labels(&train_labels),
        },
        IdxFile {
            name: FILE_NAMES[2],
            content: idx_images(test_len, &test_images),
        },
        IdxFile {
            name: FILE_NAMES[3],
            content: idx_labels(&test_labels),
        },
    ]
}

/// Writes each file gzip'd as `dir/<name>.gz` (creating `dir`); returns `dir`.
pub fn write_gz(dir: &Path, files: &[IdxFile]) -> io::Result<PathBuf> {
    fs::create_dir_all(dir)?;
    for file in files {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
        encoder.write_all(&file.content)?;
        fs::write(dir.join(format!("{}.gz", file.name)), encoder.finish()?)?;
    }
    Ok(dir.to_path_buf())
}

fn samples(len: usize, rng: &mut SplitMix64) -> (Vec<u8>, Vec<u8>) {
    let mut images = vec![0_u8; len * PIXELS];
    let mut labels = Vec::with_capacity(len);
    for image in images.chunks_exact_mut(PIXELS) {
        let label = (rng.next() % CLASSES as u64) as usize;
        labels.push(label as u8);
        for pixel in image.iter_mut() {
            *pixel = (rng.next() % 48) as u8;
        }
        let jitter = |rng: &mut SplitMix64| (rng.next() % 3) as usize; // 0..=2, centred on 1
        let top = (label / 4) * 7 + jitter(rng);
        let left = (label % 4) * 7 + jitter(rng);
        for row in top..(top + 5).min(SIDE) {
            for col in left..(left + 5).min(SIDE) {
                image[row * SIDE + col] = 160 + (rng.next() % 96) as u8;
            }
        }
    }
    (images, labels)
}

fn idx_images(len: usize, pixels: &[u8]) -> Vec<u8> {
    idx(0x03, &[len, SIDE, SIDE], pixels)
}

fn idx_labels(labels: &[u8]) -> Vec<u8> {
    idx(0x01, &[labels.len()], labels)
}

/// An IDX file of unsigned bytes (type code 0x08) with the given sizes.
fn idx(ndims: u8, dims: &[usize], payload: &[u8]) -> Vec<u8> {
    let mut bytes = vec![0, 0, 0x08, ndims];
    for &dim in dims {
        let dim = u32::try_from(dim).unwrap_or(u32::MAX);
        bytes.extend_from_slice(&dim.to_be_bytes());
    }
    bytes.extend_from_slice(payload);
    bytes
}

/// A tiny deterministic generator (SplitMix64): fixtures need no `rand`.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// An HTTP mirror on 127.0.0.1 serving the files of a directory
/// (`GET /<name>`; 404 for anything else). Stops when dropped.
pub struct LoopbackMirror {
    server: Arc<tiny_http::Server>,
    url: String,
    thread: Option<JoinHandle<()>>,
}

impl LoopbackMirror {
    /// Serves `dir` on a free port.
    pub fn serve(dir: &Path) -> io::Result<Self> {
        let server = tiny_http::Server::http("127.0.0.1:0").map_err(io::Error::other)?;
        let port = server
            .server_addr()
            .to_ip()
            .map(|addr| addr.port())
            .ok_or_else(|| io::Error::other("the mirror has no IP address"))?;
        let server = Arc::new(server);
        let dir = dir.to_path_buf();
        let thread = std::thread::spawn({
            let server = Arc::clone(&server);
            move || {
                for request in server.incoming_requests() {
                    let name = request.url().trim_start_matches('/');
                    let body = (!name.contains('/') && !name.contains(".."))
                        .then(|| fs::read(dir.join(name)).ok())
                        .flatten();
                    // A client that hung up is no concern of the mirror's.
                    let _ = match body {
                        Some(bytes) => request.respond(tiny_http::Response::from_data(bytes)),
                        None => request.respond(tiny_http::Response::empty(404)),
                    };
                }
            }
        });
        Ok(Self {
            server,
            url: format!("http://127.0.0.1:{port}/"),
            thread: Some(thread),
        })
    }

    /// The base URL, with a trailing slash: `http://127.0.0.1:<port>/`.
    pub fn url(&self) -> &str {
        &self.url
    }
}

impl Drop for LoopbackMirror {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
