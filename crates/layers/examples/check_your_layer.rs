//! Check your own layer: a learner writes the book's Affine and
//! SoftmaxWithLoss layers (§5.6) with the two bugs met most often, and
//! `check_layer` catches each and names it; the fixed layers pass.
//!
//! Run with `cargo run -p layers --example check_your_layer`.

#![allow(clippy::print_stdout, reason = "an example shows its result")]

use layers::{CheckOptions, Layer, check_layer};
use nalgebra::{DMatrix, DVector};

/// The learner's Affine layer, `y = x W + b`, as the book writes it.
struct MyAffine {
    w: DMatrix<f64>,
    b: DVector<f64>,
    x: DMatrix<f64>,
    dw: DMatrix<f64>,
    db: DVector<f64>,
    /// The bug: `dW = dout^T x` (the transpose of `x^T dout`). With a square
    /// `W` the shapes fit, so nothing but the values shows it.
    transpose_forgotten: bool,
}

impl Layer<f64> for MyAffine {
    fn forward(&mut self, x: &DMatrix<f64>) -> DMatrix<f64> {
        self.x = x.clone();
        let mut y = x * &self.w;
        for mut row in y.row_iter_mut() {
            row += self.b.transpose();
        }
        y
    }

    fn backward(&mut self, dout: &DMatrix<f64>) -> DMatrix<f64> {
        self.dw = if self.transpose_forgotten {
            dout.transpose() * &self.x
        } else {
            self.x.transpose() * dout
        };
        self.db = dout.row_sum().transpose();
        dout * self.w.transpose()
    }

    fn params_mut(&mut self) -> Vec<(&'static str, nalgebra::DMatrixViewMut<'_, f64>)> {
        vec![("W", self.w.as_view_mut()), ("b", self.b.as_view_mut())]
    }

    fn grads(&self) -> Vec<(&'static str, nalgebra::DMatrixView<'_, f64>)> {
        vec![("W", self.dw.as_view()), ("b", self.db.as_view())]
    }
}

/// The learner's SoftmaxWithLoss: forward averages the cross-entropy over
/// the batch, so backward must divide by the batch size too.
struct MySoftmaxWithLoss {
    labels: Vec<usize>,
    y: DMatrix<f64>,
    /// The bug: `dx = y - t`, without `/ batch_size`.
    division_forgotten: bool,
}

impl Layer<f64> for MySoftmaxWithLoss {
    fn forward(&mut self, x: &DMatrix<f64>) -> DMatrix<f64> {
        self.y = x.clone();
        for mut row in self.y.row_iter_mut() {
            let max = row.max();
            row.apply(|v| *v = (*v - max).exp());
            let sum = row.sum();
            row /= sum;
        }
        let batch_size = x.nrows() as f64;
        let loss = -self
            .labels
            .iter()
            .enumerate()
            .map(|(n, &t)| (self.y[(n, t)] + 1e-7).ln())
            .sum::<f64>()
            / batch_size;
        DMatrix::from_element(1, 1, loss)
    }

    fn backward(&mut self, dout: &DMatrix<f64>) -> DMatrix<f64> {
        let mut dx = self.y.clone();
        for (n, &t) in self.labels.iter().enumerate() {
            dx[(n, t)] -= 1.0;
        }
        if !self.division_forgotten {
            dx /= self.labels.len() as f64;
        }
        dx * dout[(0, 0)]
    }
}

fn main() {
    // A batch of 4 samples with 3 features, as a learner would make one up.
    let x = DMatrix::from_fn(4, 3, |n, d| ((n * 3 + d) as f64 * 0.7).sin());
    let options = CheckOptions::default();

    for transpose_forgotten in [true, false] {
        let mut affine = MyAffine {
            w: DMatrix::from_fn(3, 3, |i, j| ((i * 3 + j) as f64 * 1.3).cos()),
            b: DVector::from_fn(3, |j, _| 0.1 * j as f64),
            x: DMatrix::zeros(0, 0),
            dw: DMatrix::zeros(0, 0),
            db: DVector::zeros(0),
            transpose_forgotten,
        };
        println!("MyAffine, transpose_forgotten: {transpose_forgotten}");
        println!("{}", check_layer(&mut affine, &x, &options));
    }
    for division_forgotten in [true, false] {
        let mut loss = MySoftmaxWithLoss {
            labels: vec![2, 0, 1, 2],
            y: DMatrix::zeros(0, 0),
            division_forgotten,
        };
        println!("MySoftmaxWithLoss, division_forgotten: {division_forgotten}");
        println!("{}", check_layer(&mut loss, &x, &options));
    }
}
