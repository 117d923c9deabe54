// The Chapter 4 view: the chapter's figures with their knobs. Every number
// comes from GET /api/figures/{name} (the same library functions as
// `cargo xtask figures`); this module only draws them, on canvases, with
// one small plotting helper. A knob change is sent once per animation
// frame, a newer one aborts the request before it, and each view records
// the time from the input event to its paint (window.figures, read by the
// browser test). Every knob lives in the URL (keys `fig.*`).

import { $, urlParam, setUrlParams } from "./core.js";

// Okabe-Ito, safe for colour-blind readers; series differ by dash and marker too.
const C = { blue: "#0072B2", red: "#D55E00", green: "#009E73", orange: "#E69F00", purple: "#CC79A7", grey: "#6b6b6b", ink: "#222" };
const FONT = "12px system-ui, sans-serif";
const fmt = (v) => (v === null || v === undefined ? "–" : Math.abs(v) >= 1e5 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(3) : Number(v.toPrecision(6)).toString());
// 10^e to three significant digits (a log slider's value: 0.1, not 0.10000000000000002).
const pow10 = (e) => Number((10 ** Number(e)).toPrecision(3));

// ---- the plotting helper ----------------------------------------------------

// Sizes `canvas` to its CSS width and draws axes, ticks and grid for the
// ranges `x` and `y` (log10 when `xlog`/`ylog`), with an optional right
// axis `y2`. Returns { g, x, y, y2 } with the scales from data to pixels.
function axes(canvas, { x, y, xlog, ylog, xlabel, ylabel, y2, y2label }) {
  const dpr = window.devicePixelRatio || 1;
  const w = canvas.clientWidth || 480;
  const h = Math.round(w * Number(canvas.dataset.ratio || 0.6));
  canvas.width = w * dpr;
  canvas.height = h * dpr;
  canvas.style.height = `${h}px`;
  const g = canvas.getContext("2d");
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.clearRect(0, 0, w, h);
  const m = { l: 58, r: y2 ? 46 : 12, t: 10, b: 38 };
  const p = { g, w, h, m, x: scale(x, xlog, m.l, w - m.r), y: scale(y, ylog, h - m.b, m.t) };
  g.font = FONT;
  g.lineWidth = 1;
  for (const v of ticks(x, xlog, w / 70)) {
    const px = p.x(v);
    grid(g, px, m.t, px, h - m.b);
    label(g, xlog ? `1e${Math.round(Math.log10(v))}` : fmt(v), px, h - m.b + 14, "center");
  }
  for (const v of ticks(y, ylog, h / 40)) {
    const py = p.y(v);
    grid(g, m.l, py, w - m.r, py);
    label(g, ylog ? `1e${Math.round(Math.log10(v))}` : fmt(v), m.l - 4, py + 4, "right");
  }
  if (y2) {
    p.y2 = scale(y2, false, h - m.b, m.t);
    for (const v of ticks(y2, false, h / 40)) label(g, fmt(v), w - m.r + 4, p.y2(v) + 4, "left");
  }
  g.strokeStyle = C.ink;
  g.strokeRect(m.l, m.t, w - m.l - m.r, h - m.t - m.b);
  label(g, xlabel || "", (m.l + w - m.r) / 2, h - 6, "center");
  g.save();
  g.translate(12, (m.t + h - m.b) / 2);
  g.rotate(-Math.PI / 2);
  label(g, ylabel || "", 0, 0, "center");
  g.restore();
  if (y2label) {
    g.save();
    g.translate(w - 6, (m.t + h - m.b) / 2);
    g.rotate(Math.PI / 2);
    label(g, y2label, 0, 0, "center");
    g.restore();
  }
  return p;
}

function scale([lo, hi], log, a, b) {
  const f = log ? Math.log10 : (v) => v;
  const [L, H] = [f(lo), f(hi)];
  return (v) => a + ((f(v) - L) / (H - L || 1)) * (b - a);
}

