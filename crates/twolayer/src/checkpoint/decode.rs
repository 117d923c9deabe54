//! Safetensors bytes to a network, checking everything on the way.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use nalgebra::{DMatrix, DVector};
use safetensors::{Dtype, SafeTensors};
use tensor_ops::Real;

use super::{CheckpointError, FORMAT};
use crate::{Activation, Params, TwoLayerNet};

/// The network in the safetensors file `bytes`; `path` names it in errors.
pub(super) fn from_bytes<T: Real>(
    bytes: &[u8],
    path: &Path,
) -> Result<TwoLayerNet<T>, CheckpointError> {
    let path = path.to_owned();
    let format_error = |error| CheckpointError::Format {
        path: path.clone(),
        error,
    };
    let (_, header) = SafeTensors::read_metadata(bytes).map_err(format_error)?;
    let file = SafeTensors::deserialize(bytes).map_err(format_error)?;

    let mut names: Vec<String> = file.names().into_iter().map(str::to_owned).collect();
    names.sort();
    if let Some(name) = names
        .iter()
        .find(|n| !Params::<T>::NAMES.contains(&n.as_str()))
    {
        return Err(CheckpointError::UnexpectedTensor {
            path,
            name: name.clone(),
        });
    }
    let activation = activation(header.metadata().as_ref(), &path)?;

    let reader = Reader { file, path, names };
    let w1 = reader.matrix("W1", None, "[input, hidden]".into())?;
    let hidden = w1.ncols();
    let b1 = reader.vector("b1", hidden, format!("[{hidden}] (hidden, from W1)"))?;
    let w2 = reader.matrix(
        "W2",
        Some(hidden),
        format!("[{hidden}, output] (hidden from W1)"),
    )?;
    let output = w2.ncols();
    let b2 = reader.vector("b2", output, format!("[{output}] (output, from W2)"))?;
    Ok(TwoLayerNet::from_params(
        Params { w1, b1, w2, b2 },
        activation,
    ))
}

/// The activation named by the metadata, after checking its `"format"` if present.
fn activation(
    metadata: Option<&HashMap<String, String>>,
    path: &Path,
) -> Result<Activation, CheckpointError> {
    let bad = |problem: String| CheckpointError::BadMetadata {
        path: path.to_owned(),
        problem,
    };
    let get = |key: &str| metadata.and_then(|m| m.get(key));
    if let Some(format) = get("format").filter(|&f| f != FORMAT) {
        return Err(bad(format!(
            "the metadata says format {format:?}, expected {FORMAT:?}"
        )));
    }
    let name = get("activation").ok_or_else(|| {
        bad("the metadata has no \"activation\" entry (expected \"sigmoid\" or \"relu\")".into())
    })?;
    name.parse()
        .map_err(|e| bad(format!("the metadata's activation: {e}")))
}

/// Reads checked tensors out of a parsed file.
struct Reader<'data> {
    file: SafeTensors<'data>,
    path: PathBuf,
    names: Vec<String>,
}

impl Reader<'_> {
    /// Tensor `name` as a matrix of shape `[rows, columns]`, with `rows` as
    /// given if `Some`, and no zero size.
    fn matrix<T: Real>(
        &self,
        name: &'static str,
        rows: Option<usize>,
        expected: String,
    ) -> Result<DMatrix<T>, CheckpointError> {
        let (shape, values) = self.read(name)?;
        match shape[..] {
            [r, c] if r > 0 && c > 0 && rows.is_none_or(|rows| rows == r) => {
                Ok(DMatrix::from_row_iterator(r, c, values))
            }
            _ => Err(self.bad_shape(name, expected, shape)),
        }
    }

    /// Tensor `name` as a vector of length `len`.
    fn vector<T: Real>(
        &self,
        name: &'static str,
        len: usize,
        expected: String,
    ) -> Result<DVector<T>, CheckpointError> {
        let (shape, values) = self.read(name)?;
        if shape[..] == [len] {
            Ok(DVector::from_vec(values))
        } else {
            Err(self.bad_shape(name, expected, shape))
        }
    }

    /// The shape and row-major values of tensor `name`, converted to `T`.
    fn read<T: Real>(&self, name: &'static str) -> Result<(Vec<usize>, Vec<T>), CheckpointError> {
        let view = self
            .file
            .tensor(name)
            .map_err(|_| CheckpointError::MissingTensor {
                path: self.path.clone(),
                name,
                found: self.names.clone(),
            })?;
        let data = view.data();
        let values: Vec<T> = match view.dtype() {
            Dtype::F32 => data
                .chunks_exact(4)
                .map(|b| T::cast(f64::from(f32::from_le_bytes([b[0], b[1], b[2], b[3]]))))
                .collect(),
            Dtype::F64 => data
                .chunks_exact(8)
                .map(|b| {
                    T::cast(f64::from_le_bytes([
                        b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
                    ]))
                })
                .collect(),
            other => {
                return Err(CheckpointError::BadDtype {
                    path: self.path.clone(),
                    name,
                    found: other.to_string(),
                });
            }
        };
        let bad = values.iter().filter(|v| !v.is_finite()).count();
        if bad > 0 {
            return Err(CheckpointError::NonFinite {
                path: self.path.clone(),
                name,
                bad,
                total: values.len(),
            });
        }
        Ok((view.shape().to_vec(), values))
    }

    fn bad_shape(
        &self,
        name: &'static str,
        expected: String,
        found: Vec<usize>,
    ) -> CheckpointError {
        CheckpointError::BadShape {
            path: self.path.clone(),
            name,
            expected,
            found,
        }
    }
}
