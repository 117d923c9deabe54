//! The body of `POST /api/train`: the book's knobs, named as the flags of
//! `cargo xtask train` (`lr`, `batch_size`, `hidden`, `activation`,
//! `weight_init_std`, `sampling`, `gradient`, `seed`, `iters`), each
//! optional (the book's value), checked with the CLI's bounds and its
//! library checks ([`runs::check_train`], [`TrainConfig::validate`]).

use serde_json::{Map, Value, json};
use twolayer::{ConfigError, TrainConfig, TrainError};

use crate::input;

/// The most iterations a run from the page may ask for.
pub const MAX_ITERS: usize = 100_000;

/// The fields of `POST /api/train`, as the CLI's flags are named.
pub const KNOBS: [&str; 9] = [
    "lr",
    "batch_size",
    "hidden",
    "activation",
    "weight_init_std",
    "sampling",
    "gradient",
    "seed",
    "iters",
];

/// A refused body: the field at fault (none for an unknown field or a body
/// that is not an object) and the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// The field, one of [`KNOBS`].
    pub field: Option<&'static str>,
    /// What was found and what was expected.
    pub message: String,
}

impl Refused {
    fn of(field: &'static str, message: String) -> Self {
        Self {
            field: Some(field),
            message,
        }
    }
}

/// The run a body asks for, on a training set of `train_len` samples.
pub fn train_config(body: &[u8], train_len: usize) -> Result<TrainConfig, Refused> {
    let body = if body.is_empty() { &b"{}"[..] } else { body };
    let unnamed = |message| Refused {
        field: None,
        message,
    };
    let fields = input::object(body).map_err(unnamed)?;
    input::only(&fields, &KNOBS).map_err(unnamed)?;
    let book = TrainConfig::default();
    let config = TrainConfig {
        learning_rate: number(&fields, "lr", book.learning_rate, |x| x > 0.0, "> 0")?,
        batch_size: integer(&fields, "batch_size", book.batch_size, usize::MAX)?,
        hidden: integer(&fields, "hidden", book.hidden, usize::MAX)?,
        activation: choice(&fields, "activation", twolayer::Activation::CHOICES)?
            .unwrap_or(book.activation),
        weight_init_std: number(
            &fields,
            "weight_init_std",
            book.weight_init_std,
            |x| x >= 0.0,
            ">= 0",
        )?,
        sampling: choice(&fields, "sampling", twolayer::Sampling::CHOICES)?
            .unwrap_or(book.sampling),
        gradient: choice(&fields, "gradient", twolayer::GradientMethod::CHOICES)?
            .unwrap_or(book.gradient),
        seed: seed(&fields, book.seed)?,
        iters: integer(&fields, "iters", book.iters, MAX_ITERS)?,
    };
    runs::check_train(&config).map_err(|refused| {
        let field = refused.flag().trim_start_matches("--").replace('-', "_");
        let field = KNOBS
            .into_iter()
            .find(|&knob| knob == field)
            .unwrap_or("body");
        Refused::of(
            field,
            format!("`{field}` is {}: {}", refused.value(), refused.problem()),
        )
    })?;
    config
        .validate(train_len)
        .map_err(|error| invalid(&error, train_len))?;
    Ok(config)
}

/// A config [`TrainConfig::validate`] refuses, named by its field.
fn invalid(error: &TrainError, train_len: usize) -> Refused {
    let TrainError::InvalidConfig(error) = error else {
        return Refused {
            field: None,
            message: error.to_string(),
        };
    };
    let field = match error {
        ConfigError::BatchLargerThanSet { batch_size, .. } => {
            return Refused::of(
                "batch_size",
                format!(
                    "`batch_size` is {batch_size}: expected at most the training set size {train_len}"
                ),
            );
        }
        ConfigError::ZeroBatchSize => "batch_size",
        ConfigError::ZeroIterations => "iters",
        ConfigError::ZeroHidden => "hidden",
        ConfigError::LearningRate(_) => "lr",
        _ => "weight_init_std",
    };
    Refused::of(field, format!("`{field}`: {error}"))
}

/// The knobs of `config` as `POST /api/train` names them.
pub fn to_json(config: &TrainConfig) -> Value {
    json!({
        "lr": config.learning_rate,
        "batch_size": config.batch_size,
        "hidden": config.hidden,
        "activation": config.activation.to_string(),
        "weight_init_std": config.weight_init_std,
        "sampling": config.sampling.to_string(),
        "gradient": config.gradient.to_string(),
        "seed": config.seed,
        "iters": config.iters,
    })
}

/// An optional finite number that `accept` takes (it is `expected`).
fn number(
    fields: &Map<String, Value>,
    name: &'static str,
    default: f64,
    accept: fn(f64) -> bool,
    expected: &str,
) -> Result<f64, Refused> {
    match fields.get(name) {
        None => Ok(default),
        Some(value) => value
            .as_f64()
            .filter(|&x| x.is_finite() && accept(x))
            .ok_or_else(|| {
                Refused::of(
                    name,
                    format!("`{name}` is {value}: expected a finite number {expected}"),
                )
            }),
    }
}

