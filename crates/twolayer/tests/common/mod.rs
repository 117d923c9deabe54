//! What several of these tests train on: a tiny set that a small network
//! learns in a hundred steps.

use twolayer::TrainConfig;

/// 40 samples of 4 equal inputs, brighter with `n`; the 20 brightest are
/// class 1, the others class 0.
pub fn bright_and_dark() -> (Vec<u8>, Vec<u8>) {
    let inputs = (0..40).flat_map(|n| [n * 6; 4]).collect();
    let labels = (0..40).map(|n| u8::from(n >= 20)).collect();
    (inputs, labels)
}

/// 100 steps of batches of 10 on 8 hidden units, at a learning rate of 1
/// from weights of standard deviation 1: enough to learn [`bright_and_dark`].
pub fn small_run() -> TrainConfig {
    TrainConfig {
        hidden: 8,
        batch_size: 10,
        iters: 100,
        learning_rate: 1.0,
        weight_init_std: 1.0,
        ..Default::default()
    }
}
