// leadscore on the edge: a module worker (Cloudflare Workers / workerd) that scores leads with the
// same model and the same result as the backend.
//
// Routes
//   POST /score        the body is ONE lead (a JSON object), scored exactly as sent (a lead with its
//                      own `lead` or `leads` field is still that lead), or a JSON array of leads (a
//                      batch). One lead answers its card; a batch answers { cards: [...] }.
//   POST /score-batch  { "leads": [...] } or [...]; answers { cards: [...] }.
//   POST /score-account { "account": {...}, "contacts": [...] } (either may be left out or null): the
//                      account and its contacts scored together, as `scorer.scoreAccount` answers it:
//                      { account: <account card>, contacts: [<contact card with account, route, stage>] }.
//   GET  /model        { id, version, fingerprint, leadscore }
//   POST /verify       { lead, card }: recompute the card a browser sent (at the card's asOf) and say
//                      whether it matches: { matches, fingerprintMatches, fingerprint, expected? }.
//   OPTIONS <route>    a CORS preflight: 204, or 403 for an origin that is not allowed.
//
// Options (/score, /score-batch, /score-account) come from the query string only, never from the body:
//   asOf=<RFC 3339 | epoch ms>  the time to score at (default: now, and the card says asOfDefaulted)
//   explain=true|false          false leaves out groups and contributions (default true)
// Any other parameter, a repeated one or a bad value is a 400 naming the parameter.
//
// Variables (env): MODEL (JSON text of a model; default: the built-in model, compiled once per
// isolate), MAX_BODY_BYTES (default 1048576), MAX_LEADS per request (default 1000), ALLOWED_ORIGINS
// (comma-separated origins, or `*`, the default). MAX_LEADS also caps an account's contacts.
//
// Limits: the body is read as a stream and reading stops (the stream is cancelled) as soon as it
// passes MAX_BODY_BYTES, with or without a Content-Length: 413 too_large. A batch, or an account's
// contacts, over MAX_LEADS: 413 too_many_leads.
//
// CORS: Access-Control-Allow-Origin on every response (errors too) for an allowed origin (`*` when
// ALLOWED_ORIGINS is `*`, else the request's Origin and `Vary: Origin`); none for another origin.
// Credentials are never allowed. Preflights get Allow-Methods, Allow-Headers (content-type) and
// Max-Age.
//
// Errors are JSON, { error: { status, code, path, message } }, `path` saying where (in the body, or
// the query parameter):
//   400 syntax (not JSON), encoding (not UTF-8), bad_content_length, bad_option / unknown_option /
//       bad_timestamp (the query), wrong_shape / unknown_field (the /score-batch and /score-account
//       bodies: `path` is the field), missing_field (/verify)
//   403 origin_not_allowed (preflight)   404 not_found   405 method_not_allowed (with Allow)
//   413 too_large (body), too_many_leads (batch, an account's contacts)
//   422 a lead the model refuses: the LeadscoreError's code and path (wrong_type at [3].events, at
//       contacts[1].events or account.intent for /score-account, ...);
//       a lead that is not a JSON object (a string is not parsed again as JSON text) is wrong_type
//   500 bad_config (a variable), bad_model (MODEL refused), internal
import { initSync, Scorer, version } from '../../pkg/leadscore.js';
import wasm from '../../pkg/leadscore_bg.wasm';

initSync({ module: wasm });

const JSON_TYPE = 'application/json; charset=utf-8';
// How long a browser may reuse a preflight (browsers cap it: Chromium at 2 hours, Firefox at 24).
const PREFLIGHT_MAX_AGE = '86400';

/** An error as a value: thrown anywhere below, turned into its JSON response in one place. */
class HttpError extends Error {
  constructor(status, code, message, path = '', headers = {}) {
    super(message);
    Object.assign(this, { status, code, path, headers });
  }
}

// ---- configuration ---------------------------------------------------------------------------

