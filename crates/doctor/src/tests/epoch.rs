//! The evaluations: a stuck accuracy, saturated or dead hidden units,
//! overfitting.

use twolayer::{Activation, HiddenUse, TrainConfig};

use super::{MNIST_TEST_SHARES, doctor, epoch, probe};
use crate::{Doctor, Symptom};

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
    // The default run: every image called 8 after the first step, then
    // learning, then (made up) every image called 8 again, once.
    let mut doctor = doctor(&TrainConfig::default());
    for (index, train_acc, test_acc, class, called) in [
        (0, 0.0975, 0.0974, 8, 1.0),
        (1, 0.91, 0.91, 1, 0.12),
        (2, 0.0975, 0.0974, 8, 1.0),
    ] {
        let called = probe(HiddenUse::Saturated(0.0), class, called);
        let stats = epoch(index, train_acc, test_acc, called);
        assert!(doctor.epoch(&stats).is_empty(), "{:?}", doctor.findings());
    }
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
