//! `GET /api/predict/socket`: the same replies as `POST /api/predict`, one
//! per message, errors included; a message over the limit closes the
//! socket; another origin is refused; the sockets open at once are bounded.

use std::net::TcpStream;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tungstenite::client::IntoClientRequest;
use tungstenite::handshake::HandshakeError;
use tungstenite::protocol::frame::coding::CloseCode;
use tungstenite::{Message, WebSocket};

use super::{TestServer, json_of, pixels};
use crate::BODY_LIMIT;
use crate::api::MAX_PREDICT_SOCKETS;

type Socket = WebSocket<TcpStream>;

/// What a test waits for a reply, the handshake's included, before failing.
const PATIENCE: Duration = Duration::from_secs(30);

impl TestServer {
    /// A prediction socket, or the HTTP status and body that refused it.
    fn socket(&self, origin: Option<&str>) -> Result<Socket, (u16, String)> {
        let address = self.url.trim_start_matches("http://");
        let url = format!("ws://{address}/api/predict/socket");
        let mut request = url.into_client_request().expect("a valid URL");
        if let Some(origin) = origin {
            request
                .headers_mut()
                .insert("origin", origin.parse().expect("a header value"));
        }
        let stream = TcpStream::connect(address).expect("the server listens");
        stream.set_read_timeout(Some(PATIENCE)).expect("a timeout");
        stream.set_write_timeout(Some(PATIENCE)).expect("a timeout");
        match tungstenite::client(request, stream) {
            Ok((socket, _)) => Ok(socket),
            Err(HandshakeError::Failure(tungstenite::Error::Http(response))) => {
                let body = response.body().as_deref().unwrap_or_default();
                Err((
                    response.status().as_u16(),
                    String::from_utf8_lossy(body).into_owned(),
                ))
            }
            Err(other) => panic!("cannot open the socket: {other}"),
        }
    }

    /// The status that refused a socket, or `None` when it opened.
    fn refused(&self, origin: Option<&str>) -> Option<u16> {
        self.socket(origin).err().map(|(status, _)| status)
    }
}

/// The reply to `message`, with its `status` taken out.
fn ask(socket: &mut Socket, message: Message) -> anyhow::Result<(u64, Value)> {
    socket.send(message)?;
    loop {
        if let Message::Text(text) = socket.read()? {
            let mut reply: Value = serde_json::from_str(&text)?;
            let status = reply
                .as_object_mut()
                .and_then(|fields| fields.remove("status"))
                .and_then(|status| status.as_u64())
                .ok_or_else(|| anyhow::anyhow!("a reply without its status: {text}"))?;
            return Ok((status, reply));
        }
    }
}

#[test]
fn a_socket_answers_each_message_as_post_does() -> anyhow::Result<()> {
    let server = TestServer::start(true)?;
    let mut socket = server
        .socket(Some(&server.url))
        .expect("the page's own origin");
    let bodies = [
        pixels(json!(vec![0; 784])),
        pixels(json!((0..784).map(|i| (i * 7) % 256).collect::<Vec<_>>())),
        pixels(json!(vec![255; 784])),
        pixels(json!(vec![0; 3])),
        json!({ "pixels": vec![0; 784], "extra": 1 }).to_string(),
        "not json".to_owned(),
    ];
    for body in bodies {
        let (status, posted) = json_of(server.post("/api/predict", body.clone())?)?;
        let (socket_status, answered) = ask(&mut socket, Message::text(body.clone()))?;
        assert_eq!(socket_status, u64::from(status.as_u16()), "{body:.60}");
        assert_eq!(answered, posted, "{body:.60}");
    }
    let (status, refused) = ask(&mut socket, Message::binary(vec![0u8; 784]))?;
    assert_eq!(status, 400);
    assert!(
        refused["error"]
            .as_str()
            .is_some_and(|e| e.contains("text message")),
        "{refused}"
    );
    // Still open after the errors.
    let (status, _) = ask(&mut socket, Message::text(pixels(json!(vec![9; 784]))))?;
    assert_eq!(status, 200);
    Ok(())
}

#[test]
fn without_a_model_a_socket_says_so_as_post_does() -> anyhow::Result<()> {
    let server = TestServer::start(false)?;
    let body = pixels(json!(vec![0; 784]));
    let (status, posted) = json_of(server.post("/api/predict", body.clone())?)?;
    let mut socket = server.socket(None).expect("no origin: not a browser");
    let (socket_status, answered) = ask(&mut socket, Message::text(body))?;
    assert_eq!(
        (socket_status, answered),
        (u64::from(status.as_u16()), posted)
    );
    assert_eq!(socket_status, 409);
    Ok(())
}

#[test]
fn a_message_over_the_limit_closes_its_socket_only() -> anyhow::Result<()> {
    let server = TestServer::start(true)?;
    let mut socket = server.socket(None).expect("a socket");
    let huge = format!("{{\"pixels\": [{}0]}}", "0,".repeat(BODY_LIMIT / 2));
    assert!(huge.len() > BODY_LIMIT);
    socket.send(Message::text(huge))?;
    let frame = loop {
        match socket.read()? {
            Message::Close(frame) => break frame,
            Message::Text(text) => panic!("a reply to a message over the limit: {text:.80}"),
            _ => {}
        }
    };
    let frame = frame.expect("a close frame saying why");
    assert_eq!(frame.code, CloseCode::Policy);
    assert!(
        frame.reason.contains("too long") && frame.reason.contains(&BODY_LIMIT.to_string()),
        "{}",
        frame.reason
    );
    let mut next = server.socket(None).expect("a new socket");
    let (status, _) = ask(&mut next, Message::text(pixels(json!(vec![0; 784]))))?;
    assert_eq!(status, 200);
    Ok(())
}

#[test]
fn a_page_of_another_origin_cannot_open_a_socket() -> anyhow::Result<()> {
    let server = TestServer::start(true)?;
    for origin in ["http://example.com", "http://127.0.0.1:1", "null"] {
        let (status, body) = server.socket(Some(origin)).expect_err("refused");
        assert_eq!(status, 403, "{origin}");
        assert!(body.contains(origin) && body.contains("own page"), "{body}");
    }
    Ok(())
}

#[test]
fn sockets_open_at_once_are_bounded_and_a_closed_one_frees_its_slot() -> anyhow::Result<()> {
    let server = TestServer::start(true)?;
    let mut open: Vec<Socket> = (0..MAX_PREDICT_SOCKETS)
        .map(|_| server.socket(None).expect("a socket under the bound"))
        .collect();
    assert_eq!(server.refused(None), Some(503));
    // POST still answers.
    let (status, _) = json_of(server.post("/api/predict", pixels(json!(vec![0; 784])))?)?;
    assert_eq!(status, 200);
    let mut first = open.remove(0);
    first.close(None)?;
    // Read until the server has answered the close.
    while first.read().is_ok() {}
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut again = loop {
        match server.socket(None) {
            Ok(socket) => break socket,
            Err((503, _)) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err((status, body)) => panic!("the freed slot was not given again: {status} {body}"),
        }
    };
    let (status, _) = ask(&mut again, Message::text(pixels(json!(vec![0; 784]))))?;
    assert_eq!(status, 200);
    Ok(())
}
