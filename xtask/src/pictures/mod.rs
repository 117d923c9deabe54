//! What a trained network learned, in three pictures, written by `eval`
//! and at the end of `train`: `confusion.svg` (where it errs),
//! `misclassified.svg` (the first 64 test images it gets wrong) and
//! `weights.svg` (each hidden unit's W1 column as a 28x28 image). The data
//! come from `twolayer` and `studies`, the drawings from `plots`.

use std::path::{Path, PathBuf};

use twolayer::{Dataset, TwoLayerNet};

use atomic_file::outputs::write_new_files;

/// Draws the three pictures and writes them into `dir` (see
/// [`write_new_files`]: `flag` names `dir` in errors, existing files are
/// kept unless `force`, `inputs` are never written).
pub fn write_pictures(
    dir: &Path,
    flag: &str,
    net: &TwoLayerNet<f32>,
    test: &Dataset<'_>,
    model: &str,
    force: bool,
    inputs: &[&Path],
) -> anyhow::Result<Vec<PathBuf>> {
    let files = runs::pictures::picture_files(net, test, model)?;
    Ok(write_new_files(dir, flag, &files, force, inputs)?)
}
