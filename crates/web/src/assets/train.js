// The Train view: starts a run on the server, streams its losses and
// accuracies (server-sent events) into the chart, and stops it.

import { $, api, model, refreshModel } from "./core.js";

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

export function init() {
  $("start").addEventListener("click", startTraining);
  $("stop").addEventListener("click", () => api("/api/train/stop", {}));
  drawChart();
  // A page opened while a run goes watches it.
  document.addEventListener("model-changed", () => { if (model.training && !events) watchTraining(); });
}

export function show() {}
