//! How the weights start: a fixed standard deviation, Xavier or He (book §6.2).

use std::fmt;
use std::str::FromStr;

/// The standard deviation of each layer's initial weights, `W ~ std * N(0, 1)`
/// (biases start at zero), as the book's `weight_init_std`.
///
/// | choice | std of a layer with `n_in` inputs | book |
/// |---|---|---|
/// | `Std(s)` | `s` | `weight_init_std=0.01` |
/// | `Xavier` | `sqrt(1 / n_in)` | `'sigmoid'` / `'xavier'` |
/// | `He` | `sqrt(2 / n_in)` | `'relu'` / `'he'` |
///
/// Parses from and prints as `"xavier"`, `"he"` or a number (`"0.01"`).
///
/// # Examples
///
/// ```
/// use multilayer::WeightInit;
/// assert_eq!("he".parse::<WeightInit>().unwrap(), WeightInit::He);
/// assert_eq!("0.01".parse::<WeightInit>().unwrap(), WeightInit::Std(0.01));
/// assert_eq!(WeightInit::Xavier.std(100), 0.1);
/// assert!("inf".parse::<WeightInit>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum WeightInit {
    /// The same standard deviation for every layer (finite, >= 0).
    Std(f64),
    /// Xavier Glorot's `sqrt(1 / n_in)`, for sigmoid and tanh.
    Xavier,
    /// Kaiming He's `sqrt(2 / n_in)`, for ReLU.
    He,
}

impl WeightInit {
    /// The standard deviation for a layer with `n_in` inputs (`n_in >= 1`).
    pub fn std(self, n_in: usize) -> f64 {
        match self {
            WeightInit::Std(std) => std,
            WeightInit::Xavier => (1.0 / n_in as f64).sqrt(),
            WeightInit::He => (2.0 / n_in as f64).sqrt(),
        }
    }

    /// A short name for file names and legends: `std0.01`, `xavier`, `he`.
    pub fn label(self) -> String {
        match self {
            WeightInit::Std(std) => format!("std{std}"),
            other => other.to_string(),
        }
    }

    /// Whether a fixed std is finite and >= 0 (Xavier and He always are).
    pub fn is_valid(self) -> bool {
        match self {
            WeightInit::Std(std) => std.is_finite() && std >= 0.0,
            _ => true,
        }
    }
}

impl fmt::Display for WeightInit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WeightInit::Std(std) => write!(f, "{std}"),
            WeightInit::Xavier => f.write_str("xavier"),
            WeightInit::He => f.write_str("he"),
        }
    }
}

/// A text that is neither `xavier`, `he` nor a finite number >= 0.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown weight initialisation {found:?}: expected xavier, he or a standard deviation \
     (a finite number >= 0)"
)]
pub struct ParseInitError {
    /// The text given.
    pub found: String,
}

impl FromStr for WeightInit {
    type Err = ParseInitError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "xavier" => Ok(WeightInit::Xavier),
            "he" => Ok(WeightInit::He),
            _ => s
                .parse::<f64>()
                .ok()
                .map(WeightInit::Std)
                .filter(|init| init.is_valid())
                .ok_or_else(|| ParseInitError {
                    found: s.to_owned(),
                }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_bad_ones_are_refused() {
        for init in [WeightInit::Std(1.0), WeightInit::Xavier, WeightInit::He] {
            assert_eq!(init.to_string().parse::<WeightInit>(), Ok(init));
        }
        assert_eq!(WeightInit::Std(0.01).label(), "std0.01");
        assert_eq!(WeightInit::Std(1.0).label(), "std1");
        for bad in ["", "Xavier", "-0.1", "NaN", "inf", "relu"] {
            assert!(bad.parse::<WeightInit>().is_err(), "{bad}");
        }
        assert_eq!(WeightInit::He.std(2), 1.0);
    }
}
