//! A bounded sample of a long series (the losses of a run, the points of a
//! descent) for a plot: every point while there are few, then every second,
//! fourth, ... so memory stays bounded however long the series is, and the
//! plot can say which points it draws.

/// At most `cap` values of a series `0, 1, 2, ...`: those whose index is a
/// multiple of [`stride`](Self::stride), which doubles whenever `cap` is
/// reached.
#[derive(Debug, Clone)]
pub struct Sampled<T> {
    points: Vec<(usize, T)>,
    stride: usize,
    cap: usize,
    len: usize,
}

/// How many points a plot draws at most (a plot of a long run stays a few MB).
pub const PLOT_POINTS: usize = 20_000;

impl<T> Sampled<T> {
    /// An empty sample keeping at most `cap` points (at least 2).
    pub fn new(cap: usize) -> Self {
        Self {
            points: Vec::new(),
            stride: 1,
            cap: cap.max(2),
            len: 0,
        }
    }

    /// Offers the value at `index`, which must follow the previous one.
    pub fn push(&mut self, index: usize, value: T) {
        self.len = index + 1;
        if !index.is_multiple_of(self.stride) {
            return;
        }
        self.points.push((index, value));
        if self.points.len() >= self.cap {
            let mut position = 0;
            self.points.retain(|_| {
                position += 1;
                position % 2 == 1
            });
            self.stride *= 2;
        }
    }

    /// Offers the last value of the series, at `index`, and keeps it
    /// whatever the stride (a plot marks where a path ends).
    pub fn push_last(&mut self, index: usize, value: T) {
        self.len = index + 1;
        if self.points.last().is_none_or(|&(last, _)| last != index) {
            self.points.push((index, value));
        }
    }

    /// The kept points (index, value), in order.
    pub fn points(&self) -> &[(usize, T)] {
        &self.points
    }

    /// The distance between two kept indices: 1 while every value is kept.
    pub fn stride(&self) -> usize {
        self.stride
    }

    /// The length of the whole series (the last index offered, plus 1).
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether no value was offered yet.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// A note for the plot when not every value is drawn: "every 4th of
    /// 123,456 iterations drawn".
    pub fn note(&self, what: &str) -> Option<String> {
        (self.stride > 1).then(|| {
            format!(
                "sampled: every {}th of {} {what} drawn",
                self.stride, self.len
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_series_keeps_evenly_spaced_points_within_the_cap() {
        let mut sampled = Sampled::new(8);
        for i in 0..5 {
            sampled.push(i, i * 10);
        }
        assert_eq!(sampled.stride(), 1);
        assert_eq!(sampled.note("steps"), None);
        for i in 5..1000 {
            sampled.push(i, i * 10);
        }
        assert!(sampled.points().len() < 8);
        assert_eq!(sampled.len(), 1000);
        let stride = sampled.stride();
        assert!(stride >= 128, "{stride}");
        for (k, &(index, value)) in sampled.points().iter().enumerate() {
            assert_eq!((index, value), (k * stride, k * stride * 10));
        }
        let note = sampled.note("steps").unwrap_or_default();
        assert_eq!(
            note,
            format!("sampled: every {stride}th of 1000 steps drawn")
        );
        sampled.push_last(1000, 10_000);
        assert_eq!(sampled.points().last(), Some(&(1000, 10_000)));
        assert_eq!(sampled.len(), 1001);
    }
}
