//! Downloads finish or fail in bounded time, and concurrent fetches are
//! safe: a mirror that trickles or hangs is abandoned by the file's
//! deadline, the minimum rate or the read timeout and not asked again; two
//! fetches into one folder take turns and download each file once.

mod common;

use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use common::{Recorder, Seen, assert_only_verified, expected, fast_options, mirror};
use integration_tests::{Reply, TestServer, gz_table, synthetic_mnist, write_files};
use mnist_data::fetch::{FetchOptions, Mirror, fetch_mnist};

/// Fetches all four files from `bad` then a good mirror; returns the
/// problems reported for `bad` and the time taken.
fn fetch_past(bad: &TestServer, options: impl Fn(&mut FetchOptions)) -> (Vec<String>, Duration) {
    let files = synthetic_mnist(12, 6, 3);
    let good = TestServer::serving(gz_table(&files));
    let tmp = tempfile::tempdir().unwrap();
    let mut fetch = fast_options(vec![mirror(bad), mirror(&good)], expected(&files));
    options(&mut fetch);
    let started = Instant::now();
    let mut events = Recorder::default();
    let report = fetch_mnist(tmp.path(), &fetch, &mut |e| events.record(e)).unwrap();
    let elapsed = started.elapsed();
    assert_eq!(report.downloaded(), 4);
    assert!(events.retries().is_empty(), "a timeout is not retried");
    assert_eq!(bad.requests().len(), 1, "not asked again for later files");
    assert_eq!(good.requests().len(), 4);
    assert_only_verified(tmp.path(), &fetch.files);
    let problems = events
        .mirror_failures()
        .iter()
        .map(|p| p.to_string())
        .collect();
    (problems, elapsed)
}

fn trickling() -> TestServer {
    let table = gz_table(&synthetic_mnist(12, 6, 3));
    TestServer::start(move |hit| {
        Reply::Trickle(table[hit.path].clone(), Duration::from_millis(100))
    })
}

#[test]
fn a_trickling_mirror_is_abandoned_at_the_files_deadline() {
    let bad = trickling();
    let (problems, elapsed) = fetch_past(&bad, |o| {
        o.read_timeout = Duration::from_secs(5);
        o.file_deadline = Duration::from_secs(1);
    });
    assert!(elapsed < Duration::from_secs(10), "{elapsed:?}");
    assert_eq!(problems.len(), 4, "{problems:?}");
    assert!(
        problems[0] == "timed out: the download took longer than its deadline of 1 s",
        "{problems:?}"
    );
}

#[test]
fn a_trickling_mirror_is_abandoned_below_the_minimum_rate() {
    let bad = trickling();
    let (problems, elapsed) = fetch_past(&bad, |o| {
        o.read_timeout = Duration::from_secs(5);
        o.file_deadline = Duration::from_secs(60);
        o.min_rate = 1000;
        o.rate_window = Duration::from_millis(500);
    });
    assert!(elapsed < Duration::from_secs(10), "{elapsed:?}");
    assert!(
        problems[0].contains("slower than the minimum of 1000 bytes/s"),
        "{problems:?}"
    );
}

#[test]
fn a_mirror_that_never_answers_is_abandoned_at_the_deadline() {
    let bad = TestServer::start(|_| Reply::Hang(Duration::from_secs(20)));
    let (problems, elapsed) = fetch_past(&bad, |o| {
        o.read_timeout = Duration::from_secs(30);
        o.file_deadline = Duration::from_secs(1);
    });
    assert!(elapsed < Duration::from_secs(10), "{elapsed:?}");
    assert!(problems[0].starts_with("timed out"), "{problems:?}");
}

#[test]
fn a_slow_local_mirror_is_abandoned_at_the_files_deadline() {
    // A local file cannot be made to trickle without a slow disk or
    // network mount (a FIFO is refused: see fetch_local.rs); so the file is
    // large and the deadline short: 16 MB of images take tens of
    // milliseconds to read, hash and write, far more than 5 ms.
    let files = synthetic_mnist(20_000, 6, 3);
    let tmp = tempfile::tempdir().unwrap();
    let src = write_files(&tmp.path().join("mount"), &files, false).unwrap();
    let mut options = fast_options(vec![Mirror::Dir(src.clone())], expected(&files));
    options.file_deadline = Duration::from_millis(5);
    let dir = tmp.path().join("dst");
    let started = Instant::now();
    let mut events = Recorder::default();
    let err = fetch_mnist(&dir, &options, &mut |e| events.record(e)).unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(20));
    let images = files[0].name;
    let text = err.to_string();
    assert!(text.contains(images), "{text}");
    let problems = events.mirror_failures();
    assert_eq!(
        problems.first().copied(),
        Some("timed out: the download took longer than its deadline of 0.005 s"),
        "{text}"
    );
    assert!(events.retries().is_empty(), "a timeout is not retried");
    assert!(!dir.join(images).exists(), "nothing under the final name");
    assert_only_verified(&dir, &options.files);
}

#[test]
fn the_defaults_bound_a_bad_mirror_to_a_minute_or_two() {
    let d = FetchOptions::default();
    assert!(d.read_timeout <= Duration::from_secs(30));
    // A trickle of a byte every 2 s (0.5 B/s) fails the first rate window.
    assert!(d.min_rate >= 1);
    assert!(d.rate_window <= Duration::from_secs(60));
    assert!(d.connect_timeout * (d.retries + 1) <= Duration::from_secs(60));
}

#[test]
fn two_fetches_into_one_folder_take_turns_and_download_each_file_once() {
    let files = synthetic_mnist(12, 6, 3);
    let table = gz_table(&files);
    let server = TestServer::start(move |hit| {
        Reply::Stall(table[hit.path].clone(), Duration::from_millis(200))
    });
    let tmp = tempfile::tempdir().unwrap();
    let options = fast_options(vec![mirror(&server)], expected(&files));
    let start = Arc::new(Barrier::new(2));
    let runs: Vec<_> = (0..2)
        .map(|_| {
            let (dir, options, start) =
                (tmp.path().to_owned(), options.clone(), Arc::clone(&start));
            std::thread::spawn(move || {
                let mut events = Recorder::default();
                start.wait();
                let report = fetch_mnist(&dir, &options, &mut |e| events.record(e));
                (report.map(|r| r.downloaded()), events.seen)
            })
        })
        .collect();
    let mut results: Vec<_> = runs.into_iter().map(|r| r.join().unwrap()).collect();
    results.sort_by_key(|(downloaded, _)| downloaded.as_ref().copied().unwrap_or(99));
    let (first, second) = (&results[1], &results[0]);
    assert_eq!(first.0.as_ref().ok(), Some(&4), "{:?}", first.1);
    assert_eq!(second.0.as_ref().ok(), Some(&0), "{:?}", second.1);
    assert!(second.1.contains(&Seen::WaitingForLock), "{:?}", second.1);
    assert_eq!(server.requests().len(), 4, "each file requested once");
    assert_only_verified(tmp.path(), &options.files);
}
