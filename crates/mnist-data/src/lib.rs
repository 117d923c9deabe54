#![doc = include_str!("../README.md")]

mod error;
#[cfg(feature = "download")]
mod fetch;
mod files;
mod idx;
mod mnist;
mod parse;

pub use error::{Error, IdxError};
#[cfg(feature = "download")]
pub use fetch::{
    DEFAULT_MIRRORS, ExistingFiles, ExpectedFile, FetchEvent, FetchFailure, FetchOptions,
    FetchProblem, FetchReport, FetchedFile, FileFailure, LOCK_FILE, Mirror, MirrorFailure,
    default_mirrors, fetch_mnist, pinned_files, verify_file,
};
pub use files::MnistFile;
pub use idx::{GZIP_MAGIC, IdxArray, IdxType, is_gzip};
pub use mnist::{
    CLASSES, IMAGE_COLS, IMAGE_ROWS, Labels, LoadOptions, Mnist, PIXELS, Pixels, Split, SplitName,
    load_mnist, load_split,
};
pub use parse::{parse_idx, read_idx_file};
