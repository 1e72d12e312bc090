// Contender (d): the default model in json-rules-engine (rules as JSON conditions over facts; points
// in each rule's event params). Title seniority, email flags and decayed event sums are facts computed
// by the shared hand-written signals: json-rules-engine has no notion of time decay or domain lists.
import { Engine } from 'json-rules-engine';
import { COUNTRIES, CRMS, EVENT_RULES, INDUSTRIES, emailFlags, eventPoints, finish, inactive, seniority } from './signals.mjs';

const lower = (v) => (typeof v === 'string' ? v.trim().toLowerCase() : undefined);
const when = (fact, operator, value, group, points) => ({
  conditions: { all: [{ fact, operator, value }] },
  event: { type: 'points', params: { group, points } },
});

/** A json-rules-engine `Engine` holding the default model's rules. */
export function buildEngine() {
  const engine = new Engine([], { allowUndefinedFacts: true, replaceFactsInEventParams: true });
  engine.addOperator('intersects', (list, wanted) => Array.isArray(list) && list.some((x) => wanted.includes(lower(x))));
  engine.addOperator('between', (x, [lo, hi]) => typeof x === 'number' && x >= lo && x <= hi);

  engine.addFact('seniority', (_, almanac) => almanac.factValue('title').then(seniority));
  engine.addFact('industry', (_, almanac) => almanac.factValue('company').then((c) => lower(c?.industry)));
  engine.addFact('country', (_, almanac) => almanac.factValue('company').then((c) => lower(c?.country)));
  engine.addFact('employees', (_, almanac) => almanac.factValue('company').then((c) => c?.employees));
  engine.addFact('revenue', (_, almanac) => almanac.factValue('company').then((c) => c?.revenue));
  engine.addFact('techStack', (_, almanac) => almanac.factValue('company').then((c) => c?.techStack));
  engine.addFact('mail', (_, almanac) => almanac.factValue('email').then(emailFlags));
  engine.addFact('eventPoints', async (params, almanac) => {
    const [events, asOf] = await Promise.all([almanac.factValue('events'), almanac.factValue('asOf')]);
    return eventPoints(Array.isArray(events) ? events : [], asOf, EVENT_RULES[params.rule]).centi;
  });
  engine.addFact('inactive60', async (_, almanac) => {
    const [events, createdAt, asOf] = await Promise.all(['events', 'createdAt', 'asOf'].map((f) => almanac.factValue(f)));
    return inactive({ events: Array.isArray(events) ? events : [], createdAt }, asOf, 60);
  });

  engine.addRule(when('seniority', 'in', ['c_level', 'vp'], 'fit', 2000));
  engine.addRule(when('seniority', 'equal', 'director', 'fit', 1200));
  engine.addRule(when('seniority', 'equal', 'manager', 'fit', 500));
  engine.addRule(when('industry', 'in', INDUSTRIES, 'fit', 1000));
  engine.addRule(when('employees', 'between', [200, 1000], 'fit', 1000));
  engine.addRule(when('country', 'in', COUNTRIES, 'fit', 500));
  engine.addRule(when('revenue', 'greaterThanInclusive', 10_000_000, 'fit', 500));
  engine.addRule(when('techStack', 'intersects', CRMS, 'fit', 500));
  EVENT_RULES.forEach((rule, i) => {
    const group = rule.points > 0 ? 'engagement' : 'negative';
    engine.addRule({
      conditions: { all: [{ fact: 'eventPoints', params: { rule: i }, operator: 'notEqual', value: 0 }] },
      event: { type: 'points', params: { group, points: { fact: 'eventPoints', params: { rule: i } } } },
    });
  });
  engine.addRule(when('inactive60', 'equal', true, 'negative', -1500));
  engine.addRule({
    conditions: { all: [{ fact: 'mail', path: '$.free', operator: 'equal', value: true }] },
    event: { type: 'points', params: { group: 'negative', points: -1000 } },
  });
  engine.addRule({
    conditions: { all: [{ fact: 'mail', path: '$.disposable', operator: 'equal', value: true }] },
    event: { type: 'points', params: { group: 'negative', points: -2500 } },
  });
  engine.addRule(when('seniority', 'equal', 'student', 'negative', -1000));
  return engine;
}

/** The default model's score (0-100) of one lead object at `asOf` (epoch ms). */
export async function scoreLead(engine, lead, asOf) {
  const { events } = await engine.run({ ...lead, asOf });
  const sums = { fit: 0, engagement: 0, negative: 0 };
  for (const { params } of events) sums[params.group] += params.points;
  return finish(sums.fit, sums.engagement, sums.negative);
}
