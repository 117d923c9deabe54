//! `loss-vs-accuracy`: why the network is trained on the loss and not on
//! the accuracy. One weight of a trained net's W2 is swept: the loss on a
//! fixed batch moves smoothly, the accuracy in steps of 1 / batch with
//! slope zero in between; the step function and the sigmoid show the same
//! contrast for an activation.

use losses::Targets;
use nalgebra::DMatrix;
use plotters::prelude::SeriesLabelPosition;
use twolayer::{Params, TwoLayerNet};

use super::Figure;
use super::data::{linspace, sample, sigmoid_derivative, step_function};
use plots::palette::{BLUE, GREEN, ORANGE, RED};
use plots::{Panel, Series, Style, Ticks, panels_svg};

/// The swept weight's offsets from its trained value: 401 points on [-20, 20].
pub fn offsets() -> Vec<f64> {
    linspace(-20.0, 20.0, 400)
}

/// The loss and the accuracy on one batch as one weight of W2 moves.
#[derive(Debug, Clone)]
pub struct Sweep {
    /// Which weight: `W2[hidden unit][class]`.
    pub weight: (usize, usize),
    /// Its trained value.
    pub trained: f64,
    /// The values it takes (trained value plus each offset).
    pub values: Vec<f64>,
    /// The mean cross-entropy on the batch at each value.
    pub loss: Vec<f64>,
    /// The batch accuracy at each value: always `k / batch`.
    pub accuracy: Vec<f64>,
}

/// The network in `f64`, so that the sweep's loss has no `f32` noise.
pub fn to_f64(net: &TwoLayerNet<f32>) -> TwoLayerNet<f64> {
    let p = &net.params;
    let params = Params {
        w1: p.w1.map(f64::from),
        b1: p.b1.map(f64::from),
        w2: p.w2.map(f64::from),
        b2: p.b2.map(f64::from),
    };
    TwoLayerNet::from_params(params, net.activation)
}

/// Sweeps `W2[weight]` over its trained value plus `offsets`, measuring
/// `net.loss` and `net.accuracy` on `(x, t)` at each value.
///
/// # Panics
/// If `weight` is outside W2 or `(x, t)` does not fit the network.
pub fn sweep(
    net: &TwoLayerNet<f64>,
    x: &DMatrix<f64>,
    t: &[usize],
    weight: (usize, usize),
    offsets: &[f64],
) -> Sweep {
    let mut moved = net.clone();
    let trained = net.params.w2[weight];
    let values: Vec<f64> = offsets.iter().map(|d| trained + d).collect();
    let (mut loss, mut accuracy) = (Vec::new(), Vec::new());
    for &value in &values {
        moved.params.w2[weight] = value;
        loss.push(moved.loss(x, Targets::Labels(t)));
        accuracy.push(moved.accuracy(x, Targets::Labels(t)));
    }
    Sweep {
        weight,
        trained,
        values,
        loss,
        accuracy,
    }
}

/// The weight to sweep: the largest `|W2[j][k]|`, the one that matters most
/// to its class.
pub fn strongest_weight(net: &TwoLayerNet<f64>) -> (usize, usize) {
    let w2 = &net.params.w2;
    let mut best = (0, 0);
    for j in 0..w2.nrows() {
        for k in 0..w2.ncols() {
            if w2[(j, k)].abs() > w2[best].abs() {
                best = (j, k);
            }
        }
    }
    best
}

