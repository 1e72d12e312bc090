// The form's "next step" panel: what the site does for the visitor's tier (hot: pick a meeting slot;
// warm: a guide; cold: the newsletter). Written for the visitor: no action ids, no grades.

const DAY = 86_400_000;

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

/** "within 1 hour", "within 24 hours", or '' without a service level. */
function within(hours) {
  return hours ? `within ${hours} hour${hours === 1 ? '' : 's'}` : '';
}

let shownStep = '';

/** Draws the panel for the tier's next step into `box`; kept as it is (a picked slot, say) while the step is the same. */
export function nextStep(box, card, interest, now) {
  const tier = card.tier ?? {};
  const step = `${tier.name}|${tier.slaHours}|${tier.name === 'warm' ? interest : ''}`;
  if (step === shownStep) return;
  shownStep = step;
  box.replaceChildren();
  const h = document.createElement('h3');
  const p = document.createElement('p');
  p.className = 'muted';
  if (tier.name === 'hot') {
    h.textContent = 'Book a meeting now';
    p.textContent = `Pick a slot; an account executive confirms ${within(tier.slaHours)}.`;
    const list = document.createElement('div');
    list.className = 'slots';
    for (const slot of slots(now)) {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = slot;
      b.setAttribute('aria-pressed', 'false');
      b.addEventListener('click', () => {
        list.querySelectorAll('button').forEach((x) => x.setAttribute('aria-pressed', String(x === b)));
        p.textContent = `Meeting held for ${slot}. An account executive confirms ${within(tier.slaHours)}.`;
      });
      list.append(b);
    }
    box.append(h, p, list);
  } else if (tier.name === 'warm') {
    const [title, blurb] = GUIDES[interest] ?? GUIDES.research;
    h.textContent = `Read next: ${title}`;
    p.textContent = `${blurb} A sales development rep follows up ${within(tier.slaHours)}.`;
    box.append(h, p);
  } else {
    h.textContent = 'Stay in the loop';
    p.textContent = 'One email a month on lead scoring and RevOps. No sales calls.';
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'secondary';
    b.textContent = 'Subscribe to the newsletter';
    b.addEventListener('click', () => { b.textContent = 'Subscribed'; b.disabled = true; });
    box.append(h, p, b);
  }
}
