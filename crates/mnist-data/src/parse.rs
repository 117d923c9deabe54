//! Reading IDX files, raw or gzip (detected by its magic bytes), from memory
//! or disk. Nothing is allocated from a declared size before it has been
//! checked against the bytes that are really there.

use std::fs::File;
use std::io::{self, BufReader, Read, Seek};
use std::path::Path;

use flate2::bufread::MultiGzDecoder;

use crate::error::{Error, IdxError};
use crate::idx::{IdxArray, IdxType, is_gzip, payload_len};

/// Deflate cannot expand its input more than about 1032 times, so a gzip
/// stream of `n` bytes justifies at most `1032 * n` bytes of output.
const MAX_DEFLATE_RATIO: u64 = 1032;

/// Buffer size for reading files: large reads keep gunzip and hashing fast.
pub(crate) const READ_BUFFER: usize = 256 * 1024;

/// Parses an IDX file held in memory, raw or gzip-compressed (detected by
/// its magic bytes).
///
/// The declared sizes are checked against the payload before any buffer of
/// that size is allocated; a gzip input is decompressed no further than the
/// sizes call for, plus one byte to notice trailing data.
pub fn parse_idx(bytes: &[u8]) -> Result<IdxArray, IdxError> {
    if is_gzip(bytes) {
        let bound = (bytes.len() as u64).saturating_mul(MAX_DEFLATE_RATIO);
        read_idx(
            MultiGzDecoder::new(bytes),
            Available::AtMost(bound),
            IdxError::Gzip,
        )
    } else {
        read_idx(
            bytes,
            Available::Exactly(bytes.len() as u64),
            IdxError::Read,
        )
    }
}

/// Reads an IDX file from disk, raw or gzip-compressed (detected by its
/// magic bytes), with the same checks as [`parse_idx`].
pub fn read_idx_file(path: &Path) -> Result<IdxArray, Error> {
    let io_error = |error| Error::Io {
        action: "read",
        path: path.to_owned(),
        error,
    };
    let mut file = File::open(path).map_err(io_error)?;
    let len = file.metadata().map_err(io_error)?.len();
    let mut head = [0u8; 2];
    let got = read_full(&mut file, &mut head).map_err(io_error)?;
    file.rewind().map_err(io_error)?;
    let reader = BufReader::with_capacity(READ_BUFFER, file);
    let result = if is_gzip(&head[..got]) {
        let bound = len.saturating_mul(MAX_DEFLATE_RATIO);
        read_idx(
            MultiGzDecoder::new(reader),
            Available::AtMost(bound),
            IdxError::Gzip,
        )
    } else {
        read_idx(reader, Available::Exactly(len), IdxError::Read)
    };
    result.map_err(|error| Error::Idx {
        path: path.to_owned(),
        error,
    })
}

/// What the caller knows of the length of the IDX bytes.
enum Available {
    /// The exact length (raw bytes in memory or on disk).
    Exactly(u64),
    /// An upper bound (the output of a decompressor).
    AtMost(u64),
}

