//! Where the files come from: an http(s) base URL serving `name.gz`, or a
//! local directory (also written as a `file://` URL) holding `name` or
//! `name.gz`.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use crate::error::Error;

/// The default mirrors, tried in this order: PyTorch's, Google's CVDF, then
/// the original site (which has failed with 403s and outages for years).
pub const DEFAULT_MIRRORS: [&str; 3] = [
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
    "http://yann.lecun.com/exdb/mnist/",
];

/// The default mirrors, parsed.
pub fn default_mirrors() -> Vec<Mirror> {
    DEFAULT_MIRRORS
        .iter()
        .map(|url| Mirror::Http(url.to_string()))
        .collect()
}

/// A place to fetch the files from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mirror {
    /// An http(s) base URL, ending in `/`; a file is fetched from `{base}{name}.gz`.
    Http(String),
    /// A local directory holding `name` (raw IDX) or `name.gz`.
    Dir(PathBuf),
}

impl Mirror {
    /// Parses an `http://` or `https://` URL, a `file://` URL, or a
    /// directory path.
    ///
    /// ```
    /// use mnist_data::fetch::Mirror;
    /// assert_eq!(
    ///     Mirror::parse("https://example.org/mnist").unwrap(),
    ///     Mirror::Http("https://example.org/mnist/".into()),
    /// );
    /// assert_eq!(Mirror::parse("file:///srv/mnist").unwrap(), Mirror::Dir("/srv/mnist".into()));
    /// assert_eq!(Mirror::parse("../shared/mnist").unwrap(), Mirror::Dir("../shared/mnist".into()));
    /// assert!(Mirror::parse("ftp://example.org/mnist").is_err());
    /// ```
    pub fn parse(spec: &str) -> Result<Self, Error> {
        let invalid = |reason: &str| Error::InvalidMirror {
            input: spec.to_owned(),
            reason: reason.to_owned(),
        };
        let text = spec.trim();
        if text.is_empty() {
            return Err(invalid("it is empty"));
        }
        let lower = text.to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") {
            let after_scheme = &text[text.find("://").map_or(0, |i| i + 3)..];
            if after_scheme.split('/').next().is_none_or(str::is_empty) {
                return Err(invalid("the URL has no host"));
            }
            if text.contains(char::is_whitespace) {
                return Err(invalid("a URL cannot contain spaces"));
            }
            let mut base = text.to_owned();
            if !base.ends_with('/') {
                base.push('/');
            }
            return Ok(Self::Http(base));
        }
        if lower.starts_with("file://") {
            let rest = &text["file://".len()..];
            let rest = if rest.to_ascii_lowercase().starts_with("localhost/") {
                &rest["localhost".len()..]
            } else {
                rest
            };
            if !rest.starts_with('/') {
                return Err(invalid(
                    "a file URL needs an absolute path, as in file:///srv/mnist",
                ));
            }
            let path =
                percent_decode(rest).ok_or_else(|| invalid("bad %-escape in the file URL"))?;
            return Ok(Self::Dir(PathBuf::from(path)));
        }
        if let Some(scheme) = text.split_once("://").map(|(s, _)| s)
            && !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        {
            return Err(invalid(
                "only http://, https://, file:// and directory paths are supported",
            ));
        }
        Ok(Self::Dir(PathBuf::from(text)))
    }

    /// Where `name` is looked for, for messages: the URL, or the path in
    /// the directory.
    pub fn location(&self, name: &str) -> String {
        match self {
            Self::Http(base) => format!("{base}{name}.gz"),
            Self::Dir(dir) => format!("{}[.gz]", dir.join(name).display()),
        }
    }

    /// The directory of a local mirror.
    pub fn as_dir(&self) -> Option<&Path> {
        match self {
            Self::Dir(dir) => Some(dir),
            Self::Http(_) => None,
        }
    }
}

impl FromStr for Mirror {
    type Err = Error;

    fn from_str(spec: &str) -> Result<Self, Error> {
        Self::parse(spec)
    }
}

impl fmt::Display for Mirror {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Http(base) => f.write_str(base),
            Self::Dir(dir) => write!(f, "{}", dir.display()),
        }
    }
}

/// Decodes `%XX` escapes; `None` when an escape is malformed or the result
/// is not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_urls_and_directories() {
        assert_eq!(
            Mirror::parse(" http://127.0.0.1:8080 ").unwrap(),
            Mirror::Http("http://127.0.0.1:8080/".into())
        );
        assert_eq!(
            Mirror::parse("file://localhost/a%20b").unwrap(),
            Mirror::Dir("/a b".into())
        );
        assert_eq!(
            Mirror::parse("data/mnist").unwrap(),
            Mirror::Dir("data/mnist".into())
        );
        assert_eq!(
            Mirror::parse("C:/mnist").unwrap(),
            Mirror::Dir("C:/mnist".into())
        );
    }

    #[test]
    fn rejects_what_cannot_be_a_mirror() {
        for bad in [
            "",
            "  ",
            "https://",
            "http:///x",
            "file://relative/dir",
            "file:///bad%zz",
            "s3://bucket/mnist",
        ] {
            let err = Mirror::parse(bad).unwrap_err();
            assert!(err.to_string().contains("invalid mirror"), "{bad}: {err}");
        }
    }

    #[test]
    fn default_mirrors_are_in_the_documented_order() {
        let mirrors = default_mirrors();
        assert_eq!(mirrors.len(), 3);
        assert!(mirrors[0].to_string().contains("ossci-datasets"));
        assert!(mirrors[1].to_string().contains("cvdf-datasets"));
        assert!(mirrors[2].to_string().contains("yann.lecun.com"));
        assert_eq!(
            mirrors[0].location("x"),
            "https://ossci-datasets.s3.amazonaws.com/mnist/x.gz"
        );
    }
}
