//! `check_layer` on the book's layers (they pass, or fail only where the
//! check itself cannot be exact: ReLU's kink, f32's rounding) and on
//! layers with the bugs learners write, each named by its diagnosis.

use layers::{
    AffineLayer, CheckOptions, Diagnosis, Layer, LayerCheck, Relu, Sigmoid, SoftmaxWithLossLayer,
    check_layer,
};
use nalgebra::{DMatrix, DMatrixView, DMatrixViewMut, DVector};

/// A batch of 4 samples with 3 features, no zeros.
fn batch() -> DMatrix<f64> {
    DMatrix::from_fn(4, 3, |n, d| ((n * 3 + d) as f64 * 0.7 + 0.3).sin())
}

fn check(layer: &mut dyn Layer<f64>, x: &DMatrix<f64>) -> LayerCheck {
    check_layer(layer, x, &CheckOptions::default())
}

fn weights(rows: usize, columns: usize) -> DMatrix<f64> {
    DMatrix::from_fn(rows, columns, |i, j| ((i * columns + j) as f64 * 1.3).cos())
}

#[test]
fn the_books_layers_pass() {
    let x = batch();
    let mut affine = AffineLayer::new(weights(3, 5), DVector::from_fn(5, |j, _| 0.1 * j as f64));
    let layers: [(&str, &mut dyn Layer<f64>); 4] = [
        ("affine", &mut affine),
        ("sigmoid", &mut Sigmoid::new()),
        ("relu", &mut Relu::new()),
        ("softmax", &mut SoftmaxWithLossLayer::new(&[2, 0, 1, 2])),
    ];
    for (name, layer) in layers {
        let check = check(layer, &x);
        assert!(check.passed(), "{name}:\n{check}");
        assert!(check.tensors.iter().all(|t| t.diagnosis.is_none()));
    }
    let names: Vec<&str> = check(&mut affine, &x)
        .tensors
        .iter()
        .map(|t| t.name)
        .collect();
    assert_eq!(names, ["x", "W", "b"]);
}

#[test]
fn the_check_leaves_the_parameters_as_they_were() {
    let mut affine = AffineLayer::new(weights(3, 2), DVector::from_element(2, 0.5));
    let (w, b) = (affine.w.clone(), affine.b.clone());
    check(&mut affine, &batch());
    assert_eq!((affine.w, affine.b), (w, b));
}

#[test]
fn relu_fails_only_at_its_kink_and_says_so() {
    let mut x = batch();
    x[(1, 2)] = 3e-5; // within h = 1e-4 of the kink
    let check = check(&mut Relu::new(), &x);
    assert_eq!(
        check.diagnosis("x"),
        Some(&Diagnosis::Kinks { elements: 1 }),
        "{check}"
    );
}

#[test]
fn f32_fails_by_its_rounding_and_says_so() {
    let x = batch().map(|v| v as f32);
    let check = check_layer(&mut Sigmoid::new(), &x, &CheckOptions::default());
    assert!(!check.passed(), "{check}");
    assert!(
        matches!(check.diagnosis("x"), Some(Diagnosis::Precision { .. })),
        "{check}"
    );
    assert!(check.to_string().contains("x: f32 precision"), "{check}");
}

/// How a learner's Affine layer goes wrong.
#[derive(Clone, Copy)]
enum AffineBug {
    None,
    /// `dW = dout^T x`: `(M, D)` instead of `(D, M)`.
    DoutTransposedTimesX,
    /// `db = mean_n dout`: a division by the batch size too many.
    MeanBias,
}

struct LearnerAffine {
    w: DMatrix<f64>,
    b: DVector<f64>,
    x: DMatrix<f64>,
    dw: DMatrix<f64>,
    db: DVector<f64>,
    bug: AffineBug,
}

impl LearnerAffine {
    fn new(inputs: usize, outputs: usize, bug: AffineBug) -> Self {
        Self {
            w: weights(inputs, outputs),
            b: DVector::from_fn(outputs, |j, _| 0.2 * j as f64 - 0.1),
            x: DMatrix::zeros(0, 0),
            dw: DMatrix::zeros(0, 0),
            db: DVector::zeros(0),
            bug,
        }
    }
}

impl Layer<f64> for LearnerAffine {
    fn forward(&mut self, x: &DMatrix<f64>) -> DMatrix<f64> {
        self.x = x.clone();
        let bias = DMatrix::from_fn(x.nrows(), self.b.len(), |_, j| self.b[j]);
        x * &self.w + bias
    }

