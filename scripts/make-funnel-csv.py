#!/usr/bin/env python3
"""Writes examples/history/funnel.csv: 1,500 synthetic B2B leads with a known pattern (seniority, company
size, country and pricing-page views raise conversion; students and free mail lower it), some missing
values and "Select" placeholders. Deterministic (a fixed LCG), so the file never changes; it feeds the
trainer's tests in Rust, through the CLI and in wasm, which must all agree."""
import math

state = 20261124
def rand():
    global state
    state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
    return (state >> 11) / 2**53

titles = [("VP Sales", 1.2), ("Director of Marketing", 0.8), ("Marketing Manager", 0.3), ("Analyst", 0.0), ("Student", -1.5)]
countries = [("US", 0.4), ("GB", 0.3), ("DE", 0.2), ("IN", -0.3), ("BR", -0.2)]
rows = ["id,title,employees,country,pricing_views,email_domain,converted"]
for i in range(1500):
    title, t = titles[int(rand() * len(titles))]
    country, c = countries[int(rand() * len(countries))]
    employees = int(10 ** (1 + rand() * 3.5))
    views = int(rand() * 6)
    free = rand() < 0.3
    z = -2.2 + t + c + 0.5 * math.log10(employees) - 0.8 + 0.35 * views - (0.9 if free else 0.0)
    converted = rand() < 1 / (1 + math.exp(-z))
    emp = "" if rand() < 0.05 else str(employees)
    if rand() < 0.03:
        country = "Select"
    rows.append(f"L-{i},{title},{emp},{country},{views},{'gmail.com' if free else 'acme.io'},{'yes' if converted else 'no'}")
open("examples/history/funnel.csv", "w").write("\n".join(rows) + "\n")
