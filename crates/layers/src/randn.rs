//! The book's weight initialization, `np.random.randn` scaled.

use nalgebra::DMatrix;
use rand::Rng;
use rand_distr::{Distribution, StandardNormal};
use tensor_ops::Real;

/// The book's weight initialization `std * np.random.randn(rows, columns)`:
/// `std * N(0, 1)` of shape `(rows, columns)`, drawn in row-major order (as
/// NumPy fills an array), so that networks built from the same generator
/// get the same weights whatever their depth.
///
/// # Examples
///
/// ```
/// use nalgebra::DMatrix;
/// use rand::SeedableRng;
/// use rand::rngs::ChaCha12Rng;
///
/// let w: DMatrix<f64> = layers::randn(784, 50, 0.01, &mut ChaCha12Rng::seed_from_u64(0));
/// assert_eq!(w.shape(), (784, 50));
/// assert!(w.abs().max() < 0.1);
/// ```
pub fn randn<T: Real>(
    rows: usize,
    columns: usize,
    std: f64,
    rng: &mut (impl Rng + ?Sized),
) -> DMatrix<T> {
    let draws = (0..rows * columns).map(|_| {
        let z: f64 = StandardNormal.sample(&mut *rng);
        T::cast(std * z)
    });
    DMatrix::from_row_iterator(rows, columns, draws)
}
