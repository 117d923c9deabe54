//! End to end across the crates: fetch (from a loopback mirror) -> load ->
//! train -> save -> load -> evaluate, on a small synthetic IDX data set the
//! test writes itself; and the book's result on the real MNIST when
//! `MNIST_DIR` points at it.

use std::path::Path;
use std::time::Duration;

use integration_tests::{TestServer, gz_table, synthetic_mnist};
use mnist_data::fetch::{ExpectedFile, FetchOptions, Mirror, fetch_mnist};
use mnist_data::{CLASSES, Mnist, PIXELS, Split, load};
use twolayer::{Dataset, TrainConfig, TwoLayerNet, checkpoint};

fn dataset(split: &Split) -> anyhow::Result<Dataset<'_>> {
    let (x, t) = (split.images.as_bytes(), split.labels.digits());
    Ok(Dataset::new(x, t, PIXELS, CLASSES)?)
}

fn splits(mnist: &Mnist) -> anyhow::Result<(Dataset<'_>, Dataset<'_>)> {
    Ok((dataset(&mnist.train)?, dataset(&mnist.test)?))
}

#[test]
fn fetch_load_train_save_and_evaluate_synthetic_data() -> anyhow::Result<()> {
    let tmp = tempfile::tempdir()?;
    let files = synthetic_mnist(1200, 300, 7);
    let mirror = TestServer::serving(gz_table(&files));
    let options = FetchOptions {
        mirrors: vec![Mirror::parse(mirror.url())?],
        files: files
            .iter()
            .map(|f| ExpectedFile::for_content(f.name, &f.content))
            .collect(),
        retries: 0,
        backoff: Duration::ZERO,
        ..FetchOptions::default()
    };

    // Fetch: everything comes from the mirror, then nothing does.
    let data_dir = tmp.path().join("data");
    let report = fetch_mnist(&data_dir, &options, &mut |_| {})?;
    assert_eq!(report.downloaded(), 4, "{report:?}");
    assert!(report.files.iter().all(|f| {
        f.downloaded_from
            .as_deref()
            .is_some_and(|s| s.starts_with(mirror.url()))
    }));
    drop(mirror);
    assert_eq!(
        fetch_mnist(&data_dir, &options, &mut |_| {})?.downloaded(),
        0
    );

    // Load.
    let mnist = load(&data_dir)?;
    let (train, test) = splits(&mnist)?;
    assert_eq!((train.len(), test.len()), (1200, 300));

    // Train (the book's loop at a smaller scale).
    let config = TrainConfig {
        hidden: 20,
        batch_size: 50,
        iters: 300,
        learning_rate: 0.5,
        ..TrainConfig::default()
    };
    let report = twolayer::fast::train(&train, &test, &config, &mut ())?;
    assert_eq!(report.losses.len(), config.iters);
    let test_acc = twolayer::fast::evaluate(&report.net, &test);
    assert!(test_acc >= 0.9, "test accuracy {test_acc} (chance is 0.1)");
    assert!(report.losses.iter().all(|loss| loss.is_finite()));

    // Save, load back: the same predictions, bit for bit.
    let model = tmp.path().join("model.safetensors");
    checkpoint::save(&model, &report.net)?;
    let loaded: TwoLayerNet<f32> = checkpoint::load(&model)?;
    let (x, _) = test.all::<f32>();
    assert_eq!(loaded.predict(&x), report.net.predict(&x));
    assert_eq!(twolayer::fast::evaluate(&loaded, &test), test_acc);
    let matrix = twolayer::fast::confusion_matrix(&loaded, &test);
    let correct: u64 = (0..CLASSES).map(|k| matrix[k][k]).sum();
    assert_eq!(correct as f64 / test.len() as f64, test_acc);

    // A damaged checkpoint is an error, not a panic.
    let bytes = std::fs::read(&model)?;
    let truncated = tmp.path().join("truncated.safetensors");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2])?;
    assert!(checkpoint::load::<f32>(&truncated).is_err());
    Ok(())
}

/// The book's section 4.5 result: after 2000 of its 10000 iterations the
/// network is already near 0.9 on the test set.
#[test]
#[ignore = "needs MNIST_DIR"]
fn real_mnist_reaches_the_books_accuracy() -> anyhow::Result<()> {
    let Some(dir) = std::env::var_os("MNIST_DIR") else {
        anyhow::bail!("set MNIST_DIR to a directory holding the four MNIST files");
    };
    let mnist = load(Path::new(&dir))?;
    let (train, test) = splits(&mnist)?;
    let config = TrainConfig {
        iters: 2000,
        ..TrainConfig::default()
    };
    let report = twolayer::fast::train(&train, &test, &config, &mut ())?;
    let test_acc = twolayer::fast::evaluate(&report.net, &test);
    assert!(
        test_acc >= 0.88,
        "test accuracy {test_acc} after 2000 iterations"
    );
    Ok(())
}
