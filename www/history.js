// The playground's history panel: load a CSV of past leads with outcomes (a file, or the bundled
// sample), then backtest the model in the editor on it or train a new model from it. The work runs
// in a module worker (history-worker.js) so the page never freezes; results are drawn as SVG charts.
import { tierBars, gainCurve, calibrationPlot, scoreHistogram } from './charts.js';
import { segmentPicker, renderAudit } from './audit.js';
import { coverageWarnings, coverageTable } from './coverage.js';

const MAX_BYTES = 100 * 1024 * 1024;
const OUTCOME_NAMES = /^(converted|conversion|outcome|won|is_won|y|target|label|closed_won)$/i;
/**
 * Columns named for a protected attribute: ticked as fairness segments when a CSV loads, and so left
 * out of training (a scorecard must not learn points for an age band; the sample history has one).
 */
const SENSITIVE_NAMES = /^(age|age[_ ]?(band|group|range)|gender|sex|race|ethnicity|religion|marital[_ ]?status|disability|nationality)$/i;

/** The CSV's separator, guessed from its header line. */
function separatorOf(header) {
  const count = (c) => header.split(c).length - 1;
  return [';', '\t', '|', ','].reduce((best, c) => (count(c) > count(best) ? c : best), ',');
}

function columnsOf(header, sep) {
  return header.split(sep).map((h) => h.trim().replace(/^"(.*)"$/, '$1'));
}

/**
 * One sentence per quality measure, in plain words, with the report's own numbers; for a value the
 * report leaves out (null), why it is n/a. A marketer reading "AUC 0.743" needs to know what good is.
 */
export function metricNotes(report) {
  const bothOutcomes = report.conversions > 0 && report.conversions < report.rows;
  const noProbability = 'n/a: it needs a probability per lead, and this model has no calibration (train a model here, or add a calibration section to it).';
  const auc = report.auc === null || report.auc === undefined
    ? `n/a: it compares converted with not-converted leads, and ${bothOutcomes ? 'too few rows were scored' : `this history has ${report.conversions ? 'no lead that did not convert' : 'no conversion'}`}.`
    : `${report.auc.toFixed(3)}: the chance that a lead who converted scored higher than one who did not (0.5 is a coin toss, 1 is perfect ranking).`;
  const lift = report.deciles[0]?.lift;
  const liftText = lift === null || lift === undefined
    ? 'n/a: there are no conversions to compare against.'
    : `${lift.toFixed(2)}x: the best-scored 10% of leads converted ${lift.toFixed(2)} times as often as all leads did (1x is no better than random).`;
  const logLoss = report.logLoss === null || report.logLoss === undefined
    ? noProbability
    : `${report.logLoss.toFixed(3)}: how surprised the predicted probabilities were by what happened, confident misses costing most (lower is better).`;
  const brier = report.brier === null || report.brier === undefined
    ? noProbability
    : `${report.brier.toFixed(3)}: the mean squared gap between each predicted probability and the outcome, 0 or 1 (0 is perfect; lower is better).`;
  return [['AUC', auc], ['Top decile lift', liftText], ['Log loss', logLoss], ['Brier', brier]];
}

