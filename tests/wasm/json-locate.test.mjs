// www/json-locate.js: the line of a location (the engine's `segments`) in a model's JSON text, which
// the playground runs on the main thread for every issue, so it must never loop or throw.
// `node --test tests/wasm/json-locate.test.mjs`; no wasm needed.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { lineOf, pathOffsets } from '../../www/json-locate.js';

const pretty = (doc) => JSON.stringify(doc, null, 2);
/** The 1-based line of the first line of `text` that includes `needle`. */
const lineWith = (text, needle) => {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `no line has ${needle}`);
  return i + 1;
};

/**
 * lineOf in a worker thread: a loop (the bug this file guards against) fails the test after `ms`
 * instead of hanging the run, since a synchronous loop cannot be timed out on the test's own thread.
 */
function lineOfInWorker(text, segments, ms = 20_000) {
  const url = new URL('../../www/json-locate.js', import.meta.url).href;
  const source = `const { parentPort, workerData } = require('node:worker_threads');
    import(${JSON.stringify(url)}).then(({ lineOf }) => parentPort.postMessage(lineOf(workerData.text, workerData.segments)));`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(source, { eval: true, workerData: { text, segments } });
    const timer = setTimeout(() => {
      worker.terminate();
      reject(new Error(`lineOf did not return within ${ms} ms: it loops`));
    }, ms);
    worker.once('message', (line) => { clearTimeout(timer); worker.terminate(); resolve(line); });
    worker.once('error', (e) => { clearTimeout(timer); reject(e); });
  });
}

const MODEL = pretty({
  schema: 'leadscore/v1',
  id: 'm',
  version: '1',
  groups: { fit: { max: 40 }, 'my group': { max: 'lots' } },
  rules: [
    { id: 'a', group: 'fit', points: 5, when: { field: 'email.business', eq: true } },
    { id: 'b', group: 'my group', points: 3, when: { field: 'title.seniority', in: ['vp', 'c_level'] } },
  ],
  tiers: [{ name: 'hot', min: 60 }, { name: 'cold', min: 0 }],
});

test('the two reported freezes: a quoted key (groups["my group"].max) and a missing top-level key (schema)', async () => {
  assert.equal(await lineOfInWorker(MODEL, ['groups', 'my group', 'max']), lineWith(MODEL, '"max": "lots"'));
  const noSchema = MODEL.replace('  "schema": "leadscore/v1",\n', '');
  assert.equal(await lineOfInWorker(noSchema, ['schema']), 1);
});

test('quoted keys are found by their segments: spaces, dots, brackets, quotes, backslashes, unicode, empty', () => {
  const keys = ['my group', 'a.b', 'x[0]', '["y"]', 'say "hi"', 'back\\slash', 'tab\there', 'naïve Größe', '日本', '🚀 launch', '', ' '];
  const doc = { groups: Object.fromEntries(keys.map((k) => [k, { max: 1 }])) };
  const text = pretty(doc);
  const offsets = pathOffsets(text);
  for (const k of keys) {
    const line = text.split('\n').findIndex((l) => l.trim() === `${JSON.stringify(k)}: {`) + 1;
    assert.ok(line > 0, k);
    assert.equal(lineOf(text, ['groups', k], offsets), line, k);
    assert.equal(lineOf(text, ['groups', k, 'max'], offsets), line + 1, k);
  }
  // No joined strings: the key "a.b" is not the path a → b, and "x[0]" is not x → 0.
  const tricky = pretty({ a: { b: 1 }, 'a.b': 2, x: [3], 'x[0]': 4 });
  assert.equal(lineOf(tricky, ['a', 'b']), 3);
  assert.equal(lineOf(tricky, ['a.b']), 5);
  assert.equal(lineOf(tricky, ['x', 0]), 7);
  assert.equal(lineOf(tricky, ['x[0]']), 9);
});

test('array indexes are numbers: index 1 and the key "1" are different locations', () => {
  const offsets = pathOffsets(MODEL);
  assert.equal(lineOf(MODEL, ['rules', 1, 'when', 'field'], offsets), lineWith(MODEL, '"field": "title.seniority"'));
  assert.equal(lineOf(MODEL, ['tiers', 1], offsets), lineWith(MODEL, '"name": "cold"') - 1);
  assert.equal(lineOf(MODEL, ['rules', '1'], offsets), lineWith(MODEL, '"rules"'), 'a string is not an index');
  const text = pretty({ list: [10, 20], map: { 1: 'one' } });
  assert.equal(lineOf(text, ['list', 1]), 4);
  assert.equal(lineOf(text, ['map', '1']), 7);
  assert.equal(lineOf(text, ['map', 1]), 6, 'an index is not a key: falls back to map');
});