// Round values in [lo, hi]: powers of ten on a log axis, 1-2-5 steps else.
function ticks([lo, hi], log, most) {
  if (log) {
    const [a, b] = [Math.ceil(Math.log10(lo)), Math.floor(Math.log10(hi))];
    const every = Math.max(1, Math.ceil((b - a + 1) / Math.max(2, most)));
    const out = [];
    for (let e = a; e <= b; e += every) out.push(pow10(e));
    return out;
  }
  const raw = (hi - lo) / Math.max(2, Math.min(most, 8));
  const mag = 10 ** Math.floor(Math.log10(raw || 1));
  const step = [1, 2, 5, 10].map((k) => k * mag).find((s) => s >= raw) || raw;
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

function grid(g, x0, y0, x1, y1) {
  g.strokeStyle = "#e2e2e2";
  g.beginPath(); g.moveTo(x0, y0); g.lineTo(x1, y1); g.stroke();
}

function label(g, text, x, y, align) {
  g.fillStyle = C.ink;
  g.textAlign = align;
  g.fillText(text, x, y);
}

// Draws the points [x, y] (skipping null, and values <= 0 on a log axis)
// as a line with `dash`, and `marker` ("circle", "square", "triangle") on
// every `every`-th point; `y` picks the scale (p.y or p.y2).
function series(p, points, { color, dash = [], marker, every = 1, y = p.y, width = 2, ylog, xlog }) {
  const { g, m, w, h } = p;
  const ok = ([a, b]) => a !== null && b !== null && Number.isFinite(a) && Number.isFinite(b) && !(ylog && b <= 0) && !(xlog && a <= 0);
  g.save();
  g.beginPath();
  g.rect(m.l, m.t, w - m.l - m.r, h - m.t - m.b);
  g.clip();
  g.strokeStyle = g.fillStyle = color;
  g.lineWidth = width;
  g.setLineDash(dash);
  g.beginPath();
  let open = false;
  for (const pt of points) {
    if (!ok(pt)) { open = false; continue; }
    const [px, py] = [p.x(pt[0]), y(pt[1])];
    if (open) g.lineTo(px, py); else g.moveTo(px, py);
    open = true;
  }
  g.stroke();
  g.setLineDash([]);
  if (marker) points.forEach((pt, i) => { if (ok(pt) && i % every === 0) mark(g, marker, p.x(pt[0]), y(pt[1]), 4); });
  g.restore();
}

function mark(g, marker, x, y, r) {
  g.beginPath();
  if (marker === "square") g.rect(x - r, y - r, 2 * r, 2 * r);
  else if (marker === "triangle") { g.moveTo(x, y - r * 1.3); g.lineTo(x + r * 1.2, y + r); g.lineTo(x - r * 1.2, y + r); g.closePath(); }
  else g.arc(x, y, r, 0, 2 * Math.PI);
  g.fill();
}

const extent = (values, pad = 0) => {
  const v = values.filter((a) => a !== null && Number.isFinite(a));
  let [lo, hi] = [Math.min(...v), Math.max(...v)];
  if (!v.length) [lo, hi] = [0, 1];
  if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
  const d = (hi - lo) * pad;
  return [lo - d, hi + d];
};

// ---- knobs, requests, paints ------------------------------------------------

// The knobs' URL keys, written at most every 300 ms: Chromium ignores
// history.replaceState past 200 calls in 10 s, and a dragged slider makes
// one change per frame.
let pendingUrl = null;
function saveUrl(entries) {
  if (pendingUrl === null) {
    pendingUrl = {};
    setTimeout(() => { setUrlParams(pendingUrl); pendingUrl = null; }, 300);
  }
  Object.assign(pendingUrl, entries);
}

// Per view: how many paints, the last data drawn, input-to-paint latencies.
window.figures = {};
const VIEWS = {};

// A view: `params()` gives its query, `draw(reply)` paints it. `update()`
// (from an input event) asks once per animation frame, aborting a stale
// request; the latency runs from the first unanswered input to the paint.
function view(name, { figure, params, draw, keys }) {
  const state = (window.figures[name] = { paints: 0, data: null, latencies: [] });
  let since = null;
  let queued = false;
  let inflight = null;
  const send = async () => {
    queued = false;
    if (inflight) inflight.abort();
    const controller = (inflight = new AbortController());
    const query = params();
    saveUrl(keys());
    try {
      const response = await fetch(`/api/figures/${figure}?${new URLSearchParams(query)}`, { signal: controller.signal });
      const reply = await response.json();
      if (controller.signal.aborted) return;
      inflight = null;
      if (!response.ok) { $(`fig-${name}-numbers`).textContent = reply.error; return; }
      draw(reply);
      state.data = reply;
      state.paints += 1;
      if (since !== null) state.latencies.push(performance.now() - since);
      since = null;
    } catch (error) {
      if (error.name !== "AbortError") $(`fig-${name}-numbers`).textContent = String(error);
    }
  };
  const update = (event) => {
    if (since === null) since = event && event.timeStamp ? event.timeStamp : performance.now();
    if (!queued) { queued = true; requestAnimationFrame(send); }
  };
  VIEWS[name] = { update };
  return update;
}

// A slider `id` in log10 units, its <output> showing 10^value.
const logKnob = (id) => pow10($(id).value);
function showOutputs() {
  for (const id of ["fig-x", "fig-depth", "fig-hidden"]) $(`${id}-out`).textContent = $(id).value;
  $("fig-h-out").textContent = tiny ? " (h = 1e-50)" : ` (${fmt(hValue())})`;
  for (const id of ["fig-lr", "fig-range", "fig-xlr"]) $(`${id}-out`).textContent = ` ${fmt(logKnob(id))}`;
  $("fig-std-out").textContent = stdPreset ? ` (${stdPreset})` : ` ${fmt(logKnob("fig-std"))}`;
}

// Knob values from the URL, else the inputs' book defaults.
const DEFAULTS = {};
function restore(ids) {
  for (const id of ids) {
    DEFAULTS[id] = $(id).value;
    const saved = urlParam(`fig.${id.slice(4)}`);
    if (saved !== null) $(id).value = saved;
  }
}

// ---- 1. derivative and rounding error ---------------------------------------

let tiny = false;
const hValue = () => (tiny ? 1e-50 : pow10(Number($("fig-h").value)));

function drawTangent(reply) {
  const p = axes($("fig-tangent-plot"), { x: [0, 20], y: [-1, 7], xlabel: "x", ylabel: "f(x)" });
  series(p, reply.curve, { color: C.blue });
  series(p, reply.tangent, { color: C.red, dash: [6, 4] });
  series(p, [[reply.x, reply.y]], { color: C.red, marker: "circle" });
  $("fig-derivative-numbers").textContent = `slope at x = ${reply.x}: ${reply.slope} (exact ${fmt(0.02 * reply.x + 0.1)})`;
}

function drawErrors(reply) {
  const p = axes($("fig-error-plot"), { x: [1e-21, 1], y: [1e-17, 10], xlog: true, ylog: true, xlabel: "h", ylabel: "|error| at x = 5" });
  const pts = (ys) => reply.steps.map((h, i) => [h, ys[i]]);
  const styles = [
    ["f64", "forward", { color: C.blue, marker: "circle" }],
    ["f64", "central", { color: C.red, marker: "square" }],
    ["f32", "forward", { color: C.blue, dash: [6, 4], marker: "triangle" }],
    ["f32", "central", { color: C.red, dash: [2, 3], marker: "triangle" }],
  ];
  for (const [type, kind, style] of styles) series(p, pts(reply[type][kind]), { ...style, xlog: true, ylog: true, width: 1.5 });
  const h = Math.max(reply.h, 1e-21);
  p.g.strokeStyle = C.green;
  p.g.setLineDash([3, 3]);
  p.g.beginPath(); p.g.moveTo(p.x(h), p.m.t); p.g.lineTo(p.x(h), p.h - p.m.b); p.g.stroke();
  p.g.setLineDash([]);
  const at = reply.at_h;
  $("fig-error-legend").innerHTML = `<span class="s-blue">━● f64 forward</span> <span class="s-red">━■ f64 central</span> <span class="s-blue">╌▲ f32 forward</span> <span class="s-red">┈▲ f32 central</span> <span class="s-green">┆ h = ${reply.h === 1e-50 ? "1e-50 (off the axis)" : fmt(reply.h)}</span>`;
  $("fig-derivative-numbers").dataset.h = reply.h;
  $("fig-derivative-numbers").title = reply.notes.join(" ");
  $("fig-error-numbers").textContent = `at h = ${fmt(reply.h)}: f64 forward error ${fmt(at.f64.forward)}, central ${fmt(at.f64.central)}; f32 forward ${fmt(at.f32.forward)}, central ${fmt(at.f32.central)}. ${reply.notes.join(" ")}`;
}

// ---- 2. gradient field and descent ------------------------------------------

let field = { function: null, arrows: [] };
// The plane of the descent plot (about as many pixels per unit both ways).
const PLANE = { x: [-6, 6], y: [-4.5, 4.5] };
let start = null;
const BOOK_STARTS = { function_2: [-3, 4], saddle: [-3, 0.001], plateau: [2, 1.5] };
const BOOK_DESCENT = { function_2: [-1, 20], saddle: [-1, 40], plateau: [0, 60] };

function drawDescent(reply) {
  const canvas = $("fig-field-plot");
  const p = axes(canvas, { x: PLANE.x, y: PLANE.y, xlabel: "x0", ylabel: "x1" });
  const longest = Math.max(...field.arrows.map(([, , a, b]) => Math.hypot(a, b)), 1e-12);
  p.g.strokeStyle = C.grey;
  p.g.lineWidth = 1;
  for (const [x0, x1, g0, g1] of field.arrows) {
    const [ax, ay] = [p.x(x0), p.y(x1)];
    const k = 14 / longest;
    const [bx, by] = [ax + g0 * k, ay - g1 * k];
    p.g.beginPath(); p.g.moveTo(ax, ay); p.g.lineTo(bx, by); p.g.stroke();
    p.g.fillStyle = C.grey;
    p.g.fillRect(bx - 1, by - 1, 2, 2);
  }
  const points = reply.descent.points;
  series(p, points, { color: C.red, marker: "circle", every: Math.max(1, Math.ceil(points.length / 60)) });
  series(p, [points[0]], { color: C.blue, marker: "square" });
  const loss = reply.descent.loss.map((v, i) => [i, v]);
  const q = axes($("fig-loss-plot"), { x: [0, Math.max(1, loss.length - 1)], y: extent(reply.descent.loss, 0.05), xlabel: "step", ylabel: "f(x)" });
  series(q, loss, { color: C.red, marker: loss.length <= 60 ? "circle" : undefined });
  const end = reply.descent.end;
  $("fig-descent-numbers").textContent = `${points.length} points from (${reply.start.join(", ")}), lr ${fmt(reply.lr)}: end (${end.map(fmt).join(", ")}), f = ${fmt(reply.descent.loss[loss.length - 1])}; ${reply.descent.near_x1_axis} points with |x1| < 0.1, ${reply.descent.flat_steps} steps lowering f by < 0.001. ${reply.descent.notes.join(" ")}`;
  canvas.dataset.end = JSON.stringify(end);
}

function startFromPointer(event, update) {
  const box = $("fig-field-plot").getBoundingClientRect();
  const m = { l: 58, r: 12, t: 10, b: 38 };
  const [[xa, xb], [ya, yb]] = [PLANE.x, PLANE.y];
  const x0 = xa + ((event.clientX - box.left - m.l) / (box.width - m.l - m.r)) * (xb - xa);
  const x1 = yb - ((event.clientY - box.top - m.t) / (box.height - m.t - m.b)) * (yb - ya);
  if (x0 < xa || x0 > xb || x1 < ya || x1 > yb) return;
  start = [Number(x0.toFixed(2)), Number(x1.toFixed(2))];
  update(event);
}

// ---- 3. loss against accuracy -----------------------------------------------

function drawSweep(reply) {
  const values = reply.values;
  const p = axes($("fig-sweep-plot"), {
    x: [values[0], values[values.length - 1]], y: extent(reply.loss, 0.05), y2: [0, 1],
    xlabel: `W2[${reply.weight.join("][")}]`, ylabel: "loss", y2label: "accuracy",
  });
  series(p, values.map((v, i) => [v, reply.loss[i]]), { color: C.blue });
  series(p, values.map((v, i) => [v, reply.accuracy[i]]), { color: C.red, dash: [5, 3], y: p.y2 });
  p.g.strokeStyle = C.grey;
  p.g.setLineDash([2, 3]);
  p.g.beginPath(); p.g.moveTo(p.x(reply.trained), p.m.t); p.g.lineTo(p.x(reply.trained), p.h - p.m.b); p.g.stroke();
  p.g.setLineDash([]);
  const steps = new Set(reply.accuracy).size;
  $("fig-sweep-numbers").textContent = `${reply.source}: W2[${reply.weight.join("][")}] = ${fmt(reply.trained)} swept ±${fmt(reply.range)} on ${values.length} points, batch ${reply.batch}: loss ${fmt(Math.min(...reply.loss))} to ${fmt(Math.max(...reply.loss))}, accuracy takes ${steps} values.`;
}

// ---- 4. activations and initialisation --------------------------------------

let stdPreset = null;

function drawInit(reply) {
  const canvas = $("fig-hist-plot");
  const layers = reply.layers;
  const top = Math.max(...layers.flatMap((l) => l.counts), 1);
  const p = axes(canvas, { x: [0, layers.length], y: [0, top], xlabel: "layer (each: values 0 … high)", ylabel: "count" });
  const span = p.x(1) - p.x(0);
  layers.forEach((layer, k) => {
    const bins = layer.counts.length;
    p.g.fillStyle = k % 2 ? C.blue : C.green;
    layer.counts.forEach((count, b) => {
      const x = p.x(k) + 3 + ((span - 6) * b) / bins;
      p.g.fillRect(x, p.y(count), Math.max(1, (span - 6) / bins - 0.5), p.y(0) - p.y(count));
    });
    if (span > 34) label(p.g, `${k + 1}`, p.x(k + 0.5), p.m.t + 12, "center");
  });
  const norms = reply.gradient_norms.map((v, i) => [i + 1, v]);
  const positive = reply.gradient_norms.filter((v) => v > 0);
  const lo = Math.min(...positive, 1), hi = Math.max(...positive, 1);
  const q = axes($("fig-norm-plot"), { x: [0.5, norms.length + 0.5], y: [pow10(Math.floor(Math.log10(lo))), pow10(Math.ceil(Math.log10(hi)))], ylog: true, xlabel: "layer (W1 at the input)", ylabel: "|dL/dW|" });
  series(q, norms, { color: C.purple, marker: "square", ylog: true });
  $("fig-init-numbers").textContent = `${reply.setting}, ${reply.depth} layers of ${reply.width}: std per layer ${layers.map((l) => fmt(l.std)).join(", ")}; ReLU zeros ${layers.map((l) => `${Math.round(100 * l.zeros)}%`).join(" ")}. Xavier = ${fmt(reply.presets.xavier)}, He = ${fmt(reply.presets.he)}.`;
}

// ---- 5. XOR, live -----------------------------------------------------------

let run = null;

function startXor(event) {
  const state = window.figures.xor;
  const since = event && event.timeStamp ? event.timeStamp : performance.now();
  if (run) run.close();
  const query = { hidden: $("fig-hidden").value, seed: $("fig-seed").value, lr: logKnob("fig-xlr") };
  saveUrl(urlKeys("xor"));
  const losses = [];
  let first = true;
  const source = (run = new EventSource(`/api/figures/xor?${new URLSearchParams(query)}`));
  source.onmessage = (message) => {
    const event = JSON.parse(message.data);
    if (event.type === "frame") {
      losses.push(...event.losses);
      drawXor(event, losses);
      state.data = event;
      state.paints += 1;
      if (first) { state.latencies.push(performance.now() - since); first = false; }
    } else {
      source.close();
      state.done = event;
      drawBoundary(event);
      $("fig-xor-numbers").textContent = `${query.hidden} hidden units, seed ${query.seed}: ${event.correct} of 4 right, loss ${fmt(event.final_loss)}; ${event.diagnosis}.`;
    }
  };
  source.onerror = () => { source.close(); if (first) $("fig-xor-numbers").textContent = "the run could not start (a knob out of bounds?)"; };
}

let xorPlot = null;
function drawXor(frame, losses) {
  const canvas = $("fig-xor-plot");
  const s = frame.surface;
  const p = (xorPlot = axes(canvas, { x: [s.low, s.high], y: [s.low, s.high], xlabel: "x1", ylabel: "x2" }));
  const [cw, ch] = [(p.x(s.high) - p.x(s.low)) / s.cells, (p.y(s.low) - p.y(s.high)) / s.cells];
  for (let i = 0; i < s.cells; i++) {
    for (let j = 0; j < s.cells; j++) {
      const v = s.p[i * s.cells + j] ?? 0.5;
      // Blue (P = 0) through white to orange (P = 1).
      const [r, g, b] = v < 0.5 ? mix([0, 114, 178], 2 * v) : mix([230, 159, 0], 2 - 2 * v);
      p.g.fillStyle = `rgb(${r},${g},${b})`;
      p.g.fillRect(p.x(s.low) + i * cw, p.y(s.low) - (j + 1) * ch, cw + 0.5, ch + 0.5);
    }
  }
  [[0, 0, 0], [0, 1, 1], [1, 0, 1], [1, 1, 0]].forEach(([a, b, t]) => {
    p.g.fillStyle = C.ink;
    mark(p.g, t ? "triangle" : "circle", p.x(a), p.y(b), 8);
    p.g.fillStyle = t ? C.red : "#fff";
    mark(p.g, t ? "triangle" : "circle", p.x(a), p.y(b), 6);
  });
  const q = axes($("fig-xor-loss"), { x: [0, frame.steps], y: [1e-4, 2], ylog: true, xlabel: "step", ylabel: "loss" });
  series(q, losses.map((v, i) => [i, v]), { color: C.purple, ylog: true });
  series(q, [[0, Math.log(2)], [frame.steps, Math.log(2)]], { color: C.grey, dash: [4, 4], width: 1, ylog: true });
  $("fig-xor-numbers").textContent = `step ${frame.step} of ${frame.steps}: loss ${fmt(frame.loss)}, ${frame.correct} of 4 right, P(class 1) = ${frame.probabilities.map((v) => fmt(v)).join(", ")} (dashed: ln 2)`;
}

const mix = (rgb, k) => rgb.map((c) => Math.round(c + (255 - c) * Math.min(1, Math.max(0, k))));

function drawBoundary(done) {
  if (!xorPlot || done.flat) return;
  const p = xorPlot;
  p.g.strokeStyle = C.ink;
  p.g.lineWidth = 2;
  p.g.beginPath();
  for (const [a, b, c, d] of done.boundary) { p.g.moveTo(p.x(a), p.y(b)); p.g.lineTo(p.x(c), p.y(d)); }
  p.g.stroke();
}

// ---- the view ---------------------------------------------------------------

const KNOBS = {
  derivative: ["fig-x", "fig-h"],
  descent: ["fig-fn", "fig-lr", "fig-steps"],
  sweep: ["fig-range", "fig-points", "fig-weight"],
  init: ["fig-depth", "fig-width", "fig-act", "fig-std"],
  xor: ["fig-hidden", "fig-seed", "fig-xlr"],
};
const urlKeys = (name) => Object.fromEntries(KNOBS[name].map((id) => [`fig.${id.slice(4)}`, $(id).value]));
let current = "derivative";
let runs = {};

function showFigure(name) {
  if (!(name in KNOBS)) name = "derivative";
  current = name;
  for (const section of document.querySelectorAll(".fig")) section.hidden = section.id !== `fig-${name}`;
  for (const tab of document.querySelectorAll(".fig-nav button")) {
    tab.classList.toggle("active", tab.dataset.fig === name);
    tab.setAttribute("aria-selected", String(tab.dataset.fig === name));
  }
  saveUrl({ "fig.view": name });
  runs[name]();
}

export function init() {
  restore(Object.values(KNOBS).flat());
  tiny = urlParam("fig.tiny") === "1";
  stdPreset = ["xavier", "he"].includes(urlParam("fig.preset")) ? urlParam("fig.preset") : null;
  const saved = urlParam("fig.start");
  if (saved) start = saved.split(",").map(Number);

  const tangent = view("derivative", { figure: "tangent", params: () => ({ x: $("fig-x").value }), draw: drawTangent, keys: () => urlKeys("derivative") });
  const errors = view("error", { figure: "rounding-error", params: () => ({ h: hValue() }), draw: drawErrors, keys: () => ({ ...urlKeys("derivative"), "fig.tiny": tiny ? 1 : null }) });
  let fieldFor = null;
  const descent = view("descent", {
    figure: "gradient-descent", params: () => ({ function: $("fig-fn").value, lr: logKnob("fig-lr"), steps: $("fig-steps").value, start: (start || BOOK_STARTS[$("fig-fn").value]).join(",") }),
    draw: drawDescent, keys: () => ({ ...urlKeys("descent"), "fig.start": start ? start.join(",") : null }),
  });
  const loadField = async (event) => {
    const name = $("fig-fn").value;
    if (fieldFor !== name) {
      fieldFor = name;
      const response = await fetch(`/api/figures/gradient-field?function=${name}`);
      field = await response.json();
    }
    descent(event);
  };
  const sweep = view("sweep", {
    figure: "loss-vs-accuracy", draw: drawSweep, keys: () => urlKeys("sweep"),
    params: () => ({ range: logKnob("fig-range"), points: $("fig-points").value, ...($("fig-weight").value.trim() ? { weight: $("fig-weight").value.trim() } : {}) }),
  });
  const initStudy = view("init", {
    figure: "init-study", draw: drawInit, keys: () => ({ ...urlKeys("init"), "fig.preset": stdPreset }),
    params: () => ({ depth: $("fig-depth").value, width: $("fig-width").value, activation: $("fig-act").value, std: stdPreset || logKnob("fig-std") }),
  });
  window.figures.xor = { paints: 0, data: null, latencies: [] };
  runs = { derivative: (e) => { tangent(e); errors(e); }, descent: loadField, sweep, init: initStudy, xor: startXor };

  const on = (id, type, f) => $(id).addEventListener(type, (e) => { showOutputs(); f(e); });
  on("fig-x", "input", tangent);
  on("fig-h", "input", (e) => { tiny = false; errors(e); });
  $("fig-h-tiny").addEventListener("click", (e) => { tiny = true; showOutputs(); errors(e); });
  on("fig-fn", "change", (e) => { start = null; const [lr, steps] = BOOK_DESCENT[$("fig-fn").value]; $("fig-lr").value = lr; $("fig-steps").value = steps; showOutputs(); loadField(e); });
  on("fig-lr", "input", descent);
  on("fig-steps", "input", descent);
  for (const button of document.querySelectorAll("[data-lr]")) button.addEventListener("click", (e) => { $("fig-lr").value = Math.log10(Number(button.dataset.lr)); showOutputs(); descent(e); });
  let dragging = false;
  const plane = $("fig-field-plot");
  plane.addEventListener("pointerdown", (e) => { dragging = true; plane.setPointerCapture(e.pointerId); startFromPointer(e, descent); });
  plane.addEventListener("pointermove", (e) => { if (dragging) startFromPointer(e, descent); });
  plane.addEventListener("pointerup", () => { dragging = false; });
  for (const id of ["fig-range", "fig-points", "fig-weight"]) on(id, id === "fig-weight" ? "change" : "input", sweep);
  for (const id of ["fig-depth", "fig-width", "fig-act"]) on(id, id === "fig-act" ? "change" : "input", initStudy);
  on("fig-std", "input", (e) => { stdPreset = null; initStudy(e); });
  for (const button of document.querySelectorAll("[data-std]")) button.addEventListener("click", (e) => { stdPreset = button.dataset.std; showOutputs(); initStudy(e); });
  for (const id of ["fig-hidden", "fig-seed", "fig-xlr"]) on(id, id === "fig-seed" ? "change" : "input", startXor);
  $("fig-xor-run").addEventListener("click", startXor);
  for (const button of document.querySelectorAll(".fig-reset")) {
    button.addEventListener("click", (e) => {
      for (const id of KNOBS[button.dataset.fig]) $(id).value = DEFAULTS[id];
      if (button.dataset.fig === "derivative") tiny = false;
      if (button.dataset.fig === "descent") start = null;
      if (button.dataset.fig === "init") stdPreset = null;
      showOutputs();
      runs[button.dataset.fig](e);
    });
  }
  for (const tab of document.querySelectorAll(".fig-nav button")) tab.addEventListener("click", () => showFigure(tab.dataset.fig));
  document.addEventListener("model-changed", () => { if (current === "sweep" && !$("mode-figures").classList.contains("hidden")) sweep(); });
  window.addEventListener("resize", () => { if (!$("mode-figures").classList.contains("hidden")) runs[current](); });
  showOutputs();
}

export function show() {
  showFigure(urlParam("fig.view") || current);
}
