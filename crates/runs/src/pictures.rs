//! The pictures a finished run leaves in its directory, the same whether
//! `train` or the page started it: `loss.svg` and `accuracy.svg` from its
//! record, and `confusion.svg`, `misclassified.svg` and `weights.svg` of
//! the trained network on the test set (data from `twolayer` and
//! `studies`, drawings from `plots`).

use std::path::{Path, PathBuf};

use plots::DrawError;
use twolayer::fast::confusion_matrix;
use twolayer::{Dataset, TwoLayerNet};

use crate::RunRecord;

/// Files as (name, contents).
pub type NamedFiles = Vec<(String, Vec<u8>)>;

/// `loss.svg` (the sampled losses, with a note when they are thinned) and
/// `accuracy.svg` (train and test accuracy per epoch) of `record`.
///
/// # Errors
/// If plotters cannot draw the series (a bug, not bad data).
pub fn plot_files(record: &RunRecord) -> Result<NamedFiles, DrawError> {
    let losses = &record.losses;
    let note = losses.note("iterations");
    let loss = plots::loss_svg(losses.points(), losses.len(), note.as_deref())?;
    let accuracy = plots::accuracy_svg(&record.epochs)?;
    Ok(vec![
        ("loss.svg".to_owned(), loss.into_bytes()),
        ("accuracy.svg".to_owned(), accuracy.into_bytes()),
    ])
}

/// The three pictures of `net` on the test set `test`: where it errs
/// (`confusion.svg`), the first [`plots::MISCLASSIFIED`] images it gets
/// wrong (`misclassified.svg`) and each hidden unit's W1 column as a 28x28
/// tile on one shared scale (`weights.svg`); `model` names the network in
/// the captions.
///
/// # Errors
/// If the images are not 28x28 (the pictures are of MNIST).
pub fn picture_files(
    net: &TwoLayerNet<f32>,
    test: &Dataset<'_>,
    model: &str,
) -> Result<NamedFiles, DrawError> {
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

/// How the pictures name `model`: `<its directory's name>/<its file name>`
/// (`2026-11-23T14-30-05/model.safetensors`) from its canonical path, so
/// the pictures are the same whatever spelling of the path was given
/// (relative, absolute, `./`); the path as given if it cannot be resolved.
pub fn model_name(model: &Path) -> String {
    let resolved = std::fs::canonicalize(model).unwrap_or_else(|_| model.to_path_buf());
    let mut tail: Vec<_> = resolved.iter().rev().take(2).collect();
    tail.reverse();
    tail.iter().collect::<PathBuf>().display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_model_is_named_the_same_whatever_the_spelling() -> std::io::Result<()> {
        let tmp = tempfile::tempdir()?;
        let run = tmp.path().join("run-1");
        std::fs::create_dir(&run)?;
        let model = run.join("model.safetensors");
        std::fs::write(&model, b"x")?;
        let spellings = [
            model.clone(),
            run.join("./model.safetensors"),
            tmp.path().join("run-1/../run-1/model.safetensors"),
        ];
        for spelling in spellings {
            assert_eq!(model_name(&spelling), "run-1/model.safetensors");
        }
        Ok(())
    }
}
