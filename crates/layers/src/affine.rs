//! The Affine layer `y = x W + b` (book §5.6.2).

use nalgebra::{DMatrix, DVector};
use tensor_ops::Real;

/// The gradients of an [`Affine`] layer's input and parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct AffineGrads<T: Real> {
    /// `dL/dx = dout W^T`, `(N, D)`.
    pub dx: DMatrix<T>,
    /// `dL/dW = x^T dout`, `(D, M)`.
    pub dw: DMatrix<T>,
    /// `dL/db = sum_n dout[n, :]`, `(M,)`.
    pub db: DVector<T>,
}

/// The Affine layer: `y = x W + b` for a batch `x: (N, D)`, `W: (D, M)`, `b: (M,)`.
///
/// `forward` remembers `x`, which is all `backward` needs besides `W`. It
/// keeps it transposed, `x^T: (D, N)`, the form `dW = x^T dout` multiplies:
/// a plain product of contiguous matrices goes to the fast matrixmultiply
/// kernels. (A transposed *view* would avoid the copy, but nalgebra 0.35's
/// fallback for small products reads past the end of row-strided views.)
///
/// # Examples
///
/// ```
/// use nalgebra::{dmatrix, dvector};
/// use layers::Affine;
///
/// let mut affine = Affine::new();
/// let (w, b) = (dmatrix![1.0_f64, 2.0; 3.0, 4.0], dvector![0.5, -0.5]);
/// let y = affine.forward(&dmatrix![1.0, 1.0], &w, &b);
/// assert_eq!(y, dmatrix![4.5, 5.5]);
/// let grads = affine.backward(&dmatrix![1.0, 0.0], &w);
/// assert_eq!(grads.dx, dmatrix![1.0, 3.0]);
/// assert_eq!(grads.dw, dmatrix![1.0, 0.0; 1.0, 0.0]);
/// assert_eq!(grads.db, dvector![1.0, 0.0]);
/// ```
#[derive(Debug, Clone)]
pub struct Affine<T: Real> {
    /// The input of the last forward pass, transposed: `x^T: (D, N)`.
    xt: DMatrix<T>,
}

impl<T: Real> Default for Affine<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Real> Affine<T> {
    /// A layer with no forward pass yet.
    pub fn new() -> Self {
        Self {
            xt: DMatrix::zeros(0, 0),
        }
    }

    /// `y = x W + b`: `x: (N, D)`, `w: (D, M)`, `b: (M,)` -> `y: (N, M)`.
    /// Remembers `x` for [`backward`](Self::backward).
    ///
    /// # Panics
    /// If the shapes do not fit; the message names all three.
    #[track_caller]
    pub fn forward(&mut self, x: &DMatrix<T>, w: &DMatrix<T>, b: &DVector<T>) -> DMatrix<T> {
        let y = affine_forward(x, w, b);
        if self.xt.shape() != (x.ncols(), x.nrows()) {
            self.xt = DMatrix::zeros(x.ncols(), x.nrows());
        }
        x.transpose_to(&mut self.xt);
        y
    }

    /// Backward pass for `dout = dL/dy: (N, M)` and the `w: (D, M)` of the forward pass.
    ///
    /// # Panics
    /// If `dout` or `w` do not fit the forward pass.
    #[track_caller]
    pub fn backward(&self, dout: &DMatrix<T>, w: &DMatrix<T>) -> AffineGrads<T> {
        self.check_backward(dout, Some(w));
        let dx = dout * w.transpose();
        let (dw, db) = self.param_grads(dout);
        AffineGrads { dx, dw, db }
    }

    /// Only `(dW, db)`: for the first layer, whose `dx` would flow into the
    /// data and be thrown away (a third of a training step's work).
    ///
    /// # Panics
    /// If `dout` does not fit the forward pass.
    #[track_caller]
    pub fn backward_params(&self, dout: &DMatrix<T>) -> (DMatrix<T>, DVector<T>) {
        self.check_backward(dout, None);
        self.param_grads(dout)
    }

