//! `config.json`: the knobs of a training run and the data that produced
//! it. Deterministic: no timings, no dates.

use std::path::Path;

use serde::Serialize;
use twolayer::TrainConfig;

use crate::Error;

/// The contents of `config.json`.
#[derive(Debug, Serialize)]
pub struct RunConfig<'a> {
    /// Version of the workspace that wrote the run.
    pub crate_version: &'static str,
    /// Hidden layer width.
    pub hidden: usize,
    /// `sigmoid` or `relu`.
    pub activation: String,
    /// Standard deviation of the initial weights.
    pub weight_init_std: f64,
    /// SGD step size.
    pub learning_rate: f64,
    /// Samples per mini-batch.
    pub batch_size: usize,
    /// SGD steps.
    pub iters: usize,
    /// Seed of the weight initialization and the batch sampling.
    pub seed: u64,
    /// `replacement` or `epoch`.
    pub sampling: String,
    /// `backprop` or `numerical`.
    pub gradient: String,
    /// Iterations between two accuracy evaluations.
    pub iters_per_epoch: usize,
    /// Float type of the training math.
    pub dtype: &'static str,
    /// Where the MNIST files were read.
    pub data_dir: &'a Path,
    /// Training samples.
    pub train_size: usize,
    /// Test samples.
    pub test_size: usize,
    /// The learning rate changed while the run went (from the page), each
    /// change from its iteration on; absent when it never changed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lr_schedule: Vec<LrChange>,
}

/// A change of the learning rate during a run: `lr` from step `iteration` on.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LrChange {
    /// The first iteration stepped with `lr`.
    pub iteration: usize,
    /// The learning rate.
    pub lr: f64,
}

impl<'a> RunConfig<'a> {
    /// Describes a run of `config` on data read from `data_dir`.
    pub fn new(
        config: &TrainConfig,
        data_dir: &'a Path,
        train_size: usize,
        test_size: usize,
    ) -> Self {
        Self {
            crate_version: env!("CARGO_PKG_VERSION"),
            hidden: config.hidden,
            activation: config.activation.to_string(),
            weight_init_std: config.weight_init_std,
            learning_rate: config.learning_rate,
            batch_size: config.batch_size,
            iters: config.iters,
            seed: config.seed,
            sampling: config.sampling.to_string(),
            gradient: config.gradient.to_string(),
            iters_per_epoch: config.iters_per_epoch(train_size),
            dtype: "f32",
            data_dir,
            train_size,
            test_size,
            lr_schedule: Vec::new(),
        }
    }

    /// Pretty-printed JSON with a final newline.
    ///
    /// # Errors
    /// [`Error::Json`] (not expected: every field serializes).
    pub fn to_json(&self) -> Result<String, Error> {
        Ok(serde_json::to_string_pretty(self)? + "\n")
    }
}
