//! The three pictures of a network on a small synthetic test set: each is
//! XML with one mark per cell or tile, and the numbers agree with
//! `confusion_matrix`.

use rand::SeedableRng;
use rand::rngs::ChaCha12Rng;
use twolayer::fast::confusion_matrix;
use twolayer::{Activation, Dataset, TwoLayerNet};

use super::*;

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
fn the_pictures_hold_100_cells_64_misses_and_50_units() -> anyhow::Result<()> {
    let (inputs, labels) = synthetic();
    let test = Dataset::new(&inputs, &labels, 784, 10)?;
    let net = net();
    let files = pictures(&net, &test, "a random net")?;
    let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, ["confusion.svg", "misclassified.svg", "weights.svg"]);
    for (name, bytes) in &files {
        assert!(bytes.len() < 1_000_000, "{name} is {} bytes", bytes.len());
    }
    let text = |i: usize| String::from_utf8_lossy(&files[i].1).into_owned();

    let confusion = text(0);
    let doc = roxmltree::Document::parse(&confusion)?;
    assert_eq!(elements(&doc, "rect", "cell").len(), 100);
    let counts: Vec<u64> = elements(&doc, "text", "count")
        .iter()
        .map(|n| n.text().unwrap_or("").parse().expect("a count"))
        .collect();
    let matrix = confusion_matrix(&net, &test);
    assert_eq!(counts, matrix.concat(), "row by row, as confusion_matrix");
    assert_eq!(counts.iter().sum::<u64>(), 300);

    let misclassified = text(1);
    let doc = roxmltree::Document::parse(&misclassified)?;
    let tiles = elements(&doc, "image", "tile");
    assert_eq!(tiles.len(), MISCLASSIFIED);
    assert!(tiles.iter().all(|t| {
        t.attribute("href")
            .is_some_and(|href| href.starts_with("data:image/png;base64,iVBORw0KGgo"))
    }));

    let weights = text(2);
    let doc = roxmltree::Document::parse(&weights)?;
    assert_eq!(elements(&doc, "image", "tile").len(), 50);
    Ok(())
}

#[test]
fn the_misses_are_the_first_wrong_predictions_in_order() -> anyhow::Result<()> {
    let (inputs, labels) = synthetic();
    let test = Dataset::new(&inputs, &labels, 784, 10)?;
    let net = net();
    let all = first_misclassified(&net, &test, usize::MAX);
    let matrix = confusion_matrix(&net, &test);
    let wrong: u64 = (0..10)
        .map(|k| matrix[k].iter().sum::<u64>() - matrix[k][k])
        .sum();
    assert_eq!(all.len() as u64, wrong);
    assert!(all.windows(2).all(|w| w[0].index < w[1].index));
    for miss in &all {
        assert_ne!(miss.label, miss.predicted);
        assert_eq!(miss.label, usize::from(labels[miss.index]));
        assert!(miss.probability > 0.0 && miss.probability <= 1.0);
    }
    assert_eq!(first_misclassified(&net, &test, 5), all[..5]);
    Ok(())
}

#[test]
fn only_28x28_images_are_drawn() -> anyhow::Result<()> {
    let (inputs, labels) = ([0_u8; 20], [1_u8, 0]);
    let test = Dataset::new(&inputs, &labels, 10, 2)?;
    let mut rng = ChaCha12Rng::seed_from_u64(0);
    let net = TwoLayerNet::<f32>::new(10, 3, 2, 0.1, Activation::Relu, &mut rng);
    let error = pictures(&net, &test, "tiny").expect_err("10 features are not an image");
    assert!(error.to_string().contains("28x28"), "{error}");
    Ok(())
}
