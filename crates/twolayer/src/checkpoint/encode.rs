//! Network to safetensors bytes.

use std::borrow::Cow;
use std::collections::HashMap;

use nalgebra::{DMatrix, DVector};
use safetensors::{Dtype, SafeTensorError, View};
use tensor_ops::Real;

use super::FORMAT;
use crate::TwoLayerNet;

/// A tensor to serialize: its dtype, shape and little-endian bytes.
struct Tensor {
    dtype: Dtype,
    shape: Vec<usize>,
    data: Vec<u8>,
}

impl View for &Tensor {
    fn dtype(&self) -> Dtype {
        self.dtype
    }

    fn shape(&self) -> &[usize] {
        &self.shape
    }

    fn data(&self) -> Cow<'_, [u8]> {
        Cow::Borrowed(&self.data)
    }

    fn data_len(&self) -> usize {
        self.data.len()
    }
}

/// The row-major little-endian bytes of `values`: `F32` for `f32`, else `F64`
/// (lossless for `f64`, and every other [`Real`] converts through `f64`).
fn tensor<T: Real>(shape: Vec<usize>, row_major: impl Iterator<Item = T>) -> Tensor {
    let (dtype, data) = if T::NAME == f32::NAME {
        let data = row_major
            .flat_map(|v| (v.to_f64() as f32).to_le_bytes())
            .collect();
        (Dtype::F32, data)
    } else {
        let data = row_major.flat_map(|v| v.to_f64().to_le_bytes()).collect();
        (Dtype::F64, data)
    };
    Tensor { dtype, shape, data }
}

fn matrix_tensor<T: Real>(m: &DMatrix<T>) -> Tensor {
    // nalgebra is column-major; safetensors is row-major.
    let row_major = m
        .row_iter()
        .flat_map(|row| row.iter().copied().collect::<Vec<_>>());
    tensor(vec![m.nrows(), m.ncols()], row_major)
}

fn vector_tensor<T: Real>(v: &DVector<T>) -> Tensor {
    tensor(vec![v.len()], v.iter().copied())
}

/// The safetensors file of `net`: its four tensors and the metadata.
pub(super) fn to_bytes<T: Real>(net: &TwoLayerNet<T>) -> Result<Vec<u8>, SafeTensorError> {
    let p = &net.params;
    let tensors = [
        ("W1", matrix_tensor(&p.w1)),
        ("b1", vector_tensor(&p.b1)),
        ("W2", matrix_tensor(&p.w2)),
        ("b2", vector_tensor(&p.b2)),
    ];
    let metadata = HashMap::from([
        ("format".to_owned(), FORMAT.to_owned()),
        ("activation".to_owned(), net.activation.name().to_owned()),
    ]);
    safetensors::serialize(tensors.iter().map(|(name, t)| (*name, t)), Some(metadata))
}
