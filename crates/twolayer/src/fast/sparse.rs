//! The non-zero inputs of each sample, the only ones the first layer needs.
//!
//! About 19% of MNIST's pixels are non-zero, and a zero input adds nothing to
//! `a1 = x W1 + b1` nor to `dW1 = x^T da1`: skipping them does a fifth of the
//! first layer's work, which is nearly all of the network's. Samples are
//! kept in [`SparseInputs`] (built once per data set) or scanned one at a
//! time from the bytes ([`scan_nonzeros`]); both give the same list.

use super::threads;
use crate::train::Dataset;

/// The most features a sparse index (`u16`) can address.
pub(crate) const MAX_FEATURES: usize = 1 << 16;

/// `x = pixel / 255` for every byte, as [`Dataset::batch`] converts
/// (`(pixel as f32) / 255.0`, rounded once; compile-time float arithmetic is
/// IEEE arithmetic, so the table holds the same numbers).
pub(crate) static PIXEL: [f32; 256] = {
    let mut table = [0.0; 256];
    let mut pixel = 0;
    while pixel < 256 {
        table[pixel] = pixel as f32 / 255.0;
        pixel += 1;
    }
    table
};

/// One sample's non-zero inputs: the feature indices, increasing, and
/// their bytes (`x = PIXEL[byte]`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Nonzeros<'a> {
    pub(crate) indices: &'a [u16],
    pub(crate) values: &'a [u8],
}

/// Every sample's non-zero inputs in compressed sparse rows: sample `n`'s
/// are `indices[offsets[n]..offsets[n + 1]]` and the same range of `values`.
///
/// Three bytes per non-zero: MNIST's 70,000 images (about 10.5 million
/// non-zeros) take 32 MB, against 55 MB of raw bytes and 220 MB as `f32`.
#[derive(Debug, Clone)]
pub(crate) struct SparseInputs {
    offsets: Vec<usize>,
    indices: Vec<u16>,
    values: Vec<u8>,
}

impl SparseInputs {
    /// The non-zeros of every sample of `data`, or `None` if it has more
    /// than [`MAX_FEATURES`] features.
    ///
    /// Two passes over the bytes, each shared among the cores by ranges of
    /// samples: the counts (so that the arrays are allocated once, at their
    /// size), then the non-zeros.
    pub(crate) fn new(data: &Dataset<'_>) -> Option<Self> {
        let (features, len) = (data.features(), data.len());
        if features > MAX_FEATURES {
            return None;
        }
        let inputs = data.inputs();
        let workers = threads::available().min(len.div_ceil(4096));
        let per_thread = len.div_ceil(workers);
        let mut offsets = vec![0; len + 1];
        let counts: Vec<(usize, &mut [usize])> = offsets[1..]
            .chunks_mut(per_thread)
            .enumerate()
            .map(|(part, counts)| (part * per_thread, counts))
            .collect();
        threads::with_helpers(
            counts,
            |(first, counts)| {
                let rows = inputs[first * features..].chunks_exact(features);
                for (count, row) in counts.iter_mut().zip(rows) {
                    *count = row.iter().filter(|&&byte| byte != 0).count();
                }
            },
            |_| (),
        );
        for n in 0..len {
            offsets[n + 1] += offsets[n];
        }
        let mut indices = vec![0; offsets[len]];
        let mut values = vec![0; offsets[len]];
        let mut parts = Vec::with_capacity(workers);
        let (mut rest_indices, mut rest_values) = (&mut indices[..], &mut values[..]);
        for first in (0..len).step_by(per_thread) {
            let end = (first + per_thread).min(len);
            let size = offsets[end] - offsets[first];
            let (part_indices, rest) = std::mem::take(&mut rest_indices).split_at_mut(size);
            rest_indices = rest;
            let (part_values, rest) = std::mem::take(&mut rest_values).split_at_mut(size);
            rest_values = rest;
            let rows = &inputs[first * features..end * features];
            parts.push((rows, part_indices, part_values));
        }
        threads::with_helpers(
            parts,
            |(rows, part_indices, part_values)| {
                let mut scratch = Scratch::new(features);
                let mut at = 0;
                for row in rows.chunks_exact(features) {
                    let nonzeros = scan_nonzeros(row, &mut scratch);
                    let next = at + nonzeros.indices.len();
                    part_indices[at..next].copy_from_slice(nonzeros.indices);
                    part_values[at..next].copy_from_slice(nonzeros.values);
                    at = next;
                }
            },
            |_| (),
        );
        Some(Self {
            offsets,
            indices,
            values,
        })
    }

    /// Sample `n`'s non-zeros.
    ///
    /// # Panics
    /// If `n` is not below [`len`](Self::len).
    pub(crate) fn row(&self, n: usize) -> Nonzeros<'_> {
        let range = self.offsets[n]..self.offsets[n + 1];
        Nonzeros {
            indices: &self.indices[range.clone()],
            values: &self.values[range],
        }
    }
}

/// Where the fast path reads each sample's non-zeros: a [`SparseInputs`]
/// built beforehand, or a [`Dataset`]'s bytes scanned when needed.
pub(crate) trait Rows: Sync {
    /// Sample `n`'s non-zeros (`scratch` is room for a scan).
    ///
    /// # Panics
    /// If `n` is out of range.
    fn nonzeros<'s>(&'s self, n: usize, scratch: &'s mut Scratch) -> Nonzeros<'s>;
}

