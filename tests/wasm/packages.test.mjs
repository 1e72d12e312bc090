// The three packages wasm-pack builds (pkg/ for the web, pkg/node, pkg/bundler) carry complete npm
// metadata taken from Cargo.toml, ship what their entry points need, and declare types.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './common.mjs';

const cargo = readFileSync(join(root, 'Cargo.toml'), 'utf8');
const cargoField = (k) => cargo.match(new RegExp(`^${k} = "(.*)"$`, 'm'))?.[1];

for (const dir of ['pkg', 'pkg/node', 'pkg/bundler', 'pkg/train']) {
  test(`${dir}/package.json is complete`, () => {
    const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
    assert.equal(pkg.name, 'leadscore');
    assert.equal(pkg.version, cargoField('version'));
    assert.equal(pkg.description, cargoField('description'));
    assert.equal(pkg.license, 'MIT');
    assert.match(pkg.repository.url, /leadscore/);
    assert.equal(pkg.types, 'leadscore.d.ts');
    for (const file of pkg.files) assert.ok(existsSync(join(root, dir, file)), `${dir}/${file} is listed but missing`);
    assert.ok(pkg.files.includes('leadscore_bg.wasm'));
    // The card builder (src/wasm/cards.js) ships as a snippet; the Node glue require()s that ES module.
    assert.ok(pkg.files.includes('snippets'), `${dir}: snippets not listed`);
    if (dir === 'pkg/node') assert.equal(pkg.engines?.node, '>=20.19');
    const dts = readFileSync(join(root, dir, 'leadscore.d.ts'), 'utf8');
    assert.match(dts, /score\(lead: Lead \| string, options\?: ExplainOptions \| null\): ScoreCard;/);
    assert.match(dts, /score\(lead: Lead \| string, options: SummaryOptions\): ScoreSummary;/);
    assert.match(dts, /scoreNdjson\(text: string \| Uint8Array, options\?: ExplainOptions \| null\): ScoreCard\[\];/);
    // Training is in the Node and train packages only: the web and bundler ones stay small.
    // The progress callback is optional: two-argument calls type-check.
    const trains = /export function train\(data: string \| Record<string, unknown>\[\], options: TrainOptions, on_progress\?: Function \| null\): TrainResult;/.test(dts);
    assert.equal(trains, dir === 'pkg/node' || dir === 'pkg/train', `${dir}: train exported: ${trains}`);
  });
}
