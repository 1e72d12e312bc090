// The "Talk to sales" form: builds a lead from the fields (plus the simulated visit history and the
// demo enrichment), scores it in the browser on every keystroke with the default model, and shows the
// tier in words, the reasons (adding up to the score), the fit and engagement subtotals and the next
// step the site would take. No network call is made to score.
import init, { Scorer } from '../pkg/leadscore.js';
import { enrich } from './enrichment.js';
import { whyRows, renderWhy, signed } from './form-reasons.js';
import { scoreMeter } from './score-meter.js';
import { nextStep } from './form-next.js';

const DAY = 86_400_000;
const form = document.querySelector('#lead-form');
const $ = (id) => document.getElementById(id);
let showAll = false; // the visitor opened "+N more": list every reason from then on

/** The lead the form describes right now, and the company facts the email revealed (if any). */
function currentLead(now) {
  const f = new FormData(form);
  const text = (k) => String(f.get(k) ?? '').trim();
  const email = text('email');
  const known = enrich(email);
  const company = { name: text('company') || known?.name };
  // What the visitor picked wins over what enrichment guessed.
  const employees = Number(text('size')) || known?.employees;
  if (employees) company.employees = employees;
  const country = text('country') || known?.country;
  if (country && country !== 'other') company.country = country;
  if (known) Object.assign(company, { industry: known.industry, revenue: known.revenue, techStack: known.techStack });
  const ago = (days) => new Date(now - days * DAY);
  // The visit itself is activity, now: a person filling in the form is never "inactive" (the default
  // model's inactivity rule counts every event, and `createdAt`: this lead is created by the form).
  const events = [{ type: 'page_view', at: ago(0), url: '/talk-to-sales' }];
  if (f.get('pricing')) events.push({ type: 'page_view', at: ago(0), url: '/pricing' });
  if (f.get('webinar')) events.push({ type: 'webinar_attended', at: ago(6), webinar: 'Scores sales trusts' });
  if (f.get('emails')) events.push({ type: 'email_click', at: ago(3) }, { type: 'email_click', at: ago(12) });
  const interest = text('interest');
  if (interest === 'demo') events.push({ type: 'demo_request', at: ago(0) });
  if (interest === 'trial') events.push({ type: 'trial_started', at: ago(0) });
  if (interest === 'pricing') events.push({ type: 'page_view', at: ago(0), url: '/pricing/enterprise' });
  const lead = { email, title: text('title'), firstName: text('firstName'), lastName: text('lastName'), createdAt: ago(0), company, events };
  return { lead, known };
}

const capitalize = (s) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The card's group totals as small labelled numbers, in the order the model's rules first use the
 * groups (fit, engagement, negative for the default model; the card lists them by name).
 */
function subtotals(card, groupOrder) {
  const rank = (g) => (groupOrder.includes(g.group) ? groupOrder.indexOf(g.group) : groupOrder.length);
  return [...card.groups].sort((a, b) => rank(a) - rank(b)).map((g) => {
    const box = document.createElement('div');
    const capped = g.points !== g.uncapped ? ` (of ${signed(g.uncapped).replace(/^\+/, '')})` : '';
    box.append(Object.assign(document.createElement('dt'), { textContent: capitalize(g.group) }),
      Object.assign(document.createElement('dd'), { textContent: `${signed(g.points)}${capped}` }));
    return box;
  });
}

function show(scorer, model, meter) {
  const now = Date.now();
  const { lead, known } = currentLead(now);
  let card;
  const started = performance.now();
  try {
    card = scorer.score(lead, { asOf: new Date(now) });
  } catch (e) {
    $('failure').hidden = false;
    $('failure').textContent = `Could not score this lead: ${e.message}`;
    return;
  }
  const took = performance.now() - started;
  $('failure').hidden = true;
  const tier = card.tier?.name ?? 'cold';
  for (const [score, pill] of [['score', 'tier'], ['bar-score', 'bar-tier']]) {
    $(score).textContent = card.score;
    $(pill).textContent = tier;
    $(pill).dataset.tier = tier;
  }
  $('tier-label').textContent = card.tier?.label ?? '';
  meter(card.score, tier);
  $('timing').textContent = `Scored in the browser in ${took < 1 ? '<1' : took.toFixed(1)} ms.`;
  $('subtotals').replaceChildren(...subtotals(card, model.groupOrder));
  const rows = whyRows(card, model.scale, { showAll });
  renderWhy($('reasons'), rows, card.score, () => {
    showAll = true;
    show(scorer, model, meter);
    $('reasons').focus(); // the button is gone: keep the keyboard user in the list, not at the page top
  });
  $('enrichment').textContent = known
    ? `From the email domain (demo enrichment data): ${known.name} · ${known.industry} · ${known.employees.toLocaleString()} employees · ${known.country}`
    : '';
  nextStep($('next'), card, String(new FormData(form).get('interest')), now);
  document.body.dataset.tier = tier;
}

try {
  await init();
  const scorer = new Scorer();
  // One throwaway score while the page loads: the built-in domain lists are decoded on the first
  // email lookup and the engine's code is compiled on first use, so the visitor's first keystroke
  // does not pay for either.
  scorer.score({ email: 'warm-up@example.com', title: 'VP', events: [{ type: 'page_view', at: 0 }] }, { asOf: 0 });
  // What the page needs of the model, read once (the getter converts the whole model).
  const full = scorer.model;
  const model = { scale: full.scale, tiers: full.tiers ?? [], groupOrder: [...new Set(full.rules.map((r) => r.group))] };
  const meter = scoreMeter($('meter'), model.scale, model.tiers);
  $('scale-max').textContent = ` / ${model.scale.max}`;
  $('loading').hidden = true;
  $('scored').hidden = false;
  $('bar').hidden = false;
  // `input` fires for text fields, selects and checkboxes alike (a `change` listener too would redraw
  // the panel when a field loses focus, under the visitor's click).
  form.addEventListener('input', () => show(scorer, model, meter));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const card = scorer.score(currentLead(Date.now()).lead, { asOf: new Date() });
    $('enrichment').textContent = `Thanks! In production this lead would now be routed (score ${card.score}): ${card.tier?.label ?? card.tier?.name ?? 'no tier'}.`;
  });
  show(scorer, model, meter);
} catch (e) {
  $('loading').textContent = '';
  $('failure').hidden = false;
  $('failure').textContent = `The scoring engine did not load: ${e.message}. Build it with \`make pkg-web\`.`;
}