function positiveInt(raw, fallback, name) {
  if (raw === undefined || raw === null || raw === '') return fallback;
  const n = Number(raw);
  // The operator's mistake, not the client's: a 500.
  if (!Number.isSafeInteger(n) || n < 1) throw new HttpError(500, 'bad_config', `${name} must be a positive integer, not ${JSON.stringify(raw)}`);
  return n;
}

let config = null;
let configKey = null;

/** The limits and origins from env, parsed again only when the variables change. */
function configFor(env) {
  const key = `${env?.MAX_BODY_BYTES}\n${env?.MAX_LEADS}\n${env?.ALLOWED_ORIGINS}`;
  if (key !== configKey) {
    const origins = String(env?.ALLOWED_ORIGINS ?? '*').split(',').map((o) => o.trim()).filter(Boolean);
    const anyOrigin = origins.includes('*');
    config = {
      maxBodyBytes: positiveInt(env?.MAX_BODY_BYTES, 1024 * 1024, 'MAX_BODY_BYTES'),
      maxLeads: positiveInt(env?.MAX_LEADS, 1000, 'MAX_LEADS'),
      // With `*` every response has the same headers: made once, not per request.
      anyOriginHeaders: anyOrigin ? Object.freeze({ 'content-type': JSON_TYPE, 'access-control-allow-origin': '*' }) : null,
      origins: new Set(origins),
    };
    configKey = key;
  }
  return config;
}

// ---- the scorer ------------------------------------------------------------------------------

let scorer = null;
let scorerModel = null;

function scorerFor(env) {
  const model = env?.MODEL ?? null;
  if (!scorer || scorerModel !== model) {
    // Compile first, free after: if the model is refused, the old scorer is still whole (freeing
    // it first left a freed object behind, and every later request failed).
    let next;
    try {
      next = new Scorer(model ?? undefined);
    } catch (e) {
      throw new HttpError(500, 'bad_model', `the MODEL variable was refused: ${e?.message ?? e}`, e?.path ?? '');
    }
    scorer?.free();
    scorer = next;
    scorerModel = model;
  }
  return scorer;
}

// ---- responses -------------------------------------------------------------------------------

/**
 * A JSON response. `cx.headers` is the content type plus this request's CORS headers: every
 * response is made here or in `preflight`, so none goes out without them (errors included).
 */
const json = (cx, value, status = 200, extra = null) =>
  new Response(JSON.stringify(value), { status, headers: extra ? { ...cx.headers, ...extra } : cx.headers });

/**
 * What the scorer threw, as an HttpError: a LeadscoreError is a refused lead (422), except a body
 * that is not JSON (400 syntax) and a bad `asOf` option (400 bad_timestamp at the path `asOf`; a
 * lead's own bad times are at paths like `events[2].at`). Anything else is a bug: the scorer is
 * dropped so that the next request compiles a fresh one instead of using an instance that a trap
 * may have left half-updated.
 */
function refused(e, asOfPath = 'asOf') {
  if (e?.name === 'LeadscoreError') {
    if (e.code === 'syntax') return new HttpError(400, 'syntax', e.message, e.path);
    if (e.code === 'bad_timestamp' && e.path === 'asOf') return new HttpError(400, e.code, e.message, asOfPath);
    return new HttpError(422, e.code, e.message, e.path);
  }
  scorer = null;
  return new HttpError(500, 'internal', String(e?.message ?? e));
}

// ---- requests --------------------------------------------------------------------------------

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * The body as text, read from the stream and never more than `limit` bytes of it: a chunked body
 * has no Content-Length, and a request from another worker (a service binding) can carry any
 * Content-Length with any body, so the count is kept while reading, and the stream is cancelled as
 * soon as it passes the limit (the rest is never read into memory).
 */
