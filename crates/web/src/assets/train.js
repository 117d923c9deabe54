// The Train view: the book's knobs (checked by the server as the CLI
// checks its flags, each error beside its field; the numerical gradient's
// cost shown before it starts), one run at a time streamed from the
// server (server-sent events) into the chart, and the controls every open
// tab shares: pause, step, pace, learning rate, stop. A reload reopens on
// the server's run: its settings, its total and its history so far. The
// knobs live in the URL (`train.*`).

import { $, api, model, refreshModel, urlParam, setUrlParams } from "./core.js";
import { drawChart } from "./train-chart.js";

const KNOBS = ["lr", "batch_size", "hidden", "activation", "weight_init_std", "sampling", "gradient", "seed", "iters"];
const NUMBERS = new Set(["lr", "batch_size", "hidden", "weight_init_std", "seed", "iters"]);

const emptySeries = (iters = 1) => ({ iters, losses: [], epochs: [], lrs: [] });
let series = emptySeries();
let previous = null;
let events = null;
let going = false;
let paused = false;
let rate = []; // recent [elapsed, iteration] samples, for the ETA

// ---- the knobs --------------------------------------------------------------

function body() {
  const fields = {};
  for (const knob of KNOBS) {
    const value = $(`knob-${knob}`).value.trim();
    fields[knob] = NUMBERS.has(knob) && value !== "" && Number.isFinite(Number(value)) ? Number(value) : value;
  }
  return fields;
}

function showErrors(reply) {
  for (const knob of KNOBS) {
    const wrong = reply && reply.field === knob;
    $(`error-${knob}`).textContent = wrong ? reply.error : "";
    $(`knob-${knob}`).setAttribute("aria-invalid", String(wrong));
  }
  $("form-error").textContent = reply && reply.error && !KNOBS.includes(reply.field) ? reply.error : "";
}

function fillKnobs(config) {
  for (const knob of KNOBS) if (config[knob] !== undefined) $(`knob-${knob}`).value = String(config[knob]);
}

function knobsToUrl() {
  setUrlParams(Object.fromEntries(KNOBS.map((knob) => [`train.${knob}`, $(`knob-${knob}`).value])));
}

const seconds = (s) => {
  if (!Number.isFinite(s)) return "–";
  if (s >= 3600) return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
  return `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, "0")}`;
};

let checking = 0;
async function checkKnobs() {
  const asked = ++checking;
  const { status, reply } = await api("/api/train/check", body());
  if (asked !== checking) return;
  showErrors(status === 400 ? reply : null);
  const cost = status === 200 && reply.numerical;
  $("numerical-cost").textContent = cost
    ? `The numerical gradient: one step took ${(cost.step_seconds * 1000).toFixed(1)} ms here, so ${reply.config.iters.toLocaleString("en")} iterations take about ${seconds(cost.run_seconds)}, plus the accuracy checks.`
    : "";
}

let pending = null;
function knobsChanged() {
  knobsToUrl();
  clearTimeout(pending);
  pending = setTimeout(checkKnobs, 250);
}

// ---- starting, stopping and steering ---------------------------------------

async function startTraining(event) {
  event.preventDefault();
  const { status, reply } = await api("/api/train", body());
  if (status === 400) { showErrors(reply); return; }
  showErrors(null);
  if (status !== 202) { $("train-status").textContent = reply.error; return; }
  if (series.losses.length) previous = series;
  series = emptySeries(reply.config.iters);
  // A pace chosen before the start applies from the first steps on.
  if ($("pace").value !== "") steer({ pace: Number($("pace").value) });
  watchTraining();
}

async function steer(request) {
  const { status, reply } = await api("/api/train/control", request);
  $("control-error").textContent = status === 200 ? "" : reply.error;
}

function setGoing(now) {
  going = now;
  $("start").disabled = now;
  for (const id of ["stop", "pause", "step", "live-lr", "set-lr"]) $(id).disabled = !now;
}

// ---- the run's events -------------------------------------------------------

function watchTraining() {
  if (events) events.close();
  events = new EventSource("/api/train/events");
  // Each connection replays the run's log from its start.
  events.addEventListener("open", () => { series = emptySeries(series.iters); rate = []; });
  events.addEventListener("error", () => { if (events && events.readyState === EventSource.CLOSED) events = null; });
  events.addEventListener("message", (message) => {
    for (const event of JSON.parse(message.data)) receive(event);
    drawChart($("chart"), series, $("overlay").checked ? previous : null, { zoom: $("zoom").checked });
  });
}

