//! How sparse the data is: the non-zero pixels of the training and test
//! sets, counted on the loaded bytes. The sparse flop model
//! ([`flops`](crate::flops)) counts work from these.

use serde::Serialize;
use twolayer::Dataset;

/// The non-zero inputs of both sets.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Sparsity {
    /// Inputs per image (784 for MNIST).
    pub features: usize,
    /// Training images.
    pub train_images: usize,
    /// Their non-zero inputs, in all.
    pub train_nonzeros: u64,
    /// Test images.
    pub test_images: usize,
    /// Their non-zero inputs, in all.
    pub test_nonzeros: u64,
}

impl Sparsity {
    /// Counts the non-zero bytes of `train` and `test`.
    pub fn count(train: &Dataset<'_>, test: &Dataset<'_>) -> Self {
        let nonzeros =
            |data: &Dataset<'_>| data.inputs().iter().filter(|&&p| p != 0).count() as u64;
        Self {
            features: train.features(),
            train_images: train.len(),
            train_nonzeros: nonzeros(train),
            test_images: test.len(),
            test_nonzeros: nonzeros(test),
        }
    }

    /// Mean non-zero inputs per training image, what a training step reads
    /// on average (`NaN` for no images).
    pub fn train_mean(&self) -> f64 {
        self.train_nonzeros as f64 / self.train_images as f64
    }

    /// Images of both sets.
    pub fn images(&self) -> usize {
        self.train_images + self.test_images
    }

    /// Non-zero inputs of both sets, what an evaluation pass reads.
    pub fn nonzeros(&self) -> u64 {
        self.train_nonzeros + self.test_nonzeros
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zeros_are_not_counted() -> Result<(), Box<dyn std::error::Error>> {
        let (train_x, train_t) = ([0, 5, 0, 255, 0, 0, 1, 0], [0, 1]);
        let (test_x, test_t) = ([0, 0, 0, 0, 9, 9, 9, 9], [1, 0]);
        let train = Dataset::new(&train_x, &train_t, 4, 2)?;
        let test = Dataset::new(&test_x, &test_t, 4, 2)?;
        let sparsity = Sparsity::count(&train, &test);
        assert_eq!((sparsity.train_nonzeros, sparsity.test_nonzeros), (3, 4));
        assert_eq!(sparsity.train_mean(), 1.5);
        assert_eq!((sparsity.images(), sparsity.nonzeros()), (4, 7));
        Ok(())
    }
}