async function readText(request, limit) {
  const declared = request.headers.get('content-length');
  let expected = -1;
  if (declared !== null) {
    if (!/^\d+$/.test(declared)) {
      throw new HttpError(400, 'bad_content_length', `Content-Length must be a number of bytes, not ${JSON.stringify(declared)}`);
    }
    expected = Number(declared);
    if (expected > limit) throw new HttpError(413, 'too_large', `the body is ${declared} bytes; the limit is ${limit} bytes (MAX_BODY_BYTES)`);
  }
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks = [];
  let size = 0;
  // With a Content-Length, the loop ends once that many bytes are in, without one more read (one
  // more trip through the stream) only to see it end.
  while (expected === -1 || size < expected) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      reader.cancel().catch(() => {});
      throw new HttpError(413, 'too_large', `the body is over the limit of ${limit} bytes (MAX_BODY_BYTES)`);
    }
    chunks.push(value);
  }
  // Over HTTP the two always agree (workerd frames the body by its Content-Length); a service
  // binding can send a body of another length than it declares.
  if (expected !== -1 && size !== expected) {
    reader.cancel().catch(() => {});
    throw new HttpError(400, 'bad_content_length', `the body is ${size > expected ? 'longer' : 'shorter'} than its Content-Length of ${expected} bytes`);
  }
  // A small body is one chunk: decoded as it is, without a copy.
  let bytes = chunks[0] ?? new Uint8Array(0);
  if (chunks.length > 1) {
    bytes = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.byteLength;
    }
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw new HttpError(400, 'encoding', 'the body is not UTF-8 text');
  }
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new HttpError(400, 'syntax', `the body is not valid JSON: ${e.message}`);
  }
}

