// Small SVG charts for the backtest view, written by hand: four simple charts do not justify a chart
// library (the smallest well-kept ones add 40-200 KB to a page whose engine is already 250 KB), and
// SVG built from data stays sharp, accessible (titles on every mark) and testable.
// Every chart has both axis titles, ticks on both axes at round values, and a legend for every kind
// of mark (the dashed reference lines included): a chart must read without the page's prose.
const NS = 'http://www.w3.org/2000/svg';
const W = 320;
const H = 230;
const PAD = { l: 50, r: 12, t: 30, b: 44 };

function el(name, attrs = {}, text) {
  const node = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

const x = (f) => PAD.l + f * (W - PAD.l - PAD.r);
const y = (f) => H - PAD.b - f * (H - PAD.t - PAD.b);
/** A percentage with as few decimals as the tick step needs (20%, 2.5%). */
const pct = (v) => `${Number((100 * v).toFixed(1))}%`;
const pct1 = (v) => `${(100 * v).toFixed(1)}%`;

/**
 * Round tick values from 0 to at least `max`: a step of 1, 2, 2.5 or 5 times a power of ten, about
 * `count` steps. `top` is the last tick, the axis's end (so no tick is an odd 19.3%).
 */
export function niceTicks(max, count = 4) {
  const rough = Math.max(max, Number.EPSILON) / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough);
  const n = Math.max(1, Math.ceil(max / step - 1e-9));
  const ticks = Array.from({ length: n + 1 }, (_, i) => Number((i * step).toPrecision(12)));
  return { ticks, top: ticks.at(-1) };
}

/** The frame: both axes, their titles (y rotated), the chart's accessible name. */
function frame(title, xTitle, yTitle) {
  const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', class: 'chart', 'aria-label': title });
  svg.append(el('title', {}, title));
  svg.append(el('line', { x1: PAD.l, y1: H - PAD.b, x2: W - PAD.r, y2: H - PAD.b, class: 'axis' }));
  svg.append(el('line', { x1: PAD.l, y1: PAD.t, x2: PAD.l, y2: H - PAD.b, class: 'axis' }));
  svg.append(el('text', { x: x(0.5), y: H - 6, class: 'axis-title', 'text-anchor': 'middle' }, xTitle));
  const mid = y(0.5);
  svg.append(el('text', { x: 12, y: mid, class: 'axis-title', 'text-anchor': 'middle', transform: `rotate(-90 12 ${mid})` }, yTitle));
  return svg;
}

/** Y ticks with light grid lines; values are fractions of `top` placed at `ticks`. */
function yAxis(svg, { ticks, top }, format) {
  for (const t of ticks) {
    const f = t / top;
    if (t > 0) svg.append(el('line', { x1: PAD.l, y1: y(f), x2: W - PAD.r, y2: y(f), class: 'grid' }));
    svg.append(el('text', { x: PAD.l - 5, y: y(f) + 3.5, class: 'tick', 'text-anchor': 'end' }, format(t)));
  }
}

/** X ticks at `ticks` (values on an axis from 0 to `top`). */
function xAxis(svg, { ticks, top }, format) {
  for (const t of ticks) {
    const f = t / top;
    svg.append(el('line', { x1: x(f), y1: H - PAD.b, x2: x(f), y2: H - PAD.b + 4, class: 'axis' }));
    svg.append(el('text', { x: x(f), y: H - PAD.b + 15, class: 'tick', 'text-anchor': f === 0 ? 'start' : f === 1 ? 'end' : 'middle' }, format(t)));
  }
}

/**
 * A one-row legend above the plot: `items` are `{ mark: 'line' | 'dash' | 'dot' | 'box', cls, text }`,
 * drawn with the same classes as the chart's marks.
 */
function legend(svg, items) {
  let at = PAD.l;
  const g = el('g', { class: 'legend' });
  for (const { mark, cls, text } of items) {
    const cy = 12;
    if (mark === 'line' || mark === 'dash') g.append(el('line', { x1: at, y1: cy, x2: at + 18, y2: cy, class: mark === 'dash' ? 'reference' : cls }));
    if (mark === 'dot') g.append(el('circle', { cx: at + 9, cy, r: 3.5, class: cls }));
    if (mark === 'box') g.append(el('rect', { x: at + 3, y: cy - 5, width: 12, height: 10, class: cls }));
    const label = el('text', { x: at + 23, y: cy + 3.5, class: 'tick' }, text);
    g.append(label);
    at += 30 + text.length * 5.2;
  }
  svg.append(g);
}

