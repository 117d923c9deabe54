//! The run directory of `cargo xtask train`: where it is, and how files land
//! in it (through `atomic_file`: a uniquely named temporary file, synced,
//! then renamed, so a crashed run never leaves a half-written file under its
//! final name).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use anyhow::Context;

/// A directory that holds one training run's files.
#[derive(Debug)]
pub struct RunDir {
    path: PathBuf,
    /// Whether this run created the directory (rather than found it empty).
    created: bool,
}

impl RunDir {
    /// Uses `requested` (`--run-dir`) when given, creating it; it may exist
    /// only if it is empty, so a run never mixes its files with another's.
    /// Otherwise creates `runs_root/<UTC timestamp>` (with `-2`, `-3`, ...
    /// appended if two runs start in the same second).
    pub fn create(requested: Option<&Path>, runs_root: &Path) -> anyhow::Result<Self> {
        match requested {
            Some(path) => Self::create_requested(path),
            None => Self::create_timestamped(runs_root, &utc_timestamp(SystemTime::now())),
        }
    }

    fn create_requested(path: &Path) -> anyhow::Result<Self> {
        let created = match fs::read_dir(path) {
            Ok(mut entries) => {
                if entries.next().is_some() {
                    anyhow::bail!(
                        "--run-dir {} already exists and is not empty; choose a new directory \
                         or remove it",
                        path.display()
                    );
                }
                false
            }
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                fs::create_dir_all(path)
                    .with_context(|| format!("cannot create --run-dir {}", path.display()))?;
                true
            }
            Err(error) => {
                return Err(error).with_context(|| {
                    format!("--run-dir {} is not a usable directory", path.display())
                });
            }
        };
        Ok(Self {
            path: path.to_path_buf(),
            created,
        })
    }

    fn create_timestamped(runs_root: &Path, timestamp: &str) -> anyhow::Result<Self> {
        fs::create_dir_all(runs_root)
            .with_context(|| format!("cannot create {}", runs_root.display()))?;
        for attempt in 1_u32.. {
            let name = match attempt {
                1 => timestamp.to_owned(),
                n => format!("{timestamp}-{n}"),
            };
            let path = runs_root.join(name);
            match fs::create_dir(&path) {
                Ok(()) => {
                    return Ok(Self {
                        path,
                        created: true,
                    });
                }
                Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {}
                Err(error) => {
                    return Err(error).with_context(|| format!("cannot create {}", path.display()));
                }
            }
        }
        unreachable!("an unbounded range of attempts ends only by returning")
    }

    /// Removes the directory if this run created it and wrote nothing in it
    /// (best effort, on the way out of a run that failed early).
    pub fn remove_if_empty(&self) {
        if self.created {
            // `remove_dir` refuses a non-empty directory, which is what we want.
            let _ = fs::remove_dir(&self.path);
        }
    }

    /// The directory.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The path of `name` inside the directory.
    pub fn file(&self, name: &str) -> PathBuf {
        self.path.join(name)
    }

    /// Writes `name` atomically.
    pub fn write(&self, name: &str, contents: &[u8]) -> anyhow::Result<()> {
        Ok(atomic_file::write(self.file(name), contents)?)
    }
}

/// `time` in UTC as `2026-11-23T14-30-05` (RFC 3339 with dashes for
/// colons and no zone: a file name on every platform).
pub fn utc_timestamp(time: SystemTime) -> String {
    humantime::format_rfc3339_seconds(time)
        .to_string()
        .trim_end_matches('Z')
        .replace(':', "-")
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, UNIX_EPOCH};

    use super::*;

    fn at(seconds: u64) -> String {
        utc_timestamp(UNIX_EPOCH + Duration::from_secs(seconds))
    }

    #[test]
    fn timestamps_match_gnu_date() {
        // `date -u -d @SECONDS +%Y-%m-%dT%H-%M-%S`
        assert_eq!(at(0), "1970-01-01T00-00-00");
        assert_eq!(at(951_868_799), "2000-02-29T23-59-59");
        assert_eq!(at(1_795_444_205), "2026-11-23T14-30-05");
    }

    #[test]
    fn same_second_runs_get_distinct_directories() -> anyhow::Result<()> {
        let root = tempfile::tempdir()?;
        let first = RunDir::create_timestamped(root.path(), "2026-11-23T14-30-05")?;
        let second = RunDir::create_timestamped(root.path(), "2026-11-23T14-30-05")?;
        assert_eq!(first.path(), root.path().join("2026-11-23T14-30-05"));
        assert_eq!(second.path(), root.path().join("2026-11-23T14-30-05-2"));
        Ok(())
    }

    #[test]
    fn a_requested_directory_must_be_new_or_empty() -> anyhow::Result<()> {
        let root = tempfile::tempdir()?;
        let run = RunDir::create(Some(&root.path().join("a/b")), root.path())?;
        run.write("config.json", b"{}")?;
        assert_eq!(fs::read(run.file("config.json"))?, b"{}");
        assert_eq!(
            fs::read_dir(run.path())?.count(),
            1,
            "no temporary file is left"
        );
        let error = RunDir::create(Some(run.path()), root.path())
            .expect_err("a non-empty run dir is refused");
        assert!(error.to_string().contains("not empty"), "{error}");
        let empty = root.path().join("empty");
        fs::create_dir(&empty)?;
        RunDir::create(Some(&empty), root.path())?;
        Ok(())
    }
}
