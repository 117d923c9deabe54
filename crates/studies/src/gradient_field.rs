//! `f(x0, x1) = x0² + x1²` over the plane (§4.4): its surface (figure 4-8)
//! and the field of its negative numerical gradient (figure 4-9).

use nalgebra::{DMatrix, DVector, dvector};
use numdiff::{function_2, numerical_gradient_rows};

/// The book's grid of figure 4-9: `np.arange(-2, 2.5, 0.25)` in both
/// coordinates, 18 x 18 points as rows `(x0, x1)`, x1 varying fastest.
pub fn field_grid() -> DMatrix<f64> {
    let axis: Vec<f64> = (0..18).map(|i| -2.0 + 0.25 * f64::from(i)).collect();
    let points: Vec<f64> = axis
        .iter()
        .flat_map(|&x0| axis.iter().flat_map(move |&x1| [x0, x1]))
        .collect();
    DMatrix::from_row_slice(axis.len() * axis.len(), 2, &points)
}

/// One arrow of the gradient field: where it starts and the negative
/// gradient there.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Arrow {
    /// The grid point `(x0, x1)`.
    pub at: [f64; 2],
    /// `-grad f` at that point, numerically.
    pub minus_grad: [f64; 2],
}

/// Figure 4-9: `-grad f` of `f(x0, x1) = x0² + x1²` (exactly `-2x`), by
/// `numdiff::numerical_gradient_rows`, at every point of [`field_grid`].
pub fn gradient_field() -> Vec<Arrow> {
    gradient_field_of(function_2)
}

/// `-grad f` of any `f(x0, x1)` (the saddle and the plateau of
/// `descent_paths` too), numerically, at every point of [`field_grid`].
pub fn gradient_field_of(f: fn(&DVector<f64>) -> f64) -> Vec<Arrow> {
    let grid = field_grid();
    let grads = numerical_gradient_rows(f, &grid);
    (0..grid.nrows())
        .map(|n| Arrow {
            at: [grid[(n, 0)], grid[(n, 1)]],
            minus_grad: [-grads[(n, 0)], -grads[(n, 1)]],
        })
        .collect()
}

/// Heights of a function over a square grid.
#[derive(Debug, Clone, PartialEq)]
pub struct Surface {
    /// The values of x0 and of x1 (the same axis for both).
    pub axis: Vec<f64>,
    /// `height[i][j] = f(axis[i], axis[j])`.
    pub height: Vec<Vec<f64>>,
}

impl Surface {
    /// The height at grid point `(x0, x1)`, both values of [`Self::axis`];
    /// `None` off the grid.
    pub fn at(&self, x0: f64, x1: f64) -> Option<f64> {
        let i = self.axis.iter().position(|&a| a == x0)?;
        let j = self.axis.iter().position(|&a| a == x1)?;
        Some(self.height[i][j])
    }

    /// The largest height.
    pub fn max(&self) -> f64 {
        self.height.iter().flatten().copied().fold(0.0, f64::max)
    }
}

/// Figure 4-8: `f(x0, x1) = x0² + x1²` on [-3, 3]², a 25 x 25 grid of step
/// 0.25.
pub fn function_2_surface() -> Surface {
    let axis: Vec<f64> = (-12..=12).map(|i| f64::from(i) / 4.0).collect();
    let height = axis
        .iter()
        .map(|&x0| {
            axis.iter()
                .map(|&x1| function_2(&dvector![x0, x1]))
                .collect()
        })
        .collect();
    Surface { axis, height }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_field_is_minus_two_x_at_324_points() {
        let field = gradient_field();
        assert_eq!(field.len(), 324);
        assert_eq!(field[0].at, [-2.0, -2.0]);
        assert_eq!(field[323].at, [2.25, 2.25]);
        for arrow in &field {
            for k in 0..2 {
                let exact = -2.0 * arrow.at[k];
                assert!(
                    (arrow.minus_grad[k] - exact).abs() < 1e-6,
                    "{arrow:?} against {exact}"
                );
            }
        }
        let origin = field.iter().find(|a| a.at == [0.0, 0.0]);
        assert_eq!(origin.map(|a| a.minus_grad), Some([0.0, 0.0]));
    }

    #[test]
    fn the_saddle_field_pulls_along_x0_and_pushes_along_x1() {
        // -grad (x0² - x1²) = (-2 x0, 2 x1).
        let field = gradient_field_of(crate::descent_paths::saddle);
        let arrow = field.iter().find(|a| a.at == [1.0, 1.0]);
        let [g0, g1] = arrow.map(|a| a.minus_grad).unwrap_or_default();
        assert!(
            (g0 + 2.0).abs() < 1e-6 && (g1 - 2.0).abs() < 1e-6,
            "{g0} {g1}"
        );
    }

    #[test]
    fn the_surface_is_a_bowl_from_0_to_18() {
        let surface = function_2_surface();
        assert_eq!(surface.axis.len(), 25);
        assert_eq!(surface.at(0.0, 0.0), Some(0.0));
        assert_eq!(surface.at(3.0, -3.0), Some(18.0));
        assert_eq!(surface.at(0.1, 0.0), None);
        assert_eq!(surface.max(), 18.0);
    }
}
