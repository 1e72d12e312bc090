// TypeScript types of the leadscore JS API, added to the generated .d.ts by src/wasm.rs. They mirror the
// Rust types (src/model/types.rs, src/engine/card.rs, src/error.rs) and docs/model.md; tests compile
// an example against them with tsc and check the vectors' results against them.

/** A point in time: a Date, RFC 3339 text (`2026-11-23T09:30:00Z`), or epoch milliseconds. */
export type Instant = Date | string | number;

/** Options of `score`, `scoreMany` and `scoreNdjson`. */
export interface ScoreOptions {
  /** Score as of this time (events after it are ignored). Omitted: now, and the card says so. */
  asOf?: Instant;
  /** `false`: leave out `groups` and `contributions` (a `ScoreSummary`). Default `true`. */
  explain?: boolean;
}

/** Options that ask for the full card (the default). */
export type ExplainOptions = ScoreOptions & { explain?: true };
/** Options that ask for a summary. */
export type SummaryOptions = ScoreOptions & { explain: false };

/**
 * The result type follows `options.explain`: the generated class methods return full cards (options
 * typed `ExplainOptions`); these overloads, merged into the `Scorer` class, return a `ScoreSummary`
 * for `explain: false` and either for a boolean known only at run time.
 */
export interface Scorer {
  score(lead: Lead | string, options: SummaryOptions): ScoreSummary;
  score(lead: Lead | string, options?: ScoreOptions | null): ScoreCard | ScoreSummary;
  scoreMany(leads: Array<Lead | string>, options: SummaryOptions): ScoreSummary[];
  scoreMany(leads: Array<Lead | string>, options?: ScoreOptions | null): ScoreCard[] | ScoreSummary[];
  scoreNdjson(text: string | Uint8Array, options: SummaryOptions): ScoreSummary[];
  scoreNdjson(text: string | Uint8Array, options?: ScoreOptions | null): ScoreCard[] | ScoreSummary[];
}

/** One event in a lead's history; every other key is one of the event's fields. */
export interface LeadEvent {
  type: string;
  at: Instant;
  [field: string]: unknown;
}

/** A lead: any JSON object; `events` and `id` have meaning to the engine. */
export interface Lead {
  /** Echoed on the score card as `leadId`. */
  id?: string | number;
  events?: LeadEvent[] | null;
  [field: string]: unknown;
}

/** Machine-readable problem kinds (docs/model.md, "Errors"). */
export type IssueCode =
  | 'syntax' | 'unknown_field' | 'missing_field' | 'wrong_type' | 'invalid_value' | 'duplicate_id'
  | 'empty_list' | 'out_of_order' | 'unknown_signal' | 'unknown_group' | 'bad_timestamp' | 'too_large'
  | 'too_deep'
  | 'conflict' | 'matching';

/** One step of a location: an object key or an array index. */
export type PathSegment = string | number;

/** A problem located inside a JSON document, as text (`path`) and as data (`segments`). */
export interface Located {
  /** The JSON path as text: `rules[3].when.field`, `groups["my group"].max`; "" for the root. */
  path: string;
  /** The same path as data: `["rules", 3, "when", "field"]`, `["groups", "my group", "max"]`. */
  segments: PathSegment[];
  code: IssueCode;
  message: string;
  /** For a syntax error (`code: "syntax"`): the 1-based line in the JSON text. */
  line?: number;
  /** For a syntax error: the 1-based column (in bytes, as the parser counts). */
  column?: number;
}

/** One problem in a model. */
export interface ValidationIssue extends Located {
  // Nothing of its own: a model problem is located like any other.
}

/** A tolerated problem with a lead's data (under `input.onInvalid: "warn"`). */
export interface LeadWarning extends Located {
  // Nothing of its own: located in the lead like an error.
}

/** What `validateModel` returns; it never throws. */
export interface ValidationReport {
  valid: boolean;
  issues: ValidationIssue[];
  /** Present when valid. */
  fingerprint?: string;
}

/** Every failure of the API: an Error named `LeadscoreError`. */
export interface LeadscoreError extends Error {
  name: 'LeadscoreError';
  /** What was refused: the request's own options (`usage`), the model, a lead, history `data`. */
  kind: 'usage' | 'model' | 'lead' | 'data' | 'io';
  code: IssueCode;
  /** JSON path of the problem (`events[3].at`; `[7].events[3].at` in scoreMany; `asOf`). */
  path: string;
  /** The same path as data (`[7, "events", 3, "at"]`). */
  segments: PathSegment[];
  /** The message without its location. */
  reason: string;
  /** For a refused model: every problem. */
  issues?: ValidationIssue[];
  /** 1-based line: in a JSON text for a syntax error; in the history (CSV line or row) for data. */
  line?: number;
  /** For a syntax error: the 1-based column in the JSON text. */
  column?: number;
  /** For refused training or backtest data: the column (field) at fault. */
  field?: string;
}

