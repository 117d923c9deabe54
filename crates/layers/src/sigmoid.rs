//! The Sigmoid layer (book §5.5.2).

use nalgebra::DMatrix;
use tensor_ops::Real;

/// The Sigmoid layer: `y = 1 / (1 + exp(-x))` element-wise.
///
/// `forward` remembers its output `y`, since `dy/dx = (1 - y) y`.
///
/// # Examples
///
/// ```
/// use nalgebra::dmatrix;
/// use layers::Sigmoid;
///
/// let mut sigmoid = Sigmoid::new();
/// assert_eq!(sigmoid.forward(dmatrix![0.0_f64]), dmatrix![0.5]);
/// assert_eq!(sigmoid.backward(dmatrix![1.0]), dmatrix![0.25]);
/// ```
#[derive(Debug, Clone)]
pub struct Sigmoid<T: Real> {
    /// The output of the last forward pass.
    out: DMatrix<T>,
}

impl<T: Real> Default for Sigmoid<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Real> Sigmoid<T> {
    /// A layer with no forward pass yet.
    pub fn new() -> Self {
        Self {
            out: DMatrix::zeros(0, 0),
        }
    }

    /// `y = 1 / (1 + exp(-x))`, any shape; remembers `y`.
    pub fn forward(&mut self, x: DMatrix<T>) -> DMatrix<T> {
        let mut out = x;
        tensor_ops::sigmoid_mut(&mut out);
        self.out.clone_from(&out);
        out
    }

    /// `dx = dout * (1 - y) * y` element-wise.
    ///
    /// # Panics
    /// If `dout` is not the shape of the last forward pass.
    #[track_caller]
    pub fn backward(&self, dout: DMatrix<T>) -> DMatrix<T> {
        assert_eq!(
            dout.shape(),
            self.out.shape(),
            "Sigmoid::backward: dout is {:?} but the forward pass gave {:?}",
            dout.shape(),
            self.out.shape()
        );
        let mut dx = dout;
        dx.zip_apply(&self.out, |d, y| *d *= (T::one() - y) * y);
        dx
    }
}
