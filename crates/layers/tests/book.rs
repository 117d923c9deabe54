//! The book's printed numbers for the computational graph's nodes: the
//! apples (§5.4.1, the example `buy_apple`) and the apples and oranges
//! (§5.4.2, the example `buy_apple_orange`).

use layers::{AddLayer, MulLayer};

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

// apple = 100; apple_num = 2; orange = 150; orange_num = 3; tax = 1.1
// ... forward and backward as in buy_apple_orange.py ...
// print("price:", int(price))  # 715
// print("dApple:", dapple)     # 2.2
// print("dApple_num:", int(dapple_num))
// print("dOrange:", dorange)
// print("dOrange_num:", int(dorange_num))
// print("dTax:", dtax)
#[test]
fn apples_and_oranges_give_the_books_exact_floats() {
    let (apple, apple_num, orange, orange_num, tax) = (100.0, 2.0, 150.0, 3.0, 1.1);
    let mut mul_apple_layer = MulLayer::new();
    let mut mul_orange_layer = MulLayer::new();
    let mut add_apple_orange_layer = AddLayer::new();
    let mut mul_tax_layer = MulLayer::new();

    let apple_price = mul_apple_layer.forward(apple, apple_num);
    let orange_price = mul_orange_layer.forward(orange, orange_num);
    let all_price = add_apple_orange_layer.forward(apple_price, orange_price);
    let price = mul_tax_layer.forward(all_price, tax);

    let (dall_price, dtax) = mul_tax_layer.backward(1.0);
    let (dapple_price, dorange_price) = add_apple_orange_layer.backward(dall_price);
    let (dorange, dorange_num) = mul_orange_layer.backward(dorange_price);
    let (dapple, dapple_num) = mul_apple_layer.backward(dapple_price);

    // Exact: the same IEEE operations as Python, so the same last bits.
    assert_eq!(price, 715.0000000000001);
    assert_eq!(dapple, 2.2);
    assert_eq!(dapple_num, 110.00000000000001);
    assert_eq!(dorange, 3.3000000000000003);
    assert_eq!(dorange_num, 165.0);
    assert_eq!(dtax, 650.0);
    assert_eq!(dall_price, 1.1);
}
