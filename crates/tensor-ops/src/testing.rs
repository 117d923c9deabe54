//! The workspace's one float comparison for tests: [`assert_close`] for
//! scalars, slices, vectors and matrices, naming the first mismatch.
//!
//! ```
//! use nalgebra::dmatrix;
//! use tensor_ops::testing::{Tolerance, assert_close};
//!
//! // A named tolerance, with the reason for its size.
//! const ROUNDING: Tolerance = Tolerance::relative(1e-15); // one addition's rounding
//! assert_close(0.1 + 0.2, 0.3, ROUNDING);
//! assert_close(&dmatrix![1.0, 2.0; 3.0, 4.0], &[[1.0, 2.0], [3.0, 4.0]], 1e-15);
//! ```
//!
//! [`BOOK_DIGITS`], [`NUMPY_FIXED`] and [`NUMPY_SCIENTIFIC`] are the
//! tolerances for the book's printed numbers, one per way they are printed.
//!
//! Rules, the same for every input:
//! - Elements are compared as `f64`, in row-major order (the order of
//!   `dmatrix![...]`, of nested arrays and of NumPy).
//! - Shapes must agree, ignoring dimensions of length 1: a `(2, 1)` column
//!   vector matches the list `[6.0, 8.0]`, a `(1, 1)` matrix matches a scalar.
//! - A number is close to the expected `e` when
//!   `|actual - e| <= tol.abs + tol.rel * |e|` (NumPy's `isclose`).
//!   Infinities must be equal, and `NaN` is close only to an expected `NaN`.

use nalgebra::{Dim, Matrix, RawStorage};

use crate::Real;

/// How close is close enough: `|actual - expected| <= abs + rel * |expected|`.
///
/// A bare `f64` converts into `Tolerance { rel: tol, abs: tol }`: relative for
/// large values, absolute near zero. Name tolerances after the reason for
/// their size, e.g. `const BOOK_DIGITS: Tolerance = Tolerance::relative(1e-12);`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tolerance {
    /// Allowed difference as a fraction of `|expected|`.
    pub rel: f64,
    /// Allowed difference regardless of the size of `expected`.
    pub abs: f64,
}

impl Tolerance {
    /// Only a relative tolerance: `|actual - expected| <= rel * |expected|`.
    pub const fn relative(rel: f64) -> Self {
        Self { rel, abs: 0.0 }
    }

    /// Only an absolute tolerance: `|actual - expected| <= abs`.
    pub const fn absolute(abs: f64) -> Self {
        Self { rel: 0.0, abs }
    }

    /// Whether `actual` is close enough to `expected`.
    pub fn accepts(self, actual: f64, expected: f64) -> bool {
        if actual == expected || (actual.is_nan() && expected.is_nan()) {
            return true;
        }
        actual.is_finite()
            && expected.is_finite()
            && (actual - expected).abs() <= self.abs + self.rel * expected.abs()
    }
}

impl From<f64> for Tolerance {
    fn from(tol: f64) -> Self {
        Self { rel: tol, abs: tol }
    }
}

/// For the book's numbers that Python prints in full (`repr` of a float, 15 to
/// 17 significant digits): equal to 1e-12 relative, well above the last-bit
/// differences of a different operation order, well below any real error.
pub const BOOK_DIGITS: Tolerance = Tolerance::relative(1e-12);

/// For the book's arrays that NumPy prints in fixed notation with 8 decimals
/// (`0.26894142`, `6.`): within half a unit of the last printed digit.
pub const NUMPY_FIXED: Tolerance = Tolerance::absolute(5e-9);

/// For the book's arrays that NumPy prints in scientific notation with 9
/// significant digits (`4.53978686e-05`): within half a unit of the last one.
pub const NUMPY_SCIENTIFIC: Tolerance = Tolerance::relative(5e-9);

/// Anything [`assert_close`] can compare: its shape and its elements as `f64`.
pub trait Elements {
    /// The shape: `[]` for a scalar, `[n]` for a list, `[rows, columns]` for a matrix.
    fn shape(&self) -> Vec<usize>;

    /// The elements in row-major order, widened to `f64`.
    fn elements(&self) -> Vec<f64>;
}

