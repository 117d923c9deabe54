//! The mean and standard deviation of a layer's activations (the printed
//! table of the initialisation study).

use nalgebra::DMatrix;
use tensor_ops::Real;

/// Mean and standard deviation of all elements, as NumPy's `x.mean()` and
/// `x.std()` (the population std, `ddof = 0`), computed in `f64`.
///
/// # Examples
///
/// ```
/// use multilayer::Moments;
/// let m = Moments::of(&nalgebra::dmatrix![1.0_f32, 3.0; 1.0, 3.0]);
/// assert_eq!((m.mean, m.std), (2.0, 1.0));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Moments {
    /// `sum x / n` (`NaN` for no elements).
    pub mean: f64,
    /// `sqrt(sum (x - mean)^2 / n)` (`NaN` for no elements).
    pub std: f64,
}

impl Moments {
    /// The moments of every element of `x`.
    pub fn of<T: Real>(x: &DMatrix<T>) -> Self {
        let n = x.len() as f64;
        let mean = x.iter().map(|v| v.to_f64()).sum::<f64>() / n;
        let variance = x.iter().map(|v| (v.to_f64() - mean).powi(2)).sum::<f64>() / n;
        Self {
            mean,
            std: variance.sqrt(),
        }
    }
}
