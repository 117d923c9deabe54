//! The book's Affine layer as it writes it, owning `W`, `b` and their
//! gradients (book §5.6.2), for the [`Layer`] trait.

use nalgebra::{DMatrix, DMatrixView, DMatrixViewMut, DVector};
use tensor_ops::Real;

use crate::{Affine, Layer};

/// `y = x W + b` with its parameters: the book's `Affine(W, b)`, whose
/// `backward` sets `dW = x^T dout` and `db = sum_n dout` and returns
/// `dx = dout W^T`. (Networks use [`Affine`], which borrows the parameters
/// they keep in one place.)
///
/// # Examples
///
/// ```
/// use nalgebra::{dmatrix, dvector};
/// use layers::{AffineLayer, Layer};
///
/// let mut affine = AffineLayer::new(dmatrix![1.0_f64, 2.0; 3.0, 4.0], dvector![0.5, -0.5]);
/// assert_eq!(affine.forward(&dmatrix![1.0, 1.0]), dmatrix![4.5, 5.5]);
/// assert_eq!(affine.backward(&dmatrix![1.0, 0.0]), dmatrix![1.0, 3.0]);
/// assert_eq!(affine.dw, dmatrix![1.0, 0.0; 1.0, 0.0]);
/// ```
#[derive(Debug, Clone)]
pub struct AffineLayer<T: Real> {
    /// The weights `W: (D, M)`.
    pub w: DMatrix<T>,
    /// The bias `b: (M,)`.
    pub b: DVector<T>,
    /// `dL/dW` of the last backward pass, `(D, M)`.
    pub dw: DMatrix<T>,
    /// `dL/db` of the last backward pass, `(M,)`.
    pub db: DVector<T>,
    affine: Affine<T>,
}

impl<T: Real> AffineLayer<T> {
    /// The layer with weights `w: (D, M)` and bias `b: (M,)`, zero gradients.
    ///
    /// # Panics
    /// If `b` is not as long as `w` has columns.
    #[track_caller]
    pub fn new(w: DMatrix<T>, b: DVector<T>) -> Self {
        assert_eq!(
            w.ncols(),
            b.len(),
            "AffineLayer::new: W is {:?} but b is ({},)",
            w.shape(),
            b.len()
        );
        Self {
            dw: DMatrix::zeros(w.nrows(), w.ncols()),
            db: DVector::zeros(b.len()),
            w,
            b,
            affine: Affine::new(),
        }
    }
}

impl<T: Real> Layer<T> for AffineLayer<T> {
    fn forward(&mut self, x: &DMatrix<T>) -> DMatrix<T> {
        self.affine.forward(x, &self.w, &self.b)
    }

    fn backward(&mut self, dout: &DMatrix<T>) -> DMatrix<T> {
        let grads = self.affine.backward(dout, &self.w);
        (self.dw, self.db) = (grads.dw, grads.db);
        grads.dx
    }

    fn params_mut(&mut self) -> Vec<(&'static str, DMatrixViewMut<'_, T>)> {
        vec![("W", self.w.as_view_mut()), ("b", self.b.as_view_mut())]
    }

    fn grads(&self) -> Vec<(&'static str, DMatrixView<'_, T>)> {
        vec![("W", self.dw.as_view()), ("b", self.db.as_view())]
    }
}
