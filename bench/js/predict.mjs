// Training in wasm under Node on the UCI Bank Marketing file, with `train`'s default options and the
// same split as bench/predict.rs: holdout AUC, log loss, Brier and training time, and whether the
// model and report are the bytes the native run wrote (target/bench/bank-*.native.json, written by
// `cargo bench --bench predict`): the model the playground trains is the CLI's, and scores the same.
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
let stages = 0;
const t = performance.now();
const result = ls.train(text, options, () => { stages += 1; });
const seconds = (performance.now() - t) / 1000;
const h = result.report.holdout;
console.log(`wasm (Node ${process.version}), default options: test AUC ${h.auc.toFixed(4)}, log loss ${h.logLoss.toFixed(4)}, Brier ${h.brier.toFixed(4)}, ${result.report.trainer}, ${result.model.rules.length} rules, trained in ${seconds.toFixed(1)} s (${stages} progress events)`);
const native = 'target/bench/bank-model.native.json';
if (existsSync(native)) {
  const same = JSON.stringify(result.model, null, 2) + '\n' === readFileSync(native, 'utf8');
  const sameReport = JSON.stringify(result.report) === readFileSync('target/bench/bank-report.native.json', 'utf8');
  console.log(`same model bytes as native: ${same ? 'yes' : 'NO'}; same report (every holdout row scored by the engine): ${sameReport ? 'yes' : 'NO'}`);
  if (!same || !sameReport) process.exitCode = 1;
}