export type Scalar = string | number | boolean;
/** One text or a non-empty list of texts. */
export type Texts = string | string[];

/** A test on one field; every operator given must hold. */
export interface FieldTest {
  field: string;
  eq?: Scalar;
  ne?: Scalar;
  in?: Scalar[];
  notIn?: Scalar[];
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
  between?: [number, number];
  exists?: boolean;
  missing?: boolean;
  contains?: Texts;
  startsWith?: Texts;
  endsWith?: Texts;
  domainIn?: Texts;
}

export type Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | FieldTest;

export interface EventSpec {
  type: Texts;
  where?: Condition;
  withinDays?: number;
  halfLifeDays?: number;
  minCount?: number;
}

export interface Inactivity {
  days: number;
  types?: Texts;
  field?: string;
  whenNoActivity?: boolean;
}

export interface RuleBase {
  id: string;
  group: string;
  points: number;
  reason?: string;
  max?: number;
  min?: number;
  once?: boolean;
}

export type Rule = RuleBase & ({ when: Condition } | { event: EventSpec } | { inactive: Inactivity });

export interface Tier {
  name: string;
  min: number;
  action?: string;
  slaHours?: number;
  /** The tier in words for people, e.g. "Sales-ready: a rep calls within the hour". */
  label?: string;
}

/** A `leadscore/v1` model (docs/model.md). */
export interface ScoringModel {
  $schema?: string;
  schema: 'leadscore/v1';
  id: string;
  version: string;
  name?: string;
  description?: string;
  groups: Record<string, { max?: number; min?: number }>;
  signals?: {
    fields?: { email?: string; title?: string; employees?: string };
    competitorDomains?: string[];
    customerDomains?: string[];
    freeMailDomains?: string[];
    disposableDomains?: string[];
  };
  /** Limits, the wrong-type policy, and the texts that mean "not given" (`missing`). */
  input?: { maxEvents?: number; maxStringBytes?: number; onInvalid?: 'warn' | 'error'; missing?: string[] };
  rules: Rule[];
  scale?: { min?: number; max?: number; decimals?: number; raw?: [number, number] };
  tiers?: Tier[];
  grades?: { from: string; bands: { grade: string; min?: number }[] };
  calibration?: { offset: number; factor: number };
  /** How accounts and their contacts are scored (docs/model.md, "account"). */
  account?: AccountSection;
}

/** Conditions on a card: all given must hold. */
export interface CardGate {
  minScore?: number;
  tiers?: Texts;
  grades?: Texts;
  groups?: Record<string, number>;
}

/** The model's `account` section. */
export interface AccountSection {
  groups: Record<string, { max?: number; min?: number }>;
  rules?: Rule[];
  scale?: { min?: number; max?: number; decimals?: number; raw?: [number, number] };
  tiers?: Tier[];
  grades?: { from: string; bands: { grade: string; min?: number }[] };
  rollup: {
    group: string; policy?: 'topKMean' | 'cappedSum' | 'max'; k?: number; weight?: number;
    perContactCap?: number; cap?: number; engagedMin?: number;
  };
  breadth?: { group: string; steps: { contacts: number; points: number }[] };
  buyingGroup?: {
    group: string; completenessPoints?: number;
    roles: { id: string; label?: string; when: Condition; required?: number; weight?: number; points?: number }[];
  };
  intent?: {
    group: string; points: number; surge?: number; halfLifeDays?: number; maxAgeDays?: number; staleDays?: number;
    topics?: Record<string, number>;
    providers?: Record<string, { scale?: [number, number][]; surge?: number }>;
  };
  routing?: {
    matrix?: { lead?: Texts; account?: Texts; action: string; slaHours?: number }[];
    boost?: { accountTiers: Texts; group: string; points: number; reason?: string };
  };
  lifecycle?: {
    field?: string; sinceField?: string;
    stages: (CardGate & {
      id: string; label?: string; manual?: boolean; from?: string; when?: Condition; account?: CardGate;
      recycle?: { afterDays: number; to: string; belowScore?: number };
    })[];
  };
  matching?: {
    accountField?: string; domainFields?: Texts;
    severalAccounts?: 'first' | 'all' | 'none'; sharedDomain?: 'none' | 'lowestId' | 'all';
  };
  limits?: { maxContacts?: number; maxIntentSignals?: number };
}

