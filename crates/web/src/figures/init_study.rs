//! View 4: the book's section 6.2 (`cargo xtask init-study`): the hidden
//! activations of a deep net at initialisation, and the gradient of each of
//! its layers, for any depth, width, activation and weight std.

use serde_json::{Value, json};
use studies::init::{self, Activation, LAYERS, Setting, TrainingSettings, UNITS, WeightInit};

use super::knobs::{Knobs, Notes, Refused, bad};
use crate::state::AppState;

/// Hidden layers a request may ask for.
pub const DEPTH_BOUNDS: std::ops::RangeInclusive<usize> = 1..=10;
/// Units per hidden layer a request may ask for.
pub const WIDTH_BOUNDS: std::ops::RangeInclusive<usize> = 1..=1000;
/// A fixed std a request may ask for.
const STD_BOUNDS: std::ops::RangeInclusive<f64> = 1e-4..=10.0;

/// A network the knobs cannot build (width 0 is refused before).
fn internal(error: impl std::fmt::Display) -> Refused {
    bad(error.to_string())
}

/// `init-study?depth=5&width=100&activation=sigmoid&std=1&seed=0`:
/// `{"setting", "layers": [{"mean", "std", "zeros", "high", "counts"}],
/// "gradient_norms": [depth + 1], "presets": {"xavier", "he"}}`, the
/// gradient on the first 100 training images; `std` is a number or
/// `xavier` or `he`.
pub fn init_study(state: &AppState, knobs: &Knobs) -> Result<Value, Refused> {
    knobs.only(
        "init-study",
        &["depth", "width", "activation", "std", "seed"],
    )?;
    let depth = knobs.count("depth", LAYERS, DEPTH_BOUNDS)?;
    let width = knobs.count("width", UNITS, WIDTH_BOUNDS)?;
    let activation = match knobs.choice("activation", &["sigmoid", "relu"])? {
        "relu" => Activation::Relu,
        _ => Activation::Sigmoid,
    };
    let std = match knobs.text("std") {
        Some("xavier") => WeightInit::Xavier,
        Some("he") => WeightInit::He,
        Some(_) => WeightInit::Std(knobs.number("std", 1.0, STD_BOUNDS).map_err(|_| {
            bad(format!(
                "`std` must be xavier, he or a number from {:e} to {:e}; found `{}`",
                STD_BOUNDS.start(),
                STD_BOUNDS.end(),
                knobs.text("std").unwrap_or_default()
            ))
        })?),
        None => WeightInit::Std(1.0),
    };
    let seed = knobs.number("seed", TrainingSettings::default().seed as f64, 0.0..=1e9)? as u64;
    let setting = Setting(activation, std);
    // The two parts are independent: measured side by side, a knob's
    // answer waits for the slower one only.
    let (layers, norms) = std::thread::scope(|scope| {
        let norms =
            scope.spawn(|| init::layer_gradient_norms(&state.train(), setting, depth, width, seed));
        let layers = init::layer_activations(setting, depth, width, seed);
        (layers, norms.join())
    });
    let layers = layers.map_err(internal)?;
    let norms = norms
        .map_err(|_| internal("the gradient norms' thread panicked"))?
        .map_err(internal)?;
    let mut notes = Notes::default();
    let layers: Vec<Value> = layers
        .iter()
        .map(|layer| {
            json!({
                "mean": layer.moments.mean,
                "std": layer.moments.std,
                "zeros": layer.zeros,
                "high": layer.histogram.high,
                "counts": layer.histogram.counts,
            })
        })
        .collect();
    Ok(json!({
        "setting": setting.title(),
        "depth": depth,
        "width": width,
        "seed": seed,
        "layers": layers,
        "gradient_norms": notes.series("gradient_norms", norms),
        "presets": { "xavier": WeightInit::Xavier.std(width), "he": WeightInit::He.std(width) },
        "notes": notes.into_value(),
    }))
}
