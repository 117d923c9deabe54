//! What a verified copy of a file must hold ([`ExpectedFile`]: the SHA-256
//! and length of its decompressed content), and the check that a copy on
//! disk, raw or gzip, holds exactly that.

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::Path;

use flate2::bufread::MultiGzDecoder;
use sha2::{Digest, Sha256};

use crate::dataset::DatasetSpec;
use crate::error::Error;
use crate::files::MnistFile;
use crate::idx::is_gzip;
use crate::parse::{READ_BUFFER, read_full};

use super::problem::FetchProblem;

impl MnistFile {
    /// What a verified copy of this file must hold.
    pub fn expected(self) -> ExpectedFile {
        let sha256 = decode_hex(self.sha256_hex()).unwrap_or_default();
        ExpectedFile {
            name: self.name().to_owned(),
            sha256,
            len: self.content_len(),
            magic: Some(self.magic()),
        }
    }
}

impl DatasetSpec {
    /// What verified copies of its four files must hold, in download order:
    /// what [`FetchOptions::files`](super::FetchOptions::files) takes to fetch
    /// this data set. For [`MNIST`](crate::MNIST), the [`pinned_files`].
    ///
    /// # Errors
    /// [`Error::InvalidChecksum`] when a checksum is not 64 hexadecimal digits.
    pub fn expected_files(&self) -> Result<Vec<ExpectedFile>, Error> {
        let magic = [[0, 0, 0x08, 3], [0, 0, 0x08, 1]];
        self.files()
            .into_iter()
            .zip(magic.into_iter().cycle())
            .map(|((file, len), magic)| {
                let expected = ExpectedFile::new(file.name.as_ref(), &file.sha256_hex, len)?;
                Ok(ExpectedFile {
                    magic: Some(magic),
                    ..expected
                })
            })
            .collect()
    }
}

/// The files of the real MNIST database with their pinned checksums.
pub fn pinned_files() -> Vec<ExpectedFile> {
    MnistFile::ALL.iter().map(|f| f.expected()).collect()
}

/// A file to fetch: its name (without `.gz`) and the SHA-256 and length of
/// its decompressed content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectedFile {
    /// The name, without `.gz`; mirrors serve `name.gz`, the data directory
    /// keeps the decompressed `name`.
    pub name: String,
    /// SHA-256 of the decompressed content.
    pub sha256: [u8; 32],
    /// Length of the decompressed content in bytes.
    pub len: u64,
    /// The content's first four bytes (its IDX magic number), when known:
    /// content that starts otherwise is reported as
    /// [`FetchProblem::WrongMagic`] rather than a mere checksum mismatch.
    pub magic: Option<[u8; 4]>,
}

impl ExpectedFile {
    /// An expected file from a checksum written in hexadecimal.
    pub fn new(name: impl Into<String>, sha256_hex: &str, len: u64) -> Result<Self, Error> {
        let name = name.into();
        match decode_hex(sha256_hex) {
            Some(sha256) => Ok(Self {
                name,
                sha256,
                len,
                magic: None,
            }),
            None => Err(Error::InvalidChecksum {
                name,
                found: sha256_hex.to_owned(),
            }),
        }
    }

    /// The expectation that `content` (decompressed) meets, its first four
    /// bytes as the magic number; handy for serving a synthetic dataset in
    /// tests.
    pub fn for_content(name: impl Into<String>, content: &[u8]) -> Self {
        Self {
            name: name.into(),
            sha256: Sha256::digest(content).into(),
            len: content.len() as u64,
            magic: content.first_chunk::<4>().copied(),
        }
    }

    /// The checksum in lowercase hexadecimal.
    pub fn sha256_hex(&self) -> String {
        to_hex(&self.sha256)
    }
}

/// Checks that the file at `path`, raw or gzip, decompresses to exactly the
/// expected content. It only reads the file.
///
/// # Errors
/// The first thing wrong, in this order: the file cannot be read
/// ([`FetchProblem::Read`]), it is named `.gz` but is not gzip
/// ([`FetchProblem::NotGzip`]), its gzip stream is damaged, its content
/// starts with the wrong magic number ([`FetchProblem::WrongMagic`]), has
/// the wrong length ([`FetchProblem::WrongSize`],
/// [`FetchProblem::Oversized`]) or the wrong SHA-256
/// ([`FetchProblem::Checksum`]).
pub fn verify_file(path: &Path, expected: &ExpectedFile) -> Result<(), FetchProblem> {
    let read_problem = |e: io::Error| FetchProblem::Read(format!("{}: {e}", path.display()));
    let mut file = BufReader::with_capacity(READ_BUFFER, File::open(path).map_err(read_problem)?);
    let mut head = [0u8; 4];
    let got = read_full(&mut file, &mut head).map_err(read_problem)?;
    if path.extension().is_some_and(|e| e == "gz") && !is_gzip(&head[..got]) {
        return Err(FetchProblem::NotGzip {
            found: head[..got].to_vec(),
        });
    }
    let prefix = io::Cursor::new(head[..got].to_vec()).chain(file);
    let mut digester = Digester::new(expected);
    let mut buf = vec![0u8; READ_BUFFER];
    if is_gzip(&head[..got]) {
        let mut content = MultiGzDecoder::new(BufReader::with_capacity(READ_BUFFER, prefix));
        // A file on disk, unlike a download, is not "cut short" by a mirror:
        // a stream that ends early is a damaged file.
        digester.consume(&mut content, &mut buf, |e| {
            FetchProblem::Corrupt(if e.kind() == io::ErrorKind::UnexpectedEof {
                "the gzip stream ends early".to_owned()
            } else {
                e.to_string()
            })
        })?;
    } else {
        let mut content = prefix;
        digester.consume(&mut content, &mut buf, read_problem)?;
    }
    digester.finish()
}

