//! Why a network is trained on the loss and not on the accuracy (§4.2.5):
//! one weight of a trained net's W2 is swept; the loss on a fixed batch
//! moves smoothly, the accuracy in steps of 1 / batch with slope zero in
//! between.

use losses::Targets;
use nalgebra::DMatrix;
use twolayer::{Params, TwoLayerNet};

use crate::series::linspace;

/// Images of the batch the sweep is measured on: the first 100 test images.
pub const BATCH: usize = 100;
/// Iterations of the short training run (the book's net) swept when no
/// trained model is given.
pub const SHORT_RUN_ITERS: usize = 2000;
/// How far the book's sweep moves the weight each way.
pub const BOOK_RANGE: f64 = 20.0;
/// Points of the book's sweep.
pub const BOOK_POINTS: usize = 401;

/// The swept weight's offsets from its trained value: 401 points on
/// [-20, 20].
pub fn offsets() -> Vec<f64> {
    offsets_over(BOOK_RANGE, BOOK_POINTS)
}

/// `points` offsets evenly spread over `[-range, range]` (`points >= 2`; 0
/// or 1 give `[-range]` and the two ends).
pub fn offsets_over(range: f64, points: usize) -> Vec<f64> {
    linspace(-range, range, points.saturating_sub(1).max(1))
}

/// The loss and the accuracy on one batch as one weight of W2 moves.
#[derive(Debug, Clone, PartialEq)]
pub struct Sweep {
    /// Which weight: `W2[hidden unit][class]`.
    pub weight: (usize, usize),
    /// Its trained value.
    pub trained: f64,
    /// The values it takes (trained value plus each offset).
    pub values: Vec<f64>,
    /// The mean cross-entropy on the batch at each value.
    pub loss: Vec<f64>,
    /// The batch accuracy at each value: always `k / batch`.
    pub accuracy: Vec<f64>,
}

impl Sweep {
    /// The smallest and the largest loss of the sweep.
    pub fn loss_range(&self) -> (f64, f64) {
        (
            self.loss.iter().copied().fold(f64::INFINITY, f64::min),
            self.loss.iter().copied().fold(0.0, f64::max),
        )
    }
}

/// The network in `f64`, so that the sweep's loss has no `f32` noise.
pub fn to_f64(net: &TwoLayerNet<f32>) -> TwoLayerNet<f64> {
    let p = &net.params;
    let params = Params {
        w1: p.w1.map(f64::from),
        b1: p.b1.map(f64::from),
        w2: p.w2.map(f64::from),
        b2: p.b2.map(f64::from),
    };
    TwoLayerNet::from_params(params, net.activation)
}

/// The loss-vs-accuracy study of §4.2.5: sweeps `W2[weight]` over its
/// trained value plus `offsets`, measuring the mean cross-entropy
/// `-1/N sum_n log y[n][t_n]` (`net.loss`) and the share of
/// `argmax y[n] = t_n` (`net.accuracy`) on `(x, t)` at each value.
///
/// # Panics
/// If `weight` is outside W2 or `(x, t)` does not fit the network.
pub fn sweep(
    net: &TwoLayerNet<f64>,
    x: &DMatrix<f64>,
    t: &[usize],
    weight: (usize, usize),
    offsets: &[f64],
) -> Sweep {
    // Only column k of the scores a2 = z1 W2 + b2 depends on W2[j][k]:
    // moving it by d adds d z1[:, j] to that column, so z1 and a2 are
    // computed once.
    let (j, k) = weight;
    let trained = net.params.w2[weight];
    let z1 = net.hidden(x);
    let mut scores = &z1 * &net.params.w2;
    for mut row in scores.row_iter_mut() {
        row += net.params.b2.transpose();
    }
    let z1_j = z1.column(j).into_owned();
    let values: Vec<f64> = offsets.iter().map(|d| trained + d).collect();
    let (mut loss, mut accuracy) = (Vec::new(), Vec::new());
    for &value in &values {
        let mut moved = scores.clone();
        moved.column_mut(k).axpy(value - trained, &z1_j, 1.0);
        loss.push(losses::softmax_with_loss(&moved, Targets::Labels(t)).0);
        accuracy.push(Targets::Labels(t).accuracy(&moved));
    }
    Sweep {
        weight,
        trained,
        values,
        loss,
        accuracy,
    }
}

