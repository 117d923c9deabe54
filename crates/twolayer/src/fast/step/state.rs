//! [`StepState`]: a step's scratch state, shared by the threads of a step.
//! It holds the network's parameters cut into two blocks of `W1`'s rows and
//! the small parameters, their gradients, and the batch cut into two
//! halves with what the phases compute for each (see the parent module).
//!
//! The parts live behind locks, which the phases never contend for: an item
//! writes only its own half or block, and reads what the previous phases wrote.

use std::sync::{PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use tensor_ops::pairwise_sum;

use crate::Activation;
use crate::fast::kernels::HiddenLayer;
use crate::fast::sparse::{Nonzeros, Rows, Scratch};
use crate::fast::{Chunk, FastNet, LANES};

mod items;

/// Items per step: 2 halves, then 2 blocks and the small parameters, then 2 halves.
pub(super) const ITEMS: usize = 7;
/// The first item of each phase, and the end.
pub(super) const PHASES: [usize; 4] = [0, 2, 5, ITEMS];

/// Rows `first..` of `W1` and of its gradient, by input, `(rows, chunks)`.
#[derive(Debug, Clone)]
struct Block {
    first: usize,
    w1t: Vec<Chunk>,
    grad: Vec<Chunk>,
}

/// `b1`, `W2` (by class, `(classes, chunks)`) and `b2`, and their gradients.
#[derive(Debug, Clone)]
struct Small {
    b1: Vec<Chunk>,
    w2t: Vec<Chunk>,
    b2: Vec<f32>,
    grad_b1: Vec<Chunk>,
    grad_w2t: Vec<Chunk>,
    grad_b2: Vec<f32>,
}

/// Half of a batch: its samples' non-zero inputs, copied together (one pass
/// over the randomly placed samples, whose memory latencies overlap), their
/// labels, and what the phases compute for each.
#[derive(Debug, Clone)]
struct Half {
    /// The half's first sample in the batch.
    start: usize,
    offsets: Vec<usize>,
    indices: Vec<u16>,
    values: Vec<u8>,
    labels: Vec<u8>,
    /// `(n, chunks)`, `(n, classes)`, `(n, chunks)` and `(n,)`.
    z1: Vec<Chunk>,
    dout: Vec<f32>,
    da1: Vec<Chunk>,
    losses: Vec<f32>,
    /// One sample's scores, `(classes,)`.
    a2: Vec<f32>,
    scratch: Scratch,
}

impl Half {
    fn new(inputs: usize, classes: usize) -> Self {
        Self {
            start: 0,
            offsets: vec![0],
            indices: Vec::new(),
            values: Vec::new(),
            labels: Vec::new(),
            z1: Vec::new(),
            dout: Vec::new(),
            da1: Vec::new(),
            losses: Vec::new(),
            a2: vec![0.0; classes],
            scratch: Scratch::new(inputs),
        }
    }

    fn len(&self) -> usize {
        self.labels.len()
    }

    #[inline(always)]
    fn row(&self, n: usize) -> Nonzeros<'_> {
        row(&self.offsets, &self.indices, &self.values, n)
    }
}

/// Sample `n`'s non-zeros in a half's arrays (a function of the fields, so
/// that the half's other fields can be borrowed meanwhile).
#[inline(always)]
fn row<'a>(offsets: &[usize], indices: &'a [u16], values: &'a [u8], n: usize) -> Nonzeros<'a> {
    let range = offsets[n]..offsets[n + 1];
    Nonzeros {
        indices: &indices[range.clone()],
        values: &values[range],
    }
}

/// A step's scratch state: the network in the fast layout, cut into blocks
/// of `W1`'s rows, and the halves of the batch, for the step's items.
#[derive(Debug)]
pub(crate) struct StepState {
    inputs: usize,
    chunks: usize,
    classes: usize,
    keep: [bool; LANES],
    activation: Activation,
    /// The first row of the second block.
    split: usize,
    /// The batch: indices into the rows.
    batch: RwLock<Vec<usize>>,
    blocks: [RwLock<Block>; 2],
    small: RwLock<Small>,
    halves: [RwLock<Half>; 2],
}

impl StepState {
    /// `net`'s parameters, the rows of `W1` cut at `split` (at most
    /// `net.inputs`; any cut gives the same numbers, a cut that halves the
    /// non-zero inputs shares the work best).
    pub(crate) fn new(net: &FastNet, split: usize) -> Self {
        let split = split.min(net.inputs);
        let chunks = net.chunks;
        let block = |first: usize, end: usize| Block {
            first,
            w1t: net.w1t[first * chunks..end * chunks].to_vec(),
            grad: vec![[0.0; LANES]; (end - first) * chunks],
        };
        let half = || RwLock::new(Half::new(net.inputs, net.classes));
        Self {
            inputs: net.inputs,
            chunks,
            classes: net.classes,
            keep: net.keep,
            activation: net.activation,
            split,
            batch: RwLock::new(Vec::new()),
            blocks: [
                RwLock::new(block(0, split)),
                RwLock::new(block(split, net.inputs)),
            ],
            small: RwLock::new(Small {
                b1: net.b1.clone(),
                w2t: net.w2t.clone(),
                b2: net.b2.clone(),
                grad_b1: vec![[0.0; LANES]; chunks],
                grad_w2t: vec![[0.0; LANES]; net.classes * chunks],
                grad_b2: vec![0.0; net.classes],
            }),
            halves: [half(), half()],
        }
    }

