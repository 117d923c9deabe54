//! `GET /api/predict/socket`: the same replies as `POST /api/predict`, one
//! per message, errors included; a message over the limit closes the
//! socket; another origin is refused; the sockets open at once are bounded.

use std::net::TcpStream;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

use super::{TestServer, json_of, pixels};
use crate::BODY_LIMIT;
use crate::api::MAX_PREDICT_SOCKETS;

type Socket = WebSocket<MaybeTlsStream<TcpStream>>;

impl TestServer {
    /// A prediction socket, or the HTTP status that refused it.
    fn socket(&self, origin: Option<&str>) -> Result<Socket, u16> {
        let url = format!(
            "{}/api/predict/socket",
            self.url.replace("http://", "ws://")
        );
        let mut request =
            tungstenite::client::IntoClientRequest::into_client_request(url).expect("a valid URL");
        if let Some(origin) = origin {
            request
                .headers_mut()
                .insert("origin", origin.parse().expect("a header value"));
        }
        match tungstenite::connect(request) {
            Ok((socket, _)) => {
                // A reply that never comes fails the test instead of hanging it.
                if let MaybeTlsStream::Plain(stream) = socket.get_ref() {
                    stream
                        .set_read_timeout(Some(Duration::from_secs(30)))
                        .expect("a timeout");
                }
                Ok(socket)
            }
            Err(tungstenite::Error::Http(response)) => Err(response.status().as_u16()),
            Err(other) => panic!("cannot open the socket: {other}"),
        }
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
    let closed = socket.send(Message::text(huge)).and_then(|()| {
        loop {
            match socket.read()? {
                Message::Close(_) => break Ok(()),
                Message::Text(text) => panic!("a reply to a message over the limit: {text:.80}"),
                _ => {}
            }
        }
    });
    // The server closes the socket: a close frame, or the connection gone.
    if let Err(error) = closed {
        assert!(
            matches!(
                error,
                tungstenite::Error::ConnectionClosed
                    | tungstenite::Error::AlreadyClosed
                    | tungstenite::Error::Io(_)
                    | tungstenite::Error::Protocol(_)
            ),
            "{error}"
        );
    }
    let mut next = server.socket(None).expect("a new socket");
    let (status, _) = ask(&mut next, Message::text(pixels(json!(vec![0; 784]))))?;
    assert_eq!(status, 200);
    Ok(())
}

#[test]
fn a_page_of_another_origin_cannot_open_a_socket() -> anyhow::Result<()> {
    let server = TestServer::start(true)?;
    for origin in ["http://example.com", "http://127.0.0.1:1", "null"] {
        assert_eq!(server.socket(Some(origin)).err(), Some(403), "{origin}");
    }
    Ok(())
}

#[test]
fn sockets_open_at_once_are_bounded_and_a_closed_one_frees_its_slot() -> anyhow::Result<()> {
    let server = TestServer::start(true)?;
    let mut open: Vec<Socket> = (0..MAX_PREDICT_SOCKETS)
        .map(|_| server.socket(None).expect("a socket under the bound"))
        .collect();
    assert_eq!(server.socket(None).err(), Some(503));
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
            Err(503) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(status) => panic!("the freed slot was not given again: {status}"),
        }
    };
    let (status, _) = ask(&mut again, Message::text(pixels(json!(vec![0; 784]))))?;
    assert_eq!(status, 200);
    Ok(())
}
