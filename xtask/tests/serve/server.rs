//! The `serve` binary as a child process: started on a free loopback port,
//! its URL read from its first line of output, killed when dropped.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use reqwest::blocking::Client;
use serde_json::Value;

/// A running `cargo xtask serve`.
pub struct Served {
    child: Child,
    /// `http://127.0.0.1:PORT` (no final slash).
    pub url: String,
    /// A client with a generous timeout (a training run is awaited).
    pub client: Client,
}

impl Served {
    /// Starts `serve --port 0` on `MNIST_DIR` writing runs under `runs`,
    /// with `extra` flags, and waits for its URL.
    pub fn start(runs: &Path, extra: &[&str]) -> anyhow::Result<Self> {
        let mnist = std::env::var("MNIST_DIR")?;
        let mut child = Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args([
                "serve",
                "--port",
                "0",
                "--quiet",
                "--mirror",
                "http://127.0.0.1:9/",
            ])
            .args(["--data-dir", &mnist, "--runs-dir"])
            .arg(runs)
            .args(extra)
            .env_remove("MNIST_MIRROR")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let mut line = String::new();
        if let Some(stdout) = child.stdout.take() {
            BufReader::new(stdout).read_line(&mut line)?;
        }
        // "serving on http://127.0.0.1:PORT/ (Ctrl-C stops)"
        let Some(url) = line
            .split_whitespace()
            .find(|word| word.starts_with("http://"))
        else {
            let _ = child.kill();
            anyhow::bail!("no URL in the first line of `serve`: {line:?}");
        };
        let url = url.trim_end_matches('/').to_owned();
        let client = Client::builder()
            .timeout(Duration::from_secs(600))
            .build()?;
        Ok(Self { child, url, client })
    }

    /// `GET path` as JSON, with its status.
    pub fn get(&self, path: &str) -> anyhow::Result<(u16, Value)> {
        let response = self.client.get(format!("{}{path}", self.url)).send()?;
        Ok((response.status().as_u16(), response.json()?))
    }

    /// `POST path` with a JSON body, as JSON, with its status.
    pub fn post(&self, path: &str, body: &Value) -> anyhow::Result<(u16, Value)> {
        let response = self
            .client
            .post(format!("{}{path}", self.url))
            .json(body)
            .send()?;
        Ok((response.status().as_u16(), response.json()?))
    }

    /// Trains with `body` and waits for the end of the run; returns its
    /// last event (`{"type": "done", "model": ...}`).
    pub fn train(&self, body: &Value) -> anyhow::Result<Value> {
        let (status, reply) = self.post("/api/train", body)?;
        anyhow::ensure!(status == 202, "POST /api/train: {status} {reply}");
        let events = self
            .client
            .get(format!("{}/api/train/events", self.url))
            .send()?
            .text()?;
        let last = events
            .lines()
            .filter_map(|line| line.strip_prefix("data:"))
            .filter_map(|data| serde_json::from_str::<Vec<Value>>(data.trim()).ok())
            .flatten()
            .rfind(|event| event["type"] != "progress");
        last.ok_or_else(|| anyhow::anyhow!("no events: {events:.300}"))
    }
}

impl Served {
    /// Sends SIGTERM (as Ctrl-C would SIGINT) and waits for the server to
    /// exit; returns its exit code and what it printed on stderr.
    pub fn terminate(&mut self) -> anyhow::Result<(Option<i32>, String)> {
        let pid = self.child.id().to_string();
        let status = Command::new("kill").args(["-TERM", &pid]).status()?;
        anyhow::ensure!(status.success(), "kill -TERM {pid}: {status}");
        let exit = self.child.wait()?;
        let mut stderr = String::new();
        if let Some(mut pipe) = self.child.stderr.take() {
            std::io::Read::read_to_string(&mut pipe, &mut stderr)?;
        }
        Ok((exit.code(), stderr))
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