impl Elements for f64 {
    fn shape(&self) -> Vec<usize> {
        Vec::new()
    }

    fn elements(&self) -> Vec<f64> {
        vec![*self]
    }
}

impl Elements for f32 {
    fn shape(&self) -> Vec<usize> {
        Vec::new()
    }

    fn elements(&self) -> Vec<f64> {
        vec![f64::from(*self)]
    }
}

impl<E: Elements> Elements for [E] {
    /// A list of scalars is `[n]`; a list of `m`-element rows is `[n, m]`.
    fn shape(&self) -> Vec<usize> {
        let mut shape = vec![self.len()];
        shape.extend(self.first().map(Elements::shape).unwrap_or_default());
        shape
    }

    fn elements(&self) -> Vec<f64> {
        self.iter().flat_map(Elements::elements).collect()
    }
}

impl<E: Elements, const N: usize> Elements for [E; N] {
    fn shape(&self) -> Vec<usize> {
        self.as_slice().shape()
    }

    fn elements(&self) -> Vec<f64> {
        self.as_slice().elements()
    }
}

impl<E: Elements> Elements for Vec<E> {
    fn shape(&self) -> Vec<usize> {
        self.as_slice().shape()
    }

    fn elements(&self) -> Vec<f64> {
        self.as_slice().elements()
    }
}

impl<T: Real, R: Dim, C: Dim, S: RawStorage<T, R, C>> Elements for Matrix<T, R, C, S> {
    fn shape(&self) -> Vec<usize> {
        vec![self.nrows(), self.ncols()]
    }

    fn elements(&self) -> Vec<f64> {
        self.row_iter()
            .flat_map(|row| row.iter().map(|v| v.to_f64()).collect::<Vec<_>>())
            .collect()
    }
}

impl<X: Elements + ?Sized> Elements for &X {
    fn shape(&self) -> Vec<usize> {
        (**self).shape()
    }

    fn elements(&self) -> Vec<f64> {
        (**self).elements()
    }
}

/// Asserts that every element of `actual` is close to the matching element of
/// `expected` (see the [module rules](self) and [`Tolerance`]).
///
/// # Panics
/// If the shapes differ (the message names both), or an element is not close:
/// the message names the first such element by its index, both values, the
/// difference, the allowed difference and how many elements differ in all.
#[track_caller]
pub fn assert_close<A, E>(actual: A, expected: E, tol: impl Into<Tolerance>)
where
    A: Elements,
    E: Elements,
{
    let tol = tol.into();
    let shape = actual.shape();
    assert!(
        squeezed(&shape) == squeezed(&expected.shape()),
        "assert_close: actual has shape {:?} but expected has shape {:?}",
        shape,
        expected.shape()
    );
    let (actual, expected) = (actual.elements(), expected.elements());
    let mut mismatches = actual
        .iter()
        .zip(&expected)
        .enumerate()
        .filter(|&(_, (&a, &e))| !tol.accepts(a, e));
    if let Some((i, (&a, &e))) = mismatches.next() {
        panic!(
            "assert_close: got {a:?}{} but expected {e:?}: |difference| {:e} > {:e} \
             (rel {:e}, abs {:e}); {} of {} elements differ",
            index_name(i, &squeezed(&shape)),
            (a - e).abs(),
            tol.abs + tol.rel * e.abs(),
            tol.rel,
            tol.abs,
            mismatches.count() + 1,
            actual.len()
        );
    }
}

/// The shape without its dimensions of length 1.
fn squeezed(shape: &[usize]) -> Vec<usize> {
    shape.iter().copied().filter(|&d| d != 1).collect()
}

/// Where the row-major index `i` is in a squeezed shape: ` at [3]` in a list
/// or vector, ` at (1, 0)` in a matrix, nothing for a scalar.
fn index_name(mut i: usize, shape: &[usize]) -> String {
    let mut index = vec![0; shape.len()];
    for (slot, &dim) in index.iter_mut().zip(shape).rev() {
        *slot = i % dim;
        i /= dim;
    }
    match index.as_slice() {
        [] => String::new(),
        [i] => format!(" at [{i}]"),
        _ => format!(
            " at ({})",
            index
                .iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}
