//! A network's decision surface over a square: the score difference on a
//! grid of cell centres, and the boundary `P = 1/2` traced through it.

use multilayer::MultiLayerNet;
use nalgebra::DMatrix;

/// Below this largest `|score(1) - score(0)|` a net is flat, `P = 1/2`
/// everywhere (the single layer's optimum on XOR): its "boundary" would be
/// rounding noise.
pub const FLAT: f64 = 1e-9;

/// `d = score(1) - score(0)` of a two-class network at the centres of a
/// `cells x cells` grid over `[low, high]^2`; `d[(i, j)]` is at
/// `(centre(i), centre(j))`.
///
/// `P(class 1) = 1 / (1 + exp(-d))`, and the boundary `P = 1/2` is `d = 0`:
/// it is found on `d`, which keeps its precision where `P` rounds to exactly
/// 1/2 (the single layer's scores on XOR end near 1e-16).
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionSurface {
    /// The lower end of both axes.
    pub low: f64,
    /// The upper end of both axes.
    pub high: f64,
    /// The score difference at every cell centre, `(cells, cells)`.
    pub d: DMatrix<f64>,
}

impl DecisionSurface {
    /// The surface of `net` (2 inputs, 2 classes) over `[low, high]^2` on
    /// `cells` cells per side.
    ///
    /// # Panics
    /// If the network does not take 2 inputs and give 2 classes.
    pub fn of(net: &MultiLayerNet<f64>, low: f64, high: f64, cells: usize) -> Self {
        let centre = |i: usize| centre(low, high, cells, i);
        let points = DMatrix::from_fn(cells * cells, 2, |k, axis| match axis {
            0 => centre(k / cells),
            _ => centre(k % cells),
        });
        let scores = net.predict(&points);
        let d = DMatrix::from_fn(cells, cells, |i, j| {
            scores[(i * cells + j, 1)] - scores[(i * cells + j, 0)]
        });
        Self { low, high, d }
    }

    /// Cells per side.
    pub fn cells(&self) -> usize {
        self.d.nrows()
    }

    /// The centre of cell `i` along an axis: `low + (i + 1/2) (high - low) / cells`.
    pub fn centre(&self, i: usize) -> f64 {
        centre(self.low, self.high, self.cells(), i)
    }

    /// `P(class 1) = 1 / (1 + exp(-d))` in cell `(i, j)`.
    pub fn probability(&self, i: usize, j: usize) -> f64 {
        1.0 / (1.0 + (-self.d[(i, j)]).exp())
    }

    /// The largest `|d|` over the grid.
    pub fn spread(&self) -> f64 {
        self.d.amax()
    }

    /// Whether the net is flat, `P = 1/2` everywhere (see [`FLAT`]): then it
    /// has no decision boundary.
    pub fn is_flat(&self) -> bool {
        self.spread() <= FLAT
    }

    /// The segments of the contour `d = 0` (marching squares between cell
    /// centres, linear along each edge: a crossing at `s = d_a / (d_a - d_b)`
    /// of the way from `a` to `b`).
    pub fn boundary(&self) -> Vec<[(f64, f64); 2]> {
        let cells = self.cells();
        let f = |(i, j): (usize, usize)| self.d[(i, j)];
        let mut segments = Vec::new();
        for i in 0..cells.saturating_sub(1) {
            for j in 0..cells - 1 {
                let corners = [(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1)];
                let mut crossings = Vec::with_capacity(4);
                for k in 0..4 {
                    let (a, b) = (corners[k], corners[(k + 1) % 4]);
                    let (fa, fb) = (f(a), f(b));
                    if (fa <= 0.0) != (fb <= 0.0) {
                        let s = fa / (fa - fb);
                        let at = |p: usize, q: usize| {
                            self.centre(p) + s * (self.centre(q) - self.centre(p))
                        };
                        crossings.push((at(a.0, b.0), at(a.1, b.1)));
                    }
                }
                for pair in crossings.chunks_exact(2) {
                    segments.push([pair[0], pair[1]]);
                }
            }
        }
        segments
    }
}

fn centre(low: f64, high: f64, cells: usize, i: usize) -> f64 {
    low + (i as f64 + 0.5) * (high - low) / cells as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_boundary_of_a_vertical_step_is_vertical() {
        // d = 1 right of x1 = 0.5, -1 left of it: every segment lies on the
        // line half-way between the two centres around 0.5.
        const GRID: usize = 40;
        let (low, high) = (-0.5, 1.5);
        let d = DMatrix::from_fn(GRID, GRID, |i, _| {
            if centre(low, high, GRID, i) > 0.5 {
                1.0
            } else {
                -1.0
            }
        });
        let surface = DecisionSurface { low, high, d };
        let segments = surface.boundary();
        assert_eq!(segments.len(), GRID - 1);
        for [(x0, _), (x1, _)] in segments {
            assert!(
                (x0 - 0.5).abs() < 1e-12 && (x1 - 0.5).abs() < 1e-12,
                "{x0} {x1}"
            );
        }
    }
}
