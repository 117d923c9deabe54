//! A data set of MNIST's form but not MNIST, described by its file names,
//! shapes and checksums, loads by the same code: 3 classes of 4x5 images.

use std::borrow::Cow;

use mnist_data::{DatasetSpec, Error, FileSpec, IdxArray, IdxType, MNIST, Mismatch, SplitFiles};

/// The tiny set's files: (name, content).
fn tiny_files() -> Vec<(&'static str, Vec<u8>)> {
    let images = |n: u32| {
        let pixels = (0..n * 20).map(|i| (i * 7 % 256) as u8).collect();
        IdxArray::new(IdxType::U8, vec![n, 4, 5], pixels)
            .unwrap()
            .to_idx_bytes()
    };
    let labels = |digits: Vec<u8>| {
        let n = digits.len() as u32;
        IdxArray::new(IdxType::U8, vec![n], digits)
            .unwrap()
            .to_idx_bytes()
    };
    vec![
        ("tiny-train-images", images(3)),
        ("tiny-train-labels", labels(vec![2, 0, 1])),
        ("tiny-test-images", images(2)),
        ("tiny-test-labels", labels(vec![1, 2])),
    ]
}

/// The description of the tiny set, its checksums taken from `files`.
fn tiny_spec(files: &[(&'static str, Vec<u8>)]) -> DatasetSpec {
    let file = |i: usize, count| FileSpec {
        name: Cow::Borrowed(files[i].0),
        count,
        sha256_hex: Cow::Owned(sha256_hex(&files[i].1)),
    };
    DatasetSpec {
        image_rows: 4,
        image_cols: 5,
        classes: 3,
        train: SplitFiles {
            images: file(0, 3),
            labels: file(1, 3),
        },
        test: SplitFiles {
            images: file(2, 2),
            labels: file(3, 2),
        },
    }
}

#[cfg(feature = "download")]
fn sha256_hex(content: &[u8]) -> String {
    mnist_data::fetch::ExpectedFile::for_content("any", content).sha256_hex()
}

#[cfg(not(feature = "download"))]
fn sha256_hex(_: &[u8]) -> String {
    "0".repeat(64)
}

#[test]
fn a_described_data_set_loads_with_its_own_shapes() {
    let files = tiny_files();
    let spec = tiny_spec(&files);
    let tmp = tempfile::tempdir().unwrap();
    for (name, content) in &files {
        std::fs::write(tmp.path().join(name), content).unwrap();
    }
    let set = spec.load(tmp.path()).unwrap();
    let images = &set.train.images;
    assert_eq!((images.len(), images.rows(), images.cols()), (3, 4, 5));
    assert_eq!(images.to_matrix().shape(), (3, 20));
    assert_eq!(set.train.labels.digits(), [2, 0, 1]);
    assert_eq!(set.test.labels.one_hot(), [0., 1., 0., 0., 0., 1.]);
    let lengths: Vec<u64> = spec.files().iter().map(|(_, len)| *len).collect();
    let actual: Vec<u64> = files.iter().map(|(_, c)| c.len() as u64).collect();
    assert_eq!(
        lengths, actual,
        "the described shapes give the files' lengths"
    );

    // Not MNIST: MNIST's description names other files.
    let error = mnist_data::MNIST.load(tmp.path()).unwrap_err();
    assert!(matches!(error, Error::Missing { .. }), "{error}");
}

#[test]
fn labels_beyond_the_described_classes_are_a_typed_mismatch() {
    let mut files = tiny_files();
    files[3].1 = IdxArray::new(IdxType::U8, vec![2], vec![1, 3])
        .unwrap()
        .to_idx_bytes();
    let spec = tiny_spec(&files);
    let tmp = tempfile::tempdir().unwrap();
    for (name, content) in &files {
        std::fs::write(tmp.path().join(name), content).unwrap();
    }
    let error = spec.load(tmp.path()).unwrap_err();
    let Error::Mnist { mismatch, .. } = &error else {
        panic!("{error}")
    };
    assert_eq!(
        *mismatch,
        Mismatch::LabelRange {
            classes: 3,
            label: 3,
            index: 1
        }
    );
    assert!(
        error
            .to_string()
            .ends_with("expected labels 0 to 2, found label 3 at index 1")
    );
}

#[test]
fn mnist_is_built_in_with_its_published_counts() {
    let sizes: Vec<u64> = MNIST.files().iter().map(|(_, len)| *len).collect();
    let published: Vec<u64> = mnist_data::MnistFile::ALL
        .iter()
        .map(|f| f.content_len())
        .collect();
    assert_eq!(sizes, published);
    #[cfg(feature = "download")]
    assert_eq!(
        MNIST.expected_files().unwrap(),
        mnist_data::fetch::pinned_files()
    );
}