/** `{ asOf, explain }` from the query string, or undefined when it has none (score at now). */
function queryOptions(url) {
  if (!url.search) return undefined;
  const options = {};
  for (const [name, value] of url.searchParams) {
    if (name !== 'asOf' && name !== 'explain') {
      throw new HttpError(400, 'unknown_option', `unknown query parameter ${name}: the options are asOf and explain`, name);
    }
    if (Object.hasOwn(options, name)) throw new HttpError(400, 'bad_option', `the query parameter ${name} is given twice`, name);
    if (name === 'asOf') {
      // Epoch milliseconds as a number; any other text goes to the scorer, which parses RFC 3339
      // exactly like the native engine does (and refuses anything else: 400 bad_timestamp).
      options.asOf = /^-?\d+$/.test(value) ? Number(value) : value;
    } else if (value === 'true' || value === 'false') {
      options.explain = value === 'true';
    } else {
      throw new HttpError(400, 'bad_option', `explain must be true or false, not ${JSON.stringify(value)}`, 'explain');
    }
  }
  return options;
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const kind = (v) => (v === undefined ? 'nothing' : v === null ? 'null' : Array.isArray(v) ? 'an array' : `a ${typeof v}`);

/** Scores a batch of leads (already parsed), within the lead cap. */
function scoreBatch(cx, leads, options) {
  if (leads.length > cx.cfg.maxLeads) {
    throw new HttpError(413, 'too_many_leads', `the batch has ${leads.length} leads; the limit is ${cx.cfg.maxLeads} leads per request (MAX_LEADS)`);
  }
  // The scorer would take a string in the array as a lead's JSON text and parse it: refused here, so
  // that every lead is scored exactly as sent.
  const bad = leads.findIndex((lead) => !isObject(lead));
  if (bad >= 0) throw new HttpError(422, 'wrong_type', `invalid lead: [${bad}]: a lead is a JSON object, found ${kind(leads[bad])}`, `[${bad}]`);
  const s = scorerFor(cx.env);
  let cards;
  try {
    cards = s.scoreMany(leads, options);
  } catch (e) {
    throw refused(e);
  }
  return json(cx, { cards });
}

/** Whether the first non-whitespace character of a JSON text is `[`: a batch. */
const isArrayText = (text) => /^[ \t\r\n]*\[/.test(text);

async function score(request, cx) {
  const options = queryOptions(cx.url);
  const text = await readText(request, cx.cfg.maxBodyBytes);
  if (isArrayText(text)) return scoreBatch(cx, parseJson(text), options);
  // One lead: its text goes straight to the scorer, which parses it inside wasm (no JSON.parse here
  // and no JSON.stringify in the glue), and refuses anything but an object.
  const s = scorerFor(cx.env);
  let card;
  try {
    card = s.score(text, options);
  } catch (e) {
    throw refused(e);
  }
  return json(cx, card);
}

async function scoreBatchRoute(request, cx) {
  const options = queryOptions(cx.url);
  const body = parseJson(await readText(request, cx.cfg.maxBodyBytes));
  if (Array.isArray(body)) return scoreBatch(cx, body, options);
  if (!isObject(body) || !Array.isArray(body.leads)) {
    throw new HttpError(400, 'wrong_shape', 'POST /score-batch takes { "leads": [...] } or an array of leads', 'leads');
  }
  const extra = Object.keys(body).find((k) => k !== 'leads');
  if (extra !== undefined) {
    throw new HttpError(400, 'unknown_field', `unknown field ${extra}: the body is { "leads": [...] }; options go in the query string (?asOf=&explain=)`, extra);
  }
  return scoreBatch(cx, body.leads, options);
}

const ACCOUNT_FIELDS = ['account', 'contacts'];

/**
 * One account and its contacts. The body's shape (an object with `account`, an object, and
 * `contacts`, an array; either left out or null) is checked here, as /score-batch checks its own: a
 * 400 naming the field. What is inside (a contact's events, the account's intent signals) is the
 * scorer's to judge: a 422 at the LeadscoreError's path (contacts[1].events, account.intent...).
 */
async function scoreAccountRoute(request, cx) {
  const options = queryOptions(cx.url);
  const text = await readText(request, cx.cfg.maxBodyBytes);
  const body = parseJson(text);
  const shape = 'POST /score-account takes { "account": {...}, "contacts": [...] }';
  // A JSON string is refused too: the scorer would take it as JSON text and parse it again.
  if (!isObject(body)) throw new HttpError(400, 'wrong_shape', `${shape}, not ${kind(body)}`);
  const extra = Object.keys(body).find((k) => !ACCOUNT_FIELDS.includes(k));
  if (extra !== undefined) {
    throw new HttpError(400, 'unknown_field', `unknown field ${extra}: the body is { "account": {...}, "contacts": [...] }; options go in the query string (?asOf=&explain=)`, extra);
  }
  const { account = null, contacts = null } = body;
  if (account !== null && !isObject(account)) throw new HttpError(400, 'wrong_shape', `${shape}: account is an object, not ${kind(account)}`, 'account');
  if (contacts !== null && !Array.isArray(contacts)) throw new HttpError(400, 'wrong_shape', `${shape}: contacts is an array, not ${kind(contacts)}`, 'contacts');
  if (contacts !== null && contacts.length > cx.cfg.maxLeads) {
    throw new HttpError(413, 'too_many_leads', `the account has ${contacts.length} contacts; the limit is ${cx.cfg.maxLeads} per request (MAX_LEADS)`, 'contacts');
  }
  const s = scorerFor(cx.env);
  let result;
  try {
    // The text (checked above) goes to the scorer as it came: parsed once more inside wasm, with no
    // JSON.stringify of the parsed value in the glue.
    result = s.scoreAccount(text, options);
  } catch (e) {
    throw refused(e);
  }
  return json(cx, result);
}

/** Cards are compared as JSON with sorted keys, without the `asOfDefaulted` flag. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).filter((k) => k !== 'asOfDefaulted').sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

async function verify(request, cx) {
  const body = parseJson(await readText(request, cx.cfg.maxBodyBytes));
  const { lead, card } = isObject(body) ? body : {};
  if (!isObject(card) || typeof card.asOf !== 'string') {
    throw new HttpError(400, 'missing_field', 'send { lead, card } with the card as the browser computed it', 'card');
  }
  if (!isObject(lead)) throw new HttpError(422, 'wrong_type', `invalid lead: a lead is a JSON object, found ${kind(lead)}`, 'lead');
  const s = scorerFor(cx.env);
  let expected;
  try {
    expected = s.score(lead, { asOf: card.asOf, explain: 'contributions' in card });
  } catch (e) {
    throw refused(e, 'card.asOf');
  }
  const fingerprintMatches = card.fingerprint === s.fingerprint;
  const matches = fingerprintMatches && canonical(card) === canonical(expected);
  return json(cx, { matches, fingerprintMatches, fingerprint: s.fingerprint, ...(matches ? {} : { expected }) });
}

function model(request, cx) {
  const s = scorerFor(cx.env);
  return json(cx, { id: s.model.id, version: s.model.version, fingerprint: s.fingerprint, leadscore: version() });
}

const ROUTES = {
  '/score': { POST: score },
  '/score-batch': { POST: scoreBatchRoute },
  '/score-account': { POST: scoreAccountRoute },
  '/model': { GET: model },
  '/verify': { POST: verify },
};
const ROUTE_LIST = 'POST /score, POST /score-batch, POST /score-account, GET /model, POST /verify';

// ---- CORS ------------------------------------------------------------------------------------

/** The headers of every JSON response to this request: the content type and CORS. */
function responseHeaders(request, cfg) {
  if (cfg.anyOriginHeaders) return cfg.anyOriginHeaders;
  // The answer depends on Origin: caches must keep one copy per origin.
  const headers = { 'content-type': JSON_TYPE, vary: 'Origin' };
  const origin = request.headers.get('origin');
  if (origin !== null && cfg.origins.has(origin)) headers['access-control-allow-origin'] = origin;
  return headers;
}

/** A CORS preflight: 204 with what the route allows, or 403 for an origin that is not allowed. */
function preflight(request, cx, methods) {
  const origin = request.headers.get('origin');
  const allowOrigin = cx.headers['access-control-allow-origin'];
  if (origin !== null && !allowOrigin) {
    throw new HttpError(403, 'origin_not_allowed', `the origin ${origin} is not allowed (ALLOWED_ORIGINS)`);
  }
  const allow = [...methods, 'OPTIONS'].join(', ');
  const headers = {
    allow,
    'access-control-allow-methods': allow,
    'access-control-allow-headers': 'content-type',
    'access-control-max-age': PREFLIGHT_MAX_AGE,
  };
  if (allowOrigin) headers['access-control-allow-origin'] = allowOrigin;
  if (cx.headers.vary) headers.vary = cx.headers.vary;
  return new Response(null, { status: 204, headers });
}

// ---- the handler -----------------------------------------------------------------------------

async function handle(request, cx) {
  const route = ROUTES[cx.url.pathname];
  if (!route) throw new HttpError(404, 'not_found', `no route ${cx.url.pathname}: ${ROUTE_LIST}`);
  const methods = Object.keys(route);
  if (request.method === 'OPTIONS') return preflight(request, cx, methods);
  const handler = route[request.method];
  if (!handler) {
    throw new HttpError(405, 'method_not_allowed', `${cx.url.pathname} takes ${methods.join(', ')}`, '', { allow: [...methods, 'OPTIONS'].join(', ') });
  }
  return handler(request, cx);
}

export default {
  async fetch(request, env) {
    // Until the variables are read, an error (a bad variable) has no CORS headers to carry.
    const cx = { env, url: null, cfg: null, headers: { 'content-type': JSON_TYPE } };
    try {
      cx.cfg = configFor(env);
      cx.headers = responseHeaders(request, cx.cfg);
      cx.url = new URL(request.url);
      return await handle(request, cx);
    } catch (e) {
      const error = e instanceof HttpError ? e : new HttpError(500, 'internal', String(e?.message ?? e));
      return json(cx, { error: { status: error.status, code: error.code, path: error.path, message: error.message } }, error.status, error.headers);
    }
  },
};
