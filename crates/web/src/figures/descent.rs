//! View 2: the field of `-grad f` (figure 4-9) and gradient descent on it
//! (figure 4-10), on the book's bowl `function_2`, the saddle or the
//! plateau of §4.4.1.

use nalgebra::DVector;
use serde_json::{Value, json};
use studies::descent_paths::{
    self, BOOK_LEARNING_RATES, BOOK_START, Crawl, FIGURE_STEPS, PLATEAU, SADDLE,
};
use studies::gradient_field::gradient_field_of;

use super::knobs::{Knobs, Notes, Refused};

/// The functions, by the name of the `function` knob.
const FUNCTIONS: [&str; 3] = ["function_2", "saddle", "plateau"];
/// The learning rates of the view's log slider.
pub const LR_BOUNDS: std::ops::RangeInclusive<f64> = 1e-10..=10.0;
/// Where a descent may start.
const START_BOUNDS: std::ops::RangeInclusive<f64> = -10.0..=10.0;
/// The most steps of one descent.
pub const MAX_STEPS: usize = 10_000;

type Function = fn(&DVector<f64>) -> f64;

/// The function `name` and the book's descent on it: start, learning rate
/// and steps.
fn function(name: &str) -> (Function, ([f64; 2], f64, usize)) {
    match name {
        "saddle" => (descent_paths::saddle, SADDLE),
        "plateau" => (descent_paths::plateau, PLATEAU),
        _ => (
            numdiff::function_2,
            (BOOK_START, BOOK_LEARNING_RATES[0], FIGURE_STEPS),
        ),
    }
}

/// `gradient-field?function=function_2`: `{"function", "arrows": [[x0, x1,
/// -df/dx0, -df/dx1]; 324]}` on the book's 18 x 18 grid.
pub fn gradient_field(knobs: &Knobs) -> Result<Value, Refused> {
    knobs.only("gradient-field", &["function"])?;
    let name = knobs.choice("function", &FUNCTIONS)?;
    let arrows: Vec<[f64; 4]> = gradient_field_of(function(name).0)
        .iter()
        .map(|a| [a.at[0], a.at[1], a.minus_grad[0], a.minus_grad[1]])
        .collect();
    Ok(json!({ "function": name, "arrows": arrows }))
}

/// `gradient-descent?function=function_2&lr=0.1&start=-3,4&steps=20`:
/// every point of the descent and `f` at each, with its crawl counts; the
/// defaults are the book's setting for the function.
pub fn gradient_descent(knobs: &Knobs) -> Result<Value, Refused> {
    knobs.only("gradient-descent", &["function", "lr", "start", "steps"])?;
    let name = knobs.choice("function", &FUNCTIONS)?;
    let (f, (start, lr, steps)) = function(name);
    let start = knobs.pair("start", start, START_BOUNDS)?;
    let lr = knobs.number("lr", lr, LR_BOUNDS)?;
    let steps = knobs.count("steps", steps, 0..=MAX_STEPS)?;
    Ok(
        json!({ "function": name, "lr": lr, "start": start, "steps": steps,
               "descent": crawl(&Crawl::of(f, (start, lr, steps))) }),
    )
}

/// `saddle-and-plateau`: the two studies of `cargo xtask figures`.
pub fn saddle_and_plateau(knobs: &Knobs) -> Result<Value, Refused> {
    knobs.only("saddle-and-plateau", &[])?;
    Ok(json!({
        "saddle": crawl(&descent_paths::saddle_descent()),
        "plateau": crawl(&descent_paths::plateau_descent()),
    }))
}

/// `{"points", "loss", "end", "near_x1_axis", "flat_steps", "notes"}`.
fn crawl(crawl: &Crawl) -> Value {
    let mut notes = Notes::default();
    let end = crawl.path.last().copied().unwrap_or_default();
    json!({
        "points": notes.points("points", &crawl.path),
        "loss": notes.series("loss", crawl.loss.iter().copied()),
        "end": notes.series("end", end),
        "near_x1_axis": crawl.near_x1_axis(),
        "flat_steps": crawl.flat_steps(),
        "notes": notes.into_value(),
    })
}