/** One intent signal: a provider's score for a topic in a week (its first day) or at a time. */
export interface IntentSignalInput {
  provider: string;
  topic: string;
  score?: number | string;
  surge?: boolean;
  week?: Instant;
  at?: Instant;
}

/** The input of `scoreAccount`: the account's own fields (and product `events`, `intent`) and its contacts. */
export interface AccountInput {
  account?: Lead & { intent?: IntentSignalInput[] };
  contacts?: Array<Lead>;
}

export interface TierResult {
  name: string;
  /** 1 for the hottest tier. */
  rank: number;
  action: string | null;
  slaHours: number | null;
  /** The tier in words for people (the model's `tiers[].label`), when the model gives one. */
  label?: string;
}

export interface GroupTotal {
  group: string;
  /** After the group's cap or floor. */
  points: number;
  uncapped: number;
}

/** Points from one rule, or a group cap (`cap:<group>`). */
export interface Contribution {
  rule: string;
  group: string;
  kind:
    | 'attribute' | 'event' | 'inactivity' | 'groupCap'
    | 'rollup' | 'breadth' | 'role' | 'completeness' | 'intent' | 'accountBoost';
  points: number;
  reason: string;
  /** Event rules: matching events. */
  events?: number;
  /** Event rules with decay: points lost to decay. */
  decayed?: number;
  /** Event rules: points removed by the rule's cap or floor. */
  capped?: number;
  /** Inactivity rules: the last activity found. */
  lastActivityAt?: string;
  /** Where the merged (enriched) fields the rule read came from, one text per field. */
  provenance?: string[];
}

/** Completeness of the fields a fit judgement needs (models with a `quality` section). */
export interface QualityReport {
  /** Share of `quality.required` known, to four decimals. */
  completeness: number;
  missing: string[];
  /** Required fields whose only values were older than `maxAgeDays`. */
  stale: string[];
  /** Merged fields whose sources disagree beyond the tolerance. */
  conflicting: string[];
  /** Below `minCompleteness`: grade `unknown`, tier at most `tierCap`, action `quality.action`. */
  gated: boolean;
}

/** Another source's value for a merged field. */
export interface OtherValue {
  source: string;
  value: unknown;
  verifiedAt?: string;
  ageDays?: number;
  confidence?: number;
  status: 'agrees' | 'conflicts' | 'skipped';
  /** Why it was skipped. */
  reason?: string;
}

/** One merged field (models with an `enrichment` section). */
export interface EnrichedField {
  field: string;
  /** The value the rules saw (a range as its text, "51-200"); null when no source had one. */
  value: unknown;
  /** `lead` for the lead's own field. */
  source: string | null;
  verifiedAt?: string;
  ageDays?: number;
  confidence?: number;
  others: OtherValue[];
  /** All of it in words. */
  text: string;
}

/** The result of scoring one lead without its explanation (`explain: false`). */
export interface ScoreSummary {
  leadId?: string | number;
  modelId: string;
  modelVersion: string;
  fingerprint: string;
  /** RFC 3339, UTC, milliseconds. */
  asOf: string;
  /** Present (true) when no asOf was given and the current time was used. */
  asOfDefaulted?: true;
  score: number;
  raw: number;
  tier: TierResult | null;
  grade: string | null;
  label: string | null;
  probability: number | null;
  /** Models with a `quality` section. */
  quality?: QualityReport;
  warnings: LeadWarning[];
}

/** The result of scoring one lead; contributions add up exactly to `raw`. */
export interface ScoreCard extends ScoreSummary {
  groups: GroupTotal[];
  contributions: Contribution[];
  /** Models with an `enrichment` section: every merged field, its source and the others. */
  enrichment?: EnrichedField[];
}

/** The account's card: contributions add up exactly to `raw`. */
export interface AccountCard {
  accountId?: string | number;
  modelId: string;
  modelVersion: string;
  fingerprint: string;
  asOf: string;
  asOfDefaulted?: true;
  score: number;
  raw: number;
  tier: TierResult | null;
  grade: string | null;
  label: string | null;
  /** With `explain` (the default). */
  groups?: GroupTotal[];
  contributions?: Contribution[];
  contacts: {
    total: number;
    engaged: number;
    counted: { id: string; score: number; counted: number }[];
    leftOut: number;
  };
  buyingGroup?: {
    completeness: number;
    roles: { id: string; label?: string; required: number; filled: number; contacts: string[] }[];
    missing: string[];
  };
  intent?: {
    status: 'fresh' | 'stale' | 'none';
    latestAt?: string;
    signals: {
      provider: string; topic: string; score: number | null; common: number | null; at: string; weekly: boolean;
      ageDays: number; points: number;
      status: 'counted' | 'belowSurge' | 'otherTopic' | 'expired' | 'future' | 'superseded' | 'duplicate';
    }[];
  };
  warnings: LeadWarning[];
}