/// The reader behind [`parse_idx`] and [`read_idx_file`]; `wrap` labels the
/// reader's own errors (gzip or plain read).
fn read_idx<R: Read>(
    mut reader: R,
    available: Available,
    wrap: fn(io::Error) -> IdxError,
) -> Result<IdxArray, IdxError> {
    let mut magic = [0u8; 4];
    let got = read_full(&mut reader, &mut magic).map_err(wrap)?;
    if got < magic.len() {
        return Err(IdxError::TooShort {
            needed: magic.len(),
            found: got,
        });
    }
    if magic[..2] != [0, 0] {
        return Err(IdxError::BadMagic {
            found: [magic[0], magic[1]],
        });
    }
    let dtype = IdxType::from_code(magic[2]).ok_or(IdxError::UnknownType { code: magic[2] })?;
    let ndims = usize::from(magic[3]);
    if ndims == 0 {
        return Err(IdxError::NoDimensions);
    }
    let header_len = 4 + 4 * ndims;
    let mut sizes = [0u8; 4 * 255];
    let sizes = &mut sizes[..4 * ndims];
    let got = read_full(&mut reader, sizes).map_err(wrap)?;
    if got < sizes.len() {
        return Err(IdxError::TooShort {
            needed: header_len,
            found: 4 + got,
        });
    }
    let dims: Vec<u32> = sizes
        .chunks_exact(4)
        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
        .collect();
    let expected = payload_len(dtype, &dims)?;
    let capacity = match available {
        Available::Exactly(total) => {
            let found = total.saturating_sub(header_len as u64);
            if found != expected {
                return Err(IdxError::PayloadLength {
                    dims,
                    expected,
                    found,
                });
            }
            expected
        }
        Available::AtMost(bound) => expected.min(bound.saturating_sub(header_len as u64)),
    };
    let capacity =
        usize::try_from(capacity).map_err(|_| IdxError::TooLarge { dims: dims.clone() })?;
    let mut data = Vec::with_capacity(capacity);
    (&mut reader)
        .take(expected.saturating_add(1))
        .read_to_end(&mut data)
        .map_err(wrap)?;
    let mut found = data.len() as u64;
    if found > expected {
        found += io::copy(&mut reader, &mut io::sink()).map_err(wrap)?;
    }
    if found != expected {
        return Err(IdxError::PayloadLength {
            dims,
            expected,
            found,
        });
    }
    IdxArray::new(dtype, dims, data)
}

/// Reads until `buf` is full or the input ends; returns the bytes read.
pub(crate) fn read_full(reader: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(code: u8, dims: &[u32]) -> Vec<u8> {
        let mut bytes = vec![0, 0, code, dims.len() as u8];
        for d in dims {
            bytes.extend_from_slice(&d.to_be_bytes());
        }
        bytes
    }

    #[test]
    fn parses_a_small_u8_matrix() {
        let mut bytes = header(0x08, &[2, 3]);
        bytes.extend_from_slice(&[1, 2, 3, 4, 5, 6]);
        let array = parse_idx(&bytes).unwrap();
        assert_eq!(array.dtype(), IdxType::U8);
        assert_eq!(array.dims(), &[2, 3]);
        assert_eq!(array.bytes(), &[1, 2, 3, 4, 5, 6]);
        assert_eq!(array.to_idx_bytes(), bytes);
    }

    #[test]
    fn rejects_bad_magic_type_and_dimension_count() {
        assert!(matches!(
            parse_idx(&[0, 1, 8, 1]),
            Err(IdxError::BadMagic { found: [0, 1] })
        ));
        assert!(matches!(
            parse_idx(&header(0x07, &[0])),
            Err(IdxError::UnknownType { code: 7 })
        ));
        assert!(matches!(
            parse_idx(&[0, 0, 8, 0]),
            Err(IdxError::NoDimensions)
        ));
        assert!(matches!(
            parse_idx(&[0, 0]),
            Err(IdxError::TooShort {
                needed: 4,
                found: 2
            })
        ));
        let short = &header(0x08, &[5, 5])[..9];
        assert!(matches!(
            parse_idx(short),
            Err(IdxError::TooShort {
                needed: 12,
                found: 9
            })
        ));
    }

    #[test]
    fn checks_declared_sizes_against_the_payload() {
        let mut bytes = header(0x08, &[3]);
        bytes.extend_from_slice(&[1, 2]);
        let err = parse_idx(&bytes).unwrap_err();
        assert!(
            matches!(
                err,
                IdxError::PayloadLength {
                    expected: 3,
                    found: 2,
                    ..
                }
            ),
            "{err}"
        );
        bytes.extend_from_slice(&[3, 4]);
        let err = parse_idx(&bytes).unwrap_err();
        assert!(
            matches!(
                err,
                IdxError::PayloadLength {
                    expected: 3,
                    found: 4,
                    ..
                }
            ),
            "{err}"
        );
        let huge = header(0x0e, &[u32::MAX, u32::MAX, u32::MAX]);
        assert!(matches!(parse_idx(&huge), Err(IdxError::TooLarge { .. })));
    }
}
