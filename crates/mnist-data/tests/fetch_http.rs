//! Downloading over HTTP from servers on 127.0.0.1 that fail in the ways
//! real mirrors do: 404, 500, a body cut short, wrong bytes, a stall longer
//! than the read timeout, a refused connection. After every case, no
//! unverified file carries a final name, and the cause is named.

mod common;

use std::time::{Duration, Instant};

use common::{Recorder, assert_only_verified, expected, fast_options, mirror};
use integration_tests::{IdxFile, Reply, TestServer, gz_table, synthetic_mnist};
use mnist_data::Error;
use mnist_data::fetch::{FetchProblem, Mirror, fetch_mnist};

fn dataset() -> [IdxFile; 4] {
    synthetic_mnist(20, 10, 1)
}

#[test]
fn downloads_all_files_then_a_second_run_does_no_network_io() {
    let files = dataset();
    let server = TestServer::serving(gz_table(&files));
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("mnist");
    let options = fast_options(vec![mirror(&server)], expected(&files));

    let mut events = Recorder::default();
    let report = fetch_mnist(&dir, &options, &mut |e| events.record(e)).unwrap();
    assert_eq!(report.downloaded(), 4);
    assert_eq!(server.requests().len(), 4);
    assert_eq!(events.verified_sources().len(), 4);
    assert!(events.progress_ticks >= 4, "progress is reported");
    for f in &files {
        assert_eq!(
            std::fs::read(dir.join(f.name)).unwrap(),
            f.content,
            "stored decompressed"
        );
    }
    assert_only_verified(&dir, &options.files);

    let mut again = Recorder::default();
    let report = fetch_mnist(&dir, &options, &mut |e| again.record(e)).unwrap();
    assert_eq!(report.downloaded(), 0);
    assert_eq!(server.requests().len(), 4, "no request the second time");
    assert!(
        again
            .seen
            .iter()
            .all(|s| matches!(s, common::Seen::AlreadyVerified(_))),
        "{:?}",
        again.seen
    );
    assert_eq!(again.seen.len(), 4);
}

#[test]
fn after_a_fetch_the_folder_lists_the_four_files_and_nothing_else() {
    let files = dataset();
    let server = TestServer::serving(gz_table(&files));
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("mnist");
    let options = fast_options(vec![mirror(&server)], expected(&files));

    fetch_mnist(&dir, &options, &mut |_| {}).unwrap();
    // What `ls` shows: the entries whose names do not start with a dot.
    let mut listed: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with('.'))
        .collect();
    listed.sort();
    let mut four: Vec<String> = files.iter().map(|f| f.name.to_owned()).collect();
    four.sort();
    assert_eq!(listed, four);
    assert!(
        dir.join(mnist_data::fetch::LOCK_FILE).is_file(),
        "the lock file stays, hidden"
    );
}

#[test]
fn a_404_moves_on_to_the_next_mirror_at_once() {
    let files = dataset();
    let missing = TestServer::start(|_| Reply::Status(404));
    let good = TestServer::serving(gz_table(&files));
    let tmp = tempfile::tempdir().unwrap();
    let options = fast_options(vec![mirror(&missing), mirror(&good)], expected(&files));

    let mut events = Recorder::default();
    let report = fetch_mnist(tmp.path(), &options, &mut |e| events.record(e)).unwrap();
    assert_eq!(report.downloaded(), 4);
    assert_eq!(
        missing.requests().len(),
        4,
        "one request per file, no retry after a 404"
    );
    assert!(events.retries().is_empty());
    assert_eq!(events.mirror_failures(), vec!["HTTP 404 Not Found"; 4]);
    assert!(
        events
            .verified_sources()
            .iter()
            .all(|s| s.starts_with(good.url()))
    );
    assert_only_verified(tmp.path(), &options.files);
}

