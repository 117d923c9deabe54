//! Why one attempt to fetch a file from one mirror failed, and whether
//! trying the same mirror again may help.

use std::error::Error as StdError;
use std::io;

/// Why a mirror did not deliver a verified copy of a file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FetchProblem {
    /// The server answered with a status other than success.
    #[error("HTTP {code} {reason}")]
    HttpStatus {
        /// The status code, e.g. 404.
        code: u16,
        /// Its canonical reason phrase, e.g. "Not Found".
        reason: String,
    },
    /// A local mirror holds neither `name` nor `name.gz`.
    #[error("no such file")]
    Missing,
    /// No connection could be made.
    #[error("cannot connect: {0}")]
    Connect(String),
    /// The server was slower than the connect or read timeout, the file's
    /// deadline or the minimum rate.
    #[error("timed out: {0}")]
    Timeout(String),
    /// The body ended before all of it arrived.
    #[error("body cut short: {0}")]
    Truncated(String),
    /// The transfer failed in another way.
    #[error("transfer failed: {0}")]
    Transfer(String),
    /// The request could not be made at all (bad URL, redirect loop, ...).
    #[error("request failed: {0}")]
    Request(String),
    /// The HTTP client could not be set up.
    #[error("cannot set up the HTTP client: {0}")]
    Client(String),
    /// A local file could not be read.
    #[error("cannot read {0}")]
    Read(String),
    /// The bytes are not a valid gzip stream.
    #[error("not valid gzip data: {0}")]
    Corrupt(String),
    /// A file named `.gz` does not start with the gzip magic bytes.
    #[error("not gzip, though named .gz: it starts with {}", hex_bytes(found))]
    NotGzip {
        /// Its first bytes (at most 4).
        found: Vec<u8>,
    },
    /// The content does not start with the expected IDX magic number (two
    /// zero bytes, a type code, a number of dimensions).
    #[error(
        "wrong magic: expected content starting with {}, found {}",
        hex_bytes(expected),
        hex_bytes(found)
    )]
    WrongMagic {
        /// The expected first four bytes.
        expected: Vec<u8>,
        /// The content's first bytes (at most 4).
        found: Vec<u8>,
    },
    /// The content grew past the expected length.
    #[error("content longer than the expected {limit} bytes")]
    Oversized {
        /// The expected length of the decompressed content.
        limit: u64,
    },
    /// The content has the wrong length.
    #[error("wrong size: expected {expected} bytes of content, found {found}")]
    WrongSize {
        /// The expected length of the decompressed content.
        expected: u64,
        /// The length received.
        found: u64,
    },
    /// The content's SHA-256 differs from the pinned one.
    #[error("checksum mismatch: expected SHA-256 {expected}, found {found}")]
    Checksum {
        /// The pinned checksum, hexadecimal.
        expected: String,
        /// The checksum of what was received, hexadecimal.
        found: String,
    },
}

impl FetchProblem {
    /// Whether the same mirror may succeed if asked again: connection
    /// failures, cut-short bodies, server errors (5xx), 408 and 429.
    /// Anything else (404, wrong content) moves on to the next mirror, and
    /// so does a timeout: waiting again would double the cost of a mirror
    /// that hangs or trickles.
    pub fn is_transient(&self) -> bool {
        match self {
            Self::HttpStatus { code, .. } => *code >= 500 || *code == 408 || *code == 429,
            Self::Connect(_) | Self::Truncated(_) | Self::Transfer(_) => true,
            _ => false,
        }
    }

    /// Whether the mirror is not to be asked again for the other files of
    /// this fetch: it could not be reached, or it timed out.
    pub fn disqualifies_mirror(&self) -> bool {
        matches!(self, Self::Connect(_) | Self::Timeout(_))
    }

    /// The problem a gzip decoder's error stands for: a stream that ends
    /// early was cut short, anything else is corrupt.
    pub(crate) fn from_gzip_error(error: io::Error) -> Self {
        if error.kind() == io::ErrorKind::UnexpectedEof {
            Self::Truncated(format!("the gzip stream ends early ({error})"))
        } else {
            Self::Corrupt(error_chain(&error))
        }
    }
}

/// Bytes in hexadecimal, space-separated: "1f 8b 08 00".
fn hex_bytes(bytes: &[u8]) -> String {
    let hex: Vec<String> = bytes.iter().map(|b| format!("{b:02x}")).collect();
    hex.join(" ")
}

/// An error and its sources, joined by ": ", without repeating a message
/// that an outer one already contains.
pub(crate) fn error_chain(error: &(dyn StdError + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(inner) = source {
        let message = inner.to_string();
        if !text.contains(&message) {
            text.push_str(": ");
            text.push_str(&message);
        }
        source = inner.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_retryable_problems_are_transient() {
        let status = |code| FetchProblem::HttpStatus {
            code,
            reason: String::new(),
        };
        assert!(status(500).is_transient());
        assert!(status(503).is_transient());
        assert!(status(429).is_transient());
        assert!(!status(404).is_transient());
        assert!(!status(403).is_transient());
        assert!(!FetchProblem::Timeout(String::new()).is_transient());
        assert!(FetchProblem::Timeout(String::new()).disqualifies_mirror());
        assert!(FetchProblem::Connect(String::new()).disqualifies_mirror());
        assert!(!status(503).disqualifies_mirror());
        assert!(!FetchProblem::Missing.is_transient());
        let checksum = FetchProblem::Checksum {
            expected: "a".into(),
            found: "b".into(),
        };
        assert!(!checksum.is_transient());
    }

    #[test]
    fn gzip_errors_are_classified() {
        let eof = io::Error::new(io::ErrorKind::UnexpectedEof, "eof");
        assert!(FetchProblem::from_gzip_error(eof).is_transient());
        let bad = io::Error::new(io::ErrorKind::InvalidInput, "corrupt deflate stream");
        assert!(matches!(
            FetchProblem::from_gzip_error(bad),
            FetchProblem::Corrupt(_)
        ));
    }
}
