// The Weights view: every hidden unit's W1 column as a 28x28 tile, all on
// one colour scale (its colour bar above), ordered by unit or by what the
// current drawing does to them; W2 as a hidden x 10 heat map; a tile
// pressed shows its unit's detail. URL keys: `weights.sort`, `weights.unit`.

import { $, SIDE, model, current, weights, paint, diverging, fmt, markPainted, urlParam, setUrlParams } from "./core.js";

const SORTS = ["unit", "activation", "push"];
let data = null; // the reply of GET /api/weights for the served model
let selected = null;
let visible = false;

async function load() {
  const { status, reply } = await weights();
  if (status !== 200) { data = null; $("weights-info").textContent = reply.error; $("tiles").replaceChildren(); return; }
  if (reply === data) return;
  data = reply;
  $("w1-min").textContent = fmt(-data.w1_scale);
  $("w1-max").textContent = fmt(data.w1_scale);
  $("w2-min").textContent = fmt(-data.w2_scale);
  $("w2-max").textContent = fmt(data.w2_scale);
  const shown = data.w1.length < data.hidden ? ` (the first ${data.w1.length} of ${data.hidden})` : "";
  $("weights-info").textContent = `W1: ${data.hidden} units${shown}, each the 28x28 image of weights it multiplies the input by; one colour scale, |w| up to ${fmt(data.w1_scale)}.`;
  $("tiles").replaceChildren(...data.w1.map((column, k) => {
    const j = data.from + k;
    const tile = document.createElement("button");
    tile.className = "tile";
    tile.dataset.unit = j;
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = SIDE;
    paint(canvas, column.map((w) => diverging(w, data.w1_scale)));
    const caption = document.createElement("span");
    tile.append(canvas, caption);
    tile.addEventListener("click", () => {
      const started = performance.now();
      select(j);
      markPainted("control", started);
    });
    return tile;
  }));
  drawW2();
  order();
  if (selected !== null) select(selected);
}

// W2 as rows of units, columns of digits, on its own shared scale.
function drawW2() {
  const canvas = $("w2");
  canvas.width = 10;
  canvas.height = data.w2.length;
  canvas.style.height = `${Math.min(640, 8 * data.w2.length)}px`;
  const context = canvas.getContext("2d");
  const image = context.createImageData(10, data.w2.length);
  data.w2.flat().forEach((w, i) => image.data.set([...diverging(w, data.w2_scale), 255], 4 * i));
  context.putImageData(image, 0, 0);
  $("w2-digits").replaceChildren(...Array.from({ length: 10 }, (_, d) => {
    const label = document.createElement("span");
    label.textContent = d;
    return label;
  }));
}

// Puts the tiles in the chosen order and captions them with the drawing's
// activations.
function order() {
  if (!data) return;
  const sort = $("weights-sort").value;
  const y = current.prediction;
  const key = (j) => (!y || sort === "unit" ? -j : sort === "activation" ? y.hidden[j] : y.contributions[j]);
  const tiles = [...$("tiles").children];
  for (const tile of tiles) {
    const j = Number(tile.dataset.unit);
    const caption = y ? ` · ${y.hidden[j].toFixed(2)}` : "";
    tile.lastChild.textContent = `${j}${caption}`;
    tile.setAttribute("aria-label", `unit ${j}${y ? `, activation ${y.hidden[j].toFixed(3)}` : ""}`);
    tile.setAttribute("aria-pressed", String(j === selected));
  }
  tiles.sort((p, q) => key(Number(q.dataset.unit)) - key(Number(p.dataset.unit)));
  $("tiles").append(...tiles);
}

function select(j) {
  if (!data || j < data.from || j >= data.from + data.w1.length) return;
  selected = j;
  setUrlParams({ "weights.unit": j });
  for (const tile of $("tiles").children) tile.setAttribute("aria-pressed", String(Number(tile.dataset.unit) === j));
  const k = j - data.from;
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = SIDE;
  paint(canvas, data.w1[k].map((w) => diverging(w, data.w1_scale)));
  const y = current.prediction;
  const lines = [
    `Unit ${j}: b1 = ${fmt(data.b1[k])}`,
    y ? `on the drawing: activation ${y.hidden[j].toFixed(3)}, pushes ${y.predicted} by ${y.contributions[j].toFixed(3)}` : "draw a digit to see its activation",
    `W2[${j}, d], what it adds to each digit's score per unit of activation:`,
    data.w2[k].map((w, d) => `${d}: ${w >= 0 ? "+" : ""}${w.toFixed(2)}`).join("  "),
  ];
  $("tile-detail").replaceChildren(canvas, ...lines.map((text) => {
    const line = document.createElement("p");
    line.textContent = text;
    return line;
  }));
  $("tile-detail").dataset.unit = j;
}

export function init() {
  const sort = urlParam("weights.sort");
  if (SORTS.includes(sort)) $("weights-sort").value = sort;
  const unit = urlParam("weights.unit");
  if (unit !== null && /^\d+$/.test(unit)) selected = Number(unit);
  $("weights-sort").addEventListener("change", () => {
    const started = performance.now();
    setUrlParams({ "weights.sort": $("weights-sort").value });
    order();
    markPainted("control", started);
  });
  $("w2").addEventListener("click", (event) => {
    if (!data) return;
    const box = $("w2").getBoundingClientRect();
    select(data.from + Math.floor((event.clientY - box.top) / box.height * data.w2.length));
  });
  document.addEventListener("model-changed", () => { data = null; if (visible) load(); });
  document.addEventListener("prediction-changed", () => { if (visible) order(); });
  document.addEventListener("view-shown", (event) => { visible = event.detail === "weights"; });
}

export async function show() {
  visible = true;
  if (!model.loaded) { $("weights-info").textContent = "No model is loaded."; return; }
  await load();
  order();
  if (selected !== null) select(selected);
}
