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
    /// One bit per sample, set once a batch has drawn it ([`Sampler::never_drawn`]).
    drawn: Vec<u64>,
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
            drawn: vec![0; len.div_ceil(64)],
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
                mark(&mut self.drawn, &self.batch);
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
                mark(&mut self.drawn, batch);
                batch
            }
        }
    }

    /// How many of the `len` samples no batch has drawn so far.
    pub fn never_drawn(&self) -> usize {
        let drawn: u32 = self.drawn.iter().map(|word| word.count_ones()).sum();
        self.len - drawn as usize
    }
}

/// Sets the bit of each of `indices` in `drawn`.
fn mark(drawn: &mut [u64], indices: &[usize]) {
    for &i in indices {
        drawn[i / 64] |= 1 << (i % 64);
    }
}

/// The expected share of `len` samples that `draws` independent uniform
/// draws with replacement all miss: `(1 - 1/len)^draws`, computed as
/// `exp(draws * ln(1 - 1/len))`. One epoch's draws (`draws = len`) miss
/// about `1/e = 0.368` of the samples (for MNIST's 60,000, 0.3679).
///
/// # Panics
/// If `len` is 0.
pub fn unseen_share(len: usize, draws: u64) -> f64 {
    assert!(len > 0, "unseen_share: no samples");
    (draws as f64 * (-1.0 / len as f64).ln_1p()).exp()
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;
    use rand::rngs::ChaCha12Rng;

    use super::*;

    #[test]
    fn never_drawn_counts_the_samples_no_batch_drew() {
        let (len, batch_size) = (130, 7);
        for sampling in [Sampling::Replacement, Sampling::Epoch] {
            let mut sampler = Sampler::new(sampling, len, batch_size);
            let mut rng = ChaCha12Rng::seed_from_u64(11);
            let mut seen = vec![false; len];
            for _ in 0..15 {
                for &i in sampler.next_batch(&mut rng) {
                    seen[i] = true;
                }
                let brute = seen.iter().filter(|&&s| !s).count();
                assert_eq!(sampler.never_drawn(), brute, "{sampling:?}");
            }
        }
    }

    #[test]
    fn one_epoch_of_draws_misses_about_one_in_e() {
        // (1 - 1/60000)^60000 = 0.36788, e^-1 = 0.36788.
        assert_eq!(format!("{:.3}", unseen_share(60_000, 60_000)), "0.368");
        assert!((unseen_share(60_000, 60_000) - (-1.0_f64).exp()).abs() < 1e-5);
        assert_eq!(unseen_share(4, 2), 0.5625);
        assert_eq!(unseen_share(10, 0), 1.0);
    }

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
