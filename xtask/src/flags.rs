//! Value parsers shared by the commands' flags. Each error names what was
//! expected; clap adds the flag and the value found, on one line:
//! `invalid value 'inf' for '--lr <LR>': expected a finite number > 0`.
//! A value refused after parsing (it does not fit the data, or would cost
//! too much) is a [`FlagError`] with the same shape and exit code 2.

use std::ffi::OsStr;
use std::time::Duration;

use clap::builder::{PossibleValue, StringValueParser, TypedValueParser};
use clap::{Arg, Command};

/// A flag value refused after parsing (the cost checks of `runs` return it too).
pub use runs::budget::FlagError;

/// An integer >= 1 (`--hidden`, `--batch-size`, `--iters`).
pub fn positive_usize(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err("expected an integer >= 1".to_owned()),
    }
}

/// A finite number > 0 (`--lr`).
pub fn finite_positive(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(x) if x.is_finite() && x > 0.0 => Ok(x),
        _ => Err("expected a finite number > 0".to_owned()),
    }
}

/// A finite number >= 0 (`--weight-init-std`).
pub fn finite_non_negative(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(x) if x.is_finite() && x >= 0.0 => Ok(x),
        _ => Err("expected a finite number >= 0".to_owned()),
    }
}

/// The longest `--file-deadline`, in seconds: a day.
pub const MAX_DEADLINE_SECS: u64 = 86_400;

/// A number of seconds > 0 and at most [`MAX_DEADLINE_SECS`]
/// (`--file-deadline`), as a [`Duration`]: checked when parsed, so a huge
/// value is refused before anything is claimed or created.
pub fn deadline(text: &str) -> Result<Duration, String> {
    text.parse::<f64>()
        .ok()
        .and_then(|secs| Duration::try_from_secs_f64(secs).ok())
        .filter(|d| !d.is_zero() && *d <= Duration::from_secs(MAX_DEADLINE_SECS))
        .ok_or_else(|| format!("expected a number of seconds > 0 and at most {MAX_DEADLINE_SECS}"))
}

/// A point `X0,X1` of two finite numbers (`--start`).
pub fn point(text: &str) -> Result<[f64; 2], String> {
    let parsed: Vec<Option<f64>> = text
        .split(',')
        .map(|part| part.trim().parse::<f64>().ok().filter(|x| x.is_finite()))
        .collect();
    match parsed.as_slice() {
        [Some(x0), Some(x1)] => Ok([*x0, *x1]),
        _ => Err("expected two finite numbers X0,X1 such as -3,4".to_owned()),
    }
}

/// One of the named `choices` of a twolayer option (`Activation::CHOICES`,
/// ...). `--help` lists the names; a wrong one gets a one-line error:
/// `invalid value 'tanh' for '--activation <ACTIVATION>': expected one of sigmoid, relu`.
pub fn choice<C: Clone + Send + Sync + 'static>(
    choices: &'static [(&'static str, C)],
) -> Choice<C> {
    Choice { choices }
}

/// The value parser made by [`choice`].
#[derive(Clone)]
pub struct Choice<C: 'static> {
    choices: &'static [(&'static str, C)],
}

impl<C: Clone + Send + Sync + 'static> TypedValueParser for Choice<C> {
    type Value = C;

    fn parse_ref(&self, cmd: &Command, arg: Option<&Arg>, value: &OsStr) -> Result<C, clap::Error> {
        let choices = self.choices;
        StringValueParser::new()
            .try_map(move |text| {
                choices
                    .iter()
                    .find(|(name, _)| *name == text)
                    .map(|(_, choice)| choice.clone())
                    .ok_or_else(|| {
                        let names: Vec<&str> = choices.iter().map(|&(name, _)| name).collect();
                        format!("expected one of {}", names.join(", "))
                    })
            })
            .parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(
            self.choices
                .iter()
                .map(|&(name, _)| PossibleValue::new(name)),
        ))
    }
}

/// Value parser of `--init` (`xor`, `init-study`): `xavier`, `he` or a
/// standard deviation.
pub fn weight_init(text: &str) -> Result<multilayer::WeightInit, String> {
    text.parse::<multilayer::WeightInit>()
        .map_err(|error| error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_checked() {
        assert_eq!(positive_usize("3"), Ok(3));
        for bad in ["0", "-1", "1.5", "x", ""] {
            assert!(positive_usize(bad).is_err(), "{bad}");
        }
        assert_eq!(finite_positive("0.1"), Ok(0.1));
        for bad in ["0", "-0.1", "inf", "NaN", "x"] {
            assert!(finite_positive(bad).is_err(), "{bad}");
        }
        assert_eq!(finite_non_negative("0"), Ok(0.0));
        assert!(finite_non_negative("-1e-9").is_err());
        assert_eq!(deadline("0.5"), Ok(Duration::from_millis(500)));
        assert_eq!(deadline("86400"), Ok(Duration::from_secs(86_400)));
        for bad in ["1e20", "86401", "0", "1e-300", "-1", "inf", "NaN", "x"] {
            let error = deadline(bad).expect_err(bad);
            assert!(error.contains("at most 86400"), "{bad}: {error}");
        }
        assert_eq!(point("400,300"), Ok([400.0, 300.0]));
        assert_eq!(point("-3, 4"), Ok([-3.0, 4.0]));
        for bad in ["1", "1,2,3", "x,1", "inf,0", "1,NaN", ""] {
            assert!(point(bad).is_err(), "{bad}");
        }
    }
}
