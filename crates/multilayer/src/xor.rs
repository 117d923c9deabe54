//! XOR, the problem a single layer cannot solve: its four points, training
//! by full-batch gradient descent, and why a run did or did not solve it.
//!
//! ```text
//! x1 x2 | t
//!  0  0 | 0
//!  0  1 | 1
//!  1  0 | 1
//!  1  1 | 0
//! ```
//!
//! No line separates the 1s from the 0s. With no hidden layer the difference
//! of the two scores, `d(x) = a x + c`, is affine, so
//! `d(0,0) + d(1,1) = d(0,1) + d(1,0)`: the two 1s cannot both be above 0
//! while the two 0s are at or below it, and at most 3 of 4 points come out
//! right. A hidden layer bends the boundary.

use losses::Targets;
use nalgebra::DMatrix;
use tensor_ops::Real;

use crate::MultiLayerNet;

/// The classes of the four points of [`inputs`], in order.
pub const LABELS: [usize; 4] = [0, 1, 1, 0];

/// The four points as a batch, `(4, 2)`: `(0,0), (0,1), (1,0), (1,1)`.
pub fn inputs<T: Real>() -> DMatrix<T> {
    DMatrix::from_row_iterator(4, 2, [0.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0].map(T::cast))
}

/// `iters` steps of gradient descent on all four points at once,
/// `p <- p - learning_rate * dL/dp` by backprop. Returns the loss before
/// each step.
///
/// # Panics
/// If the network does not take 2 inputs and give 2 classes.
pub fn train<T: Real>(net: &mut MultiLayerNet<T>, learning_rate: T, iters: usize) -> Vec<T> {
    let x = inputs::<T>();
    (0..iters)
        .map(|_| net.sgd_step_loss_before(&x, Targets::Labels(&LABELS), learning_rate))
        .collect()
}

/// How many of the four points the network classifies right.
///
/// # Panics
/// If the network does not take 2 inputs and give 2 classes.
pub fn correct<T: Real>(net: &MultiLayerNet<T>) -> usize {
    let accuracy = net.accuracy(&inputs::<T>(), Targets::Labels(&LABELS));
    (accuracy * 4.0).round() as usize
}

/// What a training run came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// All four points right.
    Solved,
    /// Not all right, and the loss had stopped falling: gradient descent
    /// settled in a local minimum or on a plateau (for a single layer, the
    /// only place it can go).
    Stuck,
    /// Not all right, but the loss was still falling: more steps may solve it.
    StillLearning,
}

/// A loss that fell by less than this over the last tenth of the steps has
/// stopped falling.
pub const STUCK_BELOW: f64 = 1e-3;

impl Outcome {
    /// The outcome of a run that gave `correct` points right after these
    /// `losses` (fewer than 10 losses: [`Outcome::StillLearning`] unless solved).
    pub fn of<T: Real>(correct: usize, losses: &[T]) -> Self {
        if correct == 4 {
            return Outcome::Solved;
        }
        let tenth = losses.len() / 10;
        if tenth == 0 {
            return Outcome::StillLearning;
        }
        let last = losses.len() - 1;
        let fell = losses[last - tenth].to_f64() - losses[last].to_f64();
        if fell < STUCK_BELOW {
            Outcome::Stuck
        } else {
            Outcome::StillLearning
        }
    }
}
