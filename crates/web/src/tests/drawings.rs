//! The drawings of the tests' server.

use runs::RunRecord;
use twolayer::{Dataset, TwoLayerNet};

use crate::{DrawError, Drawings, Miss, NamedFiles};

/// What `cargo xtask serve` draws, reduced to what these tests check: the
/// misclassified list computed plainly, and each picture's file as an
/// empty SVG (the drawings themselves are the command line's, tested there).
#[derive(Debug)]
pub struct TestDrawings;

impl Drawings for TestDrawings {
    fn misclassified(&self, net: &TwoLayerNet<f32>, test: &Dataset<'_>, n: usize) -> Vec<Miss> {
        let indices: Vec<usize> = (0..test.len()).collect();
        let (x, t) = test.batch::<f32>(&indices);
        let y = tensor_ops::softmax_rows(&net.predict(&x));
        let predicted = tensor_ops::argmax_rows(&y);
        (0..test.len())
            .filter(|&i| t[i] != predicted[i])
            .map(|i| Miss {
                index: i,
                label: t[i],
                predicted: predicted[i],
                probability: y[(i, predicted[i])],
            })
            .take(n)
            .collect()
    }

    fn run_files(
        &self,
        _record: &RunRecord,
        _net: &TwoLayerNet<f32>,
        _test: &Dataset<'_>,
        _model: &str,
    ) -> Result<NamedFiles, DrawError> {
        Ok(["loss.svg", "accuracy.svg", "misclassified.svg"]
            .map(|name| (name.to_owned(), b"<svg/>".to_vec()))
            .to_vec())
    }
}
