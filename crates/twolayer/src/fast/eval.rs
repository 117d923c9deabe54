//! Accuracy and confusion matrices on the fast path, the samples shared
//! among threads.

use std::sync::atomic::{AtomicUsize, Ordering};

use super::kernels::hidden_forward;
use super::simd::Kernel;
use super::sparse::{MAX_FEATURES, Rows, Scratch};
use super::{AlignedChunks, FastNet, Isa, threads};
use crate::train::{accuracy, check_fits};
use crate::{Dataset, TwoLayerNet};

/// The accuracy of `net` on every sample of `data`, the book's
/// `network.accuracy(x_train, t_train)` as [`train::evaluate`](crate::train::evaluate)
/// computes it, on the fast path ([`Trainer`](super::Trainer)'s): each
/// sample's non-zero inputs only, samples shared among the cores. It
/// predicts what the plain `evaluate` predicts but where two scores are
/// within rounding of each other (about `1e-6` apart). Inputs of more than
/// 65,536 features go the plain way.
///
/// ```
/// use twolayer::{Dataset, TrainConfig, fast, train};
///
/// let inputs: Vec<u8> = (0..40).flat_map(|n| [n * 6; 4]).collect();
/// let labels: Vec<u8> = (0..40).map(|n| u8::from(n >= 20)).collect();
/// let data = Dataset::new(&inputs, &labels, 4, 2).unwrap();
/// let config = TrainConfig { hidden: 8, batch_size: 10, iters: 300, learning_rate: 1.0, weight_init_std: 1.0, ..Default::default() };
/// let net = fast::train(&data, &data, &config, &mut ()).unwrap().net;
/// assert_eq!(fast::evaluate(&net, &data), train::evaluate(&net, &data));
/// ```
///
/// # Panics
/// If `net`'s input size is not `data.features()`, or its output size is not
/// `data.classes()`.
pub fn evaluate(net: &TwoLayerNet<f32>, data: &Dataset<'_>) -> f64 {
    accuracy(&confusion_matrix(net, data), data.len())
}

/// The confusion matrix of `net` on `data`, `matrix[true_label][predicted]`,
/// as [`train::confusion_matrix`](crate::train::confusion_matrix) counts it,
/// on the fast path as [`evaluate`].
///
/// # Panics
/// As [`evaluate`].
pub fn confusion_matrix(net: &TwoLayerNet<f32>, data: &Dataset<'_>) -> Vec<Vec<u64>> {
    check_fits(net, data);
    if data.features() > MAX_FEATURES {
        return crate::train::confusion_matrix(net, data);
    }
    let counts = confusion(Isa::detect(), &FastNet::new(net), data, data.labels());
    counts.chunks(data.classes()).map(<[u64]>::to_vec).collect()
}

/// Samples per item of work: about a millisecond, and small enough that a
/// thread the system does not schedule in time delays the others little.
const CHUNK: usize = 1024;

/// `matrix[label * classes + predicted]`: how many samples of each label
/// `net` predicts as each class, the prediction being the first highest
/// score (`tensor_ops::argmax`).
///
/// The samples are cut into chunks of [`CHUNK`] that the threads (one per
/// core, [`threads::available`], at most one per chunk) take in turn; the
/// counts are added up at the end. Each sample's prediction does not depend
/// on the thread, and counts are integers, so neither does the result.
///
/// # Panics
/// If `labels` is longer than `rows` or a label is not below `net.classes`.
pub(crate) fn confusion<R: Rows>(isa: Isa, net: &FastNet, rows: &R, labels: &[u8]) -> Vec<u64> {
    let chunks = labels.len().div_ceil(CHUNK);
    let threads = threads::available().min(chunks).max(1);
    let next = AtomicUsize::new(0);
    let count = || {
        isa.run(Confusion {
            net,
            rows,
            labels,
            next: &next,
        })
    };
    let (mut matrix, parts) =
        threads::with_helpers(vec![(); threads - 1], |()| count(), |_| count());
    for part in parts {
        for (total, part) in matrix.iter_mut().zip(part) {
            *total += part;
        }
    }
    matrix
}

/// The confusion counts of the chunks a thread takes.
struct Confusion<'a, R> {
    net: &'a FastNet,
    rows: &'a R,
    labels: &'a [u8],
    /// The next chunk to take.
    next: &'a AtomicUsize,
}

impl<R: Rows> Kernel for Confusion<'_, R> {
    type Output = Vec<u64>;

    #[inline(always)]
    fn run(self) -> Vec<u64> {
        let net = self.net;
        let classes = net.classes;
        let mut matrix = vec![0; classes * classes];
        let mut z1 = AlignedChunks::zeros(net.chunks);
        let mut a2 = vec![0.0; classes];
        let mut scratch = Scratch::new(net.inputs);
        let len = self.labels.len();
        loop {
            let start = self.next.fetch_add(1, Ordering::Relaxed) * CHUNK;
            if start >= len {
                return matrix;
            }
            for n in start..len.min(start + CHUNK) {
                let x = self.rows.nonzeros(n, &mut scratch);
                hidden_forward(net.hidden_layer(), x, &mut z1);
                net.scores(&z1, &mut a2);
                let predicted = tensor_ops::argmax(a2.iter().copied());
                matrix[usize::from(self.labels[n]) * classes + predicted] += 1;
            }
        }
    }
}
