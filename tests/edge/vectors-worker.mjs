// A worker that runs the conformance vectors inside workerd (the Workers runtime), on the same web
// package the edge worker ships: POST the vector files ([{ name, doc }]) and get back
// { lines, failures, cases } from the shared runner (tests/wasm/vectors-core.mjs) and `raw`, each
// scored case's card as JSON.stringify writes it, to compare byte for byte with the native cards.
import { initSync, Scorer } from '../../pkg/leadscore.js';
import wasm from '../../pkg/leadscore_bg.wasm';
import { runCases } from '../wasm/vectors-core.mjs';

initSync({ module: wasm });

/** `file:case` -> the card's (or account result's) JSON text, for every case that scores. */
function rawCards(files) {
  const raw = {};
  for (const { name, doc } of files) {
    for (const c of doc.cases) {
      if (c.modelIssues || c.error) continue;
      const modelDoc = c.model ?? doc.model;
      const scorer = new Scorer(modelDoc === 'default' ? undefined : modelDoc);
      try {
        const result = c.match !== undefined
          ? scorer.matchContacts(JSON.stringify(c.match))
          : c.input !== undefined
            ? scorer.scoreAccount(JSON.stringify(c.input), { asOf: c.asOf })
            : scorer.score(JSON.stringify(c.lead ?? null), { asOf: c.asOf });
        raw[`${name}:${c.name}`] = JSON.stringify(result);
      } finally {
        scorer.free();
      }
    }
  }
  return raw;
}

export default {
  async fetch(request) {
    const files = await request.json();
    return Response.json({ ...runCases({ Scorer }, files), raw: rawCards(files) });
  },
};