test('a missing location falls back to its nearest ancestor that exists', () => {
  const offsets = pathOffsets(MODEL);
  const when = lineWith(MODEL, '"field": "title.seniority"') - 1;
  assert.equal(lineOf(MODEL, ['rules', 1, 'when', 'nope'], offsets), when);
  assert.equal(lineOf(MODEL, ['rules', 1, 'when', 'nope', 'deeper', 7], offsets), when);
  assert.equal(lineOf(MODEL, ['rules', 9, 'when'], offsets), lineWith(MODEL, '"rules"'));
  assert.equal(lineOf(MODEL, ['groups', 'other group', 'max'], offsets), lineWith(MODEL, '"groups"'));
  // Through a scalar: groups.fit.max is a number, it has no children.
  assert.equal(lineOf(MODEL, ['groups', 'fit', 'max', 'x'], offsets), lineWith(MODEL, '"max": 40'));
});

test('a missing top-level key, the root and no segments at all are line 1', () => {
  const noSchema = MODEL.replace('  "schema": "leadscore/v1",\n', '');
  assert.notEqual(noSchema, MODEL);
  assert.equal(lineOf(noSchema, ['schema']), 1);
  assert.equal(lineOf(MODEL, []), 1);
  assert.equal(lineOf(MODEL, undefined), 1, 'an issue without segments (an older pkg/) does not throw');
  assert.equal(lineOf(MODEL, ['id']), 3);
});

test('a duplicate key: the last one is located, as it is the value JSON.parse and serde_json read', () => {
  const text = '{\n  "a": {\n    "b": 1\n  },\n  "a": {\n    "c": 2\n  }\n}';
  assert.equal(lineOf(text, ['a']), 5);
  assert.equal(lineOf(text, ['a', 'c']), 6);
  assert.equal(lineOf(text, ['a', 'b']), 5, 'the first "a"\'s member is not in the value read');
});

test('empty and blank text: every location is line 1', () => {
  for (const text of ['', ' ', '\n\n\n', '\t\r\n']) {
    assert.equal(pathOffsets(text).children, null, JSON.stringify(text));
    assert.equal(lineOf(text, ['schema']), 1);
    assert.equal(lineOf(text, []), 1);
  }
});

test('invalid JSON keeps what was found before the problem, and never throws', () => {
  const cases = [
    ['{\n  "a": 1,,\n  "b": 2\n}', ['a'], 2, ['b'], 1],
    ['{\n  "a": [\n    1,\n    2', ['a', 1], 4, ['a', 2], 2],
    ['{\n  "a": 1,\n  "b\n": 2\n}', ['a'], 2, ['b\n'], 1], // a raw newline in a key
    ['{\n  "a": 1,\n  "\\x": 2\n}', ['a'], 2, ['\\x'], 1], // a bad escape
    ['{\n  "a": "unterminated\n}', ['a'], 2, ['a', 0], 2],
    ['{\n  "a": [\n    1,\n  ]\n}', ['a', 0], 3, ['a', 1], 2], // a trailing comma is no element
    ['{\n  "a": 1\n  oops\n}', ['a'], 2, ['oops'], 1],
    ['{\n  "a": 1\n}\n{\n  "b": 2\n}', ['a'], 2, ['b'], 1], // a second document
  ];
  for (const [text, found, foundLine, lost, lostLine] of cases) {
    assert.doesNotThrow(() => pathOffsets(text), text);
    assert.equal(lineOf(text, found), foundLine, text);
    assert.equal(lineOf(text, lost), lostLine, text);
  }
  for (const garbage of ['oops', '}', ']]]', ':', ',', '"', '\\', '{"', '{"a"', '{"a":', '[,', 'nul', '// comment\n{}', '\u0000', '\ud800']) {
    assert.equal(lineOf(garbage, ['a', 0, 'b']), 1, JSON.stringify(garbage));
  }
});

test('truncated at every character, a location whose line is complete is still found on its line', () => {
  const text = MODEL;
  const full = pathOffsets(text);
  const locations = [];
  (function walk(node, segments) {
    locations.push([segments, node.line]);
    for (const [k, child] of node.children ?? []) walk(child, [...segments, k]);
  })(full, []);
  assert.ok(locations.length >= 30, `${locations.length}`);
  const lineEnds = [...text.matchAll(/\n/g)].map((m) => m.index);
  for (let cut = 0; cut <= text.length; cut += 1) {
    const prefix = text.slice(0, cut);
    const offsets = pathOffsets(prefix);
    for (const [segments, line] of locations) {
      const got = lineOf(prefix, segments, offsets);
      const complete = cut >= (lineEnds[line - 1] ?? text.length);
      if (complete) assert.equal(got, line, `cut ${cut}: ${JSON.stringify(segments)}`);
      else assert.ok(got >= 1 && got <= line, `cut ${cut}: ${JSON.stringify(segments)} at ${got}, past ${line}`);
    }
  }
});

