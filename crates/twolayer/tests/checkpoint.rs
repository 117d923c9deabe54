//! Checkpoints: exact round trips, the file layout other frameworks read, and
//! a clear error for every kind of bad file.

use std::collections::HashMap;
use std::path::Path;

use nalgebra::{DMatrix, DVector};
use proptest::prelude::*;
use rand::SeedableRng;
use rand::rngs::ChaCha12Rng;
use safetensors::tensor::TensorView;
use safetensors::{Dtype, SafeTensors};
use twolayer::checkpoint::{self, CheckpointError};
use twolayer::{Activation, Params, TwoLayerNet};

fn net<T: tensor_ops::Real>(activation: Activation) -> TwoLayerNet<T> {
    TwoLayerNet::new(5, 4, 3, 1.0, activation, &mut ChaCha12Rng::seed_from_u64(3))
}

#[test]
fn round_trips_are_bit_exact_in_f32_and_f64() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("net.safetensors");
    let net32 = net::<f32>(Activation::Relu);
    checkpoint::save(&path, &net32).unwrap();
    let loaded = checkpoint::load::<f32>(&path).unwrap();
    assert_eq!(loaded.params, net32.params);
    assert_eq!(loaded.activation, Activation::Relu);

    let net64 = net::<f64>(Activation::Sigmoid);
    checkpoint::save(&path, &net64).unwrap();
    let loaded = checkpoint::load::<f64>(&path).unwrap();
    assert_eq!(loaded.params, net64.params);
    assert_eq!(loaded.activation, Activation::Sigmoid);
    // Nothing but the checkpoint is left in the directory.
    let entries: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(entries, ["net.safetensors"]);
}

#[test]
fn either_dtype_loads_as_either_float_type() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("net.safetensors");
    let net64 = net::<f64>(Activation::Sigmoid);
    checkpoint::save(&path, &net64).unwrap();
    let as32 = checkpoint::load::<f32>(&path).unwrap();
    assert_eq!(as32.params.w1, net64.params.w1.map(|v| v as f32));

    let net32 = net::<f32>(Activation::Sigmoid);
    checkpoint::save(&path, &net32).unwrap();
    let as64 = checkpoint::load::<f64>(&path).unwrap();
    assert_eq!(as64.params.w2, net32.params.w2.map(f64::from));
}

#[test]
fn the_file_holds_row_major_tensors_under_the_books_names() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("net.safetensors");
    let net = net::<f32>(Activation::Relu);
    checkpoint::save(&path, &net).unwrap();
    let bytes = std::fs::read(&path).unwrap();

    let (_, header) = SafeTensors::read_metadata(&bytes).unwrap();
    let metadata = header.metadata().clone().unwrap();
    assert_eq!(metadata["format"], "twolayer");
    assert_eq!(metadata["activation"], "relu");
    let file = SafeTensors::deserialize(&bytes).unwrap();
    let mut names = file.names();
    names.sort_unstable();
    assert_eq!(names, ["W1", "W2", "b1", "b2"]);
    for (name, shape) in [
        ("W1", vec![5, 4]),
        ("b1", vec![4]),
        ("W2", vec![4, 3]),
        ("b2", vec![3]),
    ] {
        let tensor = file.tensor(name).unwrap();
        assert_eq!(
            (tensor.dtype(), tensor.shape()),
            (Dtype::F32, shape.as_slice()),
            "{name}"
        );
    }
    // Row-major, little-endian: the second value of W1 is W1[0][1].
    let w1 = file.tensor("W1").unwrap();
    let second = f32::from_le_bytes(w1.data()[4..8].try_into().unwrap());
    assert_eq!(second, net.params.w1[(0, 1)]);
}

