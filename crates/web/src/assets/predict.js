// Predictions for the Draw view: over a WebSocket (`/api/predict/socket`)
// while one is open, else `POST /api/predict`; the same replies either way.
// In headless Chromium on loopback a socket's exchange took 0.3 ms (median)
// against 1.7 ms for a fetch, which a stroke's answer, painted in the next
// frame, needs.

import { api } from "./core.js";

// A socket that failed is asked for again after this long (fetch meanwhile).
const RETRY_MS = 5000;
// A reply the socket has not given after this long is asked by fetch, and
// the socket closed (a connection that went silent, a stalled server).
const PATIENCE_MS = 2000;

// How many answers came each way (the browser test reads it).
window.answersVia = { socket: 0, fetch: 0 };

// The open (or opening) socket, with what it owes in the order asked: its
// replies come in that order.
let current = null;
let askedAt = -Infinity;

function openSocket() {
  askedAt = performance.now();
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  const socket = new WebSocket(`${scheme}://${location.host}/api/predict/socket`);
  const opened = { socket, owed: [] };
  socket.onmessage = (event) => {
    const next = opened.owed.shift();
    if (!next) return;
    clearTimeout(next.timer);
    let parsed = null;
    try { parsed = JSON.parse(event.data); } catch { /* answered below */ }
    if (parsed === null || typeof parsed !== "object") parsed = { status: 500, error: "the server's reply over the socket is not a JSON object" };
    const { status, ...reply } = parsed;
    window.answersVia.socket++;
    next.resolve({ status, reply, via: "socket" });
  };
  // Closed (by the server, the network, a failed opening or our patience):
  // what it owed is asked again by fetch.
  socket.onclose = () => giveUp(opened);
  current = opened;
}

function giveUp(opened) {
  if (current === opened) current = null;
  opened.socket.close();
  for (const next of opened.owed.splice(0)) {
    clearTimeout(next.timer);
    next.retry();
  }
}

async function byFetch(pixels) {
  const { status, reply } = await api("/api/predict", { pixels });
  window.answersVia.fetch++;
  return { status, reply, via: "fetch" };
}

// `{status, reply, via}` for 784 grey levels: `reply` as `POST
// /api/predict` gives it, `via` "socket" or "fetch". Rejects when the
// server cannot be reached at all.
export function predict(pixels) {
  if (!current && performance.now() - askedAt > RETRY_MS) openSocket();
  const opened = current;
  if (opened?.socket.readyState !== WebSocket.OPEN) return byFetch(pixels);
  return new Promise((resolve, reject) => {
    opened.owed.push({
      resolve,
      retry: () => byFetch(pixels).then(resolve, reject),
      timer: setTimeout(() => giveUp(opened), PATIENCE_MS),
    });
    opened.socket.send(JSON.stringify({ pixels }));
  });
}

// Opens the socket ahead of the first stroke.
export function connect() {
  if (!current) openSocket();
}

// A page put away (another one opened in its tab, this one kept in the
// back-forward cache) gives its socket back, so that it does not hold one
// of the server's few slots; shown again, it opens another.
addEventListener("pagehide", () => { if (current) giveUp(current); });
addEventListener("pageshow", (event) => {
  if (!event.persisted) return;
  askedAt = -Infinity;
  connect();
});
