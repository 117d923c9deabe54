//! The float types the whole workspace is generic over.

use std::fmt;

use nalgebra::RealField;

/// A real number type for network math: `f32` for fast training, `f64` to
/// reproduce the book's printed numbers (NumPy computes in `f64`).
///
/// It adds to nalgebra's [`RealField`] what the workspace needs: `Copy`,
/// printing, thread-safety and exact conversions to and from `f64` literals.
pub trait Real:
    RealField + Copy + Default + fmt::Debug + fmt::Display + fmt::LowerExp + Send + Sync + 'static
{
    /// The type's name as it appears in file formats and messages (`"f32"`, `"f64"`).
    const NAME: &'static str;

    /// Converts an `f64` constant (rounding to nearest for `f32`).
    fn cast(x: f64) -> Self;

    /// Widens (or keeps) the value as an `f64`.
    fn to_f64(self) -> f64;

    /// Whether the value is `NaN`.
    fn is_nan(self) -> bool;
}

impl Real for f32 {
    const NAME: &'static str = "f32";

    fn cast(x: f64) -> Self {
        x as f32
    }

    fn to_f64(self) -> f64 {
        f64::from(self)
    }

    fn is_nan(self) -> bool {
        f32::is_nan(self)
    }
}

impl Real for f64 {
    const NAME: &'static str = "f64";

    fn cast(x: f64) -> Self {
        x
    }

    fn to_f64(self) -> f64 {
        self
    }

    fn is_nan(self) -> bool {
        f64::is_nan(self)
    }
}
