// The Draw view: a pad drawn with the mouse or a finger (or a test image
// loaded onto it), and what the network computes from it, stage by stage:
// the 28x28 input, the hidden activations on their absolute scale (the
// units that push the answer most outlined), the ten scores beside their
// softmax probabilities, and one hidden unit's W1 column. URL keys:
// `draw.unit` (the selected unit), `draw.image` (a loaded test image).

import { predict, connect } from "./predict.js";
import { $, SIDE, api, model, current, weights, paint, paintGrey, diverging, sequential, fmt, markPainted, urlParam, setUrlParams } from "./core.js";

const pad = $("pad");
const padContext = pad.getContext("2d");
// The drawing itself, off the page: read back to make the input, and
// copied onto the pad at each input (`showInk`).
const ink = document.createElement("canvas");
ink.width = pad.width;
ink.height = pad.height;
const inkContext = ink.getContext("2d", { willReadFrequently: true });
// The units outlined as pushing the answer most.
const PUSHERS = 5;
// The pen's width on the 280x280 pad (an MNIST stroke is 2-3 of 28 pixels).
const LINE_WIDTH = 20;
let drawing = false;
let last = null;
let testPixels = null; // the exact pixels of a loaded test image, until drawn over
let selectedUnit = null;
let strokeStart = null; // performance.now() of the first input not yet shown
let lastAnnounced = null;
// Where the ink can be: [x0, y0, x1, y1] on the pad, or null when empty
// (so that a stroke reads only that part of the pad back).
let inkBox = null;

function growInk(x0, y0, x1, y1) {
  const [w, h] = [pad.width, pad.height];
  const box = [Math.max(0, Math.floor(x0)), Math.max(0, Math.floor(y0)), Math.min(w - 1, Math.ceil(x1)), Math.min(h - 1, Math.ceil(y1))];
  inkBox = inkBox ? [Math.min(inkBox[0], box[0]), Math.min(inkBox[1], box[1]), Math.max(inkBox[2], box[2]), Math.max(inkBox[3], box[3])] : box;
}

function clearPad() {
  inkContext.fillStyle = "#000";
  inkContext.fillRect(0, 0, ink.width, ink.height);
  showInk();
  testPixels = null;
  inkBox = null;
  for (const id of ["preview", "input-view"]) $(id).getContext("2d").clearRect(0, 0, $(id).width, $(id).height);
  $("image-info").textContent = "";
  setUrlParams({ "draw.image": null });
  showPrediction(null);
}

// The pad's box on the page, read when a stroke starts (and while hovering),
// not at every move of a stroke: read then, it would lay the page out again
// after each answer.
let padBox = null;

// Paints the drawing onto the pad, at once for each input: in Chromium, a
// frame with nothing to paint holds the next frame back for a whole frame
// interval, and an answer that arrived just after such a frame (a stroke's
// first, after a hover; a move's, while another was read) was painted a
// frame, ~17 ms, late.
function showInk() {
  padContext.drawImage(ink, 0, 0);
}

function point(event) {
  const box = padBox;
  return [(event.clientX - box.left) * pad.width / box.width, (event.clientY - box.top) * pad.height / box.height];
}

// The pen's outline where a hovering mouse or pen would draw (so that the
// frames before a stroke paint something too, see `showInk`).
function showPen(event) {
  if (event.pointerType !== "mouse" && event.pointerType !== "pen") return;
  padBox = pad.getBoundingClientRect();
  const [x, y] = point(event);
  showInk();
  padContext.strokeStyle = "#888";
  padContext.lineWidth = 1;
  padContext.beginPath();
  padContext.arc(x, y, LINE_WIDTH / 2, 0, 2 * Math.PI);
  padContext.stroke();
}

