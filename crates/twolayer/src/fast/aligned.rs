//! [`AlignedChunks`]: a buffer of [`Chunk`]s that starts on a cache line.
//!
//! A `Vec<Chunk>` starts wherever the allocator put it: on a 16-byte
//! boundary, 16, 32 or 48 bytes into a 64-byte cache line, depending on
//! what was allocated before it. The AVX-512 copy of the kernels loads and
//! stores 64 bytes (two chunks) at a time, and a 64-byte access that is
//! not on a line boundary touches two lines (a split load or store, which
//! costs about twice as much). With a part's rows of 4 chunks (128 bytes,
//! the book's 50 units cut in two), every access of a misplaced buffer is
//! split, and of a well-placed one none: the same code ran up to 10% slower
//! or faster from one build to the next, as unrelated allocations moved the
//! buffers. Starting every buffer on a line boundary makes the speed depend
//! on the code alone. The numbers do not change: only where they are kept.

use std::ops::{Deref, DerefMut};

use super::{Chunk, LANES};

/// The bytes of a cache line.
const LINE: usize = 64;

/// `len` chunks, the first at a 64-byte boundary; read and written as a
/// `[Chunk]` slice.
pub(crate) struct AlignedChunks {
    /// `start` unused floats, then the chunks' `len * LANES` floats.
    floats: Vec<f32>,
    start: usize,
    len: usize,
}

impl AlignedChunks {
    /// `len` chunks of zeros.
    pub(crate) fn zeros(len: usize) -> Self {
        let mut chunks = Self {
            floats: Vec::new(),
            start: 0,
            len: 0,
        };
        chunks.resize(len);
        chunks
    }

    /// A copy of `chunks`.
    pub(crate) fn from_slice(chunks: &[Chunk]) -> Self {
        let mut copy = Self::zeros(chunks.len());
        copy.copy_from_slice(chunks);
        copy
    }

    /// Makes the length `len`: chunks beyond the old length are zeros.
    /// Allocates only when `len` is more than any length so far.
    pub(crate) fn resize(&mut self, len: usize) {
        let floats = len * LANES;
        if self.start + floats > self.floats.capacity() {
            // A new allocation with room to slide to a line boundary.
            let mut grown: Vec<f32> = Vec::with_capacity(floats + LINE / size_of::<f32>() - 1);
            let misplaced = grown.as_ptr().addr() % LINE;
            let start = (LINE - misplaced) % LINE / size_of::<f32>();
            grown.resize(start, 0.0);
            grown.extend_from_slice(&self.floats[self.start..]);
            (self.floats, self.start) = (grown, start);
        }
        self.floats.resize(self.start + floats, 0.0);
        self.len = len;
    }
}

impl Deref for AlignedChunks {
    type Target = [Chunk];

    fn deref(&self) -> &[Chunk] {
        self.floats[self.start..].as_chunks().0
    }
}

impl DerefMut for AlignedChunks {
    fn deref_mut(&mut self) -> &mut [Chunk] {
        self.floats[self.start..].as_chunks_mut().0
    }
}

/// A copy starts on a line boundary too.
impl Clone for AlignedChunks {
    fn clone(&self) -> Self {
        Self::from_slice(self)
    }
}

/// As the slice of chunks it holds.
impl std::fmt::Debug for AlignedChunks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on_a_line(chunks: &[Chunk]) -> bool {
        chunks.as_ptr().addr().is_multiple_of(LINE)
    }

    #[test]
    fn every_buffer_starts_on_a_line_whatever_the_allocator_gives() {
        // Allocations of odd sizes in between move where the next one lands.
        let mut keep = Vec::new();
        for len in [0, 1, 3, 7, 100, 3_136] {
            keep.push(vec![0_u8; len * 3 + 1]);
            let chunks = AlignedChunks::zeros(len);
            assert_eq!(chunks.len(), len);
            assert!(chunks.iter().flatten().all(|&v| v == 0.0));
            if len > 0 {
                assert!(on_a_line(&chunks), "{len} chunks");
                assert!(on_a_line(&chunks.clone()), "a copy of {len} chunks");
            }
        }
    }

    #[test]
    fn resizing_keeps_the_values_and_zeroes_the_new_chunks() {
        let mut chunks = AlignedChunks::from_slice(&[[1.0; LANES], [2.0; LANES]]);
        chunks.resize(1);
        assert_eq!(&chunks[..], &[[1.0; LANES]]);
        chunks.resize(500);
        assert!(on_a_line(&chunks));
        assert_eq!(chunks[0], [1.0; LANES]);
        assert!(chunks[1..].iter().flatten().all(|&v| v == 0.0));
        chunks[499] = [3.0; LANES];
        chunks.resize(0);
        assert!(chunks.is_empty());
        chunks.resize(2);
        assert_eq!(&chunks[..], &[[0.0; LANES]; 2]);
    }
}
