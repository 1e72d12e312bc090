// A stand-in for a firmographic enrichment service (what Clearbit, ZoomInfo or 6sense return for an
// email domain): a few demo companies, so that typing a work email fills in industry, size and country
// the way a production form would. Everything here is made up; nothing leaves the page.
export const DEMO_COMPANIES = {
  'acme.io': { name: 'Acme', industry: 'Software', employees: 450, country: 'US', revenue: 42_000_000, techStack: ['Salesforce', 'Slack'] },
  'globex.com': { name: 'Globex', industry: 'SaaS', employees: 800, country: 'GB', revenue: 95_000_000, techStack: ['HubSpot'] },
  'initech.co': { name: 'Initech', industry: 'Financial Services', employees: 2_300, country: 'DE', revenue: 310_000_000, techStack: ['Dynamics 365'] },
  'umbrella.net': { name: 'Umbrella', industry: 'Healthcare', employees: 12_000, country: 'FR', revenue: 2_100_000_000, techStack: [] },
  'hooli.xyz': { name: 'Hooli', industry: 'Internet', employees: 640, country: 'US', revenue: 58_000_000, techStack: ['Pipedrive'] },
};

/** Company facts for an email address's domain, or null. */
export function enrich(email) {
  const domain = String(email).split('@')[1]?.trim().toLowerCase();
  return (domain && DEMO_COMPANIES[domain]) || null;
}
