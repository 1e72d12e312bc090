// Contender (e): the default model in json-logic-js: one JSON Logic expression per group, summing each
// rule's points when its condition holds. Title seniority, email flags and decayed event sums are
// custom operations backed by the shared hand-written signals (JSON Logic has no time decay or
// domain lists).
import jsonLogic from 'json-logic-js';
import { COUNTRIES, CRMS, EVENT_RULES, INDUSTRIES, emailFlags, eventPoints, finish, inactive, seniority } from './signals.mjs';

const lower = (v) => (typeof v === 'string' ? v.trim().toLowerCase() : undefined);
jsonLogic.add_operation('seniority', seniority);
jsonLogic.add_operation('lower', lower);
jsonLogic.add_operation('mail', (email, flag) => emailFlags(email)[flag]);
jsonLogic.add_operation('intersects', (list, wanted) => Array.isArray(list) && list.some((x) => wanted.includes(lower(x))));
jsonLogic.add_operation('eventPoints', (events, asOf, i) => eventPoints(Array.isArray(events) ? events : [], asOf, EVENT_RULES[i]).centi);
jsonLogic.add_operation('inactive', (events, createdAt, asOf, days) => inactive({ events: Array.isArray(events) ? events : [], createdAt }, asOf, days));

const v = (path) => ({ var: path });
const rule = (cond, points) => ({ if: [cond, points, 0] });
const level = { seniority: [v('title')] };

/** The default model as three JSON Logic expressions, one per group (hundredths of points). */
export const GROUPS = {
  fit: {
    '+': [
      rule({ in: [level, ['c_level', 'vp']] }, 2000),
      rule({ '==': [level, 'director'] }, 1200),
      rule({ '==': [level, 'manager'] }, 500),
      rule({ in: [{ lower: [v('company.industry')] }, INDUSTRIES] }, 1000),
      rule({ '<=': [200, v('company.employees'), 1000] }, 1000),
      rule({ in: [{ lower: [v('company.country')] }, COUNTRIES] }, 500),
      rule({ '>=': [v('company.revenue'), 10_000_000] }, 500),
      rule({ intersects: [v('company.techStack'), CRMS] }, 500),
    ],
  },
  engagement: { '+': EVENT_RULES.flatMap((r, i) => (r.points > 0 ? [{ eventPoints: [v('events'), v('asOf'), i] }] : [])) },
  negative: {
    '+': [
      ...EVENT_RULES.flatMap((r, i) => (r.points < 0 ? [{ eventPoints: [v('events'), v('asOf'), i] }] : [])),
      rule({ inactive: [v('events'), v('createdAt'), v('asOf'), 60] }, -1500),
      rule({ mail: [v('email'), 'free'] }, -1000),
      rule({ mail: [v('email'), 'disposable'] }, -2500),
      rule({ '==': [level, 'student'] }, -1000),
    ],
  },
};

/** The default model's score (0-100) of one lead object at `asOf` (epoch ms). */
export function scoreLead(lead, asOf) {
  const data = { ...lead, asOf };
  return finish(jsonLogic.apply(GROUPS.fit, data), jsonLogic.apply(GROUPS.engagement, data), jsonLogic.apply(GROUPS.negative, data));
}
