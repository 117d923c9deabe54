// The page of `cargo xtask serve`: three modes (draw, train, misclassified)
// over the JSON API of the same server. No libraries, no build step.
"use strict";

const SIDE = 28;
const $ = (id) => document.getElementById(id);

// ---- the API ----------------------------------------------------------------

async function api(path, body) {
  const init = body === undefined ? {} : {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body),
  };
  const response = await fetch(path, init);
  const reply = await response.json().catch(() => ({ error: response.statusText }));
  return { status: response.status, reply };
}

let model = { loaded: false, test_images: 0 };

async function refreshModel() {
  const { reply } = await api("/api/model");
  model = reply;
  $("model-status").textContent = model.loaded
    ? `Model: ${model.model} (${model.input}-${model.hidden}-${model.output}, ${model.activation})${model.stopped ? `, ${model.stopped}` : ""}`
    : "No model is loaded: train one in the Train tab (or start the server with --model FILE).";
  $("test-index").max = Math.max(0, model.test_images - 1);
  return model;
}

// ---- modes ------------------------------------------------------------------

function showMode(mode) {
  for (const tab of document.querySelectorAll(".tab")) {
    tab.classList.toggle("active", tab.dataset.mode === mode);
  }
  for (const section of document.querySelectorAll(".mode")) {
    section.classList.toggle("hidden", section.id !== `mode-${mode}`);
  }
  if (mode === "misclassified") loadMisses();
}

// ---- draw -------------------------------------------------------------------

const pad = $("pad");
const padContext = pad.getContext("2d", { willReadFrequently: true });
let drawing = false;
let last = null;
let testPixels = null; // the exact pixels of a loaded test image, until drawn over

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

let selectedUnit = null;

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
  paintGrey(pad, reply.pixels);
  testPixels = reply.pixels;
  $("test-index").value = reply.index;
  $("image-info").textContent = `test image #${reply.index}, labelled ${reply.label}`;
  schedulePredict();
}

// Paints 28x28 RGB triples onto `canvas`, scaled up without smoothing.
function paint(canvas, colours) {
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

function paintGrey(canvas, pixels) {
  paint(canvas, pixels.map((v) => [v, v, v]));
}

// ---- train ------------------------------------------------------------------

const chart = $("chart");
let series = { iters: 1, losses: [], epochs: [] };
let events = null;

async function startTraining() {
  const body = { activation: $("activation").value, iters: Number($("iters").value) };
  const { status, reply } = await api("/api/train", body);
  if (status !== 202) { $("train-status").textContent = reply.error; return; }
  series = { iters: reply.iters, losses: [], epochs: [] };
  watchTraining();
}

function watchTraining() {
  if (events) events.close();
  $("start").disabled = true;
  $("stop").disabled = false;
  $("train-status").textContent = "training…";
  events = new EventSource("/api/train/events");
  events.addEventListener("open", () => { series.losses = []; series.epochs = []; });
  events.addEventListener("message", (message) => {
    for (const event of JSON.parse(message.data)) {
      if (event.type === "loss") series.losses.push([event.iteration, event.loss]);
      else if (event.type === "epoch") series.epochs.push(event);
      else finishTraining(event);
    }
    const last = series.losses[series.losses.length - 1];
    const reached = last ? last[0] + 1 : 0;
    series.iters = Math.max(series.iters, reached);
    drawChart();
    const epoch = series.epochs[series.epochs.length - 1];
    if (events && epoch) {
      $("train-status").textContent = `iteration ${reached}: train acc ${epoch.train_acc.toFixed(4)}, test acc ${epoch.test_acc.toFixed(4)}`;
    }
  });
}

async function finishTraining(event) {
  events.close();
  events = null;
  $("start").disabled = false;
  $("stop").disabled = true;
  $("train-status").textContent = event.type === "failed" ? event.message : `${event.message}, now served`;
  $("train-status").dataset.state = event.type;
  await refreshModel();
}

function drawChart() {
  const context = chart.getContext("2d");
  const [w, h, left, right, top, bottom] = [chart.width, chart.height, 50, 50, 12, 30];
  context.clearRect(0, 0, w, h);
  context.fillStyle = "#fff";
  context.fillRect(0, 0, w, h);
  const maxLoss = Math.max(1e-6, ...series.losses.map(([, l]) => l));
  const x = (i) => left + (w - left - right) * i / Math.max(1, series.iters - 1);
  const yLoss = (l) => top + (h - top - bottom) * (1 - l / maxLoss);
  const yAcc = (a) => top + (h - top - bottom) * (1 - a);
  context.strokeStyle = "#999";
  context.strokeRect(left, top, w - left - right, h - top - bottom);
  context.fillStyle = "#333";
  context.font = "12px sans-serif";
  context.fillText(maxLoss.toFixed(2), 6, top + 10);
  context.fillText("0", 30, h - bottom);
  context.fillText("1.0", w - right + 6, top + 10);
  context.fillText("0.0", w - right + 6, h - bottom);
  context.fillText(`iteration (of ${series.iters})`, w / 2 - 50, h - 8);
  const line = (points, colour) => {
    context.strokeStyle = colour;
    context.beginPath();
    points.forEach(([px, py], k) => (k ? context.lineTo(px, py) : context.moveTo(px, py)));
    context.stroke();
  };
  context.lineWidth = 1;
  line(series.losses.map(([i, l]) => [x(i), yLoss(l)]), "#2a6fdb");
  context.lineWidth = 2;
  line(series.epochs.map((e) => [x(e.iteration), yAcc(e.train_acc)]), "#2b8a3e");
  line(series.epochs.map((e) => [x(e.iteration), yAcc(e.test_acc)]), "#d9480f");
  chart.dataset.points = String(series.losses.length);
  chart.dataset.epochs = String(series.epochs.length);
}

// ---- misclassified ----------------------------------------------------------

async function loadMisses() {
  const { status, reply } = await api("/api/misclassified");
  const misses = $("misses");
  misses.replaceChildren();
  if (status !== 200) { $("miss-info").textContent = reply.error; return; }
  $("miss-info").textContent = `The model gets ${reply.wrong} of ${reply.tested} test images wrong; the first ${reply.images.length}:`;
  for (const image of reply.images) {
    const tile = document.createElement("div");
    tile.className = "miss";
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = SIDE;
    paintGrey(canvas, image.pixels);
    const caption = document.createElement("span");
    caption.textContent = `#${image.index}: ${image.label} → ${image.predicted}`;
    caption.title = `true ${image.label}, predicted ${image.predicted} (p = ${image.probability.toFixed(2)})`;
    tile.append(canvas, caption);
    misses.append(tile);
  }
}

// ---- start ------------------------------------------------------------------

for (const tab of document.querySelectorAll(".tab")) tab.addEventListener("click", () => showMode(tab.dataset.mode));
$("clear").addEventListener("click", clearPad);
$("random").addEventListener("click", () => loadTestImage(Math.floor(Math.random() * model.test_images)));
$("load").addEventListener("click", () => loadTestImage(Number($("test-index").value)));
$("start").addEventListener("click", startTraining);
$("stop").addEventListener("click", () => api("/api/train/stop", {}));
clearPad();
drawChart();
refreshModel().then((m) => {
  if (m.training) watchTraining();
  if (!m.loaded) $("predicted").textContent = "?";
});
