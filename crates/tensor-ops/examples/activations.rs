//! The book's activation and softmax examples (§3.2, §3.5, §5.5), printed
//! with every digit: `cargo run -p tensor-ops --example activations`.
#![allow(clippy::print_stdout, reason = "an example prints its results")]

use nalgebra::{DMatrix, dmatrix, dvector};
use tensor_ops::{argmax_rows, relu, relu_grad, sigmoid, softmax, softmax_rows};

/// The rows of `m`, to print as nested lists like NumPy's `repr`.
fn rows(m: &DMatrix<f64>) -> Vec<Vec<f64>> {
    m.row_iter()
        .map(|row| row.iter().copied().collect())
        .collect()
}

fn main() {
    // >>> x = np.array([-1.0, 1.0, 2.0])
    // >>> sigmoid(x)
    let x = dvector![-1.0_f64, 1.0, 2.0];
    println!("sigmoid({:?}) = {:?}", x.as_slice(), sigmoid(&x).as_slice());

    // The Relu layer's input in §5.5.1: its output and its gradient mask.
    let x = dmatrix![1.0_f64, -0.5; -2.0, 3.0];
    println!("relu({:?}) = {:?}", rows(&x), rows(&relu(&x)));
    println!("relu_grad({:?}) = {:?}", rows(&x), rows(&relu_grad(&x)));

    // >>> a = np.array([0.3, 2.9, 4.0])
    // >>> y = softmax(a)
    // >>> np.sum(y)
    let y = softmax(&dvector![0.3_f64, 2.9, 4.0]);
    println!(
        "softmax([0.3, 2.9, 4.0]) = {:?}, sum {:?}",
        y.as_slice(),
        y.sum()
    );

    // >>> a = np.array([1010, 1000, 990])
    // >>> np.exp(a) / np.sum(np.exp(a))
    // >>> c = np.max(a)
    // >>> np.exp(a - c) / np.sum(np.exp(a - c))
    let a = dvector![1010.0_f64, 1000.0, 990.0];
    let naive = a.map(f64::exp) / a.map(f64::exp).sum();
    println!(
        "exp(a) / sum(exp(a)) for a = {:?}: {:?}",
        a.as_slice(),
        naive.as_slice()
    );
    println!(
        "softmax(a), the max subtracted first: {:?}",
        softmax(&a).as_slice()
    );

    // A batch: one softmax per row, and the predicted class of each row.
    let scores = dmatrix![0.1_f64, 0.9, 0.8; 0.8, 0.1, 0.5; 0.2, 0.3, 0.5];
    let y = softmax_rows(&scores);
    println!("softmax_rows({:?}) = {:?}", rows(&scores), rows(&y));
    println!("argmax_rows = {:?}", argmax_rows(&y));
}
