// Predictions for the Draw view: over a WebSocket (`/api/predict/socket`)
// while one is open, else `POST /api/predict`; the same replies either way.
// In headless Chromium on loopback a socket's exchange took 0.3 ms (median)
// against 1.7 ms for a fetch, which a stroke's answer, painted in the next
// frame, needs.

import { api } from "./core.js";

// A socket that failed is asked for again after this long (fetch meanwhile).
const RETRY_MS = 5000;

let socket = null; // open or opening
let askedAt = -Infinity;
// What the socket owes, in the order asked: its replies come in that order.
const owed = [];

function openSocket() {
  askedAt = performance.now();
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  const opened = new WebSocket(`${scheme}://${location.host}/api/predict/socket`);
  opened.onmessage = (event) => {
    const next = owed.shift();
    if (!next) return;
    let parsed;
    try { parsed = JSON.parse(event.data); } catch { parsed = { status: 500, error: "the server's reply is not JSON" }; }
    const { status, ...reply } = parsed;
    next.resolve({ status, reply, via: "socket" });
  };
  // Closed (by the server, the network, or a failed opening): what it owed
  // is asked again by fetch.
  opened.onclose = () => {
    if (socket === opened) socket = null;
    for (const next of owed.splice(0)) next.retry();
  };
  socket = opened;
}

async function byFetch(pixels) {
  const { status, reply } = await api("/api/predict", { pixels });
  return { status, reply, via: "fetch" };
}

// `{status, reply, via}` for 784 grey levels: `reply` as `POST
// /api/predict` gives it, `via` "socket" or "fetch".
export function predict(pixels) {
  if (!socket && performance.now() - askedAt > RETRY_MS) openSocket();
  if (socket?.readyState !== WebSocket.OPEN) return byFetch(pixels);
  return new Promise((resolve) => {
    owed.push({ resolve, retry: () => byFetch(pixels).then(resolve) });
    socket.send(JSON.stringify({ pixels }));
  });
}

// Opens the socket ahead of the first stroke.
export function connect() {
  if (!socket) openSocket();
}
