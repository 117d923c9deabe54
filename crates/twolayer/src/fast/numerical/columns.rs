//! The batch's inputs by columns, non-zero entries only: the samples that
//! each weight of `W1` touches.

use nalgebra::DMatrix;
use tensor_ops::Real;

/// `x: (N, D)` by columns, keeping only its non-zero entries, plus a column
/// `D` of ones for every sample: `b1` is the weight of an input that is always 1.
///
/// Column `i` is `sample[r]`, `value[r]` for `r` in `start[i]..start[i + 1]`,
/// samples in increasing order.
#[derive(Debug, Clone, Default)]
pub(super) struct Columns {
    start: Vec<usize>,
    sample: Vec<usize>,
    value: Vec<f64>,
}

impl Columns {
    /// Reads `x` (keeping the buffers' capacity).
    pub(super) fn read<T: Real>(&mut self, x: &DMatrix<T>) {
        self.start.clear();
        self.sample.clear();
        self.value.clear();
        for column in x.column_iter() {
            self.start.push(self.sample.len());
            for (n, &v) in column.iter().enumerate() {
                if v != T::zero() {
                    self.sample.push(n);
                    self.value.push(v.to_f64());
                }
            }
        }
        self.start.push(self.sample.len());
        self.sample.extend(0..x.nrows());
        self.value.resize(self.sample.len(), 1.0);
        self.start.push(self.sample.len());
    }

    /// The non-zero entries of column `i`: samples `n` and values `x[n][i]`.
    pub(super) fn entries(&self, i: usize) -> (&[usize], &[f64]) {
        let range = self.start[i]..self.start[i + 1];
        (&self.sample[range.clone()], &self.value[range])
    }

    /// The number of samples column `i` touches (`N` for `b1`'s column `D`).
    pub(super) fn len(&self, i: usize) -> usize {
        self.start[i + 1] - self.start[i]
    }
}
