//! What a trained network learned, in three pictures, written by `eval`
//! and at the end of `train`: `confusion.svg` (where it errs),
//! `misclassified.svg` (the first 64 test images it gets wrong) and
//! `weights.svg` (each hidden unit's W1 column as a 28x28 image). The data
//! come from `twolayer` and `studies`, the drawings from `plots`.

use std::path::{Path, PathBuf};

use twolayer::{Dataset, TwoLayerNet, confusion_matrix};

use crate::new_files::write_new_files;

/// The three pictures of `net` on the test set `test` as (file name, SVG);
/// `model` names the network in the captions.
///
/// # Errors
/// If the images are not 28x28 (the pictures are of MNIST).
pub fn pictures(
    net: &TwoLayerNet<f32>,
    test: &Dataset<'_>,
    model: &str,
) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let (input, hidden, output) = net.dims();
    let caption = format!(
        "{model} ({input}-{hidden}-{output}, {}), {} test images",
        net.activation,
        test.len()
    );
    let mistakes = studies::first_misclassified(net, test, plots::MISCLASSIFIED);
    let misclassified = plots::misclassified_svg(&caption, &mistakes, test)?;
    let columns = studies::w1_columns(net);
    let weights = plots::weights_svg(&caption, &columns, studies::shared_scale(&columns))?;
    let confusion = plots::confusion_svg(&confusion_matrix(net, test), &caption);
    Ok(vec![
        ("confusion.svg".to_owned(), confusion.into_bytes()),
        ("misclassified.svg".to_owned(), misclassified.into_bytes()),
        ("weights.svg".to_owned(), weights.into_bytes()),
    ])
}

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
    let files = pictures(net, test, model)?;
    write_new_files(dir, flag, &files, force, inputs)
}
