//! A figure's knobs: the query parameters of `GET /api/figures/{name}`,
//! each parsed with its bounds, and the JSON numbers of a reply (infinity
//! and NaN sent as `null`, with a note saying what they were).

use std::collections::HashMap;
use std::ops::RangeInclusive;
use std::str::FromStr;

use axum::http::StatusCode;
use serde_json::{Value, json};

/// Why a request is refused: its status and message.
pub type Refused = (StatusCode, String);

/// 400 with `message`.
pub fn bad(message: String) -> Refused {
    (StatusCode::BAD_REQUEST, message)
}

/// The query parameters of one request.
#[derive(Debug, Default)]
pub struct Knobs(pub HashMap<String, String>);

impl Knobs {
    /// Refuses any parameter but `names` (the figure's knobs).
    pub fn only(&self, figure: &str, names: &[&str]) -> Result<(), Refused> {
        let mut unknown: Vec<&String> = self
            .0
            .keys()
            .filter(|key| !names.contains(&key.as_str()))
            .collect();
        unknown.sort();
        match unknown.first() {
            None => Ok(()),
            Some(key) if names.is_empty() => Err(bad(format!(
                "unknown parameter `{key}`: {figure} takes no parameters"
            ))),
            Some(key) => Err(bad(format!(
                "unknown parameter `{key}`: {figure} takes {}",
                names.join(", ")
            ))),
        }
    }

    /// The raw text of `name`, if given.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }

    /// A number in `bounds` (`default` when not given).
    pub fn number(
        &self,
        name: &str,
        default: f64,
        bounds: RangeInclusive<f64>,
    ) -> Result<f64, Refused> {
        let expected = format!("a number from {:e} to {:e}", bounds.start(), bounds.end());
        self.within(name, default, &bounds, &expected)
    }

    /// A whole number in `bounds` (`default` when not given).
    pub fn count(
        &self,
        name: &str,
        default: usize,
        bounds: RangeInclusive<usize>,
    ) -> Result<usize, Refused> {
        let expected = format!("a whole number from {} to {}", bounds.start(), bounds.end());
        self.within(name, default, &bounds, &expected)
    }

    /// Knob `name` parsed as a `T` in `bounds` (`default` when not given),
    /// else 400 saying it must be `expected`.
    fn within<T: FromStr + PartialOrd>(
        &self,
        name: &str,
        default: T,
        bounds: &RangeInclusive<T>,
        expected: &str,
    ) -> Result<T, Refused> {
        let Some(text) = self.text(name) else {
            return Ok(default);
        };
        match text.trim().parse::<T>() {
            Ok(value) if bounds.contains(&value) => Ok(value),
            _ => Err(bad(format!("`{name}` must be {expected}; found `{text}`"))),
        }
    }

    /// Two numbers `a,b`, each in `bounds` (`default` when not given).
    pub fn pair(
        &self,
        name: &str,
        default: [f64; 2],
        bounds: RangeInclusive<f64>,
    ) -> Result<[f64; 2], Refused> {
        let Some(text) = self.text(name) else {
            return Ok(default);
        };
        let numbers: Vec<Option<f64>> = text
            .split(',')
            .map(|part| {
                part.trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|v| bounds.contains(v))
            })
            .collect();
        match numbers[..] {
            [Some(a), Some(b)] => Ok([a, b]),
            _ => Err(bad(format!(
                "`{name}` must be two numbers `a,b`, each from {} to {}; found `{text}`",
                bounds.start(),
                bounds.end()
            ))),
        }
    }

    /// One of `options` (`options[0]` when not given).
    pub fn choice(&self, name: &str, options: &[&'static str]) -> Result<&'static str, Refused> {
        let Some(text) = self.text(name) else {
            return Ok(options[0]);
        };
        options
            .iter()
            .find(|option| **option == text)
            .copied()
            .ok_or_else(|| {
                bad(format!(
                    "`{name}` must be one of {}; found `{text}`",
                    options.join(", ")
                ))
            })
    }
}

/// The notes of a reply: what its `null`s were.
#[derive(Debug, Default)]
pub struct Notes(Vec<String>);

impl Notes {
    /// `v` as JSON; infinity or NaN as `null`, noted under `name`.
    pub fn number(&mut self, name: &str, v: f64) -> Value {
        self.series(name, [v])
            .as_array_mut()
            .and_then(|values| values.pop())
            .unwrap_or(Value::Null)
    }

    /// `values` as a JSON array; each infinity or NaN as `null`, with one
    /// note for `name` counting them.
    pub fn series(&mut self, name: &str, values: impl IntoIterator<Item = f64>) -> Value {
        let (mut infinite, mut nan) = (0, 0);
        let array: Vec<Value> = values
            .into_iter()
            .map(|v| {
                if v.is_finite() {
                    json!(v)
                } else {
                    if v.is_nan() {
                        nan += 1;
                    } else {
                        infinite += 1;
                    }
                    Value::Null
                }
            })
            .collect();
        if infinite + nan > 0 {
            self.0.push(format!(
                "{name}: {infinite} infinite and {nan} NaN values, sent as null"
            ));
        }
        Value::Array(array)
    }

    /// Points `[a, b]` as JSON pairs, non-finite coordinates as `null`.
    pub fn points(&mut self, name: &str, points: &[[f64; 2]]) -> Value {
        let flat = self.series(name, points.iter().flatten().copied());
        let flat = flat.as_array().cloned().unwrap_or_default();
        Value::Array(
            flat.chunks(2)
                .map(|pair| Value::Array(pair.to_vec()))
                .collect(),
        )
    }

    /// A note of its own.
    pub fn add(&mut self, note: String) {
        self.0.push(note);
    }

    /// The notes, for the reply's `"notes"`.
    pub fn into_value(self) -> Value {
        json!(self.0)
    }
}
