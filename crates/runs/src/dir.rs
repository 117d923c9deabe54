//! The run directory of a training run (`cargo xtask train`'s and the
//! page's): where it is, how a run claims it, and how files land in it
//! (through `atomic_file`: a uniquely named temporary file, synced, then
//! renamed, so a crashed run never leaves a half-written file under its
//! final name).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::Error;

/// The file that marks a run directory as claimed by a run in progress:
/// created with `create_new` (so of two runs, exactly one creates it) and
/// removed when the run ends; left behind, it says the run never finished.
pub const CLAIM: &str = ".run-in-progress";

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
    /// appended if two runs start in the same second). Either way the
    /// directory is claimed atomically ([`CLAIM`]): of two runs started
    /// together into one directory, exactly one gets it.
    ///
    /// # Errors
    /// [`Error::NotEmpty`] or [`Error::InUse`] for a directory that is not
    /// this run's to take; [`Error::Io`] when it cannot be created.
    pub fn create(requested: Option<&Path>, runs_root: &Path) -> Result<Self, Error> {
        let run = match requested {
            Some(path) => Self::create_requested(path)?,
            None => Self::create_timestamped(runs_root, &utc_timestamp(SystemTime::now()))?,
        };
        run.claim()?;
        Ok(run)
    }

    fn create_requested(path: &Path) -> Result<Self, Error> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent)
                .map_err(|error| Error::io("create --run-dir", path, error))?;
        }
        let created = match fs::create_dir(path) {
            Ok(()) => true,
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
                let mut entries = fs::read_dir(path)
                    .map_err(|error| Error::io("use as a directory --run-dir", path, error))?;
                if let Some(entry) = entries.next() {
                    let path = path.to_owned();
                    return Err(if entry.is_ok_and(|e| e.file_name() == CLAIM) {
                        Error::InUse { path }
                    } else {
                        Error::NotEmpty { path }
                    });
                }
                false
            }
            Err(error) => return Err(Error::io("create --run-dir", path, error)),
        };
        Ok(Self {
            path: path.to_path_buf(),
            created,
        })
    }

    fn create_timestamped(runs_root: &Path, timestamp: &str) -> Result<Self, Error> {
        fs::create_dir_all(runs_root).map_err(|error| Error::io("create", runs_root, error))?;
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
                Err(error) => return Err(Error::io("create", &path, error)),
            }
        }
        unreachable!("an unbounded range of attempts ends only by returning")
    }

    /// Creates [`CLAIM`] in the directory, refusing if another run did first.
    fn claim(&self) -> Result<(), Error> {
        let claim = self.file(CLAIM);
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&claim)
        {
            Ok(_) => Ok(()),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => Err(Error::InUse {
                path: self.path.clone(),
            }),
            Err(error) => Err(Error::io("create", &claim, error)),
        }
    }

    /// Ends the claim: the run is over (complete, failed or interrupted)
    /// and its files are final.
    pub fn release(&self) {
        // Best effort: a leftover marker only says the run did not finish.
        let _ = fs::remove_file(self.file(CLAIM));
    }

    /// Releases the directory and removes it if this run created it and
    /// wrote nothing else in it (best effort, on the way out of a run that
    /// failed early).
    pub fn remove_if_empty(&self) {
        self.release();
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

    /// Writes `name` atomically, refusing to replace a file of that name
    /// (a run writes each of its files once).
    ///
    /// # Errors
    /// [`atomic_file::Error`] when the write fails or the name is taken.
    pub fn write(&self, name: &str, contents: &[u8]) -> Result<(), Error> {
        Ok(atomic_file::write_new(self.file(name), contents)?)
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
    fn same_second_runs_get_distinct_directories() -> Result<(), Box<dyn std::error::Error>> {
        let root = tempfile::tempdir()?;
        let first = RunDir::create_timestamped(root.path(), "2026-11-23T14-30-05")?;
        first.claim()?;
        let second = RunDir::create_timestamped(root.path(), "2026-11-23T14-30-05")?;
        assert_eq!(first.path(), root.path().join("2026-11-23T14-30-05"));
        assert_eq!(second.path(), root.path().join("2026-11-23T14-30-05-2"));
        Ok(())
    }

    #[test]
    fn a_requested_directory_must_be_new_or_empty() -> Result<(), Box<dyn std::error::Error>> {
        let root = tempfile::tempdir()?;
        let run = RunDir::create(Some(&root.path().join("a/b")), root.path())?;
        run.write("config.json", b"{}")?;
        assert_eq!(fs::read(run.file("config.json"))?, b"{}");
        run.release();
        assert_eq!(
            fs::read_dir(run.path())?.count(),
            1,
            "no temporary file or claim is left"
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

#[cfg(test)]
mod claim_tests {
    use super::*;

    #[test]
    fn of_two_runs_claiming_one_directory_exactly_one_proceeds()
    -> Result<(), Box<dyn std::error::Error>> {
        let root = tempfile::tempdir()?;
        for existing in [false, true] {
            let dir = root.path().join(format!("race-{existing}"));
            if existing {
                fs::create_dir(&dir)?;
            }
            let results: Vec<_> = std::thread::scope(|scope| {
                let racers: Vec<_> = (0..4)
                    .map(|_| scope.spawn(|| RunDir::create(Some(&dir), root.path())))
                    .collect();
                racers
                    .into_iter()
                    .map(|racer| racer.join().expect("no panic"))
                    .collect()
            });
            assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1);
            for error in results.iter().filter_map(|r| r.as_ref().err()) {
                let message = error.to_string();
                assert!(message.contains(&dir.display().to_string()), "{message}");
            }
        }
        Ok(())
    }
}
