//! What protects a user's work: a run its observer stops keeps what it
//! trained, a checkpoint with non-finite weights is refused, the same network
//! gives the same file byte for byte, and no error repeats its cause.

mod common;

use std::error::Error;
use std::ops::ControlFlow;

use common::{bright_and_dark, small_run};
use rand::SeedableRng;
use rand::rngs::ChaCha12Rng;
use twolayer::checkpoint::{self, CheckpointError};
use twolayer::fast::train;
use twolayer::{
    Activation, Dataset, TrainConfig, TrainError, TrainObserver, TrainReport, TwoLayerNet,
    train_neuralnet,
};

/// Stops the run after the step of iteration `at`, and says whether the
/// report should keep the history.
struct StopAt {
    at: usize,
    keep: bool,
    seen: usize,
}

impl TrainObserver for StopAt {
    fn on_iteration(&mut self, iteration: usize, _loss: f64) -> ControlFlow<()> {
        self.seen += 1;
        if iteration == self.at {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    }

    fn keep_history(&self) -> bool {
        self.keep
    }
}

#[test]
fn a_stopped_run_keeps_what_it_trained_in_both_loops() {
    let (inputs, labels) = bright_and_dark();
    let data = Dataset::new(&inputs, &labels, 4, 2).unwrap();
    let config = small_run();
    type Loop = fn(
        &Dataset<'_>,
        &Dataset<'_>,
        &TrainConfig,
        &mut dyn TrainObserver,
    ) -> Result<TrainReport, TrainError>;
    let mut nets = Vec::new();
    for (name, run) in [
        ("train", train as Loop),
        ("train_neuralnet", train_neuralnet),
    ] {
        for keep in [true, false] {
            let mut observer = StopAt {
                at: 6,
                keep,
                seen: 0,
            };
            let Ok(report) = run(&data, &data, &config, &mut observer) else {
                panic!("{name}: a requested stop is a result, not an error");
            };
            assert_eq!(
                (report.stopped_after, observer.seen),
                (Some(7), 7),
                "{name}"
            );
            let kept = if keep { 7 } else { 0 };
            assert_eq!(report.losses.len(), kept, "{name} keep {keep}");
            // 4 iterations per epoch: evaluated after iterations 0 and 4.
            let epochs = if keep { 2 } else { 0 };
            assert_eq!(report.epochs.len(), epochs, "{name} keep {keep}");
            nets.push(report.net);
        }
    }
    // Whatever is kept, the network is the one after 7 steps; the loops
    // agree up to rounding.
    assert_eq!(nets[0].params, nets[1].params);
    assert_eq!(nets[2].params, nets[3].params);
    let diff = (&nets[0].params.w1 - &nets[2].params.w1).abs().max();
    assert!(diff < 1e-4, "the two loops differ by {diff}");
}

#[test]
fn non_finite_weights_are_refused_naming_the_tensor_and_count() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nan.safetensors");
    let mut net = TwoLayerNet::<f32>::new(
        5,
        4,
        3,
        0.1,
        Activation::Sigmoid,
        &mut ChaCha12Rng::seed_from_u64(1),
    );
    net.params.w2[(0, 0)] = f32::NAN;
    net.params.w2[(1, 2)] = f32::INFINITY;
    checkpoint::save(&path, &net).unwrap();
    let error = checkpoint::load::<f32>(&path).unwrap_err();
    assert!(
        matches!(
            error,
            CheckpointError::NonFinite {
                name: "W2",
                bad: 2,
                total: 12,
                ..
            }
        ),
        "{error}"
    );
    let message = error.to_string();
    assert!(
        message.contains("\"W2\" has 2 non-finite values"),
        "{message}"
    );
}

#[test]
fn the_same_network_gives_the_same_file_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let net = |seed| {
        TwoLayerNet::<f32>::new(
            6,
            5,
            3,
            0.1,
            Activation::Relu,
            &mut ChaCha12Rng::seed_from_u64(seed),
        )
    };
    let mut files = Vec::new();
    // Many saves: with the metadata in a `HashMap`, two of them would
    // differ in order with near certainty.
    for i in 0..16 {
        let path = dir.path().join(format!("net-{i}.safetensors"));
        checkpoint::save(&path, &net(7)).unwrap();
        files.push(std::fs::read(&path).unwrap());
        let loaded = checkpoint::load::<f32>(&path).unwrap();
        assert_eq!(loaded.params, net(7).params);
        assert_eq!(loaded.activation, Activation::Relu);
    }
    assert!(files.iter().all(|file| *file == files[0]));
    let header_len = u64::from_le_bytes(files[0][..8].try_into().unwrap());
    assert_eq!(header_len % 8, 0, "the header is padded to 8 bytes");
    let header = String::from_utf8_lossy(&files[0][8..8 + header_len as usize]).into_owned();
    assert!(
        header.starts_with(r#"{"__metadata__":{"activation":"relu","format":"twolayer"},"#),
        "{header}"
    );
}

/// `error` and its sources, each of whose messages must not contain the
/// next one's (else `{:#}` would print it twice).
fn assert_no_repeated_cause(error: &(dyn Error + 'static)) {
    let mut current = error;
    while let Some(source) = current.source() {
        let (outer, inner) = (current.to_string(), source.to_string());
        assert!(
            !outer.contains(&inner),
            "{outer:?} repeats its cause {inner:?}"
        );
        current = source;
    }
}

#[test]
fn no_error_repeats_its_cause() {
    let dir = tempfile::tempdir().unwrap();
    let missing = checkpoint::load::<f32>(&dir.path().join("absent")).unwrap_err();
    assert!(missing.to_string().contains("No such file"), "{missing}");
    let garbage = dir.path().join("garbage");
    std::fs::write(&garbage, b"not a safetensors file").unwrap();
    let corrupt = checkpoint::load::<f32>(&garbage).unwrap_err();
    let (inputs, labels) = bright_and_dark();
    let wide = Dataset::new(&inputs, &labels, 4, 2).unwrap();
    let narrow = Dataset::new(&inputs[..40], &labels[..20], 2, 2).unwrap();
    let mismatch = train(&wide, &narrow, &TrainConfig::default(), &mut ()).unwrap_err();
    let no_labels = Dataset::new(&[], &[], 4, 2).unwrap_err();
    let errors: [&(dyn Error + 'static); 4] = [&missing, &corrupt, &mismatch, &no_labels];
    for error in errors {
        assert_no_repeated_cause(error);
    }
}
