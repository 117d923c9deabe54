//! A run steered while it goes (the page's pause, pace and learning-rate
//! controls): asking the observer between steps changes nothing by itself,
//! and a new learning rate is the same as stepping by hand with it.

mod common;

use common::{bright_and_dark, small_run};
use twolayer::fast::Trainer;
use twolayer::{Dataset, NextSteps, TrainError, TrainObserver};

/// Lets `count` steps run at a time; from iteration `change.0` on, the
/// learning rate `change.1`. Records the iterations it was asked at.
struct Steer {
    count: usize,
    change: (usize, f64),
    asked: Vec<usize>,
}

impl TrainObserver for Steer {
    fn next_steps(&mut self, iteration: usize) -> NextSteps {
        self.asked.push(iteration);
        NextSteps {
            count: self
                .count
                .min(self.change.0.saturating_sub(iteration).max(1)),
            learning_rate: (iteration == self.change.0).then_some(self.change.1),
        }
    }
}

#[test]
fn a_learning_rate_changed_mid_run_is_the_same_as_stepping_by_hand() {
    let (inputs, labels) = bright_and_dark();
    let data = Dataset::new(&inputs, &labels, 4, 2).unwrap();
    let config = small_run();
    let mut steer = Steer {
        count: 3,
        change: (50, 0.25),
        asked: Vec::new(),
    };
    let report = Trainer::new(&data, &data, &config)
        .unwrap()
        .run(&mut steer)
        .unwrap();
    assert_eq!(report.losses.len(), 100);
    // Asked every 3 steps, sooner at each evaluation (every 4th step) and at 50.
    assert_eq!(&steer.asked[..6], &[0, 1, 4, 5, 8, 9]);
    assert!(steer.asked.contains(&50), "{:?}", steer.asked);
    // Every epoch is still measured once, after the step of its first iteration.
    let measured: Vec<usize> = report.epochs.iter().map(|e| e.iteration).collect();
    assert_eq!(measured, (0..100).step_by(4).collect::<Vec<_>>());

    let mut by_hand = Trainer::new(&data, &data, &config).unwrap();
    let mut losses = by_hand.steps(50);
    by_hand.set_learning_rate(0.25).unwrap();
    losses.extend(by_hand.steps(50));
    assert_eq!(report.losses, losses, "bit-identical");
    assert_eq!(report.net.params.w1, by_hand.net().params.w1);
    assert_eq!(by_hand.config().learning_rate, 0.25);
}

#[test]
fn a_learning_rate_that_is_not_finite_in_f32_is_refused() {
    let (inputs, labels) = bright_and_dark();
    let data = Dataset::new(&inputs, &labels, 4, 2).unwrap();
    let mut trainer = Trainer::new(&data, &data, &small_run()).unwrap();
    for bad in [0.0, -1.0, f64::NAN, 1e300] {
        assert!(
            matches!(
                trainer.set_learning_rate(bad),
                Err(TrainError::InvalidConfig(_))
            ),
            "{bad}"
        );
    }
    assert_eq!(trainer.config().learning_rate, 1.0, "unchanged");
}
