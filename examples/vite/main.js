// The smallest bundled use: Vite resolves the web package's `new URL('leadscore_bg.wasm',
// import.meta.url)` and emits the .wasm as a hashed asset, so no plugin is needed.
import init, { Scorer } from 'leadscore';

await init();
const scorer = new Scorer();
const card = scorer.score(
  { email: 'dana@acme.io', title: 'VP, Sales', company: { employees: 450, industry: 'Software', country: 'US' },
    events: [{ type: 'demo_request', at: '2026-11-20T09:00:00Z' }] },
  { asOf: '2026-11-23T00:00:00Z' },
);
const result = document.getElementById('result');
result.textContent = `${card.score} ${card.tier.name}: ${card.contributions.map((c) => c.reason).join(', ')}`;
result.dataset.score = String(card.score);