function stroke(from, to) {
  inkContext.strokeStyle = "#fff";
  inkContext.lineWidth = LINE_WIDTH;
  inkContext.lineCap = "round";
  inkContext.lineJoin = "round";
  inkContext.beginPath();
  inkContext.moveTo(from[0], from[1]);
  inkContext.lineTo(to[0], to[1]);
  inkContext.stroke();
  showInk();
  const reach = LINE_WIDTH / 2 + 2;
  growInk(Math.min(from[0], to[0]) - reach, Math.min(from[1], to[1]) - reach, Math.max(from[0], to[0]) + reach, Math.max(from[1], to[1]) + reach);
  if (testPixels) setUrlParams({ "draw.image": null });
  testPixels = null;
  schedulePredict();
}

// Where the input is made (28x28, read back), made once.
const inputContext = Object.assign(document.createElement("canvas"), { width: SIDE, height: SIDE }).getContext("2d", { willReadFrequently: true });

// Like MNIST: the ink's bounding box scaled to fit 20x20 (keeping its aspect
// ratio), then placed in 28x28 so that its centre of mass is the centre.
function preprocess() {
  if (!inkBox) return null;
  const [bx, by] = inkBox;
  const [bw, bh] = [inkBox[2] - bx + 1, inkBox[3] - by + 1];
  const { data } = inkContext.getImageData(bx, by, bw, bh);
  let [x0, y0, x1, y1] = [pad.width, pad.height, -1, -1];
  for (let y = 0; y < bh; y++) {
    for (let x = 0; x < bw; x++) {
      if (data[4 * (y * bw + x)] > 0) {
        x0 = Math.min(x0, bx + x); x1 = Math.max(x1, bx + x); y0 = Math.min(y0, by + y); y1 = Math.max(y1, by + y);
      }
    }
  }
  if (x1 < 0) return null;
  const [w, h] = [x1 - x0 + 1, y1 - y0 + 1];
  const scale = 20 / Math.max(w, h);
  const place = (dx, dy) => {
    inputContext.fillStyle = "#000";
    inputContext.fillRect(0, 0, SIDE, SIDE);
    inputContext.imageSmoothingQuality = "high";
    inputContext.drawImage(ink, x0, y0, w, h, dx, dy, w * scale, h * scale);
    const rgba = inputContext.getImageData(0, 0, SIDE, SIDE).data;
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

// Reads the pad and shows the answer; inputs that arrive meanwhile are read
// together on the next turn.
async function runPredict() {
  predictRunning = true;
  try {
    await predictQueue();
  } finally {
    predictRunning = false; // a failed request (the server gone) does not stop the next stroke
  }
}

async function predictQueue() {
  while (predictQueued) {
    predictQueued = false;
    const started = strokeStart;
    strokeStart = null;
    const pixels = testPixels || preprocess();
    if (!pixels) { showPrediction(null); continue; }
    if (!model.loaded) { showInput(pixels); $("predicted").textContent = "?"; continue; }
    // Sent first: the input is painted while the answer travels.
    const answer = predict(pixels);
    showInput(pixels);
    const { status, reply } = await answer;
    showPrediction(status === 200 ? reply : null, reply.error);
    if (started !== null && status === 200) markPainted("stroke", started);
  }
}

// The 28x28 input beside the pad and in the network's diagram.
function showInput(pixels) {
  paintGrey($("preview"), pixels);
  paintGrey($("input-view"), pixels);
}

// The hidden units as buttons (made again when the model's size changes).
function makeUnits() {
  const strip = $("hidden");
  if (!model.loaded) { strip.replaceChildren(); return; }
  if (strip.children.length === model.hidden) return;
  strip.replaceChildren(...Array.from({ length: model.hidden }, (_, j) => {
    const unit = document.createElement("button");
    unit.className = "unit";
    unit.dataset.unit = j;
    unit.setAttribute("aria-pressed", String(j === selectedUnit));
    unit.setAttribute("aria-label", `unit ${j}`);
    unit.addEventListener("click", () => {
      const started = performance.now();
      showUnit(j).then(() => markPainted("control", started));
    });
    return unit;
  }));
}

// The ten output rows: digit, score a2, its bar (0 in the middle), the
// probability's bar and value.
function makeOutputs() {
  const head = ["", "score", "", "probability", ""].map((text) => {
    const cell = document.createElement("span");
    cell.className = "head";
    cell.textContent = text;
    return cell;
  });
  const rows = Array.from({ length: 10 }, (_, d) => {
    const cells = [document.createElement("span"), document.createElement("span"), document.createElement("span"), document.createElement("span"), document.createElement("span")];
    cells[0].textContent = d;
    cells[1].className = cells[4].className = "num";
    cells[2].className = "score-bar";
    cells[2].append(document.createElement("i"), document.createElement("b"));
    cells[3].className = "prob-bar";
    cells[3].append(document.createElement("i"));
    for (const cell of cells) cell.dataset.digit = d;
    return cells;
  });
  $("outputs").replaceChildren(...head, ...rows.flat());
}

function showPrediction(y, message) {
  current.prediction = y;
  document.dispatchEvent(new CustomEvent("prediction-changed"));
  $("predicted").textContent = y ? String(y.predicted) : "–";
  $("predicted").dataset.digit = y ? String(y.predicted) : "";
  $("answer-probability").textContent = y ? `p = ${(100 * y.probabilities[y.predicted]).toFixed(1)}%` : "";
  if (message) $("image-info").textContent = message;
  const announced = y ? `predicted ${y.predicted}, ${(100 * y.probabilities[y.predicted]).toFixed(0)} percent` : "";
  if (announced.split(",")[0] !== (lastAnnounced || "").split(",")[0]) $("announce").textContent = announced;
  lastAnnounced = announced;
  const cells = $("outputs").children;
  const largest = y ? Math.max(1e-6, ...y.scores.map(Math.abs)) : 1;
  for (let d = 0; d < 10; d++) {
    const row = [...cells].slice(5 + 5 * d, 10 + 5 * d);
    const [, score, scoreBar, probBar, prob] = row;
    const a = y ? y.scores[d] : 0;
    const p = y ? y.probabilities[d] : 0;
    score.textContent = y ? a.toFixed(2) : "";
    prob.textContent = y ? `${(100 * p).toFixed(1)}%` : "";
    const half = 50 * Math.abs(a) / largest;
    Object.assign(scoreBar.firstChild.style, { left: `${a < 0 ? 50 - half : 50}%`, width: `${half}%` });
    probBar.firstChild.style.width = `${100 * p}%`;
    for (const cell of row) cell.classList.toggle("row-best", !!y && d === y.predicted);
  }
  const top = model.hidden_max || 1;
  const pushers = y
    ? y.contributions.map((c, j) => [c, j]).sort((p, q) => q[0] - p[0]).slice(0, PUSHERS).filter(([c]) => c > 0)
    : [];
  const pushing = new Set(pushers.map(([, j]) => j));
  for (const unit of $("hidden").children) {
    const j = Number(unit.dataset.unit);
    const a = y ? y.hidden[j] : 0;
    unit.style.background = y ? sequential(a, top) : "#fff";
    unit.classList.toggle("push", pushing.has(j));
    unit.setAttribute("aria-label", y ? `unit ${j}: activation ${a.toFixed(3)}${pushing.has(j) ? `, pushes ${y.predicted} by ${y.contributions[j].toFixed(2)}` : ""}` : `unit ${j}`);
  }
  $("pushers").textContent = y && pushers.length
    ? `Outlined: the units that push ${y.predicted} most (activation x W2[j, ${y.predicted}]): ${pushers.map(([c, j]) => `${j} (+${c.toFixed(2)})`).join(", ")}`
    : "";
  if (selectedUnit !== null) showUnitActivation();
}

function showUnitActivation() {
  const y = current.prediction;
  $("unit-info").dataset.activation = y ? y.hidden[selectedUnit].toFixed(3) : "";
}

async function showUnit(j) {
  selectedUnit = j;
  setUrlParams({ "draw.unit": j });
  for (const unit of $("hidden").children) unit.setAttribute("aria-pressed", String(Number(unit.dataset.unit) === j));
  const { status, reply } = await weights();
  if (status !== 200) { $("unit-info").textContent = reply.error; return; }
  const column = reply.w1[j - reply.from];
  if (!column) { $("unit-info").textContent = `unit ${j} is past the ${reply.w1.length} units the page shows`; return; }
  const scale = Math.max(1e-6, ...column.map(Math.abs));
  paint($("unit"), column.map((w) => diverging(w, scale)));
  const y = current.prediction;
  const activation = y ? `; activation now ${y.hidden[j].toFixed(3)}` : "";
  $("unit-info").textContent = `W1[:, ${j}]: vermillion excites hidden unit ${j}, blue inhibits it${activation}`;
  $("unit-min").textContent = fmt(-scale);
  $("unit-max").textContent = fmt(scale);
  showUnitActivation();
}

async function loadTestImage(index) {
  const { status, reply } = await api(`/api/test-image/${index}`);
  if (status !== 200) { $("image-info").textContent = reply.error; return; }
  $("test-index").value = reply.index;
  showOnPad(reply.pixels, `test image #${reply.index}, labelled ${reply.label}`);
  setUrlParams({ "draw.image": reply.index });
}

// Puts `pixels` (784 grey levels, a test image) on the pad and reads it.
export function showOnPad(pixels, info) {
  strokeStart = null;
  paintGrey(ink, pixels);
  showInk();
  testPixels = pixels;
  inkBox = [0, 0, pad.width - 1, pad.height - 1];
  $("image-info").textContent = info;
  schedulePredict();
}

export function init() {
  connect();
  pad.addEventListener("pointerdown", (event) => {
    strokeStart ??= performance.now();
    // No mouse events after it (nothing listens to them) and no text
    // selection: the press's answer comes ~2 ms sooner, each move's too.
    event.preventDefault();
    drawing = true;
    pad.setPointerCapture(event.pointerId);
    padBox = pad.getBoundingClientRect();
    last = point(event);
    stroke(last, last);
  });
  pad.addEventListener("pointermove", (event) => {
    if (!drawing) { showPen(event); return; }
    const next = point(event);
    if (next[0] === last[0] && next[1] === last[1]) return; // nothing new to read
    strokeStart ??= performance.now();
    stroke(last, next);
    last = next;
  });
  for (const end of ["pointerup", "pointercancel"]) pad.addEventListener(end, () => { drawing = false; });
  pad.addEventListener("pointerleave", () => { if (!drawing) showInk(); });
  $("clear").addEventListener("click", clearPad);
  $("random").addEventListener("click", () => loadTestImage(Math.floor(Math.random() * model.test_images)));
  $("load").addEventListener("click", () => loadTestImage(Number($("test-index").value)));
  $("test-index").addEventListener("keydown", (event) => {
    if (event.key === "Enter") loadTestImage(Number($("test-index").value));
  });
  makeOutputs();
  // A new served model (a run from the page finished): the units and their
  // scale, then the pad read again and the selected unit's weights.
  document.addEventListener("model-changed", () => {
    $("test-index").max = Math.max(0, model.test_images - 1);
    makeUnits();
    if (!model.loaded) { $("predicted").textContent = "?"; return; }
    $("activation-name").textContent = model.activation;
    $("shape").textContent = `x (${model.input} = 28x28) → x W1 + b1 → ${model.activation} → z1 (${model.hidden} hidden) → z1 W2 + b2 → a2 (${model.output} scores) → softmax → y (${model.output} probabilities)`;
    $("hidden-title").textContent = `${model.hidden} units, z1 = ${model.activation}(a1)`;
    $("hidden-min").textContent = "0";
    $("hidden-max").textContent = model.activation === "sigmoid" ? "1" : `${fmt(model.hidden_max)} (the largest on the test set)`;
    schedulePredict();
    if (selectedUnit !== null && selectedUnit < model.hidden) showUnit(selectedUnit);
  });
  const [unit, image] = [urlParam("draw.unit"), urlParam("draw.image")];
  clearPad();
  if (unit !== null && /^\d+$/.test(unit)) selectedUnit = Number(unit);
  if (image !== null && /^\d+$/.test(image)) loadTestImage(Number(image));
}

export function show() {}