#[test]
fn a_500_is_retried_on_the_same_mirror() {
    let files = dataset();
    let table = gz_table(&files);
    let server = TestServer::start(move |hit| match hit.count {
        1 => Reply::Status(500),
        _ => Reply::Body(table[hit.path].clone()),
    });
    let tmp = tempfile::tempdir().unwrap();
    let options = fast_options(vec![mirror(&server)], expected(&files));

    let mut events = Recorder::default();
    fetch_mnist(tmp.path(), &options, &mut |e| events.record(e)).unwrap();
    assert_eq!(server.requests().len(), 8, "each file: a 500, then success");
    assert_eq!(events.retries(), vec!["HTTP 500 Internal Server Error"; 4]);
    assert_only_verified(tmp.path(), &options.files);
}

#[test]
fn a_body_cut_short_is_retried_and_never_kept() {
    let files = dataset();
    let table = gz_table(&files);
    let server = TestServer::start(move |hit| {
        let body = table[hit.path].clone();
        match hit.count {
            1 => {
                let keep = body.len() / 2;
                Reply::CutShort(body, keep)
            }
            _ => Reply::Body(body),
        }
    });
    let tmp = tempfile::tempdir().unwrap();
    let options = fast_options(vec![mirror(&server)], expected(&files));

    let mut events = Recorder::default();
    fetch_mnist(tmp.path(), &options, &mut |e| events.record(e)).unwrap();
    assert_eq!(events.retries().len(), 4);
    assert!(
        events
            .retries()
            .iter()
            .all(|p| p.starts_with("body cut short")),
        "{:?}",
        events.retries()
    );
    assert_only_verified(tmp.path(), &options.files);
}

#[test]
fn a_server_that_always_cuts_short_fails_with_every_cause_named() {
    let files = dataset();
    let table = gz_table(&files);
    let server = TestServer::start(move |hit| {
        let body = table[hit.path].clone();
        let keep = body.len() / 3;
        Reply::CutShort(body, keep)
    });
    let tmp = tempfile::tempdir().unwrap();
    let options = fast_options(vec![mirror(&server)], expected(&files));

    let err = fetch_mnist(tmp.path(), &options, &mut |_| {}).unwrap_err();
    let Error::Fetch(failure) = &err else {
        panic!("{err}")
    };
    assert_eq!(failure.files.len(), 4);
    assert_eq!(server.requests().len(), 12, "1 + 2 retries per file");
    let text = err.to_string();
    for f in &files {
        assert!(
            text.contains(&format!(
                "{}{}.gz failed: body cut short",
                server.url(),
                f.name
            )),
            "{text}"
        );
    }
    assert!(text.contains("(after 3 attempts)"), "{text}");
    assert_only_verified(tmp.path(), &options.files);
    let left: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        left,
        [mnist_data::fetch::LOCK_FILE],
        "nothing left but the lock file"
    );
}

#[test]
fn wrong_bytes_fail_verification_and_the_next_mirror_is_tried() {
    let files = dataset();
    let impostor: [IdxFile; 4] = synthetic_mnist(20, 10, 2); // same sizes, other content
    let bad = TestServer::serving(gz_table(&impostor));
    let good = TestServer::serving(gz_table(&files));
    let tmp = tempfile::tempdir().unwrap();
    let options = fast_options(vec![mirror(&bad), mirror(&good)], expected(&files));

    let mut events = Recorder::default();
    fetch_mnist(tmp.path(), &options, &mut |e| events.record(e)).unwrap();
    assert_eq!(bad.requests().len(), 4, "wrong content is not retried");
    let failures = events.mirror_failures();
    assert_eq!(failures.len(), 4);
    assert!(
        failures
            .iter()
            .all(|p| p.starts_with("checksum mismatch: expected SHA-256")),
        "{failures:?}"
    );
    assert_only_verified(tmp.path(), &options.files);
}

