// Compiled with `tsc --noEmit --strict` against the generated pkg/leadscore.d.ts: the README-style use
// of the API must type-check, and the marked misuses must not (each @ts-expect-error fails the
// build if its line compiles, so the types cannot silently turn into `any`).
import init, { Scorer, validateModel, defaultModel } from '../../pkg/leadscore.js';
import { train, backtest, audit, coverage } from '../../pkg/train/leadscore.js';
import type { Lead, ScoreCard, ScoreSummary, ScoringModel, ValidationIssue, LeadscoreError, TrainResult, BacktestReport, AuditReport, CoverageReport } from '../../pkg/leadscore.js';

export async function demo(): Promise<number> {
  await init();
  const model: ScoringModel = defaultModel();
  const scorer = new Scorer(model);
  const lead: Lead = { email: 'dana@acme.io', title: 'VP, Sales', events: [{ type: 'demo_request', at: new Date() }] };
  const card: ScoreCard = scorer.score(lead, { asOf: '2026-11-23T00:00:00Z' });
  const many: ScoreCard[] = scorer.scoreMany([lead, JSON.stringify(lead)]);
  const summaries: ScoreSummary[] = scorer.scoreNdjson(`${JSON.stringify(lead)}\n`, { explain: false });
  const either: ScoreCard | ScoreSummary = scorer.score(lead, { explain: Math.random() > 0.5 });
  // @ts-expect-error a summary has no contributions
  scorer.score(lead, { explain: false }).contributions;
  // @ts-expect-error explain is a boolean
  scorer.scoreMany([lead], { explain: 'no' });
  const tier: string | undefined = card.tier?.name;
  const reasons: string[] = card.contributions.map((c) => `${c.kind}: ${c.reason} ${c.points}`);
  const issues: ValidationIssue[] = validateModel('{}').issues;
  try {
    new Scorer({ schema: 'leadscore/v1', id: 'x', version: '1', groups: {}, rules: [] });
  } catch (e) {
    const err = e as LeadscoreError;
    console.log(err.code, err.path, err.issues?.length);
  }
  const trained: TrainResult = train('a,y\n1,yes\n2,no\n', { target: 'y', holdoutEvery: 5 });
  const report: BacktestReport = backtest(trained.model, [{ a: 1, y: true }], { target: 'y', capacity: 10 });
  const auc: number | null = report.auc;
  const covered: CoverageReport = coverage(trained.model, [lead]);
  const guess: string | undefined = report.coverage.warnings[0]?.didYouMean ?? covered.warnings[0]?.didYouMean;
  // @ts-expect-error coverage takes leads, not a number
  coverage(null, 42);
  console.log(guess);
  // @ts-expect-error the target is required
  train('a,y\n', { holdoutEvery: 5 });
  console.log(auc, trained.report.rules.length);
  const fairness: AuditReport = audit(trained.model, 'a,g,y\n1,x,yes\n', { target: 'y', segment: ['g'], minRows: 10 });
  const flagged: string[] = fairness.segments[0].flagged;
  const ratio: number | null | undefined = fairness.segments[0].groups[0].topTier?.ratio;
  // @ts-expect-error segment is a list of columns
  audit(trained.model, 'a,g,y\n', { target: 'y', segment: 'g' });
  console.log(flagged, ratio, train('a,g,y\n', { target: 'y', sensitive: ['g'] }).report.sensitive?.audit.rows);
  // @ts-expect-error score is a number
  const wrong: string = card.score;
  // @ts-expect-error a lead is an object or JSON text
  scorer.score(42);
  // @ts-expect-error asOf is a Date, text or number
  scorer.score(lead, { asOf: true });
  // @ts-expect-error rules need an id, group, points and one of when/event/inactive
  const bad: ScoringModel = { schema: 'leadscore/v1', id: 'x', version: '1', groups: {}, rules: [{ id: 'r' }] };
  console.log(tier, reasons, issues, many.length, summaries.length, either.score, wrong, bad);
  return card.score;
}
