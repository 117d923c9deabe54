//! The book's apples and oranges (§5.4.2): forward and backward through
//! `MulLayer` and `AddLayer`, printing the price and every derivative.
//!
//! `cargo run -p twolayer --example buy_apple_orange`
#![allow(clippy::print_stdout, reason = "an example prints its results")]

use twolayer::{AddLayer, MulLayer};

fn main() {
    let (apple, apple_num) = (100.0, 2.0);
    let (orange, orange_num) = (150.0, 3.0);
    let tax = 1.1;

    // layer
    let mut mul_apple_layer = MulLayer::new();
    let mut mul_orange_layer = MulLayer::new();
    let mut add_apple_orange_layer = AddLayer::new();
    let mut mul_tax_layer = MulLayer::new();

    // forward
    let apple_price = mul_apple_layer.forward(apple, apple_num);
    let orange_price = mul_orange_layer.forward(orange, orange_num);
    let all_price = add_apple_orange_layer.forward(apple_price, orange_price);
    let price = mul_tax_layer.forward(all_price, tax);

    // backward
    let dprice = 1.0;
    let (dall_price, dtax) = mul_tax_layer.backward(dprice);
    let (dapple_price, dorange_price) = add_apple_orange_layer.backward(dall_price);
    let (dorange, dorange_num) = mul_orange_layer.backward(dorange_price);
    let (dapple, dapple_num) = mul_apple_layer.backward(dapple_price);

    // Rust's `{:?}` prints the shortest exact digits, as Python's print does.
    println!("price: {price:?}");
    println!("dApple: {dapple:?}");
    println!("dApple_num: {dapple_num:?}");
    println!("dOrange: {dorange:?}");
    println!("dOrange_num: {dorange_num:?}");
    println!("dTax: {dtax:?}");
    println!("dAll_price: {dall_price:?}");
}
