// The Train view's chart: the loss (each logged point faint, smoothed on
// top) on the left axis, train (dashed) and test (solid) accuracy on the
// right one, ticks and gridlines on both, learning-rate changes marked, and
// the previous run faded behind. Sized to its CSS width and drawn at the
// device's pixel ratio, so that its text stays 12 CSS px on any screen.

const COLOURS = { loss: "#0072B2", train: "#D55E00", test: "#009E73", lr: "#CC79A7", grid: "#e3e3e3", axis: "#555", text: "#222" };
const FONT = "12px system-ui, sans-serif";

// Round tick values covering [low, high], about `count` of them.
function ticks(low, high, count) {
  const span = Math.max(high - low, 1e-12);
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) || 10 * power;
  const values = [];
  for (let v = Math.ceil(low / step - 1e-9) * step; v <= high + 1e-9 * span; v += step) values.push(Number(v.toPrecision(12)));
  return values;
}

function label(value) {
  if (value === 0) return "0";
  if (Math.abs(value) >= 1000) return `${Number((value / 1000).toPrecision(3))}k`;
  return String(Number(value.toPrecision(3)));
}

// An exponential moving average whose reach is about 2% of the points.
export function smooth(points) {
  const beta = 1 - 1 / Math.max(1, points.length / 50);
  let average = null;
  return points.map(([i, l]) => {
    average = average === null ? l : beta * average + (1 - beta) * l;
    return [i, average];
  });
}

export function drawChart(canvas, series, previous, { zoom }) {
  const ratio = window.devicePixelRatio || 1;
  const w = Math.max(280, Math.min(900, canvas.clientWidth || canvas.parentElement.clientWidth || 900));
  const h = Math.round(Math.max(240, Math.min(420, w * 0.5)));
  canvas.width = Math.round(w * ratio);
  canvas.height = Math.round(h * ratio);
  canvas.style.height = `${h}px`;
  const context = canvas.getContext("2d");
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.fillStyle = "#fff";
  context.fillRect(0, 0, w, h);
  const [left, right, top, bottom] = [46, 44, 12, 36];
  const iters = Math.max(1, series.iters, previous ? previous.iters : 1);
  const losses = [...series.losses, ...(previous ? previous.losses : [])].map(([, l]) => l).filter(Number.isFinite);
  const maxLoss = losses.length ? Math.max(...losses) * 1.05 : 2.5;
  const [accLow, accHigh] = zoom ? [0.8, 1] : [0, 1];
  const x = (i) => left + (w - left - right) * i / iters;
  const yLoss = (l) => top + (h - top - bottom) * (1 - Math.min(l, maxLoss) / maxLoss);
  const yAcc = (a) => top + (h - top - bottom) * (1 - (Math.max(accLow, Math.min(accHigh, a)) - accLow) / (accHigh - accLow));

  context.font = FONT;
  context.lineWidth = 1;
  context.strokeStyle = COLOURS.grid;
  context.fillStyle = COLOURS.text;
  context.textBaseline = "middle";
  context.textAlign = "right";
  for (const v of ticks(0, maxLoss, 5)) {
    context.beginPath(); context.moveTo(left, yLoss(v)); context.lineTo(w - right, yLoss(v)); context.stroke();
    context.fillText(label(v), left - 6, yLoss(v));
  }
  context.textAlign = "left";
  for (const v of ticks(accLow, accHigh, zoom ? 4 : 5)) context.fillText(v.toFixed(zoom ? 2 : 1), w - right + 6, yAcc(v));
  context.textAlign = "center";
  context.textBaseline = "top";
  for (const v of ticks(0, iters, Math.max(3, Math.floor((w - left - right) / 90)))) {
    context.beginPath(); context.moveTo(x(v), top); context.lineTo(x(v), h - bottom); context.stroke();
    context.fillText(label(v), x(v), h - bottom + 4);
  }
  context.fillText(`iteration (of ${series.iters.toLocaleString("en")})`, left + (w - left - right) / 2, h - 16);
  context.strokeStyle = COLOURS.axis;
  context.strokeRect(left, top, w - left - right, h - top - bottom);

  const line = (points, colour, width, dash = []) => {
    if (!points.length) return;
    context.strokeStyle = colour;
    context.lineWidth = width;
    context.setLineDash(dash);
    context.beginPath();
    points.forEach(([px, py], k) => (k ? context.lineTo(px, py) : context.moveTo(px, py)));
    context.stroke();
    context.setLineDash([]);
  };
  const curves = (run, alpha) => {
    context.globalAlpha = alpha;
    context.save();
    context.beginPath(); context.rect(left, top, w - left - right, h - top - bottom); context.clip();
    const raw = run.losses.filter(([, l]) => Number.isFinite(l));
    context.globalAlpha = alpha * 0.35;
    line(raw.map(([i, l]) => [x(i), yLoss(l)]), COLOURS.loss, 1);
    context.globalAlpha = alpha;
    line(smooth(raw).map(([i, l]) => [x(i), yLoss(l)]), COLOURS.loss, 2);
    line(run.epochs.map((e) => [x(e.iteration), yAcc(e.train_acc)]), COLOURS.train, 2, [7, 5]);
    line(run.epochs.map((e) => [x(e.iteration), yAcc(e.test_acc)]), COLOURS.test, 2);
    context.restore();
    context.globalAlpha = 1;
  };
  if (previous) curves(previous, 0.3);
  curves(series, 1);
  context.textAlign = "left";
  context.textBaseline = "top";
  for (const change of series.lrs) {
    line([[x(change.iteration), top], [x(change.iteration), h - bottom]], COLOURS.lr, 1, [2, 3]);
    context.fillStyle = COLOURS.text;
    context.fillText(`lr ${label(change.lr)}`, x(change.iteration) + 3, top + 2);
  }
  canvas.dataset.points = String(series.losses.length);
  canvas.dataset.epochs = String(series.epochs.length);
  canvas.dataset.iters = String(series.iters);
  canvas.dataset.zoom = String(Boolean(zoom));
  canvas.dataset.lrs = String(series.lrs.length);
  canvas.dataset.previous = String(previous ? previous.losses.length : 0);
  canvas.dataset.width = String(w);
}
