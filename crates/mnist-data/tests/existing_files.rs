//! What fetch does with files already under a final name that fail
//! verification: in a folder the user named (the default,
//! `ExistingFiles::Keep`) they are left untouched byte for byte and the
//! error says which file, what is wrong and how to proceed; in the
//! program's own folder (`ExistingFiles::MoveAside`) they are renamed aside,
//! never deleted. A fetch of some files touches no other.

mod common;

use std::fs;

use common::{Recorder, Seen, assert_only_verified, expected, fast_options, mirror, snapshot};
use integration_tests::{TestServer, gz, gz_table, synthetic_mnist, write_files};
use mnist_data::Error;
use mnist_data::fetch::{ExistingFiles, FetchProblem, fetch_mnist, verify_file};

#[test]
fn another_valid_data_set_in_a_users_folder_survives_untouched() {
    // A Fashion-MNIST-like set: valid IDX files of the same shapes under
    // the MNIST names, other content.
    let files = synthetic_mnist(12, 6, 3);
    let theirs = synthetic_mnist(12, 6, 77);
    let server = TestServer::serving(gz_table(&files));
    let tmp = tempfile::tempdir().unwrap();
    let dir = write_files(&tmp.path().join("fashion"), &theirs, false).unwrap();
    let before = snapshot(&dir);
    let options = fast_options(vec![mirror(&server)], expected(&files));

    for file in &options.files {
        assert!(verify_file(&dir.join(&file.name), file).is_err());
    }
    let err = fetch_mnist(&dir, &options, &mut |_| {}).unwrap_err();
    let path = dir.join(files[0].name);
    assert!(
        matches!(&err, Error::Unverified { path: p, problem: FetchProblem::Checksum { .. } } if *p == path),
        "{err}"
    );
    let text = err.to_string();
    for part in [
        path.display().to_string(),
        "checksum mismatch: expected SHA-256".into(),
        options.files[0].sha256_hex(),
        "left untouched".into(),
        "fetch into another directory".into(),
    ] {
        assert!(text.contains(&part), "{part:?} missing from: {text}");
    }
    assert_eq!(snapshot(&dir), before, "every byte is still there");
    assert!(server.requests().is_empty());
}

#[test]
fn a_raw_file_named_gz_is_reported_as_not_gzip() {
    let files = synthetic_mnist(12, 6, 3);
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join(format!("{}.gz", files[0].name));
    fs::write(&path, &files[0].content).unwrap();
    let options = fast_options(vec![], expected(&files));
    let err = fetch_mnist(tmp.path(), &options, &mut |_| {}).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{} is not the expected file (not gzip, though named .gz: it starts with 00 00 08 03); \
             it was left untouched: move or replace it yourself, or fetch into another directory",
            path.display()
        )
    );
    assert_eq!(fs::read(&path).unwrap(), files[0].content);
}

#[test]
fn a_file_that_is_not_idx_is_reported_as_wrong_magic() {
    let files = synthetic_mnist(12, 6, 3);
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join(files[1].name);
    fs::write(&path, b"my notes").unwrap();
    let options = fast_options(vec![], expected(&files));
    let err = fetch_mnist(tmp.path(), &options, &mut |_| {}).unwrap_err();
    assert!(
        err.to_string().contains(
            "(wrong magic: expected content starting with 00 00 08 01, found 6d 79 20 6e)"
        ),
        "{err}"
    );
    assert_eq!(fs::read(&path).unwrap(), b"my notes");
}

