//! The README's "Beyond two layers: XOR" study (`cargo xtask xor`,
//! `docs/xor.svg`): a single layer (softmax regression) and a net with one
//! small hidden layer learn XOR by gradient descent on its four points; the
//! first cannot, the second can. Here are the trained nets with their
//! outputs, losses and decision surfaces, why a run did not solve it, and
//! how many of ten seeds each layout solves.

mod surface;

use std::fmt;
use std::ops::ControlFlow;
use std::ops::Range;

use multilayer::xor::{self, Outcome};
use multilayer::{MultiLayerNet, NetError, WeightInit};
use nalgebra::DMatrix;
use rand::SeedableRng;
use rand::rngs::ChaCha12Rng;
use twolayer::Activation;

pub use surface::{DecisionSurface, FLAT};

/// Seeds in the summary: the first seed and the nine after it.
pub const SEEDS: u64 = 10;
/// Hidden sizes of the summary, besides the one asked for.
pub const SUMMARY_HIDDEN: [usize; 3] = [2, 3, 4];
/// A probability this close to 1/2 is undecided.
pub const UNDECIDED: f64 = 0.1;
/// The square of the decision surfaces, `[-0.5, 1.5]^2`: the four points
/// with room around them.
pub const SURFACE_RANGE: (f64, f64) = (-0.5, 1.5);
/// Cells per side of the decision surfaces.
pub const SURFACE_CELLS: usize = 40;

/// The hidden units of `cargo xtask xor`'s hidden-layer net unless told
/// otherwise (three are enough to separate XOR's four points).
pub const DEFAULT_HIDDEN: usize = 3;

/// How a net is trained on XOR; the default is the study's setting (sigmoid,
/// Xavier, learning rate 1, 5,000 full-batch steps).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct XorSettings {
    /// The hidden layers' activation.
    pub activation: Activation,
    /// The initial weights.
    pub init: WeightInit,
    /// The learning rate of gradient descent.
    pub learning_rate: f64,
    /// Steps of gradient descent on all four points.
    pub iters: usize,
}

impl Default for XorSettings {
    fn default() -> Self {
        Self {
            activation: Activation::Sigmoid,
            init: WeightInit::Xavier,
            learning_rate: 1.0,
            iters: 5000,
        }
    }
}

/// The four points `(x1, x2)` with their class `t`: `(0,0) 0, (0,1) 1,
/// (1,0) 1, (1,1) 0`.
pub fn points() -> [((f64, f64), usize); 4] {
    let x = xor::inputs::<f64>();
    std::array::from_fn(|n| ((x[(n, 0)], x[(n, 1)]), xor::LABELS[n]))
}

/// A net trained on XOR and what its training came to.
#[derive(Debug, Clone)]
pub struct XorFit {
    /// The hidden layer sizes (empty: the single layer).
    pub hidden: Vec<usize>,
    /// The network after training.
    pub net: MultiLayerNet<f64>,
    /// The loss before each step.
    pub losses: Vec<f64>,
    /// The loss after the last step.
    pub final_loss: f64,
    /// Points right, of 4.
    pub correct: usize,
    /// `P(t = 1)` of each of the four points: column 1 of `softmax(scores)`.
    pub probabilities: [f64; 4],
    /// The predicted class of each point, `argmax` of its scores.
    pub predicted: [usize; 4],
    /// `P(t = 1)` over [`SURFACE_RANGE`] on [`SURFACE_CELLS`] cells a side.
    pub surface: DecisionSurface,
}

/// Trains a net of `hidden` layer sizes from `seed` (ChaCha12) on the four
/// points: `settings.iters` steps of `p <- p - lr dL/dp` by backprop on the
/// whole batch ([`multilayer::xor::train`]).
///
/// # Examples
///
/// ```
/// use studies::xor::{XorSettings, fit};
/// use multilayer::WeightInit;
/// use twolayer::Activation;
///
/// let settings = XorSettings {
///     activation: Activation::Sigmoid,
///     init: WeightInit::Xavier,
///     learning_rate: 1.0,
///     iters: 5000,
/// };
/// assert_eq!(fit(&settings, &[3], 0).unwrap().correct, 4);
/// assert_eq!(fit(&settings, &[], 0).unwrap().correct, 1);
/// ```
///
/// # Errors
/// [`NetError`] if a hidden size is 0 or a fixed init std is invalid.
pub fn fit(settings: &XorSettings, hidden: &[usize], seed: u64) -> Result<XorFit, NetError> {
    fit_watched(settings, hidden, seed, settings.iters, |_| {
        ControlFlow::Continue(())
    })
}

