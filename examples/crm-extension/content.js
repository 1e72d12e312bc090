// Reads the lead on a CRM record page with the configured CSS selectors, asks the extension's service
// worker to score it, and shows a badge with the score, tier, grade and top reasons. Classic script
// (content scripts are not modules); re-scores when the record changes.
(() => {
  const BADGE_ID = 'leadscore-badge';

  function text(el) {
    return el ? (el.value ?? el.textContent ?? '').trim() : '';
  }

  /** Sets `obj[a][b]` from a dotted path. */
  function put(obj, path, value) {
    const keys = path.split('.');
    let o = obj;
    keys.slice(0, -1).forEach((k) => { o = o[k] ??= {}; });
    o[keys.at(-1)] = value;
  }

  function readLead(selectors) {
    const lead = {};
    for (const [field, selector] of Object.entries(selectors)) {
      if (field === 'events') continue;
      const value = text(document.querySelector(selector));
      if (!value) continue;
      const number = Number(value.replace(/,/g, ''));
      put(lead, field, field.endsWith('employees') && Number.isFinite(number) ? number : value);
    }
    lead.events = [...document.querySelectorAll(selectors.events)].map((row) => {
      const event = { type: row.dataset.type, at: row.dataset.at };
      if (row.dataset.url) event.url = row.dataset.url;
      return event;
    }).filter((e) => e.type && e.at);
    return lead;
  }

  function badge(card, error) {
    let el = document.getElementById(BADGE_ID);
    if (!el) {
      el = document.createElement('aside');
      el.id = BADGE_ID;
      el.setAttribute('role', 'status');
      document.body.append(el);
    }
    el.replaceChildren();
    if (error) {
      el.dataset.error = error.code ?? 'error';
      el.textContent = `leadscore: ${error.message}`;
      return;
    }
    el.dataset.score = String(card.score);
    el.dataset.tier = card.tier?.name ?? '';
    const head = document.createElement('div');
    head.className = 'ls-head';
    head.textContent = `${card.score}`;
    const tier = document.createElement('span');
    tier.className = 'ls-tier';
    tier.textContent = `${card.tier?.name ?? 'no tier'}${card.grade ? ` · grade ${card.grade}` : ''}`;
    head.append(tier);
    const list = document.createElement('ol');
    card.contributions.filter((c) => c.points > 0).sort((a, b) => b.points - a.points).slice(0, 3).forEach((c) => {
      const li = document.createElement('li');
      li.textContent = `${c.reason} (+${c.points})`;
      list.append(li);
    });
    const foot = document.createElement('div');
    foot.className = 'ls-foot';
    foot.textContent = `${card.modelId} v${card.modelVersion}${card.tier?.action ? ` · next: ${card.tier.action}` : ''}`;
    el.append(head, list, foot);
  }

  async function run() {
    const { selectors } = await chrome.runtime.sendMessage({ kind: 'selectors' });
    const lead = readLead(selectors);
    const answer = await chrome.runtime.sendMessage({ kind: 'score', lead });
    badge(answer.card, answer.error);
  }

  let pending = 0;
  new MutationObserver((changes) => {
    if (changes.every((c) => document.getElementById(BADGE_ID)?.contains(c.target))) return;
    clearTimeout(pending);
    pending = setTimeout(run, 200);
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
  run();
})();
