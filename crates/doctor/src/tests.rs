//! Each finding provoked by a constructed stream of metrics, and the
//! streams that must give none.

use twolayer::{Activation, EpochStats, HiddenUse, Probe, TrainConfig};

use std::f64::consts::LN_10;

use crate::{Doctor, Symptom, summary};

/// MNIST's test set: 1,135 of its 10,000 images are 1s.
const MNIST_TEST_SHARES: [f64; 10] = [
    0.098, 0.1135, 0.1032, 0.101, 0.0982, 0.0892, 0.0958, 0.1028, 0.0974, 0.1009,
];

fn doctor(config: &TrainConfig) -> Doctor {
    Doctor::new(config, 600, MNIST_TEST_SHARES.to_vec())
}

fn epoch(epoch: usize, train_acc: f64, test_acc: f64, probe: Option<Probe>) -> EpochStats {
    EpochStats {
        epoch,
        iteration: epoch * 600,
        train_acc,
        test_acc,
        probe,
    }
}

fn probe(hidden: HiddenUse, top_class: usize, top_share: f64) -> Option<Probe> {
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
fn a_loss_flat_at_ln_10_for_600_iterations_is_found_at_iteration_599() {
    let config = TrainConfig {
        learning_rate: 1e-5,
        ..TrainConfig::default()
    };
    let mut doctor = doctor(&config);
    for iteration in 0..599 {
        assert!(doctor.loss(iteration, 2.30 + 0.019).is_empty());
    }
    let [flat] = doctor.loss(599, 2.29) else {
        panic!("a flat loss: {:?}", doctor.findings())
    };
    let flat = flat.clone();
    assert_eq!((flat.symptom, flat.iteration), (Symptom::FlatLoss, 599));
    assert!(flat.seen.contains("ln(10) = 2.3026"), "{}", flat.seen);
    assert_eq!(
        (flat.suggestion.flag, &*flat.suggestion.value),
        ("lr", "0.1")
    );
    // Seen once.
    for iteration in 600..1300 {
        assert!(doctor.loss(iteration, 2.30).is_empty());
    }
}

#[test]
fn one_loss_outside_the_band_is_not_a_flat_loss() {
    let mut doctor = doctor(&TrainConfig::default());
    for iteration in 0..700 {
        let loss = if iteration == 300 { 2.2 } else { LN_10 };
        assert!(doctor.loss(iteration, loss).is_empty());
    }
}

#[test]
fn a_flat_loss_at_the_books_learning_rate_suggests_the_books_initialisation() {
    let config = TrainConfig {
        weight_init_std: 0.0,
        ..TrainConfig::default()
    };
    let mut doctor = doctor(&config);
    for iteration in 0..600 {
        doctor.loss(iteration, LN_10);
    }
    let [flat] = doctor.findings() else {
        panic!("{:?}", doctor.findings())
    };
    assert_eq!(
        flat.suggestion.command,
        "cargo xtask train --weight-init-std 0.01"
    );
}

#[test]
fn a_nan_loss_names_the_iteration_and_the_last_finite_loss() {
    let config = TrainConfig {
        learning_rate: 1e38,
        activation: Activation::Relu,
        iters: 100,
        ..TrainConfig::default()
    };
    let mut doctor = doctor(&config);
    doctor.loss(0, 2.5);
    doctor.loss(1, 15.25);
    let [nan] = doctor.loss(2, f64::NAN) else {
        panic!("a NaN loss: {:?}", doctor.findings())
    };
    let nan = nan.clone();
    assert_eq!((nan.symptom, nan.iteration), (Symptom::NotFinite, 2));
    assert!(
        nan.seen.contains("NaN at iteration 2") && nan.seen.contains("15.2500 at iteration 1"),
        "{}",
        nan.seen
    );
    assert_eq!(
        nan.suggestion.command,
        "cargo xtask train --lr 0.1 --iters 100 --activation relu"
    );
    assert!(doctor.loss(3, f64::INFINITY).is_empty(), "seen once");
}

#[test]
fn an_epoch_loss_rising_by_more_than_a_tenth_twice_is_found() {
    let config = TrainConfig {
        learning_rate: 0.1,
        ..TrainConfig::default()
    };
    let mut doctor = doctor(&config);
    // Epoch means 1.0, 1.2 (a rise), 1.25 (none), 1.5 (the second).
    let means = [1.0, 1.2, 1.25, 1.5, 1.0];
    let mut found = Vec::new();
    for (e, mean) in means.iter().enumerate() {
        for i in 0..600 {
            let loss = mean + if i % 2 == 0 { 0.1 } else { -0.1 };
            found.extend(doctor.loss(e * 600 + i, loss).to_vec());
        }
    }
    let [rising] = &found[..] else {
        panic!("{found:?}")
    };
    assert_eq!(
        (rising.symptom, rising.iteration),
        (Symptom::RisingLoss, 2399)
    );
    assert!(rising.seen.contains("1.2500 to 1.5000"), "{}", rising.seen);
    assert_eq!(
        (rising.suggestion.flag, &*rising.suggestion.value),
        ("lr", "0.01")
    );
}

#[test]
fn an_accuracy_equal_to_the_share_of_the_class_always_predicted_is_stuck() {
    let config = TrainConfig {
        learning_rate: 100.0,
        iters: 1200,
        ..TrainConfig::default()
    };
    let mut doctor = doctor(&config);
    let called_1 = probe(HiddenUse::Saturated(0.2), 1, 1.0);
    assert!(doctor.epoch(&epoch(0, 0.1124, 0.1135, called_1)).is_empty());
    let [stuck] = doctor.epoch(&epoch(1, 0.1124, 0.1135, called_1)) else {
        panic!("{:?}", doctor.findings())
    };
    assert_eq!(
        (stuck.symptom, stuck.iteration),
        (Symptom::StuckAccuracy, 600)
    );
    assert!(
        stuck.seen.contains("class 1") && stuck.seen.contains("100.0%"),
        "{}",
        stuck.seen
    );
    assert_eq!(
        stuck.suggestion.command,
        "cargo xtask train --lr 0.1 --iters 1200"
    );
}

#[test]
fn one_check_calling_every_image_the_same_class_is_not_stuck() {
    // The default run: every image called 8 after the first step, then learning.
    let mut doctor = doctor(&TrainConfig::default());
    assert!(
        doctor
            .epoch(&epoch(
                0,
                0.0975,
                0.0974,
                probe(HiddenUse::Saturated(0.0), 8, 1.0)
            ))
            .is_empty()
    );
    assert!(
        doctor
            .epoch(&epoch(
                1,
                0.91,
                0.91,
                probe(HiddenUse::Saturated(0.0), 1, 0.12)
            ))
            .is_empty()
    );
    assert!(
        doctor
            .epoch(&epoch(
                2,
                0.0975,
                0.0974,
                probe(HiddenUse::Saturated(0.0), 8, 1.0)
            ))
            .is_empty()
    );
}

#[test]
fn a_stuck_accuracy_at_a_tiny_learning_rate_suggests_a_larger_one() {
    let config = TrainConfig {
        learning_rate: 1e-5,
        ..TrainConfig::default()
    };
    let mut doctor = doctor(&config);
    let called_3 = probe(HiddenUse::Saturated(0.0), 3, 1.0);
    doctor.epoch(&epoch(0, 0.1022, 0.1010, called_3));
    let [stuck] = doctor.epoch(&epoch(1, 0.1022, 0.1010, called_3)) else {
        panic!("{:?}", doctor.findings())
    };
    assert!(stuck.cause.contains("too small"), "{}", stuck.cause);
    assert_eq!(stuck.suggestion.command, "cargo xtask train --lr 0.1");
}

#[test]
fn an_accuracy_near_a_class_share_without_that_class_predicted_is_not_stuck() {
    let mut doctor = doctor(&TrainConfig::default());
    // 0.1000 is within 0.002 of the shares of 3, 4 and 9 (0.1010, 0.0982,
    // 0.1009), but no class is predicted for most images.
    let stats = epoch(0, 0.0986, 0.1000, probe(HiddenUse::Saturated(0.0), 9, 0.35));
    assert!(doctor.epoch(&stats).is_empty());
    // Predicted for most images, but the accuracy is not that class's share.
    let stats = epoch(1, 0.3, 0.3, probe(HiddenUse::Saturated(0.0), 1, 0.95));
    assert!(doctor.epoch(&stats).is_empty());
}

#[test]
fn saturated_sigmoids_suggest_the_books_initialisation() {
    let config = TrainConfig {
        weight_init_std: 10.0,
        ..TrainConfig::default()
    };
    let mut doctor = doctor(&config);
    let stats = epoch(0, 0.2, 0.2, probe(HiddenUse::Saturated(0.51), 3, 0.3));
    let [saturated] = doctor.epoch(&stats) else {
        panic!("{:?}", doctor.findings())
    };
    assert_eq!(saturated.symptom, Symptom::Saturated);
    assert!(
        saturated.seen.starts_with("51.0% of the sigmoid outputs"),
        "{}",
        saturated.seen
    );
    assert_eq!(
        saturated.suggestion.command,
        "cargo xtask train --weight-init-std 0.01"
    );
    // Half exactly is not more than half.
    let mut doctor = Doctor::new(&TrainConfig::default(), 600, MNIST_TEST_SHARES.to_vec());
    let stats = epoch(0, 0.2, 0.2, probe(HiddenUse::Saturated(0.5), 3, 0.3));
    assert!(doctor.epoch(&stats).is_empty());
}

#[test]
fn dead_relu_units_suggest_a_smaller_learning_rate() {
    let config = TrainConfig {
        learning_rate: 5.0,
        activation: Activation::Relu,
        ..TrainConfig::default()
    };
    let mut doctor = doctor(&config);
    let stats = epoch(3, 0.1, 0.0958, probe(HiddenUse::NeverActive(0.8), 2, 0.5));
    let [dead] = doctor.epoch(&stats) else {
        panic!("{:?}", doctor.findings())
    };
    assert_eq!((dead.symptom, dead.iteration), (Symptom::DeadUnits, 1800));
    assert_eq!(
        dead.suggestion.command,
        "cargo xtask train --lr 0.1 --activation relu"
    );
}

#[test]
fn a_gap_between_train_and_test_after_epoch_10_is_overfitting() {
    let mut doctor = doctor(&TrainConfig::default());
    let test = [
        0.5, 0.7, 0.8, 0.85, 0.86, 0.87, 0.86, 0.85, 0.84, 0.83, 0.82, 0.81, 0.8,
    ];
    let mut found = Vec::new();
    for (e, &test_acc) in test.iter().enumerate() {
        // The gap is 0.1 from epoch 7 on, but only counts after epoch 10.
        let train_acc = if e >= 7 { test_acc + 0.1 } else { test_acc };
        found.extend(doctor.epoch(&epoch(e, train_acc, test_acc, None)).to_vec());
    }
    let [overfit] = &found[..] else {
        panic!("{found:?}")
    };
    assert_eq!(
        (overfit.symptom, overfit.iteration),
        (Symptom::Overfitting, 11 * 600)
    );
    // The test accuracy was best (0.87) at epoch 5, iteration 3000.
    assert_eq!(
        (overfit.suggestion.flag, &*overfit.suggestion.value),
        ("iters", "3001")
    );
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
