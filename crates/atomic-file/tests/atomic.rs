//! The promises of atomic-file: a failed or abandoned write leaves nothing
//! behind, `write_new` never replaces a file, concurrent writers never mix,
//! and errors name the path.

use std::fs;
use std::io::{ErrorKind, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use atomic_file::{AtomicFile, Error, leftovers, write, write_new};

/// Every entry of `dir`, by name.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn write_replaces_the_file_and_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.json");
    write(&path, b"first").unwrap();
    write(&path, b"second").unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"second");
    assert_eq!(entries(dir.path()), ["config.json"]);
}

#[test]
fn an_abandoned_writer_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("model.safetensors");
    let mut file = AtomicFile::create(&path).unwrap();
    file.write_chunk(b"half a model").unwrap();
    let temp = file.temp_path().to_path_buf();
    assert!(temp.exists(), "the bytes are in the temporary file");
    assert!(
        !path.exists(),
        "nothing under the final name before persist"
    );
    assert_eq!(leftovers(&path).unwrap(), std::slice::from_ref(&temp));
    drop(file); // as when a checksum fails or an error returns early
    assert!(!temp.exists());
    assert!(entries(dir.path()).is_empty());
}

#[test]
fn a_failed_rename_leaves_the_target_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    // A non-empty directory under the final name: the rename must fail.
    let path = dir.path().join("taken");
    fs::create_dir(&path).unwrap();
    fs::write(path.join("inside"), b"user data").unwrap();
    let error = write(&path, b"bytes").unwrap_err();
    assert!(
        matches!(
            error,
            Error::Io {
                action: "rename a temporary file to",
                ..
            }
        ),
        "{error}"
    );
    assert_eq!(error.path(), path);
    assert!(
        error.to_string().contains(&path.display().to_string()),
        "{error}"
    );
    assert_eq!(entries(dir.path()), ["taken"]);
    assert_eq!(fs::read(path.join("inside")).unwrap(), b"user data");
}

#[test]
fn write_new_refuses_an_existing_file_and_leaves_it_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("metrics.csv");
    write_new(&path, b"the user's").unwrap();
    let error = write_new(&path, b"ours").unwrap_err();
    assert!(
        matches!(&error, Error::Exists { path: p } if p == &path),
        "{error}"
    );
    assert_eq!(error.kind(), ErrorKind::AlreadyExists);
    assert_eq!(
        error.to_string(),
        format!("{} already exists; it was left untouched", path.display())
    );
    let io_error = std::io::Error::from(error);
    assert_eq!(io_error.kind(), ErrorKind::AlreadyExists);
    assert_eq!(fs::read(&path).unwrap(), b"the user's");
    assert_eq!(entries(dir.path()), ["metrics.csv"]);
}

#[test]
fn a_streamed_file_is_checked_before_it_gets_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plot.svg");
    let mut file = AtomicFile::create(&path).unwrap();
    write!(file, "<svg>").unwrap();
    file.write_chunk(b"</svg>").unwrap();
    assert_eq!(file.path(), path);
    assert_eq!(fs::read(file.temp_path()).unwrap(), b"<svg></svg>");
    file.persist_new().unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"<svg></svg>");
}

#[test]
fn errors_name_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-dir").join("file");
    let error = write(&path, b"x").unwrap_err();
    assert!(
        matches!(
            error,
            Error::Io {
                action: "create a temporary file for",
                ..
            }
        ),
        "{error}"
    );
    assert_eq!(error.kind(), ErrorKind::NotFound);
    assert!(
        error.to_string().contains(&path.display().to_string()),
        "{error}"
    );

    let error = write(dir.path().join(".."), b"x").unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidInput, "{error}");
}

#[test]
fn leftovers_are_only_the_temporary_files_of_that_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data");
    for name in [
        "data",
        "data.a1B2c3D4.atomic-file.part",
        "data.gz",
        "data.part",
        "data.4242.part",
        "data.gz.part",
        "data.notes.part",
        "data.gz.atomic-file.part",
        "data.a1B2c3D4x.atomic-file.part",
        "other.a1B2c3D4.atomic-file.part",
        "data.x.tmp",
    ] {
        fs::write(dir.path().join(name), b"").unwrap();
    }
    // Only the names `AtomicFile` makes: never a browser's `data.gz.part`.
    assert_eq!(
        leftovers(&path).unwrap(),
        [dir.path().join("data.a1B2c3D4.atomic-file.part")]
    );
    // And `AtomicFile`'s own temporary file is one.
    let file = AtomicFile::create(&path).unwrap();
    assert!(
        leftovers(&path)
            .unwrap()
            .contains(&file.temp_path().to_path_buf())
    );
}

#[cfg(unix)]
#[test]
fn the_file_gets_the_permissions_of_file_create() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain");
    fs::File::create(&plain).unwrap();
    let atomic = dir.path().join("atomic");
    write(&atomic, b"").unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode();
    assert_eq!(mode(&atomic), mode(&plain));
}

/// Writers of whole files of one repeated byte each: any mix of two
/// writers' bytes, or a partial file, shows as a file that is not uniform.
#[test]
fn concurrent_writers_never_interleave() {
    const WRITERS: u8 = 4;
    const ROUNDS: usize = 25;
    const LEN: usize = 256 * 1024;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.bin");
    write(&path, &[0; LEN]).unwrap();
    let done = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let reader = scope.spawn(|| {
            let mut reads = 0;
            while !done.load(Ordering::Relaxed) {
                let bytes = fs::read(&path).unwrap();
                assert_eq!(bytes.len(), LEN, "a partial file under the final name");
                assert!(
                    bytes.iter().all(|&b| b == bytes[0]),
                    "two writers' bytes mixed"
                );
                reads += 1;
            }
            reads
        });
        let writers: Vec<_> = (1..=WRITERS)
            .map(|k| {
                let path = &path;
                scope.spawn(move || {
                    for _ in 0..ROUNDS {
                        write(path, &[k; LEN]).unwrap();
                    }
                })
            })
            .collect();
        for writer in writers {
            writer.join().unwrap();
        }
        done.store(true, Ordering::Relaxed);
        assert!(reader.join().unwrap() > 0);
    });
    let last = fs::read(&path).unwrap();
    assert!((1..=WRITERS).contains(&last[0]));
    assert_eq!(entries(dir.path()), ["shared.bin"]);
}
