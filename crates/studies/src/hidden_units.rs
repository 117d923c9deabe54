//! What each hidden unit of a trained two-layer network looks for: its
//! column of `W1` (the weights from every input pixel into it), laid out
//! by `weights.svg` as the 28x28 image it multiplies, on one colour scale
//! shared by all units so that their strengths compare (the book's
//! `W1`, section 4.5.1, after training).

use twolayer::TwoLayerNet;

/// Column `j` of `W1` for every hidden unit `j`: `W1[:, j]`, the
/// `input` weights into unit `j` (`W1` is `(input, hidden)`).
pub fn w1_columns(net: &TwoLayerNet<f32>) -> Vec<Vec<f64>> {
    net.params
        .w1
        .column_iter()
        .map(|column| column.iter().map(|&w| f64::from(w)).collect())
        .collect()
}

/// The magnitude every column is drawn against: the largest `|w|` of
/// all columns, `max_{i,j} |W1[i, j]|` (0 when there is none).
pub fn shared_scale(columns: &[Vec<f64>]) -> f64 {
    columns
        .iter()
        .flatten()
        .filter(|w| w.is_finite())
        .fold(0.0, |largest, w| largest.max(w.abs()))
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;
    use rand::rngs::ChaCha12Rng;
    use twolayer::{Activation, TwoLayerNet};

    use super::*;

    #[test]
    fn the_columns_are_w1s_and_the_scale_is_their_largest_magnitude() {
        let mut rng = ChaCha12Rng::seed_from_u64(1);
        let net = TwoLayerNet::<f32>::new(6, 4, 3, 0.1, Activation::Relu, &mut rng);
        let columns = w1_columns(&net);
        assert_eq!(columns.len(), 4);
        assert!(columns.iter().all(|column| column.len() == 6));
        assert_eq!(columns[2][5], f64::from(net.params.w1[(5, 2)]));
        let largest = net.params.w1.iter().fold(0.0_f32, |m, w| m.max(w.abs()));
        assert_eq!(shared_scale(&columns), f64::from(largest));
        assert_eq!(shared_scale(&[vec![-3.0, f64::NAN], vec![2.0]]), 3.0);
        assert_eq!(shared_scale(&[]), 0.0);
    }
}
