//! Gradient descent as paths of points (§4.4.1): the book's three learning
//! rates on `x0² + x1²` (figure 4-10), and two places where descent crawls
//! though no minimum is near: a saddle and a plateau.

use nalgebra::{DVector, dvector};
use numdiff::{function_2, gradient_descent};

/// The start of the book's `gradient_method.py`.
pub const BOOK_START: [f64; 2] = [-3.0, 4.0];
/// The book's learning rates: good, too large, too small.
pub const BOOK_LEARNING_RATES: [f64; 3] = [0.1, 10.0, 1e-10];
/// The steps of the book's `gradient_descent(..., step_num=100)` in its
/// text (figure 4-10 itself draws the first 20).
pub const BOOK_STEPS: usize = 100;
/// The steps figure 4-10 draws.
pub const FIGURE_STEPS: usize = 20;

/// Every point of `steps` steps of `x <- x - lr grad f(x)` from `start`,
/// the gradient numerical (`numdiff::gradient_descent`): the start first,
/// the end last, `steps + 1` points.
pub fn descent(
    f: fn(&DVector<f64>) -> f64,
    start: [f64; 2],
    lr: f64,
    steps: usize,
) -> Vec<[f64; 2]> {
    gradient_descent(f, dvector![start[0], start[1]], lr, steps)
        .points()
        .map(|x| [x[0], x[1]])
        .collect()
}

/// One descent path and its learning rate.
#[derive(Debug, Clone, PartialEq)]
pub struct DescentPath {
    /// The learning rate.
    pub lr: f64,
    /// The points, start first, end last.
    pub points: Vec<[f64; 2]>,
}

impl DescentPath {
    /// The end point.
    pub fn end(&self) -> [f64; 2] {
        self.points.last().copied().unwrap_or(BOOK_START)
    }
}

/// Figure 4-10: `steps` steps on `f(x0, x1) = x0² + x1²` from (-3, 4) with
/// each of the book's learning rates 0.1, 10 and 1e-10.
pub fn book_descents(steps: usize) -> [DescentPath; 3] {
    BOOK_LEARNING_RATES.map(|lr| DescentPath {
        lr,
        points: descent(function_2, BOOK_START, lr, steps),
    })
}

/// The saddle `x0² - x1²`: a minimum along x0, a maximum along x1.
pub fn saddle(x: &DVector<f64>) -> f64 {
    x[0] * x[0] - x[1] * x[1]
}

/// The saddle study: from (-3, 1e-3), learning rate 0.1, 40 steps.
pub const SADDLE: ([f64; 2], f64, usize) = ([-3.0, 1e-3], 0.1, 40);

/// A plateau: the well `1 - exp(-(x0² + x1²))`, flat (loss near 1,
/// gradient near 0) far from its minimum at the origin.
pub fn plateau(x: &DVector<f64>) -> f64 {
    1.0 - (-(x[0] * x[0] + x[1] * x[1])).exp()
}

/// The plateau study: from (2, 1.5) (distance 2.5, where the gradient is
/// `2r exp(-r²)`, about 0.01), learning rate 1, 60 steps.
pub const PLATEAU: ([f64; 2], f64, usize) = ([2.0, 1.5], 1.0, 60);

/// A descent where the gradient is (nearly) zero but no minimum is near.
#[derive(Debug, Clone, PartialEq)]
pub struct Crawl {
    /// The learning rate.
    pub lr: f64,
    /// The points, start first.
    pub path: Vec<[f64; 2]>,
    /// `f` at each point.
    pub loss: Vec<f64>,
}

impl Crawl {
    /// `steps` steps of [`descent`] on `f` from `start` with learning rate
    /// `lr`, with `f` at every point.
    pub fn of(f: fn(&DVector<f64>) -> f64, (start, lr, steps): ([f64; 2], f64, usize)) -> Self {
        let path = descent(f, start, lr, steps);
        let loss = path.iter().map(|&[x0, x1]| f(&dvector![x0, x1])).collect();
        Self { lr, path, loss }
    }

    /// How many points, from the start, have `|x1| < 0.1` (the saddle's
    /// crawl).
    pub fn near_x1_axis(&self) -> usize {
        self.path.iter().take_while(|p| p[1].abs() < 0.1).count()
    }

    /// How many steps, from the start, lower the loss by less than 0.001
    /// (the plateau's flat stretch).
    pub fn flat_steps(&self) -> usize {
        self.loss
            .windows(2)
            .take_while(|w| w[0] - w[1] < 1e-3)
            .count()
    }
}

/// The saddle study ([`SADDLE`] on [`saddle`]), §4.4.1's warning that a
/// zero gradient may be a saddle point.
pub fn saddle_descent() -> Crawl {
    Crawl::of(saddle, SADDLE)
}

/// The plateau study ([`PLATEAU`] on [`plateau`]), §4.4.1's warning that
/// learning can stall on a flat region.
pub fn plateau_descent() -> Crawl {
    Crawl::of(plateau, PLATEAU)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_descent_has_the_books_21_points() {
        // gradient_method.py: lr=0.1, step_num=20 from (-3, 4); each step
        // multiplies x by 1 - 2 lr = 0.8.
        let path = descent(function_2, [-3.0, 4.0], 0.1, 20);
        assert_eq!(path.len(), 21);
        assert_eq!(path[0], [-3.0, 4.0]);
        for (k, p) in path.iter().enumerate() {
            let scale = 0.8_f64.powi(i32::try_from(k).unwrap_or(0));
            assert!((p[0] + 3.0 * scale).abs() < 1e-9, "{k}: {p:?}");
            assert!((p[1] - 4.0 * scale).abs() < 1e-9, "{k}: {p:?}");
        }
        assert!(path.iter().all(|p| p[0].abs() <= 3.5 && p[1].abs() <= 4.5));
        let [good, large, small] = book_descents(20);
        assert_eq!(good.points, path);
        assert!(large.end()[0].abs() > 1e12, "{:?}", large.end());
        assert!((small.end()[0] + 3.0).abs() < 1e-7, "{:?}", small.end());
    }

    #[test]
    fn the_saddle_path_crawls_then_escapes() {
        let crawl = saddle_descent();
        let path = &crawl.path;
        let crawling = crawl.near_x1_axis();
        assert!(crawling >= 10, "{crawling} steps near the saddle");
        // While it crawls, x0 reaches the saddle...
        assert!(
            path[crawling - 1][0].abs() < 0.05,
            "{:?}",
            path[crawling - 1]
        );
        // ...and then x1 grows away from it.
        let last = path[path.len() - 1];
        assert!(last[1].abs() > 1.0, "{last:?}");
        assert!(
            path[crawling..]
                .windows(2)
                .all(|w| w[1][1].abs() > w[0][1].abs())
        );
    }

    #[test]
    fn the_plateau_barely_moves_then_drops() {
        let crawl = plateau_descent();
        let steps = PLATEAU.2;
        let loss = &crawl.loss;
        assert_eq!(loss.len(), steps + 1);
        assert!(loss[0] > 0.99, "{}", loss[0]);
        assert!(loss[0] - loss[10] < 0.01, "{} -> {}", loss[0], loss[10]);
        assert!(loss[steps] < 0.01, "{}", loss[steps]);
        assert!(crawl.flat_steps() >= 10, "{}", crawl.flat_steps());
    }
}
