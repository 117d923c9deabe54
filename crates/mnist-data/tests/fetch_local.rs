//! Fetching from local mirrors (a directory, a `file://` URL; gzip or raw),
//! and what fetch finds in the target directory: a leftover temporary file,
//! a verified `.gz` copy, a directory that cannot be written. (Failing
//! files under a final name: `existing_files.rs`.)

mod common;

use std::fs;

use common::{Recorder, Seen, assert_only_verified, expected, fast_options, mirror};
use integration_tests::{TestServer, gz_table, synthetic_mnist, write_files};
use mnist_data::fetch::{Mirror, fetch_mnist};
use mnist_data::{Error, load};

#[test]
fn a_local_directory_of_raw_or_gzip_files_is_a_mirror() {
    let files = synthetic_mnist(12, 6, 3);
    let tmp = tempfile::tempdir().unwrap();
    for gzip in [true, false] {
        let src = write_files(&tmp.path().join(format!("src-{gzip}")), &files, gzip).unwrap();
        let dir = tmp.path().join(format!("dst-{gzip}"));
        let options = fast_options(vec![Mirror::Dir(src)], expected(&files));
        let report = fetch_mnist(&dir, &options, &mut |_| {}).unwrap();
        assert_eq!(report.downloaded(), 4);
        assert_only_verified(&dir, &options.files);
        assert_eq!(load(&dir).unwrap().train.len(), 12);
    }
}

#[test]
fn a_file_url_is_a_mirror() {
    let files = synthetic_mnist(12, 6, 3);
    let tmp = tempfile::tempdir().unwrap();
    let src = write_files(&tmp.path().join("my mirror"), &files, true).unwrap();
    let url = format!("file://{}", src.display().to_string().replace(' ', "%20"));
    let options = fast_options(vec![Mirror::parse(&url).unwrap()], expected(&files));
    let dir = tmp.path().join("dst");
    assert_eq!(
        fetch_mnist(&dir, &options, &mut |_| {})
            .unwrap()
            .downloaded(),
        4
    );
    assert_only_verified(&dir, &options.files);
}

#[cfg(unix)]
#[test]
fn a_local_mirror_file_that_is_not_regular_is_refused_not_read_for_ever() {
    let files = synthetic_mnist(12, 6, 3);
    let tmp = tempfile::tempdir().unwrap();
    let src = write_files(&tmp.path().join("src"), &files, false).unwrap();
    // A FIFO nobody writes to, and a directory, where two files should be.
    let fifo = src.join(files[0].name);
    fs::remove_file(&fifo).unwrap();
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|status| status.success()));
    let options = fast_options(vec![Mirror::Dir(src.clone())], expected(&files));
    let started = std::time::Instant::now();
    let err = fetch_mnist(&tmp.path().join("dst"), &options, &mut |_| {}).unwrap_err();
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    let text = err.to_string();
    assert!(
        text.contains(&format!("{}: not a regular file", fifo.display())),
        "{text}"
    );
}

#[test]
fn a_local_mirror_without_the_files_says_so() {
    let files = synthetic_mnist(12, 6, 3);
    let tmp = tempfile::tempdir().unwrap();
    let options = fast_options(
        vec![Mirror::Dir(tmp.path().join("empty"))],
        expected(&files),
    );
    let err = fetch_mnist(&tmp.path().join("dst"), &options, &mut |_| {}).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("train-images-idx3-ubyte[.gz] failed: no such file."),
        "{text}"
    );
}

#[test]
fn a_leftover_temporary_file_is_removed_and_the_file_fetched() {
    let files = synthetic_mnist(12, 6, 3);
    let server = TestServer::serving(gz_table(&files));
    let tmp = tempfile::tempdir().unwrap();
    let leftover = tmp
        .path()
        .join(format!("{}.a1B2c3D4.atomic-file.part", files[0].name));
    fs::write(&leftover, b"half a download").unwrap();
    // Partial files of other programs (a browser's) are not ours: kept.
    let others = [
        tmp.path().join(format!("{}.gz.part", files[0].name)),
        tmp.path().join(format!("{}.notes.part", files[0].name)),
        tmp.path().join(format!("{}.4242.part", files[0].name)),
    ];
    for other in &others {
        fs::write(other, b"someone else's").unwrap();
    }
    let options = fast_options(vec![mirror(&server)], expected(&files));

    let mut events = Recorder::default();
    fetch_mnist(tmp.path(), &options, &mut |e| events.record(e)).unwrap();
    assert!(
        events
            .seen
            .contains(&Seen::RemovedLeftover(leftover.clone())),
        "{:?}",
        events.seen
    );
    assert!(!leftover.exists());
    for other in &others {
        assert_eq!(
            fs::read(other).unwrap(),
            b"someone else's",
            "{}",
            other.display()
        );
        fs::remove_file(other).unwrap();
    }
    assert_eq!(server.requests().len(), 4);
    assert_only_verified(tmp.path(), &options.files);
}

#[test]
fn a_verified_gzip_copy_in_the_target_directory_is_kept_as_is() {
    let files = synthetic_mnist(12, 6, 3);
    let tmp = tempfile::tempdir().unwrap();
    let dir = write_files(tmp.path(), &files, true).unwrap();
    let options = fast_options(vec![], expected(&files));
    let report = fetch_mnist(&dir, &options, &mut |_| {}).unwrap();
    assert_eq!(report.downloaded(), 0);
    assert!(
        report
            .files
            .iter()
            .all(|f| f.path.extension().is_some_and(|e| e == "gz"))
    );
    assert_eq!(fs::read_dir(&dir).unwrap().count(), 4, "nothing written");
}

#[test]
fn an_unwritable_target_directory_fails_at_once_naming_the_path() {
    let files = synthetic_mnist(12, 6, 3);
    let server = TestServer::serving(gz_table(&files));
    let tmp = tempfile::tempdir().unwrap();
    // A directory under a regular file cannot be created, even by root.
    let blocker = tmp.path().join("a-file");
    fs::write(&blocker, b"").unwrap();
    let dir = blocker.join("mnist");
    let options = fast_options(vec![mirror(&server)], expected(&files));

    let err = fetch_mnist(&dir, &options, &mut |_| {}).unwrap_err();
    assert!(
        matches!(
            &err,
            Error::Io {
                action: "create the directory",
                ..
            }
        ),
        "{err}"
    );
    assert!(
        err.to_string().contains(&dir.display().to_string()),
        "{err}"
    );
    assert!(
        server.requests().is_empty(),
        "no request when nothing can be stored"
    );
}
