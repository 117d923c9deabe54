//! The numbers behind the chapter 4 figures, each computed with `numdiff`
//! or `tensor_ops` (the plots only draw them): the curves, the tangent
//! slopes, the gradient field, the descent paths and the step-size errors.

use nalgebra::{DMatrix, DVector, dvector};
use numdiff::{
    Descent, DifferenceError, difference_errors, gradient_descent, numerical_diff,
    numerical_gradient_rows,
};
pub use numdiff::{function_1, function_1_derivative, function_2};
use tensor_ops::scalar::{relu, sigmoid, sigmoid_grad};

/// `n + 1` evenly spaced values from `start` to `end`, both included.
pub fn linspace(start: f64, end: f64, n: usize) -> Vec<f64> {
    (0..=n)
        .map(|i| start + (end - start) * i as f64 / n as f64)
        .collect()
}

/// `(x, f(x))` for `x` in `xs`.
pub fn sample(xs: &[f64], f: impl Fn(f64) -> f64) -> Vec<(f64, f64)> {
    xs.iter().map(|&x| (x, f(x))).collect()
}

/// The tangent of `function_1` at `x0` (the book's `tangent_line`): its
/// slope by `numerical_diff` and the line `y = slope (x - x0) + f(x0)`.
pub fn tangent(x0: f64) -> (f64, impl Fn(f64) -> f64) {
    let slope = numerical_diff(function_1, x0);
    let y0 = function_1(x0);
    (slope, move |x| slope * (x - x0) + y0)
}

/// The book's grid of figure 4-9: `np.arange(-2, 2.5, 0.25)` in both
/// coordinates, 18 x 18 points as rows `(x0, x1)`, x1 varying fastest.
pub fn field_grid() -> DMatrix<f64> {
    let axis: Vec<f64> = (0..18).map(|i| -2.0 + 0.25 * f64::from(i)).collect();
    let points: Vec<f64> = axis
        .iter()
        .flat_map(|&x0| axis.iter().flat_map(move |&x1| [x0, x1]))
        .collect();
    DMatrix::from_row_slice(axis.len() * axis.len(), 2, &points)
}

/// One arrow of the gradient field: where it starts and the negative
/// gradient there.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Arrow {
    /// The grid point `(x0, x1)`.
    pub at: [f64; 2],
    /// `-grad f` at that point, numerically.
    pub minus_grad: [f64; 2],
}

/// The negative numerical gradient of `function_2` at every grid point.
pub fn gradient_field() -> Vec<Arrow> {
    let grid = field_grid();
    let grads = numerical_gradient_rows(function_2, &grid);
    (0..grid.nrows())
        .map(|n| Arrow {
            at: [grid[(n, 0)], grid[(n, 1)]],
            minus_grad: [-grads[(n, 0)], -grads[(n, 1)]],
        })
        .collect()
}

/// `steps` steps of the book's gradient descent on `f` from `start` at
/// learning rate `lr` (`numdiff::gradient_descent`).
pub fn descent(
    f: fn(&DVector<f64>) -> f64,
    start: [f64; 2],
    lr: f64,
    steps: usize,
) -> Descent<DVector<f64>> {
    gradient_descent(f, dvector![start[0], start[1]], lr, steps)
}

/// Every point of a descent as `[x0, x1]`, start first.
pub fn points(descent: &Descent<DVector<f64>>) -> Vec<[f64; 2]> {
    descent.points().map(|x| [x[0], x[1]]).collect()
}

/// The steps of the rounding-error figure: `1e-1, 1e-2, ..., 1e-20`.
pub fn error_steps() -> Vec<f64> {
    (1..=20).map(|k| 10_f64.powi(-k)).collect()
}

/// The forward and central differences' errors for `function_1` at
/// `x = 5` (exact derivative 0.2) over [`error_steps`].
pub fn rounding_errors() -> Vec<DifferenceError<f64>> {
    difference_errors(function_1, 5.0, function_1_derivative(5.0), error_steps())
}

/// The saddle `x0^2 - x1^2`: a minimum along x0, a maximum along x1.
pub fn saddle(x: &DVector<f64>) -> f64 {
    x[0] * x[0] - x[1] * x[1]
}

/// The saddle study: from (-3, 1e-3), learning rate 0.1, 40 steps.
pub const SADDLE: ([f64; 2], f64, usize) = ([-3.0, 1e-3], 0.1, 40);

/// A plateau: the well `1 - exp(-(x0^2 + x1^2))`, flat (loss near 1,
/// gradient near 0) far from its minimum at the origin.
pub fn plateau(x: &DVector<f64>) -> f64 {
    1.0 - (-(x[0] * x[0] + x[1] * x[1])).exp()
}

/// The plateau study: from (2, 1.5) (distance 2.5, where the gradient is
/// `2r exp(-r^2)`, about 0.01), learning rate 1, 60 steps.
pub const PLATEAU: ([f64; 2], f64, usize) = ([2.0, 1.5], 1.0, 60);

/// The book's step function (`np.array(x > 0, dtype=int)`): 1 for `x > 0`,
/// else 0. Its derivative is 0 wherever it exists (everywhere but 0).
pub fn step_function(x: f64) -> f64 {
    if x > 0.0 { 1.0 } else { 0.0 }
}

