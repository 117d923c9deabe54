//! The book's loss examples (§4.2), printed with every digit:
//! `cargo run -p losses --example loss_functions`.
#![allow(clippy::print_stdout, reason = "an example prints its results")]

use losses::{
    Targets, cross_entropy_error, cross_entropy_error_labels, cross_entropy_error_sample,
    softmax_with_loss, softmax_with_loss_backward, sum_squares_error,
};
use nalgebra::{DMatrix, dmatrix, dvector};
use tensor_ops::softmax_rows;

/// The rows of `m`, to print as nested lists like NumPy's `repr`.
fn rows(m: &DMatrix<f64>) -> Vec<Vec<f64>> {
    m.row_iter()
        .map(|row| row.iter().copied().collect())
        .collect()
}

fn main() {
    // "2" is the correct digit; y1 says "2" with 0.6, y2 says "7" with 0.6.
    let t = dvector![0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0];
    let y1 = dvector![0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0];
    let y2 = dvector![0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0];
    println!("t  = {:?}", t.as_slice());
    for (name, y) in [("y1", &y1), ("y2", &y2)] {
        println!("{name} = {:?}", y.as_slice());
        println!(
            "  sum_squares_error({name}, t)  = {:?}",
            sum_squares_error(y, &t)
        );
        println!(
            "  cross_entropy_error({name}, t) = {:?}",
            cross_entropy_error_sample(y, &t)
        );
    }

    // A batch of three samples: softmax of scores, one-hot and label targets.
    let t = dmatrix![0.0, 1.0, 0.0; 1.0, 0.0, 0.0; 0.0, 0.0, 1.0];
    let labels = [1, 0, 2];
    println!("batch t = {:?} (labels {labels:?})", rows(&t));
    for x in [
        dmatrix![0.1, 0.9, 0.8; 0.8, 0.1, 0.5; 0.2, 0.3, 0.5],
        dmatrix![0.9, 0.1, 0.8; 0.8, 0.1, 0.5; 0.2, 0.3, 0.5],
    ] {
        let y = softmax_rows(&x);
        println!("x = {:?}", rows(&x));
        println!(
            "  cross_entropy_error(softmax(x), t)      = {:?}",
            cross_entropy_error(&y, &t)
        );
        println!(
            "  cross_entropy_error(softmax(x), labels) = {:?}",
            cross_entropy_error_labels(&y, &labels)
        );
    }

    // Softmax-with-loss (§5.6.3): the loss, and its gradient (y - t) / N.
    let x = dmatrix![0.1, 0.9, 0.8; 0.8, 0.1, 0.5; 0.2, 0.3, 0.5];
    let (loss, y) = softmax_with_loss(&x, Targets::Labels(&labels));
    println!("softmax_with_loss(x, labels) = {loss:?}");
    println!(
        "  backward (y - t) / N = {:?}",
        rows(&softmax_with_loss_backward(&y, Targets::Labels(&labels)))
    );
}
