//! [`StepState`]: a step's scratch state, shared by the threads of a step.
//!
//! The hidden units are cut into two *parts* of whole chunks. A part holds
//! its columns of `W1`, `b1` and `W2`, their gradients, and the batch's
//! activations `z1` for its units, so that whoever works on a part reads
//! and writes only its own columns of the parameters: on two cores each
//! keeps its columns in its own cache, step after step, and no row of `W1`
//! goes back and forth between them. The batch is cut into two *shares* of
//! samples, each with its samples' non-zero inputs, labels, `dout` and
//! losses.
//!
//! Parts and shares live behind locks, which the phases never contend for:
//! an item writes only its own part or share (and part 1 also `b2`), and
//! reads what the previous phases wrote.

use std::sync::{PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use tensor_ops::pairwise_sum;

use crate::Activation;
use crate::fast::sparse::{Nonzeros, Scratch};
use crate::fast::{AlignedChunks, Chunk, FastNet, LANES};

mod items;

/// Items per step: per share, per part, per share, per part, per share
/// (see the parent module).
pub(super) const ITEMS: usize = 10;
/// The first item of each phase, and the end.
pub(super) const PHASES: [usize; 6] = [0, 2, 4, 6, 8, ITEMS];

/// Chunks `first..first + chunks` of the hidden units: their columns of the
/// parameters and gradients, and the batch's activations for them.
#[derive(Debug, Clone)]
struct Part {
    first: usize,
    chunks: usize,
    /// Which lanes of the part's last chunk are real units.
    keep: [bool; LANES],
    /// `(inputs, chunks)`.
    w1t: AlignedChunks,
    grad_w1t: AlignedChunks,
    /// `(chunks,)`.
    b1: AlignedChunks,
    grad_b1: AlignedChunks,
    /// `W2` by class, `(classes, chunks)`.
    w2t: AlignedChunks,
    grad_w2t: AlignedChunks,
    /// `z1` of each sample of the batch, `(batch, chunks)`.
    z1: AlignedChunks,
    /// One sample's `da1`, `(chunks,)`.
    da1: AlignedChunks,
}

impl Part {
    /// The part of `net` of chunks `first..end`.
    fn new(net: &FastNet, first: usize, end: usize) -> Self {
        let chunks = end - first;
        let zeros = AlignedChunks::zeros;
        let columns = |rows: &[Chunk], count: usize| -> AlignedChunks {
            let mut part = zeros(count * chunks);
            take_columns(&mut part, chunks, rows, net.chunks, first);
            part
        };
        Self {
            first,
            chunks,
            keep: if end == net.chunks {
                net.keep
            } else {
                [true; LANES]
            },
            w1t: columns(&net.w1t, net.inputs),
            grad_w1t: zeros(net.inputs * chunks),
            b1: columns(&net.b1, 1),
            grad_b1: zeros(chunks),
            w2t: columns(&net.w2t, net.classes),
            grad_w2t: zeros(net.classes * chunks),
            z1: zeros(0),
            da1: zeros(chunks),
        }
    }
}

/// `b2` and its gradient (updated with part 1, which is never empty).
#[derive(Debug, Clone)]
struct OutputBias {
    b2: Vec<f32>,
    grad_b2: Vec<f32>,
}

/// A share of the batch: its samples' non-zero inputs, copied together
/// (one pass over the randomly placed samples, whose memory latencies
/// overlap), their labels, and what the phases compute for each.
#[derive(Debug, Clone)]
struct Share {
    /// The share's first sample in the batch.
    start: usize,
    offsets: Vec<usize>,
    indices: Vec<u16>,
    values: Vec<u8>,
    labels: Vec<u8>,
    /// `dout = dL/da2` of each sample, `(n, classes)`.
    dout: Vec<f32>,
    /// `-ln(y[t] + 1e-7)` of each sample, `(n,)`.
    losses: Vec<f32>,
    /// One sample's scores and softmax, `(classes,)`.
    a2: Vec<f32>,
    y: Vec<f32>,
    scratch: Scratch,
}

impl Share {
    fn new(inputs: usize, classes: usize) -> Self {
        Self {
            start: 0,
            offsets: vec![0],
            indices: Vec::new(),
            values: Vec::new(),
            labels: Vec::new(),
            dout: Vec::new(),
            losses: Vec::new(),
            a2: vec![0.0; classes],
            y: vec![0.0; classes],
            scratch: Scratch::new(inputs),
        }
    }

    fn len(&self) -> usize {
        self.labels.len()
    }

    /// Sample `n`'s non-zeros (`n` counted in the share).
    #[inline(always)]
    fn row(&self, n: usize) -> Nonzeros<'_> {
        let range = self.offsets[n]..self.offsets[n + 1];
        Nonzeros {
            indices: &self.indices[range.clone()],
            values: &self.values[range],
        }
    }
}

/// A step's scratch state: the network in the fast layout, cut into two
/// parts of hidden units, and the batch, cut into two shares, for the
/// step's items.
#[derive(Debug)]
pub(crate) struct StepState {
    inputs: usize,
    chunks: usize,
    classes: usize,
    keep: [bool; LANES],
    activation: Activation,
    /// The batch: indices into the rows.
    batch: RwLock<Vec<usize>>,
    parts: [RwLock<Part>; 2],
    output: RwLock<OutputBias>,
    shares: [RwLock<Share>; 2],
}

