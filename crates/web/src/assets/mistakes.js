// The Mistakes view: every test image the served model gets wrong, a page
// at a time, filtered by true and predicted digit, each with how sure the
// model was; the confusion matrix beside it, each cell a filter. A tile
// pressed goes onto the Draw view's pad. URL keys: `mistakes.true`,
// `mistakes.predicted`, `mistakes.page`.

import { $, SIDE, api, model, paintGrey, openView, markPainted, urlParam, setUrlParams } from "./core.js";
import { showOnPad } from "./draw.js";

const state = { true: null, predicted: null, page: 0 };
let loaded = null; // the query of the page shown

const digit = (value) => (value !== null && /^\d$/.test(value) ? Number(value) : null);

function query() {
  const params = new URLSearchParams();
  if (state.true !== null) params.set("true", state.true);
  if (state.predicted !== null) params.set("predicted", state.predicted);
  if (state.page) params.set("page", state.page);
  return `/api/misclassified?${params}`;
}

// Sets the filters (and page), mirrors them in the URL and the selects,
// and shows that page; `started` is the input event's time.
function change(next, started) {
  Object.assign(state, next);
  setUrlParams({ "mistakes.true": state.true, "mistakes.predicted": state.predicted, "mistakes.page": state.page || null });
  load().then(() => { if (started !== undefined) markPainted("control", started); });
}

async function load() {
  const path = query();
  $("miss-true").value = state.true ?? "";
  $("miss-predicted").value = state.predicted ?? "";
  const { status, reply } = await api(path);
  if (status !== 200) {
    $("miss-info").textContent = reply.error;
    $("misses").replaceChildren();
    // A page past the end (the model changed): back to the first.
    if (state.page && status === 400) change({ page: 0 });
    return;
  }
  loaded = path;
  const filters = [state.true !== null ? `true ${state.true}` : "", state.predicted !== null ? `predicted ${state.predicted}` : ""].filter(Boolean).join(", ");
  $("miss-info").textContent = `The model gets ${reply.wrong} of ${reply.tested} test images wrong (accuracy ${(100 * reply.test_accuracy).toFixed(2)}%)`
    + `${filters ? `; ${reply.matching} with ${filters}` : ""}. Press one to put it on the pad.`;
  $("miss-page").textContent = `page ${reply.page + 1} of ${reply.pages}`;
  $("miss-prev").disabled = reply.page === 0;
  $("miss-next").disabled = reply.page + 1 >= reply.pages;
  showConfusion(reply.confusion);
  $("misses").replaceChildren(...reply.images.map((image) => {
    const tile = document.createElement("button");
    tile.className = "miss";
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = SIDE;
    paintGrey(canvas, image.pixels);
    const caption = document.createElement("span");
    caption.className = "caption";
    caption.textContent = `#${image.index}: ${image.label} → ${image.predicted}`;
    const probability = document.createElement("span");
    probability.className = "probability";
    probability.textContent = `p = ${image.probability.toFixed(2)}`;
    tile.setAttribute("aria-label", `test image ${image.index}, true ${image.label}, predicted ${image.predicted} with probability ${image.probability.toFixed(2)}`);
    tile.append(canvas, caption, probability);
    tile.addEventListener("click", () => {
      showOnPad(image.pixels, `test image #${image.index}, labelled ${image.label} (a mistake: read as ${image.predicted}, p = ${image.probability.toFixed(2)})`);
      $("test-index").value = image.index;
      openView("draw");
    });
    return tile;
  }));
}

// The 10x10 counts with headers; off-diagonal cells and headers are
// buttons that set the filters.
function showConfusion(matrix) {
  const largest = Math.max(1, ...matrix.flatMap((row, t) => row.filter((_, p) => p !== t)));
  const cells = [document.createElement("span")];
  const header = (text, next, pressed, label) => {
    const button = document.createElement("button");
    button.textContent = text;
    button.setAttribute("aria-label", label);
    button.setAttribute("aria-pressed", String(pressed));
    button.addEventListener("click", () => change({ ...next, page: 0 }, performance.now()));
    return button;
  };
  for (let p = 0; p < 10; p++) cells.push(header(`→${p}`, { true: null, predicted: p }, state.true === null && state.predicted === p, `every mistake predicted ${p}`));
  matrix.forEach((row, t) => {
    cells.push(header(`${t}`, { true: t, predicted: null }, state.true === t && state.predicted === null, `every mistake on a true ${t}`));
    row.forEach((count, p) => {
      if (p === t) {
        const cell = document.createElement("span");
        cell.className = "diagonal";
        cell.textContent = count;
        cell.title = `${count} of the ${t}s read right`;
        cells.push(cell);
        return;
      }
      const cell = header(String(count), { true: t, predicted: p }, state.true === t && state.predicted === p, `${count} true ${t} predicted ${p}`);
      const level = count / largest;
      cell.style.background = count ? `rgb(255, ${Math.round(245 - 150 * level)}, ${Math.round(235 - 200 * level)})` : "#fff";
      cell.dataset.cell = `${t}-${p}`;
      cells.push(cell);
    });
  });
  $("confusion").replaceChildren(...cells);
}

export function init() {
  for (const id of ["miss-true", "miss-predicted"]) {
    for (let d = 0; d < 10; d++) $(id).append(new Option(String(d), String(d)));
  }
  Object.assign(state, {
    true: digit(urlParam("mistakes.true")),
    predicted: digit(urlParam("mistakes.predicted")),
    page: Math.max(0, Number(urlParam("mistakes.page")) || 0),
  });
  $("miss-true").addEventListener("change", () => change({ true: digit($("miss-true").value), page: 0 }, performance.now()));
  $("miss-predicted").addEventListener("change", () => change({ predicted: digit($("miss-predicted").value), page: 0 }, performance.now()));
  $("miss-clear").addEventListener("click", () => change({ true: null, predicted: null, page: 0 }, performance.now()));
  $("miss-prev").addEventListener("click", () => change({ page: Math.max(0, state.page - 1) }, performance.now()));
  $("miss-next").addEventListener("click", () => change({ page: state.page + 1 }, performance.now()));
  document.addEventListener("model-changed", () => { loaded = null; });
}

export function show() {
  if (!model.loaded) { $("miss-info").textContent = "No model is loaded."; return; }
  if (loaded !== query()) load();
}
