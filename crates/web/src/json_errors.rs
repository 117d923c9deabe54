//! Every error reply is JSON `{"error": message}`: the replies the
//! handlers make already are; this layer rewrites the others (413 from the
//! body limit, 405 from the router, any plain-text rejection) the same way.
//!
//! A 413 also says `Connection: close`: the server refuses such a body
//! without reading it and then closes the connection, and a client that
//! kept the connection for its next request would find it gone.

use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;

use crate::BODY_LIMIT;
use crate::api::error;

/// The longest plain-text error body kept in the JSON message.
const MAX_TEXT: usize = 4096;

/// Passes `request` on; an error reply that is not JSON becomes
/// `{"error": message}` with the same status (and headers such as `Allow`).
pub async fn json_errors(request: Request, next: Next) -> Response {
    let (method, path) = (request.method().clone(), request.uri().path().to_owned());
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|kind| kind.as_bytes().starts_with(b"application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let (parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, MAX_TEXT)
        .await
        .map(|bytes| String::from_utf8_lossy(&bytes).trim().to_owned())
        .unwrap_or_default();
    let message = match status {
        StatusCode::PAYLOAD_TOO_LARGE => {
            format!("the request body is larger than the limit of {BODY_LIMIT} bytes")
        }
        StatusCode::METHOD_NOT_ALLOWED => {
            let allowed = parts
                .headers
                .get(header::ALLOW)
                .and_then(|allow| allow.to_str().ok())
                .filter(|allow| !allow.is_empty())
                .map(|allow| format!("; allowed: {allow}"))
                .unwrap_or_default();
            format!("{method} is not allowed on {path}{allowed}")
        }
        _ if !text.is_empty() => text,
        _ => status.canonical_reason().unwrap_or("error").to_lowercase(),
    };
    let mut reply = error(status, message);
    for (name, value) in &parts.headers {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            reply.headers_mut().insert(name, value.clone());
        }
    }
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        reply
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    reply
}
