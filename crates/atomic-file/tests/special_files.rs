//! Only regular files are read back, compared or replaced: a device, a
//! FIFO, a socket or a directory where an output goes is refused with a
//! one-line error, with or without `force`, and left as it is.

#![cfg(unix)]

use std::fs;
use std::os::unix::fs::FileTypeExt;
use std::path::Path;

use atomic_file::AtomicFile;
use atomic_file::outputs::{OutputError, check_names, persist_unless_changed, write_new_files};

fn assert_refused(result: Result<impl std::fmt::Debug, OutputError>, path: &Path, kind: &str) {
    let error = result.expect_err("refused");
    let message = error.to_string();
    assert!(
        matches!(error, OutputError::NotRegular { .. })
            && message.contains(&path.display().to_string())
            && message.contains(&format!("it is a {kind}, not a regular file"))
            && !message.contains('\n'),
        "{message}"
    );
}

#[test]
fn devices_fifos_sockets_and_directories_are_refused_even_with_force()
-> Result<(), Box<dyn std::error::Error>> {
    let tmp = tempfile::tempdir()?;
    let fifo = tmp.path().join("fifo.svg");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()?
            .success()
    );
    let socket = tmp.path().join("socket.svg");
    let _listener = std::os::unix::net::UnixListener::bind(&socket)?;
    let dir = tmp.path().join("dir.svg");
    fs::create_dir(&dir)?;
    for (parent, name, kind) in [
        (Path::new("/dev"), "full", "character device"),
        (Path::new("/dev"), "zero", "character device"),
        (tmp.path(), "fifo.svg", "FIFO"),
        (tmp.path(), "socket.svg", "socket"),
        (tmp.path(), "dir.svg", "directory"),
    ] {
        let path = parent.join(name);
        let files = [(name.to_owned(), b"<svg/>".to_vec())];
        for force in [false, true] {
            assert_refused(
                write_new_files(parent, "--out", &files, force, &[]),
                &path,
                kind,
            );
            assert_refused(
                check_names(parent, "--out", &[name.to_owned()], force, &[]),
                &path,
                kind,
            );
        }
    }
    for (path, kind) in [(&fifo, "FIFO"), (&socket, "socket"), (&dir, "directory")] {
        for force in [false, true] {
            let mut file = AtomicFile::create(path)?;
            file.write_chunk(b"<svg/>")?;
            assert_refused(persist_unless_changed(file, force), path, kind);
        }
    }
    assert!(fs::metadata(&fifo)?.file_type().is_fifo());
    assert!(dir.is_dir());
    let left: Vec<_> = fs::read_dir(tmp.path())?.collect();
    assert_eq!(left.len(), 3, "no temporary file is left: {left:?}");
    Ok(())
}

#[test]
fn an_existing_output_is_compared_reading_at_most_the_new_size()
-> Result<(), Box<dyn std::error::Error>> {
    let tmp = tempfile::tempdir()?;
    // A large existing file: the comparison stops after the new size.
    let path = tmp.path().join("a.svg");
    let big = vec![b'x'; 8 << 20];
    fs::write(&path, &big)?;
    let files = [("a.svg".to_owned(), b"x".to_vec())];
    let error = write_new_files(tmp.path(), "--out", &files, false, &[]).expect_err("differs");
    assert!(matches!(error, OutputError::Exists { .. }), "{error}");
    fs::write(&path, b"x")?;
    write_new_files(tmp.path(), "--out", &files, false, &[])?;
    Ok(())
}
