#!/usr/bin/env python3
"""Writes the sample history in examples/history/: 1,500 synthetic B2B leads with their outcome, in the
shape of the sample leads (examples/leads/sample-leads.jsonl) and of the fields the default model reads.

- funnel.csv: one row per lead, a CRM export: id, email, title, company.employees, company.industry,
  company.country, company.revenue, createdAt, age_band, converted. Dotted headers are read as the
  dotted fields the models read (a literal key "company.employees" is the field company.employees).
  A CSV has no events, so only the fit and negative rules of the default model can fire on it (at most
  55 points: cold and warm tiers).
- funnel.jsonl: the same leads as JSON Lines, nested as the sample leads are, with their activity
  (`events`: email opens and clicks, pricing and blog page views, downloads, webinars, demo requests,
  trials, unsubscribes), so every rule of the default model can fire (hot, warm and cold).

The outcome follows a known pattern: seniority, target industry, company size, country, a business
address and engagement (pricing views, demo requests, trials, webinars) raise the odds; students, free
and disposable mail, unsubscribes lower them. `age_band` is a sensitive attribute for a fairness audit:
no model here reads it and the outcome does not depend on it, but it is associated with seniority
(older people hold more senior titles), so rules on titles are its proxies.

Some cells are missing or hold "Select"/"N/A" placeholders, as CRM exports do. Deterministic (a fixed
64-bit LCG, no library random numbers), so the files never change unless this script does; run it from
the repository root: python3 scripts/make-history.py
"""
import json
import math

state = 20261130


def rand():
    global state
    state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
    return (state >> 11) / 2**53


def pick(items):
    return items[int(rand() * len(items))]


def weighted(items):
    total = sum(w for _, w in items)
    r = rand() * total
    for value, w in items:
        r -= w
        if r < 0:
            return value
    return items[-1][0]


AS_OF_MS = 1795392000000  # 2026-11-23T00:00:00Z, the as-of of the tests and the docs
DAY_MS = 86_400_000


