// The model playground: a JSON editor for a scoring model with problems listed by path and line, and
// the sample leads rescored live with their explanations; presets and a download of the canonical
// model. Everything runs in the page (the same wasm package as the form).
import init, { Scorer, validateModel, defaultModel } from '../pkg/leadscore.js';
import { lineOf, pathOffsets } from './json-locate.js';
import { setupHistory } from './history.js';
import { scaleRow, signed } from './form-reasons.js';
import { setupAccounts } from './accounts.js';

const $ = (id) => document.getElementById(id);
const editor = $('model');
const leadsBox = $('leads');
let scorer = null;
let timer = 0;
let accounts = null;

const pretty = (value) => JSON.stringify(value, null, 2);
const asOf = () => new Date(`${$('asof').value || '2026-11-23T00:00'}:00Z`);

/** Selects line `n` (1-based) of the editor and scrolls it into view. */
function jumpTo(n) {
  const lines = editor.value.split('\n');
  const start = lines.slice(0, n - 1).reduce((a, l) => a + l.length + 1, 0);
  editor.focus();
  editor.setSelectionRange(start, start + (lines[n - 1]?.length ?? 0));
  const lineHeight = parseFloat(getComputedStyle(editor).lineHeight) || 18;
  editor.scrollTop = Math.max(0, (n - 4) * lineHeight);
}

/** Validates the editor's text; on success swaps in a new scorer. Lists every problem with its line. */
function check() {
  const text = editor.value;
  const report = validateModel(text);
  const list = $('issues');
  if (!report.valid) {
    const offsets = pathOffsets(text);
    list.replaceChildren(...report.issues.map((issue) => {
      // The engine gives the location as data: the line and column of a syntax error (the text has no
      // locations to look up then), else the path as segments to find in the text.
      const line = issue.line ?? lineOf(text, issue.segments, offsets);
      // A button, so that the list can be reached with Tab and used with Enter or Space.
      const button = document.createElement('button');
      button.type = 'button';
      button.title = 'Jump to the line';
      const where = document.createElement('code');
      where.textContent = `line ${line}${issue.path ? ` · ${issue.path}` : ''}`;
      button.append(where, document.createTextNode(`: ${issue.message}`));
      button.addEventListener('click', () => jumpTo(line));
      const li = document.createElement('li');
      li.dataset.line = String(line);
      li.append(button);
      return li;
    }));
    const n = report.issues.length;
    $('status').innerHTML = '';
    $('status').textContent = `${n} problem${n === 1 ? '' : 's'}; the leads show the last valid model.`;
    $('status').className = 'error';
    return;
  }
  list.replaceChildren();
  const next = new Scorer(text);
  scorer?.free();
  scorer = next;
  $('status').className = 'status-ok';
  $('status').textContent = `Valid · ${scorer.model.id} v${scorer.model.version} · ${scorer.fingerprint.slice(0, 19)}…`;
  rescore();
  accounts?.rescore(); // the account example, once shown, follows the model
}

/** A table row of one cell across the three columns (a note, a warning). */
function wideRow(text, className) {
  const tr = document.createElement('tr');
  const td = cell(text, className);
  td.colSpan = 3;
  tr.append(td);
  return tr;
}

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

