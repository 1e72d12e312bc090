// Trains and backtests off the page's main thread, so a large history never freezes the page. Uses
// the web package built with training (pkg/train). Messages in: { id, kind: 'backtest' | 'train' | 'audit', csv,
// model, options }; out: { id, progress } while working, then { id, result, ignored } (the columns
// training left out) or { id, error }.
import init, { train, backtest, audit } from '../pkg/train/leadscore.js';

const ready = init();

self.onmessage = async ({ data }) => {
  const { id, kind, csv, model, options } = data;
  const say = (progress) => self.postMessage({ id, progress });
  try {
    await ready;
    let result;
    if (kind === 'train') {
      say(`Training on ${csv.length.toLocaleString()} characters of history…`);
      // The trainer reports (stage, done, total) at most once per percent: the status line follows it.
      const onProgress = (stage, done, total) => say(`Training: ${stage} ${Math.floor((100 * done) / Math.max(total, 1))}%…`);
      const trained = train(csv, { target: options.target, separator: options.separator, ignore: options.ignore ?? [], holdoutEvery: 5, trainer: options.trainer ?? 'auto' }, onProgress);
      say('Backtesting the trained model on the held-out fifth…');
      const report = backtest(trained.model, csv, { target: options.target, separator: options.separator, testEvery: 5, asOf: options.asOf, capacity: options.capacity });
      result = { trained, report };
    } else if (kind === 'audit') {
      say(`Auditing fairness across ${options.segment.join(', ')}…`);
      result = { audit: audit(model, csv, options) };
    } else {
      say(`Backtesting on ${csv.length.toLocaleString()} characters of history…`);
      result = { report: backtest(model, csv, options) };
    }
    self.postMessage({ id, result, ignored: options.ignore });
  } catch (e) {
    self.postMessage({ id, error: { message: e.message, reason: e.reason ?? e.message, line: e.line, field: e.field, code: e.code } });
  }
};
