// Contender (c): the default model written by hand in plain JavaScript. No explanations, no model
// interpretation: the ceiling a generic engine is measured against.
import { COUNTRIES, CRMS, EVENT_RULES, INDUSTRIES, emailFlags, eventPoints, finish, inactive, seniority } from './signals.mjs';

const lower = (v) => (typeof v === 'string' ? v.trim().toLowerCase() : undefined);
const FIT_TITLE = { c_level: 2000, vp: 2000, director: 1200, manager: 500 };

/** The default model's score (0-100) of one lead object at `asOf` (epoch ms). */
export function scoreLead(lead, asOf) {
  const company = lead.company ?? {};
  const level = seniority(lead.title);
  let fit = FIT_TITLE[level] ?? 0;
  if (INDUSTRIES.includes(lower(company.industry))) fit += 1000;
  if (company.employees >= 200 && company.employees <= 1000) fit += 1000;
  if (COUNTRIES.includes(lower(company.country))) fit += 500;
  if (company.revenue >= 10_000_000) fit += 500;
  if (Array.isArray(company.techStack) && company.techStack.some((t) => CRMS.includes(lower(t)))) fit += 500;

  const events = Array.isArray(lead.events) ? lead.events : [];
  let engagement = 0;
  let negative = 0;
  for (const rule of EVENT_RULES) {
    const { centi } = eventPoints(events, asOf, rule);
    if (rule.points > 0) engagement += centi;
    else negative += centi;
  }
  if (inactive(lead, asOf, 60)) negative -= 1500;
  const mail = emailFlags(lead.email);
  if (mail.free) negative -= 1000;
  if (mail.disposable) negative -= 2500;
  if (level === 'student') negative -= 1000;
  return finish(fit, engagement, negative);
}