/** Scores each line of the leads box with the current scorer; a bad line shows its error. */
function rescore() {
  if (!scorer) return;
  const when = asOf();
  const scale = scorer.model.scale;
  const out = [];
  leadsBox.value.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const box = document.createElement('details');
    box.className = 'lead';
    const summary = document.createElement('summary');
    box.append(summary);
    try {
      const card = scorer.score(line, { asOf: when });
      const who = document.createElement('span');
      who.className = 'who';
      let email = '';
      try { email = JSON.parse(line).email ?? ''; } catch { /* scored, so it parses */ }
      who.textContent = `${card.leadId ?? `line ${i + 1}`} ${email ? `· ${email}` : ''}`;
      const right = document.createElement('span');
      right.className = 'right';
      const tier = document.createElement('span');
      tier.className = 'tier';
      tier.dataset.tier = card.tier?.name ?? '';
      tier.textContent = card.tier?.name ?? 'no tier';
      if (card.tier?.label) tier.title = card.tier.label;
      const score = document.createElement('span');
      score.className = 'bigscore';
      score.textContent = card.score;
      right.append(card.label ? Object.assign(document.createElement('span'), { className: 'muted', textContent: card.label }) : '', tier, score);
      summary.append(who, right);
      const table = document.createElement('table');
      if (card.quality) {
        // Data quality first: it says how far the fit judgement below can be trusted.
        const q = card.quality;
        const gaps = [['missing', q.missing], ['stale', q.stale], ['conflicting', q.conflicting]]
          .filter(([, list]) => list.length).map(([what, list]) => `${what}: ${list.join(', ')}`).join('; ');
        const text = `Data: ${Math.round(q.completeness * 100)}% of what fit needs is known${gaps ? ` (${gaps})` : ''}${q.gated ? ' — too little to judge fit: grade unknown' : ''}`;
        table.append(wideRow(text, q.gated ? 'error' : 'muted'));
      }
      for (const c of card.contributions) {
        const tr = document.createElement('tr');
        const detail = [c.events ? `${c.events} event${c.events === 1 ? '' : 's'}` : '', c.decayed ? `${c.decayed} lost to decay` : '', c.capped ? `${c.capped} over the cap` : ''].filter(Boolean).join(', ');
        const reason = cell(`${c.reason}${detail ? ` (${detail})` : ''}`);
        // Where an enriched value came from: its source and age, and what the other sources said.
        for (const p of c.provenance ?? []) reason.append(Object.assign(document.createElement('div'), { className: 'muted provenance', textContent: p }));
        tr.append(cell(c.group), reason, cell(`${c.points > 0 ? '+' : ''}${c.points}`, 'pts'));
        table.append(tr);
      }
      if (!card.contributions.length) table.append(wideRow('No rule fired.'));
      // What the scale did to the raw points (capped at 100, floored at 0, rounded): the rows add up to the score.
      const adjust = scaleRow(card, scale);
      if (adjust) {
        const tr = document.createElement('tr');
        tr.className = 'scale-row';
        tr.append(cell('scale'), cell(adjust.text), cell(signed(adjust.points), 'pts'));
        table.append(tr);
      }
      for (const w of card.warnings) table.append(wideRow(`warning: ${w.path ? `${w.path}: ` : ''}${w.message}`, 'error'));
      box.append(table);
    } catch (e) {
      summary.append(Object.assign(document.createElement('span'), { className: 'error', textContent: `line ${i + 1}: ${e.message}` }));
    }
    out.push(box);
  });
  $('leads-out').replaceChildren(...out);
}

/** Sample leads that show off a preset, when it has its own (vendor payloads for `enriched`). */
const PRESET_LEADS = { enriched: 'enriched-leads.jsonl' };

async function loadPreset(name) {
  if (name === 'default') {
    editor.value = pretty(defaultModel());
  } else {
    const res = await fetch(`../examples/models/${name}.json`);
    editor.value = res.ok ? await res.text() : `// could not load ${name}: HTTP ${res.status}`;
  }
  const leads = await fetch(`../examples/leads/${PRESET_LEADS[name] ?? 'sample-leads.jsonl'}`);
  if (leads.ok) leadsBox.value = await leads.text();
  check();
}

await init();
$('asof').value = '2026-11-23T00:00';
editor.value = pretty(defaultModel());
const sample = await fetch('../examples/leads/sample-leads.jsonl');
leadsBox.value = sample.ok ? await sample.text() : '{"id": "L-1", "email": "dana@acme.io", "title": "VP, Sales"}\n';
editor.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(check, 150); });
leadsBox.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(rescore, 150); });
$('asof').addEventListener('change', rescore);
$('load').addEventListener('click', () => loadPreset($('preset').value));
$('download').addEventListener('click', () => {
  if (!scorer) return;
  const model = scorer.model;
  const url = URL.createObjectURL(new Blob([`${pretty(model)}\n`], { type: 'application/json' }));
  const a = Object.assign(document.createElement('a'), { href: url, download: `${model.id}-v${model.version}.json` });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
});
check();
accounts = setupAccounts({ getScorer: () => scorer });
setupHistory({
  getModelText: () => editor.value,
  setModelText: (text) => {
    editor.value = text;
    check();
  },
  asOf: () => asOf().toISOString(),
});
document.body.dataset.ready = 'true';
