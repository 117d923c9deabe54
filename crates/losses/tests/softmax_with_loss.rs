//! Softmax-with-loss (§5.6.3): forward is the batch cross-entropy of the
//! softmax, backward is `(y - t) / N`, checked against directional derivatives.

use losses::{
    SoftmaxWithLoss, Targets, cross_entropy_error, softmax_with_loss, softmax_with_loss_backward,
    softmax_with_loss_backward_into,
};
use nalgebra::{DMatrix, dmatrix};
use tensor_ops::testing::{BOOK_DIGITS, Tolerance, assert_close};
use tensor_ops::{one_hot, softmax_rows};

/// `(y - t) / N` is the exact gradient of the loss without the `1e-7` inside
/// the log; with it, the slope of `-ln(y + 1e-7)` is smaller by a factor
/// `y / (y + 1e-7)`, about `1e-7 / y` for these `y >= 0.18` (the central
/// difference itself adds only `h^2 = 1e-10` and rounding `1e-16 / h`). A
/// wrong gradient is off by 0.01 or more.
const DELTA_IN_THE_LOG: Tolerance = Tolerance::absolute(1e-7);
/// `(y - t) / N` computed in two orders differs by a rounding or two.
const ROUNDING: Tolerance = Tolerance::absolute(1e-16);

fn scores() -> DMatrix<f64> {
    dmatrix![0.1, 0.9, 0.8; 0.8, 0.1, 0.5; 0.2, 0.3, 0.5]
}

const LABELS: [usize; 3] = [1, 0, 2];

/// `d/de L(x + e d)` at `e = 0`, by a central difference.
fn directional_derivative(
    loss: impl Fn(&DMatrix<f64>) -> f64,
    x: &DMatrix<f64>,
    d: &DMatrix<f64>,
) -> f64 {
    let h = 1e-5;
    (loss(&(x + d * h)) - loss(&(x - d * h))) / (2.0 * h)
}

/// Directions: every basis matrix, and one that moves all scores at once.
fn directions(shape: (usize, usize)) -> Vec<DMatrix<f64>> {
    let (rows, columns) = shape;
    let mut all: Vec<_> = (0..rows * columns)
        .map(|i| {
            DMatrix::from_fn(rows, columns, |n, k| {
                f64::from(u8::from(n * columns + k == i))
            })
        })
        .collect();
    all.push(DMatrix::from_fn(rows, columns, |n, k| {
        (n as f64 - k as f64 * 0.7).sin()
    }));
    all
}

/// `<dx, d>` must be the derivative of the loss along `d`, for every direction.
fn assert_gradient(loss: impl Fn(&DMatrix<f64>) -> f64, x: &DMatrix<f64>, dx: &DMatrix<f64>) {
    for d in directions(x.shape()) {
        let numerical = directional_derivative(&loss, x, &d);
        assert_close(dx.dot(&d), numerical, DELTA_IN_THE_LOG);
    }
}

// class SoftmaxWithLoss:
//     def forward(self, x, t):
//         self.t = t
//         self.y = softmax(x)
//         self.loss = cross_entropy_error(self.y, self.t)
#[test]
fn forward_is_the_cross_entropy_of_the_softmax() {
    let t = one_hot(&LABELS, 3);
    let (loss, y) = softmax_with_loss(&scores(), Targets::OneHot(&t));
    assert_eq!(y, softmax_rows(&scores()));
    assert_close(loss, 0.8671110284550632, BOOK_DIGITS);
    assert_eq!(loss, cross_entropy_error(&y, &t));
}

//     def backward(self, dout=1):
//         batch_size = self.t.shape[0]
//         dx = (self.y - self.t) / batch_size
#[test]
fn backward_is_the_gradient_of_forward() {
    let loss = |x: &DMatrix<f64>| softmax_with_loss(x, Targets::Labels(&LABELS)).0;
    let y = softmax_rows(&scores());
    let dx = softmax_with_loss_backward(&y, Targets::Labels(&LABELS));
    assert_gradient(loss, &scores(), &dx);
}

#[test]
fn both_target_forms_give_the_same_gradient() {
    let y = softmax_rows(&scores());
    let t = one_hot(&LABELS, 3);
    let from_labels = softmax_with_loss_backward(&y, Targets::Labels(&LABELS));
    assert_close(
        softmax_with_loss_backward(&y, Targets::OneHot(&t)),
        &from_labels,
        ROUNDING,
    );
    assert_close(&((&y - &t) / 3.0), &from_labels, ROUNDING);
    let mut dx = DMatrix::from_element(3, 3, f64::NAN);
    softmax_with_loss_backward_into(&y, Targets::OneHot(&t), &mut dx);
    assert_close(&dx, &from_labels, ROUNDING);
}

#[test]
fn the_layer_scales_its_gradient_by_dout() {
    let mut layer = SoftmaxWithLoss::new();
    let loss = layer.forward(&scores(), Targets::Labels(&LABELS));
    assert_close(loss, 0.8671110284550632, BOOK_DIGITS);
    assert_eq!(layer.output(), &softmax_rows(&scores()));
    let dx = softmax_with_loss_backward(layer.output(), Targets::Labels(&LABELS));
    assert_eq!(layer.backward(1.0), dx);
    assert_eq!(layer.backward(2.5), dx * 2.5);
}

/// Smoothed targets are not one-hot: backward must use them as given, not
/// their argmax, or it is not the gradient of the loss forward returned.
#[test]
fn the_layer_differentiates_the_targets_it_was_given() {
    let t = dmatrix![0.1, 0.8, 0.1; 0.8, 0.1, 0.1; 0.05, 0.05, 0.9];
    let mut layer = SoftmaxWithLoss::new();
    layer.forward(&scores(), Targets::OneHot(&t));
    let loss = |x: &DMatrix<f64>| SoftmaxWithLoss::new().forward(x, Targets::OneHot(&t));
    assert_gradient(loss, &scores(), &layer.backward(1.0));
}

#[test]
fn the_layer_follows_changes_of_batch_shape_and_target_form() {
    let mut layer = SoftmaxWithLoss::new();
    layer.forward(&scores(), Targets::OneHot(&one_hot(&LABELS, 3)));
    let x = dmatrix![1.0, -1.0; 0.5, 0.5];
    let loss = layer.forward(&x, Targets::Labels(&[0, 1]));
    assert_eq!(loss, softmax_with_loss(&x, Targets::Labels(&[0, 1])).0);
    let y = softmax_rows(&x);
    assert_eq!(
        layer.backward(1.0),
        softmax_with_loss_backward(&y, Targets::Labels(&[0, 1]))
    );
}

#[test]
#[should_panic(expected = "SoftmaxWithLoss::backward called before forward")]
fn backward_before_forward_panics() {
    SoftmaxWithLoss::<f64>::new().backward(1.0);
}

#[test]
#[should_panic(expected = "y is (3, 3) but the one-hot t is (3, 2)")]
fn forward_names_both_shapes() {
    let t = DMatrix::zeros(3, 2);
    SoftmaxWithLoss::new().forward(&scores(), Targets::OneHot(&t));
}

#[test]
#[should_panic(expected = "softmax_with_loss_backward: dx is (2, 3) but y is (3, 3)")]
fn backward_into_names_both_shapes() {
    let y = softmax_rows(&scores());
    softmax_with_loss_backward_into(&y, Targets::Labels(&LABELS), &mut DMatrix::zeros(2, 3));
}
