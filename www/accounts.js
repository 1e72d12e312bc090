// The playground's account example: examples/accounts/northwind.json (an account, its product events
// and intent signals, and three contacts) scored with the playground's current model by
// `scorer.scoreAccount`, and drawn: the account's score, tier and contributions, its buying group
// (roles filled and missing), its intent signals with their status, and each contact's score, route
// and lifecycle stage. The input is editable; it is rescored when it, the as-of time or the model
// changes.
import { renderWhy, scaleRow, signed } from './form-reasons.js';

const EXAMPLE = '../examples/accounts/northwind.json';
/** The time the example's events and intent were written for (docs/model.md's worked example). */
const EXAMPLE_AS_OF = '2026-11-30T00:00';

const INTENT_STATUS = {
  counted: 'counted',
  belowSurge: 'below surge',
  otherTopic: 'other topic',
  expired: 'expired',
  future: 'in the future',
  superseded: 'superseded',
  duplicate: 'duplicate',
};

/** An element with a class and text. */
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A small status chip; `kind` picks its colours (ok, missing, muted). */
const chip = (text, kind) => Object.assign(el('span', `acct-chip ${kind}`, text), { title: text });

function tierPill(tier) {
  const pill = el('span', 'tier', tier?.name ?? 'no tier');
  pill.dataset.tier = tier?.name ?? '';
  if (tier?.label) pill.title = tier.label;
  return pill;
}

const hours = (h) => (h == null ? '' : ` within ${h}\u00a0h`);
const day = (at) => at.slice(0, 10);

/** A panel of the result: a heading and what goes under it. */
function panel(title, className, ...children) {
  const box = el('section', `acct-panel ${className}`);
  box.append(el('h3', '', title), ...children);
  return box;
}

/** The account's contributions as the form's "why" list (reason, points), the scale's row, the total. */
function why(card, scale) {
  const ul = el('ul', 'reasons');
  const rows = (card.contributions ?? []).map((c) => ({ kind: c.kind === 'groupCap' ? 'cap' : 'reason', text: c.reason, points: c.points }));
  const adjust = scaleRow(card, scale);
  if (adjust) rows.push(adjust);
  renderWhy(ul, rows, card.score);
  const groups = el('dl', 'subtotals');
  for (const g of card.groups ?? []) {
    const item = el('div');
    item.append(el('dt', '', g.group), el('dd', '', signed(g.points)));
    groups.append(item);
  }
  return panel(`Why ${card.score}`, 'acct-why', groups, ul);
}

function buyingGroup(card) {
  const group = card.buyingGroup;
  if (!group) return panel('Buying group', 'acct-roles', el('p', 'muted', 'The model has no buying-group roles.'));
  const list = el('ul', 'acct-list');
  for (const role of group.roles) {
    const li = el('li');
    li.dataset.role = role.id;
    const head = el('div', 'acct-row');
    const missing = group.missing.includes(role.id);
    const status = missing ? chip(`missing ${role.filled}/${role.required}`, 'missing')
      : role.required === 0 ? chip(role.filled ? 'optional · filled' : 'optional', role.filled ? 'ok' : 'muted')
        : chip(`filled ${role.filled}/${role.required}`, 'ok');
    head.append(el('span', 'acct-what', role.label ?? role.id), status);
    li.append(head, el('div', 'muted', role.contacts.length ? role.contacts.join(', ') : 'nobody engaged in this role'));
    list.append(li);
  }
  const title = `Buying group · ${Math.round(group.completeness * 100)}% complete`;
  return panel(title, 'acct-roles', list);
}

function intent(card) {
  const feed = card.intent;
  if (!feed) return panel('Intent', 'acct-intent', el('p', 'muted', 'The model reads no intent.'));
  const list = el('ul', 'acct-list');
  for (const s of feed.signals) {
    const li = el('li');
    li.dataset.status = s.status;
    const head = el('div', 'acct-row');
    head.append(el('span', 'acct-what', `${s.provider} · ${s.topic}`), chip(INTENT_STATUS[s.status] ?? s.status, s.status === 'counted' ? 'ok' : 'muted'));
    const detail = [s.score == null ? 'surge flag' : `score ${s.score}`, `${s.weekly ? 'week of ' : ''}${day(s.at)}`, `${s.ageDays} days old`, `${signed(s.points)} points`];
    li.append(head, el('div', 'muted', detail.join(' · ')));
    list.append(li);
  }
  if (!feed.signals.length) list.append(el('li', 'muted', 'No intent signals.'));
  const title = `Intent · ${feed.status}${feed.latestAt ? ` (latest ${day(feed.latestAt)})` : ''}`;
  return panel(title, 'acct-intent', list);
}

