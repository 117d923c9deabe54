//! Why the network is trained on the loss and not on the accuracy (§4.2.5):
//! the loss and the accuracy as one weight moves, and the step function and
//! the sigmoid with their derivatives.

use studies::activations::WithDerivative;
use studies::loss_sweep::{Sweep, distinct, flat_share};

use crate::palette::{BLUE, GREEN, ORANGE, RED};
use crate::{DrawError, LegendPosition, Panel, Series, Style, Ticks, panels_svg};

/// What the loss-vs-accuracy figure shows: the sweep
/// (`studies::loss_sweep::sweep`) on a batch of `batch` images of `source`
/// (a sentence naming the network), and the two activations
/// (`studies::activations::{step_with_derivative, sigmoid_with_derivative}`).
#[derive(Debug, Clone, Copy)]
pub struct LossVsAccuracy<'a> {
    /// The sweep of one weight of W2.
    pub sweep: &'a Sweep,
    /// The batch size.
    pub batch: usize,
    /// Which network, in words.
    pub source: &'a str,
    /// The step function and its derivative.
    pub step: &'a WithDerivative,
    /// The sigmoid and its derivative.
    pub sigmoid: &'a WithDerivative,
}

/// §4.2.5 in four panels: the loss (smooth) and the accuracy (a staircase)
/// against the swept weight; the step function (derivative 0) and the
/// sigmoid (a slope everywhere).
pub fn loss_vs_accuracy_svg(figure: &LossVsAccuracy<'_>) -> Result<String, DrawError> {
    let LossVsAccuracy {
        sweep,
        batch,
        source,
        step,
        sigmoid,
    } = *figure;
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
    let loss_top = sweep.loss_range().1 * 1.05;
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
        legend: LegendPosition::UpperRight,
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
        legend: LegendPosition::LowerRight,
    };
    let activation = |caption: &str, name: &str, derivative: &str, curves: &WithDerivative| Panel {
        caption: caption.to_owned(),
        x: ("x".to_owned(), -5.0..5.0, Ticks::Decimals(0)),
        y: ("y".to_owned(), -0.1..1.1, Ticks::Decimals(1)),
        series: vec![
            Series::new(name, curves.function.clone(), BLUE, Style::Line),
            Series::new(derivative, curves.derivative.clone(), RED, Style::Dashed),
        ],
        legend: LegendPosition::UpperLeft,
    };
    let notes = [
        format!(
            "{source}; batch: the first {batch} test images; W2[{j}][{k}] is the largest |W2| \
             entry, swept over its trained value +- 20 ({} points)",
            xs.len()
        ),
        format!(
            "the accuracy takes {} values and is flat on {:.0}% of the sweep's intervals: \
             its gradient is 0 there and cannot tell a weight which way to move",
            distinct(&sweep.accuracy),
            100.0 * flat_share(&sweep.accuracy)
        ),
    ];
    panels_svg(
        (1200, 1000),
        "Why train on the loss, not the accuracy",
        (2, 2),
        &[
            loss,
            accuracy,
            activation(
                "step function: derivative 0 (undefined at 0)",
                "step(x)",
                "step'(x) = 0",
                step,
            ),
            activation(
                "sigmoid: a slope everywhere",
                "sigmoid(x)",
                "sigmoid'(x)",
                sigmoid,
            ),
        ],
        &notes,
    )
}
