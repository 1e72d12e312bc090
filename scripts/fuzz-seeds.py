#!/usr/bin/env python3
"""Seeds fuzz/corpus/{parse_model,score_lead} with the models and leads of tests/vectors (not committed)."""
import hashlib, json, pathlib

root = pathlib.Path(__file__).resolve().parent.parent
corpus = {t: root / "fuzz" / "corpus" / t for t in ("parse_model", "score_lead", "score_account")}
for d in corpus.values():
    d.mkdir(parents=True, exist_ok=True)
count = 0
for path in sorted((root / "tests" / "vectors").glob("*.json")):
    doc = json.loads(path.read_text())
    items = [("parse_model", doc.get("model"))]
    items += [("parse_model", c.get("model")) for c in doc["cases"]]
    items += [("score_lead", c.get("lead")) for c in doc["cases"]]
    items += [("score_account", c.get("input") or c.get("match")) for c in doc["cases"]]
    for target, value in items:
        if value is None or value == "default":
            continue
        data = json.dumps(value).encode()
        (corpus[target] / hashlib.sha1(data).hexdigest()).write_bytes(data)
        count += 1
(corpus["parse_model"] / "default").write_bytes((root / "src" / "model" / "default_model.json").read_bytes())
print(f"{count} seeds from tests/vectors")