impl StepState {
    /// `net`'s parameters, its hidden units in one part or, for two
    /// threads (`two_parts`), cut in two: the first `ceil(chunks / 2)`
    /// chunks (the main thread's, measured the faster way round: the helper
    /// is the one that also wakes up for each phase) and the others. Any cut
    /// gives the same numbers; one part does a sample's work in one pass
    /// over its non-zero inputs instead of two.
    pub(crate) fn new(net: &FastNet, two_parts: bool) -> Self {
        let cut = if two_parts { net.chunks.div_ceil(2) } else { 0 };
        // Part 1 updates `b2`: it must not be empty.
        debug_assert!(cut < net.chunks || net.chunks == 0, "part 1 is empty");
        let share = || RwLock::new(Share::new(net.inputs, net.classes));
        Self {
            inputs: net.inputs,
            chunks: net.chunks,
            classes: net.classes,
            keep: net.keep,
            activation: net.activation,
            batch: RwLock::new(Vec::new()),
            parts: [
                RwLock::new(Part::new(net, 0, cut)),
                RwLock::new(Part::new(net, cut, net.chunks)),
            ],
            output: RwLock::new(OutputBias {
                b2: net.b2.clone(),
                grad_b2: vec![0.0; net.classes],
            }),
            shares: [share(), share()],
        }
    }

    /// Whether the hidden units are cut in two parts.
    pub(crate) fn two_parts(&self) -> bool {
        read(&self.parts[0]).chunks > 0
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
        for part in &self.parts {
            let mut part = write(part);
            let part = &mut *part;
            let (chunks, first) = (part.chunks, part.first);
            take_columns(&mut part.w1t, chunks, &net.w1t, net.chunks, first);
            take_columns(&mut part.b1, chunks, &net.b1, net.chunks, first);
            take_columns(&mut part.w2t, chunks, &net.w2t, net.chunks, first);
            part.grad_w1t.fill([0.0; LANES]);
            part.grad_b1.fill([0.0; LANES]);
            part.grad_w2t.fill([0.0; LANES]);
        }
        let mut output = write(&self.output);
        output.b2.copy_from_slice(&net.b2);
        output.grad_b2.fill(0.0);
    }

    /// Copies the parameters (or, with `gradients`, their gradients) into
    /// `net`, which has this state's shapes.
    pub(crate) fn store(&self, net: &mut FastNet, gradients: bool) {
        for part in &self.parts {
            let part = read(part);
            let (w1t, b1, w2t) = if gradients {
                (&part.grad_w1t, &part.grad_b1, &part.grad_w2t)
            } else {
                (&part.w1t, &part.b1, &part.w2t)
            };
            let (chunks, first) = (part.chunks, part.first);
            put_columns(&mut net.w1t, net.chunks, first, w1t, chunks);
            put_columns(&mut net.b1, net.chunks, first, b1, chunks);
            put_columns(&mut net.w2t, net.chunks, first, w2t, chunks);
        }
        let output = read(&self.output);
        net.b2.copy_from_slice(if gradients {
            &output.grad_b2
        } else {
            &output.b2
        });
    }

    /// Sets the batch to `samples`.
    pub(crate) fn set_batch(&self, samples: &[usize]) {
        let mut batch = write(&self.batch);
        batch.clear();
        batch.extend_from_slice(samples);
    }

    /// `-1/N sum_n ln(y[n, t_n] + 1e-7)` of the last scores, summed in
    /// NumPy's pairwise order as `losses::cross_entropy_error_labels`.
    pub(super) fn mean_loss(&self) -> f32 {
        let shares = [read(&self.shares[0]), read(&self.shares[1])];
        let first = shares[0].len();
        let n = first + shares[1].len();
        let loss = |j: usize| {
            if j < first {
                shares[0].losses[j]
            } else {
                shares[1].losses[j - first]
            }
        };
        pairwise_sum(n, loss) / n as f32
    }
}

/// Copies columns `first..first + chunks` of `rows` (`(count, row_chunks)`)
/// into `part` (`(count, chunks)`).
fn take_columns(
    part: &mut [Chunk],
    chunks: usize,
    rows: &[Chunk],
    row_chunks: usize,
    first: usize,
) {
    if chunks == 0 {
        return;
    }
    for (part, row) in part
        .chunks_exact_mut(chunks)
        .zip(rows.chunks_exact(row_chunks))
    {
        part.copy_from_slice(&row[first..first + chunks]);
    }
}

/// Copies `part` (`(count, chunks)`) into columns `first..first + chunks`
/// of `rows` (`(count, row_chunks)`).
fn put_columns(rows: &mut [Chunk], row_chunks: usize, first: usize, part: &[Chunk], chunks: usize) {
    if chunks == 0 {
        return;
    }
    for (row, part) in rows
        .chunks_exact_mut(row_chunks)
        .zip(part.chunks_exact(chunks))
    {
        row[first..first + chunks].copy_from_slice(part);
    }
}

fn read<T>(lock: &RwLock<T>) -> RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(PoisonError::into_inner)
}

fn write<T>(lock: &RwLock<T>) -> RwLockWriteGuard<'_, T> {
    lock.write().unwrap_or_else(PoisonError::into_inner)
}