/// Writes a safetensors file with the given `(name, dtype, shape, bytes)`
/// tensors and metadata, as another framework would.
fn write_file(
    path: &Path,
    tensors: &[(&str, Dtype, Vec<usize>, Vec<u8>)],
    metadata: &[(&str, &str)],
) {
    let views: Vec<(&str, TensorView<'_>)> = tensors
        .iter()
        .map(|(name, dtype, shape, data)| {
            (*name, TensorView::new(*dtype, shape.clone(), data).unwrap())
        })
        .collect();
    let metadata: HashMap<String, String> = metadata
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    std::fs::write(path, safetensors::serialize(views, Some(metadata)).unwrap()).unwrap();
}

fn f32_bytes(values: &[f32]) -> Vec<u8> {
    values.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// The four tensors of a 2-3-2 network with W1 = [[1, 2, 3], [4, 5, 6]].
fn tensors_2_3_2() -> Vec<(&'static str, Dtype, Vec<usize>, Vec<u8>)> {
    vec![
        (
            "W1",
            Dtype::F32,
            vec![2, 3],
            f32_bytes(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]),
        ),
        ("b1", Dtype::F32, vec![3], f32_bytes(&[0.5, 0.0, -0.5])),
        (
            "W2",
            Dtype::F32,
            vec![3, 2],
            f32_bytes(&[1.0, 0.0, 0.0, 1.0, 1.0, 1.0]),
        ),
        ("b2", Dtype::F32, vec![2], f32_bytes(&[0.25, -0.25])),
    ]
}

#[test]
fn a_file_written_elsewhere_loads_in_the_right_order() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("numpy.safetensors");
    write_file(&path, &tensors_2_3_2(), &[("activation", "relu")]);
    let net = checkpoint::load::<f64>(&path).unwrap();
    let expected = Params {
        w1: DMatrix::from_row_slice(2, 3, &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]),
        b1: DVector::from_vec(vec![0.5, 0.0, -0.5]),
        w2: DMatrix::from_row_slice(3, 2, &[1.0, 0.0, 0.0, 1.0, 1.0, 1.0]),
        b2: DVector::from_vec(vec![0.25, -0.25]),
    };
    assert_eq!(net.params, expected);
    assert_eq!(net.activation, Activation::Relu);
}

/// Loads `path` as `f32` and returns the error and its message, which must name the file.
fn load_error(path: &Path) -> (CheckpointError, String) {
    let error = checkpoint::load::<f32>(path).unwrap_err();
    let message = error.to_string();
    assert!(message.contains(&path.display().to_string()), "{message}");
    (error, message)
}

#[test]
fn a_missing_file_is_an_io_error() {
    let dir = tempfile::tempdir().unwrap();
    let (error, message) = load_error(&dir.path().join("absent.safetensors"));
    assert!(
        matches!(&error, CheckpointError::Io { action: "read", error: source, .. }
        if source.kind() == std::io::ErrorKind::NotFound),
        "{message}"
    );
}

#[test]
fn a_truncated_or_foreign_file_is_a_format_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("net.safetensors");
    checkpoint::save(&path, &net::<f32>(Activation::Sigmoid)).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    for cut in [bytes.len() / 2, 20, 7, 0] {
        std::fs::write(&path, &bytes[..cut]).unwrap();
        let (error, message) = load_error(&path);
        assert!(
            matches!(error, CheckpointError::Format { .. }),
            "cut at {cut}: {message}"
        );
        assert!(message.contains("truncated or corrupt"), "{message}");
    }
    std::fs::write(&path, b"PK\x03\x04 this is a zip file, not a checkpoint").unwrap();
    assert!(matches!(
        load_error(&path).0,
        CheckpointError::Format { .. }
    ));
}

