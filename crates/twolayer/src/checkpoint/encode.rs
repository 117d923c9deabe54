//! Network to safetensors bytes.

use std::borrow::Cow;

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

/// The safetensors file of `net`: its four tensors and the metadata, in a
/// fixed order so the same network always gives the same bytes.
pub(super) fn to_bytes<T: Real>(net: &TwoLayerNet<T>) -> Result<Vec<u8>, SafeTensorError> {
    let p = &net.params;
    let tensors = [
        ("W1", matrix_tensor(&p.w1)),
        ("b1", vector_tensor(&p.b1)),
        ("W2", matrix_tensor(&p.w2)),
        ("b2", vector_tensor(&p.b2)),
    ];
    // `safetensors::serialize` takes the metadata as a `HashMap`, whose
    // order varies from run to run; so the file is written without it and
    // the metadata spliced in, sorted by key.
    let plain = safetensors::serialize(tensors.iter().map(|(name, t)| (*name, t)), None)?;
    let metadata = format!(
        "\"__metadata__\":{{\"activation\":\"{}\",\"format\":\"{FORMAT}\"}}",
        net.activation.name()
    );
    Ok(with_metadata(&plain, &metadata))
}

/// The safetensors file `plain` (written without metadata) with the JSON
/// member `metadata` first in its header, padded with spaces to a multiple
/// of 8 bytes as the format requires.
fn with_metadata(plain: &[u8], metadata: &str) -> Vec<u8> {
    const LEN: usize = std::mem::size_of::<u64>();
    let mut header_len = [0; LEN];
    header_len.copy_from_slice(&plain[..LEN]);
    let header_len = usize::try_from(u64::from_le_bytes(header_len)).unwrap_or(usize::MAX);
    let (header, data) = plain[LEN..].split_at(header_len);
    let tensors = String::from_utf8_lossy(header);
    let tensors = tensors.trim_end().trim_start_matches('{');
    let mut header = format!("{{{metadata},{tensors}");
    while header.len() % LEN != 0 {
        header.push(' ');
    }
    let mut bytes = Vec::with_capacity(LEN + header.len() + data.len());
    bytes.extend_from_slice(&(header.len() as u64).to_le_bytes());
    bytes.extend_from_slice(header.as_bytes());
    bytes.extend_from_slice(data);
    bytes
}
