//! View 3: loss against accuracy (§4.2.5): one weight of `W2` swept, the
//! loss on a batch moving smoothly, the accuracy in steps. The network is
//! the served model, else the short run `cargo xtask figures` trains, made
//! once and kept for the server's life.

use std::sync::OnceLock;

use serde_json::{Value, json};
use studies::loss_sweep::{self, BATCH, BOOK_POINTS, BOOK_RANGE, SHORT_RUN_ITERS};
use twolayer::{TrainConfig, TwoLayerNet};

use super::knobs::{Knobs, Notes, Refused, bad};
use crate::state::AppState;

/// The most points of one sweep.
pub const MAX_POINTS: usize = 1001;
/// How far a sweep may move the weight each way.
const RANGE_BOUNDS: std::ops::RangeInclusive<f64> = 1e-3..=100.0;

/// The short training run of `cargo xtask figures` (the book's net for
/// [`SHORT_RUN_ITERS`] iterations), trained when first asked for and kept.
#[derive(Debug, Default)]
pub struct ShortRun(OnceLock<Result<(TwoLayerNet<f64>, f64), String>>);

impl ShortRun {
    /// The trained net (in f64) and its test accuracy, training it on the
    /// first call.
    fn get(&self, state: &AppState) -> Result<&(TwoLayerNet<f64>, f64), Refused> {
        self.0
            .get_or_init(|| {
                let config = TrainConfig {
                    iters: SHORT_RUN_ITERS,
                    ..TrainConfig::default()
                };
                let test = state.test();
                twolayer::fast::train(&state.train(), &test, &config, &mut ())
                    .map(|report| {
                        let accuracy = twolayer::fast::evaluate(&report.net, &test);
                        (loss_sweep::to_f64(&report.net), accuracy)
                    })
                    .map_err(|error| error.to_string())
            })
            .as_ref()
            .map_err(|error| {
                (
                    axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                    format!("the short training run failed: {error}"),
                )
            })
    }
}

/// `loss-vs-accuracy?range=20&points=401&weight=j,k`: `{"source", "weight":
/// [j, k], "trained", "values", "loss", "accuracy", "batch"}`, the sweep of
/// `W2[j][k]` (default: the largest in magnitude) over its trained value
/// plus `points` offsets on `[-range, range]`, on the first 100 test
/// images.
pub fn loss_vs_accuracy(state: &AppState, knobs: &Knobs) -> Result<Value, Refused> {
    knobs.only("loss-vs-accuracy", &["range", "points", "weight"])?;
    let range = knobs.number("range", BOOK_RANGE, RANGE_BOUNDS)?;
    let points = knobs.count("points", BOOK_POINTS, 2..=MAX_POINTS)?;
    let (net, source) = match state.served() {
        Some(served) => (
            loss_sweep::to_f64(&served.net),
            format!("the served model {}", served.model.display()),
        ),
        None => {
            let (net, accuracy) = state.short_run.get(state)?;
            (
                net.clone(),
                format!(
                    "no model served: the book's net trained for {SHORT_RUN_ITERS} iterations \
                     (test accuracy {accuracy:.4})"
                ),
            )
        }
    };
    let weight = match knobs.text("weight") {
        None => loss_sweep::strongest_weight(&net),
        Some(text) => weight(text, net.params.w2.shape())?,
    };
    let test = state.test();
    let indices: Vec<usize> = (0..BATCH.min(test.len())).collect();
    let (x, t) = test.batch::<f64>(&indices);
    let offsets = loss_sweep::offsets_over(range, points);
    let sweep = loss_sweep::sweep(&net, &x, &t, weight, &offsets);
    let mut notes = Notes::default();
    Ok(json!({
        "source": source,
        "weight": [sweep.weight.0, sweep.weight.1],
        "shape": [net.params.w2.nrows(), net.params.w2.ncols()],
        "trained": sweep.trained,
        "range": range,
        "values": sweep.values,
        "loss": notes.series("loss", sweep.loss.iter().copied()),
        "accuracy": sweep.accuracy,
        "batch": indices.len(),
        "notes": notes.into_value(),
    }))
}

/// `j,k` with `j < rows` (hidden units) and `k < cols` (classes).
fn weight(text: &str, (rows, cols): (usize, usize)) -> Result<(usize, usize), Refused> {
    let parts: Vec<Option<usize>> = text.split(',').map(|p| p.trim().parse().ok()).collect();
    match parts[..] {
        [Some(j), Some(k)] if j < rows && k < cols => Ok((j, k)),
        _ => Err(bad(format!(
            "`weight` must be `j,k` with j a hidden unit below {rows} and k a class below \
             {cols}; found `{text}`"
        ))),
    }
}
