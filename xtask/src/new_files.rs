//! Writing a command's output files: every name is checked
//! before any is written (an existing file is kept unless `--force`, an
//! input is never overwritten), then each lands atomically through
//! `atomic_file` (without `--force` by a rename that refuses an existing
//! file, so a file that appears meanwhile is not overwritten either).
//! A file streamed to disk as it is computed lands through
//! [`persist_unless_changed`], which keeps the same promise.

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use anyhow::Context;
use atomic_file::AtomicFile;

/// Writes `files` (name, contents) into `dir`, created if missing; `flag`
/// names `dir` in errors (`--out`).
///
/// Refuses, before writing anything, a name that is one of `inputs`, and
/// a name that exists with other contents unless `force` (a file that
/// already holds exactly these bytes is left as it is). Returns the paths
/// written or found identical, in order.
pub fn write_new_files(
    dir: &Path,
    flag: &str,
    files: &[(String, Vec<u8>)],
    force: bool,
    inputs: &[&Path],
) -> anyhow::Result<Vec<PathBuf>> {
    fs::create_dir_all(dir).with_context(|| format!("cannot create {flag} {}", dir.display()))?;
    let inputs: Vec<PathBuf> = inputs
        .iter()
        .filter_map(|p| fs::canonicalize(p).ok())
        .collect();
    let mut pending = Vec::new();
    for (name, contents) in files {
        let path = dir.join(name);
        if let Ok(existing) = fs::canonicalize(&path) {
            if inputs.contains(&existing) {
                anyhow::bail!(
                    "refusing to write {}: it is one of this command's inputs; choose another {flag}",
                    path.display()
                );
            }
            let same = fs::read(&path).is_ok_and(|bytes| bytes == *contents);
            if !same && !force {
                anyhow::bail!(
                    "{} already exists; pass --force to replace it, or choose another {flag}",
                    path.display()
                );
            }
            if same {
                continue;
            }
        }
        pending.push((path, contents));
    }
    for (path, contents) in pending {
        if force {
            atomic_file::write(path, contents)?;
        } else {
            atomic_file::write_new(path, contents)?;
        }
    }
    Ok(files.iter().map(|(name, _)| dir.join(name)).collect())
}

/// Checks, before a command does its work, that it may write each of
/// `names` into `dir` (`flag` names `dir` in errors): none is one of
/// `inputs`, and none exists unless `force`. [`write_new_files`] checks
/// again when it writes (a file may appear meanwhile).
pub fn check_names(
    dir: &Path,
    flag: &str,
    names: &[String],
    force: bool,
    inputs: &[&Path],
) -> anyhow::Result<()> {
    let inputs: Vec<PathBuf> = inputs
        .iter()
        .filter_map(|p| fs::canonicalize(p).ok())
        .collect();
    for name in names {
        let path = dir.join(name);
        let Ok(existing) = fs::canonicalize(&path) else {
            continue;
        };
        if inputs.contains(&existing) {
            anyhow::bail!(
                "refusing to write {}: it is one of this command's inputs; choose another {flag}",
                path.display()
            );
        }
        if !force {
            anyhow::bail!(
                "{} already exists; pass --force to replace it, or choose another {flag}",
                path.display()
            );
        }
    }
    Ok(())
}

/// Gives the streamed `file` its final name: replacing what is there if
/// `force`; otherwise only if nothing is there, or leaving an existing file
/// that already holds exactly these bytes (a rerun of a deterministic
/// command), and refusing one with other contents.
pub fn persist_unless_changed(file: AtomicFile, force: bool) -> anyhow::Result<()> {
    let path = file.path().to_owned();
    if force {
        return Ok(file.persist()?);
    }
    if path.exists() {
        let same = same_contents(file.temp_path(), &path)
            .with_context(|| format!("cannot compare with {}", path.display()))?;
        if !same {
            anyhow::bail!(
                "{} already exists with other contents; pass --force to replace it, or choose \
                 another --out",
                path.display()
            );
        }
        // Dropping `file` deletes its temporary file.
        return Ok(());
    }
    Ok(file.persist_new()?)
}

/// Whether the files `a` and `b` hold the same bytes, read in chunks.
fn same_contents(a: &Path, b: &Path) -> io::Result<bool> {
    let len = fs::metadata(a)?.len();
    if fs::metadata(b)?.len() != len {
        return Ok(false);
    }
    let (mut a, mut b) = (File::open(a)?, File::open(b)?);
    let (mut chunk_a, mut chunk_b) = (vec![0; 1 << 16], vec![0; 1 << 16]);
    let mut left = len;
    while left > 0 {
        let n = usize::try_from(left.min(1 << 16)).unwrap_or(1 << 16);
        a.read_exact(&mut chunk_a[..n])?;
        b.read_exact(&mut chunk_b[..n])?;
        if chunk_a[..n] != chunk_b[..n] {
            return Ok(false);
        }
        left -= n as u64;
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn existing_files_are_kept_unless_forced_and_inputs_never_written() -> anyhow::Result<()> {
        let tmp = tempfile::tempdir()?;
        let files = vec![
            ("a.svg".to_owned(), b"new".to_vec()),
            ("b.svg".to_owned(), b"b".to_vec()),
        ];
        fs::write(tmp.path().join("a.svg"), b"old")?;
        let error = write_new_files(tmp.path(), "--out", &files, false, &[])
            .expect_err("an existing file is kept");
        assert!(error.to_string().contains("--force"), "{error}");
        assert!(
            !tmp.path().join("b.svg").exists(),
            "nothing is written on refusal"
        );
        assert_eq!(fs::read(tmp.path().join("a.svg"))?, b"old");

        let input = tmp.path().join("a.svg");
        let error = write_new_files(tmp.path(), "--out", &files, true, &[input.as_path()])
            .expect_err("an input is never overwritten");
        assert!(error.to_string().contains("inputs"), "{error}");

        write_new_files(tmp.path(), "--out", &files, true, &[])?;
        assert_eq!(fs::read(tmp.path().join("a.svg"))?, b"new");
        // Identical contents are not an overwrite.
        write_new_files(tmp.path(), "--out", &files, false, &[])?;
        Ok(())
    }

    #[test]
    fn a_streamed_file_replaces_only_itself_unless_forced() -> anyhow::Result<()> {
        let tmp = tempfile::tempdir()?;
        let path = tmp.path().join("path.csv");
        let streamed = |bytes: &[u8]| -> anyhow::Result<AtomicFile> {
            let mut file = AtomicFile::create(&path)?;
            file.write_chunk(bytes)?;
            Ok(file)
        };
        persist_unless_changed(streamed(b"a,b\n")?, false)?;
        persist_unless_changed(streamed(b"a,b\n")?, false)?;
        let error = persist_unless_changed(streamed(b"other\n")?, false)
            .expect_err("other contents are kept");
        assert!(error.to_string().contains("--force"), "{error}");
        assert_eq!(fs::read(&path)?, b"a,b\n");
        persist_unless_changed(streamed(b"other\n")?, true)?;
        assert_eq!(fs::read(&path)?, b"other\n");
        assert_eq!(
            fs::read_dir(tmp.path())?.count(),
            1,
            "no temporary file is left"
        );
        Ok(())
    }
}
