//! [`Doctor`]: fed a run's metrics as they arrive, it returns what it finds.

use twolayer::{Dataset, EpochStats, HiddenUse, TrainConfig, TrainError, TrainReport};

use crate::advice::finding;
use crate::{
    FLAT_BAND, FLAT_ITERS, Finding, HIDDEN_SHARE, OVERFIT_AFTER_EPOCH, OVERFIT_GAP, RISE, RISES,
    STUCK_BAND, STUCK_PREDICTED, Symptom,
};

/// Watches one run: fed each loss ([`loss`](Self::loss)), each epoch's
/// evaluation ([`epoch`](Self::epoch)) and how the run ended
/// ([`outcome`](Self::outcome)), it returns each [`Finding`] when first
/// seen (each symptom at most once) and keeps them all
/// ([`findings`](Self::findings)). `runs::Recorder` feeds it as a run
/// trains.
///
/// ```
/// use twolayer::TrainConfig;
///
/// let config = TrainConfig { learning_rate: 1e-5, ..TrainConfig::default() };
/// let mut doctor = doctor::Doctor::new(&config, 600, vec![0.1; 10]);
/// for iteration in 0..600 {
///     doctor.loss(iteration, 2.3026 - 0.001 * (iteration % 3) as f64);
/// }
/// let [flat] = doctor.findings() else { panic!("{:?}", doctor.findings()) };
/// assert_eq!((flat.symptom, flat.iteration), (doctor::Symptom::FlatLoss, 599));
/// assert_eq!(flat.suggestion.command, "cargo xtask train --lr 0.1");
/// ```
#[derive(Debug, Clone)]
pub struct Doctor {
    config: TrainConfig,
    iters_per_epoch: usize,
    /// Each class's share of the test set.
    class_shares: Vec<f64>,
    findings: Vec<Finding>,
    /// Whether every loss so far was within [`FLAT_BAND`] of `ln(classes)`.
    flat: bool,
    last_finite: Option<(usize, f64)>,
    /// The losses of the current epoch: their sum and count.
    epoch_sum: f64,
    epoch_count: usize,
    previous_mean: Option<f64>,
    rises: usize,
    /// The best test accuracy so far and the iteration it was measured at.
    best: Option<(f64, usize)>,
    /// The last check, if it looked stuck: its iteration and test accuracy.
    stuck: Option<(usize, f64)>,
}

impl Doctor {
    /// A doctor for a run of `config` evaluated every `iters_per_epoch`
    /// iterations on a test set whose classes have these shares.
    pub fn new(config: &TrainConfig, iters_per_epoch: usize, class_shares: Vec<f64>) -> Self {
        Self {
            config: config.clone(),
            iters_per_epoch: iters_per_epoch.max(1),
            class_shares,
            findings: Vec::new(),
            flat: true,
            last_finite: None,
            epoch_sum: 0.0,
            epoch_count: 0,
            previous_mean: None,
            rises: 0,
            best: None,
            stuck: None,
        }
    }

    /// A doctor for a run of `config` on `train`, tested on `test`.
    pub fn for_run(config: &TrainConfig, train: &Dataset<'_>, test: &Dataset<'_>) -> Self {
        let mut counts = vec![0_usize; test.classes()];
        for &label in test.labels() {
            if let Some(count) = counts.get_mut(usize::from(label)) {
                *count += 1;
            }
        }
        let len = test.len().max(1) as f64;
        let shares = counts.iter().map(|&count| count as f64 / len).collect();
        Self::new(config, config.iters_per_epoch(train.len()), shares)
    }

    /// Every finding so far, in the order seen.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// Reads the loss of `iteration` (iterations are fed in order from 0);
    /// returns the findings it completes: a loss that is not finite, a loss
    /// flat over the first [`FLAT_ITERS`] iterations, or the [`RISES`]-th
    /// epoch whose mean loss rose by more than [`RISE`].
    pub fn loss(&mut self, iteration: usize, loss: f64) -> &[Finding] {
        let before = self.findings.len();
        if !loss.is_finite() {
            let seen = match self.last_finite {
                Some((i, last)) => format!(
                    "the loss became {loss} at iteration {iteration}; the last finite one was {last:.4} at iteration {i}"
                ),
                None => format!("the loss became {loss} at iteration {iteration}, the first"),
            };
            self.find(Symptom::NotFinite, iteration, seen);
            return &self.findings[before..];
        }
        self.last_finite = Some((iteration, loss));
        if iteration > 0 && iteration.is_multiple_of(self.iters_per_epoch) {
            self.end_epoch(iteration - 1);
        }
        self.epoch_sum += loss;
        self.epoch_count += 1;
        if iteration < FLAT_ITERS {
            let uniform = (self.class_shares.len().max(1) as f64).ln();
            self.flat &= (loss - uniform).abs() <= FLAT_BAND;
            if self.flat && iteration == FLAT_ITERS - 1 {
                let seen = format!(
                    "the loss stayed within {FLAT_BAND} of ln({}) = {uniform:.4} (a uniform guess) for the first {FLAT_ITERS} iterations; the last was {loss:.4}",
                    self.class_shares.len()
                );
                self.find(Symptom::FlatLoss, iteration, seen);
            }
        }
        &self.findings[before..]
    }

