//! The book's `buy_apple.py` (§5.4.1): two apples at 100 each with a 10%
//! tax, forward and backward through two `MulLayer`s.
//!
//! `cargo run -p twolayer --example buy_apple` prints, as the book does:
//!
//! ```text
//! price: 220
//! dApple: 2.2
//! dApple_num: 110
//! dTax: 200
//! ```
#![allow(clippy::print_stdout, reason = "an example prints its results")]

use twolayer::MulLayer;

fn main() {
    let (apple, apple_num, tax) = (100.0, 2.0, 1.1);

    // layer
    let mut mul_apple_layer = MulLayer::new();
    let mut mul_tax_layer = MulLayer::new();

    // forward
    let apple_price = mul_apple_layer.forward(apple, apple_num);
    let price = mul_tax_layer.forward(apple_price, tax);

    // backward
    let dprice = 1.0;
    let (dapple_price, dtax) = mul_tax_layer.backward(dprice);
    let (dapple, dapple_num) = mul_apple_layer.backward(dapple_price);

    // The book prints int(price) and int(dapple_num): 220.00000000000003 and
    // 110.00000000000001 truncated, as `as i64` does; its dtax is the int
    // 100 * 2, which `{}` prints without a point.
    println!("price: {}", price as i64);
    println!("dApple: {dapple:?}");
    println!("dApple_num: {}", dapple_num as i64);
    println!("dTax: {dtax}");
}
