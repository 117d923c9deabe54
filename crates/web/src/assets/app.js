// The page of `cargo xtask serve`: one module per view (draw, train,
// weights, mistakes, figures) over the JSON API of the same server. No
// libraries, no build step. This module opens the view the URL names, makes
// the tabs a keyboard's (arrow keys, Home, End) and starts every view.

import { urlParam, setUrlParams, refreshModel, markPainted } from "./core.js";
import * as draw from "./draw.js";
import * as train from "./train.js";
import * as weights from "./weights.js";
import * as mistakes from "./mistakes.js";
import * as figures from "./figures.js";

const VIEWS = { draw, train, weights, misclassified: mistakes, figures };
const tabs = [...document.querySelectorAll(".tab")];

function showMode(mode) {
  if (!(mode in VIEWS)) mode = "draw";
  for (const tab of tabs) {
    const selected = tab.dataset.mode === mode;
    tab.classList.toggle("active", selected);
    tab.setAttribute("aria-selected", String(selected));
    tab.tabIndex = selected ? 0 : -1;
  }
  for (const section of document.querySelectorAll(".mode")) {
    section.classList.toggle("hidden", section.id !== `mode-${mode}`);
  }
  setUrlParams({ view: mode });
  document.dispatchEvent(new CustomEvent("view-shown", { detail: mode }));
  VIEWS[mode].show();
}

for (const section of document.querySelectorAll(".mode")) {
  section.setAttribute("role", "tabpanel");
  section.setAttribute("aria-labelledby", `tab-${section.id.replace("mode-", "")}`);
}
for (const [i, tab] of tabs.entries()) {
  tab.addEventListener("click", () => {
    const started = performance.now();
    showMode(tab.dataset.mode);
    markPainted("control", started);
  });
  tab.addEventListener("keydown", (event) => {
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const target = tabs[(next + tabs.length) % tabs.length];
    target.focus();
    target.click();
  });
}
document.addEventListener("open-view", (event) => showMode(event.detail));
for (const view of Object.values(VIEWS)) view.init();
await refreshModel();
showMode(urlParam("view") || "draw");