/// Where a run of [`fit_watched`] is: what the page draws as it learns.
#[derive(Debug, Clone)]
pub struct XorFrame {
    /// Steps taken so far.
    pub step: usize,
    /// The losses before each step since the previous frame.
    pub losses: Vec<f64>,
    /// The loss now, on all four points.
    pub loss: f64,
    /// Points right, of 4.
    pub correct: usize,
    /// `P(t = 1)` of each of the four points.
    pub probabilities: [f64; 4],
    /// `P(t = 1)` over [`SURFACE_RANGE`] on [`SURFACE_CELLS`] cells a side.
    pub surface: DecisionSurface,
}

/// [`fit`], showing `observe` a [`XorFrame`] before the first step and
/// after every `every` steps (and the last): the same steps, so the same
/// net and losses as `fit`. `observe` returning `Break` stops the run
/// there (the returned fit is of the steps taken).
///
/// # Errors
/// As [`fit`].
pub fn fit_watched(
    settings: &XorSettings,
    hidden: &[usize],
    seed: u64,
    every: usize,
    mut observe: impl FnMut(XorFrame) -> ControlFlow<()>,
) -> Result<XorFit, NetError> {
    let mut rng = ChaCha12Rng::seed_from_u64(seed);
    let mut net = MultiLayerNet::new(2, hidden, 2, settings.activation, settings.init, &mut rng)?;
    let mut losses = Vec::with_capacity(settings.iters);
    let mut frame = |net: &MultiLayerNet<f64>, step: usize, new: &[f64]| {
        let (low, high) = SURFACE_RANGE;
        let (loss, probabilities) = loss_and_probabilities(net);
        observe(XorFrame {
            step,
            losses: new.to_vec(),
            loss,
            correct: xor::correct(net),
            probabilities,
            surface: DecisionSurface::of(net, low, high, SURFACE_CELLS),
        })
    };
    let mut go = frame(&net, 0, &[]);
    while go.is_continue() && losses.len() < settings.iters {
        let chunk = every.max(1).min(settings.iters - losses.len());
        let new = xor::train(&mut net, settings.learning_rate, chunk);
        losses.extend_from_slice(&new);
        go = frame(&net, losses.len(), &new);
    }
    Ok(XorFit::of(net, hidden, losses))
}

/// The mean cross-entropy on the four points and each point's `P(t = 1)`,
/// column 1 of `softmax(scores)`.
fn loss_and_probabilities(net: &MultiLayerNet<f64>) -> (f64, [f64; 4]) {
    let x = xor::inputs::<f64>();
    let y = tensor_ops::softmax_rows(&net.predict(&x));
    (
        net.loss(&x, losses::Targets::Labels(&xor::LABELS)),
        std::array::from_fn(|n| y[(n, 1)]),
    )
}

impl XorFit {
    /// The fit of a trained `net` after the steps of `losses`.
    fn of(net: MultiLayerNet<f64>, hidden: &[usize], losses: Vec<f64>) -> Self {
        let x = xor::inputs::<f64>();
        let (final_loss, probabilities) = loss_and_probabilities(&net);
        let argmax = tensor_ops::argmax_rows(&net.predict(&x));
        let (low, high) = SURFACE_RANGE;
        XorFit {
            hidden: hidden.to_vec(),
            final_loss,
            correct: xor::correct(&net),
            probabilities,
            predicted: std::array::from_fn(|n| argmax[n]),
            surface: DecisionSurface::of(&net, low, high, SURFACE_CELLS),
            net,
            losses,
        }
    }

    /// Solved, stuck or still learning ([`Outcome::of`]).
    pub fn outcome(&self) -> Outcome {
        Outcome::of(self.correct, &self.losses)
    }

    /// Why the run came to where it did.
    pub fn diagnosis(&self) -> Diagnosis {
        let undecided: Vec<(f64, f64)> = points()
            .iter()
            .zip(self.probabilities)
            .filter(|(_, p)| (p - 0.5).abs() < UNDECIDED)
            .map(|(&(x, _), _)| x)
            .collect();
        match (self.outcome(), undecided.len()) {
            (Outcome::Solved, _) => Diagnosis::Solved,
            (Outcome::Stuck, 4) => Diagnosis::Flat,
            (Outcome::Stuck, 0) => Diagnosis::LocalMinimum,
            (Outcome::Stuck, _) => Diagnosis::OneLine(undecided),
            (Outcome::StillLearning, _) => Diagnosis::StillLearning,
        }
    }

