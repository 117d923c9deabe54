//! The dense flop model that turns the bench's times into GFLOP/s: the
//! matrix products of the book's two-layer network (`x: (N, D)`,
//! `W1: (D, H)`, `W2: (H, C)`), two flops per multiply-add. Biases,
//! activations and the softmax are left out.

/// Dense flops of one training step of the book's loop on a batch of `n`:
/// the forward pass `2 n (D H + H C)`, backprop without the first layer's
/// input gradient `2 n (D H + 2 H C)` (`dW1 = x^T da1`, `dW2 = z1^T dout`,
/// `dz1 = dout W2^T`), and the loss recorded after the update, another
/// forward pass: `2 n (3 D H + 4 H C)` in all.
pub fn flops_per_step(n: usize, input: usize, hidden: usize, output: usize) -> f64 {
    let (n, d, h, c) = (n as f64, input as f64, hidden as f64, output as f64);
    2.0 * n * (3.0 * d * h + 4.0 * h * c)
}

/// Dense flops of predicting one image: `2 (D H + H C)`.
pub fn flops_per_image(input: usize, hidden: usize, output: usize) -> f64 {
    let (d, h, c) = (input as f64, hidden as f64, output as f64);
    2.0 * (d * h + h * c)
}

/// Flops of one square `f32` product `C = A B` of side `n`: `2 n^3`.
pub fn flops_per_gemm(n: usize) -> f64 {
    2.0 * (n as f64).powi(3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_books_step_has_24_megaflops() {
        // forward 7.94 M + backward 8.04 M + recorded loss 7.94 M.
        assert_eq!(flops_per_step(100, 784, 50, 10), 23_920_000.0);
        assert_eq!(flops_per_image(784, 50, 10), 79_400.0);
        assert_eq!(flops_per_gemm(10), 2_000.0);
    }
}