/// Hashes content as it streams by and compares it with an [`ExpectedFile`],
/// refusing to read past the expected length.
pub(crate) struct Digester<'a> {
    expected: &'a ExpectedFile,
    hasher: Sha256,
    len: u64,
    head: Vec<u8>,
}

impl<'a> Digester<'a> {
    pub(crate) fn new(expected: &'a ExpectedFile) -> Self {
        Self {
            expected,
            hasher: Sha256::new(),
            len: 0,
            head: Vec::with_capacity(4),
        }
    }

    /// Adds a chunk; fails as soon as the content exceeds the expected length.
    pub(crate) fn update(&mut self, chunk: &[u8]) -> Result<(), FetchProblem> {
        let wanted = 4 - self.head.len();
        self.head.extend(chunk.iter().take(wanted));
        self.len += chunk.len() as u64;
        if self.len > self.expected.len {
            return Err(self.magic_problem().unwrap_or(FetchProblem::Oversized {
                limit: self.expected.len,
            }));
        }
        self.hasher.update(chunk);
        Ok(())
    }

    /// Reads `content` to its end through [`Digester::update`].
    fn consume(
        &mut self,
        content: &mut impl Read,
        buf: &mut [u8],
        on_error: impl Fn(io::Error) -> FetchProblem,
    ) -> Result<(), FetchProblem> {
        loop {
            match content.read(buf) {
                Ok(0) => return Ok(()),
                Ok(n) => self.update(&buf[..n])?,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(on_error(e)),
            }
        }
    }

    /// Compares length and checksum with the expectation.
    pub(crate) fn finish(self) -> Result<(), FetchProblem> {
        if let Some(problem) = self.magic_problem() {
            return Err(problem);
        }
        if self.len != self.expected.len {
            return Err(FetchProblem::WrongSize {
                expected: self.expected.len,
                found: self.len,
            });
        }
        let found: [u8; 32] = self.hasher.finalize().into();
        if found != self.expected.sha256 {
            return Err(FetchProblem::Checksum {
                expected: self.expected.sha256_hex(),
                found: to_hex(&found),
            });
        }
        Ok(())
    }
}

impl Digester<'_> {
    /// A wrong magic number, once the content's first bytes are known to
    /// differ from the expected ones.
    fn magic_problem(&self) -> Option<FetchProblem> {
        let expected = self.expected.magic?;
        let seen = self.head.len();
        (expected[..seen] != self.head[..]).then(|| FetchProblem::WrongMagic {
            expected: expected.to_vec(),
            found: self.head.clone(),
        })
    }
}

/// Lowercase hexadecimal.
fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// 32 bytes from 64 hexadecimal digits (either case).
fn decode_hex(text: &str) -> Option<[u8; 32]> {
    let text = text.as_bytes();
    if text.len() != 64 {
        return None;
    }
    let digit = |c: u8| (c as char).to_digit(16);
    let mut out = [0u8; 32];
    for (byte, pair) in out.iter_mut().zip(text.chunks_exact(2)) {
        *byte = u8::try_from(digit(pair[0])? * 16 + digit(pair[1])?).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinned_checksums_decode() {
        for file in MnistFile::ALL {
            assert_eq!(file.expected().sha256_hex(), file.sha256_hex());
        }
    }

    #[test]
    fn hex_round_trips_and_rejects_garbage() {
        let e = ExpectedFile::for_content("x", b"abc");
        assert_eq!(
            ExpectedFile::new("x", &e.sha256_hex().to_uppercase(), 3).unwrap(),
            e
        );
        assert!(ExpectedFile::new("x", "12", 3).is_err());
        assert!(ExpectedFile::new("x", &"g".repeat(64), 3).is_err());
    }

    #[test]
    fn digester_checks_magic_length_and_checksum() {
        let e = ExpectedFile::for_content("x", b"abcdef");
        let finish = |chunks: &[&[u8]]| {
            let mut d = Digester::new(&e);
            for chunk in chunks {
                d.update(chunk)?;
            }
            d.finish()
        };
        assert!(matches!(
            finish(&[b"ab", b"cd"]),
            Err(FetchProblem::WrongSize {
                expected: 6,
                found: 4
            })
        ));
        assert!(matches!(
            finish(&[b"abcdefg"]),
            Err(FetchProblem::Oversized { limit: 6 })
        ));
        assert!(matches!(
            finish(&[b"abcdeg"]),
            Err(FetchProblem::Checksum { .. })
        ));
        let wrong_magic = finish(&[b"a", b"bXdefgh"]).unwrap_err();
        assert_eq!(
            wrong_magic.to_string(),
            "wrong magic: expected content starting with 61 62 63 64, found 61 62 58 64"
        );
        assert!(finish(&[b"abc", b"def"]).is_ok());
    }
}
