// Options: validates a pasted or fetched model with the engine before saving it to chrome.storage.
import { initSync, validateModel } from './pkg/leadscore.js';
import { DEFAULT_SELECTORS, loadSettings } from './settings.js';

const $ = (id) => document.getElementById(id);
const bytes = await (await fetch(chrome.runtime.getURL('pkg/leadscore_bg.wasm'))).arrayBuffer();
initSync({ module: new WebAssembly.Module(bytes) });

const settings = await loadSettings();
$('model').value = settings.modelText;
$('url').value = settings.modelUrl;
$('selectors').value = JSON.stringify(settings.selectors, null, 2);

function say(text, ok) {
  $('status').textContent = text;
  $('status').className = ok ? 'ok' : 'error';
}

$('fetch').addEventListener('click', async () => {
  const url = $('url').value.trim();
  try {
    const origin = `${new URL(url).origin}/*`;
    if (!(await chrome.permissions.request({ origins: [origin] }))) return say(`access to ${origin} was not granted`, false);
    const res = await fetch(url);
    if (!res.ok) return say(`HTTP ${res.status} from ${url}`, false);
    $('model').value = await res.text();
    say('Fetched; check it and save.', true);
  } catch (e) {
    say(e.message, false);
  }
});

$('save').addEventListener('click', async () => {
  const modelText = $('model').value.trim();
  if (modelText) {
    const report = validateModel(modelText);
    if (!report.valid) return say(report.issues.map((i) => `${i.path || '(model)'}: ${i.message}`).join('; '), false);
  }
  let selectors;
  try {
    selectors = { ...DEFAULT_SELECTORS, ...JSON.parse($('selectors').value || '{}') };
  } catch (e) {
    return say(`Fields: ${e.message}`, false);
  }
  await chrome.storage.local.set({ modelText, modelUrl: $('url').value.trim(), selectors });
  say('Saved. Open (or reload) a record to see it scored.', true);
});
