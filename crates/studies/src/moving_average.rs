//! Smoothing a noisy series of batch losses for a figure.

/// The trailing mean over the last `window` points (fewer at the start):
/// `y'_i = mean(y_{max(0, i-window+1)..=i})`, at the same `x`.
///
/// # Examples
///
/// ```
/// let points = [(0.0, 1.0), (1.0, 3.0), (2.0, 5.0)];
/// assert_eq!(
///     studies::moving_average(&points, 2),
///     vec![(0.0, 1.0), (1.0, 2.0), (2.0, 4.0)]
/// );
/// ```
pub fn moving_average(points: &[(f64, f64)], window: usize) -> Vec<(f64, f64)> {
    let mut sum = 0.0;
    points
        .iter()
        .enumerate()
        .map(|(i, &(x, y))| {
            sum += y;
            if i >= window {
                sum -= points[i - window].1;
            }
            (x, sum / (i + 1).min(window) as f64)
        })
        .collect()
}
