//! The three pictures of a network on a small synthetic test set: each is
//! XML with one mark per cell or tile, and the numbers agree with
//! `confusion_matrix`.

use rand::SeedableRng;
use rand::rngs::ChaCha12Rng;
use twolayer::fast::confusion_matrix;
use twolayer::{Activation, Dataset, TwoLayerNet};

use super::*;

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// 300 "images" of 784 bytes and their labels.
fn synthetic() -> (Vec<u8>, Vec<u8>) {
    let inputs = (0..300 * 784)
        .map(|i| ((i * 37 + i / 784 * 11) % 256) as u8)
        .collect();
    let labels = (0..300).map(|n| (n % 10) as u8).collect();
    (inputs, labels)
}

fn net() -> TwoLayerNet<f32> {
    let mut rng = ChaCha12Rng::seed_from_u64(3);
    TwoLayerNet::new(784, 50, 10, 0.1, Activation::Sigmoid, &mut rng)
}

fn elements<'a>(
    doc: &'a roxmltree::Document<'a>,
    tag: &str,
    class: &str,
) -> Vec<roxmltree::Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| n.has_tag_name(tag) && n.attribute("class") == Some(class))
        .collect()
}

#[test]
fn the_pictures_hold_100_cells_64_misses_and_50_units() -> TestResult {
    let (inputs, labels) = synthetic();
    let test = Dataset::new(&inputs, &labels, 784, 10)?;
    let net = net();

    let matrix = confusion_matrix(&net, &test);
    let confusion = confusion_svg(&matrix, "a random net");
    let doc = roxmltree::Document::parse(&confusion)?;
    assert_eq!(elements(&doc, "rect", "cell").len(), 100);
    let counts: Vec<u64> = elements(&doc, "text", "count")
        .iter()
        .map(|n| n.text().unwrap_or("").parse().expect("a count"))
        .collect();
    assert_eq!(counts, matrix.concat(), "row by row, as confusion_matrix");
    assert_eq!(counts.iter().sum::<u64>(), 300);

    let mistakes = studies::first_misclassified(&net, &test, MISCLASSIFIED);
    let misclassified = misclassified_svg("a random net", &mistakes, &test)?;
    let doc = roxmltree::Document::parse(&misclassified)?;
    let tiles = elements(&doc, "image", "tile");
    assert_eq!(tiles.len(), MISCLASSIFIED);
    assert!(tiles.iter().all(|t| {
        t.attribute("href")
            .is_some_and(|href| href.starts_with("data:image/png;base64,iVBORw0KGgo"))
    }));

    let columns = studies::w1_columns(&net);
    let weights = weights_svg("a random net", &columns, studies::shared_scale(&columns))?;
    let doc = roxmltree::Document::parse(&weights)?;
    assert_eq!(elements(&doc, "image", "tile").len(), 50);
    for svg in [&confusion, &misclassified, &weights] {
        assert!(svg.len() < 1_000_000, "{} bytes", svg.len());
    }
    Ok(())
}

#[test]
fn only_28x28_images_are_drawn() -> TestResult {
    let (inputs, labels) = ([0_u8; 20], [1_u8, 0]);
    let test = Dataset::new(&inputs, &labels, 10, 2)?;
    let mistake = studies::Mistake {
        index: 0,
        label: 1,
        predicted: 0,
        probability: 0.5,
    };
    let error = misclassified_svg("tiny", &[mistake], &test).expect_err("10 features");
    assert!(error.to_string().contains("28x28"), "{error}");
    let error = weights_svg("tiny", &[vec![0.0; 10]], 1.0).expect_err("10 weights");
    assert!(error.to_string().contains("28x28"), "{error}");
    Ok(())
}

#[test]
fn the_log_ticks_do_not_crowd() {
    let labels = |largest| -> Vec<String> {
        confusion::log_ticks(largest)
            .into_iter()
            .map(|(_, label)| label)
            .collect()
    };
    assert_eq!(labels(1108), ["0", "1", "10", "100", "1108"]);
    assert_eq!(labels(1), ["0", "1"]);
    assert_eq!(labels(0), ["0"]);
}
