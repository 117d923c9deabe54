//! The numbers of the examples `buy_apple` (§5.4.1) and
//! `two_layer_net_shapes` (§4.5.1), asserted.

use rand::SeedableRng;
use rand::rngs::ChaCha12Rng;
use twolayer::{Activation, MulLayer, TwoLayerNet};

// buy_apple.py:
// price: 220
// dApple: 2.2
// dApple_num: 110
// dTax: 200
#[test]
fn buy_apple_gives_the_books_price_and_derivatives() {
    let (mut mul_apple_layer, mut mul_tax_layer) = (MulLayer::new(), MulLayer::new());
    let apple_price = mul_apple_layer.forward(100.0, 2.0);
    let price = mul_tax_layer.forward(apple_price, 1.1);
    let (dapple_price, dtax) = mul_tax_layer.backward(1.0);
    let (dapple, dapple_num) = mul_apple_layer.backward(dapple_price);
    assert_eq!(price, 220.00000000000003);
    assert_eq!(price as i64, 220);
    assert_eq!(dapple, 2.2);
    assert_eq!(dapple_num, 110.00000000000001);
    assert_eq!(dapple_num as i64, 110);
    assert_eq!(dtax, 200.0);
}

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
