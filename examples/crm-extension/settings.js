// Settings shared by the service worker, the content script's messages and the options page: the model
// (JSON text; empty = the built-in default model), where it was fetched from, and the CSS selectors that
// read a lead from a CRM record page. Stored in chrome.storage.local.
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
};

export async function loadSettings() {
  const stored = await chrome.storage.local.get(['modelText', 'modelUrl', 'selectors']);
  return { modelText: stored.modelText ?? '', modelUrl: stored.modelUrl ?? '', selectors: { ...DEFAULT_SELECTORS, ...(stored.selectors ?? {}) } };
}
