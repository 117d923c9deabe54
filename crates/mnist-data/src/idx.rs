//! The IDX format in general: the value types, a validated array, and the
//! encoder that writes one back as an IDX file.
//!
//! Layout: two zero bytes, a type code, the number of dimensions `d`, then
//! `d` big-endian `u32` sizes, then the values in row-major order (big-endian
//! when wider than a byte).

use crate::error::IdxError;

/// The two bytes every gzip stream starts with.
pub const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// The type of the values of an IDX file (third byte of the header).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdxType {
    /// `0x08`: unsigned byte (MNIST's pixels and labels).
    U8,
    /// `0x09`: signed byte.
    I8,
    /// `0x0b`: big-endian `i16`.
    I16,
    /// `0x0c`: big-endian `i32`.
    I32,
    /// `0x0d`: big-endian `f32`.
    F32,
    /// `0x0e`: big-endian `f64`.
    F64,
}

impl IdxType {
    /// The type for a header's type code, if the format defines it.
    pub fn from_code(code: u8) -> Option<Self> {
        Some(match code {
            0x08 => Self::U8,
            0x09 => Self::I8,
            0x0b => Self::I16,
            0x0c => Self::I32,
            0x0d => Self::F32,
            0x0e => Self::F64,
            _ => return None,
        })
    }

    /// The header's type code for this type.
    pub fn code(self) -> u8 {
        match self {
            Self::U8 => 0x08,
            Self::I8 => 0x09,
            Self::I16 => 0x0b,
            Self::I32 => 0x0c,
            Self::F32 => 0x0d,
            Self::F64 => 0x0e,
        }
    }

    /// Bytes per value.
    pub fn size(self) -> usize {
        match self {
            Self::U8 | Self::I8 => 1,
            Self::I16 => 2,
            Self::I32 | Self::F32 => 4,
            Self::F64 => 8,
        }
    }
}

/// A validated IDX array: its type, its sizes and its payload bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdxArray {
    dtype: IdxType,
    dims: Vec<u32>,
    data: Vec<u8>,
}

impl IdxArray {
    /// An array from its parts, checking that `data` holds exactly the
    /// values the sizes call for (big-endian when wider than a byte).
    pub fn new(dtype: IdxType, dims: Vec<u32>, data: Vec<u8>) -> Result<Self, IdxError> {
        if dims.is_empty() || dims.len() > usize::from(u8::MAX) {
            return Err(IdxError::NoDimensions);
        }
        let expected = payload_len(dtype, &dims)?;
        if data.len() as u64 != expected {
            let found = data.len() as u64;
            return Err(IdxError::PayloadLength {
                dims,
                expected,
                found,
            });
        }
        Ok(Self { dtype, dims, data })
    }

    /// The type of the values.
    pub fn dtype(&self) -> IdxType {
        self.dtype
    }

    /// The sizes, outermost first (MNIST images: `[n, 28, 28]`).
    pub fn dims(&self) -> &[u32] {
        &self.dims
    }

    /// The number of values.
    pub fn len(&self) -> usize {
        self.data.len() / self.dtype.size()
    }

    /// Whether the array holds no value.
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    /// The payload as stored: row-major, big-endian.
    pub fn bytes(&self) -> &[u8] {
        &self.data
    }

    /// The payload, without copying it.
    pub fn into_bytes(self) -> Vec<u8> {
        self.data
    }

    /// Every value converted to `f64`, whatever the type.
    pub fn to_f64(&self) -> Vec<f64> {
        let size = self.dtype.size();
        self.data
            .chunks_exact(size)
            .map(|b| match self.dtype {
                IdxType::U8 => f64::from(b[0]),
                IdxType::I8 => f64::from(b[0] as i8),
                IdxType::I16 => f64::from(i16::from_be_bytes([b[0], b[1]])),
                IdxType::I32 => f64::from(i32::from_be_bytes([b[0], b[1], b[2], b[3]])),
                IdxType::F32 => f64::from(f32::from_be_bytes([b[0], b[1], b[2], b[3]])),
                IdxType::F64 => {
                    f64::from_be_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])
                }
            })
            .collect()
    }

    /// The array encoded as an (uncompressed) IDX file: the encoder that
    /// [`parse_idx`](crate::parse_idx) inverts. Tests write their synthetic
    /// MNIST files with it.
    ///
    /// ```
    /// use mnist_data::{IdxArray, IdxType, parse_idx};
    ///
    /// let labels = IdxArray::new(IdxType::U8, vec![3], vec![5, 0, 4])?;
    /// let bytes = labels.to_idx_bytes();
    /// assert_eq!(bytes, [0, 0, 0x08, 1, 0, 0, 0, 3, 5, 0, 4]);
    /// assert_eq!(parse_idx(&bytes)?, labels);
    /// # Ok::<(), mnist_data::IdxError>(())
    /// ```
    pub fn to_idx_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(4 + 4 * self.dims.len() + self.data.len());
        // `new` and the reader both cap the dimension count at 255.
        let ndims = u8::try_from(self.dims.len()).unwrap_or(u8::MAX);
        out.extend_from_slice(&[0, 0, self.dtype.code(), ndims]);
        for d in &self.dims {
            out.extend_from_slice(&d.to_be_bytes());
        }
        out.extend_from_slice(&self.data);
        out
    }
}

/// Whether `bytes` start like a gzip stream.
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&GZIP_MAGIC)
}

/// Bytes of payload that `dims` values of `dtype` take, if addressable.
pub(crate) fn payload_len(dtype: IdxType, dims: &[u32]) -> Result<u64, IdxError> {
    dims.iter()
        .try_fold(dtype.size() as u64, |acc, &d| acc.checked_mul(u64::from(d)))
        .filter(|&n| usize::try_from(n).is_ok_and(|n| n <= isize::MAX as usize))
        .ok_or_else(|| IdxError::TooLarge {
            dims: dims.to_vec(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_big_endian_wide_types() {
        let data = [(-2i16).to_be_bytes(), 300i16.to_be_bytes()].concat();
        let array = IdxArray::new(IdxType::I16, vec![2], data).unwrap();
        assert_eq!(array.to_f64(), vec![-2.0, 300.0]);
        let array = IdxArray::new(IdxType::F32, vec![1], 1.5f32.to_be_bytes().to_vec()).unwrap();
        assert_eq!(array.to_f64(), vec![1.5]);
        assert_eq!(
            array.to_idx_bytes(),
            [&[0, 0, 0x0d, 1, 0, 0, 0, 1][..], &1.5f32.to_be_bytes()].concat()
        );
    }

    #[test]
    fn new_checks_the_payload_length() {
        assert!(IdxArray::new(IdxType::I32, vec![2], vec![0; 8]).is_ok());
        assert!(IdxArray::new(IdxType::I32, vec![2], vec![0; 7]).is_err());
        assert!(IdxArray::new(IdxType::U8, vec![], vec![]).is_err());
    }
}
