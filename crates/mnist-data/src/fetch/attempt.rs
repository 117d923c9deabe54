//! One attempt to copy one file from one mirror: stream it (gunzipping when
//! it is gzip) into an [`AtomicFile`] while hashing it and watching its
//! pace, verify, then give it its final name (fsync, rename).

use std::cell::Cell;
use std::fs::{self, File};
use std::io::{self, BufReader, Read};
use std::path::Path;
use std::rc::Rc;
use std::time::Duration;

use flate2::bufread::MultiGzDecoder;
use reqwest::blocking::Client;
use reqwest::header::CONNECTION;

use atomic_file::AtomicFile;

use crate::error::Error;
use crate::idx::is_gzip;
use crate::parse::{READ_BUFFER, read_full};

use super::mirror::Mirror;
use super::options::FetchOptions;
use super::pace::Pace;
use super::problem::{FetchProblem, error_chain};
use super::report::FetchEvent;
use super::verify::{Digester, ExpectedFile};

/// Why an attempt failed: the mirror's fault (try again or elsewhere), or a
/// local one that no mirror can fix (the target directory is unwritable).
pub(crate) enum AttemptError {
    Mirror(FetchProblem),
    Local(Error),
}

impl From<FetchProblem> for AttemptError {
    fn from(problem: FetchProblem) -> Self {
        Self::Mirror(problem)
    }
}

impl From<Error> for AttemptError {
    fn from(error: Error) -> Self {
        Self::Local(error)
    }
}

impl From<atomic_file::Error> for AttemptError {
    fn from(error: atomic_file::Error) -> Self {
        Self::Local(error.into())
    }
}

/// The HTTP client, built on first use so that a run with nothing to
/// download (or only local mirrors) touches no network code at all.
pub(crate) struct LazyClient {
    connect_timeout: Duration,
    read_timeout: Duration,
    client: Option<Result<Client, FetchProblem>>,
}

impl LazyClient {
    pub(crate) fn new(connect_timeout: Duration, read_timeout: Duration) -> Self {
        Self {
            connect_timeout,
            read_timeout,
            client: None,
        }
    }

    fn get(&mut self) -> Result<&Client, FetchProblem> {
        let (connect_timeout, read_timeout) = (self.connect_timeout, self.read_timeout);
        let client = self.client.get_or_insert_with(|| {
            // The blocking client applies `timeout` to the wait for the
            // response and to each read separately: a read timeout. The
            // whole download is bounded by `Pace`.
            Client::builder()
                .connect_timeout(connect_timeout)
                .timeout(read_timeout)
                .user_agent(concat!("mnist-data/", env!("CARGO_PKG_VERSION")))
                .build()
                .map_err(|e| FetchProblem::Client(error_chain(&e)))
        });
        client.as_ref().map_err(Clone::clone)
    }
}

/// A source opened for reading, with its length when known.
struct Opened {
    reader: Box<dyn Read>,
    total: Option<u64>,
    remote: bool,
}

/// Fetches `expected` from `mirror` into `dir`: on success the file is
/// under its final name, verified, and the URL or path it came from is
/// returned; on failure nothing is left behind. A timeout once the file's
/// deadline has passed says so.
pub(crate) fn attempt(
    client: &mut LazyClient,
    mirror: &Mirror,
    dir: &Path,
    expected: &ExpectedFile,
    options: &FetchOptions,
    on_event: &mut dyn FnMut(&FetchEvent<'_>),
) -> Result<String, AttemptError> {
    let pace = Pace::start(options.file_deadline, options.min_rate, options.rate_window);
    let clock = pace.clone();
    let read_timeout = options.read_timeout;
    match transfer(
        client,
        mirror,
        dir,
        expected,
        (pace, read_timeout),
        on_event,
    ) {
        Err(AttemptError::Mirror(FetchProblem::Timeout(cause))) => {
            Err(FetchProblem::Timeout(clock.overdue().unwrap_or(cause)).into())
        }
        other => other,
    }
}

/// The transfer of [`attempt`], held to `pace`.
fn transfer(
    client: &mut LazyClient,
    mirror: &Mirror,
    dir: &Path,
    expected: &ExpectedFile,
    (pace, read_timeout): (Pace, Duration),
    on_event: &mut dyn FnMut(&FetchEvent<'_>),
) -> Result<String, AttemptError> {
    let name = expected.name.as_str();
    // Created first: a target directory that cannot be written to is
    // reported before any request is made.
    let mut temp = AtomicFile::create(dir.join(name))?;
    let (opened, location, pace) = match mirror {
        Mirror::Http(_) => {
            let url = mirror.location(name);
            // A deadline shorter than the read timeout bounds the whole
            // request (reqwest's per-request timeout is a total one);
            // otherwise the client's read timeout bounds each wait and
            // `Pace` the whole.
            let total = Some(pace.remaining()).filter(|&left| left < read_timeout);
            (open_http(client.get()?, &url, total)?, url, Some(pace))
        }
        Mirror::Dir(src) => {
            // The file's deadline holds for a local mirror too (a slow or
            // stuck network mount, say).
            let (opened, location) = open_dir(src, name)?;
            (opened, location, Some(pace))
        }
    };
    on_event(&FetchEvent::Started {
        file: name,
        source: &location,
        total_bytes: opened.total,
    });
    let received = Rc::new(Cell::new(0u64));
    let mut source = Counting {
        inner: opened.reader,
        count: Rc::clone(&received),
        pace,
    };
    let (remote, total) = (opened.remote, opened.total);
    let problem = |error: io::Error, gzip: bool| match error
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<SourceError>())
    {
        Some(SourceError(inner)) => source_problem(inner, remote, received.get(), total),
        None if gzip => FetchProblem::from_gzip_error(error),
        None => FetchProblem::Read(error_chain(&error)),
    };
    let mut head = [0u8; 2];
    let got = read_full(&mut source, &mut head).map_err(|e| problem(e, false))?;
    let gzip = is_gzip(&head[..got]);
    let stream = io::Cursor::new(head[..got].to_vec()).chain(source);
    let mut content: Box<dyn Read> = if gzip {
        Box::new(MultiGzDecoder::new(BufReader::with_capacity(
            READ_BUFFER,
            stream,
        )))
    } else {
        Box::new(stream)
    };

    let mut digester = Digester::new(expected);
    let mut buf = vec![0u8; READ_BUFFER];
    loop {
        let n = match content.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(problem(e, gzip).into()),
        };
        digester.update(&buf[..n])?;
        temp.write_chunk(&buf[..n])?;
        on_event(&FetchEvent::Progress {
            file: name,
            bytes: received.get(),
            total_bytes: total,
        });
    }
    if let Some(total) = total.filter(|&t| received.get() < t) {
        let got = received.get();
        return Err(FetchProblem::Truncated(format!("received {got} of {total} bytes")).into());
    }
    // Verified before it gets its final name; dropped (deleted) otherwise.
    digester.finish()?;
    temp.persist()?;
    Ok(location)
}

