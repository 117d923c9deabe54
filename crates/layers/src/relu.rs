//! The ReLU layer (book §5.5.1).

use nalgebra::DMatrix;
use tensor_ops::Real;

/// The ReLU layer: `y = max(0, x)` element-wise.
///
/// `forward` remembers only where `x <= 0` (the book's `mask`): there the
/// gradient is 0, elsewhere `dout` passes through unchanged.
///
/// # Examples
///
/// ```
/// use nalgebra::dmatrix;
/// use layers::Relu;
///
/// let mut relu = Relu::new();
/// assert_eq!(relu.forward(dmatrix![1.0_f64, -0.5; -2.0, 3.0]), dmatrix![1.0, 0.0; 0.0, 3.0]);
/// assert_eq!(relu.backward(dmatrix![5.0, 6.0; 7.0, 8.0]), dmatrix![5.0, 0.0; 0.0, 8.0]);
/// ```
#[derive(Debug, Clone)]
pub struct Relu<T: Real> {
    /// `x <= 0` for every element of the last forward pass, column-major.
    mask: Vec<bool>,
    /// The shape of the last forward pass.
    shape: (usize, usize),
    _float: std::marker::PhantomData<T>,
}

impl<T: Real> Default for Relu<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Real> Relu<T> {
    /// A layer with no forward pass yet.
    pub fn new() -> Self {
        Self {
            mask: Vec::new(),
            shape: (0, 0),
            _float: std::marker::PhantomData,
        }
    }

    /// `y = max(0, x)`, any shape; remembers the mask `x <= 0`.
    pub fn forward(&mut self, x: DMatrix<T>) -> DMatrix<T> {
        let mut out = x;
        self.shape = out.shape();
        self.mask.clear();
        self.mask.extend(out.iter().map(|&v| v <= T::zero()));
        tensor_ops::relu_mut(&mut out);
        out
    }

    /// `dx = dout` where `x > 0`, else 0.
    ///
    /// # Panics
    /// If `dout` is not the shape of the last forward pass.
    #[track_caller]
    pub fn backward(&self, dout: DMatrix<T>) -> DMatrix<T> {
        assert_eq!(
            dout.shape(),
            self.shape,
            "Relu::backward: dout is {:?} but the forward pass had {:?}",
            dout.shape(),
            self.shape
        );
        let mut dx = dout;
        for (d, &masked) in dx.iter_mut().zip(&self.mask) {
            if masked {
                *d = T::zero();
            }
        }
        dx
    }
}
