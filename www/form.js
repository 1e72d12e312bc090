// The "Talk to sales" form: builds a lead from the fields (plus the simulated visit history and the
// demo enrichment), scores it in the browser on every keystroke with the default model, and shows the
// tier, the reasons and the next step the site would take. No network call is made to score.
import init, { Scorer } from '../pkg/leadscore.js';
import { enrich } from './enrichment.js';

const DAY = 86_400_000;
const form = document.querySelector('#lead-form');
const $ = (id) => document.getElementById(id);

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
  const events = [];
  const ago = (days) => new Date(now - days * DAY);
  if (f.get('pricing')) events.push({ type: 'page_view', at: ago(0), url: '/pricing' });
  if (f.get('webinar')) events.push({ type: 'webinar_attended', at: ago(6), webinar: 'Scores sales trusts' });
  if (f.get('emails')) events.push({ type: 'email_click', at: ago(3) }, { type: 'email_click', at: ago(12) });
  const interest = text('interest');
  if (interest === 'demo') events.push({ type: 'demo_request', at: ago(0) });
  if (interest === 'trial') events.push({ type: 'trial_started', at: ago(0) });
  if (interest === 'pricing') events.push({ type: 'page_view', at: ago(0), url: '/pricing/enterprise' });
  const lead = { email, title: text('title'), firstName: text('firstName'), lastName: text('lastName'), company, events };
  return { lead, known };
}

/** The next three business days' meeting slots, from `now`. */
function slots(now) {
  const out = [];
  for (let d = new Date(now), days = 0; days < 3;) {
    d = new Date(d.getTime() + DAY);
    if (d.getDay() === 0 || d.getDay() === 6) continue;
    days += 1;
    const day = d.toLocaleDateString(undefined, { weekday: 'short', month: 'short', day: 'numeric' });
    out.push(...['10:00', '13:30', '16:00'].map((t) => `${day}, ${t}`));
  }
  return out;
}

const GUIDES = {
  pricing: ['Pricing and ROI: a buyer\'s guide', 'How teams size their plan, with three worked examples.'],
  integrations: ['Connecting leadscore to your CRM', 'Salesforce, HubSpot and Pipedrive, step by step.'],
  demo: ['The 12-minute product tour', 'Watch it now; a specialist will follow up.'],
  trial: ['Your first week with the trial', 'A checklist from setup to first routed lead.'],
  research: ['The RevOps guide to lead scoring', 'Fit, engagement, decay and tiers, explained with examples.'],
};

let shownStep = '';

/** The panel for the tier's next step; kept as it is (a picked slot, say) while the step is the same. */
function nextStep(card, interest, now) {
  const next = $('next');
  const step = `${card.tier?.name}|${card.tier?.action}|${card.tier?.slaHours}|${card.tier?.name === 'warm' ? interest : ''}`;
  if (step === shownStep) return;
  shownStep = step;
  const sla = card.tier?.slaHours;
  const within = sla ? `within ${sla} hour${sla === 1 ? '' : 's'}` : '';
  next.replaceChildren();
  const h = document.createElement('h3');
  const p = document.createElement('p');
  p.className = 'muted';
  if (card.tier?.name === 'hot') {
    h.textContent = 'Book a meeting now';
    p.textContent = `Routed to an account executive (${card.tier.action}); they confirm ${within}. Pick a slot:`;
    const list = document.createElement('div');
    list.className = 'slots';
    for (const slot of slots(now)) {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = slot;
      b.setAttribute('aria-pressed', 'false');
      b.addEventListener('click', () => {
        list.querySelectorAll('button').forEach((x) => x.setAttribute('aria-pressed', String(x === b)));
        p.textContent = `Meeting held for ${slot}. An account executive confirms ${within}.`;
      });
      list.append(b);
    }
    next.append(h, p, list);
  } else if (card.tier?.name === 'warm') {
    const [title, blurb] = GUIDES[interest] ?? GUIDES.research;
    h.textContent = `Read next: ${title}`;
    p.textContent = `${blurb} A sales development rep follows up ${within} (${card.tier.action}).`;
    next.append(h, p);
  } else {
    h.textContent = 'Stay in the loop';
    p.textContent = `One email a month on lead scoring and RevOps (${card.tier?.action ?? 'marketing_nurture'}). No sales calls.`;
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'secondary';
    b.textContent = 'Subscribe to the newsletter';
    b.addEventListener('click', () => { b.textContent = 'Subscribed'; b.disabled = true; });
    next.append(h, p, b);
  }
}

function fmt(points) {
  return `${points > 0 ? '+' : ''}${Number(points.toFixed(2))}`;
}

function show(scorer) {
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
  $('score').textContent = card.score;
  $('meter').style.width = `${card.score}%`;
  const tier = card.tier?.name ?? 'cold';
  $('tier').textContent = tier;
  $('tier').dataset.tier = tier;
  $('label').textContent = card.label ? `Label ${card.label} (fit grade ${card.grade}, tier rank ${card.tier.rank}).` : '';
  $('timing').textContent = `Scored in the browser in ${took < 1 ? '<1' : took.toFixed(1)} ms.`;
  const reasons = card.contributions.filter((c) => c.points !== 0).sort((a, b) => Math.abs(b.points) - Math.abs(a.points)).slice(0, 6);
  $('reasons').replaceChildren(...(reasons.length ? reasons : [null]).map((c) => {
    const li = document.createElement('li');
    if (!c) {
      li.textContent = 'Nothing yet: fill in the form.';
      return li;
    }
    if (c.points < 0) li.className = 'neg';
    const what = document.createElement('span');
    what.textContent = c.kind === 'groupCap' ? c.reason : `${c.reason}${c.events > 1 ? ` (${c.events} events)` : ''}`;
    const pts = document.createElement('span');
    pts.className = 'pts';
    pts.textContent = fmt(c.points);
    li.append(what, pts);
    return li;
  }));
  $('enrichment').textContent = known
    ? `From the email domain (demo enrichment data): ${known.name} · ${known.industry} · ${known.employees.toLocaleString()} employees · ${known.country}`
    : '';
  nextStep(card, String(new FormData(form).get('interest')), now);
  document.body.dataset.tier = tier;
}

try {
  await init();
  const scorer = new Scorer();
  // One throwaway score while the page loads: the built-in domain lists are decoded on the first
  // email lookup and the engine's code is compiled on first use, so the visitor's first keystroke
  // does not pay for either.
  scorer.score({ email: 'warm-up@example.com', title: 'VP', events: [{ type: 'page_view', at: 0 }] }, { asOf: 0 });
  $('loading').hidden = true;
  $('scored').hidden = false;
  // `input` fires for text fields, selects and checkboxes alike (a `change` listener too would redraw
  // the panel when a field loses focus, under the visitor's click).
  form.addEventListener('input', () => show(scorer));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const card = scorer.score(currentLead(Date.now()).lead, { asOf: new Date() });
    $('enrichment').textContent = `Thanks! In production this lead would now be routed: ${card.tier?.action ?? 'marketing_nurture'} (score ${card.score}).`;
  });
  show(scorer);
} catch (e) {
  $('loading').textContent = '';
  $('failure').hidden = false;
  $('failure').textContent = `The scoring engine did not load: ${e.message}. Build it with \`make pkg-web\`.`;
}
