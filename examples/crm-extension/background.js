// The service worker owns the engine: it instantiates the extension's own copy of the wasm (allowed by
// the 'wasm-unsafe-eval' extension-page policy), compiles the model from chrome.storage once per model
// text, and answers the content script's { kind: 'score', lead } messages with a score card.
import { initSync, Scorer } from './pkg/leadscore.js';
import { loadSettings } from './settings.js';

let ready = null;
let scorer = null;
let compiledFor = null;

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
    .then((s) => reply({ card: s.score(message.lead) }))
    .catch((e) => reply({ error: { message: e.message, code: e.code, path: e.path } }));
  return true;
});