    /// Closes the epoch whose last iteration is `last`, finding a rising
    /// loss if its mean is the [`RISES`]-th to rise.
    fn end_epoch(&mut self, last: usize) {
        let mean = self.epoch_sum / self.epoch_count.max(1) as f64;
        let full = self.epoch_count == self.iters_per_epoch;
        (self.epoch_sum, self.epoch_count) = (0.0, 0);
        let Some(previous) = self.previous_mean.replace(mean).filter(|_| full) else {
            return;
        };
        if mean > previous * (1.0 + RISE) {
            self.rises += 1;
            if self.rises == RISES {
                let seen = format!(
                    "the mean loss of an epoch rose by more than {:.0}% over the previous epoch's {RISES} times, the last from {previous:.4} to {mean:.4}",
                    RISE * 100.0
                );
                self.find(Symptom::RisingLoss, last, seen);
            }
        }
    }

    /// Reads an epoch's evaluation; returns the findings it makes: an
    /// accuracy stuck at two checks in a row, saturated sigmoids or dead ReLU units (from its
    /// [`Probe`](twolayer::Probe); none without one), overfitting.
    pub fn epoch(&mut self, stats: &EpochStats) -> &[Finding] {
        let before = self.findings.len();
        let (iteration, test_acc) = (stats.iteration, stats.test_acc);
        if self.best.is_none_or(|(best, _)| test_acc > best) {
            self.best = Some((test_acc, iteration));
        }
        if let Some(probe) = stats.probe {
            let (class, predicted) = (probe.top_class, probe.top_share);
            let share = self.class_shares.get(class).copied().unwrap_or(f64::NAN);
            let stuck = predicted >= STUCK_PREDICTED && (test_acc - share).abs() <= STUCK_BAND;
            if let Some((at, previous)) = self.stuck.filter(|_| stuck) {
                let seen = format!(
                    "test accuracy {previous:.4} at iteration {at}, then {test_acc:.4}: the share of class {class} in the test set ({share:.4}); the network predicts {class} for {:.1}% of the test images",
                    predicted * 100.0
                );
                self.find(Symptom::StuckAccuracy, iteration, seen);
            }
            self.stuck = stuck.then_some((iteration, test_acc));
            match probe.hidden {
                HiddenUse::Saturated(share) if share > HIDDEN_SHARE => {
                    let seen = format!(
                        "{:.1}% of the sigmoid outputs are below 0.01 or above 0.99 (on the first 1,000 test images)",
                        share * 100.0
                    );
                    self.find(Symptom::Saturated, iteration, seen);
                }
                HiddenUse::NeverActive(share) if share > HIDDEN_SHARE => {
                    let seen = format!(
                        "{:.1}% of the ReLU units output 0 for every one of the first 1,000 test images",
                        share * 100.0
                    );
                    self.find(Symptom::DeadUnits, iteration, seen);
                }
                _ => {}
            }
        }
        let gap = stats.train_acc - test_acc;
        if stats.epoch > OVERFIT_AFTER_EPOCH && gap > OVERFIT_GAP {
            let seen = format!(
                "at epoch {} the train accuracy {:.4} is above the test accuracy {test_acc:.4} by {gap:.4}",
                stats.epoch, stats.train_acc
            );
            self.find(Symptom::Overfitting, iteration, seen);
        }
        &self.findings[before..]
    }

    /// Reads how the run ended: a [`TrainError::NonFiniteLoss`] is the
    /// finding of a loss that is not finite (the trainer stops before
    /// reporting that loss as an iteration).
    pub fn outcome(&mut self, outcome: &Result<TrainReport, TrainError>) -> &[Finding] {
        match outcome {
            Err(TrainError::NonFiniteLoss {
                iteration, loss, ..
            }) => self.loss(*iteration, *loss),
            _ => &[],
        }
    }

    /// Records a finding of `symptom` unless one was already made.
    fn find(&mut self, symptom: Symptom, iteration: usize, seen: String) {
        if self.findings.iter().all(|f| f.symptom != symptom) {
            let best = self.best.map_or(iteration, |(_, at)| at);
            let found = finding(&self.config, symptom, iteration, seen, best);
            self.findings.push(found);
        }
    }
}
