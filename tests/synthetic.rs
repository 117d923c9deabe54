//! A learnable stand-in for MNIST, written as the four IDX files with
//! `mnist-data`'s own encoder, and gzip helpers to store or serve them.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use flate2::Compression;
use flate2::write::GzEncoder;
use mnist_data::{CLASSES, IMAGE_COLS, IMAGE_ROWS, IdxArray, IdxType, MnistFile, PIXELS};

/// One IDX file: its name (without `.gz`) and its decompressed content.
#[derive(Debug, Clone)]
pub struct IdxFile {
    /// One of the four MNIST names ([`MnistFile::name`]).
    pub name: &'static str,
    /// The raw IDX bytes (header and payload).
    pub content: Vec<u8>,
}

/// A learnable stand-in for MNIST: class `k` lights one 7x7 cell of a 4x4
/// grid over the 28x28 image (cell `k`, jittered by up to one pixel) on a
/// dim noisy background. A linear model separates it; the book's network
/// learns it in a few hundred iterations.
///
/// Deterministic in `seed` (two seeds give two different data sets).
/// Returns the four files in [`MnistFile::ALL`] order: train images, train
/// labels, test images, test labels.
///
/// # Panics
/// When a split has more than `u32::MAX` images (IDX sizes are `u32`).
pub fn synthetic_mnist(train_len: usize, test_len: usize, seed: u64) -> [IdxFile; 4] {
    let mut rng = SplitMix64(seed);
    let [train_images, train_labels, test_images, test_labels] = MnistFile::ALL;
    let (train_pixels, train_digits) = samples(train_len, &mut rng);
    let (test_pixels, test_digits) = samples(test_len, &mut rng);
    [
        images(train_images, train_pixels),
        labels(train_labels, train_digits),
        images(test_images, test_pixels),
        labels(test_labels, test_digits),
    ]
}

fn images(file: MnistFile, pixels: Vec<u8>) -> IdxFile {
    let n = count(pixels.len() / PIXELS);
    encode(file, IdxArray::new(IdxType::U8, vec![n, 28, 28], pixels))
}

fn labels(file: MnistFile, digits: Vec<u8>) -> IdxFile {
    let n = count(digits.len());
    encode(file, IdxArray::new(IdxType::U8, vec![n], digits))
}

fn count(n: usize) -> u32 {
    u32::try_from(n).expect("at most u32::MAX images per split")
}

fn encode(file: MnistFile, array: Result<IdxArray, mnist_data::IdxError>) -> IdxFile {
    IdxFile {
        name: file.name(),
        content: array.expect("sizes match the data").to_idx_bytes(),
    }
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
        for row in top..(top + 5).min(IMAGE_ROWS) {
            for col in left..(left + 5).min(IMAGE_COLS) {
                image[row * IMAGE_COLS + col] = 160 + (rng.next() % 96) as u8;
            }
        }
    }
    (images, labels)
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

/// `bytes` gzip-compressed.
pub fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    encoder.write_all(bytes).expect("writing into memory");
    encoder.finish().expect("writing into memory")
}

/// Writes each file as `dir/<name>.gz` (`gzip`) or raw `dir/<name>`,
/// creating `dir`; returns `dir`.
pub fn write_files(dir: &Path, files: &[IdxFile], gzip: bool) -> io::Result<PathBuf> {
    fs::create_dir_all(dir)?;
    for file in files {
        if gzip {
            fs::write(dir.join(format!("{}.gz", file.name)), gz(&file.content))?;
        } else {
            fs::write(dir.join(file.name), &file.content)?;
        }
    }
    Ok(dir.to_path_buf())
}

/// `<name>.gz` -> gzip bytes of each file: what a mirror serves
/// ([`TestServer::serving`](crate::TestServer::serving)).
pub fn gz_table(files: &[IdxFile]) -> HashMap<String, Vec<u8>> {
    files
        .iter()
        .map(|f| (format!("{}.gz", f.name), gz(&f.content)))
        .collect()
}
