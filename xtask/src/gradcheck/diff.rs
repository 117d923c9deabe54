//! The diff assembly of `gradcheck`: two gradients compared parameter by
//! parameter, as the book's `gradient_check.py` does (to move into
//! twolayer's gradient check).

use twolayer::{Diff, GradientCheck, Params};

/// The book's comparison, `|backprop - numerical|` per parameter.
pub fn compare(backprop: &Params<f64>, numerical: &Params<f64>) -> GradientCheck {
    GradientCheck {
        w1: Diff::between(backprop.w1.as_slice(), numerical.w1.as_slice()),
        b1: Diff::between(backprop.b1.as_slice(), numerical.b1.as_slice()),
        w2: Diff::between(backprop.w2.as_slice(), numerical.w2.as_slice()),
        b2: Diff::between(backprop.b2.as_slice(), numerical.b2.as_slice()),
    }
}

/// The largest element-wise difference of two gradients.
pub fn max_abs_diff(a: &Params<f64>, b: &Params<f64>) -> f64 {
    compare(a, b).max_abs()
}
