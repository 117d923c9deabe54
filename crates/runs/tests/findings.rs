//! The doctor on runs recorded by [`Recorder`], the machinery `train` and
//! the page share: each failure of issue 26 provoked by a short run and
//! found (real MNIST ones ignored without `MNIST_DIR`), `findings.json`
//! made from the record, and the default sigmoid and ReLU runs found
//! healthy.

#![allow(clippy::print_stdout, reason = "the healthy runs print their probes")]

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use doctor::{Doctor, Symptom};
use runs::{MnistData, Needs, Recorder, RunRecord};
use twolayer::{Activation, Dataset, TrainConfig};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// Trains `config` on the fast path under a [`Recorder`] and returns its record.
fn record(
    config: &TrainConfig,
    train: &Dataset<'_>,
    test: &Dataset<'_>,
) -> Result<RunRecord, Box<dyn std::error::Error>> {
    let tmp = tempfile::tempdir()?;
    let doctor = Doctor::for_run(config, train, test);
    let stop = Arc::new(AtomicBool::new(false));
    let mut recorder = Recorder::new((), &tmp.path().join("metrics.csv"), stop, doctor)?;
    let outcome = twolayer::fast::train(train, test, config, &mut recorder);
    Ok(recorder.finish(&outcome).1?)
}

fn symptoms(record: &RunRecord) -> Vec<Symptom> {
    record.findings.iter().map(|f| f.symptom).collect()
}

/// 200 training images of 16 random pixels with random labels (nothing to
/// generalise), and 200 test images likewise.
fn noise(seed: u64) -> (Vec<u8>, Vec<u8>) {
    let mut state = seed;
    let mut next = || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as u8
    };
    let inputs = (0..200 * 16).map(|_| next()).collect();
    let labels = (0..200).map(|_| next() % 10).collect();
    (inputs, labels)
}

#[test]
fn a_network_learning_noise_by_heart_is_overfitting() -> TestResult {
    let ((x, t), (x_test, t_test)) = (noise(1), noise(2));
    let (train, test) = (
        Dataset::new(&x, &t, 16, 10)?,
        Dataset::new(&x_test, &t_test, 16, 10)?,
    );
    let config = TrainConfig {
        hidden: 100,
        learning_rate: 1.0,
        weight_init_std: 0.1,
        batch_size: 20,
        iters: 2000,
        ..TrainConfig::default()
    };
    let record = record(&config, &train, &test)?;
    assert!(
        symptoms(&record).contains(&Symptom::Overfitting),
        "{:?}",
        record.findings
    );
    let json = record.findings_json()?;
    assert!(
        json.contains("\"symptom\": \"overfitting\"") && json.contains("\"flag\": \"iters\""),
        "{json}"
    );
    Ok(())
}

#[test]
fn a_loss_that_overflows_is_found_from_the_runs_outcome() -> TestResult {
    let (x, t) = noise(3);
    let data = Dataset::new(&x, &t, 16, 10)?;
    let config = TrainConfig {
        learning_rate: 1e38,
        activation: Activation::Relu,
        iters: 100,
        ..TrainConfig::default()
    };
    let record = record(&config, &data, &data)?;
    let [nan] = &record.findings[..] else {
        panic!("{:?}", record.findings)
    };
    assert_eq!(nan.symptom, Symptom::NotFinite);
    assert_eq!(
        nan.suggestion.command,
        "cargo xtask train --lr 0.1 --iters 100 --activation relu"
    );
    Ok(())
}

#[test]
fn a_healthy_run_has_an_empty_findings_json() -> TestResult {
    let record = RunRecord {
        losses: runs::Sampled::new(10),
        epochs: Vec::new(),
        findings: Vec::new(),
    };
    assert_eq!(record.findings_json()?, "[]\n");
    Ok(())
}

/// Runs `config` on the real MNIST.
fn mnist_record(config: &TrainConfig) -> Result<RunRecord, Box<dyn std::error::Error>> {
    let dir = std::env::var_os("MNIST_DIR").ok_or("set MNIST_DIR to the four MNIST files")?;
    let mnist = MnistData::load(PathBuf::from(dir), Needs::Both)?;
    record(config, &mnist.train()?, &mnist.test()?)
}

#[test]
#[ignore = "needs MNIST_DIR"]
fn the_default_sigmoid_and_relu_runs_give_no_finding() -> TestResult {
    for activation in [Activation::Sigmoid, Activation::Relu] {
        let record = mnist_record(&TrainConfig {
            activation,
            ..TrainConfig::default()
        })?;
        let probes: Vec<_> = record.epochs.iter().filter_map(|e| e.probe).collect();
        println!("{activation}: {probes:?}");
        assert!(
            record.findings.is_empty(),
            "{activation}: {:?}",
            record.findings
        );
        assert_eq!(record.epochs.len(), 17);
    }
    Ok(())
}

#[test]
#[ignore = "needs MNIST_DIR"]
fn each_failure_of_issue_26_is_found_on_mnist() -> TestResult {
    let book = TrainConfig::default();
    for (config, expected) in [
        (
            TrainConfig {
                learning_rate: 100.0,
                iters: 1201,
                ..book.clone()
            },
            Symptom::StuckAccuracy,
        ),
        (
            TrainConfig {
                learning_rate: 1e-5,
                iters: 600,
                ..book.clone()
            },
            Symptom::FlatLoss,
        ),
        (
            TrainConfig {
                weight_init_std: 10.0,
                iters: 1,
                ..book.clone()
            },
            Symptom::Saturated,
        ),
        (
            TrainConfig {
                activation: Activation::Relu,
                learning_rate: 5.0,
                iters: 1201,
                ..book.clone()
            },
            Symptom::DeadUnits,
        ),
        (
            TrainConfig {
                activation: Activation::Relu,
                learning_rate: 1e38,
                iters: 100,
                ..book.clone()
            },
            Symptom::NotFinite,
        ),
    ] {
        let record = mnist_record(&config)?;
        println!("{}", doctor::summary(&record.findings));
        assert!(
            symptoms(&record).contains(&expected),
            "{expected:?} in {config:?}: {:?}",
            record.findings
        );
    }
    Ok(())
}
