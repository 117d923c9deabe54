//! Element-wise activation functions and their derivatives (book §3.2, §5.5).

use nalgebra::allocator::Allocator;
use nalgebra::{DefaultAllocator, Dim, Matrix, OMatrix, RawStorage, RawStorageMut};

use crate::Real;

/// The scalar functions behind the element-wise matrix versions.
pub mod scalar {
    use crate::Real;

    /// Sigmoid: `h(x) = 1 / (1 + exp(-x))`.
    ///
    /// Saturates to exactly 0 or 1 for large `|x|` (`exp(-x)` overflowing to
    /// infinity gives `1 / inf = 0`) and never returns `NaN` for a number.
    pub fn sigmoid<T: Real>(x: T) -> T {
        T::one() / (T::one() + (-x).exp())
    }

    /// Derivative of the sigmoid at the pre-activation `x`:
    /// `h'(x) = (1 - h(x)) h(x)` (the book's `sigmoid_grad`).
    pub fn sigmoid_grad<T: Real>(x: T) -> T {
        let y = sigmoid(x);
        (T::one() - y) * y
    }

    /// ReLU: `h(x) = max(0, x)`.
    ///
    /// A `NaN` input stays `NaN`, as with the book's `np.maximum(0, x)`, so a
    /// diverged network shows it instead of hiding it behind zeros.
    pub fn relu<T: Real>(x: T) -> T {
        if x <= T::zero() { T::zero() } else { x }
    }

    /// Derivative of ReLU: `1` where `x > 0`, else `0` (the `Relu` layer's mask,
    /// which sends no gradient through `x = 0`).
    pub fn relu_grad<T: Real>(x: T) -> T {
        if x > T::zero() { T::one() } else { T::zero() }
    }
}

/// Applies `f` to every element, returning a new matrix of the same shape.
fn map<T, R, C, S>(x: &Matrix<T, R, C, S>, f: fn(T) -> T) -> OMatrix<T, R, C>
where
    T: Real,
    R: Dim,
    C: Dim,
    S: RawStorage<T, R, C>,
    DefaultAllocator: Allocator<R, C>,
{
    x.map(f)
}

/// Applies `f` to every element in place.
fn apply<T, R, C, S>(x: &mut Matrix<T, R, C, S>, f: fn(T) -> T)
where
    T: Real,
    R: Dim,
    C: Dim,
    S: RawStorageMut<T, R, C>,
{
    x.apply(|v| *v = f(*v));
}

macro_rules! elementwise {
    ($(#[$doc:meta])* $name:ident, $name_mut:ident, $scalar:path) => {
        $(#[$doc])*
        ///
        /// Works on any nalgebra matrix or vector; see the `_mut` variant to
        /// write the result into the input instead of allocating.
        pub fn $name<T, R, C, S>(x: &Matrix<T, R, C, S>) -> OMatrix<T, R, C>
        where
            T: Real,
            R: Dim,
            C: Dim,
            S: RawStorage<T, R, C>,
            DefaultAllocator: Allocator<R, C>,
        {
            map(x, $scalar)
        }

        $(#[$doc])*
        ///
        /// In place: overwrites every element of `x` (no allocation).
        pub fn $name_mut<T, R, C, S>(x: &mut Matrix<T, R, C, S>)
        where
            T: Real,
            R: Dim,
            C: Dim,
            S: RawStorageMut<T, R, C>,
        {
            apply(x, $scalar)
        }
    };
}

elementwise!(
    /// Element-wise sigmoid `1 / (1 + exp(-x))`.
    sigmoid,
    sigmoid_mut,
    scalar::sigmoid
);
elementwise!(
    /// Element-wise sigmoid derivative `(1 - h(x)) h(x)` at pre-activations `x`.
    sigmoid_grad,
    sigmoid_grad_mut,
    scalar::sigmoid_grad
);
elementwise!(
    /// Element-wise ReLU `max(0, x)`.
    relu,
    relu_mut,
    scalar::relu
);
elementwise!(
    /// Element-wise ReLU derivative: `1` where `x > 0`, else `0`.
    relu_grad,
    relu_grad_mut,
    scalar::relu_grad
);