impl Rows for SparseInputs {
    #[inline(always)]
    fn nonzeros<'s>(&'s self, n: usize, _: &'s mut Scratch) -> Nonzeros<'s> {
        self.row(n)
    }
}

/// Scans the sample's bytes (the data set must have at most
/// [`MAX_FEATURES`] features, which [`Scratch::new`] checks).
impl Rows for Dataset<'_> {
    #[inline(always)]
    fn nonzeros<'s>(&'s self, n: usize, scratch: &'s mut Scratch) -> Nonzeros<'s> {
        let features = self.features();
        scan_nonzeros(&self.inputs()[n * features..][..features], scratch)
    }
}

/// Room for one sample's non-zeros, for [`scan_nonzeros`].
#[derive(Debug, Clone)]
pub(crate) struct Scratch {
    indices: Vec<u16>,
    values: Vec<u8>,
}

impl Scratch {
    /// Room for a sample of `features` bytes.
    ///
    /// # Panics
    /// If `features` is above [`MAX_FEATURES`]: the indices are `u16`.
    pub(crate) fn new(features: usize) -> Self {
        assert!(
            features <= MAX_FEATURES,
            "sparse inputs: {features} features, at most {MAX_FEATURES} fit a u16 index"
        );
        Self {
            indices: vec![0; features],
            values: vec![0; features],
        }
    }
}

/// The non-zeros of one sample's bytes (`row.len()` at most [`MAX_FEATURES`]
/// and at most the scratch's `features`).
///
/// Eight bytes at a time: a word of zeros (MNIST's margins) costs one
/// comparison, and the non-zero bytes of the others are found with a mask
/// (the top bit of each non-zero byte) and visited lowest first, one step
/// per non-zero byte.
#[inline(always)]
pub(crate) fn scan_nonzeros<'s>(row: &[u8], scratch: &'s mut Scratch) -> Nonzeros<'s> {
    const LOW_7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let indices = &mut scratch.indices[..row.len()];
    let values = &mut scratch.values[..row.len()];
    let mut count = 0;
    let mut push = |index: usize, byte: u8| {
        // The index fits in u16 since `row.len() <= MAX_FEATURES`.
        indices[count] = index as u16;
        values[count] = byte;
        count += 1;
    };
    let words = row.chunks_exact(8);
    let tail = words.remainder();
    for (w, bytes) in words.enumerate() {
        let mut word = [0; 8];
        word.copy_from_slice(bytes);
        let word = u64::from_le_bytes(word);
        if word == 0 {
            continue;
        }
        // A byte's top bit is set iff the byte is non-zero: its low 7 bits
        // plus 0x7f carry into the top bit unless they are all 0.
        let mut nonzero = (((word & LOW_7) + LOW_7) | word) & HIGH;
        while nonzero != 0 {
            let offset = nonzero.trailing_zeros() as usize / 8;
            push(w * 8 + offset, bytes[offset]);
            nonzero &= nonzero - 1;
        }
    }
    let start = row.len() - tail.len();
    for (offset, &byte) in tail.iter().enumerate() {
        if byte != 0 {
            push(start + offset, byte);
        }
    }
    Nonzeros {
        indices: &scratch.indices[..count],
        values: &scratch.values[..count],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_list_the_nonzero_bytes_in_order() {
        // Every byte value, words of zeros, and a tail of 4 bytes after the words.
        let inputs: Vec<u8> = (0..3 * 20)
            .map(|i| {
                if i % 7 == 0 || i > 50 {
                    (i * 37 % 256) as u8
                } else {
                    0
                }
            })
            .chain(
                (0..=255)
                    .flat_map(|b| [b, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, b]),
            )
            .collect();
        let labels = vec![0; inputs.len() / 20];
        let data = Dataset::new(&inputs, &labels, 20, 2).unwrap();
        let sparse = SparseInputs::new(&data).unwrap();
        let mut scratch = Scratch::new(20);
        for (n, row) in inputs.chunks(20).enumerate() {
            let expected: Vec<(u16, u8)> = row
                .iter()
                .enumerate()
                .filter(|&(_, &b)| b != 0)
                .map(|(i, &b)| (i as u16, b))
                .collect();
            for nonzeros in [sparse.row(n), scan_nonzeros(row, &mut scratch)] {
                let got: Vec<(u16, u8)> = nonzeros
                    .indices
                    .iter()
                    .copied()
                    .zip(nonzeros.values.iter().copied())
                    .collect();
                assert_eq!(got, expected, "sample {n}");
            }
        }
    }

    #[test]
    fn the_pixel_table_is_the_batch_conversion() {
        let inputs: Vec<u8> = (0..=255).collect();
        let data = Dataset::new(&inputs, &[0], 256, 1).unwrap();
        let (x, _) = data.batch::<f32>(&[0]);
        for (pixel, &value) in x.iter().enumerate() {
            assert_eq!(PIXEL[pixel].to_bits(), value.to_bits(), "pixel {pixel}");
        }
    }
}