def iso(ms):
    import datetime
    return datetime.datetime.fromtimestamp(ms / 1000, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


# (title, effect on log-odds, how old people with it tend to be: index into AGE_BANDS)
TITLES = [
    ("CEO & Co-founder", 0.9, 3),
    ("VP, Sales", 1.2, 3),
    ("Chief Revenue Officer", 1.1, 4),
    ("Sr. Dir. of RevOps", 0.9, 2),
    ("Director of Marketing", 0.8, 2),
    ("Head of Growth", 0.7, 2),
    ("Marketing Manager", 0.3, 1),
    ("Sales Operations Manager", 0.35, 1),
    ("Account Executive", 0.0, 1),
    ("Marketing Analyst", -0.1, 1),
    ("Marketing Intern", -1.4, 0),
    ("Student", -1.6, 0),
]
AGE_BANDS = ["18-24", "25-34", "35-44", "45-54", "55+"]
INDUSTRIES = [("Software", 0.6), ("SaaS", 0.6), ("fintech", 0.4), ("Financial Services", 0.3), ("Internet", 0.4),
              ("Retail", -0.3), ("Manufacturing", -0.2), ("Healthcare", -0.1), ("Education", -0.5)]
COUNTRIES = [("US", 0.4, 30), ("GB", 0.3, 12), ("DE", 0.25, 10), ("CA", 0.3, 6), ("FR", 0.1, 6), ("NL", 0.2, 4),
             ("AU", 0.2, 4), ("IN", -0.3, 12), ("BR", -0.2, 8), ("ES", -0.1, 8)]
COMPANIES = ["acme", "globex", "initech", "umbrella", "hooli", "stark", "wayne", "tyrell", "soylent", "cyberdyne",
             "wonka", "gringotts", "oscorp", "vandelay", "dunder", "pied-piper", "massive", "aperture", "monarch", "nakatomi"]
TLDS = [".io", ".com", ".co", ".de", ".ai"]
FIRST = ["dana", "sam", "alex", "kim", "lee", "robin", "jo", "max", "noa", "ari", "eli", "sasha", "toni", "yuri", "mika"]
LAST = ["kim", "ortiz", "smith", "meyer", "rossi", "dubois", "silva", "khan", "tanaka", "novak", "berg", "costa"]


def lead(i):
    title, t_eff, age_home = pick(TITLES)
    # age band: near the title's usual band, sometimes one off either way
    age = min(4, max(0, age_home + weighted([(-1, 1), (0, 3), (1, 1)])))
    industry, i_eff = pick(INDUSTRIES)
    country, c_eff = weighted([((c, e), w) for c, e, w in COUNTRIES])
    employees = int(10 ** (0.7 + rand() * 3.8))  # 5 to about 30,000
    size_eff = 0.5 if 200 <= employees <= 1000 else (0.2 if 50 <= employees < 200 or 1000 < employees <= 5000 else -0.2)
    first, last = pick(FIRST), pick(LAST)
    company = pick(COMPANIES) + pick(TLDS)
    mail = weighted([("business", 70), ("free", 22), ("role", 5), ("disposable", 3)])
    if mail == "business":
        email = f"{first}.{last}{i}@{company}"
    elif mail == "free":
        email = f"{first}{i}@{pick(['gmail.com', 'yahoo.com', 'outlook.com', 'hotmail.com'])}"
    elif mail == "role":
        email = f"{pick(['info', 'sales', 'hello'])}{i}@{company}"
    else:
        email = f"temp{i}@{pick(['mailinator.com', 'guerrillamail.com'])}"
    m_eff = {"business": 0.3, "free": -0.7, "role": -0.3, "disposable": -1.5}[mail]
    revenue = int(employees * (120_000 + rand() * 180_000)) if rand() < 0.6 else None
    created = AS_OF_MS - int((3 + rand() * 150) * DAY_MS)

    # Engagement, more of it for better fits; events within the last 120 days.
    fit = t_eff + i_eff + c_eff + size_eff + m_eff
    activity = max(0.0, 1.0 + 0.8 * fit + rand() * 2.5)
    events = []

    def event(kind, max_days, **extra):
        at = AS_OF_MS - int(rand() * max_days * DAY_MS)
        events.append({"type": kind, "at": iso(at), **extra})

    for _ in range(int(activity * 1.5 * rand() * 2)):
        event("email_open", 120)
    for _ in range(int(activity * rand())):
        event("email_click", 120)
    pricing = int(activity * rand() * 1.2)
    for _ in range(pricing):
        event("page_view", 45, url="/pricing")
    for _ in range(int(rand() * 3)):
        event("page_view", 120, url="/blog/lead-scoring-" + pick(["basics", "models", "decay"]))
    for _ in range(int(activity * rand() * 0.8)):
        event("content_download", 120, asset=pick(["RevOps benchmark 2026", "Scoring playbook"]))
    webinar = rand() < 0.1 + 0.08 * activity
    if webinar:
        event("webinar_attended", 150)
    demo = rand() < 0.03 + 0.07 * activity
    if demo:
        event("demo_request", 60)
    trial = rand() < 0.02 + 0.05 * activity
    if trial:
        event("trial_started", 25)
    unsub = rand() < 0.06
    if unsub:
        event("email_unsubscribe", 120)
    events.sort(key=lambda e: e["at"])

    z = (-2.9 + 1.4 * t_eff + 1.3 * i_eff + 1.2 * c_eff + 1.6 * size_eff + 1.2 * m_eff
         + 0.25 * min(pricing, 3) + 1.0 * demo + 0.9 * trial + 0.3 * webinar - 0.8 * unsub)
    converted = rand() < 1 / (1 + math.exp(-z))

    # Placeholders and gaps, as exports have them.
    employees_cell = None if rand() < 0.05 else employees
    country_cell = "Select" if rand() < 0.03 else (None if rand() < 0.04 else country)
    industry_cell = "N/A" if rand() < 0.03 else industry
    return {
        "id": f"H-{i:04d}",
        "email": email,
        "title": title,
        "createdAt": iso(created),
        "company": {"employees": employees_cell, "industry": industry_cell, "country": country_cell, "revenue": revenue},
        "age_band": AGE_BANDS[age],
        "events": events,
        "converted": converted,
    }


def cell(v):
    if v is None:
        return ""
    text = str(v)
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\n') else text


leads = [lead(i) for i in range(1500)]
header = ["id", "email", "title", "company.employees", "company.industry", "company.country", "company.revenue",
          "createdAt", "age_band", "converted"]
rows = [",".join(header)]
for l in leads:
    c = l["company"]
    rows.append(",".join(cell(v) for v in [l["id"], l["email"], l["title"], c["employees"], c["industry"], c["country"],
                                           c["revenue"], l["createdAt"], l["age_band"], "yes" if l["converted"] else "no"]))
with open("examples/history/funnel.csv", "w") as f:
    f.write("\n".join(rows) + "\n")
with open("examples/history/funnel.jsonl", "w") as f:
    for l in leads:
        company = {k: v for k, v in l["company"].items() if v is not None}
        out = {"id": l["id"], "email": l["email"], "title": l["title"], "createdAt": l["createdAt"], "company": company,
               "age_band": l["age_band"], "events": l["events"], "converted": l["converted"]}
        f.write(json.dumps(out, separators=(",", ":")) + "\n")