function contacts(result, input) {
  const list = el('ul', 'acct-list acct-contacts');
  result.contacts.forEach((card, i) => {
    const lead = input.contacts?.[i] ?? {};
    const li = el('li');
    li.dataset.contact = String(card.leadId ?? i);
    const head = el('div', 'acct-row');
    const who = el('div', 'acct-who');
    who.append(el('span', 'acct-what', `${card.leadId ?? `contact ${i + 1}`}${lead.email ? ` · ${lead.email}` : ''}`));
    if (lead.title) who.append(el('div', 'muted', lead.title));
    const right = el('span', 'acct-score');
    right.append(tierPill(card.tier), el('span', 'bigscore', String(card.score)));
    head.append(who, right);
    const facts = el('dl', 'acct-facts');
    const fact = (name, value) => {
      const item = el('div');
      item.append(el('dt', '', name), el('dd', '', value));
      facts.append(item);
    };
    const route = card.route;
    fact('Route', route ? `${route.action ?? 'no action'}${hours(route.slaHours)} (by ${route.by === 'matrix' ? `the routing matrix, row ${route.entry + 1}` : 'the lead\u2019s tier'})` : 'none');
    if (card.stage) {
      const st = card.stage;
      fact('Stage', `${st.id ?? 'none'} (${st.change}${st.previous && st.previous !== st.id ? `; was ${st.previous}` : ''})${st.suggested ? ` · suggest ${st.suggested}` : ''}`);
    }
    li.append(head, facts);
    list.append(li);
  });
  if (!result.contacts.length) list.append(el('li', 'muted', 'No contacts.'));
  return panel('Contacts: score, route, stage', 'acct-people', list);
}

/** The whole result: the account's headline and the four panels. */
function render(out, result, input, scale) {
  const card = result.account;
  const head = el('div', 'acct-head');
  const who = el('div', 'acct-who');
  const name = input.account?.name ?? card.accountId ?? 'Account';
  who.append(el('h3', 'acct-name', name));
  const c = card.contacts;
  who.append(el('div', 'muted', [card.accountId, input.account?.domain, `${c.total} contact${c.total === 1 ? '' : 's'}, ${c.engaged} engaged`].filter(Boolean).join(' · ')));
  const right = el('div', 'acct-score');
  const grade = [card.grade && `grade ${card.grade}`, card.label].filter(Boolean).join(' · ');
  if (grade) right.append(el('span', 'muted', grade));
  const score = el('span', 'bigscore', String(card.score));
  score.id = 'account-score';
  right.append(tierPill(card.tier), score);
  head.append(who, right);
  const next = card.tier?.action ? `Next: ${card.tier.action}${hours(card.tier.slaHours)}` : '';
  const label = el('p', 'acct-label', [card.tier?.label, next].filter(Boolean).join(' · '));
  const grid = el('div', 'acct-grid');
  grid.append(why(card, scale), buyingGroup(card), intent(card), contacts(result, input));
  const warnings = [...card.warnings, ...result.contacts.flatMap((k) => k.warnings)]
    .map((w) => el('p', 'error', `warning: ${w.path ? `${w.path}: ` : ''}${w.message}`));
  out.replaceChildren(head, label, grid, ...warnings);
  out.dataset.score = String(card.score);
}

/**
 * Wires the section (#account-run, #account-asof, #account-json, #account-out). `getScorer()` is the
 * playground's current scorer. Returns `rescore()`, for the playground to call when the model changes.
 */
export function setupAccounts({ getScorer }) {
  const $ = (id) => document.getElementById(id);
  const box = $('account-json');
  const out = $('account-out');
  let timer = 0;

  function rescore() {
    const scorer = getScorer();
    if (!scorer || !box.value.trim()) return;
    let input;
    try {
      input = JSON.parse(box.value);
    } catch (e) {
      out.replaceChildren(el('p', 'error', `The account input is not JSON: ${e.message}`));
      delete out.dataset.score;
      return;
    }
    try {
      const asOf = new Date(`${$('account-asof').value || EXAMPLE_AS_OF}:00Z`);
      const result = scorer.scoreAccount(box.value, { asOf });
      render(out, result, input, scorer.model.account?.scale);
    } catch (e) {
      out.replaceChildren(el('p', 'error', `${e.path ? `${e.path}: ` : ''}${e.message}`));
      delete out.dataset.score;
    }
  }

  $('account-asof').value = EXAMPLE_AS_OF;
  $('account-run').addEventListener('click', async () => {
    const res = await fetch(EXAMPLE);
    if (!res.ok) {
      out.replaceChildren(el('p', 'error', `Could not load ${EXAMPLE}: HTTP ${res.status}`));
      return;
    }
    box.value = await res.text();
    $('account-input').hidden = false;
    rescore();
  });
  box.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(rescore, 150); });
  $('account-asof').addEventListener('change', rescore);
  return { rescore };
}