    fn param_grads(&self, dout: &DMatrix<T>) -> (DMatrix<T>, DVector<T>) {
        (&self.xt * dout, tensor_ops::column_sums(dout))
    }

    #[track_caller]
    fn check_backward(&self, dout: &DMatrix<T>, w: Option<&DMatrix<T>>) {
        let (features, batch) = self.xt.shape();
        assert_eq!(
            dout.nrows(),
            batch,
            "Affine::backward: dout is {:?} but the forward pass had x {:?}",
            dout.shape(),
            (batch, features)
        );
        if let Some(w) = w {
            assert_eq!(
                w.shape(),
                (features, dout.ncols()),
                "Affine::backward: W is {:?} but x is {:?} and dout is {:?}",
                w.shape(),
                (batch, features),
                dout.shape()
            );
        }
    }
}

/// `y = x W + b` for `x: (N, D)`, `w: (D, M)`, `b: (M,)`: the [`Affine`]
/// layer's forward pass without its cache, for a prediction that needs no
/// backward pass.
///
/// # Panics
/// If the shapes do not fit; the message names all three, the location the
/// caller.
#[track_caller]
pub fn affine_forward<T: Real>(x: &DMatrix<T>, w: &DMatrix<T>, b: &DVector<T>) -> DMatrix<T> {
    assert!(
        x.ncols() == w.nrows() && w.ncols() == b.len(),
        "x is {:?}, W is {:?} and b is ({},); expected (N, D), (D, M) and (M,)",
        x.shape(),
        w.shape(),
        b.len()
    );
    let mut y = x * w;
    tensor_ops::add_bias_mut(&mut y, b);
    y
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The layer's products against the definitions, element by element, for
    /// sizes on both sides of nalgebra's switch to matrixmultiply (5).
    #[test]
    fn backward_matches_the_definitions_for_small_and_large_shapes() {
        for (n, d, m) in [(3, 4, 2), (7, 9, 8), (1, 6, 6), (10, 3, 12)] {
            let x = DMatrix::from_fn(n, d, |r, c| ((r * d + c) % 7) as f64 - 3.0);
            let w = DMatrix::from_fn(d, m, |r, c| ((r + 2 * c) % 5) as f64 * 0.5);
            let b = DVector::from_fn(m, |j, _| j as f64);
            let dout = DMatrix::from_fn(n, m, |r, c| (r as f64 - c as f64) * 0.25);

            let mut affine = Affine::new();
            let y = affine.forward(&x, &w, &b);
            let grads = affine.backward(&dout, &w);
            let sum = |len: usize, f: &dyn Fn(usize) -> f64| (0..len).map(f).sum::<f64>();
            assert_eq!(
                y,
                DMatrix::from_fn(n, m, |i, j| sum(d, &|k| x[(i, k)] * w[(k, j)]) + b[j])
            );
            assert_eq!(
                grads.dx,
                DMatrix::from_fn(n, d, |i, k| sum(m, &|j| dout[(i, j)] * w[(k, j)]))
            );
            assert_eq!(
                grads.dw,
                DMatrix::from_fn(d, m, |k, j| sum(n, &|i| x[(i, k)] * dout[(i, j)]))
            );
            assert_eq!(
                grads.db,
                DVector::from_fn(m, |j, _| sum(n, &|i| dout[(i, j)]))
            );
            assert_eq!(affine.backward_params(&dout), (grads.dw, grads.db));
        }
    }

    #[test]
    #[should_panic(expected = "Affine::backward: dout is (2, 3) but the forward pass had x (4, 5)")]
    fn backward_names_the_shapes_that_do_not_fit() {
        let mut affine = Affine::new();
        affine.forward(
            &DMatrix::<f32>::zeros(4, 5),
            &DMatrix::zeros(5, 3),
            &DVector::zeros(3),
        );
        affine.backward_params(&DMatrix::zeros(2, 3));
    }
}
