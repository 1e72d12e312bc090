// The form's "Why" list, built so that its rows add up to the score shown: the biggest reasons,
// one "+N more" row carrying the rest, the group caps, and one row for what the scale did to the raw
// points (capped at 100, floored at 0, rounded). A list that silently drops reasons or the clamp
// reads as an engine that cannot add up (issue 18: 100 shown against 91.2 listed).
// The playground's lead tables use the scale row too.

/** Points in hundredths: the engine's exact unit, so sums here have no floating-point drift. */
const cents = (points) => Math.round(points * 100);

/** `+8.96`, `−10`, `0`: a sign always, a real minus sign, no trailing zeros. */
export function signed(points) {
  const text = String(Number(Math.abs(points).toFixed(2)));
  return points > 0 ? `+${text}` : points < 0 ? `\u2212${text}` : text;
}

/**
 * The rows of the Why list for `card`, scored with a model whose `scale` is given:
 * `{ kind: 'reason' | 'more' | 'cap' | 'scale', text, points, hidden? }`. Rule reasons are sorted by
 * size; unless `showAll`, only the first `limit` are listed and a `more` row carries the others
 * (`hidden`: their count). Every row but the total has points, and they add up to `card.score`.
 */
export function whyRows(card, scale, { limit = 5, showAll = false } = {}) {
  const fired = card.contributions.filter((c) => c.kind !== 'groupCap' && c.points !== 0)
    .sort((a, b) => Math.abs(b.points) - Math.abs(a.points));
  const shown = showAll ? fired : fired.slice(0, limit);
  const rest = fired.slice(shown.length);
  const rows = shown.map((c) => ({ kind: 'reason', text: reasonText(c), points: c.points, group: c.group }));
  if (rest.length) {
    const sum = rest.reduce((a, c) => a + cents(c.points), 0) / 100;
    rows.push({ kind: 'more', text: `+${rest.length} more reason${rest.length === 1 ? '' : 's'}`, points: sum, hidden: rest.length });
  }
  for (const c of card.contributions.filter((x) => x.kind === 'groupCap' && x.points !== 0)) {
    rows.push({ kind: 'cap', text: capitalize(c.reason), points: c.points, group: c.group });
  }
  const adjust = scaleRow(card, scale);
  if (adjust) rows.push(adjust);
  return rows;
}

/** A reason in words, with the event count when several events made it. */
function reasonText(c) {
  return `${c.reason}${c.events > 1 ? ` (${c.events} events)` : ''}`;
}

const capitalize = (s) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The row that takes the raw points (the sum of the contributions) to the score: the clamp at the
 * scale's ends, a linear map (`scale.raw`), or the rounding to `scale.decimals`. None when equal.
 */
export function scaleRow(card, scale = {}) {
  const diff = (cents(card.score) - cents(card.raw)) / 100;
  if (diff === 0) return null;
  const min = scale.min ?? 0;
  const max = scale.max ?? 100;
  let text;
  if (scale.raw) text = `Raw ${signed(card.raw).replace(/^\+/, '')} points mapped onto the ${min}-${max} scale`;
  else if (card.raw > max) text = `Capped at ${max} (raw points ${Number(card.raw.toFixed(2))})`;
  else if (card.raw < min) text = `Floored at ${min} (raw points ${signed(card.raw)})`;
  else text = `Rounded to ${scale.decimals ? `${scale.decimals} decimals` : 'a whole number'}`;
  return { kind: 'scale', text, points: diff };
}

/**
 * Draws `rows` into the list `ul`, then a total row equal to the score. The `more` row is a button
 * (reachable with Tab) that calls `onMore`. Each counted row carries its exact points in
 * `data-points`, so a test can add them up.
 */
export function renderWhy(ul, rows, score, onMore) {
  if (!rows.length) {
    ul.replaceChildren(Object.assign(document.createElement('li'), { className: 'empty', textContent: 'Nothing yet: fill in the form.' }));
    return;
  }
  const items = rows.map((row) => {
    const li = document.createElement('li');
    li.className = row.kind;
    if (row.points < 0) li.classList.add('neg');
    li.dataset.points = String(row.points);
    let what;
    if (row.kind === 'more') {
      what = Object.assign(document.createElement('button'), { type: 'button', className: 'link', textContent: row.text });
      what.setAttribute('aria-label', `${row.text}: show them`);
      what.addEventListener('click', onMore);
    } else {
      what = Object.assign(document.createElement('span'), { textContent: row.text });
    }
    li.append(what, Object.assign(document.createElement('span'), { className: 'pts', textContent: signed(row.points) }));
    return li;
  });
  const total = document.createElement('li');
  total.className = 'total';
  total.append(Object.assign(document.createElement('span'), { textContent: 'Score' }), Object.assign(document.createElement('span'), { className: 'pts', textContent: `= ${score}` }));
  ul.replaceChildren(...items, total);
}
