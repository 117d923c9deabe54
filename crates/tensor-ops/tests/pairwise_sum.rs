//! Summation in NumPy's pairwise order.

use tensor_ops::pairwise_sum;
use tensor_ops::testing::{Tolerance, assert_close};

/// A sum of a million terms keeps about 15 good digits when added pairwise.
const PAIRWISE_ACCURACY: Tolerance = Tolerance::relative(1e-14);

#[test]
fn no_terms_sum_to_zero() {
    assert_eq!(pairwise_sum(0, |_| 1.0_f64), 0.0);
}

#[test]
fn fewer_than_eight_terms_are_added_left_to_right() {
    let terms = [0.1_f64, 0.2, 0.3, 1e16, -1e16, 0.4, 0.5];
    let left_to_right = terms.iter().fold(0.0, |sum, v| sum + v);
    assert_eq!(pairwise_sum(terms.len(), |i| terms[i]), left_to_right);
}

// >>> np.sum(np.full(10, 0.1))   # sum([0.1] * 10) gives 0.9999999999999999
// 1.0
#[test]
fn ten_tenths_sum_to_one_as_in_numpy() {
    assert_eq!(pairwise_sum(10, |_| 0.1_f64), 1.0);
    assert_eq!((0..10).map(|_| 0.1_f64).sum::<f64>(), 0.9999999999999999);
}

/// Sevenths: inexact terms, so that different orders round differently.
fn term(i: usize) -> f64 {
    (i as f64 + 1.0) / 7.0
}

#[test]
fn eight_running_sums_are_combined_in_a_tree_then_the_rest_added() {
    let t: Vec<f64> = (0..19).map(term).collect();
    let r: Vec<f64> = (0..8).map(|j| t[j] + t[j + 8]).collect();
    let head = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    assert_eq!(pairwise_sum(19, term), head + t[16] + t[17] + t[18]);
    assert_ne!(pairwise_sum(19, term), t.iter().sum::<f64>());
}

#[test]
fn more_than_128_terms_are_split_at_a_multiple_of_eight() {
    let range = |start: usize, n: usize| pairwise_sum(n, |i| term(start + i));
    // 300 = 144 + 156; 144 = 72 + 72; 156 = 72 + 84.
    let expected = (range(0, 72) + range(72, 72)) + (range(144, 72) + range(216, 84));
    assert_eq!(pairwise_sum(300, term), expected);
}

#[test]
fn long_sums_stay_accurate() {
    let n = 1_000_000;
    assert_close(pairwise_sum(n, |_| 0.1_f64), 100_000.0, PAIRWISE_ACCURACY);
    let left_to_right: f64 = (0..n).map(|_| 0.1).sum();
    assert!((left_to_right - 100_000.0).abs() > 1e-7, "{left_to_right}");
}

#[test]
fn every_term_is_added_once() {
    for n in [7, 8, 9, 15, 16, 17, 127, 128, 129, 200, 1000, 1001] {
        let sum = pairwise_sum(n, |i| i as f64);
        assert_eq!(sum, (n * (n - 1) / 2) as f64, "n = {n}");
    }
}