/// An optional integer in `1..=max`.
fn integer(
    fields: &Map<String, Value>,
    name: &'static str,
    default: usize,
    max: usize,
) -> Result<usize, Refused> {
    match fields.get(name) {
        None => Ok(default),
        Some(value) => value
            .as_u64()
            .and_then(|n| usize::try_from(n).ok())
            .filter(|n| (1..=max).contains(n))
            .ok_or_else(|| {
                let expected = if max == usize::MAX {
                    "an integer >= 1".to_owned()
                } else {
                    format!("an integer in 1..={max}")
                };
                Refused::of(name, format!("`{name}` is {value}: expected {expected}"))
            }),
    }
}

/// The optional seed: any integer in `0..=u64::MAX`.
fn seed(fields: &Map<String, Value>, default: u64) -> Result<u64, Refused> {
    match fields.get("seed") {
        None => Ok(default),
        Some(value) => value.as_u64().ok_or_else(|| {
            Refused::of(
                "seed",
                format!("`seed` is {value}: expected an integer in 0..={}", u64::MAX),
            )
        }),
    }
}

/// An optional name among `choices` (`None` when absent).
fn choice<C: Copy>(
    fields: &Map<String, Value>,
    name: &'static str,
    choices: &[(&str, C)],
) -> Result<Option<C>, Refused> {
    let Some(value) = fields.get(name) else {
        return Ok(None);
    };
    let found = value
        .as_str()
        .and_then(|text| choices.iter().find(|(choice, _)| *choice == text));
    match found {
        Some(&(_, choice)) => Ok(Some(choice)),
        None => {
            let names: Vec<String> = choices.iter().map(|(n, _)| format!("\"{n}\"")).collect();
            Err(Refused::of(
                name,
                format!("`{name}` is {value}: expected one of {}", names.join(", ")),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use twolayer::{Activation, GradientMethod, Sampling};

    use super::*;

    fn config(body: Value) -> Result<TrainConfig, Refused> {
        train_config(body.to_string().as_bytes(), 600)
    }

    #[test]
    fn every_knob_is_read_with_the_books_defaults() {
        assert_eq!(train_config(b"", 600), Ok(TrainConfig::default()));
        let body = json!({
            "lr": 0.5, "batch_size": 20, "hidden": 7, "activation": "relu",
            "weight_init_std": 0.1, "sampling": "epoch", "gradient": "numerical",
            "seed": 9, "iters": 30,
        });
        let read = config(body.clone()).expect("valid");
        assert_eq!(
            read,
            TrainConfig {
                learning_rate: 0.5,
                batch_size: 20,
                hidden: 7,
                activation: Activation::Relu,
                weight_init_std: 0.1,
                sampling: Sampling::Epoch,
                gradient: GradientMethod::Numerical,
                seed: 9,
                iters: 30,
            }
        );
        assert_eq!(to_json(&read), body, "named as they are read");
    }

    #[test]
    fn bad_values_are_refused_naming_the_field_with_the_clis_bounds() {
        for (body, field, message) in [
            (
                json!({"lr": 0}),
                "lr",
                "`lr` is 0: expected a finite number > 0",
            ),
            (json!({"lr": "fast"}), "lr", "`lr` is \"fast\": expected"),
            (
                json!({"lr": 1e300}),
                "lr",
                "`lr` is 1e300: expected a number from 1e-45 to",
            ),
            (
                json!({"batch_size": 0}),
                "batch_size",
                "expected an integer >= 1",
            ),
            (
                json!({"batch_size": 601}),
                "batch_size",
                "`batch_size` is 601: expected at most the training set size 600",
            ),
            (
                json!({"hidden": 1.5}),
                "hidden",
                "`hidden` is 1.5: expected an integer >= 1",
            ),
            (
                json!({"hidden": 1_000_000_000_000_u64}),
                "hidden",
                "`hidden` is 1000000000000: ",
            ),
            (
                json!({"activation": "tanh"}),
                "activation",
                "expected one of \"sigmoid\", \"relu\"",
            ),
            (
                json!({"weight_init_std": -1}),
                "weight_init_std",
                "expected a finite number >= 0",
            ),
            (
                json!({"weight_init_std": 1e300}),
                "weight_init_std",
                "`weight_init_std` is 1e300: expected at most",
            ),
            (
                json!({"sampling": "none"}),
                "sampling",
                "\"replacement\", \"epoch\"",
            ),
            (
                json!({"gradient": 3}),
                "gradient",
                "`gradient` is 3: expected one of",
            ),
            (
                json!({"seed": -1}),
                "seed",
                "`seed` is -1: expected an integer in 0..=",
            ),
            (
                json!({"iters": 0}),
                "iters",
                "expected an integer in 1..=100000",
            ),
            (
                json!({"iters": MAX_ITERS + 1}),
                "iters",
                "`iters` is 100001",
            ),
        ] {
            let refused = config(body.clone()).expect_err("refused");
            assert_eq!(refused.field, Some(field), "{body}: {refused:?}");
            assert!(
                refused.message.starts_with(message) || refused.message.contains(message),
                "{body}: {}",
                refused.message
            );
        }
        let refused = config(json!({"bogus": 1})).expect_err("unknown");
        assert_eq!(refused.field, None);
        assert!(
            refused
                .message
                .starts_with("unknown field `bogus`: expected `lr`, "),
            "{}",
            refused.message
        );
    }
}
