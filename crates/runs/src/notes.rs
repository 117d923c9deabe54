//! What a run's choices cost and mean, in words for the command line and
//! the page: what the book's numerical-gradient loop would cost against
//! what this run's will ([`NumericalCost`]), and what sampling with
//! replacement leaves unseen ([`sampling_note`]).

use std::fmt;
use std::time::{Duration, Instant};

use losses::Targets;
use rand::SeedableRng;
use rand::rngs::ChaCha12Rng;
use twolayer::train::unseen_share;
use twolayer::{Dataset, Sampling, TrainConfig};

/// The cost of `--gradient numerical`, measured here on the run's first
/// batch with its initial network, before the run starts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NumericalCost {
    /// The network's parameters, `P = (input + 1) * hidden + (hidden + 1) * output`.
    pub params: usize,
    /// One loss evaluation on the batch (a forward pass), as the book's loop does it.
    pub loss_evaluation: Duration,
    /// One gradient the way this run computes it
    /// ([`numerical_step_time`](twolayer::fast::numerical_step_time)).
    pub fast_gradient: Duration,
    /// The run's iterations.
    pub iters: usize,
}

impl NumericalCost {
    /// Times one loss evaluation and one fast numerical gradient of the
    /// network `config` starts from, on the first `batch_size` samples of `train`.
    ///
    /// # Panics
    /// If `config.batch_size` is above `train.len()` (`TrainConfig::validate` refuses it).
    pub fn measure(config: &TrainConfig, train: &Dataset<'_>) -> Self {
        let net = config.initial_net(train, &mut ChaCha12Rng::seed_from_u64(config.seed));
        let indices: Vec<usize> = (0..config.batch_size).collect();
        let (x, t) = train.batch::<f32>(&indices);
        // The fastest of three: the first may pay for allocations.
        let loss_evaluation = (0..3)
            .map(|_| {
                let started = Instant::now();
                let _ = net.loss(&x, Targets::Labels(&t));
                started.elapsed()
            })
            .min()
            .unwrap_or_default();
        let (input, hidden, output) = net.dims();
        Self {
            params: (input + 1) * hidden + (hidden + 1) * output,
            loss_evaluation,
            fast_gradient: twolayer::fast::numerical_step_time(config, train),
            iters: config.iters,
        }
    }

    /// Loss evaluations per step of the book's `numerical_gradient`: two
    /// per parameter, `f(x + h)` and `f(x - h)`.
    pub fn loss_evaluations(&self) -> usize {
        2 * self.params
    }

    /// A step of the book's loop: [`loss_evaluations`](Self::loss_evaluations) x one evaluation.
    pub fn book_step(&self) -> Duration {
        self.loss_evaluation
            .saturating_mul(u32::try_from(self.loss_evaluations()).unwrap_or(u32::MAX))
    }
}

impl fmt::Display for NumericalCost {
    /// Two lines: the book's loop, then this run.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let iters = u32::try_from(self.iters).unwrap_or(u32::MAX);
        writeln!(
            f,
            "note: --gradient numerical: the book's loop (numerical_gradient, section 4.4.1) moves \
             each of the {} parameters by h both ways: {} loss evaluations per step; one took {} \
             here, so a step would take about {} and {} iterations about {}",
            self.params,
            self.loss_evaluations(),
            millis(self.loss_evaluation),
            human_duration(self.book_step()),
            self.iters,
            human_duration(self.book_step().saturating_mul(iters)),
        )?;
        write!(
            f,
            "this run computes the same central differences exactly, without re-running the \
             network: one gradient took {}, so {} iterations will take about {} plus evaluations",
            millis(self.fast_gradient),
            self.iters,
            human_duration(self.fast_gradient.saturating_mul(iters)),
        )
    }
}

/// The end-of-run note on sampling with replacement (the book's
/// `np.random.choice`), `None` for shuffled epochs: the share of the
/// `train_len` training images one epoch of draws leaves unseen,
/// `(1 - 1/N)^N` (about `1/e`, [`unseen_share`]), and how many the run's
/// `iters x batch_size` draws never drew (`never_drawn`, counted by the
/// trainer: `TrainReport::never_drawn`) against the expected number.
pub fn sampling_note(config: &TrainConfig, train_len: usize, never_drawn: usize) -> Option<String> {
    if config.sampling != Sampling::Replacement || train_len == 0 {
        return None;
    }
    let epoch = unseen_share(train_len, train_len as u64);
    let draws = (config.iters as u64).saturating_mul(config.batch_size as u64);
    let expected = unseen_share(train_len, draws) * train_len as f64;
    Some(format!(
        "sampling with replacement (the book's np.random.choice): one epoch of draws leaves \
         {epoch:.3} of the training images unseen ((1 - 1/{train_len})^{train_len}, about 1/e); \
         this run's {draws} draws never drew {never_drawn} of the {train_len} (expected {expected:.0})"
    ))
}

/// `12.3 ms`.
fn millis(duration: Duration) -> String {
    format!("{:.1} ms", duration.as_secs_f64() * 1e3)
}

/// A duration in the largest fitting unit: `12.3 ms`, `90 s`, `10 min`, `3.2 h`, `4.5 days`.
fn human_duration(duration: Duration) -> String {
    let s = duration.as_secs_f64();
    match s {
        s if s < 1.0 => millis(duration),
        s if s < 120.0 => format!("{s:.0} s"),
        s if s < 7200.0 => format!("{:.0} min", s / 60.0),
        s if s < 172_800.0 => format!("{:.1} h", s / 3600.0),
        s => format!("{:.1} days", s / 86_400.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_books_loop_costs_two_loss_evaluations_per_parameter() {
        let cost = NumericalCost {
            params: 39_760,
            loss_evaluation: Duration::from_micros(500),
            fast_gradient: Duration::from_millis(5),
            iters: 10_000,
        };
        assert_eq!(cost.loss_evaluations(), 79_520);
        assert_eq!(cost.book_step(), Duration::from_millis(39_760));
        let text = cost.to_string();
        assert!(text.contains("39760 parameters by h both ways: 79520 loss evaluations per step; one took 0.5 ms here, so a step would take about 40 s and 10000 iterations about 4.6 days"), "{text}");
        assert!(
            text.contains("one gradient took 5.0 ms, so 10000 iterations will take about 50 s"),
            "{text}"
        );
    }

    #[test]
    fn the_sampling_note_says_one_in_e_and_the_count() {
        let config = TrainConfig::default();
        let note = sampling_note(&config, 60_000, 12).expect("the book's sampling");
        assert!(
            note.contains("leaves 0.368 of the training images unseen ((1 - 1/60000)^60000"),
            "{note}"
        );
        assert!(
            note.contains("this run's 1000000 draws never drew 12 of the 60000 (expected 0)"),
            "{note}"
        );
        let epochs = TrainConfig {
            sampling: Sampling::Epoch,
            ..config
        };
        assert_eq!(sampling_note(&epochs, 60_000, 0), None);
    }

    #[test]
    fn durations_read_well() {
        assert_eq!(human_duration(Duration::from_millis(142)), "142.0 ms");
        assert_eq!(human_duration(Duration::from_secs(90)), "90 s");
        assert_eq!(human_duration(Duration::from_secs(600)), "10 min");
        assert_eq!(human_duration(Duration::from_secs(36_000)), "10.0 h");
        assert_eq!(human_duration(Duration::from_secs(864_000)), "10.0 days");
        assert_eq!(millis(Duration::from_micros(12_345)), "12.3 ms");
    }
}