    /// Why no line separates XOR, on the single layer's own outputs: with
    /// `d = score(1) - score(0)`, affine in `x` without a hidden layer,
    /// `d(0,0) + d(1,1) = d(0,1) + d(1,0)`. Returns both sides.
    pub fn score_sums(&self) -> (f64, f64) {
        let scores: DMatrix<f64> = self.net.predict(&xor::inputs());
        let d: Vec<f64> = (0..4).map(|n| scores[(n, 1)] - scores[(n, 0)]).collect();
        (d[0] + d[3], d[1] + d[2])
    }
}

/// Why a run that did not solve XOR stopped where it did; its `Display` is
/// the sentence `cargo xtask xor` prints.
#[derive(Debug, Clone, PartialEq)]
pub enum Diagnosis {
    /// All four points right.
    Solved,
    /// Stuck with `P ~ 1/2` on all four points (loss ~ ln 2): the best a
    /// line can do.
    Flat,
    /// Stuck with no point undecided: a local minimum.
    LocalMinimum,
    /// Stuck with these points at `P ~ 1/2` and the others right: the hidden
    /// units drew one line instead of two.
    OneLine(Vec<(f64, f64)>),
    /// The loss was still falling.
    StillLearning,
}

impl fmt::Display for Diagnosis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Diagnosis::Solved => f.write_str("solved"),
            Diagnosis::Flat => f.write_str(
                "the loss stopped falling with P ~ 1/2 on all four points \
                 (loss ~ ln 2): the best a line can do; which class wins such a near-tie is \
                 rounding",
            ),
            Diagnosis::LocalMinimum => f.write_str("the loss stopped falling: a local minimum"),
            Diagnosis::OneLine(points) => {
                let points: Vec<String> =
                    points.iter().map(|(a, b)| format!("({a}, {b})")).collect();
                write!(
                    f,
                    "the loss stopped falling with {} at P ~ 1/2 and the other points right: a \
                     local minimum, where the hidden units drew one line instead of two",
                    points.join(" and ")
                )
            }
            Diagnosis::StillLearning => {
                f.write_str("the loss was still falling: more steps (--iters) may solve it")
            }
        }
    }
}

/// A run of the summary that did not solve XOR.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    /// Its seed.
    pub seed: u64,
    /// Points right, of 4.
    pub correct: usize,
    /// Its final loss.
    pub final_loss: f64,
}

/// How one layout fared over a range of seeds.
#[derive(Debug, Clone, PartialEq)]
pub struct SeedSummary {
    /// The hidden layer sizes (empty: the single layer).
    pub hidden: Vec<usize>,
    /// How many seeds solve it.
    pub solved: usize,
    /// The failed runs grouped by their diagnosis, in order of first seed.
    pub failures: Vec<(Diagnosis, Vec<Failure>)>,
}

/// The layouts of the summary: the single layer, then one hidden layer of
/// each of [`SUMMARY_HIDDEN`] units and of `hidden` if it is not among them.
pub fn summary_layouts(hidden: usize) -> Vec<Vec<usize>> {
    let mut sizes = SUMMARY_HIDDEN.to_vec();
    if !sizes.contains(&hidden) {
        sizes.push(hidden);
    }
    std::iter::once(Vec::new())
        .chain(sizes.into_iter().map(|h| vec![h]))
        .collect()
}

/// Trains the layout `hidden` from every seed of `seeds` and counts the
/// runs that solve XOR, grouping the others by [`Diagnosis`].
///
/// # Errors
/// As [`fit`].
pub fn seed_summary(
    settings: &XorSettings,
    hidden: &[usize],
    seeds: Range<u64>,
) -> Result<SeedSummary, NetError> {
    let mut summary = SeedSummary {
        hidden: hidden.to_vec(),
        solved: 0,
        failures: Vec::new(),
    };
    for seed in seeds {
        let fit = fit(settings, hidden, seed)?;
        if fit.correct == 4 {
            summary.solved += 1;
            continue;
        }
        let failure = Failure {
            seed,
            correct: fit.correct,
            final_loss: fit.final_loss,
        };
        let diagnosis = fit.diagnosis();
        match summary.failures.iter_mut().find(|(d, _)| *d == diagnosis) {
            Some((_, runs)) => runs.push(failure),
            None => summary.failures.push((diagnosis, vec![failure])),
        }
    }
    Ok(summary)
}

#[cfg(test)]
mod tests;
