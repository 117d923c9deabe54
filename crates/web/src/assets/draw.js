// The Draw view: a pad drawn with the mouse or a finger (or a test image
// loaded onto it), the model's answer with its probabilities, the hidden
// activations, and one hidden unit's W1 column.

import { $, SIDE, api, model, paint, paintGrey } from "./core.js";

const pad = $("pad");
const padContext = pad.getContext("2d", { willReadFrequently: true });
let drawing = false;
let last = null;
let testPixels = null; // the exact pixels of a loaded test image, until drawn over
let selectedUnit = null;

function clearPad() {
  padContext.fillStyle = "#000";
  padContext.fillRect(0, 0, pad.width, pad.height);
  testPixels = null;
  $("image-info").textContent = "";
  showPrediction(null);
}

function point(event) {
  const box = pad.getBoundingClientRect();
  return [(event.clientX - box.left) * pad.width / box.width, (event.clientY - box.top) * pad.height / box.height];
}

function stroke(from, to) {
  padContext.strokeStyle = "#fff";
  padContext.lineWidth = 20;
  padContext.lineCap = "round";
  padContext.lineJoin = "round";
  padContext.beginPath();
  padContext.moveTo(from[0], from[1]);
  padContext.lineTo(to[0], to[1]);
  padContext.stroke();
  testPixels = null;
  schedulePredict();
}

// Like MNIST: the ink's bounding box scaled to fit 20x20 (keeping its aspect
// ratio), then placed in 28x28 so that its centre of mass is the centre.
function preprocess() {
  const { data } = padContext.getImageData(0, 0, pad.width, pad.height);
  let [x0, y0, x1, y1] = [pad.width, pad.height, -1, -1];
  for (let y = 0; y < pad.height; y++) {
    for (let x = 0; x < pad.width; x++) {
      if (data[4 * (y * pad.width + x)] > 0) {
        x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
      }
    }
  }
  if (x1 < 0) return null;
  const [w, h] = [x1 - x0 + 1, y1 - y0 + 1];
  const scale = 20 / Math.max(w, h);
  const small = document.createElement("canvas");
  small.width = small.height = SIDE;
  const context = small.getContext("2d", { willReadFrequently: true });
  const place = (dx, dy) => {
    context.fillStyle = "#000";
    context.fillRect(0, 0, SIDE, SIDE);
    context.imageSmoothingQuality = "high";
    context.drawImage(pad, x0, y0, w, h, dx, dy, w * scale, h * scale);
    const rgba = context.getImageData(0, 0, SIDE, SIDE).data;
    return Array.from({ length: SIDE * SIDE }, (_, i) => rgba[4 * i]);
  };
  const first = place(0, 0);
  let [mass, cx, cy] = [0, 0, 0];
  first.forEach((v, i) => { mass += v; cx += v * (i % SIDE); cy += v * Math.floor(i / SIDE); });
  return place(Math.round(SIDE / 2 - 0.5 - cx / mass), Math.round(SIDE / 2 - 0.5 - cy / mass));
}

let predictQueued = false;
let predictRunning = false;

function schedulePredict() {
  predictQueued = true;
  if (!predictRunning) runPredict();
}

async function runPredict() {
  predictRunning = true;
  while (predictQueued) {
    predictQueued = false;
    const pixels = testPixels || preprocess();
    if (!pixels) { showPrediction(null); continue; }
    paintGrey($("preview"), pixels);
    if (!model.loaded) { $("predicted").textContent = "?"; continue; }
    const { status, reply } = await api("/api/predict", { pixels });
    showPrediction(status === 200 ? reply : null, reply.error);
  }
  predictRunning = false;
}

function showPrediction(y, message) {
  $("predicted").textContent = y ? String(y.predicted) : "–";
  $("predicted").dataset.digit = y ? String(y.predicted) : "";
  const bars = $("bars");
  bars.replaceChildren();
  if (message) $("image-info").textContent = message;
  if (!y) { $("hidden").replaceChildren(); return; }
  y.probabilities.forEach((p, d) => {
    const label = document.createElement("span");
    label.textContent = d;
    const bar = document.createElement("div");
    bar.className = d === y.predicted ? "bar best" : "bar";
    bar.style.width = `${Math.max(1, 240 * p)}px`;
    const value = document.createElement("span");
    value.textContent = `${(100 * p).toFixed(1)}%`;
    bars.append(label, bar, value);
  });
  const strongest = Math.max(1e-6, ...y.hidden);
  const strip = $("hidden");
  strip.replaceChildren(...y.hidden.map((a, j) => {
    const cell = document.createElement("div");
    const level = Math.round(255 * (1 - Math.min(1, a / strongest)));
    cell.style.background = `rgb(${level}, ${level}, ${level})`;
    cell.title = `unit ${j}: ${a.toFixed(3)}`;
    cell.dataset.unit = j;
    if (j === selectedUnit) cell.classList.add("selected");
    cell.addEventListener("click", () => showUnit(j));
    return cell;
  }));
}

async function showUnit(j) {
  selectedUnit = j;
  for (const cell of $("hidden").children) cell.classList.toggle("selected", Number(cell.dataset.unit) === j);
  const { status, reply } = await api(`/api/weights/${j}`);
  if (status !== 200) { $("unit-info").textContent = reply.error; return; }
  const scale = Math.max(1e-6, ...reply.weights.map(Math.abs));
  const colours = reply.weights.map((w) => {
    const t = Math.min(1, Math.abs(w) / scale);
    const fade = Math.round(255 * (1 - t));
    return w >= 0 ? [255, fade, fade] : [fade, fade, 255];
  });
  paint($("unit"), colours);
  $("unit-info").textContent = `W1[:, ${j}]: red excites hidden unit ${j}, blue inhibits it (|w| up to ${scale.toFixed(3)})`;
}

async function loadTestImage(index) {
  const { status, reply } = await api(`/api/test-image/${index}`);
  if (status !== 200) { $("image-info").textContent = reply.error; return; }
  $("test-index").value = reply.index;
  showOnPad(reply.pixels, `test image #${reply.index}, labelled ${reply.label}`);
}

// Puts `pixels` (784 grey levels, a test image) on the pad and reads it.
export function showOnPad(pixels, info) {
  paintGrey(pad, pixels);
  testPixels = pixels;
  $("image-info").textContent = info;
  schedulePredict();
}

export function init() {
  pad.addEventListener("pointerdown", (event) => {
    drawing = true;
    pad.setPointerCapture(event.pointerId);
    last = point(event);
    stroke(last, last);
  });
  pad.addEventListener("pointermove", (event) => {
    if (!drawing) return;
    const next = point(event);
    stroke(last, next);
    last = next;
  });
  for (const end of ["pointerup", "pointercancel"]) pad.addEventListener(end, () => { drawing = false; });
  $("clear").addEventListener("click", clearPad);
  $("random").addEventListener("click", () => loadTestImage(Math.floor(Math.random() * model.test_images)));
  $("load").addEventListener("click", () => loadTestImage(Number($("test-index").value)));
  // A new served model (a run from the page finished): read the pad again
  // and reload the selected unit's weights.
  document.addEventListener("model-changed", () => {
    $("test-index").max = Math.max(0, model.test_images - 1);
    if (!model.loaded) { $("predicted").textContent = "?"; return; }
    schedulePredict();
    if (selectedUnit !== null && selectedUnit < model.hidden) showUnit(selectedUnit);
  });
  clearPad();
}

export function show() {}
