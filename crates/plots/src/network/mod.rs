//! What a trained network learned, in three pictures: `confusion.svg`
//! (where it errs, a heat map), `misclassified.svg` (the first test images
//! it gets wrong, a tile grid) and `weights.svg` (each hidden unit's W1
//! column as a 28x28 image, a tile grid on one diverging scale). The data
//! come from `twolayer::confusion_matrix` and `studies`.

mod confusion;
mod misclassified;
mod weights;

pub use confusion::confusion_svg;
pub use misclassified::{MISCLASSIFIED, misclassified_svg};
pub use weights::weights_svg;

use crate::DrawError;

/// The side of an MNIST image.
const SIDE: u32 = 28;

/// `Ok` when `len` values make a 28x28 image.
fn check_image(len: usize) -> Result<(), DrawError> {
    if len == (SIDE * SIDE) as usize {
        Ok(())
    } else {
        Err(DrawError(format!(
            "the pictures need 28x28 images; the data has {len} features"
        )))
    }
}

#[cfg(test)]
mod tests;
