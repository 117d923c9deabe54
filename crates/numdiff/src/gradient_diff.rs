//! How far two gradients of one tensor are apart: the absolute and the
//! relative error of a gradient check (book §5.7.3).

use nalgebra::DMatrixView;
use tensor_ops::Real;

/// The absolute and relative differences of two gradients of one tensor,
/// `a` (e.g. backprop) and `b` (e.g. the numerical gradient).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GradientDiff {
    /// Mean of `|a - b|` over the elements (the book's
    /// `np.average(np.abs(grad_backprop[key] - grad_numerical[key]))`).
    pub mean_abs: f64,
    /// Largest `|a - b|`.
    pub max_abs: f64,
    /// `max |a - b| / max(|a|, |b|, tiny)` where `|a|` is the largest
    /// `|a_i|` of the tensor: the error as a share of the gradient's size.
    ///
    /// Taken over the tensor, not element by element: an element whose
    /// gradient is 1e-12 would show a relative error near 1 from rounding
    /// alone, and the largest of those would hide every real finding.
    pub relative: f64,
}

/// The `tiny` of [`GradientDiff::relative`]: two zero gradients differ by 0, not `NaN`.
pub const TINY: f64 = f64::MIN_POSITIVE;

impl GradientDiff {
    /// The differences of two equally long slices. Empty slices differ by 0;
    /// a `NaN` on either side makes all three `NaN`.
    ///
    /// # Panics
    /// If the lengths differ.
    #[track_caller]
    pub fn between<T: Real>(a: &[T], b: &[T]) -> Self {
        assert_eq!(
            a.len(),
            b.len(),
            "GradientDiff::between: {} elements against {}",
            a.len(),
            b.len()
        );
        Self::of_pairs(a.iter().zip(b).map(|(&x, &y)| (x.to_f64(), y.to_f64())))
    }

    /// The differences of two matrices (or views) of one shape.
    ///
    /// # Panics
    /// If the shapes differ.
    #[track_caller]
    pub fn between_matrices<T: Real>(a: DMatrixView<'_, T>, b: DMatrixView<'_, T>) -> Self {
        assert_eq!(
            a.shape(),
            b.shape(),
            "GradientDiff::between_matrices: {:?} against {:?}",
            a.shape(),
            b.shape()
        );
        Self::of_pairs(
            a.iter()
                .zip(b.iter())
                .map(|(&x, &y)| (x.to_f64(), y.to_f64())),
        )
    }

    fn of_pairs(pairs: impl Iterator<Item = (f64, f64)>) -> Self {
        let (mut count, mut sum) = (0usize, 0.0);
        let (mut max_abs, mut largest): (f64, f64) = (0.0, 0.0);
        for (x, y) in pairs {
            let d = (x - y).abs();
            count += 1;
            sum += d;
            // Once NaN, stays NaN: `d > NaN` is false.
            if d > max_abs || d.is_nan() {
                max_abs = d;
            }
            largest = largest.max(x.abs()).max(y.abs());
        }
        let mean_abs = if count == 0 { 0.0 } else { sum / count as f64 };
        let relative = max_abs / largest.max(TINY);
        Self {
            mean_abs,
            max_abs,
            relative,
        }
    }
}

#[cfg(test)]
mod tests {
    use nalgebra::dmatrix;

    use super::*;

    #[test]
    fn relative_error_is_the_largest_difference_over_the_largest_gradient() {
        let diff = GradientDiff::between(&[1.0_f64, 2.0, 4.0], &[1.5, 2.0, 3.0]);
        assert_eq!(
            diff,
            GradientDiff {
                mean_abs: 0.5,
                max_abs: 1.0,
                relative: 0.25
            }
        );
        assert_eq!(GradientDiff::between::<f64>(&[0.0], &[0.0]).relative, 0.0);
        let nan = GradientDiff::between(&[f64::NAN, 1.0], &[0.0, 0.0]);
        assert!(nan.max_abs.is_nan() && nan.relative.is_nan());
    }

    #[test]
    fn matrices_compare_element_by_element() {
        let (a, b) = (
            dmatrix![1.0_f32, 2.0; 3.0, 4.0],
            dmatrix![1.0, 2.0; 3.0, 2.0],
        );
        let diff = GradientDiff::between_matrices(a.as_view(), b.as_view());
        assert_eq!((diff.max_abs, diff.relative), (2.0, 0.5));
    }
}