/// Sends the request, to be answered and read in full within `total` if
/// given; a non-success status is a problem of its own.
fn open_http(client: &Client, url: &str, total: Option<Duration>) -> Result<Opened, FetchProblem> {
    // One request per file: closing the connection afterwards means a retry
    // never reuses a connection the server may have left half-written, and
    // a server that cuts a body short is seen at once.
    let mut request = client.get(url).header(CONNECTION, "close");
    if let Some(total) = total {
        request = request.timeout(total);
    }
    let response = request.send().map_err(|e| {
        if e.is_timeout() {
            FetchProblem::Timeout(reqwest_cause(&e))
        } else if e.is_connect() {
            FetchProblem::Connect(reqwest_cause(&e))
        } else if e.is_builder() || e.is_redirect() {
            FetchProblem::Request(reqwest_cause(&e))
        } else {
            FetchProblem::Transfer(reqwest_cause(&e))
        }
    })?;
    let status = response.status();
    if !status.is_success() {
        let reason = status.canonical_reason().unwrap_or("").to_owned();
        return Err(FetchProblem::HttpStatus {
            code: status.as_u16(),
            reason,
        });
    }
    let total = response.content_length();
    Ok(Opened {
        reader: Box::new(response),
        total,
        remote: true,
    })
}

/// Opens `name`, else `name.gz`, in a local mirror; refuses one that is
/// not a regular file.
fn open_dir(dir: &Path, name: &str) -> Result<(Opened, String), FetchProblem> {
    for candidate in [dir.join(name), dir.join(format!("{name}.gz"))] {
        // Checked before opening: opening a FIFO waits for a writer.
        if fs::metadata(&candidate).is_ok_and(|m| !m.is_file()) {
            return Err(FetchProblem::Read(format!(
                "{}: not a regular file (a FIFO, a device or a directory)",
                candidate.display()
            )));
        }
        match File::open(&candidate) {
            Ok(file) => {
                let location = candidate.display().to_string();
                let total = file
                    .metadata()
                    .map_err(|e| FetchProblem::Read(format!("{location}: {e}")))?
                    .len();
                let reader = Box::new(BufReader::with_capacity(READ_BUFFER, file));
                return Ok((
                    Opened {
                        reader,
                        total: Some(total),
                        remote: false,
                    },
                    location,
                ));
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(FetchProblem::Read(format!("{}: {e}", candidate.display()))),
        }
    }
    Err(FetchProblem::Missing)
}

/// The causes of a request error, without reqwest's own "error sending
/// request for url (...)", which only repeats the URL the report already names.
fn reqwest_cause(error: &reqwest::Error) -> String {
    match std::error::Error::source(error) {
        Some(cause) => error_chain(cause),
        None => error.to_string(),
    }
}

/// What a read error of the source itself means.
fn source_problem(
    error: &io::Error,
    remote: bool,
    received: u64,
    total: Option<u64>,
) -> FetchProblem {
    let timed_out = error.kind() == io::ErrorKind::TimedOut
        || error
            .get_ref()
            .and_then(|e| e.downcast_ref::<reqwest::Error>())
            .is_some_and(reqwest::Error::is_timeout);
    match total {
        // A local mirror's too: its file's deadline (see `transfer`).
        _ if timed_out => {
            FetchProblem::Timeout(format!("after {received} bytes: {}", error_chain(error)))
        }
        _ if !remote => FetchProblem::Read(error_chain(error)),
        Some(total) if received < total => FetchProblem::Truncated(format!(
            "received {received} of {total} bytes: {}",
            error_chain(error)
        )),
        _ => FetchProblem::Transfer(error_chain(error)),
    }
}

/// A source's own read error, marked so that it can be told apart from a
/// decoding error once it has passed through the gzip decoder.
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
struct SourceError(io::Error);

/// Counts the bytes read from the source (for progress and truncation),
/// holds a remote source to its pace, and marks its errors.
struct Counting<R> {
    inner: R,
    count: Rc<Cell<u64>>,
    pace: Option<Pace>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let mark = |e: io::Error| io::Error::new(e.kind(), SourceError(e));
        let n = self.inner.read(buf).map_err(mark)?;
        self.count.set(self.count.get() + n as u64);
        if let Some(pace) = self.pace.as_mut().filter(|_| n > 0) {
            pace.check(n as u64).map_err(mark)?;
        }
        Ok(n)
    }
}
