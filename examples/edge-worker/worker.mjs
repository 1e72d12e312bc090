// leadscore on the edge: a module worker (Cloudflare Workers / workerd) that scores leads with the
// same model and the same result as the backend.
//
//   POST /score   one lead ({...} or { lead, asOf, explain }) or a batch ([...] or { leads, asOf, explain })
//   GET  /model   { id, version, fingerprint, leadscore }
//   POST /verify  { lead, card }: recompute the card a browser sent (at its asOf) and say whether it matches
//
// The model is the `MODEL` variable (JSON text) when set, else the built-in default model; it is compiled
// once per isolate, on the first request. Errors are JSON: { error: { status, code, path, message } }.
import { initSync, Scorer, version } from '../../pkg/leadscore.js';
import wasm from '../../pkg/leadscore_bg.wasm';

initSync({ module: wasm });

/** Largest request body accepted (bytes): a batch of about a thousand leads. */
const MAX_BODY_BYTES = 1024 * 1024;
const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

let scorer = null;
let scorerModel = null;

function scorerFor(env) {
  const model = env?.MODEL ?? null;
  if (!scorer || scorerModel !== model) {
    scorer?.free();
    scorer = new Scorer(model ?? undefined);
    scorerModel = model;
  }
  return scorer;
}

function json(body, status = 200, headers = {}) {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });
}

function fail(status, code, message, path = '') {
  return json({ error: { status, code, path, message } }, status);
}

/** The request body as JSON, or a Response saying what is wrong with it. */
async function readJson(request) {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) return fail(413, 'too_large', `the body is ${declared} bytes; the limit is ${MAX_BODY_BYTES}`);
  const bytes = await request.arrayBuffer();
  if (bytes.byteLength > MAX_BODY_BYTES) return fail(413, 'too_large', `the body is over ${MAX_BODY_BYTES} bytes`);
  try {
    return { value: JSON.parse(new TextDecoder().decode(bytes)) };
  } catch (e) {
    return fail(400, 'syntax', `the body is not valid JSON: ${e.message}`);
  }
}

/** A LeadscoreError as a 422 (the lead or options were refused); anything else is a 500. */
function refused(e) {
  if (e?.name === 'LeadscoreError') return fail(422, e.code, e.message, e.path);
  return fail(500, 'internal', String(e?.message ?? e));
}

/** Cards are compared as JSON with sorted keys, without the `asOfDefaulted` flag. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).filter((k) => k !== 'asOfDefaulted').sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

async function score(request, env) {
  const body = await readJson(request);
  if (body instanceof Response) return body;
  const v = body.value;
  const url = new URL(request.url);
  const wrapped = v && typeof v === 'object' && !Array.isArray(v) && ('lead' in v || 'leads' in v);
  const options = { asOf: (wrapped ? v.asOf : undefined) ?? url.searchParams.get('asOf') ?? undefined, explain: wrapped ? v.explain : undefined };
  const s = scorerFor(env);
  try {
    if (Array.isArray(v) || (wrapped && 'leads' in v)) {
      const leads = Array.isArray(v) ? v : v.leads;
      return json({ cards: s.scoreMany(leads, options) });
    }
    return json(s.score(wrapped ? v.lead : v, options));
  } catch (e) {
    return refused(e);
  }
}

async function verify(request, env) {
  const body = await readJson(request);
  if (body instanceof Response) return body;
  const { lead, card } = body.value ?? {};
  if (!card || typeof card !== 'object' || typeof card.asOf !== 'string') {
    return fail(400, 'missing_field', 'send { lead, card } with the card as the browser computed it', 'card');
  }
  const s = scorerFor(env);
  let expected;
  try {
    expected = s.score(lead, { asOf: card.asOf, explain: 'contributions' in card });
  } catch (e) {
    return refused(e);
  }
  const fingerprintMatches = card.fingerprint === s.fingerprint;
  const matches = fingerprintMatches && canonical(card) === canonical(expected);
  return json({ matches, fingerprintMatches, fingerprint: s.fingerprint, ...(matches ? {} : { expected }) });
}

export default {
  async fetch(request, env) {
    const { pathname } = new URL(request.url);
    const routes = { '/score': ['POST', score], '/verify': ['POST', verify], '/model': ['GET', null] };
    const route = routes[pathname];
    if (!route) return fail(404, 'not_found', `no route ${pathname}: POST /score, POST /verify, GET /model`);
    if (request.method !== route[0]) {
      return new Response(JSON.stringify({ error: { status: 405, code: 'method_not_allowed', path: '', message: `${pathname} takes ${route[0]}` } }), {
        status: 405,
        headers: { ...JSON_HEADERS, allow: route[0] },
      });
    }
    if (pathname === '/model') {
      try {
        const s = scorerFor(env);
        return json({ id: s.model.id, version: s.model.version, fingerprint: s.fingerprint, leadscore: version() });
      } catch (e) {
        return refused(e);
      }
    }
    return route[1](request, env);
  },
};
