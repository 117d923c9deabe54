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
    ? `Model: ${model.model} (${model.input}-${model.hidden}-${model.output}, ${model.activation})${model.stopped ? `, ${model.stopped}` : ""}`
    : "No model is loaded: train one in the Train tab (or start the server with --model FILE).";
  const file = model.loaded ? `${model.model} ${model.stopped || ""}` : null;
  if (file !== servedFile) {
    servedFile = file;
    document.dispatchEvent(new CustomEvent("model-changed", { detail: model }));
  }
  return model;
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

// Paints 28x28 RGB triples onto `canvas`, scaled up without smoothing.
export function paint(canvas, colours) {
  const small = document.createElement("canvas");
  small.width = small.height = SIDE;
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
