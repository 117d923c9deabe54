//! `load` and the book's `load_mnist` on small synthetic datasets: the
//! typed splits and their conversions, the book's three options, raw
//! and gzip files, and every MNIST check with an error that names the file,
//! what was expected and what was found.

use std::fs;
use std::path::Path;

use integration_tests::{IdxFile, gz, synthetic_mnist, write_files};
use mnist_data::{Error, IdxArray, IdxType, load, load_mnist};

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    fs::write(dir.join(name), bytes).unwrap();
}

#[test]
fn the_typed_load_holds_bytes_and_digits_and_converts_them() {
    let files = synthetic_mnist(30, 10, 5);
    let tmp = tempfile::tempdir().unwrap();
    write_files(tmp.path(), &files, true).unwrap();
    let raw_pixels = &files[0].content[16..];
    let digits = &files[1].content[8..];

    let mnist = load(tmp.path()).unwrap();
    assert_eq!((mnist.train.len(), mnist.test.len()), (30, 10));
    let images = &mnist.train.images;
    assert_eq!((images.len(), images.rows(), images.cols()), (30, 28, 28));
    assert_eq!(images.as_bytes(), raw_pixels);
    assert_eq!(mnist.train.labels.digits(), digits);

    let x = images.to_f32();
    assert!(x.iter().all(|v| (0.0..=1.0).contains(v)));
    assert!(
        x.iter()
            .zip(raw_pixels)
            .all(|(&v, &p)| v == f32::from(p) / 255.0)
    );
    let matrix = images.to_matrix();
    assert_eq!(matrix.shape(), (30, 784));
    assert_eq!(matrix[(1, 5)], x[784 + 5]);
    let t = mnist.train.labels.one_hot();
    assert_eq!(t.len(), 30 * 10);
    for (i, row) in t.chunks_exact(10).enumerate() {
        assert_eq!(row.iter().sum::<f32>(), 1.0);
        assert_eq!(row[usize::from(digits[i])], 1.0);
    }
    assert_eq!(mnist.train.labels.one_hot_matrix().shape(), (30, 10));
}

#[test]
fn the_books_options_shape_pixels_and_labels() {
    let files = synthetic_mnist(30, 10, 5);
    let tmp = tempfile::tempdir().unwrap();
    write_files(tmp.path(), &files, true).unwrap();
    let raw_pixels = &files[0].content[16..];

    let ((x, t), _) = load_mnist(tmp.path(), false, true, false).unwrap();
    assert_eq!((x.shape, t.shape), (vec![30, 784], vec![30]));
    assert!(
        x.data
            .iter()
            .zip(raw_pixels)
            .all(|(&v, &p)| v == f32::from(p))
    );

    let (_, (x, t)) = load_mnist(tmp.path(), true, false, true).unwrap();
    assert_eq!((x.shape, t.shape), (vec![10, 1, 28, 28], vec![10, 10]));
    assert!(x.data.iter().all(|v| (0.0..=1.0).contains(v)));
    for (row, &d) in t.data.chunks_exact(10).zip(&files[3].content[8..]) {
        assert_eq!(row[usize::from(d)], 1.0);
        assert_eq!(row.iter().sum::<f32>(), 1.0);
    }
}

#[test]
fn raw_files_are_preferred_over_gzip_ones() {
    let files = synthetic_mnist(3, 2, 5);
    let other = synthetic_mnist(3, 2, 6);
    let tmp = tempfile::tempdir().unwrap();
    write_files(tmp.path(), &files, false).unwrap();
    write_files(tmp.path(), &other, true).unwrap();
    let mnist = load(tmp.path()).unwrap();
    assert_eq!(mnist.train.images.as_bytes(), &files[0].content[16..]);
}

/// Writes the dataset, replacing file `index` with `bytes`; loads it.
fn load_with(index: usize, bytes: &[u8]) -> (Error, String) {
    let files: [IdxFile; 4] = synthetic_mnist(4, 3, 5);
    let tmp = tempfile::tempdir().unwrap();
    write_files(tmp.path(), &files, false).unwrap();
    write(tmp.path(), files[index].name, bytes);
    let err = load(tmp.path()).unwrap_err();
    let text = err.to_string();
    assert!(text.contains(files[index].name), "names the file: {text}");
    (err, text)
}