/** Conversion rate by tier, as bars (hottest first). */
export function tierBars(tiers) {
  const svg = frame('Conversion rate by tier', 'tier (leads in it)', 'converted');
  const scale = niceTicks(Math.max(0.01, ...tiers.map((t) => t.rate)));
  yAxis(svg, scale, pct);
  const band = (W - PAD.l - PAD.r) / Math.max(1, tiers.length);
  tiers.forEach((t, i) => {
    const h = (t.rate / scale.top) * (H - PAD.t - PAD.b);
    const bar = el('rect', { x: PAD.l + i * band + band * 0.2, y: H - PAD.b - h, width: band * 0.6, height: h, class: `bar tier-${t.name}` });
    bar.append(el('title', {}, `${t.name}: ${t.conversions} of ${t.rows} converted (${pct1(t.rate)})`));
    svg.append(bar, el('text', { x: PAD.l + i * band + band / 2, y: H - PAD.b + 15, class: 'tick', 'text-anchor': 'middle' }, `${t.name} (${t.rows.toLocaleString()})`));
    if (t.rows) svg.append(el('text', { x: PAD.l + i * band + band / 2, y: H - PAD.b - h - 4, class: 'tick value', 'text-anchor': 'middle' }, pct1(t.rate)));
  });
  return svg;
}

/** Cumulative gain by decile against random targeting. */
export function gainCurve(deciles) {
  const svg = frame('Cumulative gain: share of conversions in the best-scored leads', 'leads contacted, best scores first', 'conversions caught');
  const axis = { ticks: [0, 0.25, 0.5, 0.75, 1], top: 1 };
  yAxis(svg, axis, pct);
  xAxis(svg, { ticks: [0, 0.2, 0.4, 0.6, 0.8, 1], top: 1 }, pct);
  legend(svg, [{ mark: 'line', cls: 'line', text: 'this model' }, { mark: 'dash', text: 'random order' }]);
  svg.append(el('line', { x1: x(0), y1: y(0), x2: x(1), y2: y(1), class: 'reference' }));
  const points = [[0, 0], ...deciles.map((d, i) => [(i + 1) / deciles.length, d.cumulativeGain])];
  svg.append(el('polyline', { points: points.map(([a, b]) => `${x(a)},${y(b)}`).join(' '), class: 'line' }));
  deciles.forEach((d, i) => {
    const dot = el('circle', { cx: x((i + 1) / deciles.length), cy: y(d.cumulativeGain), r: 3, class: 'dot' });
    dot.append(el('title', {}, `top ${(i + 1) * 10}%: ${pct1(d.cumulativeGain)} of conversions, lift ${d.lift.toFixed(2)}x`));
    svg.append(dot);
  });
  return svg;
}

/** Predicted probability against observed conversion, on the same round scale on both axes. */
export function calibrationPlot(bins) {
  const svg = frame('Calibration: predicted probability against observed conversion', 'predicted probability', 'observed conversion');
  const scale = niceTicks(Math.max(0.05, ...bins.map((b) => Math.max(b.predicted, b.observed))));
  yAxis(svg, scale, pct);
  xAxis(svg, scale, pct);
  legend(svg, [{ mark: 'dot', cls: 'dot', text: 'a group of leads' }, { mark: 'dash', text: 'perfect calibration' }]);
  svg.append(el('line', { x1: x(0), y1: y(0), x2: x(1), y2: y(1), class: 'reference' }));
  for (const b of bins) {
    const dot = el('circle', { cx: x(b.predicted / scale.top), cy: y(b.observed / scale.top), r: 4, class: 'dot' });
    dot.append(el('title', {}, `${b.rows} leads: predicted ${pct1(b.predicted)}, observed ${pct1(b.observed)}`));
    svg.append(dot);
  }
  return svg;
}

/** Score histogram by outcome (stacked: converted on top). */
export function scoreHistogram(bands) {
  const svg = frame('Scores by outcome', 'score', 'leads');
  const scale = niceTicks(Math.max(1, ...bands.map((b) => b.converted + b.notConverted)));
  yAxis(svg, scale, (v) => v.toLocaleString());
  legend(svg, [{ mark: 'box', cls: 'bar converted', text: 'converted' }, { mark: 'box', cls: 'bar not-converted', text: 'not converted' }]);
  const band = (W - PAD.l - PAD.r) / Math.max(1, bands.length);
  const plot = H - PAD.t - PAD.b;
  bands.forEach((b, i) => {
    const hN = (b.notConverted / scale.top) * plot;
    const hC = (b.converted / scale.top) * plot;
    const title = `${b.from}-${b.to}: ${b.converted} converted, ${b.notConverted} not`;
    const lost = el('rect', { x: PAD.l + i * band + 1, y: H - PAD.b - hN, width: band - 2, height: hN, class: 'bar not-converted' });
    const won = el('rect', { x: PAD.l + i * band + 1, y: H - PAD.b - hN - hC, width: band - 2, height: hC, class: 'bar converted' });
    lost.append(el('title', {}, title));
    won.append(el('title', {}, title));
    svg.append(lost, won);
  });
  // Score ticks at the band edges, every other edge when there are many bands.
  const from = bands[0]?.from ?? 0;
  const to = bands.at(-1)?.to ?? 100;
  const every = bands.length > 5 ? 2 : 1;
  const edges = [...bands.map((b) => b.from), to].filter((_, i, all) => i % every === 0 || i === all.length - 1);
  xAxis(svg, { ticks: edges.map((e) => e - from), top: to - from || 1 }, (v) => String(v + from));
  return svg;
}
