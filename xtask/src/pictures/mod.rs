//! What a trained network learned, in three pictures, written by `eval`
//! and at the end of `train`: `confusion.svg` (where it errs),
//! `misclassified.svg` (the first 64 test images it gets wrong) and
//! `weights.svg` (each hidden unit's W1 column as a 28x28 image).

mod confusion;
mod png;
mod svg;
mod tiles;

use std::path::{Path, PathBuf};

use twolayer::fast::confusion_matrix;
use twolayer::{Dataset, TwoLayerNet};

use crate::new_files::write_new_files;
use tiles::{Tile, diverging, ink, tiles_svg};

/// How many misclassified images the picture shows.
pub const MISCLASSIFIED: usize = 64;
/// The side of an MNIST image.
const SIDE: u32 = 28;
/// Test images predicted at a time while looking for mistakes.
const CHUNK: usize = 1000;

/// One test image the network gets wrong.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Miss {
    /// Its index in the test set.
    pub index: usize,
    /// Its true label.
    pub label: usize,
    /// The network's prediction (the highest score).
    pub predicted: usize,
    /// `softmax(scores)[predicted]`.
    pub probability: f32,
}

/// The first `n` samples of `data`, in order, whose prediction is not
/// their label.
pub fn first_misclassified(net: &TwoLayerNet<f32>, data: &Dataset<'_>, n: usize) -> Vec<Miss> {
    let mut misses = Vec::new();
    for start in (0..data.len()).step_by(CHUNK) {
        let indices: Vec<usize> = (start..data.len().min(start + CHUNK)).collect();
        let (x, t) = data.batch::<f32>(&indices);
        let y = tensor_ops::softmax_rows(&net.predict(&x));
        let predicted = tensor_ops::argmax_rows(&y);
        for (row, (&label, &guess)) in t.iter().zip(&predicted).enumerate() {
            if label != guess {
                misses.push(Miss {
                    index: indices[row],
                    label,
                    predicted: guess,
                    probability: y[(row, guess)],
                });
                if misses.len() == n {
                    return misses;
                }
            }
        }
    }
    misses
}

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
    let pixels = (SIDE * SIDE) as usize;
    if test.features() != pixels {
        anyhow::bail!(
            "the pictures need 28x28 images; the data has {} features",
            test.features()
        );
    }
    let (input, hidden, output) = net.dims();
    let caption = format!(
        "{model} ({input}-{hidden}-{output}, {}), {} test images",
        net.activation,
        test.len()
    );
    let matrix = confusion_matrix(net, test);
    let confusion = confusion::confusion_svg(&matrix, &caption);

    let misses = first_misclassified(net, test, MISCLASSIFIED);
    let miss_tiles: Vec<Tile> = misses
        .iter()
        .map(|m| Tile {
            pixels: ink(&test.inputs()[m.index * pixels..(m.index + 1) * pixels]),
            caption: format!("{} → {} ({:.2})", m.label, m.predicted, m.probability),
        })
        .collect();
    let notes = [
        caption.clone(),
        "caption: true label → predicted label (the predicted probability, softmax of the scores)"
            .to_owned(),
    ];
    let misclassified = tiles_svg(
        &format!("The first {} misclassified test images", misses.len()),
        &notes,
        "tile",
        SIDE,
        8,
        &miss_tiles,
    );

    let w1 = &net.params.w1;
    let weight_tiles: Vec<Tile> = (0..hidden)
        .map(|j| {
            let column: Vec<f64> = w1.column(j).iter().map(|&w| f64::from(w)).collect();
            let scale = column.iter().fold(0.0_f64, |m, w| m.max(w.abs()));
            Tile {
                pixels: diverging(&column, scale),
                caption: format!("unit {j}"),
            }
        })
        .collect();
    let notes = [
        caption,
        "each tile: one hidden unit's 784 weights W1[:, j] laid out as the 28x28 image it \
         multiplies"
            .to_owned(),
        "red: positive weight (ink there raises the unit), blue: negative, white: zero; \
         each tile scaled to its own largest |w|"
            .to_owned(),
    ];
    let weights = tiles_svg(
        "What each hidden unit looks for: columns of W1",
        &notes,
        "tile",
        SIDE,
        10,
        &weight_tiles,
    );
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

#[cfg(test)]
mod tests;