    /// Whether `net` has this state's shapes.
    pub(crate) fn fits(&self, net: &FastNet) -> bool {
        (
            self.inputs,
            self.chunks,
            self.classes,
            self.keep,
            self.activation,
        ) == (
            net.inputs,
            net.chunks,
            net.classes,
            net.keep,
            net.activation,
        )
    }

    /// Takes `net`'s parameters (of this state's shapes) and zeroes the
    /// gradients, without allocating.
    pub(crate) fn load(&self, net: &FastNet) {
        for block in &self.blocks {
            let mut block = write(block);
            let first = block.first * self.chunks;
            let len = block.w1t.len();
            block.w1t.copy_from_slice(&net.w1t[first..first + len]);
            block.grad.fill([0.0; LANES]);
        }
        let mut small = write(&self.small);
        small.b1.copy_from_slice(&net.b1);
        small.w2t.copy_from_slice(&net.w2t);
        small.b2.copy_from_slice(&net.b2);
        small.grad_b1.fill([0.0; LANES]);
        small.grad_w2t.fill([0.0; LANES]);
        small.grad_b2.fill(0.0);
    }

    /// Copies the parameters (or, with `gradients`, their gradients) into
    /// `net`, which has this state's shapes.
    pub(crate) fn store(&self, net: &mut FastNet, gradients: bool) {
        for block in &self.blocks {
            let block = read(block);
            let first = block.first * self.chunks;
            let from = if gradients { &block.grad } else { &block.w1t };
            net.w1t[first..first + from.len()].copy_from_slice(from);
        }
        let small = read(&self.small);
        if gradients {
            net.b1.copy_from_slice(&small.grad_b1);
            net.w2t.copy_from_slice(&small.grad_w2t);
            net.b2.copy_from_slice(&small.grad_b2);
        } else {
            net.b1.copy_from_slice(&small.b1);
            net.w2t.copy_from_slice(&small.w2t);
            net.b2.copy_from_slice(&small.b2);
        }
    }

    /// Sets the batch to `samples`.
    pub(crate) fn set_batch(&self, samples: &[usize]) {
        let mut batch = write(&self.batch);
        batch.clear();
        batch.extend_from_slice(samples);
    }

    /// `-1/N sum_n ln(y[n, t_n] + 1e-7)` of the last phase 1 or 3, summed in
    /// NumPy's pairwise order as `losses::cross_entropy_error_labels`.
    pub(super) fn mean_loss(&self) -> f32 {
        let halves = [read(&self.halves[0]), read(&self.halves[1])];
        let first = halves[0].len();
        let n = first + halves[1].len();
        let loss = |j: usize| {
            if j < first {
                halves[0].losses[j]
            } else {
                halves[1].losses[j - first]
            }
        };
        pairwise_sum(n, loss) / n as f32
    }

    fn layer<'a>(
        &self,
        blocks: &'a [RwLockReadGuard<'_, Block>; 2],
        small: &'a Small,
    ) -> HiddenLayer<'a> {
        HiddenLayer {
            w1t: [&blocks[0].w1t, &blocks[1].w1t],
            split: self.split,
            b1: &small.b1,
            chunks: self.chunks,
            keep: self.keep,
            activation: self.activation,
        }
    }
}

/// The first row from which about half of the non-zero inputs of `rows`
/// (samples `0..len`, a sample of at most 4096 of them) are in later rows.
pub(crate) fn balanced_split<R: Rows>(rows: &R, len: usize, features: usize) -> usize {
    let mut counts = vec![0_usize; features];
    let mut scratch = Scratch::new(features);
    let step = len.div_ceil(4096).max(1);
    for n in (0..len).step_by(step) {
        for &i in rows.nonzeros(n, &mut scratch).indices {
            counts[usize::from(i)] += 1;
        }
    }
    let total: usize = counts.iter().sum();
    let mut below = 0;
    for (i, &count) in counts.iter().enumerate() {
        if 2 * (below + count) > total {
            return i;
        }
        below += count;
    }
    features / 2
}

fn read<T>(lock: &RwLock<T>) -> RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(PoisonError::into_inner)
}

fn write<T>(lock: &RwLock<T>) -> RwLockWriteGuard<'_, T> {
    lock.write().unwrap_or_else(PoisonError::into_inner)
}
