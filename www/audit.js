// The playground's fairness audit: a picker of segment columns (from the loaded CSV's header) and
// the audit report drawn as one table per segment column, with four-fifths flags, groups too small
// to judge, direct use of a column and the rules that stand in for it (proxies). Plain DOM: the
// report is the JS API's `audit(...)` result, so every number here is the engine's.

const pct = (v) => (v === null || v === undefined ? 'n/a' : `${(100 * v).toFixed(1)}%`);
const num = (v, d) => (v === null || v === undefined ? 'n/a' : v.toFixed(d));

function node(tag, props = {}, ...children) {
  const el = Object.assign(document.createElement(tag), props);
  el.append(...children.filter((c) => c !== null && c !== undefined));
  return el;
}

/**
 * Fills `box` with one checkbox per column (all but the outcome column), those in `checked` ticked;
 * `onChange(columns)` is called with the checked columns now and whenever they change.
 */
export function segmentPicker(box, columns, target, checked, onChange) {
  const boxes = columns.filter((c) => c !== target).map((c) => node('input', { type: 'checkbox', value: c, checked: checked.includes(c) }));
  const changed = () => onChange(boxes.filter((b) => b.checked).map((b) => b.value));
  boxes.forEach((b) => b.addEventListener('change', changed));
  box.replaceChildren(...boxes.map((b) => node('label', { className: 'segment-choice' }, b, node('span', { textContent: b.value }))));
  changed();
}

/** A selection-rate cell: the rate, and the disparate-impact ratio under it (flagged below 4/5). */
function selectionCell(selection, tooSmall) {
  if (!selection) return node('td', { textContent: 'n/a' });
  const ratio = tooSmall ? 'too small' : selection.ratio === null ? '' : `DI ${selection.ratio.toFixed(2)}`;
  const cell = node('td', {}, node('span', { textContent: pct(selection.rate) }), node('small', { textContent: ratio }));
  if (selection.belowFourFifths) {
    cell.className = 'below';
    cell.title = 'Below four fifths of the best group\'s selection rate';
    cell.querySelector('small').textContent += ' ⚑';
  }
  return cell;
}

/** Sets each cell's `data-label` to its column's header: a phone shows the labels beside the values. */
function labelled(row, labels) {
  [...row.children].forEach((cell, i) => cell.setAttribute('data-label', labels[i]));
  return row;
}

function groupRow(g, calibrated, overall = false) {
  const flagged = [g.topTier, g.topTwoTiers].some((s) => s?.belowFourFifths);
  const row = node('tr', { className: overall ? 'overall' : flagged ? 'flagged' : g.tooSmall ? 'small' : '' },
    node('th', { scope: 'row', textContent: g.value }),
    node('td', { textContent: g.rows.toLocaleString() }),
    node('td', { textContent: pct(g.conversionRate) }),
    node('td', { textContent: num(g.auc, 3), title: g.aucNote ?? '' }),
    node('td', { textContent: calibrated ? pct(g.meanProbability) : num(g.meanScore, 1) }),
    selectionCell(g.topTier, g.tooSmall),
    selectionCell(g.topTwoTiers, g.tooSmall));
  return row;
}

/** The audit report as DOM: a legend, then per segment column its table, direct use and proxies. */
export function renderAudit(report) {
  const calibrated = report.overall.meanProbability !== null;
  const top = report.topTier ?? 'top tier';
  const topTwo = report.topTwoTiers.length > 1 ? report.topTwoTiers.join(' + ') : top;
  const out = [node('p', { className: 'muted audit-legend', textContent:
    `Selection rate: share of a group's leads in the ${top} tier, and in the top two tiers (${topTwo}). ` +
    `DI: that rate ÷ the best group's; ⚑ below ${report.fourFifths} (the four-fifths rule for adverse impact). ` +
    `Groups under ${report.minRows} leads are too small to judge. Predicted: ${calibrated ? 'mean predicted probability, beside the observed conversion' : 'mean score (the model has no calibration)'}. ` +
    `Proxies: rules whose firing goes with the column (Cramér's V above ${report.proxyThreshold}).` })];
  for (const s of report.segments) {
    const section = node('section', { className: 'audit-segment' }, node('h3', { textContent: `${s.column} · ${s.groups.length} values` }));
    if (s.directUse.length) {
      section.append(node('p', { className: 'notice direct-use', textContent:
        `The model reads "${s.column}" itself: direct use of a sensitive attribute, in ${s.directUse.map((d) => d.rule).join(', ')}.` }));
    }
    const labels = ['Value', 'Leads', 'Conv.', 'AUC', 'Pred.', top, topTwo];
    const head = node('tr', {}, ...labels.map((h) => node('th', { scope: 'col', textContent: h })));
    const rows = [...s.groups.map((g) => groupRow(g, calibrated)), groupRow(report.overall, calibrated, true)];
    const body = node('tbody', {}, ...rows.map((r) => labelled(r, labels)));
    section.append(node('div', { className: 'table-wrap' }, node('table', { className: 'audit' }, node('thead', {}, head), body)));
    section.append(node('p', { className: s.flagged.length ? 'four-fifths flagged' : 'four-fifths', textContent: s.flagged.length
      ? `Four-fifths rule: ${s.flagged.length} below ${report.fourFifths}: ${s.flagged.join(', ')}.`
      : `Four-fifths rule: no value of ${s.column} below ${report.fourFifths}.` }));
    const proxies = s.associations.filter((a) => a.proxy);
    section.append(node('p', { className: 'proxies', textContent: proxies.length
      ? `Proxies: ${proxies.map((a) => `${a.reason || a.rule} (V ${a.cramersV.toFixed(2)})`).join('; ')}.`
      : `Proxies: none above ${report.proxyThreshold}${s.associations[0] ? `; strongest: ${s.associations[0].reason || s.associations[0].rule} (V ${s.associations[0].cramersV.toFixed(2)})` : ''}.` }));
    out.push(section);
  }
  out.push(...report.notes.map((n) => node('p', { className: 'muted', textContent: `Note: ${n}` })));
  return out;
}
