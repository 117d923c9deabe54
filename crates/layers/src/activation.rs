//! The hidden layer's activation: sigmoid (chapter 4) or ReLU (chapter 5).

use nalgebra::DMatrix;
use tensor_ops::Real;

/// The activation `h` between the two affine layers: `z1 = h(a1)`.
///
/// Parses from and prints as `"sigmoid"` or `"relu"`.
///
/// # Examples
///
/// ```
/// use layers::Activation;
/// assert_eq!("relu".parse::<Activation>().unwrap(), Activation::Relu);
/// assert_eq!(Activation::default().to_string(), "sigmoid");
/// assert!("tanh".parse::<Activation>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Activation {
    /// `h(x) = 1 / (1 + exp(-x))`, the network of chapter 4 (the default).
    #[default]
    Sigmoid,
    /// `h(x) = max(0, x)`, the choice of chapter 5.
    Relu,
}

crate::named_choices!(
    Activation,
    "activation",
    [("sigmoid", Sigmoid), ("relu", Relu)]
);

impl Activation {
    /// Applies `h` to every element of `x` in place.
    pub fn apply_mut<T: Real>(self, x: &mut DMatrix<T>) {
        match self {
            Activation::Sigmoid => tensor_ops::sigmoid_mut(x),
            Activation::Relu => tensor_ops::relu_mut(x),
        }
    }
}