export function setupHistory({ getModelText, setModelText, asOf }) {
  const $ = (id) => document.getElementById(id);
  const worker = new Worker(new URL('./history-worker.js', import.meta.url), { type: 'module' });
  let csv = '';
  let sep = ',';
  let job = 0;
  let timer = 0;
  let segments = []; // the fairness audit's segment columns, checked in #audit-segments

  const status = (text, isError = false) => {
    $('history-status').textContent = text;
    $('history-status').className = isError ? 'error' : 'muted';
  };
  const busy = (on) => {
    $('run-backtest').disabled = on || !csv;
    $('run-train').disabled = on || !csv;
    $('run-audit').disabled = on || !csv || !segments.length;
  };

  function load(text, name) {
    if (!text.trim()) {
      status(`${name} is empty.`, true);
      return;
    }
    csv = text;
    const header = text.slice(0, text.indexOf('\n') >>> 0 || text.length).replace(/\r$/, '');
    sep = separatorOf(header);
    const columns = columnsOf(header, sep);
    const select = $('csv-target');
    select.replaceChildren(...columns.map((c) => Object.assign(document.createElement('option'), { value: c, textContent: c })));
    select.value = columns.find((c) => OUTCOME_NAMES.test(c)) ?? columns.at(-1);
    const sensitive = columns.filter((c) => SENSITIVE_NAMES.test(c));
    segments = [...new Set([...segments.filter((c) => columns.includes(c)), ...sensitive])];
    const pick = () => segmentPicker($('audit-segments'), columns, select.value, segments, (chosen) => {
      segments = chosen;
      $('run-audit').disabled = !csv || !chosen.length;
    });
    select.onchange = pick;
    pick();
    $('audit-out').replaceChildren();
    const rows = Math.max(0, text.trim().split('\n').length - 1);
    status(`${name}: ${rows.toLocaleString()} rows, ${columns.length} columns, separator "${sep === '\t' ? 'tab' : sep}". Pick the outcome column, then backtest or train.`);
    $('charts').replaceChildren();
    $('history-summary').replaceChildren();
    renderCoverage(undefined);
    busy(false);
  }

  $('csv-file').addEventListener('change', async (e) => {
    const file = e.target.files?.[0];
    if (!file) return;
    if (file.size > MAX_BYTES) {
      status(`${file.name} is ${(file.size / 1e6).toFixed(0)} MB: more than this page handles (100 MB). Use the CLI: leadscore backtest --data ${file.name} ...`, true);
      return;
    }
    status(`Reading ${file.name} (${(file.size / 1e6).toFixed(1)} MB)…`);
    load(await file.text(), file.name);
  });
  $('csv-sample').addEventListener('click', async () => {
    const res = await fetch('../examples/history/funnel.csv');
    if (!res.ok) {
      status(`Could not load the sample: HTTP ${res.status}`, true);
      return;
    }
    load(await res.text(), 'Sample history (examples/history/funnel.csv)');
  });

  function run(kind) {
    const id = ++job;
    const started = performance.now();
    busy(true);
    clearInterval(timer);
    timer = setInterval(() => status(`${$('history-status').dataset.step ?? 'Working'}… ${((performance.now() - started) / 1000).toFixed(1)} s`), 200);
    const options = { target: $('csv-target').value, separator: sep, asOf: asOf() };
    if (kind === 'audit') options.segment = segments;
    // The fairness segments are what the model is audited against, never what it learns from.
    if (kind === 'train') {
      options.ignore = segments.filter((c) => c !== options.target);
      options.trainer = $('csv-trainer').value;
    }
    worker.postMessage({ id, kind, csv, model: getModelText(), options });
  }

  worker.onmessage = ({ data }) => {
    if (data.id !== job) return;
    if (data.progress) {
      $('history-status').dataset.step = data.progress.replace(/…$/, '');
      return;
    }
    clearInterval(timer);
    delete $('history-status').dataset.step;
    busy(false);
    if (data.error) {
      const where = [data.error.line && `line ${data.error.line}`, data.error.field && `column "${data.error.field}"`].filter(Boolean).join(', ');
      status(`${where ? `${where}: ` : ''}${data.error.reason}`, true);
      return;
    }
    if (data.result.audit) {
      const a = data.result.audit;
      const flagged = a.segments.reduce((n, s) => n + s.flagged.length, 0);
      status(`Fairness audit of ${a.modelId} v${a.modelVersion} on ${a.rows.toLocaleString()} leads: ${flagged} group${flagged === 1 ? '' : 's'} below four fifths.`);
      $('audit-out').replaceChildren(...renderAudit(a));
      return;
    }
    const { report, trained } = data.result;
    if (trained) {
      setModelText(JSON.stringify(trained.model, null, 2));
      const h = trained.report.holdout;
      const left = data.ignored?.length ? ` Left out of training (fairness segments): ${data.ignored.join(', ')}.` : '';
      const r = trained.report;
      const why = r.selection?.rows ? ` (validation AUC logistic ${r.selection.logisticAuc?.toFixed(3)}, boosted ${r.selection.boostedAuc?.toFixed(3)})` : '';
      const unreliable = h && !h.reliable ? ' (unreliable: too few rows or conversions)' : '';
      const warned = r.warnings?.length ? ` ${r.warnings.join('; ')}.` : '';
      status(`Trained (${r.trainer}${why}): ${trained.model.rules.length} rules; holdout AUC ${h?.auc?.toFixed(3) ?? 'n/a'} on ${h?.rows ?? 0} rows${unreliable}.${warned}${left} The model is in the editor: edit it, then download it. Charts: the held-out fifth.`);
    } else {
      status(`Backtest of ${report.modelId} v${report.modelVersion} on ${report.rows.toLocaleString()} leads.`);
    }
    render(report);
  };
  worker.onerror = (e) => {
    clearInterval(timer);
    busy(false);
    status(`The background worker failed: ${e.message}`, true);
  };

  function render(report) {
    const f = (v, d = 3) => (v === null || v === undefined ? 'n/a' : v.toFixed(d));
    const facts = [
      ['Leads', report.rows.toLocaleString()],
      ['Converted', `${report.conversions.toLocaleString()} (${(100 * report.baseRate).toFixed(1)}%)`],
      ['AUC', f(report.auc)],
      ['Log loss', f(report.logLoss)],
      ['Brier', f(report.brier)],
      ['Top decile lift', `${f(report.deciles[0]?.lift, 2)}x`],
    ];
    const dl = document.createElement('dl');
    dl.className = 'facts';
    for (const [k, v] of facts) {
      // Each name with its value in one box, so that a narrow screen wraps pairs, never a name from its value.
      const pair = document.createElement('div');
      pair.append(Object.assign(document.createElement('dt'), { textContent: k }), Object.assign(document.createElement('dd'), { textContent: v }));
      dl.append(pair);
    }
    const notes = document.createElement('ul');
    notes.className = 'metric-notes';
    notes.append(...metricNotes(report).map(([name, text]) => {
      const li = document.createElement('li');
      li.append(Object.assign(document.createElement('strong'), { textContent: name }), ` ${text}`);
      return li;
    }));
    $('history-summary').replaceChildren(dl, notes);
    const charts = [tierBars(report.tiers), gainCurve(report.deciles), scoreHistogram(report.histogram)];
    if (report.calibration.length) charts.push(calibrationPlot(report.calibration));
    $('charts').replaceChildren(...charts.map((svg) => {
      const fig = document.createElement('figure');
      fig.append(svg, Object.assign(document.createElement('figcaption'), { textContent: svg.getAttribute('aria-label') }));
      return fig;
    }));
    renderCoverage(report.coverage);
  }

  /** Coverage beside the charts: the warnings above them, the table as the first figure. */
  function renderCoverage(coverage) {
    $('coverage-warnings').replaceWith(coverageWarnings(coverage));
    if (coverage) $('charts').prepend(coverageTable(coverage));
  }

  $('run-backtest').addEventListener('click', () => run('backtest'));
  $('run-train').addEventListener('click', () => run('train'));
  $('run-audit').addEventListener('click', () => run('audit'));
}
