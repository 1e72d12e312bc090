// Makes the errors that wasm-bindgen's glue raises itself LeadscoreErrors, like every other
// failure of the API. Run on each generated glue file after wasm-pack (the Makefile's pkg-*).
//
// Why a patch: a method called on a freed Scorer (`scorer.free(); scorer.score(...)`), or a Scorer
// freed while one of its calls is running, is refused inside wasm-bindgen's own code, which throws
// a plain `Error('null pointer passed to rust')` through its `__wbindgen_throw` import. No
// attribute changes that, and the glue is generated, so the one line that throws is replaced
// here; the build fails if it is not found (a wasm-bindgen upgrade that changes it must be looked
// at), and tests/wasm/node.test.mjs checks the result.
import { readFileSync, writeFileSync } from 'node:fs';

// `name: function(arg0, arg1) {` in the web and Node glue, `export function name(arg0, arg1) {` in
// the bundler's.
const THROW = /(__wbindgen_throw_[0-9a-f]+(?:: function)?\(arg0, arg1\) \{\n\s*)throw new Error\(getStringFromWasm0\(arg0, arg1\)\);/;
const REPLACEMENT = `$1const text = getStringFromWasm0(arg0, arg1);
            const reason = /null pointer|moved|borrowed/.test(text) ? \`this Scorer was freed (scorer.free()) and cannot be used: make a new Scorer (\${text})\` : text;
            throw Object.assign(new Error(reason), { name: 'LeadscoreError', kind: 'usage', code: 'invalid_value', path: '', segments: [], reason });`;

for (const file of process.argv.slice(2)) {
  const glue = readFileSync(file, 'utf8');
  if (glue.includes("name: 'LeadscoreError', kind: 'usage'")) continue; // already patched
  if (!THROW.test(glue)) {
    console.error(`${file}: wasm-bindgen's __wbindgen_throw not found; check the glue of this wasm-bindgen version`);
    process.exit(1);
  }
  writeFileSync(file, glue.replace(THROW, REPLACEMENT));
}