#[test]
fn a_file_is_read_only_up_to_the_size_its_header_declares() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("net.safetensors");
    checkpoint::save(&path, &net::<f32>(Activation::Sigmoid)).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let declared = bytes.len();

    // Trailing garbage after a valid checkpoint.
    let mut longer = bytes.clone();
    longer.extend_from_slice(b"trailing garbage");
    std::fs::write(&path, &longer).unwrap();
    let (error, message) = load_error(&path);
    assert!(
        matches!(error, CheckpointError::Size { declared: d, found, .. }
            if d == declared as u64 && found == longer.len() as u64),
        "{message}"
    );
    let expected = format!("declares {declared} bytes, the file has {}", longer.len());
    assert!(message.contains(&expected), "{message}");
    assert!(message.contains("trailing bytes"), "{message}");

    // Cut inside the tensors' bytes.
    std::fs::write(&path, &bytes[..declared - 1]).unwrap();
    let (error, message) = load_error(&path);
    assert!(matches!(error, CheckpointError::Size { .. }), "{message}");
    assert!(message.contains("truncated"), "{message}");

    // A header that declares 40 GB of tensors in a file of a few hundred
    // bytes: refused from the header, nothing allocated for the tensors.
    let header =
        br#"{"W1":{"dtype":"F32","shape":[100000,100000],"data_offsets":[0,40000000000]}}"#;
    let mut huge = (header.len() as u64).to_le_bytes().to_vec();
    huge.extend_from_slice(header);
    huge.extend_from_slice(&[0; 64]);
    std::fs::write(&path, &huge).unwrap();
    let (error, message) = load_error(&path);
    assert!(
        matches!(
            error,
            CheckpointError::Size {
                declared: 40_000_000_000..,
                ..
            }
        ),
        "{message}"
    );
    assert!(message.contains("truncated"), "{message}");

    // A header length beyond what the file holds, or beyond any header.
    for length in [1_000_000, u64::MAX] {
        let mut bytes = length.to_le_bytes().to_vec();
        bytes.extend_from_slice(b"{}");
        std::fs::write(&path, &bytes).unwrap();
        let (error, message) = load_error(&path);
        assert!(matches!(error, CheckpointError::Format { .. }), "{message}");
    }
}

#[cfg(unix)]
#[test]
fn a_path_that_is_not_a_regular_file_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("model.safetensors");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|status| status.success()));
    // A FIFO nobody writes to (opening it would wait for ever), an endless
    // device, a directory.
    for path in [fifo.as_path(), Path::new("/dev/zero"), dir.path()] {
        let (error, message) = load_error(path);
        assert!(matches!(error, CheckpointError::Io { .. }), "{message}");
        assert!(message.contains("not a regular file"), "{message}");
    }
}

#[test]
fn wrong_tensor_names_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("net.safetensors");

    let mut tensors = tensors_2_3_2();
    tensors.pop();
    write_file(&path, &tensors, &[("activation", "relu")]);
    let (error, message) = load_error(&path);
    assert!(
        matches!(error, CheckpointError::MissingTensor { name: "b2", .. }),
        "{message}"
    );
    assert!(message.contains("tensor \"b2\" is missing"), "{message}");

    let mut tensors = tensors_2_3_2();
    tensors[0].0 = "weight1";
    write_file(&path, &tensors, &[("activation", "relu")]);
    let (error, message) = load_error(&path);
    assert!(
        matches!(&error, CheckpointError::UnexpectedTensor { name, .. } if name == "weight1"),
        "{message}"
    );
}

#[test]
fn shapes_that_do_not_fit_together_are_bad_shapes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("net.safetensors");
    let cases = [
        (
            1,
            vec![4],
            f32_bytes(&[0.0; 4]),
            "b1",
            "[3] (hidden, from W1)",
        ),
        (
            2,
            vec![2, 3],
            f32_bytes(&[0.0; 6]),
            "W2",
            "[3, output] (hidden from W1)",
        ),
        (0, vec![6], f32_bytes(&[0.0; 6]), "W1", "[input, hidden]"),
        (
            3,
            vec![1, 2],
            f32_bytes(&[0.0; 2]),
            "b2",
            "[2] (output, from W2)",
        ),
    ];
    for (index, shape, data, name, expected) in cases {
        let mut tensors = tensors_2_3_2();
        tensors[index].2 = shape.clone();
        tensors[index].3 = data;
        write_file(&path, &tensors, &[("activation", "sigmoid")]);
        let (error, message) = load_error(&path);
        assert!(
            matches!(&error, CheckpointError::BadShape { name: n, found, .. } if *n == name && *found == shape),
            "{message}"
        );
        assert!(message.contains(expected), "{message}");
    }
}

