//! Evenly spaced values and a function sampled on them: the x axes of the
//! chapter's curves.

/// `n + 1` evenly spaced values from `start` to `end`, both included:
/// `start + (end - start) i / n` for `i` in `0..=n`.
pub fn linspace(start: f64, end: f64, n: usize) -> Vec<f64> {
    (0..=n)
        .map(|i| start + (end - start) * i as f64 / n as f64)
        .collect()
}

/// `(x, f(x))` for `x` in `xs`.
pub fn sample(xs: &[f64], f: impl Fn(f64) -> f64) -> Vec<(f64, f64)> {
    xs.iter().map(|&x| (x, f(x))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linspace_includes_both_ends() {
        assert_eq!(linspace(-5.0, 5.0, 4), [-5.0, -2.5, 0.0, 2.5, 5.0]);
        assert_eq!(sample(&[1.0, 2.0], |x| x * x), [(1.0, 1.0), (2.0, 4.0)]);
    }
}