/** What a contact's card adds when it is scored with its account. */
export interface ContactExtras {
  account: { id?: string | number; score: number; tier: string | null; grade: string | null; missingRoles: string[] };
  route: { action: string | null; slaHours: number | null; by: 'matrix' | 'leadTier'; entry?: number } | null;
  stage?: {
    id: string | null; previous: string | null; change: 'entered' | 'kept' | 'recycled' | 'none';
    suggested?: string; reason: string;
  };
}

/** The result of `matchContacts`: accounts in id order, with their contacts' positions. */
export interface ContactMatching {
  groups: { id: string; account?: number; contacts: number[]; notes: LeadWarning[] }[];
  unmatched: { contact: number; reason: string }[];
}

/** The result of `scoreAccount`. */
export interface AccountResult {
  account: AccountCard;
  /** In input order; summaries (no groups or contributions) with `explain: false`. */
  contacts: Array<(ScoreCard | ScoreSummary) & ContactExtras>;
}

/** Options of `train` (the same as `leadscore train`'s flags). */
export interface TrainOptions {
  /** The outcome column: 1/0, yes/no, true/false. */
  target: string;
  /** Columns to leave out. */
  ignore?: string[];
  /** CSV separator (one character, default `,`). */
  separator?: string;
  /** Hold out every k-th row (0-based index a multiple of k) and report on it. */
  holdoutEvery?: number;
  /** At most this many bins per numeric column (default 10). */
  bins?: number;
  /** L2 penalty (default 1). */
  l2?: number;
  /** Share of training leads in the hot tier (default 0.1). */
  hot?: number;
  /** Share in the hot or warm tiers (default 0.3). */
  warm?: number;
  /** Model id (default `trained`). */
  id?: string;
  /** Texts that mean "not given", written into the model as `input.missing` (default: the model format's list). */
  missing?: string[];
  /** Sensitive columns: never inputs; the report audits the model against them (`report.sensitive`). */
  sensitive?: string[];
}

/** A bin of a column, as trained. */
export type Bin =
  | { kind: 'below'; below: number }
  | { kind: 'range'; from: number; to: number }
  | { kind: 'atLeast'; from: number }
  | { kind: 'level'; level: string }
  | { kind: 'other'; except: string[] }
  | { kind: 'missing' };

/** Ranking and probability quality on a set of rows. */
export interface Quality {
  rows: number;
  conversions: number;
  auc: number | null;
  logLoss: number;
  brier: number;
}

export interface TrainReport {
  target: string;
  columns: { name: string; kind: 'numeric' | 'categorical'; bins: Bin[] }[];
  /** Every bin's rule; `points: 0` ones are left out of the model. */
  rules: { id: string; reason: string; rows: number; rate: number; weight: number; points: number }[];
  intercept: number;
  iterations: number;
  notes: string[];
  train: Quality;
  holdout?: Quality;
  /** With `sensitive` columns: the model audited against them, on the holdout when there is one. */
  sensitive?: { rows: 'holdout' | 'training'; audit: AuditReport };
  /** Which fields the trained model reads are present, over every row. */
  coverage: CoverageReport;
}

/** What `train` returns: an ordinary, editable model and how it was made. */
export interface TrainResult {
  model: ScoringModel;
  report: TrainReport;
}

/** Options of `backtest` (the same as `leadscore backtest`'s flags). */
export interface BacktestOptions {
  target: string;
  ignore?: string[];
  separator?: string;
  /** RFC 3339 text or epoch ms; default now. */
  asOf?: string | number;
  /** Only rows whose 0-based index is a multiple of k. */
  testEvery?: number;
  /** Report what the best-scored N leads would have caught. */
  capacity?: number;
  /** Read `capacity` as leads per week over the weeks this date field spans. */
  capacityPerWeekBy?: string;
  /** Date field for a stability check, with `splitAt` (RFC 3339). */
  periodField?: string;
  splitAt?: string;
}

/** Conversion in a tier or grade; tiers also carry precision/recall/F1 of "this tier or hotter". */
export interface Segment {
  name: string;
  rows: number;
  conversions: number;
  rate: number;
  min?: number;
  precision?: number;
  recall?: number;
  f1?: number;
}

