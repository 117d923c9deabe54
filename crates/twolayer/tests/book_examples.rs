//! The numbers of the example `two_layer_net_shapes` (§4.5.1), asserted
//! (`buy_apple`'s are in the `layers` crate's tests).

use rand::SeedableRng;
use rand::rngs::ChaCha12Rng;
use twolayer::{Activation, TwoLayerNet};

// net = TwoLayerNet(input_size=784, hidden_size=100, output_size=10)
// net.params['W1'].shape  # (784, 100)
#[test]
fn the_books_784_100_10_net_has_its_shapes() {
    let mut rng = ChaCha12Rng::seed_from_u64(0);
    let net = TwoLayerNet::<f64>::new(784, 100, 10, 0.01, Activation::Sigmoid, &mut rng);
    assert_eq!(net.params.w1.shape(), (784, 100));
    assert_eq!(net.params.b1.len(), 100);
    assert_eq!(net.params.w2.shape(), (100, 10));
    assert_eq!(net.params.b2.len(), 10);
    assert_eq!(net.dims(), (784, 100, 10));
}