test('deeply nested text neither overflows the stack nor loops', async () => {
  const depth = 200_000;
  // Valid: the innermost element [0, 0, ..., 0] is the value 1 on line depth + 1.
  const nested = `${'[\n'.repeat(depth)}1\n${']\n'.repeat(depth)}`;
  assert.equal(lineOf(nested, Array(depth).fill(0)), depth + 1);
  assert.equal(lineOf(nested, Array(depth / 2).fill(0)), depth / 2 + 1);
  // Unclosed, and an object chain cut short.
  assert.equal(lineOf('['.repeat(1_000_000), Array(5).fill(0)), 1);
  // The k-th key "a" is on line k + 1; the deepest one found stands in for the missing rest.
  const chain = `${'{\n"a":'.repeat(depth)}`;
  assert.equal(await lineOfInWorker(chain, Array(depth + 5).fill('a')), depth + 1);
});

test('a generated 20,000-rule model is scanned once and every rule is found', () => {
  const rules = Array.from({ length: 20_000 }, (_, i) => ({ id: `r${i}`, group: 'fit', points: 1, when: { field: 'company.employees', gte: i } }));
  const text = pretty({ schema: 'leadscore/v1', id: 'big', version: '1', groups: { fit: {} }, rules, tiers: [{ name: 'all', min: 0 }] });
  const offsets = pathOffsets(text);
  const lines = text.split('\n');
  for (const i of [0, 1, 9_999, 19_998, 19_999]) {
    const line = lineOf(text, ['rules', i, 'when', 'gte'], offsets);
    assert.equal(lines[line - 1].trim(), `"gte": ${i}`);
    assert.equal(lineOf(text, ['rules', i, 'id'], offsets), line - 5);
  }
  assert.equal(lineOf(text, ['rules', 20_000, 'id'], offsets), lineWith(text, '"rules"'));
  assert.equal(lineOf(text, ['tiers', 0, 'min'], offsets), lines.length - 3);
});

/** A seeded generator (mulberry32): the same documents on every run, no dependencies. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['a', 'id', 'my group', '.', '[', ']', '"', '\\', '\n', '\t', '\u2028', 'é', '日', '🚀', '0', '12', ' ', ':', ',', '{', '}', 'max'];

function randomDoc(rnd, depth = 0) {
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const text = () => Array.from({ length: Math.floor(rnd() * 4) }, () => pick(PIECES)).join('');
  const kind = depth > 5 ? Math.floor(rnd() * 4) : Math.floor(rnd() * 6);
  switch (kind) {
    case 0: return text();
    case 1: return pick([0, -1, 1.5, 1e21, -2.5e-7, 123456789]);
    case 2: return pick([true, false, null]);
    case 3: return rnd() < 0.5 ? [] : {};
    case 4: return Array.from({ length: Math.floor(rnd() * 5) }, () => randomDoc(rnd, depth + 1));
    default: {
      const o = {};
      for (let n = Math.floor(rnd() * 5); n > 0; n -= 1) {
        const k = text();
        if (k !== '__proto__') o[k] = randomDoc(rnd, depth + 1);
      }
      return o;
    }
  }
}

/** Lines `value` takes when pretty-printed with 2 spaces: a non-empty container opens and closes. */
function height(value) {
  const children = value !== null && typeof value === 'object' ? Object.values(value) : [];
  return children.length ? 2 + children.reduce((sum, c) => sum + height(c), 0) : 1;
}

/** Every location of `value` with its line, from the value alone (not from the text): [segments, line]. */
function expectedLines(value, segments = [], line = 1, out = []) {
  out.push([segments, line]);
  if (value !== null && typeof value === 'object') {
    let next = line + 1;
    for (const [k, child] of Object.entries(value)) {
      expectedLines(child, [...segments, Array.isArray(value) ? Number(k) : k], next, out);
      next += height(child);
    }
  }
  return out;
}

test('randomized: in 1,000 pretty-printed random documents every location is on the line its value puts it', () => {
  const rnd = random(20261123);
  let checked = 0;
  for (let n = 0; n < 1000; n += 1) {
    const doc = randomDoc(rnd);
    const text = pretty(doc);
    const lines = text.split('\n');
    assert.equal(height(doc), lines.length, 'the independent line count agrees with JSON.stringify');
    const offsets = pathOffsets(text);
    for (const [segments, line] of expectedLines(doc)) {
      assert.equal(lineOf(text, segments, offsets), line, `${text}\n${JSON.stringify(segments)}`);
      // And the line is that member's: it starts with its key.
      const last = segments.at(-1);
      if (typeof last === 'string') assert.ok(lines[line - 1].trimStart().startsWith(`${JSON.stringify(last)}: `), lines[line - 1]);
      // A child that does not exist falls back to this location.
      assert.equal(lineOf(text, [...segments, 'not here \u0000'], offsets), line);
      checked += 1;
    }
  }
  assert.ok(checked > 2000, `only ${checked} locations`);
});
