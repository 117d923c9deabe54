//! Summation in NumPy's order, so that sums reproduce the book's printed digits.

use crate::Real;

/// Fewer terms than this are added one after another.
const UNROLL: usize = 8;
/// More terms than this are split in two halves, summed recursively.
const BLOCK: usize = 128;

/// `term(0) + term(1) + ... + term(n - 1)`, added in the order of NumPy's
/// pairwise summation (`pairwise_sum` in NumPy's `loops_utils.h`), which
/// `np.sum` uses along a contiguous axis.
///
/// Floating-point addition is not associative, so the order decides the last
/// digits: the book's `0.5 * np.sum((y - t)**2)` prints `0.5975`, a plain
/// left-to-right sum gives `0.5974999999999999`. The order, for `n` terms:
/// - `n < 8`: left to right;
/// - `n <= 128`: eight running sums `r[j]` over the terms `j, j + 8, ...`,
///   combined as `((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))`, then the
///   last `n % 8` terms added one by one;
/// - larger: the two halves (the first a multiple of 8 long) summed
///   recursively, then added. The rounding error grows like `log n`, not `n`.
///
/// Taking the terms from a function lets callers sum expressions such as
/// `(y[i] - t[i])^2` without a buffer. No terms sum to 0.
///
/// # Examples
///
/// ```
/// use tensor_ops::pairwise_sum;
/// // The book's second sum-of-squares example.
/// let y = [0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0];
/// let t = [0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0];
/// let square = |i: usize| (y[i] - t[i]) * (y[i] - t[i]);
/// assert_eq!(0.5 * pairwise_sum(10, square), 0.5975);
/// assert_eq!(0.5 * (0..10).map(square).sum::<f64>(), 0.5974999999999999);
/// ```
pub fn pairwise_sum<T: Real>(n: usize, term: impl Fn(usize) -> T) -> T {
    pairwise(0, n, &term)
}

/// Pairwise sum of `term(start)` to `term(start + n - 1)`.
fn pairwise<T: Real>(start: usize, n: usize, term: &impl Fn(usize) -> T) -> T {
    if n < UNROLL {
        (start..start + n).fold(T::zero(), |sum, i| sum + term(i))
    } else if n <= BLOCK {
        let mut r: [T; UNROLL] = std::array::from_fn(|j| term(start + j));
        let whole = n - n % UNROLL;
        for block in (UNROLL..whole).step_by(UNROLL) {
            for (j, r) in r.iter_mut().enumerate() {
                *r += term(start + block + j);
            }
        }
        let head = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        (start + whole..start + n).fold(head, |sum, i| sum + term(i))
    } else {
        let half = n / 2 - (n / 2) % UNROLL;
        pairwise(start, half, term) + pairwise(start + half, n - half, term)
    }
}
