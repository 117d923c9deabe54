//! The book's `function_1` and its tangents (§4.3.2, figures 4-6 and 4-7).

use numdiff::{function_1, tangent_line};

use crate::series::{linspace, sample};

/// The x axis of figures 4-6 and 4-7: `np.arange(0.0, 20.0, 0.1)`, here
/// with 20 included (201 points).
pub fn function_1_xs() -> Vec<f64> {
    linspace(0.0, 20.0, 200)
}

/// Figure 4-6: `y = 0.01x² + 0.1x` on [0, 20], 201 points.
pub fn function_1_curve() -> Vec<(f64, f64)> {
    sample(&function_1_xs(), function_1)
}

/// One tangent of figure 4-7.
#[derive(Debug, Clone, PartialEq)]
pub struct TangentLine {
    /// Where it touches `function_1`.
    pub at: f64,
    /// Its slope, `numerical_diff(function_1, at)`.
    pub slope: f64,
    /// `y = slope (x - at) + function_1(at)` on [`function_1_xs`].
    pub points: Vec<(f64, f64)>,
}

/// Figure 4-7: the tangents of `function_1` at each of `at`, by
/// `numdiff::tangent_line` (slope `(f(x + h) - f(x - h)) / 2h`, h = 1e-4).
pub fn function_1_tangents(at: &[f64]) -> Vec<TangentLine> {
    let xs = function_1_xs();
    at.iter()
        .map(|&x0| {
            let line = tangent_line(function_1, x0);
            TangentLine {
                at: x0,
                slope: line.slope,
                points: sample(&xs, |x| line.at(x)),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tangent_slopes_are_the_books() {
        let tangents = function_1_tangents(&[5.0, 10.0]);
        assert_eq!(tangents[0].slope, 0.1999999999990898);
        assert_eq!(tangents[1].slope, 0.2999999999986347);
        assert_eq!(tangents[0].points[50], (5.0, function_1(5.0)));
        assert_eq!(function_1_curve().len(), 201);
        assert_eq!(function_1_curve()[200], (20.0, 6.0));
    }
}
