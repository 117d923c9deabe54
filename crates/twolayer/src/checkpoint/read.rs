//! Reading a checkpoint's bytes within what its header declares: a regular
//! file only (a device, a FIFO or a directory is refused before it is
//! opened), the 8-byte header length and the JSON header first, then
//! exactly the tensors' bytes the header accounts for, and only if the file
//! holds that many and no more. Nothing is read, or allocated, past the
//! smaller of the file's size and the size its header declares.

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::Path;

use safetensors::SafeTensorError;
use safetensors::tensor::Metadata;

use super::CheckpointError;

/// The bytes before the header: its length, a little-endian `u64`.
const LENGTH_BYTES: u64 = 8;
/// The longest header accepted: safetensors' own limit (its `MAX_HEADER_SIZE`).
const MAX_HEADER_BYTES: u64 = 100_000_000;

/// The whole safetensors file at `path`, which is a regular file whose
/// size is the one its header declares: `8 + header length + the end of
/// the last tensor's data_offsets`.
pub(super) fn declared_bytes(path: &Path) -> Result<Vec<u8>, CheckpointError> {
    let io_error = |error| CheckpointError::Io {
        action: "read",
        path: path.to_owned(),
        error,
    };
    let format = |error| CheckpointError::Format {
        path: path.to_owned(),
        error,
    };
    let file = open_regular(path).map_err(io_error)?;
    let found = file.metadata().map_err(io_error)?.len();
    // Never past the size the file had when opened, even if it grows.
    let mut file = file.take(found);

    let mut bytes = Vec::new();
    read_more(&mut file, LENGTH_BYTES, &mut bytes).map_err(io_error)?;
    let Ok(length) = <[u8; 8]>::try_from(bytes.as_slice()) else {
        return Err(format(SafeTensorError::HeaderTooSmall));
    };
    let header = u64::from_le_bytes(length);
    if header > MAX_HEADER_BYTES {
        return Err(format(SafeTensorError::HeaderTooLarge));
    }
    read_more(&mut file, header, &mut bytes).map_err(io_error)?;
    let header_end = LENGTH_BYTES + header;
    if (bytes.len() as u64) < header_end {
        return Err(format(SafeTensorError::InvalidHeaderLength));
    }
    let metadata: Metadata = serde_json::from_slice(&bytes[LENGTH_BYTES as usize..])
        .map_err(|e| format(SafeTensorError::InvalidHeaderDeserialization(e)))?;
    let declared = header_end.saturating_add(metadata.data_len() as u64);
    if declared != found {
        return Err(CheckpointError::Size {
            path: path.to_owned(),
            declared,
            found,
        });
    }
    read_more(&mut file, declared - header_end, &mut bytes).map_err(io_error)?;
    Ok(bytes)
}

/// Opens `path` if it is a regular file. Checked before opening (opening a
/// FIFO waits for a writer) and again after (the path may have changed).
fn open_regular(path: &Path) -> io::Result<File> {
    let not_regular = || {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file (a device, a FIFO or a directory)",
        )
    };
    if !fs::metadata(path)?.is_file() {
        return Err(not_regular());
    }
    let file = File::open(path)?;
    if !file.metadata()?.is_file() {
        return Err(not_regular());
    }
    Ok(file)
}

/// Appends at most `count` more bytes of `source` to `bytes` (fewer at its end).
fn read_more(source: &mut impl Read, count: u64, bytes: &mut Vec<u8>) -> io::Result<()> {
    source.take(count).read_to_end(bytes).map(drop)
}
