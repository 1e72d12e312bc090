// Settings shared by the service worker, the content script's messages and the options page: the model
// (JSON text; empty = the built-in default model), where it was fetched from, and the CSS selectors that
// read a lead from a CRM record page (and its account, when the page shows one: the `account` keys).
// Stored in chrome.storage.local.
export const DEFAULT_SELECTORS = {
  id: '[data-field="record-id"]',
  email: '[data-field="email"]',
  title: '[data-field="title"]',
  'company.name': '[data-field="company"]',
  'company.employees': '[data-field="employees"]',
  'company.industry': '[data-field="industry"]',
  'company.country': '[data-field="country"]',
  createdAt: '[data-field="created"]',
  events: '[data-activity] tr[data-type]',
  // The account panel: `account` finds it (none on the page: the lead is scored alone); the fields are
  // read inside it. `account.contacts` selects the account's other contacts (rows with
  // data-contact-id, data-type and data-at of their last activity, a [data-title] and a [data-email]
  // cell); `account.intent` selects intent rows (data-provider, data-topic, data-score, data-week or
  // data-at, data-surge).
  account: '[data-account]',
  'account.id': '[data-account-field="id"]',
  'account.name': '[data-account-field="name"]',
  'account.domain': '[data-account-field="domain"]',
  'account.industry': '[data-account-field="industry"]',
  'account.employees': '[data-account-field="employees"]',
  'account.country': '[data-account-field="country"]',
  'account.contacts': '[data-account-contacts] tr[data-contact-id]',
  'account.intent': '[data-intent] tr[data-provider]',
};

export async function loadSettings() {
  const stored = await chrome.storage.local.get(['modelText', 'modelUrl', 'selectors']);
  return { modelText: stored.modelText ?? '', modelUrl: stored.modelUrl ?? '', selectors: { ...DEFAULT_SELECTORS, ...(stored.selectors ?? {}) } };
}