#[test]
fn other_dtypes_are_bad_dtypes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("net.safetensors");
    let mut tensors = tensors_2_3_2();
    tensors[3].1 = Dtype::I32;
    write_file(&path, &tensors, &[("activation", "relu")]);
    let (error, message) = load_error(&path);
    assert!(
        matches!(&error, CheckpointError::BadDtype { name: "b2", found, .. } if found == "I32"),
        "{message}"
    );
}

#[test]
fn metadata_must_name_a_known_activation() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("net.safetensors");
    let cases: [(&[(&str, &str)], &str); 3] = [
        (&[], "no \"activation\" entry"),
        (&[("activation", "tanh")], "unknown activation \"tanh\""),
        (
            &[("activation", "relu"), ("format", "gpt2")],
            "format \"gpt2\"",
        ),
    ];
    for (metadata, expected) in cases {
        write_file(&path, &tensors_2_3_2(), metadata);
        let (error, message) = load_error(&path);
        assert!(
            matches!(error, CheckpointError::BadMetadata { .. }),
            "{message}"
        );
        assert!(message.contains(expected), "{message}");
    }
}

#[test]
fn a_failed_save_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let net = net::<f32>(Activation::Sigmoid);
    // The directory does not exist.
    let error = checkpoint::save(&dir.path().join("missing/net.safetensors"), &net).unwrap_err();
    assert!(matches!(error, CheckpointError::Write(_)), "{error}");
    assert!(error.to_string().contains("net.safetensors"), "{error}");
    // The final name is a directory: the rename fails, the old entry stays.
    let occupied = dir.path().join("occupied");
    std::fs::create_dir(&occupied).unwrap();
    let error = checkpoint::save(&occupied, &net).unwrap_err();
    assert!(error.to_string().contains("occupied"), "{error}");
    assert!(occupied.is_dir());
    let entries: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(entries, ["occupied"]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn any_shape_and_any_finite_values_round_trip(
        input in 1_usize..6,
        hidden in 1_usize..6,
        output in 1_usize..6,
        seed in any::<u64>(),
        relu in any::<bool>(),
    ) {
        use rand::RngExt;
        let mut rng = ChaCha12Rng::seed_from_u64(seed);
        // Any finite bits, subnormals and signed zeros included (a NaN or an
        // infinity is refused on loading: see stop_and_check.rs).
        let mut value = || loop {
            let v = f64::from_bits(rng.random());
            if v.is_finite() {
                break v;
            }
        };
        let params = Params {
            w1: DMatrix::from_fn(input, hidden, |_, _| value()),
            b1: DVector::from_fn(hidden, |_, _| value()),
            w2: DMatrix::from_fn(hidden, output, |_, _| value()),
            b2: DVector::from_fn(output, |_, _| value()),
        };
        let activation = if relu { Activation::Relu } else { Activation::Sigmoid };
        let net = TwoLayerNet::from_params(params, activation);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("net.safetensors");
        checkpoint::save(&path, &net).unwrap();
        let loaded = checkpoint::load::<f64>(&path).unwrap();
        let bits = |p: &Params<f64>| -> Vec<u64> {
            [p.w1.as_slice(), p.b1.as_slice(), p.w2.as_slice(), p.b2.as_slice()]
                .concat().iter().map(|v| v.to_bits()).collect()
        };
        prop_assert_eq!(bits(&loaded.params), bits(&net.params));
        prop_assert_eq!(loaded.activation, activation);
    }
}
