// The default model's signals written by hand in plain JavaScript, shared by the three JS contenders
// (hand-written, json-rules-engine, json-logic-js): title seniority from keywords, email domain lists,
// and the decayed sum over matching events. A team that hand-rolls scoring would write about this;
// the benchmark checks that it agrees with leadscore on every generated lead.
import { readFileSync } from 'node:fs';

const DAY_MS = 86_400_000;

function domainSet(file) {
  const text = readFileSync(new URL(`../../src/signals/data/${file}`, import.meta.url), 'utf8');
  return new Set(text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')));
}

const FREE_MAIL = domainSet('free_mail.txt');
const DISPOSABLE = domainSet('disposable.txt');

/** True when the domain or one of its parents (`a.b.c` -> `b.c`) is in the set. */
function inSet(set, domain) {
  for (let d = domain; d.includes('.'); d = d.slice(d.indexOf('.') + 1)) {
    if (set.has(d)) return true;
  }
  return false;
}

/** `{ free, disposable }` for an email address (disposable wins over free, as in leadscore). */
export function emailFlags(email) {
  if (typeof email !== 'string') return { free: false, disposable: false };
  const at = email.lastIndexOf('@');
  let domain = at < 0 ? '' : email.slice(at + 1).trim().toLowerCase();
  if (domain.endsWith('.')) domain = domain.slice(0, -1);
  if (!domain) return { free: false, disposable: false };
  const disposable = inSet(DISPOSABLE, domain);
  return { free: !disposable && FREE_MAIL.has(domain), disposable };
}

const C_LEVEL = new Set(['ceo', 'cfo', 'cto', 'coo', 'cmo', 'cro', 'cio', 'ciso', 'cpo', 'chief', 'founder', 'cofounder', 'owner', 'president']);
const VP = new Set(['vp', 'svp', 'evp', 'avp']);
const DIRECTOR = new Set(['director', 'dir']);
const MANAGER = new Set(['manager', 'mgr', 'lead']);
const STUDENT = new Set(['student', 'intern', 'trainee', 'apprentice']);

/** `c_level`, `vp`, `director`, `manager`, `student` or `other` from a job title's words. */
export function seniority(title) {
  if (typeof title !== 'string') return 'other';
  const words = title.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  if (words.some((w) => STUDENT.has(w))) return 'student';
  const text = ` ${words.join(' ')} `;
  if (text.includes(' vice president ') || text.includes(' head of ') || words.some((w) => VP.has(w))) {
    return 'vp';
  }
  if (words.some((w) => C_LEVEL.has(w))) return 'c_level';
  if (words.some((w) => DIRECTOR.has(w))) return 'director';
  if (words.some((w) => MANAGER.has(w))) return 'manager';
  return 'other';
}

/** Milliseconds of an event's `at` (epoch ms or RFC 3339 text), or NaN. */
function millis(at) {
  return typeof at === 'number' ? at : Date.parse(at);
}

/**
 * The points of one event rule: `points` per matching event within `withinDays`, halved every
 * `halfLifeDays`, summed, in hundredths, capped at `max` hundredths; `once` rules count once.
 * Returns `{ count, centi }`.
 */
export function eventPoints(events, asOf, rule) {
  let count = 0;
  let sum = 0;
  for (const e of events) {
    if (e.type !== rule.type) continue;
    const at = millis(e.at);
    if (!(at <= asOf) || (rule.withinDays !== undefined && asOf - at > rule.withinDays * DAY_MS)) continue;
    if (rule.urlContains && !(typeof e.url === 'string' && e.url.toLowerCase().includes(rule.urlContains))) {
      continue;
    }
    count += 1;
    sum += rule.halfLifeDays ? rule.points * 2 ** (-((asOf - at) / DAY_MS) / rule.halfLifeDays) : rule.points;
  }
  if (rule.once) return { count, centi: count > 0 ? Math.round(rule.points * 100) : 0 };
  const centi = Math.round(sum * 100);
  return { count, centi: rule.max === undefined ? centi : Math.min(centi, rule.max * 100) };
}

/** True when the lead had no activity (events, else `createdAt`) in `days` days before `asOf`. */
export function inactive(lead, asOf, days) {
  let last = -Infinity;
  for (const e of lead.events ?? []) {
    const at = millis(e.at);
    if (at <= asOf && at > last) last = at;
  }
  const created = lead.createdAt === undefined ? NaN : millis(lead.createdAt);
  if (created <= asOf && created > last) last = created;
  return asOf - last > days * DAY_MS;
}

/** The default model's event rules, as data the three JS contenders share. */
export const EVENT_RULES = [
  { id: 'email-open', type: 'email_open', points: 2, max: 10, withinDays: 90, halfLifeDays: 30 },
  { id: 'email-click', type: 'email_click', points: 5, max: 15, withinDays: 90, halfLifeDays: 30 },
  { id: 'pricing-view', type: 'page_view', points: 10, max: 20, withinDays: 30, urlContains: '/pricing' },
  { id: 'content-download', type: 'content_download', points: 8, max: 16, withinDays: 90, halfLifeDays: 45 },
  { id: 'webinar', type: 'webinar_attended', points: 12, max: 24, withinDays: 180, halfLifeDays: 60 },
  { id: 'demo-request', type: 'demo_request', points: 30, once: true, withinDays: 90 },
  { id: 'trial-start', type: 'trial_started', points: 20, once: true, withinDays: 30 },
  { id: 'unsubscribed', type: 'email_unsubscribe', points: -20, once: true },
];

export const INDUSTRIES = ['software', 'saas', 'internet', 'technology', 'information technology', 'it services', 'fintech', 'financial services'];
export const COUNTRIES = ['us', 'ca', 'gb', 'ie', 'de', 'fr', 'nl', 'au', 'united states', 'canada', 'united kingdom', 'germany', 'france', 'netherlands', 'australia'];
export const CRMS = ['salesforce', 'hubspot', 'pipedrive', 'dynamics 365'];

/** Group caps, the 0-100 scale and tiers of the default model, from hundredths of points per group. */
export function finish(fit, engagement, negative) {
  const raw = Math.min(fit, 6000) + Math.min(engagement, 6000) + Math.max(negative, -6000);
  return Math.min(100, Math.max(0, Math.round(raw / 100)));
}

export function tierOf(score) {
  return score >= 60 ? 'hot' : score >= 30 ? 'warm' : 'cold';
}