#[test]
fn a_server_slower_than_the_read_timeout_times_out_and_is_not_asked_again() {
    let files = dataset();
    let table = gz_table(&files);
    let slow =
        TestServer::start(move |hit| Reply::Stall(table[hit.path].clone(), Duration::from_secs(3)));
    let good = TestServer::serving(gz_table(&files));
    let tmp = tempfile::tempdir().unwrap();
    let options = fast_options(vec![mirror(&slow), mirror(&good)], expected(&files));

    let started = Instant::now();
    let mut events = Recorder::default();
    fetch_mnist(tmp.path(), &options, &mut |e| events.record(e)).unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "the timeout fired: {:?}",
        started.elapsed()
    );
    assert_eq!(slow.requests().len(), 1, "no retry, no other file");
    assert!(events.retries().is_empty());
    let problems = events.mirror_failures();
    assert_eq!(problems.len(), 4);
    assert!(
        problems.iter().all(|p| p.starts_with("timed out")),
        "{problems:?}"
    );
    assert_eq!(events.verified_sources().len(), 4);
    assert_only_verified(tmp.path(), &options.files);

    let alone = fast_options(vec![mirror(&slow)], expected(&files));
    let text = fetch_mnist(&tmp.path().join("other"), &alone, &mut |_| {})
        .unwrap_err()
        .to_string();
    assert_eq!(
        text.matches("(timed out for an earlier file, not tried again)")
            .count(),
        3,
        "{text}"
    );
}

#[test]
fn a_refused_connection_is_retried_then_the_mirror_is_skipped_for_later_files() {
    let files = dataset();
    let closed_port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let refused = Mirror::parse(&format!("http://127.0.0.1:{closed_port}/")).unwrap();
    let good = TestServer::serving(gz_table(&files));
    let tmp = tempfile::tempdir().unwrap();
    let options = fast_options(vec![refused.clone(), mirror(&good)], expected(&files));

    let mut events = Recorder::default();
    fetch_mnist(tmp.path(), &options, &mut |e| events.record(e)).unwrap();
    assert_eq!(events.retries().len(), 2, "retried for the first file only");
    let failures = events.mirror_failures();
    assert_eq!(failures.len(), 4);
    assert!(
        failures.iter().all(|p| p.starts_with("cannot connect")),
        "{failures:?}"
    );
    assert_only_verified(tmp.path(), &options.files);

    let alone = fast_options(vec![refused], expected(&files));
    let text = fetch_mnist(&tmp.path().join("other"), &alone, &mut |_| {})
        .unwrap_err()
        .to_string();
    assert!(text.contains("(after 3 attempts)"), "{text}");
    assert_eq!(
        text.matches("(unreachable for an earlier file, not tried again)")
            .count(),
        3,
        "{text}"
    );
}

#[test]
fn when_every_mirror_fails_the_error_names_each_file_mirror_and_cause() {
    let files = dataset();
    let missing = TestServer::start(|_| Reply::Status(404));
    let broken = TestServer::start(|_| Reply::Status(503));
    let tmp = tempfile::tempdir().unwrap();
    let options = fast_options(vec![mirror(&missing), mirror(&broken)], expected(&files));

    let err = fetch_mnist(tmp.path(), &options, &mut |_| {}).unwrap_err();
    let text = err.to_string();
    assert!(
        text.starts_with("could not fetch 4 of 4 MNIST files into"),
        "{text}"
    );
    for f in &files {
        assert!(
            text.contains(&format!(
                "{}{}.gz failed: HTTP 404 Not Found;",
                missing.url(),
                f.name
            )),
            "{text}"
        );
        let unavailable = format!(
            "{}{}.gz failed: HTTP 503 Service Unavailable (after 3 attempts).",
            broken.url(),
            f.name
        );
        assert!(text.contains(&unavailable), "{text}");
    }
    assert!(!text.contains('\n'), "one paragraph");
    assert!(matches!(
        &err,
        Error::Fetch(f) if matches!(f.files[0].mirrors[0].problem, FetchProblem::HttpStatus { code: 404, .. })
    ));
    assert_only_verified(tmp.path(), &options.files);
}
