//! Drawing the indices of each mini-batch (the book's `batch_mask`).

use rand::seq::SliceRandom;
use rand::{Rng, RngExt};

use super::Sampling;

/// Produces the indices of one mini-batch per call, following a [`Sampling`].
#[derive(Debug, Clone)]
pub struct Sampler {
    sampling: Sampling,
    len: usize,
    batch_size: usize,
    /// The current batch.
    batch: Vec<usize>,
    /// `Epoch`: the current permutation of `0..len`, and how much of it is used.
    order: Vec<usize>,
    used: usize,
}

impl Sampler {
    /// A sampler of batches of `batch_size` indices below `len`.
    ///
    /// # Panics
    /// If `batch_size` is 0 or above `len` (`TrainConfig::validate` rejects both).
    pub fn new(sampling: Sampling, len: usize, batch_size: usize) -> Self {
        assert!(
            (1..=len).contains(&batch_size),
            "Sampler: batch size {batch_size} for {len} samples"
        );
        Self {
            sampling,
            len,
            batch_size,
            batch: Vec::with_capacity(batch_size),
            order: Vec::new(),
            used: len,
        }
    }

    /// The number of samples in a batch.
    pub(crate) fn batch_size(&self) -> usize {
        self.batch_size
    }

    /// The next batch.
    pub fn next_batch(&mut self, rng: &mut impl Rng) -> &[usize] {
        match self.sampling {
            Sampling::Replacement => {
                self.batch.clear();
                let len = self.len;
                self.batch
                    .extend((0..self.batch_size).map(|_| rng.random_range(0..len)));
                &self.batch
            }
            Sampling::Epoch => {
                if self.used + self.batch_size > self.len {
                    if self.order.is_empty() {
                        self.order.extend(0..self.len);
                    }
                    self.order.shuffle(rng);
                    self.used = 0;
                }
                let batch = &self.order[self.used..self.used + self.batch_size];
                self.used += self.batch_size;
                batch
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;
    use rand::rngs::ChaCha12Rng;

    use super::*;

    #[test]
    fn epochs_visit_every_sample_exactly_once() {
        let (len, batch_size) = (12, 4);
        let mut sampler = Sampler::new(Sampling::Epoch, len, batch_size);
        let mut rng = ChaCha12Rng::seed_from_u64(7);
        let mut epochs = Vec::new();
        for _ in 0..3 {
            let mut seen: Vec<usize> = (0..len / batch_size)
                .flat_map(|_| sampler.next_batch(&mut rng).to_vec())
                .collect();
            epochs.push(seen.clone());
            seen.sort_unstable();
            assert_eq!(seen, (0..len).collect::<Vec<_>>());
        }
        assert_ne!(epochs[0], epochs[1], "each epoch is a fresh permutation");
    }

    #[test]
    fn epochs_skip_the_remainder_and_keep_batches_full() {
        let (len, batch_size) = (10, 3);
        let mut sampler = Sampler::new(Sampling::Epoch, len, batch_size);
        let mut rng = ChaCha12Rng::seed_from_u64(1);
        for _ in 0..2 {
            let mut seen: Vec<usize> = (0..3)
                .flat_map(|_| sampler.next_batch(&mut rng).to_vec())
                .collect();
            seen.sort_unstable();
            seen.dedup();
            assert_eq!(seen.len(), 9, "9 distinct samples per epoch, 1 skipped");
        }
    }

    #[test]
    fn replacement_draws_in_range_and_can_repeat() {
        let mut sampler = Sampler::new(Sampling::Replacement, 5, 5);
        let mut rng = ChaCha12Rng::seed_from_u64(3);
        let mut repeated = false;
        for _ in 0..20 {
            let mut batch = sampler.next_batch(&mut rng).to_vec();
            assert_eq!(batch.len(), 5);
            assert!(batch.iter().all(|&i| i < 5));
            batch.sort_unstable();
            batch.dedup();
            repeated |= batch.len() < 5;
        }
        assert!(
            repeated,
            "20 draws of 5 from 5 with replacement repeat an index"
        );
    }
}
