// The service worker owns the engine: it instantiates the extension's own copy of the wasm (allowed by
// the 'wasm-unsafe-eval' extension-page policy), compiles the model from chrome.storage once per model
// text, and answers the content script's { kind: 'score', lead } messages with a score card. With
// { account, others } too (the page shows the lead's account) and a model with an `account` section,
// the lead is scored with its account (first of the contacts, the others after it): the answer is the
// lead's contact card (with its account, route, stage) and the account's card.
import { initSync, Scorer } from './pkg/leadscore.js';
import { loadSettings } from './settings.js';

let ready = null;
let scorer = null;
let compiledFor = null;
let scoresAccounts = false;

async function engine() {
  ready ??= fetch(chrome.runtime.getURL('pkg/leadscore_bg.wasm'))
    .then((r) => r.arrayBuffer())
    .then((bytes) => initSync({ module: new WebAssembly.Module(bytes) }));
  await ready;
  const { modelText } = await loadSettings();
  if (!scorer || compiledFor !== modelText) {
    scorer?.free();
    scorer = new Scorer(modelText || undefined);
    compiledFor = modelText;
    scoresAccounts = scorer.model.account != null;
  }
  return scorer;
}

chrome.runtime.onMessage.addListener((message, _sender, reply) => {
  if (message?.kind === 'selectors') {
    loadSettings().then((s) => reply({ selectors: s.selectors }));
    return true;
  }
  if (message?.kind !== 'score') return false;
  engine()
    .then((s) => {
      if (!message.account || !scoresAccounts) return reply({ card: s.score(message.lead) });
      const result = s.scoreAccount({ account: message.account, contacts: [message.lead, ...(message.others ?? [])] });
      return reply({ card: result.contacts[0], account: result.account });
    })
    .catch((e) => reply({ error: { message: e.message, code: e.code, path: e.path } }));
  return true;
});
