//! Writing a command's output files: every name is checked
//! before any is written (an existing file is kept unless `--force`, an
//! input is never overwritten), then each lands atomically through
//! `atomic_file` (without `--force` by a rename that refuses an existing
//! file, so a file that appears meanwhile is not overwritten either).

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Context;

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
}