export interface BacktestReport {
  modelId: string;
  modelVersion: string;
  fingerprint: string;
  asOf: string;
  rows: number;
  conversions: number;
  baseRate: number;
  auc: number | null;
  logLoss: number | null;
  brier: number | null;
  tiers: Segment[];
  grades: Segment[];
  deciles: { decile: number; rows: number; conversions: number; rate: number; lift: number; cumulativeGain: number }[];
  /** Ten equal score bands over the model's scale, leads counted by outcome. */
  histogram: { from: number; to: number; converted: number; notConverted: number }[];
  calibration: { rows: number; predicted: number; observed: number }[];
  capacity?: { leads: number; weeks?: number; threshold: number; conversions: number; shareOfConversions: number; rate: number };
  stability?: { field: string; splitAt: string; before: number; after: number; undated: number; psi: number | null; reading: string };
  /** Which fields the model reads are present in the history. */
  coverage: CoverageReport;
}

/** One lead field a model reads, and in how many rows of a batch it is present (as `exists: true` reads it). */
export interface FieldCoverage {
  /** Dotted path, e.g. `company.employees` (the source of a derived signal: `title` for `title.seniority`). */
  field: string;
  present: number;
  /** `present / rows`. */
  share: number;
  /** Ids of the rules that read it. */
  readBy: string[];
}

/** A field (or `events`) the model reads that no row has; `didYouMean` is the batch's most similar column. */
export interface CoverageWarning {
  field: string;
  message: string;
  didYouMean?: string;
}

/** What `coverage`, `report.coverage` of `train` and `backtest` hold. */
export interface CoverageReport {
  rows: number;
  fields: FieldCoverage[];
  /** When a rule reads events: rows with at least one event a rule reads, and by type. */
  events?: { present: number; share: number; readBy: string[]; types: { type: string; present: number; share: number }[] };
  warnings: CoverageWarning[];
}

/** Options of `audit` (the same as `leadscore audit`'s flags). */
export interface AuditOptions {
  target: string;
  /** The segment columns to audit (at least one); a column the data does not have is refused, naming the columns it has. */
  segment: string[];
  ignore?: string[];
  separator?: string;
  /** RFC 3339 text or epoch ms; default now. */
  asOf?: string | number;
  /** Only rows whose 0-based index is a multiple of k. */
  testEvery?: number;
  /** Groups with fewer leads are too small to judge (default 30). */
  minRows?: number;
  /** Cramér's V above this makes a rule a proxy of a segment column (default 0.5). */
  proxyThreshold?: number;
}

/** A selection rate and its disparate-impact ratio against the best judged group's rate. */
export interface AuditSelection {
  selected: number;
  rate: number;
  /** `null` for a group too small to judge, for all leads, or when no judged group has anyone selected. */
  ratio: number | null;
  /** `ratio` below 0.8: the four-fifths rule's flag. */
  belowFourFifths: boolean;
}

/** One group of leads: a segment column's value (`(missing)` for rows without one), or `all leads`. */
export interface AuditGroup {
  value: string;
  rows: number;
  conversions: number;
  conversionRate: number;
  tooSmall: boolean;
  /** Share in the hottest tier; `null` when the model has no tiers. */
  topTier: AuditSelection | null;
  /** Share in the two hottest tiers ("warm or hotter"). */
  topTwoTiers: AuditSelection | null;
  auc: number | null;
  /** Why `auc` is null (the group has one outcome). */
  aucNote?: string;
  /** With a calibration: mean predicted probability, to compare with `conversionRate`. */
  meanProbability: number | null;
  meanScore: number;
}

/** A rule whose firing goes with a segment column (Cramér's V); `proxy` above the threshold. */
export interface AuditAssociation {
  rule: string;
  reason: string;
  fired: number;
  cramersV: number;
  proxy: boolean;
}

export interface AuditSegment {
  column: string;
  /** Rules that read the column itself: direct use of a sensitive attribute. */
  directUse: { rule: string; reason: string }[];
  groups: AuditGroup[];
  /** Values below four fifths on either selection rate. */
  flagged: string[];
  /** Every proxy, and at least the five most associated rules. */
  associations: AuditAssociation[];
}

/** What `audit` returns (the same as `leadscore audit --json`). */
export interface AuditReport {
  modelId: string;
  modelVersion: string;
  fingerprint: string;
  asOf: string;
  rows: number;
  conversions: number;
  topTier: string | null;
  topTwoTiers: string[];
  fourFifths: number;
  minRows: number;
  proxyThreshold: number;
  overall: AuditGroup;
  segments: AuditSegment[];
  notes: string[];
}
