// One account of 500 contacts x 15 events scored in wasm (pkg/node) with scoreAccount, beside the
// same 500 contacts scored as plain leads with scoreMany (the peer), on the input the native bench
// wrote (target/account-500x15.json, `cargo bench --bench accounts`). Median of 30 runs after 5
// warm-ups; prints milliseconds per account. `make bench-accounts`.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const ls = require(`${root}pkg/node/leadscore.js`);
const text = readFileSync(`${root}target/account-500x15.json`, 'utf8');
const input = JSON.parse(text);
const scorer = new ls.Scorer();
const asOf = '2026-11-30T00:00:00Z';

function median(f) {
  for (let i = 0; i < 5; i += 1) f();
  const times = [];
  for (let i = 0; i < 30; i += 1) {
    const t = process.hrtime.bigint();
    f();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[15];
}

const result = scorer.scoreAccount(text, { asOf });
console.log(`one account: ${input.contacts.length} contacts; account score ${result.account.score}, ${result.account.contacts.engaged} engaged`);
const rows = [
  ['wasm scoreAccount (JSON text in, cards out)', median(() => scorer.scoreAccount(text, { asOf }))],
  ['wasm scoreAccount (object in)', median(() => scorer.scoreAccount(input, { asOf }))],
  ['wasm scoreAccount, explain: false', median(() => scorer.scoreAccount(text, { asOf, explain: false }))],
  ['peer: wasm scoreMany of the 500 contacts as leads', median(() => scorer.scoreMany(input.contacts, { asOf }))],
];
for (const [name, ms] of rows) console.log(`${name.padEnd(52)} ${ms.toFixed(2).padStart(8)} ms`);
