//! A suggestion as a command line that can be pasted: `cargo xtask train`
//! with the run's other flags kept.

use std::fmt::Write;

use twolayer::TrainConfig;

/// `cargo xtask train` with `flag` set to `value` and every other knob of
/// `config` that differs from its default ([`TrainConfig::default`], the
/// book's), in the order of `train --help`: `--lr 100 --iters 1200` with
/// `("lr", "0.1")` gives `cargo xtask train --lr 0.1 --iters 1200`. The data
/// and run-directory flags are not repeated (a new run goes to a new
/// directory).
///
/// ```
/// use twolayer::{Activation, TrainConfig};
///
/// let config = TrainConfig { learning_rate: 5.0, activation: Activation::Relu, ..TrainConfig::default() };
/// assert_eq!(
///     doctor::command_line(&config, "lr", "0.1"),
///     "cargo xtask train --lr 0.1 --activation relu"
/// );
/// ```
pub fn command_line(config: &TrainConfig, flag: &str, value: &str) -> String {
    let book = TrainConfig::default();
    let knobs = [
        (
            "hidden",
            config.hidden.to_string(),
            config.hidden != book.hidden,
        ),
        (
            "lr",
            number(config.learning_rate),
            config.learning_rate != book.learning_rate,
        ),
        (
            "batch-size",
            config.batch_size.to_string(),
            config.batch_size != book.batch_size,
        ),
        (
            "iters",
            config.iters.to_string(),
            config.iters != book.iters,
        ),
        (
            "activation",
            config.activation.to_string(),
            config.activation != book.activation,
        ),
        (
            "weight-init-std",
            number(config.weight_init_std),
            config.weight_init_std != book.weight_init_std,
        ),
        ("seed", config.seed.to_string(), config.seed != book.seed),
        (
            "gradient",
            config.gradient.to_string(),
            config.gradient != book.gradient,
        ),
        (
            "sampling",
            config.sampling.to_string(),
            config.sampling != book.sampling,
        ),
    ];
    let mut line = "cargo xtask train".to_owned();
    for (name, current, changed) in knobs {
        if name == flag {
            let _ = write!(line, " --{name} {value}");
        } else if changed {
            let _ = write!(line, " --{name} {current}");
        }
    }
    line
}

/// `x` to 6 significant digits, as the shorter of its decimal and
/// scientific spellings, both of which the flags parse: `0.1`, `1e-6` (not
/// `1.0000000000000002e-6`, a tenth of `1e-5`), `100`, `1e38`.
pub(crate) fn number(x: f64) -> String {
    let x: f64 = format!("{x:.5e}").parse().unwrap_or(x);
    let (plain, scientific) = (x.to_string(), format!("{x:e}"));
    if scientific.len() < plain.len() {
        scientific
    } else {
        plain
    }
}
