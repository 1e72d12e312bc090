// Training in wasm under Node on the UCI Bank Marketing file (same split and options as
// bench/predict.rs): holdout AUC and training time, to set beside the native figures.
//   node bench/js/predict.mjs [path-to-bank-additional-full.csv]
import { readFileSync, existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';

const path = process.argv[2] ?? process.env.LEADSCORE_BANK_CSV ?? 'examples/data/bank-additional-full.csv';
if (!existsSync(path)) {
  console.log(`${path} not found: pass the UCI Bank Marketing file (bank-additional-full.csv)`);
  process.exit(0);
}
const ls = createRequire(import.meta.url)('../../pkg/node/leadscore.js');
const text = readFileSync(path, 'utf8');
const options = { target: 'y', ignore: ['duration'], separator: ';', holdoutEvery: 5, id: 'bank-term-deposit' };
const times = [];
let result;
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  result = ls.train(text, options);
  times.push((performance.now() - t) / 1000);
}
times.sort((a, b) => a - b);
console.log(`wasm (Node ${process.version}): test AUC ${result.report.holdout.auc.toFixed(4)}, training time median of 5: ${times[2].toFixed(3)} s (min ${times[0].toFixed(3)} s), ${result.model.rules.length} rules`);
