//! The step function, the sigmoid and ReLU (book §3.2), with the
//! derivatives that decide whether a gradient flows through them (§4.2.5:
//! why a network is trained on the loss and a sigmoid, not on the accuracy
//! and a step).

use tensor_ops::scalar::{relu, sigmoid, sigmoid_grad};

use crate::series::{linspace, sample};

/// The book's step function (`np.array(x > 0, dtype=int)`): 1 for `x > 0`,
/// else 0.
pub fn step_function(x: f64) -> f64 {
    if x > 0.0 { 1.0 } else { 0.0 }
}

/// The step function's derivative: 0 wherever it exists (everywhere but
/// at 0, where it is undefined and 0 is drawn).
pub fn step_function_derivative(_x: f64) -> f64 {
    0.0
}

/// The sigmoid's derivative, `h'(x) = (1 - h(x)) h(x)`.
pub fn sigmoid_derivative(x: f64) -> f64 {
    sigmoid_grad(x)
}

/// The x axis of the activation curves: 1001 points on [-5, 5].
pub fn activation_xs() -> Vec<f64> {
    linspace(-5.0, 5.0, 1000)
}

/// A named curve.
#[derive(Debug, Clone, PartialEq)]
pub struct Curve {
    /// What it is.
    pub name: &'static str,
    /// Its points, in order of x.
    pub points: Vec<(f64, f64)>,
}

/// The activation functions of §3.2 on [`activation_xs`]: the step
/// function, the sigmoid `1 / (1 + exp(-x))` and ReLU `max(0, x)`.
pub fn activation_curves() -> [Curve; 3] {
    let xs = activation_xs();
    [
        ("step function", step_function as fn(f64) -> f64),
        ("sigmoid", sigmoid::<f64>),
        ("ReLU", relu::<f64>),
    ]
    .map(|(name, h)| Curve {
        name,
        points: sample(&xs, h),
    })
}

/// A function and its derivative on the same x axis.
#[derive(Debug, Clone, PartialEq)]
pub struct WithDerivative {
    /// `(x, h(x))`.
    pub function: Vec<(f64, f64)>,
    /// `(x, h'(x))`.
    pub derivative: Vec<(f64, f64)>,
}

/// The step function and its derivative 0 on [`activation_xs`] (§4.2.5).
pub fn step_with_derivative() -> WithDerivative {
    let xs = activation_xs();
    WithDerivative {
        function: sample(&xs, step_function),
        derivative: sample(&xs, step_function_derivative),
    }
}

/// The sigmoid and its derivative `(1 - h(x)) h(x)` on [`activation_xs`]
/// (§4.2.5).
pub fn sigmoid_with_derivative() -> WithDerivative {
    let xs = activation_xs();
    WithDerivative {
        function: sample(&xs, sigmoid::<f64>),
        derivative: sample(&xs, sigmoid_derivative),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_step_function_has_no_slope() {
        assert_eq!(step_function(-0.1), 0.0);
        assert_eq!(step_function(0.0), 0.0);
        assert_eq!(step_function(0.1), 1.0);
        assert_eq!(sigmoid_derivative(0.0), 0.25);
        assert!(
            step_with_derivative()
                .derivative
                .iter()
                .all(|&(_, d)| d == 0.0)
        );
        let [step, sigmoid, relu] = activation_curves();
        assert_eq!(step.points.len(), 1001);
        assert_eq!(sigmoid.points[500], (0.0, 0.5));
        assert_eq!(relu.points[1000], (5.0, 5.0));
    }
}
