// Coverage beside the backtest charts: which fields the model reads are in the history, and how
// often. A field no row has is a loud warning with the column it was probably renamed to
// (report.coverage.warnings, from the engine): a backtest whose model reads nothing of the file
// looks like a bad model, when it is a mismatch of names.

const pct = (v) => `${(100 * v).toFixed(v > 0 && v < 0.01 ? 1 : 0)}%`;

/** A dotted path that wraps only after its dots (`company.` / `employees`). */
function path(name) {
  const code = document.createElement('code');
  name.split('.').forEach((part, i) => {
    if (i > 0) code.append('.', document.createElement('wbr'));
    code.append(part);
  });
  return code;
}

function node(name, props = {}, ...children) {
  const el = Object.assign(document.createElement(name), props);
  el.append(...children);
  return el;
}

/** The warnings, one line each, naming both names: shown above the charts. */
export function coverageWarnings(coverage) {
  const box = node('div', { id: 'coverage-warnings' });
  if (!coverage?.warnings.length) return box;
  box.className = 'coverage-alert';
  box.setAttribute('role', 'alert');
  const n = coverage.warnings.length;
  box.append(node('strong', { textContent: `${n} input${n === 1 ? '' : 's'} the model reads ${n === 1 ? 'is' : 'are'} in none of the ${coverage.rows.toLocaleString()} rows` }));
  const list = node('ul');
  for (const w of coverage.warnings) {
    const item = node('li', {}, path(w.field), ` found in 0 of ${coverage.rows.toLocaleString()} rows`);
    if (w.didYouMean) item.append('; did you mean ', node('code', { textContent: w.didYouMean }), '?');
    else if (w.field === 'events') item.append(' (a CSV has no events: the engagement rules cannot fire)');
    list.append(item);
  }
  box.append(list);
  return box;
}

/** A table of every field the model reads with the share of rows that have it: a figure for the charts grid. */
export function coverageTable(coverage) {
  const fig = node('figure', { className: 'coverage' });
  const rows = [...coverage.fields.map((f) => ({ name: f.field, share: f.share, present: f.present, readBy: f.readBy }))];
  if (coverage.events) rows.push({ name: 'events', share: coverage.events.share, present: coverage.events.present, readBy: coverage.events.readBy });
  const body = node('tbody');
  for (const r of rows) {
    const bar = node('span', { className: 'share-bar' }, node('span'));
    bar.firstChild.style.width = `${(100 * r.share).toFixed(1)}%`;
    const tr = node('tr', { className: r.present === 0 ? 'absent' : '' },
      node('td', {}, path(r.name)),
      node('td', { className: 'share' }, bar, node('span', { textContent: pct(r.share) })),
      node('td', { className: 'read-by', textContent: r.readBy.join(', '), title: r.readBy.join(', ') }));
    body.append(tr);
  }
  const head = node('thead', {}, node('tr', {}, ...[['Field the model reads', ''], ['Rows with it', ''], ['Rules', 'read-by']].map(([t, c]) => node('th', { textContent: t, className: c }))));
  fig.append(node('table', {}, head, body));
  fig.append(node('figcaption', { textContent: `Coverage: share of the ${coverage.rows.toLocaleString()} rows where each input is present` }));
  return fig;
}
