//! Gradient descent with the numerical gradient (book §4.4.1).

use nalgebra::allocator::Allocator;
use nalgebra::{DefaultAllocator, Dim, OMatrix};
use tensor_ops::Real;

use crate::numerical_gradient;

/// The end point of [`gradient_descent`] and the path it took.
#[derive(Debug, Clone, PartialEq)]
pub struct Descent<X> {
    /// The point after the last step.
    pub x: X,
    /// The point before each step, in order (as the book's `x_history`):
    /// `history[0]` is the start, and there is one entry per step.
    pub history: Vec<X>,
}

impl<X> Descent<X> {
    /// Every point of the path: the start, the point after each step, and so
    /// the end point last (`history.len() + 1` points).
    pub fn points(&self) -> impl Iterator<Item = &X> {
        self.history.iter().chain(std::iter::once(&self.x))
    }
}

/// `step_num` steps of `x <- x - lr * grad f(x)` from `init_x`, the gradient
/// taken numerically by [`numerical_gradient`] (the book's `gradient_descent`,
/// returning `x` and `x_history`). `x` may be a vector or a matrix; with
/// `step_num = 0` the end point is `init_x` and the history is empty.
///
/// Nothing is "fixed" on the way: with a learning rate that is too large the
/// point diverges, and once `h = 1e-4` falls below the spacing of floats near
/// `x` the numerical gradient stalls, exactly as the book's NumPy code does.
///
/// # Examples
///
/// ```
/// use nalgebra::dvector;
/// let f = |x: &nalgebra::DVector<f64>| x[0] * x[0] + x[1] * x[1];
/// let descent = numdiff::gradient_descent(f, dvector![-3.0, 4.0], 0.1, 100);
/// assert!(descent.x.norm() < 1e-8);
/// assert_eq!(descent.history.len(), 100);
/// assert_eq!(descent.points().count(), 101);
/// ```
pub fn gradient_descent<T, R, C>(
    f: impl FnMut(&OMatrix<T, R, C>) -> T,
    init_x: OMatrix<T, R, C>,
    lr: T,
    step_num: usize,
) -> Descent<OMatrix<T, R, C>>
where
    T: Real,
    R: Dim,
    C: Dim,
    DefaultAllocator: Allocator<R, C>,
{
    let mut history = Vec::with_capacity(step_num);
    let x = gradient_descent_each(f, init_x, lr, step_num, |step, x| {
        if step < step_num {
            history.push(x.clone());
        }
    });
    Descent { x, history }
}

/// [`gradient_descent`] without the history: gives `visit` each point of
/// the path as it is reached, `(0, start)`, then `(k, point after step k)`
/// for `k` in `1..=step_num`, and returns the end point. Memory stays
/// constant however many steps, so a long path can be streamed to a file.
///
/// # Examples
///
/// ```
/// use nalgebra::dvector;
/// let f = |x: &nalgebra::DVector<f64>| x[0] * x[0] + x[1] * x[1];
/// let mut points = 0;
/// let end = numdiff::gradient_descent_each(f, dvector![-3.0, 4.0], 0.1, 100, |_, _| points += 1);
/// assert_eq!(points, 101);
/// assert_eq!(end, numdiff::gradient_descent(f, dvector![-3.0, 4.0], 0.1, 100).x);
/// ```
pub fn gradient_descent_each<T, R, C>(
    mut f: impl FnMut(&OMatrix<T, R, C>) -> T,
    init_x: OMatrix<T, R, C>,
    lr: T,
    step_num: usize,
    mut visit: impl FnMut(usize, &OMatrix<T, R, C>),
) -> OMatrix<T, R, C>
where
    T: Real,
    R: Dim,
    C: Dim,
    DefaultAllocator: Allocator<R, C>,
{
    let mut x = init_x;
    visit(0, &x);
    for step in 1..=step_num {
        let grad = numerical_gradient(&mut f, &mut x);
        x.zip_apply(&grad, |xi, gi| *xi -= lr * gi);
        visit(step, &x);
    }
    x
}
