// What every view of the page shares: the JSON API, the served model (and
// the event when it changes), the page's state in the URL, and painting
// 28x28 images.

export const SIDE = 28;
export const $ = (id) => document.getElementById(id);

// ---- the API ----------------------------------------------------------------

export async function api(path, body) {
  const init = body === undefined ? {} : {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body),
  };
  const response = await fetch(path, init);
  const reply = await response.json().catch(() => ({ error: response.statusText }));
  return { status: response.status, reply };
}

// ---- the served model -------------------------------------------------------

export let model = { loaded: false, test_images: 0 };
let servedFile; // undefined until the first answer, so that one fires `model-changed` too

// Asks the server which model it serves; when that changed since the last
// call, fires `model-changed` on `document` (the views listening re-read
// what depends on the model).
export async function refreshModel() {
  const { reply } = await api("/api/model");
  model = reply;
  $("model-status").textContent = model.loaded
    ? `Run ${model.run}: ${model.input}-${model.hidden}-${model.output} ${model.activation}, ${model.test_accuracy === null ? "its outputs are not finite numbers" : `test accuracy ${(100 * model.test_accuracy).toFixed(2)}%`}${model.stopped ? ` (${model.stopped})` : ""}`
    : "No model is loaded: train one in the Train tab (or start the server with --model FILE).";
  $("model-status").title = model.loaded ? model.model : "";
  const file = model.loaded ? `${model.model} ${model.stopped || ""}` : null;
  if (file !== servedFile) {
    servedFile = file;
    weightsOfModel = null;
    document.dispatchEvent(new CustomEvent("model-changed", { detail: model }));
  }
  return model;
}

// All of the served model's weights (GET /api/weights), fetched once per
// served model.
let weightsOfModel = null;
export function weights() {
  weightsOfModel ||= api("/api/weights");
  return weightsOfModel;
}

// The current drawing's prediction (every stage, from POST /api/predict),
// set by the Draw view, which fires `prediction-changed` on `document`.
export const current = { prediction: null };

// Opens another view (app.js listens).
export function openView(name) {
  document.dispatchEvent(new CustomEvent("open-view", { detail: name }));
}

// ---- latency as the page sees it --------------------------------------------
// For each input handled, the milliseconds from the input event (`start`, a
// performance.now()) to its result: `window.readyTimes[kind]` when the
// result is in the DOM (the page's own work: reading the pad, the round
// trip, the update), `window.paintTimes[kind]` at the frame that paints it
// (recorded in that frame's requestAnimationFrame callback, right before
// its style, layout and paint: up to one frame interval later).
window.readyTimes = { stroke: [], control: [] };
window.paintTimes = { stroke: [], control: [] };
export function markPainted(kind, start) {
  window.readyTimes[kind].push(performance.now() - start);
  requestAnimationFrame(() => window.paintTimes[kind].push(performance.now() - start));
}

// ---- the page's state in the URL --------------------------------------------
// One query string for the whole page: `view` is the open tab; each view
// keeps its own keys (figures' keys start with its view's name).

export function urlParam(key) {
  return new URLSearchParams(location.search).get(key);
}

export function setUrlParams(entries) {
  const params = new URLSearchParams(location.search);
  for (const [key, value] of Object.entries(entries)) {
    if (value === null || value === undefined) params.delete(key);
    else params.set(key, String(value));
  }
  history.replaceState(null, "", `${location.pathname}?${params}`);
}

// ---- painting ---------------------------------------------------------------

// Okabe-Ito blue (negative), white (0), vermillion (positive): a weight
// `w` on the scale `[-scale, scale]`, as RGB.
export function diverging(w, scale) {
  const t = Math.max(-1, Math.min(1, w / (scale || 1)));
  const [r, g, b] = t < 0 ? [0, 114, 178] : [213, 94, 0];
  const a = Math.abs(t);
  return [Math.round(255 + (r - 255) * a), Math.round(255 + (g - 255) * a), Math.round(255 + (b - 255) * a)];
}

// White (0) to dark blue (1): an activation `v` on `[0, top]`, as CSS.
export function sequential(v, top) {
  const t = Math.max(0, Math.min(1, v / (top || 1)));
  return `rgb(${Math.round(255 - 247 * t)}, ${Math.round(255 - 207 * t)}, ${Math.round(255 - 148 * t)})`;
}

// Formats a number with `digits` significant digits (for labels).
export const fmt = (v, digits = 3) => Number(v).toPrecision(digits);

// Paints 28x28 RGB triples onto `canvas`, scaled up without smoothing
// (through one 28x28 canvas, made once: a stroke paints two).
const small = Object.assign(document.createElement("canvas"), { width: SIDE, height: SIDE });
export function paint(canvas, colours) {
  const context = small.getContext("2d");
  const image = context.createImageData(SIDE, SIDE);
  colours.forEach(([r, g, b], i) => image.data.set([r, g, b, 255], 4 * i));
  context.putImageData(image, 0, 0);
  const target = canvas.getContext("2d");
  target.imageSmoothingEnabled = false;
  target.drawImage(small, 0, 0, canvas.width, canvas.height);
}

export function paintGrey(canvas, pixels) {
  paint(canvas, pixels.map((v) => [v, v, v]));
}