/// An activation's name and function.
pub type NamedActivation = (&'static str, fn(f64) -> f64);

/// The three activations of the figure, with the functions that give them.
pub fn activations() -> [NamedActivation; 3] {
    [
        ("step function", step_function),
        ("sigmoid", sigmoid::<f64>),
        ("ReLU", relu::<f64>),
    ]
}

/// The sigmoid's derivative, `(1 - h(x)) h(x)`.
pub fn sigmoid_derivative(x: f64) -> f64 {
    sigmoid_grad(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tangent_slopes_are_the_books() {
        // >>> numerical_diff(function_1, 5), numerical_diff(function_1, 10)
        // (0.1999999999990898, 0.2999999999986347)
        assert_eq!(tangent(5.0).0, 0.1999999999990898);
        assert_eq!(tangent(10.0).0, 0.2999999999986347);
        let (slope, line) = tangent(5.0);
        assert_eq!(line(5.0), function_1(5.0));
        assert!((line(6.0) - function_1(5.0) - slope).abs() < 1e-12);
    }

    #[test]
    fn the_field_is_minus_two_x_at_324_points() {
        let field = gradient_field();
        assert_eq!(field.len(), 324);
        assert_eq!(field[0].at, [-2.0, -2.0]);
        assert_eq!(field[323].at, [2.25, 2.25]);
        for arrow in &field {
            for k in 0..2 {
                let exact = -2.0 * arrow.at[k];
                assert!(
                    (arrow.minus_grad[k] - exact).abs() < 1e-6,
                    "{arrow:?} against {exact}"
                );
            }
        }
        let origin = field.iter().find(|a| a.at == [0.0, 0.0]);
        assert_eq!(origin.map(|a| a.minus_grad), Some([0.0, 0.0]));
    }

    #[test]
    fn the_descent_has_the_books_21_points() {
        // gradient_method.py: lr=0.1, step_num=20 from (-3, 4); each step
        // multiplies x by 1 - 2 lr = 0.8.
        let path = points(&descent(function_2, [-3.0, 4.0], 0.1, 20));
        assert_eq!(path.len(), 21);
        assert_eq!(path[0], [-3.0, 4.0]);
        for (k, p) in path.iter().enumerate() {
            let scale = 0.8_f64.powi(i32::try_from(k).unwrap_or(0));
            assert!((p[0] + 3.0 * scale).abs() < 1e-9, "{k}: {p:?}");
            assert!((p[1] - 4.0 * scale).abs() < 1e-9, "{k}: {p:?}");
        }
        assert!(path.iter().all(|p| p[0].abs() <= 3.5 && p[1].abs() <= 4.5));
    }

    #[test]
    fn the_rounding_series_shows_both_failures() {
        let errors = rounding_errors();
        assert_eq!(errors.len(), 20);
        let at_1e_4 = errors[3];
        assert_eq!(at_1e_4.h, 1e-4);
        assert!(
            at_1e_4.central < 1e-9 && at_1e_4.forward > 1e-9,
            "{at_1e_4:?}"
        );
        assert_eq!(numdiff::forward_difference(function_1, 5.0, 1e-50), 0.0);
        assert_eq!(1e-50_f32, 0.0);
    }

    #[test]
    fn the_saddle_path_crawls_then_escapes() {
        let (start, lr, steps) = SADDLE;
        let path = points(&descent(saddle, start, lr, steps));
        let crawling = path.iter().take_while(|p| p[1].abs() < 0.1).count();
        assert!(crawling >= 10, "{crawling} steps near the saddle");
        // While it crawls, x0 reaches the saddle...
        assert!(
            path[crawling - 1][0].abs() < 0.05,
            "{:?}",
            path[crawling - 1]
        );
        // ...and then x1 grows away from it.
        let last = path[path.len() - 1];
        assert!(last[1].abs() > 1.0, "{last:?}");
        assert!(
            path[crawling..]
                .windows(2)
                .all(|w| w[1][1].abs() > w[0][1].abs())
        );
    }

    #[test]
    fn the_plateau_barely_moves_then_drops() {
        let (start, lr, steps) = PLATEAU;
        let path = points(&descent(plateau, start, lr, steps));
        let loss: Vec<f64> = path
            .iter()
            .map(|&[x0, x1]| plateau(&dvector![x0, x1]))
            .collect();
        assert!(loss[0] > 0.99, "{}", loss[0]);
        assert!(loss[0] - loss[10] < 0.01, "{} -> {}", loss[0], loss[10]);
        assert!(loss[steps] < 0.01, "{}", loss[steps]);
    }

    #[test]
    fn the_step_function_has_no_slope() {
        assert_eq!(step_function(-0.1), 0.0);
        assert_eq!(step_function(0.0), 0.0);
        assert_eq!(step_function(0.1), 1.0);
        assert_eq!(sigmoid_derivative(0.0), 0.25);
        assert_eq!(linspace(-5.0, 5.0, 4), [-5.0, -2.5, 0.0, 2.5, 5.0]);
    }
}
