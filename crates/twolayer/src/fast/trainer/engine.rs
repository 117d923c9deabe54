//! How a [`Trainer`](super::Trainer) computes its steps: the sparse path for
//! inputs up to 65,536 features, dense matrices for wider ones.

use losses::Targets;
use nalgebra::DMatrix;

use crate::fast::{FastNet, FastNumericalGradient, Isa, SparseInputs, Stepper};
use crate::{Dataset, GradientMethod, TwoLayerNet};

/// How steps and evaluations are computed.
pub(super) enum Engine {
    Fast(Box<FastEngine>),
    Dense(Box<DenseEngine>),
}

/// The sparse path: the network in the fast layout, cut for the steps'
/// items, and the non-zero inputs of both data sets.
pub(super) struct FastEngine {
    pub(super) isa: Isa,
    pub(super) stepper: Stepper,
    pub(super) train_rows: SparseInputs,
    pub(super) test_rows: SparseInputs,
    /// With [`GradientMethod::Numerical`]: its gradient and the dense batch it reads.
    pub(super) numerical: Option<(FastNumericalGradient, DenseBatch)>,
}

/// The dense path, for inputs too wide for the sparse one: [`TwoLayerNet`]
/// on dense batches, with the fast numerical gradient.
pub(super) struct DenseEngine {
    pub(super) net: TwoLayerNet<f32>,
    pub(super) gradient: GradientMethod,
    pub(super) numerical: FastNumericalGradient,
    pub(super) batch: DenseBatch,
}

/// A batch as `x: (N, features)` in `[0, 1]` and its labels.
pub(super) struct DenseBatch {
    pub(super) x: DMatrix<f32>,
    pub(super) t: Vec<usize>,
}

impl DenseBatch {
    pub(super) fn new() -> Self {
        Self {
            x: DMatrix::zeros(0, 0),
            t: Vec::new(),
        }
    }
}

impl FastEngine {
    /// The current parameters in the fast layout.
    pub(super) fn net(&self) -> FastNet {
        self.stepper.net()
    }

    /// One step on `batch`: the sparse step, or the fast numerical gradient
    /// and the update, then the loss after it.
    pub(super) fn step(&mut self, train: &Dataset<'_>, batch: &[usize], learning_rate: f32) -> f32 {
        let (rows, labels) = (&self.train_rows, train.labels());
        let Some((numerical, dense)) = &mut self.numerical else {
            return self.stepper.step(rows, labels, batch, learning_rate);
        };
        let mut net = self.stepper.net();
        train.batch_into(batch, &mut dense.x, &mut dense.t);
        let grad = numerical.gradient(&net.to_net(), &dense.x, Targets::Labels(&dense.t));
        net.sgd_update(&grad, learning_rate);
        self.stepper.load(&net);
        self.stepper.loss(rows, labels, batch)
    }
}

impl DenseEngine {
    /// One step on `batch` with dense matrices, then the loss after it.
    pub(super) fn step(&mut self, train: &Dataset<'_>, batch: &[usize], learning_rate: f32) -> f32 {
        let DenseBatch { x, t } = &mut self.batch;
        train.batch_into(batch, x, t);
        let t = Targets::Labels(t);
        let grad = match self.gradient {
            GradientMethod::Backprop => self.net.gradient(x, t),
            GradientMethod::Numerical => self.numerical.gradient(&self.net, x, t),
        };
        self.net.params.sgd_update(&grad, learning_rate);
        self.net.loss(x, t)
    }
}
