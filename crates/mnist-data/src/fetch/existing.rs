//! What a fetch finds under a file's final names (`name`, then `name.gz`)
//! before downloading it, and, in the program's own directory only, moving
//! a failing copy aside under a name that says so. Nothing here deletes or
//! overwrites a file.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::error::Error;

use super::problem::FetchProblem;
use super::verify::{ExpectedFile, verify_file};

/// The first copy of a file found under one of its final names.
#[derive(Debug)]
pub(crate) enum Found {
    /// None is there.
    Nothing,
    /// A copy that verifies.
    Verified(PathBuf),
    /// A copy that fails verification (the loader would read it).
    Invalid(PathBuf, FetchProblem),
}

/// Looks at `name`, then `name.gz`, in `dir`, and verifies the first one
/// there. Only reads.
pub(crate) fn inspect(dir: &Path, expected: &ExpectedFile) -> Found {
    for path in [
        dir.join(&expected.name),
        dir.join(format!("{}.gz", expected.name)),
    ] {
        if !path.is_file() {
            continue;
        }
        return match verify_file(&path, expected) {
            Ok(()) => Found::Verified(path),
            Err(problem) => Found::Invalid(path, problem),
        };
    }
    Found::Nothing
}

/// Renames `path` to `<name>.rejected-<UTC time>` beside it (with `-2`,
/// `-3`, ... if that is taken) and returns the new path.
pub(crate) fn move_aside(path: &Path) -> Result<PathBuf, Error> {
    let stamp = utc_stamp(SystemTime::now());
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".rejected-{stamp}"));
    let mut target = path.with_file_name(&name);
    let mut n = 1;
    while target.exists() {
        n += 1;
        let mut numbered = name.clone();
        numbered.push(format!("-{n}"));
        target = path.with_file_name(numbered);
    }
    fs::rename(path, &target).map_err(|error| Error::Io {
        action: "move aside",
        path: path.to_owned(),
        error,
    })?;
    Ok(target)
}

/// `YYYYMMDDTHHMMSSZ` in UTC (RFC 3339 without its separators, which
/// some file systems refuse in names).
fn utc_stamp(time: SystemTime) -> String {
    humantime::format_rfc3339_seconds(time)
        .to_string()
        .replace(['-', ':'], "")
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, UNIX_EPOCH};

    use super::*;

    #[test]
    fn stamps_are_utc_dates() {
        let at = |secs| utc_stamp(UNIX_EPOCH + Duration::from_secs(secs));
        assert_eq!(at(0), "19700101T000000Z");
        assert_eq!(at(951_782_400), "20000229T000000Z");
        assert_eq!(at(1_796_010_949), "20261130T035549Z");
    }

    #[test]
    fn moving_aside_never_overwrites() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("f");
        fs::write(&path, b"one").unwrap();
        let first = move_aside(&path).unwrap();
        fs::write(&path, b"two").unwrap();
        let second = move_aside(&path).unwrap();
        assert_ne!(first, second);
        assert_eq!(fs::read(&first).unwrap(), b"one");
        assert_eq!(fs::read(&second).unwrap(), b"two");
        assert!(!path.exists());
        let name = first.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.starts_with("f.rejected-"), "{name}");
    }
}
