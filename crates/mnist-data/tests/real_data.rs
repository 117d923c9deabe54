//! The real MNIST files in `MNIST_DIR` (ignored unless it is set; `.ci/run`
//! sets it to `../shared/mnist` and runs with `--include-ignored`): counts,
//! label histogram, and (with the `download` feature) pinned checksums and
//! fetching them from a local and a loopback HTTP mirror.

#[cfg(feature = "download")]
mod common;

use std::path::PathBuf;

use mnist_data::{load, load_mnist};

fn mnist_dir() -> PathBuf {
    std::env::var_os("MNIST_DIR")
        .map(PathBuf::from)
        .expect("set MNIST_DIR to the directory of the four MNIST files")
}

#[test]
#[ignore = "needs MNIST_DIR"]
fn real_mnist_has_the_published_counts() {
    let mnist = load(mnist_dir()).unwrap();
    assert_eq!(mnist.train.len(), 60_000);
    assert_eq!(mnist.test.len(), 10_000);
    let (pixels, labels) = (mnist.train.images.as_bytes(), mnist.train.labels.digits());
    let mut counts = [0usize; 10];
    for &d in labels {
        counts[usize::from(d)] += 1;
    }
    assert_eq!(
        counts,
        [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
    );
    assert_eq!(labels[0], 5);
    assert_eq!(pixels.len(), 60_000 * 784);
}

#[test]
#[ignore = "needs MNIST_DIR"]
fn real_mnist_with_the_books_defaults() {
    let (_, (x, _)) = load_mnist(mnist_dir(), true, true, false).unwrap();
    assert_eq!(x.shape, [10_000, 784]);
    let x = x.data;
    assert_eq!(x.len(), 10_000 * 784);
    assert!(x.iter().all(|v| (0.0..=1.0).contains(v)));
    assert_eq!(x.iter().copied().fold(0.0f32, f32::max), 1.0);
}

/// Checksums and fetching: the `download` feature.
#[cfg(feature = "download")]
mod fetched {
    use std::collections::HashMap;

    use integration_tests::{Reply, TestServer, gz};
    use mnist_data::fetch::{Mirror, fetch_mnist, pinned_files, verify_file};
    use mnist_data::{MnistFile, load};

    use super::common::{assert_only_verified, fast_options, mirror};
    use super::mnist_dir;

    #[test]
    #[ignore = "needs MNIST_DIR"]
    fn real_files_match_the_pinned_checksums() {
        for file in MnistFile::ALL {
            let gz = mnist_dir().join(format!("{}.gz", file.name()));
            let path = if gz.exists() {
                gz
            } else {
                mnist_dir().join(file.name())
            };
            verify_file(&path, &file.expected())
                .unwrap_or_else(|p| panic!("{}: {p}", path.display()));
        }
    }

    #[test]
    #[ignore = "needs MNIST_DIR"]
    fn real_files_fetched_from_a_local_and_an_http_mirror_load_identically() {
        let tmp = tempfile::tempdir().unwrap();
        let local = tmp.path().join("local");
        let options = fast_options(vec![Mirror::Dir(mnist_dir())], pinned_files());
        assert_eq!(
            fetch_mnist(&local, &options, &mut |_| {})
                .unwrap()
                .downloaded(),
            4
        );
        assert_eq!(
            fetch_mnist(&local, &options, &mut |_| {})
                .unwrap()
                .downloaded(),
            0
        );
        assert_only_verified(&local, &options.files);

        // Served as mirrors do, as `name.gz` (compressed here if MNIST_DIR is raw).
        let served: HashMap<String, Vec<u8>> = MnistFile::ALL
            .iter()
            .map(|f| {
                let gz_path = mnist_dir().join(format!("{}.gz", f.name()));
                let bytes = std::fs::read(&gz_path)
                    .unwrap_or_else(|_| gz(&std::fs::read(local.join(f.name())).unwrap()));
                (format!("{}.gz", f.name()), bytes)
            })
            .collect();
        let server = TestServer::start(move |hit| {
            served
                .get(hit.path)
                .map_or(Reply::Status(404), |bytes| Reply::Body(bytes.clone()))
        });
        let remote = tmp.path().join("remote");
        let mut options = fast_options(vec![mirror(&server)], pinned_files());
        options.read_timeout = std::time::Duration::from_secs(10);
        assert_eq!(
            fetch_mnist(&remote, &options, &mut |_| {})
                .unwrap()
                .downloaded(),
            4
        );
        assert_only_verified(&remote, &options.files);

        let from_shared = load(mnist_dir()).unwrap();
        assert_eq!(load(&local).unwrap(), from_shared);
        assert_eq!(load(&remote).unwrap(), from_shared);
    }
}
