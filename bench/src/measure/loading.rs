//! Loading MNIST: from the compressed (or raw) bytes on disk to the `u8`
//! arrays training uses, timed.

use std::path::Path;
use std::time::Instant;

use mnist_data::MnistFile;
use serde::Serialize;

use crate::BenchError;

/// The times of loading the four files.
#[derive(Debug, Clone, Serialize)]
pub struct Loading {
    /// Every run, seconds.
    pub runs_s: Vec<f64>,
    /// What was read: `gz` or `raw` (or a mix).
    pub files: String,
}

/// Times `runs` calls of `mnist_data::load` on `dir` (raw bytes, as
/// `train` loads).
///
/// # Errors
/// [`BenchError::Load`] when the files do not load.
pub fn time_loading(dir: &Path, runs: usize) -> Result<Loading, BenchError> {
    let runs_s = (0..runs)
        .map(|_| {
            let started = Instant::now();
            let mnist = mnist_data::load(dir).map_err(|source| BenchError::Load {
                dir: dir.to_path_buf(),
                source,
            })?;
            let seconds = started.elapsed().as_secs_f64();
            drop(mnist);
            Ok(seconds)
        })
        .collect::<Result<_, BenchError>>()?;
    let raw = MnistFile::ALL
        .iter()
        .filter(|file| dir.join(file.name()).is_file())
        .count();
    let files = match raw {
        0 => "gz".to_owned(),
        4 => "raw".to_owned(),
        n => format!("{n} raw, {} gz", 4 - n),
    };
    Ok(Loading { runs_s, files })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_directory_is_a_load_error() {
        let missing = Path::new("/nonexistent/mnist");
        let error = time_loading(missing, 1).expect_err("nothing to load");
        assert!(matches!(error, BenchError::Load { .. }), "{error}");
        assert!(error.to_string().contains("/nonexistent/mnist"), "{error}");
    }
}
