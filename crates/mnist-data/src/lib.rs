#![doc = include_str!("../README.md")]

mod book;
mod dataset;
mod error;
#[cfg(feature = "download")]
pub mod fetch;
mod files;
mod idx;
mod load;
mod parse;
mod split;

pub use book::{BookArray, BookSplits, load_mnist};
pub use dataset::{DatasetSpec, FileSpec, MNIST, SplitFiles, SplitName};
pub use error::{Error, IdxError, Mismatch};
pub use files::MnistFile;
pub use idx::{GZIP_MAGIC, IdxArray, IdxType, is_gzip};
pub use load::{CLASSES, IMAGE_COLS, IMAGE_ROWS, PIXELS, load, load_split};
pub use parse::{parse_idx, read_idx_file};
pub use split::{Images, Labels, Mnist, Split};
