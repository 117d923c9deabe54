//! The run directory of a training run (`cargo xtask train`'s and the
//! page's): where it is, how a run claims it, and how files land in it
//! (through `atomic_file`: a uniquely named temporary file, synced, then
//! renamed, so a crashed run never leaves a half-written file under its
//! final name).

use std::fs::{self, File, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::SystemTime;

use crate::Error;

/// The file that marks a run directory as claimed by a run in progress:
/// made atomically (of two runs, exactly one makes it), locked (an advisory
/// lock) for the whole run, and removed when the run ends. One left behind
/// that nobody holds locked says its run was killed before it finished.
pub const CLAIM: &str = ".run-in-progress";

/// The file that marks a run directory whose run failed; it holds why.
pub const FAILED: &str = "run-failed.txt";

/// A directory that holds one training run's files.
#[derive(Debug)]
pub struct RunDir {
    path: PathBuf,
    /// Whether this run created the directory (rather than found it empty).
    created: bool,
    /// The claim, locked while the run goes; `None` once released.
    claim: Mutex<Option<File>>,
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
    /// [`Error::NotEmpty`], [`Error::InUse`] or [`Error::Stale`] for a
    /// directory that is not this run's to take; [`Error::Io`] when it
    /// cannot be created.
    pub fn create(requested: Option<&Path>, runs_root: &Path) -> Result<Self, Error> {
        let run = match requested {
            Some(path) => Self::create_requested(path)?,
            None => Self::create_timestamped(runs_root, &utc_timestamp(SystemTime::now()))?,
        };
        run.claim()?;
        Ok(run)
    }

    fn new(path: PathBuf, created: bool) -> Self {
        Self {
            path,
            created,
            claim: Mutex::new(None),
        }
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
                if entries.next().is_some() {
                    return Err(refusal(path));
                }
                false
            }
            Err(error) => return Err(Error::io("create --run-dir", path, error)),
        };
        Ok(Self::new(path.to_path_buf(), created))
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
                Ok(()) => return Ok(Self::new(path, true)),
                Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {}
                Err(error) => return Err(Error::io("create", &path, error)),
            }
        }
        unreachable!("an unbounded range of attempts ends only by returning")
    }

    /// Makes [`CLAIM`] in the directory, locked, refusing if another run
    /// did first. The claim is a private file locked first, then linked as
    /// [`CLAIM`] (which fails if it exists): [`CLAIM`] is never seen
    /// unlocked while its run goes.
    fn claim(&self) -> Result<(), Error> {
        let claim = self.file(CLAIM);
        static CLAIMS: AtomicU64 = AtomicU64::new(0);
        let n = CLAIMS.fetch_add(1, Ordering::Relaxed);
        let private = self.file(&format!("{CLAIM}.{}-{n}", std::process::id()));
        let file = File::create_new(&private).map_err(|e| Error::io("create", &private, e))?;
        let locked = file.try_lock().map_err(|error| match error {
            TryLockError::WouldBlock => io::Error::other("the new claim is locked by another"),
            TryLockError::Error(error) => error,
        });
        let linked = locked.and_then(|()| fs::hard_link(&private, &claim));
        let _ = fs::remove_file(&private);
        match linked {
            Ok(()) => {
                *self.claim.lock().unwrap_or_else(PoisonError::into_inner) = Some(file);
                Ok(())
            }
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => Err(refusal(&self.path)),
            Err(error) => Err(Error::io("create", &claim, error)),
        }
    }

    /// Ends the claim: the run is over (complete, or interrupted with its
    /// partial files) and its files are final.
    pub fn release(&self) {
        let mut claim = self.claim.lock().unwrap_or_else(PoisonError::into_inner);
        if claim.is_some() {
            // Best effort: a leftover claim nobody holds reads as stale.
            let _ = fs::remove_file(self.file(CLAIM));
        }
        // Dropping the file releases its lock.
        *claim = None;
    }

    /// Ends the claim of a run that failed: [`FAILED`] says why (best
    /// effort). Nothing is written once the claim was released.
    pub fn release_failed(&self, why: &str) {
        let claimed = self
            .claim
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .is_some();
        if claimed {
            let _ = atomic_file::write_new(self.file(FAILED), format!("{why}\n").as_bytes());
        }
        self.release();
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

    /// Writes `name` atomically over this run's own earlier version (the
    /// `config.json` of a run whose learning rate was changed as it went).
    ///
    /// # Errors
    /// [`atomic_file::Error`] when the write fails.
    pub fn replace(&self, name: &str, contents: &[u8]) -> Result<(), Error> {
        Ok(atomic_file::write(self.file(name), contents)?)
    }
}

impl Drop for RunDir {
    /// A run that ends without releasing its claim (a panic) is marked failed.
    fn drop(&mut self) {
        self.release_failed("the run ended without finishing (the program panicked)");
    }
}

/// Why the existing, non-empty `path` cannot be a run's: it is another
/// run's (its claim is locked), a killed run's (its claim is not), or it
/// holds other files.
fn refusal(path: &Path) -> Error {
    let path = path.to_owned();
    let Ok(claim) = File::open(path.join(CLAIM)) else {
        return Error::NotEmpty { path };
    };
    match claim.try_lock_shared() {
        Ok(()) => Error::Stale { path },
        Err(_) => Error::InUse { path },
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
    fn a_claim_nobody_holds_is_stale_and_the_message_says_how_to_reuse_it()
    -> Result<(), Box<dyn std::error::Error>> {
        let root = tempfile::tempdir()?;
        let dir = root.path().join("run");
        let run = RunDir::create(Some(&dir), root.path())?;
        let held = RunDir::create(Some(&dir), root.path()).expect_err("in use");
        assert!(matches!(held, Error::InUse { .. }), "{held}");
        // A killed run: its claim stays, its lock goes with the process.
        drop(run.claim.lock().ok().and_then(|mut c| c.take()));
        drop(run);
        assert!(dir.join(CLAIM).exists());
        let stale = RunDir::create(Some(&dir), root.path()).expect_err("stale");
        let message = stale.to_string();
        assert!(matches!(stale, Error::Stale { .. }), "{message}");
        assert!(
            message.contains("killed before it finished")
                && message.contains(&dir.join(CLAIM).display().to_string()),
            "{message}"
        );
        fs::remove_file(dir.join(CLAIM))?;
        RunDir::create(Some(&dir), root.path())?;
        Ok(())
    }

    #[test]
    fn a_run_that_fails_or_panics_is_marked_failed() -> Result<(), Box<dyn std::error::Error>> {
        let root = tempfile::tempdir()?;
        let failed = RunDir::create(Some(&root.path().join("failed")), root.path())?;
        failed.release_failed("cannot load MNIST");
        assert_eq!(
            fs::read_to_string(failed.file(FAILED))?,
            "cannot load MNIST\n"
        );
        assert!(!failed.file(CLAIM).exists());
        let dir = root.path().join("panicked");
        let panicked = std::thread::spawn({
            let dir = dir.clone();
            move || {
                let _run = RunDir::create(Some(&dir), &dir).map_err(|e| e.to_string());
                panic!("a bug");
            }
        })
        .join();
        assert!(panicked.is_err());
        assert!(fs::read_to_string(dir.join(FAILED))?.contains("panicked"));
        assert!(!dir.join(CLAIM).exists());
        let done = RunDir::create(Some(&root.path().join("done")), root.path())?;
        done.release();
        drop(done);
        assert_eq!(fs::read_dir(root.path().join("done"))?.count(), 0);
        Ok(())
    }

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