function receive(event) {
  switch (event.type) {
    case "start": {
      series.iters = event.config.iters;
      series.config = event.config;
      $("train-status").textContent = "";
      $("train-status").dataset.state = "";
      $("findings").replaceChildren();
      break;
    }
    case "loss": series.losses.push([event.iteration, event.loss]); break;
    case "epoch": {
      series.epochs.push(event);
      $("train-acc").textContent = `train accuracy ${event.train_acc.toFixed(4)}, test accuracy ${event.test_acc.toFixed(4)}, measured at iteration ${event.iteration.toLocaleString("en")} (epoch ${event.epoch})`;
      break;
    }
    case "lr": series.lrs.push(event); break;
    case "finding": showFinding(event); break;
    case "progress": progress(event); break;
    case "done": case "stopped": case "failed": finishTraining(event); break;
    default: break; // an event this view does not show
  }
}

// What the run's doctor found (the same findings `train` prints and writes
// to findings.json), with the command line it suggests.
function showFinding(event) {
  const item = document.createElement("li");
  item.textContent = event.message;
  if (event.suggestion && event.suggestion.command) {
    const command = document.createElement("code");
    command.textContent = event.suggestion.command;
    item.append(document.createElement("br"), command);
  }
  $("findings").append(item);
}

function progress(event) {
  // The form shows the run's real settings: a going run's always, a
  // finished one's when the URL names no settings of its own.
  if (series.config && !series.filled) {
    series.filled = true;
    const urlNamesKnobs = KNOBS.some((knob) => urlParam(`train.${knob}`) !== null);
    if (!event.finished || !urlNamesKnobs) { fillKnobs(series.config); knobsToUrl(); }
  }
  if (!event.finished) {
    setGoing(true);
    paused = event.paused;
    $("pause").textContent = paused ? "Resume" : "Pause";
    $("pace").value = event.pace === null ? "" : String(event.pace);
    if (document.activeElement !== $("live-lr")) $("live-lr").value = String(event.lr);
  }
  rate.push([event.elapsed, event.iteration]);
  while (rate.length > 2 && rate[rate.length - 1][0] - rate[0][0] > 5) rate.shift();
  const [[t0, i0], [t1, i1]] = [rate[0], rate[rate.length - 1]];
  const perSecond = event.pace || (t1 > t0 ? (i1 - i0) / (t1 - t0) : NaN);
  const left = (event.iters - event.iteration) / perSecond;
  const percent = (100 * event.iteration / event.iters).toFixed(1);
  const eta = event.finished ? "" : event.paused ? " · paused" : ` · ETA ${seconds(left)}`;
  $("train-progress").dataset.iteration = String(event.iteration);
  $("train-progress").dataset.paused = String(event.paused && !event.finished);
  $("train-progress").textContent = `iteration ${event.iteration.toLocaleString("en")} of ${event.iters.toLocaleString("en")} (${percent}%) · elapsed ${seconds(event.elapsed)}${eta}`;
}

async function finishTraining(event) {
  if (events) events.close();
  events = null;
  setGoing(false);
  $("pause").textContent = "Pause";
  const status = $("train-status");
  status.textContent = event.type === "failed" ? event.message : `${event.message}; now served`;
  status.dataset.state = event.type;
  await refreshModel();
}

function redraw() {
  setUrlParams({ "train.zoom": $("zoom").checked ? 1 : null, "train.overlay": $("overlay").checked ? null : 0 });
  drawChart($("chart"), series, $("overlay").checked ? previous : null, { zoom: $("zoom").checked });
}

export function init() {
  for (const knob of KNOBS) {
    const value = urlParam(`train.${knob}`);
    if (value !== null) $(`knob-${knob}`).value = value;
    $(`knob-${knob}`).addEventListener("input", knobsChanged);
    $(`knob-${knob}`).addEventListener("change", knobsChanged);
  }
  $("zoom").checked = urlParam("train.zoom") === "1";
  $("overlay").checked = urlParam("train.overlay") !== "0";
  $("knobs").addEventListener("submit", startTraining);
  $("stop").addEventListener("click", () => api("/api/train/stop", {}));
  $("pause").addEventListener("click", () => steer({ paused: !paused }));
  $("step").addEventListener("click", () => steer({ step: 1 }));
  $("pace").addEventListener("change", () => {
    if (going) steer({ pace: $("pace").value === "" ? null : Number($("pace").value) });
  });
  $("set-lr").addEventListener("click", () => steer({ lr: Number($("live-lr").value) }));
  $("zoom").addEventListener("change", redraw);
  $("overlay").addEventListener("change", redraw);
  window.addEventListener("resize", () => drawChart($("chart"), series, $("overlay").checked ? previous : null, { zoom: $("zoom").checked }));
  // The server's run, going or last finished, if any: its log from the start.
  watchTraining();
  // A run started in another tab is followed here too.
  document.addEventListener("model-changed", () => { if (model.training && !events) watchTraining(); });
}

export function show() {
  redraw();
  checkKnobs();
}
