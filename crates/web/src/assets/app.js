// The page of `cargo xtask serve`: one module per view (draw, train,
// mistakes, figures) over the JSON API of the same server. No libraries, no
// build step. This module opens the view the URL names and starts them all.

import { urlParam, setUrlParams, refreshModel } from "./core.js";
import * as draw from "./draw.js";
import * as train from "./train.js";
import * as mistakes from "./mistakes.js";
import * as figures from "./figures.js";

const VIEWS = { draw, train, misclassified: mistakes, figures };

function showMode(mode) {
  if (!(mode in VIEWS)) mode = "draw";
  for (const tab of document.querySelectorAll(".tab")) {
    tab.classList.toggle("active", tab.dataset.mode === mode);
  }
  for (const section of document.querySelectorAll(".mode")) {
    section.classList.toggle("hidden", section.id !== `mode-${mode}`);
  }
  setUrlParams({ view: mode });
  VIEWS[mode].show();
}

for (const tab of document.querySelectorAll(".tab")) tab.addEventListener("click", () => showMode(tab.dataset.mode));
for (const view of Object.values(VIEWS)) view.init();
await refreshModel();
showMode(urlParam("view") || "draw");
