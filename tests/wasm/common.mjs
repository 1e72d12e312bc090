// Node-side helpers for the wasm runners: reading the vectors and the native results.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, dirname } from 'node:path';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Every vector file, sorted: [{ name, doc }]. */
export function vectorFiles() {
  const dir = join(root, 'tests', 'vectors');
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
    .map((name) => ({ name, doc: JSON.parse(readFileSync(join(dir, name), 'utf8')) }));
}

export { canonical, matches } from './vectors-core.mjs';
import { runCases, canonical } from './vectors-core.mjs';

/** Runs every vector case against a leadscore module (see runCases). */
export function runVectors(ls) {
  return runCases(ls, vectorFiles());
}

/** The native build's result lines (target/vector-cards.native.jsonl), key-sorted like runCases'. */
export function nativeLines() {
  return readFileSync(join(root, 'target', 'vector-cards.native.jsonl'), 'utf8').trim().split('\n').map((line) => {
    const tab = line.indexOf('\t');
    return `${line.slice(0, tab)}\t${canonical(JSON.parse(line.slice(tab + 1)))}`;
  });
}

/** Debian's Chromium (CHROMIUM_PATH to override) with the flags this closed network needs. */
export const CHROMIUM = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};
