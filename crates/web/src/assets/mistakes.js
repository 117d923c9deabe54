// The Misclassified view: the test images the served model gets wrong.

import { $, SIDE, api, paintGrey } from "./core.js";

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

export function init() {}

export function show() {
  loadMisses();
}
