//! The loss stream: flat, not finite, rising.

use std::f64::consts::LN_10;

use twolayer::{Activation, TrainConfig};

use super::doctor;
use crate::Symptom;

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