/// The figure of `sweep`, measured on a batch of `batch` images of `source`
/// (the net's file, or the short training run).
pub fn loss_vs_accuracy_figure(
    sweep: &Sweep,
    batch: usize,
    source: &str,
) -> anyhow::Result<Figure> {
    let (j, k) = sweep.weight;
    let xs = &sweep.values;
    let pairs =
        |ys: &[f64]| -> Vec<(f64, f64)> { xs.iter().copied().zip(ys.iter().copied()).collect() };
    let x_range = xs.first().copied().unwrap_or(-1.0)..xs.last().copied().unwrap_or(1.0);
    let trained_line = |top: f64| {
        Series::new(
            format!("trained value {:.3}", sweep.trained),
            vec![(sweep.trained, 0.0), (sweep.trained, top)],
            GREEN,
            Style::Dashed,
        )
    };
    let loss_top = sweep.loss.iter().copied().fold(0.0, f64::max) * 1.05;
    let weight_axis = format!("W2[{j}][{k}]");
    let loss = Panel {
        caption: format!("loss on the batch as W2[{j}][{k}] moves"),
        x: (weight_axis.clone(), x_range.clone(), Ticks::Decimals(0)),
        y: (
            "cross-entropy loss".to_owned(),
            0.0..loss_top.max(0.1),
            Ticks::Decimals(2),
        ),
        series: vec![
            Series::new(
                "loss: smooth, a slope everywhere",
                pairs(&sweep.loss),
                BLUE,
                Style::Line,
            ),
            trained_line(loss_top),
        ],
        legend: SeriesLabelPosition::UpperRight,
    };
    let accuracy = Panel {
        caption: format!("accuracy on the batch as W2[{j}][{k}] moves"),
        x: (weight_axis, x_range, Ticks::Decimals(0)),
        y: ("accuracy".to_owned(), 0.0..1.05, Ticks::Decimals(2)),
        series: vec![
            Series::new(
                format!("accuracy: steps of 1/{batch}, slope 0 between"),
                pairs(&sweep.accuracy),
                ORANGE,
                Style::Line,
            ),
            trained_line(1.05),
        ],
        legend: SeriesLabelPosition::LowerRight,
    };
    let a = linspace(-5.0, 5.0, 1000);
    let step = Panel {
        caption: "step function: derivative 0 (undefined at 0)".to_owned(),
        x: ("x".to_owned(), -5.0..5.0, Ticks::Decimals(0)),
        y: ("y".to_owned(), -0.1..1.1, Ticks::Decimals(1)),
        series: vec![
            Series::new("step(x)", sample(&a, step_function), BLUE, Style::Line),
            Series::new("step'(x) = 0", sample(&a, |_| 0.0), RED, Style::Dashed),
        ],
        legend: SeriesLabelPosition::UpperLeft,
    };
    let sigmoid = Panel {
        caption: "sigmoid: a slope everywhere".to_owned(),
        x: ("x".to_owned(), -5.0..5.0, Ticks::Decimals(0)),
        y: ("y".to_owned(), -0.1..1.1, Ticks::Decimals(1)),
        series: vec![
            Series::new(
                "sigmoid(x)",
                sample(&a, tensor_ops::scalar::sigmoid),
                BLUE,
                Style::Line,
            ),
            Series::new(
                "sigmoid'(x)",
                sample(&a, sigmoid_derivative),
                RED,
                Style::Dashed,
            ),
        ],
        legend: SeriesLabelPosition::UpperLeft,
    };
    let levels = distinct(&sweep.accuracy);
    let flat = flat_share(&sweep.accuracy);
    let notes = vec![
        format!(
            "{source}; batch: the first {batch} test images; W2[{j}][{k}] is the largest |W2| \
             entry, swept over its trained value +- 20 ({} points)",
            xs.len()
        ),
        format!(
            "the accuracy takes {levels} values and is flat on {:.0}% of the sweep's intervals: \
             its gradient is 0 there and cannot tell a weight which way to move",
            100.0 * flat
        ),
    ];
    let svg = panels_svg(
        (1200, 1000),
        "Why train on the loss, not the accuracy",
        (2, 2),
        &[loss, accuracy, step, sigmoid],
        &notes,
    )?;
    Ok(Figure {
        name: "loss-vs-accuracy",
        svg,
        printout: format!(
            "{source}: W2[{j}][{k}] = {:.4} swept +-20; loss {:.4} to {:.4}; accuracy {levels} \
             values (k/{batch}), flat on {:.0}% of intervals",
            sweep.trained,
            sweep.loss.iter().copied().fold(f64::INFINITY, f64::min),
            sweep.loss.iter().copied().fold(0.0, f64::max),
            100.0 * flat
        ),
        index: "Moving one weight of a trained network changes the loss smoothly, so its \
                derivative always says which way to go; the accuracy jumps in steps of \
                1/batch and is flat in between, so its derivative is zero almost everywhere. \
                The step function and the sigmoid show the same contrast."
            .to_owned(),
    })
}

/// How many distinct values `ys` takes.
pub fn distinct(ys: &[f64]) -> usize {
    let mut sorted = ys.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted.dedup();
    sorted.len()
}

/// The share of adjacent pairs of `ys` that are equal (slope exactly 0).
pub fn flat_share(ys: &[f64]) -> f64 {
    let pairs = ys.len().saturating_sub(1).max(1);
    ys.windows(2).filter(|w| w[0] == w[1]).count() as f64 / pairs as f64
}
