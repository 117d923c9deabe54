//! Chapter 5's computational-graph nodes for scalars, `MulLayer` and
//! `AddLayer` (book §5.4, the book's `layer_naive.py`), as used in the
//! apples-and-oranges example.

use tensor_ops::Real;

/// A multiplication node `out = x * y`.
///
/// Its backward pass swaps the inputs: `dx = dout * y`, `dy = dout * x`,
/// so `forward` remembers both.
///
/// # Examples
///
/// ```
/// use layers::MulLayer;
/// // The book's apples: 2 apples at 100 each, then a tax of 1.1.
/// let (mut mul_apple, mut mul_tax) = (MulLayer::new(), MulLayer::new());
/// let price = mul_tax.forward(mul_apple.forward(100.0, 2.0), 1.1);
/// assert_eq!(price, 220.00000000000003);
/// let (dapple_price, dtax) = mul_tax.backward(1.0);
/// let (dapple, dapple_num) = mul_apple.backward(dapple_price);
/// assert_eq!((dapple, dapple_num, dtax), (2.2, 110.00000000000001, 200.0));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct MulLayer<T: Real> {
    x: T,
    y: T,
}

impl<T: Real> MulLayer<T> {
    /// A node with no forward pass yet (its cached inputs are 0).
    pub fn new() -> Self {
        Self::default()
    }

    /// `out = x * y`; remembers `x` and `y`.
    pub fn forward(&mut self, x: T, y: T) -> T {
        self.x = x;
        self.y = y;
        x * y
    }

    /// `(dx, dy) = (dout * y, dout * x)`.
    pub fn backward(&self, dout: T) -> (T, T) {
        (dout * self.y, dout * self.x)
    }
}

/// An addition node `out = x + y`: its backward pass passes `dout` to both
/// inputs unchanged, so it remembers nothing.
///
/// # Examples
///
/// ```
/// use layers::AddLayer;
/// let mut add = AddLayer::new();
/// assert_eq!(add.forward(200.0, 450.0), 650.0);
/// assert_eq!(add.backward(1.1), (1.1, 1.1));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AddLayer;

impl AddLayer {
    /// A new node.
    pub fn new() -> Self {
        Self
    }

    /// `out = x + y`.
    pub fn forward<T: Real>(&mut self, x: T, y: T) -> T {
        x + y
    }

    /// `(dx, dy) = (dout, dout)`.
    pub fn backward<T: Real>(&self, dout: T) -> (T, T) {
        (dout, dout)
    }
}
