//! `GET /api/predict/socket`: [`predict`](super::predict) over a WebSocket,
//! for the Draw view's strokes.
//!
//! A stroke asks for a prediction at every move, and its answer should be
//! painted in the next frame (16 ms). In headless Chromium on loopback a
//! `fetch` of `/api/predict` took 1.7 ms median and 3.2 ms p95 (300 in a
//! row), the same exchange over an open WebSocket 0.3 and 0.7 ms: a request
//! goes through the browser's network service and its loader each time, a
//! socket's message does not. The page falls back to `fetch` when the
//! socket cannot be opened.
//!
//! Each text message is a body of `POST /api/predict`; each reply is its
//! reply with `"status"` added: `{"status": 200, "hidden", ...}` or
//! `{"status": 400, "error": message}`; a binary message gets a 400 reply.
//! A message over [`BODY_LIMIT`] closes the socket (close code 1008, the
//! sizes named), as does [`IDLE`] without a message (1001). What a client
//! can make the server hold is bounded: a message by [`BODY_LIMIT`], the
//! replies and pongs not yet written by [`MAX_UNWRITTEN`] (a client that
//! sends pings without reading gets its pongs replaced, not queued; and
//! the listener drops a connection whose writes stay blocked), and the
//! sockets by [`MAX_PREDICT_SOCKETS`].

use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade, close_code};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use serde_json::{Value, json};
use tokio::sync::OwnedSemaphorePermit;

use super::{error, prediction};
use crate::BODY_LIMIT;
use crate::state::AppState;

/// Prediction sockets a server keeps open at once, over all clients (a
/// page opens one); one more gets 503, and its page uses `fetch`.
pub const MAX_PREDICT_SOCKETS: usize = 16;

/// A socket without a message this long is closed (the page opens another
/// at its next stroke), so that silent clients do not keep the slots.
pub const IDLE: Duration = Duration::from_secs(60);

/// The bytes of replies and pongs a socket holds unwritten: a reply for
/// 40,000 hidden units (~1 MB) fits; beyond, the socket is closed.
const MAX_UNWRITTEN: usize = 4 * BODY_LIMIT;

/// Opens the socket: 403 for a page of another origin (any web page the
/// browser shows could otherwise ask this server), 503 while
/// [`MAX_PREDICT_SOCKETS`] are open.
pub async fn predict_socket(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> Response {
    if let Some(origin) = foreign_origin(&headers) {
        return error(
            StatusCode::FORBIDDEN,
            format!(
                "a prediction socket opened from {origin}: only this server's own page \
                 (http://{}) may open one",
                host(&headers).unwrap_or("its address")
            ),
        );
    }
    let Some(slot) = state.predict_sockets.take() else {
        return error(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "{MAX_PREDICT_SOCKETS} prediction sockets are open already, the most at once; \
                 POST /api/predict answers the same"
            ),
        );
    };
    upgrade
        .max_message_size(BODY_LIMIT)
        .max_frame_size(BODY_LIMIT)
        // Each reply goes out at once, not when 128 KiB have gathered.
        .write_buffer_size(0)
        .max_write_buffer_size(MAX_UNWRITTEN)
        .on_upgrade(move |socket| answer(socket, state, slot))
}

/// Answers each message in turn until the client closes the socket, breaks
/// a limit or stays silent for [`IDLE`]; the slot is freed then.
async fn answer(mut socket: WebSocket, state: Arc<AppState>, _slot: OwnedSemaphorePermit) {
    loop {
        let message = match tokio::time::timeout(IDLE, socket.recv()).await {
            Ok(Some(Ok(message))) => message,
            // Closed, or the connection gone.
            Ok(None) => return,
            // Over the limit ("Space limit exceeded: Message too long: ..."),
            // or not a WebSocket frame.
            Ok(Some(Err(error))) => {
                return close(socket, close_code::POLICY, error.to_string()).await;
            }
            Err(_) => {
                let reason = format!("no message for {} s", IDLE.as_secs());
                return close(socket, close_code::AWAY, reason).await;
            }
        };
        let outcome = match message {
            Message::Text(text) => prediction(&state, text.as_bytes()),
            Message::Binary(_) => Err((
                StatusCode::BAD_REQUEST,
                "send the body of POST /api/predict as a text message, not a binary one".to_owned(),
            )),
            // Pongs are sent for pings, and a close is answered, by the
            // socket itself; it then ends.
            Message::Ping(_) | Message::Pong(_) | Message::Close(_) => continue,
        };
        let reply = with_status(outcome);
        if socket
            .send(Message::Text(reply.to_string().into()))
            .await
            .is_err()
        {
            return;
        }
    }
}

/// The longest reason a close frame carries, in bytes.
const MAX_REASON: usize = 123;

/// Closes `socket` saying why, in at most [`MAX_REASON`] bytes (the client
/// may be gone already: then there is no one to tell).
async fn close(mut socket: WebSocket, code: u16, mut reason: String) {
    let mut end = reason.len().min(MAX_REASON);
    while !reason.is_char_boundary(end) {
        end -= 1;
    }
    reason.truncate(end);
    let frame = CloseFrame {
        code,
        reason: reason.into(),
    };
    let _ = socket.send(Message::Close(Some(frame))).await;
}

/// A reply of [`prediction`] with its status inside.
fn with_status(outcome: Result<Value, (StatusCode, String)>) -> Value {
    match outcome {
        Ok(mut reply) => {
            reply["status"] = json!(StatusCode::OK.as_u16());
            reply
        }
        Err((status, message)) => json!({ "status": status.as_u16(), "error": message }),
    }
}

/// The `Origin` of a request made from a page of another origin than the
/// server's own (the `Host` it was asked by), or `None`: for the server's
/// own page, and for a client that is not a browser (no `Origin`).
fn foreign_origin(headers: &HeaderMap) -> Option<String> {
    let origin = headers.get(header::ORIGIN)?;
    let host = host(headers);
    let authority = origin.to_str().ok().and_then(|o| o.strip_prefix("http://"));
    match (authority, host) {
        (Some(authority), Some(host)) if authority.eq_ignore_ascii_case(host) => None,
        _ => Some(String::from_utf8_lossy(origin.as_bytes()).into_owned()),
    }
}

/// The `Host` the request was made to.
fn host(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::HOST).and_then(|h| h.to_str().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(origin: Option<&str>, host: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, host.parse().unwrap());
        if let Some(origin) = origin {
            headers.insert(header::ORIGIN, origin.parse().unwrap());
        }
        headers
    }

    #[test]
    fn only_the_servers_own_page_or_a_client_without_origin_may_open_a_socket() {
        let own = headers(Some("http://127.0.0.1:8765"), "127.0.0.1:8765");
        assert_eq!(foreign_origin(&own), None);
        assert_eq!(foreign_origin(&headers(None, "127.0.0.1:8765")), None);
        for other in [
            "http://127.0.0.1:9000",
            "https://127.0.0.1:8765",
            "http://example.com",
            "null",
        ] {
            assert_eq!(
                foreign_origin(&headers(Some(other), "127.0.0.1:8765")).as_deref(),
                Some(other)
            );
        }
    }

    #[test]
    fn a_reply_carries_its_status() {
        let ok = with_status(Ok(json!({ "predicted": 7 })));
        assert_eq!(ok, json!({ "predicted": 7, "status": 200 }));
        let refused = with_status(Err((StatusCode::BAD_REQUEST, "bad".to_owned())));
        assert_eq!(refused, json!({ "status": 400, "error": "bad" }));
    }
}
