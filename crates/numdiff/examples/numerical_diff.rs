//! The book's numerical derivatives, partial derivatives and gradients
//! (§4.3, §4.4), printed with every digit:
//! `cargo run -p numdiff --example numerical_diff`.
#![allow(clippy::print_stdout, reason = "an example prints its results")]

use nalgebra::dvector;
use numdiff::{function_1, function_2, numerical_diff, numerical_gradient};

fn main() {
    for x in [5.0, 10.0] {
        println!(
            "numerical_diff(0.01x^2 + 0.1x, {x:?}) = {:?}",
            numerical_diff(function_1, x)
        );
    }
    for x in [0.2, 0.4] {
        println!(
            "numerical_diff(x^2 + 0.1x, {x:?}) = {:?}",
            numerical_diff(|x| x * x + 0.1 * x, x)
        );
    }

    // Partial derivatives of function_2 at (3, 4): fix one variable, vary the other.
    let function_tmp1 = |x0: f64| x0 * x0 + 4.0_f64.powf(2.0);
    let function_tmp2 = |x1: f64| 3.0_f64.powf(2.0) + x1 * x1;
    println!(
        "df/dx0 at (3, 4) = {:?}",
        numerical_diff(function_tmp1, 3.0)
    );
    println!(
        "df/dx1 at (3, 4) = {:?}",
        numerical_diff(function_tmp2, 4.0)
    );

    for mut x in [dvector![3.0, 4.0], dvector![0.0, 2.0], dvector![3.0, 0.0]] {
        let point = x.as_slice().to_vec();
        let grad = numerical_gradient(function_2, &mut x);
        println!(
            "numerical_gradient(x0^2 + x1^2, {point:?}) = {:?}",
            grad.as_slice()
        );
    }
}
