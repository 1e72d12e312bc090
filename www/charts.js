// Small SVG charts for the backtest view, written by hand: four simple charts do not justify a chart
// library (the smallest well-kept ones add 40-200 KB to a page whose engine is already 250 KB), and
// SVG built from data stays sharp, accessible (titles on every mark) and testable.
const NS = 'http://www.w3.org/2000/svg';
const W = 320;
const H = 200;
const PAD = { l: 40, r: 10, t: 14, b: 30 };

function el(name, attrs = {}, text) {
  const node = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

function frame(title) {
  const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', class: 'chart', 'aria-label': title });
  svg.append(el('title', {}, title));
  svg.append(el('line', { x1: PAD.l, y1: H - PAD.b, x2: W - PAD.r, y2: H - PAD.b, class: 'axis' }));
  svg.append(el('line', { x1: PAD.l, y1: PAD.t, x2: PAD.l, y2: H - PAD.b, class: 'axis' }));
  return svg;
}

const x = (f) => PAD.l + f * (W - PAD.l - PAD.r);
const y = (f) => H - PAD.b - f * (H - PAD.t - PAD.b);
const pct = (v) => `${(100 * v).toFixed(1)}%`;

function yTicks(svg, max, format) {
  for (const f of [0, 0.5, 1]) {
    svg.append(el('text', { x: PAD.l - 4, y: y(f) + 4, class: 'tick', 'text-anchor': 'end' }, format(max * f)));
  }
}

/** Conversion rate by tier, as bars (hottest first). */
export function tierBars(tiers) {
  const svg = frame('Conversion rate by tier');
  const max = Math.max(0.01, ...tiers.map((t) => t.rate));
  yTicks(svg, max, pct);
  const band = (W - PAD.l - PAD.r) / Math.max(1, tiers.length);
  tiers.forEach((t, i) => {
    const h = (t.rate / max) * (H - PAD.t - PAD.b);
    const bar = el('rect', { x: PAD.l + i * band + band * 0.2, y: H - PAD.b - h, width: band * 0.6, height: h, class: `bar tier-${t.name}` });
    bar.append(el('title', {}, `${t.name}: ${t.conversions} of ${t.rows} converted (${pct(t.rate)})`));
    svg.append(bar, el('text', { x: PAD.l + i * band + band / 2, y: H - PAD.b + 16, class: 'tick', 'text-anchor': 'middle' }, `${t.name} (${t.rows})`));
  });
  return svg;
}

/** Cumulative gain by decile against random targeting. */
export function gainCurve(deciles) {
  const svg = frame('Cumulative gain: share of conversions in the best-scored leads');
  yTicks(svg, 1, pct);
  svg.append(el('line', { x1: x(0), y1: y(0), x2: x(1), y2: y(1), class: 'reference' }));
  const points = [[0, 0], ...deciles.map((d, i) => [(i + 1) / deciles.length, d.cumulativeGain])];
  svg.append(el('polyline', { points: points.map(([a, b]) => `${x(a)},${y(b)}`).join(' '), class: 'line' }));
  deciles.forEach((d, i) => {
    const dot = el('circle', { cx: x((i + 1) / deciles.length), cy: y(d.cumulativeGain), r: 3, class: 'dot' });
    dot.append(el('title', {}, `top ${(i + 1) * 10}%: ${pct(d.cumulativeGain)} of conversions, lift ${d.lift.toFixed(2)}x`));
    svg.append(dot);
  });
  svg.append(el('text', { x: x(0.5), y: H - 6, class: 'tick', 'text-anchor': 'middle' }, 'share of leads, best scores first'));
  return svg;
}

/** Predicted probability against observed conversion. */
export function calibrationPlot(bins) {
  const svg = frame('Calibration: predicted probability against observed conversion');
  const max = Math.max(0.05, ...bins.map((b) => Math.max(b.predicted, b.observed)));
  yTicks(svg, max, pct);
  svg.append(el('line', { x1: x(0), y1: y(0), x2: x(1), y2: y(1), class: 'reference' }));
  for (const b of bins) {
    const dot = el('circle', { cx: x(b.predicted / max), cy: y(b.observed / max), r: 4, class: 'dot' });
    dot.append(el('title', {}, `${b.rows} leads: predicted ${pct(b.predicted)}, observed ${pct(b.observed)}`));
    svg.append(dot);
  }
  svg.append(el('text', { x: x(0.5), y: H - 6, class: 'tick', 'text-anchor': 'middle' }, 'predicted'));
  return svg;
}

/** Score histogram by outcome (stacked: converted on top). */
export function scoreHistogram(bands) {
  const svg = frame('Scores by outcome');
  const max = Math.max(1, ...bands.map((b) => b.converted + b.notConverted));
  yTicks(svg, max, (v) => Math.round(v).toLocaleString());
  const band = (W - PAD.l - PAD.r) / bands.length;
  bands.forEach((b, i) => {
    const hN = (b.notConverted / max) * (H - PAD.t - PAD.b);
    const hC = (b.converted / max) * (H - PAD.t - PAD.b);
    const title = `${b.from}-${b.to}: ${b.converted} converted, ${b.notConverted} not`;
    const lost = el('rect', { x: PAD.l + i * band + 1, y: H - PAD.b - hN, width: band - 2, height: hN, class: 'bar not-converted' });
    const won = el('rect', { x: PAD.l + i * band + 1, y: H - PAD.b - hN - hC, width: band - 2, height: hC, class: 'bar converted' });
    lost.append(el('title', {}, title));
    won.append(el('title', {}, title));
    svg.append(lost, won);
  });
  svg.append(el('text', { x: x(0), y: H - 12, class: 'tick' }, String(bands[0]?.from ?? 0)));
  svg.append(el('text', { x: x(1), y: H - 12, class: 'tick', 'text-anchor': 'end' }, String(bands.at(-1)?.to ?? 100)));
  svg.append(el('text', { x: x(0.5), y: H - 6, class: 'tick', 'text-anchor': 'middle' }, 'score (converted in green)'));
  return svg;
}
