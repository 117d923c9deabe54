//! A data folder the user named (`--data-dir` or `MNIST_DIR`) is never
//! changed by a command: a file there that fails verification stays byte
//! for byte, and the error names it, says what is wrong with it and how to
//! proceed; a command touches only the files it needs.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;

use common::{error_line, path, xtask_offline};
use integration_tests::{synthetic_mnist, write_files};
use rand::SeedableRng;
use rand::rngs::ChaCha12Rng;
use twolayer::{Activation, TwoLayerNet, checkpoint};

/// Every file of `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fs::read_dir(dir)
        .expect("the data folder is readable")
        .map(|entry| {
            let entry = entry.expect("a directory entry");
            let bytes = fs::read(entry.path()).expect("a readable file");
            (entry.file_name().to_string_lossy().into_owned(), bytes)
        })
        .collect()
}

/// The user's files are all still there, unchanged (a lock file the fetch
/// may have created aside).
fn assert_untouched(dir: &Path, before: &BTreeMap<String, Vec<u8>>) {
    let mut after = snapshot(dir);
    after.remove(mnist_data::fetch::LOCK_FILE);
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>()
    );
    assert!(after == *before, "a user's file changed");
}

#[test]
fn another_valid_data_set_under_mnist_names_is_kept_and_named() {
    // A complete, valid IDX data set that is not MNIST (as Fashion-MNIST is).
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let dir =
        write_files(&tmp.path().join("data"), &synthetic_mnist(30, 10, 7), false).expect("files");
    let before = snapshot(&dir);
    let model = tmp.path().join("model").join("net.safetensors");
    fs::create_dir(tmp.path().join("model")).expect("a model folder");
    let mut rng = ChaCha12Rng::seed_from_u64(1);
    let net = TwoLayerNet::<f32>::new(784, 5, 10, 0.01, Activation::Sigmoid, &mut rng);
    checkpoint::save(&model, &net).expect("a model");
    for command in ["train", "eval", "gradcheck", "fetch-mnist"] {
        let mut args = vec![command, "--data-dir", path(&dir)];
        if command == "eval" {
            args.extend(["--model", path(&model)]);
        }
        let output = xtask_offline(&args);
        let error = error_line(&output);
        // Smaller than MNIST: the size check fails before the checksum.
        assert!(
            error.contains("not the expected file (wrong size"),
            "{command}: {error}"
        );
        assert!(error.contains("left untouched"), "{command}: {error}");
        assert!(error.contains("--data-dir"), "{command}: {error}");
        assert!(!error.contains("MNIST_DIR"), "{command}: {error}");
        // eval needs only the test set, gradcheck only the training set.
        let named = match command {
            "eval" => "t10k-",
            _ => "train-",
        };
        assert!(error.contains(named), "{command}: {error}");
        assert_untouched(&dir, &before);
    }
}

#[test]
fn a_folder_named_by_mnist_dir_is_kept_too() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let dir = write_files(tmp.path(), &synthetic_mnist(30, 10, 8), false).expect("files");
    // A file that is not even gzip, under a .gz name.
    fs::write(dir.join("train-images-idx3-ubyte.gz"), b"not gzip").expect("a file");
    fs::remove_file(dir.join("train-images-idx3-ubyte")).expect("the raw copy goes");
    let before = snapshot(&dir);
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["fetch-mnist", "-q", "--mirror", "http://127.0.0.1:9/"])
        .env("MNIST_DIR", &dir)
        .env_remove("MNIST_MIRROR")
        .output()
        .expect("the xtask binary runs");
    let error = error_line(&output);
    assert!(error.contains("(not gzip"), "{error}");
    assert!(error.contains("left untouched"), "{error}");
    assert_untouched(&dir, &before);
}
