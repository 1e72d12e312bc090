"""The Python API on its own (no Spark): the same cards and errors as the CLI."""

import json
import subprocess

import pyarrow as pa
import pyarrow.json as pajson
import pytest

import leadscore
from conftest import AS_OF

BAD_MODEL = {"schema": "leadscore/v1", "id": "bad", "version": "1", "groups": {"fit": {}},
             "rules": [{"id": "r", "group": "fti", "points": 5, "when": {"field": "title", "exists": True}}]}


def cli_cards(path):
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_score_of_a_dict_is_the_clis_card(data):
    scorer = leadscore.Scorer()
    leads = [json.loads(line) for line in (data / "leads-100k.ndjson").open().readlines()[:500]]
    expected = cli_cards(data / "cards-100k.jsonl")[:500]
    assert [scorer.score(lead, as_of=AS_OF) for lead in leads] == expected
    summary = scorer.score(leads[0], as_of=AS_OF, explain=False)
    assert "contributions" not in summary and summary["score"] == expected[0]["score"]


def test_score_batch_of_a_table_is_the_clis_cards_column_by_column(data):
    table = pajson.read_json(data / "leads-100k.ndjson")
    results = leadscore.Scorer().score_batch(table, as_of=AS_OF, explain=True)
    assert isinstance(results, pa.Table) and results.num_rows == 100_000
    expected = cli_cards(data / "cards-100k.jsonl")
    columns = results.to_pydict()
    assert columns["id"] == [c["leadId"] for c in expected]
    assert columns["score"] == [c["score"] for c in expected]
    assert columns["raw"] == [c["raw"] for c in expected]
    assert columns["tier"] == [(c["tier"] or {}).get("name") for c in expected]
    assert columns["grade"] == [c["grade"] for c in expected]
    assert columns["label"] == [c["label"] for c in expected]
    assert columns["probability"] == [c["probability"] for c in expected]
    assert columns["fingerprint"] == [c["fingerprint"] for c in expected]
    assert [json.loads(t) for t in columns["card"]] == expected
    assert columns["error"] == [None] * 100_000
    assert [[x["rule"] for x in cs] for cs in columns["contributions"][:50]] == [
        [x["rule"] for x in c["contributions"]] for c in expected[:50]
    ]


def test_a_record_batch_in_is_a_record_batch_out():
    batch = pa.RecordBatch.from_pylist([{"id": "a", "title": "VP Sales"}, {"id": "b", "title": None}])
    out = leadscore.Scorer().score_batch(batch, as_of=AS_OF)
    assert isinstance(out, pa.RecordBatch)
    assert out.column("id").to_pylist() == ["a", "b"]
    assert out.column("card").to_pylist() == [None, None], "explain is off by default"


def test_a_bad_model_has_the_clis_message(tmp_path, cli, data):
    model = tmp_path / "bad.json"
    model.write_text(json.dumps(BAD_MODEL))
    run = subprocess.run([cli, "score", "--model", model, data / "leads-100k.ndjson", "--as-of", AS_OF],
                         capture_output=True, text=True)
    assert run.returncode != 0 and run.stdout == ""
    with pytest.raises(leadscore.ModelError) as refused:
        leadscore.Scorer(BAD_MODEL)
    assert run.stderr == f"leadscore: {model}: {refused.value}\n"
    report = leadscore.validate_model(BAD_MODEL)
    assert report["valid"] is False and report["issues"][0]["path"] == "rules[0].group"


def test_a_bad_lead_has_the_clis_message(tmp_path, cli):
    leads = tmp_path / "bad.ndjson"
    leads.write_text('{"id": "x", "events": "yesterday"}\n')
    run = subprocess.run([cli, "score", leads, "--as-of", AS_OF], capture_output=True, text=True)
    with pytest.raises(leadscore.LeadError) as refused:
        leadscore.Scorer().score({"id": "x", "events": "yesterday"}, as_of=AS_OF)
    # The CLI names the refused lead by file and line, then the same words.
    assert run.stderr.splitlines()[0] == f"{leads}:1: {refused.value}"


def test_default_model_and_as_of_forms():
    model = leadscore.default_model()
    assert leadscore.Scorer(model).fingerprint == leadscore.Scorer().fingerprint
    assert leadscore.validate_model(model)["valid"] is True
    import datetime as dt
    moment = dt.datetime(2026, 11, 23, tzinfo=dt.timezone.utc)
    assert leadscore.as_of_ms(moment) == leadscore.as_of_ms(AS_OF) == 1_795_392_000_000
    with pytest.raises(ValueError):
        leadscore.as_of_ms(dt.datetime(2026, 11, 23))
    with pytest.raises(ValueError):
        leadscore.as_of_ms("yesterday")


def test_a_schema_problem_is_one_error():
    with pytest.raises(leadscore.SchemaError, match='no id column "id"'):
        leadscore.Scorer().score_batch(pa.table({"email": ["a@b.co"]}), as_of=AS_OF)
    with pytest.raises(leadscore.SchemaError, match="must be a list of structs"):
        leadscore.Scorer().score_batch(pa.table({"id": ["a"], "events": ["[]"]}), as_of=AS_OF)