    fn backward(&mut self, dout: &DMatrix<f64>) -> DMatrix<f64> {
        self.dw = match self.bug {
            AffineBug::DoutTransposedTimesX => dout.transpose() * &self.x,
            _ => self.x.transpose() * dout,
        };
        self.db = dout.row_sum().transpose();
        if let AffineBug::MeanBias = self.bug {
            self.db /= dout.nrows() as f64;
        }
        dout * self.w.transpose()
    }

    fn params_mut(&mut self) -> Vec<(&'static str, DMatrixViewMut<'_, f64>)> {
        vec![("W", self.w.as_view_mut()), ("b", self.b.as_view_mut())]
    }

    fn grads(&self) -> Vec<(&'static str, DMatrixView<'_, f64>)> {
        vec![("W", self.dw.as_view()), ("b", self.db.as_view())]
    }
}

#[test]
fn a_forgotten_transpose_is_named_for_square_and_other_shapes() {
    for outputs in [3, 5] {
        let mut layer = LearnerAffine::new(3, outputs, AffineBug::DoutTransposedTimesX);
        let check = check(&mut layer, &batch());
        assert_eq!(
            check.diagnosis("W"),
            Some(&Diagnosis::Transposed),
            "{check}"
        );
        assert!(check.diagnosis("x").is_none() && check.diagnosis("b").is_none());
    }
    let mut fixed = LearnerAffine::new(3, 5, AffineBug::None);
    let check = check(&mut fixed, &batch());
    assert!(check.passed(), "{check}");
}

#[test]
fn a_bias_gradient_averaged_over_the_batch_is_named() {
    let mut layer = LearnerAffine::new(3, 2, AffineBug::MeanBias);
    let check = check(&mut layer, &batch());
    assert_eq!(
        check.diagnosis("b"),
        Some(&Diagnosis::BatchSize {
            batch_size: 4,
            too_large: false
        }),
        "{check}"
    );
}

/// How a learner's softmax-with-loss goes wrong.
#[derive(Clone, Copy, PartialEq)]
enum LossBug {
    None,
    /// `dx = y - t`: the forward's mean over the batch not divided out.
    NoDivision,
    /// `y = exp(x) / sum(exp(x))` over the whole matrix (the book's 1-D
    /// `softmax` applied to a batch).
    SoftmaxOverBatch,
}

struct LearnerSoftmaxWithLoss {
    labels: Vec<usize>,
    y: DMatrix<f64>,
    bug: LossBug,
}

impl Layer<f64> for LearnerSoftmaxWithLoss {
    fn forward(&mut self, x: &DMatrix<f64>) -> DMatrix<f64> {
        let e = x.map(|v| (v - x.max()).exp());
        self.y = if self.bug == LossBug::SoftmaxOverBatch {
            &e / e.sum()
        } else {
            DMatrix::from_fn(e.nrows(), e.ncols(), |n, c| e[(n, c)] / e.row(n).sum())
        };
        let total: f64 = (0..x.nrows())
            .map(|n| -self.y[(n, self.labels[n])].ln())
            .sum();
        DMatrix::from_element(1, 1, total / x.nrows() as f64)
    }

    fn backward(&mut self, dout: &DMatrix<f64>) -> DMatrix<f64> {
        let mut dx = self.y.clone();
        for (n, &t) in self.labels.iter().enumerate() {
            dx[(n, t)] -= 1.0;
        }
        if self.bug != LossBug::NoDivision {
            dx /= self.labels.len() as f64;
        }
        dx * dout[(0, 0)]
    }
}

#[test]
fn a_softmax_with_loss_off_by_the_batch_or_over_the_batch_is_named() {
    let layer = |bug| LearnerSoftmaxWithLoss {
        labels: vec![2, 0, 1, 2],
        y: DMatrix::zeros(0, 0),
        bug,
    };
    let no_division = check(&mut layer(LossBug::NoDivision), &batch());
    assert_eq!(
        no_division.diagnosis("x"),
        Some(&Diagnosis::BatchSize {
            batch_size: 4,
            too_large: true
        }),
        "{no_division}"
    );
    let over_batch = check(&mut layer(LossBug::SoftmaxOverBatch), &batch());
    assert_eq!(
        over_batch.diagnosis("x"),
        Some(&Diagnosis::SoftmaxOverBatch),
        "{over_batch}"
    );
    let fixed = check(&mut layer(LossBug::None), &batch());
    assert!(fixed.passed(), "{fixed}");
}
