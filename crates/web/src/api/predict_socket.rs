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
//! `{"status": 400, "error": message}`. A message over [`BODY_LIMIT`]
//! closes the socket; a binary message gets a 400 reply.

use std::sync::Arc;

use axum::extract::State;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
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
                "a prediction socket opened from {origin}: only this server's page may open one"
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
        .on_upgrade(move |socket| answer(socket, state, slot))
}

/// Answers each message in turn until the client closes the socket (or
/// breaks a limit); the slot is freed then.
async fn answer(mut socket: WebSocket, state: Arc<AppState>, _slot: OwnedSemaphorePermit) {
    while let Some(Ok(message)) = socket.recv().await {
        let outcome = match message {
            Message::Text(text) => prediction(&state, text.as_bytes()),
            Message::Binary(_) => Err((
                StatusCode::BAD_REQUEST,
                "send the body of POST /api/predict as a text message, not a binary one".to_owned(),
            )),
            Message::Ping(_) | Message::Pong(_) => continue,
            Message::Close(_) => break,
        };
        let reply = with_status(outcome);
        if socket
            .send(Message::Text(reply.to_string().into()))
            .await
            .is_err()
        {
            break;
        }
    }
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
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let authority = origin.to_str().ok().and_then(|o| o.strip_prefix("http://"));
    match (authority, host) {
        (Some(authority), Some(host)) if authority.eq_ignore_ascii_case(host) => None,
        _ => Some(String::from_utf8_lossy(origin.as_bytes()).into_owned()),
    }
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
