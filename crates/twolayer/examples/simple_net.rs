//! The book's `simpleNet` (§4.4.2): prints its prediction, loss and the
//! numerical gradient of the loss with respect to `W`.
//!
//! `cargo run -p twolayer --example simple_net`
#![allow(clippy::print_stdout, reason = "an example prints its results")]

use losses::Targets;
use nalgebra::{DMatrix, dmatrix};
use twolayer::SimpleNet;

fn main() {
    // net = simpleNet(), with the W the book prints
    let net = SimpleNet::new(dmatrix![
        0.47355232, 0.9977393, 0.84668094;
        0.85557411, 0.03563661, 0.69422093
    ]);
    println!("W = {}", numpy(&net.w, 8));

    let x = dmatrix![0.6, 0.9];
    let p = net.predict(&x);
    println!("p = net.predict(x) = {}", numpy(&p, 8));
    println!("np.argmax(p) = {}", tensor_ops::argmax_rows(&p)[0]);

    let t = dmatrix![0.0, 0.0, 1.0];
    println!("net.loss(x, t) = {:.6}", net.loss(&x, Targets::OneHot(&t)));

    let dw = net.numerical_gradient(&x, Targets::OneHot(&t));
    println!("dW = numerical_gradient(f, net.W) = {}", numpy(&dw, 6));
}

/// `m` as nested rows, like NumPy's `print`: `[[1.0 2.0] [3.0 4.0]]`.
fn numpy(m: &DMatrix<f64>, decimals: usize) -> String {
    let rows: Vec<String> = m
        .row_iter()
        .map(|row| {
            let values: Vec<String> = row.iter().map(|v| format!("{v:.decimals$}")).collect();
            format!("[{}]", values.join(" "))
        })
        .collect();
    format!("[{}]", rows.join(" "))
}
