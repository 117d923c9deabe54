//! The book's `simpleNet` (§4.4.2): one weight matrix, softmax and cross-entropy,
//! and the gradient of its loss with respect to the weights, taken numerically.

use losses::Targets;
use nalgebra::DMatrix;
use rand::Rng;
use tensor_ops::Real;

/// A one-layer network without bias: `y = softmax(x W)` with `W: (D, C)`
/// (the book uses `D = 2`, `C = 3`).
///
/// # Examples
///
/// ```
/// use losses::Targets;
/// use nalgebra::dmatrix;
/// use twolayer::SimpleNet;
///
/// // The book's W, x = [0.6, 0.9] and t = [0, 0, 1].
/// let net = SimpleNet::new(dmatrix![0.47355232_f64, 0.9977393, 0.84668094;
///                                   0.85557411, 0.03563661, 0.69422093]);
/// let x = dmatrix![0.6, 0.9];
/// let t = dmatrix![0.0, 0.0, 1.0];
/// let p = net.predict(&x);
/// assert!((p[(0, 2)] - 1.1328074).abs() < 1e-6);
/// assert!((net.loss(&x, Targets::OneHot(&t)) - 0.928068).abs() < 1e-6);
/// let dw = net.numerical_gradient(&x, Targets::OneHot(&t));
/// assert!((dw[(1, 2)] + 0.544215).abs() < 1e-6);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SimpleNet<T: Real> {
    /// The weights, `(D, C)`.
    pub w: DMatrix<T>,
}

impl<T: Real> SimpleNet<T> {
    /// A network with the given weights `w: (D, C)`.
    pub fn new(w: DMatrix<T>) -> Self {
        Self { w }
    }

    /// The book's initialization, `W = np.random.randn(2, 3)`: standard normal
    /// weights of shape `(inputs, classes)`, drawn in row-major order.
    pub fn random(inputs: usize, classes: usize, rng: &mut (impl Rng + ?Sized)) -> Self {
        Self::new(crate::randn(inputs, classes, 1.0, rng))
    }

    /// The scores `x W`: `x: (N, D)` -> `(N, C)`.
    ///
    /// # Panics
    /// If `x` does not have `D` columns.
    pub fn predict(&self, x: &DMatrix<T>) -> DMatrix<T> {
        predict(&self.w, x)
    }

    /// `L = cross_entropy(softmax(x W), t)`, the mean over the `N` samples.
    ///
    /// # Panics
    /// As [`predict`](Self::predict), or if `t` does not fit the `(N, C)` scores.
    pub fn loss(&self, x: &DMatrix<T>, t: Targets<'_, T>) -> T {
        loss(&self.w, x, t)
    }

    /// `dL/dW: (D, C)` by central differences, the book's
    /// `numerical_gradient(lambda w: net.loss(x, t), net.W)`.
    ///
    /// # Panics
    /// As [`loss`](Self::loss).
    pub fn numerical_gradient(&self, x: &DMatrix<T>, t: Targets<'_, T>) -> DMatrix<T> {
        let mut w = self.w.clone();
        numdiff::numerical_gradient(|w| loss(w, x, t), &mut w)
    }
}

fn predict<T: Real>(w: &DMatrix<T>, x: &DMatrix<T>) -> DMatrix<T> {
    assert_eq!(
        x.ncols(),
        w.nrows(),
        "SimpleNet::predict: x is {:?} but W is {:?}",
        x.shape(),
        w.shape()
    );
    x * w
}

fn loss<T: Real>(w: &DMatrix<T>, x: &DMatrix<T>, t: Targets<'_, T>) -> T {
    losses::softmax_with_loss(&predict(w, x), t).0
}
