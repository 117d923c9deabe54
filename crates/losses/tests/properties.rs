//! Properties of the cross-entropy: bounded below, and the same for both
//! target forms, in loss and gradient.

use losses::{
    DELTA, Targets, cross_entropy_error, cross_entropy_error_labels, softmax_with_loss_backward,
};
use nalgebra::DMatrix;
use proptest::prelude::*;
use tensor_ops::testing::{Tolerance, assert_close};
use tensor_ops::{one_hot, softmax_rows};

/// The same positive terms summed in a different grouping.
const REGROUPED_SUM: Tolerance = Tolerance::relative(1e-14);
/// `(y - t) / N`: the same subtraction and division, exact equality expected
/// but for the sign of zero.
const SAME_ARITHMETIC: Tolerance = Tolerance::absolute(0.0);

/// A batch of 1 to 7 rows of softmax probabilities over 1 to 11 classes (from
/// logits in [-50, 50], so some probabilities round to 0 or 1), and labels.
fn batch() -> impl Strategy<Value = (DMatrix<f64>, Vec<usize>)> {
    (1usize..8, 1usize..12).prop_flat_map(|(n, c)| {
        let logits = proptest::collection::vec(-50.0..50.0, n * c);
        let labels = proptest::collection::vec(0..c, n);
        (logits, labels).prop_map(move |(logits, labels)| {
            (
                softmax_rows(&DMatrix::from_row_slice(n, c, &logits)),
                labels,
            )
        })
    })
}

proptest! {
    /// `E >= 0` up to the book's delta: `-ln(1 + 1e-7) > -1e-7` at `y = 1`.
    #[test]
    fn cross_entropy_is_never_below_minus_delta((y, labels) in batch()) {
        let loss = cross_entropy_error_labels(&y, &labels);
        prop_assert!(loss >= -DELTA, "loss {loss}");
        prop_assert!(loss.is_finite());
    }

    #[test]
    fn label_and_one_hot_forms_agree((y, labels) in batch()) {
        let t = one_hot(&labels, y.ncols());
        let from_labels = cross_entropy_error_labels(&y, &labels);
        assert_close(cross_entropy_error(&y, &t), from_labels, REGROUPED_SUM);
        let dx_labels = softmax_with_loss_backward(&y, Targets::Labels(&labels));
        let dx_one_hot = softmax_with_loss_backward(&y, Targets::OneHot(&t));
        assert_close(&dx_one_hot, &dx_labels, SAME_ARITHMETIC);
    }
}