#[test]
fn labels_must_be_digits() {
    let labels = IdxArray::new(IdxType::U8, vec![4], vec![1, 2, 10, 3]).unwrap();
    let (err, text) = load_with(1, &labels.to_idx_bytes());
    assert!(matches!(err, Error::Mnist { .. }));
    assert!(
        text.ends_with("expected labels 0 to 9, found label 10 at index 2"),
        "{text}"
    );
}

#[test]
fn images_must_be_28_by_28() {
    let images = IdxArray::new(IdxType::U8, vec![4, 28, 27], vec![0; 4 * 28 * 27]).unwrap();
    let (_, text) = load_with(0, &images.to_idx_bytes());
    assert!(
        text.ends_with("expected 28x28 images, sizes [n, 28, 28], found sizes [4, 28, 27]"),
        "{text}"
    );
}

#[test]
fn images_must_be_bytes() {
    let images = IdxArray::new(IdxType::F32, vec![4, 28, 28], vec![0; 4 * 784 * 4]).unwrap();
    let (_, text) = load_with(2, &images.to_idx_bytes());
    assert!(
        text.ends_with("expected unsigned bytes (type code 0x08), found type code 0x0d"),
        "{text}"
    );
}

#[test]
fn image_and_label_counts_must_match() {
    let labels = IdxArray::new(IdxType::U8, vec![5], vec![0; 5]).unwrap();
    let (_, text) = load_with(1, &labels.to_idx_bytes());
    assert!(
        text.contains("expected 4 labels, one per image of"),
        "{text}"
    );
    assert!(text.ends_with("found 5 labels"), "{text}");
}

#[test]
fn a_declared_size_larger_than_the_file_is_caught_before_allocating() {
    let mut bytes = vec![0, 0, 8, 3];
    for d in [1_000_000u32, 28, 28] {
        bytes.extend_from_slice(&d.to_be_bytes());
    }
    bytes.extend_from_slice(&[0; 100]);
    let (err, text) = load_with(0, &bytes);
    assert!(matches!(err, Error::Idx { .. }));
    assert!(
        text.ends_with("sizes [1000000, 28, 28] need 784000000 bytes of data, found 100"),
        "{text}"
    );
}

#[test]
fn a_truncated_gzip_file_is_an_error_naming_it() {
    let files = synthetic_mnist(4, 3, 5);
    let tmp = tempfile::tempdir().unwrap();
    write_files(tmp.path(), &files, true).unwrap();
    let path = tmp.path().join(format!("{}.gz", files[0].name));
    let gzip = gz(&files[0].content);
    fs::write(&path, &gzip[..gzip.len() - 20]).unwrap();
    let err = load(tmp.path()).unwrap_err();
    assert!(matches!(err, Error::Idx { .. }), "{err}");
    assert!(
        err.to_string()
            .starts_with(&format!("{}: ", path.display())),
        "{err}"
    );
}

#[test]
fn a_missing_file_is_named() {
    let files = synthetic_mnist(4, 3, 5);
    let tmp = tempfile::tempdir().unwrap();
    write_files(tmp.path(), &files[..3], true).unwrap();
    let err = load(tmp.path()).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{}: neither t10k-labels-idx1-ubyte nor t10k-labels-idx1-ubyte.gz is there",
            tmp.path().display()
        )
    );
}

#[test]
fn one_split_loads_without_the_others_files() {
    let tmp = tempfile::tempdir().unwrap();
    let files = integration_tests::synthetic_mnist(12, 6, 3);
    integration_tests::write_files(tmp.path(), &files[..2], false).unwrap();
    let train = mnist_data::load_split(tmp.path(), mnist_data::SplitName::Train).unwrap();
    assert_eq!(train.len(), 12);
    let err = mnist_data::load_split(tmp.path(), mnist_data::SplitName::Test).unwrap_err();
    assert!(matches!(err, Error::Missing { .. }), "{err}");
}
