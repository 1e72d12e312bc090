// Reads the lead on a CRM record page with the configured CSS selectors, asks the extension's service
// worker to score it, and shows a badge with the score, tier, grade and top reasons. When the page
// shows the lead's account (its fields, its other contacts, intent signals), the lead is scored with
// its account and the badge adds the account's tier and missing buying-group roles. Classic script
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
      if (field === 'events' || field === 'account' || field.startsWith('account.')) continue;
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

  const data = (row, name) => row.dataset[name] ?? '';

  /** The account panel as an account input's `account` and other contacts; null without a panel. */
  function readAccount(selectors, lead) {
    const panel = selectors.account ? document.querySelector(selectors.account) : null;
    if (!panel) return null;
    const account = {};
    for (const field of ['id', 'name', 'domain', 'industry', 'employees', 'country']) {
      const selector = selectors[`account.${field}`];
      const value = selector ? text(panel.querySelector(selector)) : '';
      if (!value) continue;
      const number = Number(value.replace(/,/g, ''));
      account[field] = field === 'employees' && Number.isFinite(number) ? number : value;
    }
    const rows = (name) => (selectors[name] ? [...panel.querySelectorAll(selectors[name])] : []);
    account.intent = rows('account.intent').map((row) => {
      const signal = { provider: data(row, 'provider'), topic: data(row, 'topic') };
      if (row.dataset.score) signal.score = Number(row.dataset.score);
      if (row.dataset.week) signal.week = row.dataset.week;
      else if (row.dataset.at) signal.at = row.dataset.at;
      if (row.dataset.surge === 'true') signal.surge = true;
      return signal;
    });
    // The other contacts work at the same company as the lead: they share its company fields.
    const others = rows('account.contacts').map((row) => {
      const contact = { id: data(row, 'contactId') };
      const title = text(row.querySelector('[data-title]'));
      const email = text(row.querySelector('[data-email]'));
      if (title) contact.title = title;
      if (email) contact.email = email;
      if (lead.company) contact.company = lead.company;
      contact.events = row.dataset.type && row.dataset.at ? [{ type: row.dataset.type, at: row.dataset.at }] : [];
      return contact;
    });
    return { account, others };
  }

  /** "Account: hot · missing Finance" (the roles by their labels). */
  function accountLine(card) {
    const roles = card.buyingGroup?.roles ?? [];
    const missing = (card.buyingGroup?.missing ?? []).map((id) => roles.find((r) => r.id === id)?.label ?? id);
    const group = card.buyingGroup ? (missing.length ? ` · missing ${missing.join(', ')}` : ' · buying group complete') : '';
    return `Account: ${card.tier?.name ?? 'no tier'}${group}`;
  }

  function badge(card, error, account) {
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
    if (account) el.dataset.accountTier = account.tier?.name ?? '';
    else delete el.dataset.accountTier;
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
    // Scored with its account, the contact's route (the routing matrix's action) is the next step.
    const next = card.route?.action ?? card.tier?.action;
    foot.textContent = `${card.modelId} v${card.modelVersion}${next ? ` · next: ${next}` : ''}`;
    el.append(head, list);
    if (account) {
      const line = document.createElement('div');
      line.className = 'ls-account';
      line.textContent = accountLine(account);
      if (account.tier) line.dataset.tier = account.tier.name;
      el.append(line);
    }
    el.append(foot);
  }

  async function run() {
    const { selectors } = await chrome.runtime.sendMessage({ kind: 'selectors' });
    const lead = readLead(selectors);
    const found = readAccount(selectors, lead);
    const answer = await chrome.runtime.sendMessage({ kind: 'score', lead, ...(found ?? {}) });
    badge(answer.card, answer.error, answer.account);
  }

  let pending = 0;
  new MutationObserver((changes) => {
    if (changes.every((c) => document.getElementById(BADGE_ID)?.contains(c.target))) return;
    clearTimeout(pending);
    pending = setTimeout(run, 200);
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
  run();
})();
