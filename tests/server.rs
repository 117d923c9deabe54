//! The one loopback HTTP server of the tests: scriptable, on 127.0.0.1
//! (tiny_http), serving files or failing the way real mirrors do: error
//! statuses, bodies cut short, stalls, a trickle of bytes, a connection
//! accepted and never answered. It knows nothing of MNIST.

use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// What the test server answers to one request.
pub enum Reply {
    /// 200 with this body.
    Body(Vec<u8>),
    /// This status, empty body.
    Status(u16),
    /// 200 announcing the whole body's length, sending only `keep` bytes,
    /// then closing the connection.
    CutShort(Vec<u8>, usize),
    /// 200, half the body, a pause of `pause`, then the rest.
    Stall(Vec<u8>, Duration),
    /// 200 announcing the whole body's length, then one byte every
    /// `interval` (each one flushed), until the body is sent or the client
    /// hangs up.
    Trickle(Vec<u8>, Duration),
    /// No answer at all for `hold` (the connection accepted and left
    /// open), then the connection is dropped.
    Hang(Duration),
}

/// A request as the script sees it.
pub struct Hit<'a> {
    /// The file asked for (the URL path without its leading `/`).
    pub path: &'a str,
    /// How many times this path was asked for, this one included.
    pub count: usize,
}

type Script = dyn Fn(&Hit<'_>) -> Reply + Send + Sync;

/// An HTTP server on 127.0.0.1 that answers each request by a script, each
/// in its own thread (so a stalled answer blocks no other). Stops on drop.
pub struct TestServer {
    server: Arc<tiny_http::Server>,
    url: String,
    log: Arc<Mutex<Vec<String>>>,
    thread: Option<JoinHandle<()>>,
}

impl TestServer {
    /// Starts a server on a free port that answers each request with
    /// `script(hit)`.
    ///
    /// # Panics
    /// When no port on 127.0.0.1 can be bound.
    pub fn start(script: impl Fn(&Hit<'_>) -> Reply + Send + Sync + 'static) -> Self {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("bind 127.0.0.1"));
        let port = server.server_addr().to_ip().expect("an IP address").port();
        let log = Arc::new(Mutex::new(Vec::new()));
        let script: Arc<Script> = Arc::new(script);
        let thread = std::thread::spawn({
            let (server, log) = (Arc::clone(&server), Arc::clone(&log));
            move || {
                let mut counts: HashMap<String, usize> = HashMap::new();
                for request in server.incoming_requests() {
                    let path = request.url().trim_start_matches('/').to_owned();
                    let count = counts
                        .entry(path.clone())
                        .and_modify(|c| *c += 1)
                        .or_insert(1);
                    let reply = script(&Hit {
                        path: &path,
                        count: *count,
                    });
                    log.lock().expect("log lock").push(path);
                    std::thread::spawn(move || answer(request, reply));
                }
            }
        });
        Self {
            server,
            url: format!("http://127.0.0.1:{port}/"),
            log,
            thread: Some(thread),
        }
    }

    /// Serves each `(path, body)` of `table` at `/path`; 404 for anything
    /// else. [`gz_table`](crate::gz_table) makes a mirror's table.
    pub fn serving(table: HashMap<String, Vec<u8>>) -> Self {
        Self::start(move |hit| {
            table
                .get(hit.path)
                .map_or(Reply::Status(404), |b| Reply::Body(b.clone()))
        })
    }

    /// The base URL, with a trailing slash: `http://127.0.0.1:<port>/`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Paths requested so far, in order.
    pub fn requests(&self) -> Vec<String> {
        self.log.lock().expect("log lock").clone()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn answer(request: tiny_http::Request, reply: Reply) {
    // Always a Content-Length, as real mirrors send (tiny_http would switch
    // to chunked encoding above 32 KiB).
    let sized = |body: Box<dyn Read + Send>, len: usize| {
        tiny_http::Response::new(200.into(), vec![], body, Some(len), None)
            .with_chunked_threshold(usize::MAX)
    };
    // The client may hang up (timeouts, cut-short bodies): not the server's concern.
    let _ = match reply {
        Reply::Body(bytes) => {
            let len = bytes.len();
            request.respond(sized(Box::new(io::Cursor::new(bytes)), len))
        }
        Reply::Status(code) => request.respond(tiny_http::Response::empty(code)),
        Reply::CutShort(bytes, keep) => {
            let len = bytes.len();
            request.respond(sized(
                Box::new(io::Cursor::new(bytes[..keep].to_vec())),
                len,
            ))
        }
        Reply::Stall(bytes, pause) => {
            let len = bytes.len();
            request.respond(sized(
                Box::new(Stalling {
                    bytes,
                    pos: 0,
                    pause: Some(pause),
                }),
                len,
            ))
        }
        Reply::Trickle(bytes, interval) => trickle(request.into_writer(), &bytes, interval),
        Reply::Hang(hold) => {
            std::thread::sleep(hold);
            drop(request.into_writer());
            Ok(())
        }
    };
}

/// Writes the response by hand, flushing each byte of the body.
fn trickle(mut writer: Box<dyn Write + Send>, bytes: &[u8], interval: Duration) -> io::Result<()> {
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        bytes.len()
    );
    writer.write_all(head.as_bytes())?;
    writer.flush()?;
    for byte in bytes {
        std::thread::sleep(interval);
        writer.write_all(std::slice::from_ref(byte))?;
        writer.flush()?;
    }
    Ok(())
}

/// A body that pauses once, halfway.
struct Stalling {
    bytes: Vec<u8>,
    pos: usize,
    pause: Option<Duration>,
}

impl Read for Stalling {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let half = self.bytes.len() / 2;
        if self.pos >= half
            && let Some(pause) = self.pause.take()
        {
            std::thread::sleep(pause);
        }
        let end = if self.pos < half {
            half
        } else {
            self.bytes.len()
        };
        let n = buf.len().min(end - self.pos);
        buf[..n].copy_from_slice(&self.bytes[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}
