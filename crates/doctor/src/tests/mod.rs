//! Each finding provoked by a constructed stream of metrics (`loss`: the
//! loss stream; `epoch`: the evaluations), and the streams that must give
//! none.

mod epoch;
mod loss;

use twolayer::{EpochStats, HiddenUse, Probe, TrainConfig};

use crate::{Doctor, summary};

/// MNIST's test set: 1,135 of its 10,000 images are 1s.
pub(super) const MNIST_TEST_SHARES: [f64; 10] = [
    0.098, 0.1135, 0.1032, 0.101, 0.0982, 0.0892, 0.0958, 0.1028, 0.0974, 0.1009,
];

pub(super) fn doctor(config: &TrainConfig) -> Doctor {
    Doctor::new(config, 600, MNIST_TEST_SHARES.to_vec())
}

pub(super) fn epoch(
    epoch: usize,
    train_acc: f64,
    test_acc: f64,
    probe: Option<Probe>,
) -> EpochStats {
    EpochStats {
        epoch,
        iteration: epoch * 600,
        train_acc,
        test_acc,
        probe,
    }
}

pub(super) fn probe(hidden: HiddenUse, top_class: usize, top_share: f64) -> Option<Probe> {
    Some(Probe {
        hidden,
        top_class,
        top_share,
    })
}

/// A healthy loss: from 2.3 down towards 0.3, with noise.
fn healthy_loss(iteration: usize) -> f64 {
    let noise = 0.05 * ((iteration * 7919) % 13) as f64 / 13.0;
    0.3 + 2.0 * (-(iteration as f64) / 500.0).exp() + noise
}

#[test]
fn a_healthy_run_gives_no_finding() {
    let mut doctor = doctor(&TrainConfig::default());
    for iteration in 0..10_000 {
        assert!(doctor.loss(iteration, healthy_loss(iteration)).is_empty());
        if iteration % 600 == 0 {
            let e = iteration / 600;
            let acc = 0.95 - 0.8 * (-(e as f64)).exp();
            let stats = epoch(
                e,
                acc + 0.003,
                acc,
                probe(HiddenUse::Saturated(0.3), 1, 0.12),
            );
            assert!(doctor.epoch(&stats).is_empty(), "{stats:?}");
        }
    }
    assert!(doctor.findings().is_empty());
    assert_eq!(summary(doctor.findings()), "");
}

#[test]
fn the_summary_lists_each_finding_with_its_command() {
    let config = TrainConfig {
        learning_rate: 100.0,
        ..TrainConfig::default()
    };
    let mut doctor = doctor(&config);
    for e in 0..2 {
        doctor.epoch(&epoch(
            e,
            0.1124,
            0.1135,
            probe(HiddenUse::Saturated(0.9), 1, 1.0),
        ));
    }
    let text = summary(doctor.findings());
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5, "{text}");
    assert_eq!(lines[0], "2 findings:");
    assert!(
        lines[1].starts_with("- saturated sigmoids at iteration 0: "),
        "{text}"
    );
    assert_eq!(lines[2], "  cargo xtask train --lr 0.1");
    assert!(
        lines[3].starts_with("- stuck accuracy at iteration 600: "),
        "{text}"
    );
}

#[test]
fn findings_serialize_with_their_suggestion_as_data() -> Result<(), serde_json::Error> {
    let mut doctor = doctor(&TrainConfig::default());
    doctor.loss(0, f64::NAN);
    let json = serde_json::to_value(doctor.findings())?;
    assert_eq!(json[0]["symptom"], "not_finite");
    assert_eq!(json[0]["iteration"], 0);
    assert_eq!(json[0]["suggestion"]["flag"], "lr");
    assert_eq!(json[0]["suggestion"]["value"], "0.01");
    Ok(())
}

#[test]
fn numbers_are_spelled_short_and_parse_back() {
    for (x, text) in [
        (0.1, "0.1"),
        (1e-5, "1e-5"),
        (100.0, "100"),
        (1e38, "1e38"),
        (1e-5 / 10.0, "1e-6"),
        (0.01, "0.01"),
    ] {
        let spelled = crate::command::number(x);
        assert_eq!(spelled, text);
        let back: f64 = spelled.parse().expect("the flags parse it");
        assert!((back - x).abs() <= 1e-6 * x, "{x}: {back}");
    }
}
