//! The server's memory stays bounded whatever its clients do (issue 23,
//! point 11): one 100,000-iteration run streamed to 30 clients that read
//! and 30 that connect and never read.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use reqwest::StatusCode;
use serde_json::json;

use super::{TestServer, json_of, sse_events};

/// The most the test process may reach (its peak resident set).
const MAX_PEAK_BYTES: u64 = 600 << 20;

#[test]
fn many_readers_and_non_readers_of_a_long_run_keep_memory_bounded() -> anyhow::Result<()> {
    let server = TestServer::start(false)?;
    // Small steps, so that 100,000 of them take seconds.
    let body = json!({ "iters": 100_000, "hidden": 10, "batch_size": 10 });
    let (status, reply) = json_of(server.post("/api/train", body.to_string())?)?;
    assert_eq!(status, StatusCode::ACCEPTED, "{reply}");
    let address = server.url.trim_start_matches("http://").to_owned();
    let silent: Vec<TcpStream> = (0..30)
        .map(|_| {
            let mut stream = TcpStream::connect(&address)?;
            let request = format!("GET /api/train/events HTTP/1.1\r\nHost: {address}\r\n\r\n");
            stream.write_all(request.as_bytes())?;
            Ok(stream)
        })
        .collect::<anyhow::Result<_>>()?;
    let readers: Vec<_> = (0..30)
        .map(|_| {
            let url = format!("{}/api/train/events", server.url);
            std::thread::spawn(move || -> anyhow::Result<_> {
                let client = reqwest::blocking::Client::builder()
                    .timeout(Duration::from_secs(120))
                    .build()?;
                sse_events(&client.get(url).send()?.text()?)
            })
        })
        .collect();
    for reader in readers {
        let events = reader
            .join()
            .map_err(|_| anyhow::anyhow!("a reader panicked"))??;
        let losses = events.iter().filter(|e| e["type"] == "loss").count();
        assert_eq!(losses, 10_000, "every 10th loss of 100,000");
        let epochs = events.iter().filter(|e| e["type"] == "epoch").count();
        assert_eq!(epochs, 100_000 / 60 + 1, "every epoch");
        let last = events.last().map(|e| e["type"].clone());
        assert_eq!(last, Some(json!("done")));
    }
    let peak = peak_resident_bytes()?;
    assert!(peak < MAX_PEAK_BYTES, "peak resident set {} MB", peak >> 20);
    // The server still answers, and the silent clients got what fitted.
    let (status, _) = json_of(server.get("/api/model")?)?;
    assert_eq!(status, StatusCode::OK);
    for mut stream in silent {
        stream.set_read_timeout(Some(Duration::from_secs(10)))?;
        let mut head = [0_u8; 12];
        stream.read_exact(&mut head)?;
        assert_eq!(&head, b"HTTP/1.1 200");
    }
    Ok(())
}

/// `VmHWM` of `/proc/self/status`: this process's peak resident set.
fn peak_resident_bytes() -> anyhow::Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    let kb = status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|value| {
            value
                .trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<u64>()
                .ok()
        })
        .ok_or_else(|| anyhow::anyhow!("no VmHWM in /proc/self/status"))?;
    Ok(kb << 10)
}
