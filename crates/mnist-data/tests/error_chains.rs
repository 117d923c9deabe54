//! No error repeats its cause: a message that already includes its
//! source's text does not also return it from `source()`, so a chain
//! printed with anyhow's `{:#}` never reads "x: x". Every error of
//! mnist-data and atomic-file that a user can meet is checked.

mod common;

use std::error::Error as StdError;
use std::fs;
use std::time::Duration;

use common::{expected, fast_options, mirror};
use integration_tests::{Reply, TestServer, gz, synthetic_mnist};
use mnist_data::fetch::{ExpectedFile, Mirror, fetch_mnist};
use mnist_data::load;

/// Asserts that no error in the chain contains its source's message, and
/// that the chain as anyhow prints it has no segment twice in a row.
fn assert_no_repeated_cause(error: impl StdError + Send + Sync + 'static) {
    let mut current: Option<&(dyn StdError + 'static)> = Some(&error);
    while let Some(outer) = current {
        if let Some(inner) = outer.source() {
            assert!(
                !outer.to_string().contains(&inner.to_string()),
                "{outer} repeats its source {inner}"
            );
        }
        current = outer.source();
    }
    let text = format!("{:#}", anyhow::Error::new(error).context("while testing"));
    let segments: Vec<&str> = text.split(": ").collect();
    for pair in segments.windows(2) {
        assert_ne!(pair[0], pair[1], "repeated segment in: {text}");
    }
}

#[test]
fn no_mnist_data_error_repeats_its_cause() {
    let files = synthetic_mnist(12, 6, 3);
    let tmp = tempfile::tempdir().unwrap();
    let mut errors = Vec::new();

    // Missing, then an I/O error (a directory where a file should be).
    errors.push(load(tmp.path().join("none")).unwrap_err());
    let broken = tmp.path().join("broken");
    fs::create_dir_all(broken.join(files[0].name)).unwrap();
    errors.push(load(&broken).unwrap_err());
    // A header too short, a truncated gzip stream, images as labels.
    for (name, bytes) in [
        (files[0].name.to_owned(), b"\0\0\x08".to_vec()),
        (
            format!("{}.gz", files[0].name),
            gz(&files[0].content)[..40].to_vec(),
        ),
        (files[1].name.to_owned(), files[0].content.clone()),
    ] {
        let dir = tempfile::tempdir().unwrap();
        integration_tests::write_files(dir.path(), &files, false).unwrap();
        fs::remove_file(dir.path().join(files[0].name)).unwrap();
        if !name.ends_with(".gz") {
            fs::write(dir.path().join(files[0].name), &files[0].content).unwrap();
        }
        fs::write(dir.path().join(name), bytes).unwrap();
        errors.push(load(dir.path()).unwrap_err());
    }
    errors.push(Mirror::parse("ftp://x").unwrap_err());
    errors.push(ExpectedFile::new("x", "12", 1).unwrap_err());
    // A fetch failure (connection refused), a file left untouched, a
    // directory that cannot be created.
    let closed_port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let refused = Mirror::parse(&format!("http://127.0.0.1:{closed_port}/")).unwrap();
    let options = fast_options(vec![refused], expected(&files));
    errors.push(fetch_mnist(&tmp.path().join("a"), &options, &mut |_| {}).unwrap_err());
    let users = tmp.path().join("users");
    fs::create_dir_all(&users).unwrap();
    fs::write(users.join(files[0].name), b"mine").unwrap();
    errors.push(fetch_mnist(&users, &options, &mut |_| {}).unwrap_err());
    errors.push(
        fetch_mnist(&users.join(files[0].name).join("x"), &options, &mut |_| {}).unwrap_err(),
    );

    let texts: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert!(
        texts.iter().any(|t| t.contains("the header needs")),
        "{texts:#?}"
    );
    assert!(
        texts.iter().any(|t| t.contains("Connection refused")),
        "{texts:#?}"
    );
    for error in errors {
        assert_no_repeated_cause(error);
    }
}

#[test]
fn a_lock_held_too_long_is_an_error_naming_the_folder() {
    let files = synthetic_mnist(12, 6, 3);
    let hanging = TestServer::start(|_| Reply::Hang(Duration::from_secs(5)));
    let tmp = tempfile::tempdir().unwrap();
    let mut holder = fast_options(vec![mirror(&hanging)], expected(&files));
    holder.files.truncate(1);
    holder.read_timeout = Duration::from_secs(3);
    holder.file_deadline = Duration::from_secs(3);
    let dir = tmp.path().to_owned();
    let first = std::thread::spawn(move || fetch_mnist(&dir, &holder, &mut |_| {}));
    while hanging.requests().is_empty() {
        std::thread::sleep(Duration::from_millis(10));
    }
    let mut waiter = fast_options(vec![], expected(&files));
    waiter.lock_timeout = Duration::from_millis(200);
    let err = fetch_mnist(tmp.path(), &waiter, &mut |_| {}).unwrap_err();
    assert!(
        err.to_string().starts_with(&format!(
            "another fetch into {} held the lock {}",
            tmp.path().display(),
            tmp.path().join(mnist_data::fetch::LOCK_FILE).display()
        )),
        "{err}"
    );
    assert_no_repeated_cause(err);
    assert!(first.join().unwrap().is_err(), "the holder timed out");
}

#[test]
fn no_atomic_file_error_repeats_its_cause() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("f");
    atomic_file::write(&path, b"1").unwrap();
    assert_no_repeated_cause(atomic_file::write_new(&path, b"2").unwrap_err());
    let err = atomic_file::write(tmp.path().join("no/such/dir/f"), b"1").unwrap_err();
    assert!(err.to_string().contains("os error 2"), "{err}");
    assert_no_repeated_cause(err);
}
