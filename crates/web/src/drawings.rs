//! What the page needs from code outside this crate: the misclassified
//! test images and the pictures of a finished run. `cargo xtask serve`
//! gives its own (the `pictures` and `run::plots` of the command line), so
//! that a run from the page writes the same files as `cargo xtask train`.

use std::error::Error;
use std::fmt::Debug;

use runs::RunRecord;
use twolayer::{Dataset, TwoLayerNet};

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

/// Files as (name, contents), the way a run's pictures are handed over.
pub type NamedFiles = Vec<(String, Vec<u8>)>;

/// Why a drawing failed, in the caller's own error type.
pub type DrawError = Box<dyn Error + Send + Sync>;

/// The drawings and lists the server asks of its caller.
// TODO(issue 20, lead): once `studies` has the misclassified list and
// `plots` the run's figures, call them here and drop this trait.
pub trait Drawings: Send + Sync + Debug {
    /// The first `n` samples of `test`, in order, that `net` gets wrong.
    fn misclassified(&self, net: &TwoLayerNet<f32>, test: &Dataset<'_>, n: usize) -> Vec<Miss>;

    /// The pictures of a finished run as (file name, contents): the plots of
    /// `record` and the pictures of `net` on `test`; `model` names the
    /// network in captions.
    ///
    /// # Errors
    /// Whatever the drawing refuses (images that are not 28x28, say).
    fn run_files(
        &self,
        record: &RunRecord,
        net: &TwoLayerNet<f32>,
        test: &Dataset<'_>,
        model: &str,
    ) -> Result<NamedFiles, DrawError>;
}
