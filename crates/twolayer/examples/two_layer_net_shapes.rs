//! The book's `TwoLayerNet(input_size=784, hidden_size=100, output_size=10)`
//! (§4.5.1) and the shapes of its parameters, as the book lists them:
//!
//! ```text
//! W1 (784, 100)
//! b1 (100,)
//! W2 (100, 10)
//! b2 (10,)
//! ```
//!
//! `cargo run -p twolayer --example two_layer_net_shapes`
#![allow(clippy::print_stdout, reason = "an example prints its results")]

use rand::SeedableRng;
use rand::rngs::ChaCha12Rng;
use twolayer::{Activation, TwoLayerNet};

fn main() {
    let mut rng = ChaCha12Rng::seed_from_u64(0);
    let net = TwoLayerNet::<f64>::new(784, 100, 10, 0.01, Activation::Sigmoid, &mut rng);
    let p = &net.params;
    println!("W1 {:?}", p.w1.shape());
    println!("b1 ({},)", p.b1.len());
    println!("W2 {:?}", p.w2.shape());
    println!("b2 ({},)", p.b2.len());
}