/// The weight to sweep: the largest `|W2[j][k]|`, the one that matters most
/// to its class.
pub fn strongest_weight(net: &TwoLayerNet<f64>) -> (usize, usize) {
    let w2 = &net.params.w2;
    let mut best = (0, 0);
    for j in 0..w2.nrows() {
        for k in 0..w2.ncols() {
            if w2[(j, k)].abs() > w2[best].abs() {
                best = (j, k);
            }
        }
    }
    best
}

/// How many distinct values `ys` takes.
pub fn distinct(ys: &[f64]) -> usize {
    let mut sorted = ys.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted.dedup();
    sorted.len()
}

/// The share of adjacent pairs of `ys` that are equal (slope exactly 0).
pub fn flat_share(ys: &[f64]) -> f64 {
    let pairs = ys.len().saturating_sub(1).max(1);
    ys.windows(2).filter(|w| w[0] == w[1]).count() as f64 / pairs as f64
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;
    use rand::rngs::ChaCha12Rng;
    use twolayer::Activation;

    use super::*;

    /// A random 784-50-10 network and 100 random "images": the sweep's
    /// properties hold for any network and batch.
    fn small_net_and_batch() -> (TwoLayerNet<f64>, DMatrix<f64>, Vec<usize>) {
        let mut rng = ChaCha12Rng::seed_from_u64(7);
        let mut net = TwoLayerNet::<f64>::new(784, 50, 10, 0.5, Activation::Sigmoid, &mut rng);
        net.params.w2 *= 4.0;
        let x = DMatrix::from_fn(100, 784, |n, d| ((n * 31 + d * 17) % 256) as f64 / 255.0);
        let t: Vec<usize> = (0..100).map(|n| (n * 7) % 10).collect();
        (net, x, t)
    }

    #[test]
    fn the_loss_sweep_is_continuous_and_the_accuracy_a_staircase() {
        let (net, x, t) = small_net_and_batch();
        let weight = strongest_weight(&net);
        let sweep = sweep(&net, &x, &t, weight, &offsets());
        assert_eq!(sweep.values.len(), 401);
        // The loss is continuous, and more: Lipschitz with constant 1 in any
        // weight of W2, since dL/dW2[j][k] = mean over n of z1[n][j] (y[n][k] -
        // t'[n][k]) with 0 < z1 < 1 (sigmoid) and |y - t'| <= 1 (t' the one-hot
        // target scaled by y_t / (y_t + 1e-7)). Neighbours 0.1 apart therefore
        // differ by at most 0.1.
        let largest_step = sweep
            .loss
            .windows(2)
            .map(|w| (w[1] - w[0]).abs())
            .fold(0.0, f64::max);
        assert!(
            largest_step <= 0.1 + 1e-12,
            "the loss jumps by {largest_step}"
        );
        assert!(distinct(&sweep.loss) > 300, "the loss moves everywhere");
        // The accuracy: only k / 100, flat between jumps.
        for &accuracy in &sweep.accuracy {
            let k = accuracy * 100.0;
            assert!(
                (k - k.round()).abs() < 1e-9,
                "accuracy {accuracy} is not k/100"
            );
        }
        assert!(flat_share(&sweep.accuracy) > 0.5);
        // The trained value is the sweep's middle point.
        assert_eq!(sweep.values[200], sweep.trained);
        // The same as moving the weight and asking the network, point by point.
        let mut moved = net.clone();
        for n in [0, 123, 200, 400] {
            moved.params.w2[weight] = sweep.values[n];
            let loss = moved.loss(&x, Targets::Labels(&t));
            assert!((sweep.loss[n] - loss).abs() < 1e-12, "{n}: {loss}");
            assert_eq!(sweep.accuracy[n], moved.accuracy(&x, Targets::Labels(&t)));
        }
        let (low, high) = sweep.loss_range();
        assert!(0.0 < low && low < high, "{low} {high}");
    }
}
