//! One image through the network, every stage kept: what the page's
//! diagram shows (§3.4's forward pass, §3.5's softmax) and which hidden
//! units push the answer.

use nalgebra::{DMatrix, DVector};
use tensor_ops::{Real, argmax, softmax};

use super::TwoLayerNet;

/// Every stage of the forward pass of one image `x: (1, input)`:
///
/// ```text
/// z1 = h(x W1 + b1)            hidden      (hidden)
/// a2 = z1 W2 + b2              scores      (output)
/// y  = softmax(a2)             probabilities (output)
/// k  = argmax(y)               predicted
/// c_j = z1_j W2[j, k]          contributions (hidden): unit j's share of a2_k - b2_k
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Trace<T: Real> {
    /// The hidden activations `z1`.
    pub hidden: DVector<T>,
    /// The scores `a2` (logits).
    pub scores: DVector<T>,
    /// `y = softmax(a2)`.
    pub probabilities: DVector<T>,
    /// `k = argmax(a2)`, the first highest score.
    pub predicted: usize,
    /// `c_j = z1_j W2[j, k]`: how much hidden unit `j` adds to the score
    /// of the predicted class (they sum to `a2_k - b2_k`).
    pub contributions: DVector<T>,
}

impl<T: Real> Trace<T> {
    /// Whether every number in it is finite (a model whose weights overflow
    /// gives NaN or infinite scores).
    pub fn is_finite(&self) -> bool {
        self.hidden
            .iter()
            .chain(&self.scores)
            .chain(&self.probabilities)
            .chain(&self.contributions)
            .all(|v| v.is_finite())
    }
}

impl<T: Real> TwoLayerNet<T> {
    /// The forward pass of one image `x: (1, input)` with every stage
    /// ([`Trace`]).
    ///
    /// ```
    /// use nalgebra::DMatrix;
    /// use rand::SeedableRng;
    /// use rand::rngs::ChaCha12Rng;
    /// use twolayer::{Activation, TwoLayerNet};
    ///
    /// let net = TwoLayerNet::<f64>::new(4, 3, 2, 1.0, Activation::Relu, &mut ChaCha12Rng::seed_from_u64(1));
    /// let x = DMatrix::from_row_slice(1, 4, &[0.0, 0.5, 1.0, 0.2]);
    /// let trace = net.trace(&x);
    /// assert_eq!(trace.scores.transpose(), net.predict(&x));
    /// let k = trace.predicted;
    /// let pushed: f64 = trace.contributions.sum();
    /// assert!((pushed + net.params.b2[k] - trace.scores[k]).abs() < 1e-12);
    /// ```
    ///
    /// # Panics
    /// If `x` is not one row of `input` columns.
    #[track_caller]
    pub fn trace(&self, x: &DMatrix<T>) -> Trace<T> {
        assert_eq!(x.nrows(), 1, "trace: x has {} rows; expected 1", x.nrows());
        let z1 = self.hidden(x);
        let hidden = z1.row(0).transpose();
        let scores = (self.params.w2.tr_mul(&hidden)) + &self.params.b2;
        let probabilities = softmax(&scores);
        let predicted = argmax(scores.iter().copied());
        let contributions = hidden.component_mul(&self.params.w2.column(predicted));
        Trace {
            hidden,
            scores,
            probabilities,
            predicted,
            contributions,
        }
    }
}