#[test]
fn in_the_programs_own_folder_failing_files_are_moved_aside_then_fetched() {
    let files = synthetic_mnist(12, 6, 3);
    let theirs = synthetic_mnist(12, 6, 77);
    let server = TestServer::serving(gz_table(&files));
    let tmp = tempfile::tempdir().unwrap();
    let other = tmp.path().join(files[1].name);
    fs::write(&other, &theirs[1].content).unwrap();
    let truncated = tmp.path().join(format!("{}.gz", files[2].name));
    let gzip = gz(&files[2].content);
    fs::write(&truncated, &gzip[..gzip.len() / 2]).unwrap();
    let mut options = fast_options(vec![mirror(&server)], expected(&files));
    options.existing = ExistingFiles::MoveAside;

    let mut events = Recorder::default();
    let report = fetch_mnist(tmp.path(), &options, &mut |e| events.record(e)).unwrap();
    assert_eq!(report.downloaded(), 4);
    let moved: Vec<_> = events
        .seen
        .iter()
        .filter_map(|s| match s {
            Seen::MovedAside(from, to, why) => Some((from.clone(), to.clone(), why.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(moved.len(), 2, "{moved:?}");
    assert_eq!(moved[0].0, other);
    assert!(
        moved[0].2.starts_with("checksum mismatch"),
        "{}",
        moved[0].2
    );
    assert_eq!(fs::read(&moved[0].1).unwrap(), theirs[1].content);
    assert_eq!(moved[1].0, truncated);
    assert_eq!(
        moved[1].2,
        "not valid gzip data: the gzip stream ends early"
    );
    assert_eq!(fs::read(&moved[1].1).unwrap(), &gzip[..gzip.len() / 2]);
    for (from, to, _) in &moved {
        let to = to.file_name().unwrap().to_string_lossy().into_owned();
        let from = from.file_name().unwrap().to_string_lossy().into_owned();
        assert!(to.starts_with(&format!("{from}.rejected-")), "{to}");
    }
    assert!(!truncated.exists());
    assert_eq!(fs::read(&other).unwrap(), files[1].content);
}

#[test]
fn a_failed_fetch_after_moving_aside_says_where_the_old_copy_is() {
    let files = synthetic_mnist(12, 6, 3);
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join(files[0].name);
    fs::write(&path, b"old").unwrap();
    let mut options = fast_options(vec![], expected(&files));
    options.files.truncate(1);
    options.existing = ExistingFiles::MoveAside;
    let text = fetch_mnist(tmp.path(), &options, &mut |_| {})
        .unwrap_err()
        .to_string();
    let kept = format!(
        "The invalid copy that was there is kept as {}.rejected-",
        path.display()
    );
    assert!(text.contains(&kept), "{text}");
}

#[test]
fn a_read_only_failing_file_is_never_moved() {
    let files = synthetic_mnist(12, 6, 3);
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join(files[0].name);
    fs::write(&path, b"not the right content").unwrap();
    let mut permissions = fs::metadata(&path).unwrap().permissions();
    permissions.set_readonly(true);
    fs::set_permissions(&path, permissions).unwrap();
    let mut options = fast_options(vec![], expected(&files));
    options.existing = ExistingFiles::MoveAside;
    let before = snapshot(tmp.path());

    let err = fetch_mnist(tmp.path(), &options, &mut |_| {}).unwrap_err();
    assert!(
        matches!(&err, Error::Unverified { path: p, problem: FetchProblem::WrongMagic { .. } } if *p == path),
        "{err}"
    );
    assert_eq!(snapshot(tmp.path()), before);
}

#[test]
fn fetching_the_training_files_touches_no_test_file() {
    let files = synthetic_mnist(12, 6, 3);
    let server = TestServer::serving(gz_table(&files));
    let tmp = tempfile::tempdir().unwrap();
    for f in &files[2..] {
        fs::write(tmp.path().join(f.name), b"someone else's").unwrap();
    }
    let before = snapshot(tmp.path());
    let mut options = fast_options(vec![mirror(&server)], expected(&files));
    options.files.truncate(2);
    options.existing = ExistingFiles::MoveAside;
    let report = fetch_mnist(tmp.path(), &options, &mut |_| {}).unwrap();
    assert_eq!(report.downloaded(), 2);
    assert_only_verified(tmp.path(), &options.files);
    let after = snapshot(tmp.path());
    for kept in &before {
        assert!(after.contains(kept), "{} changed", kept.0.display());
    }
    assert_eq!(server.requests().len(), 2);
}
