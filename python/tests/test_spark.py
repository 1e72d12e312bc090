"""leadscore.spark on a real Spark (local-cluster: separate executor JVMs and Python workers)."""

import datetime as dt
import hashlib
import json
import os
import subprocess
import time

import pyarrow as pa
import pyarrow.json as pajson
import pyarrow.parquet as pq
import pytest
from pyspark.sql import functions as F

import leadscore
from leadscore import spark as ls
from conftest import AS_OF
from test_api import BAD_MODEL

COLUMNS = ["score", "raw", "tier", "grade", "label", "probability", "fingerprint"]


def parquet_of(ndjson, out):
    """The NDJSON leads as a Parquet file Spark's executors read (events list<struct<type, at, url>>,
    `at` in epoch milliseconds as the generator writes it)."""
    if not out.exists():
        pq.write_table(pajson.read_json(ndjson), out)
    return str(out)


def test_100k_leads_on_spark_equal_the_clis_cards_column_by_column(spark, data):
    df = spark.read.parquet(parquet_of(data / "leads-100k.ndjson", data / "leads-100k.parquet"))
    # Events as a warehouse holds them, one row each with a real timestamp, nested again by the helper.
    events = df.select(F.col("id").alias("lead_id"), F.explode("events").alias("e")).select(
        "lead_id", F.col("e.type").alias("type"), F.timestamp_millis("e.at").alias("at"), F.col("e.url").alias("url")
    )
    leads = ls.with_events(df.drop("events"), events, extra=["url"])
    scored = ls.score(leads, None, as_of=AS_OF, explain=True)
    rows = scored.select("id", *COLUMNS, F.sha2("card", 256).alias("card_sha"), "error").collect()
    assert len(rows) == 100_000
    got = {r["id"]: r for r in rows}
    cards = [json.loads(line) for line in (data / "cards-100k.jsonl").read_text().splitlines()]
    texts = (data / "cards-100k.jsonl").read_text().splitlines()
    assert len(got) == len(cards) == 100_000
    for column, of in [("score", lambda c: c["score"]), ("raw", lambda c: c["raw"]),
                       ("tier", lambda c: (c["tier"] or {}).get("name")), ("grade", lambda c: c["grade"]),
                       ("label", lambda c: c["label"]), ("probability", lambda c: c["probability"]),
                       ("fingerprint", lambda c: c["fingerprint"])]:
        wrong = [c["leadId"] for c in cards if got[c["leadId"]][column] != of(c)]
        assert wrong == [], f"{column} differs for {len(wrong)} leads, e.g. {wrong[:3]}"
    wrong = [c["leadId"] for c, t in zip(cards, texts)
             if got[c["leadId"]]["card_sha"] != hashlib.sha256(t.encode()).hexdigest()]
    assert wrong == [], f"the card text differs for {len(wrong)} leads, e.g. {wrong[:3]}"
    assert all(r["error"] is None for r in rows)
    assert {r["tier"] for r in rows} == {"hot", "warm", "cold"}


def test_nulls_empty_lists_time_zones_and_large_strings(spark):
    spark.conf.set("spark.sql.session.timeZone", "America/Los_Angeles")
    try:
        _edge_cases(spark)
    finally:
        spark.conf.set("spark.sql.session.timeZone", "UTC")


def _edge_cases(spark):
    la = dt.timezone(dt.timedelta(hours=-8))
    demo_at = dt.datetime(2026, 11, 20, 1, 30, tzinfo=la)  # 2026-11-20T09:30:00Z
    big = "x" * 200_000
    event = pa.struct([("type", pa.string()), ("at", pa.timestamp("us", tz="America/Los_Angeles")),
                       ("url", pa.string())])
    schema = pa.schema([("id", pa.string()), ("title", pa.string()), ("email", pa.string()),
                        ("company", pa.struct([("employees", pa.int64()), ("industry", pa.string())])),
                        ("events", pa.list_(event))])
    rows = [
        {"id": "nulls", "title": None, "email": None, "company": None, "events": None},
        {"id": "empty", "title": "VP Sales", "email": "v@acme.io", "company": {"employees": None, "industry": "SaaS"},
         "events": []},
        {"id": "zones", "title": "CEO", "email": "c@acme.io", "company": {"employees": 500, "industry": None},
         "events": [{"type": "demo_request", "at": demo_at, "url": None},
                    {"type": "page_view", "at": demo_at - dt.timedelta(days=3), "url": "/pricing"}]},
        {"id": "missing-type", "title": "CTO", "email": None, "company": None,
         "events": [{"type": None, "at": demo_at, "url": None}, {"type": "email_open", "at": None, "url": None}]},
        {"id": "large", "title": big, "email": "l@acme.io", "company": None, "events": []},
        {"id": "fine-large", "title": "VP " + "y" * 10_000, "email": "f@acme.io", "company": None, "events": []},
    ]
    df = spark.createDataFrame(pa.Table.from_pylist(rows, schema=schema)).repartition(3)
    scored = {r["id"]: r for r in ls.score(df, None, as_of=AS_OF, explain=True).collect()}
    # What the JSON path says of the same leads (a null is a missing value).
    as_json = {
        "nulls": {"id": "nulls"},
        "empty": {"id": "empty", "title": "VP Sales", "email": "v@acme.io", "company": {"industry": "SaaS"},
                  "events": []},
        "zones": {"id": "zones", "title": "CEO", "email": "c@acme.io", "company": {"employees": 500},
                  "events": [{"type": "demo_request", "at": "2026-11-20T01:30:00-08:00"},
                             {"type": "page_view", "at": "2026-11-17T09:30:00Z", "url": "/pricing"}]},
        "missing-type": {"id": "missing-type", "title": "CTO", "events": [{"at": "2026-11-20T09:30:00Z"},
                                                                          {"type": "email_open"}]},
        "large": {"id": "large", "title": big, "email": "l@acme.io", "events": []},
        "fine-large": {"id": "fine-large", "title": "VP " + "y" * 10_000, "email": "f@acme.io", "events": []},
    }
    scorer = leadscore.Scorer()
    assert set(scored) == set(as_json)
    for lead_id, lead in as_json.items():
        row = scored[lead_id]
        try:
            expected = scorer.score(lead, as_of=AS_OF)
        except leadscore.LeadError as e:
            assert row["card"] is None and row["score"] is None, lead_id
            assert json.loads(row["error"])["message"] in str(e), (lead_id, row["error"], str(e))
            continue
        assert row["error"] is None, (lead_id, row["error"])
        assert json.loads(row["card"]) == expected, lead_id
    assert "demo-request" in [c["rule"] for c in json.loads(scored["zones"]["card"])["contributions"]]
    assert len(json.loads(scored["missing-type"]["warnings"])) == 2
    assert json.loads(scored["large"]["error"])["code"] == "too_large"


def test_a_bad_model_fails_on_the_driver_with_the_clis_error(spark, cli, data, tmp_path):
    model = tmp_path / "bad.json"
    model.write_text(json.dumps(BAD_MODEL))
    run = subprocess.run([cli, "score", "--model", model, data / "leads-100k.ndjson", "--as-of", AS_OF],
                         capture_output=True, text=True)
    df = spark.createDataFrame([("a", "VP Sales")], "id string, title string")
    tracker = spark.sparkContext.statusTracker()
    jobs_before = tracker.getJobIdsForGroup()
    with pytest.raises(leadscore.ModelError) as refused:
        ls.score(df, BAD_MODEL, as_of=AS_OF)
    assert run.stderr == f"leadscore: {model}: {refused.value}\n"
    assert tracker.getJobIdsForGroup() == jobs_before, "no Spark job ran"
    with pytest.raises(leadscore.SchemaError, match='no id column "lead"'):
        ls.score(df, None, as_of=AS_OF, id_column="lead")


def test_a_bad_lead_is_its_rows_error_not_a_failed_job(spark):
    df = spark.createDataFrame([("ok", "VP Sales", "2026-11-20"), ("bad", "CEO", "last tuesday")],
                               "id string, title string, at string")
    df = df.select("id", "title", F.array(F.struct(F.lit("demo_request").alias("type"), "at")).alias("events"))
    model = leadscore.default_model()
    model["input"] = {**model.get("input", {}), "onInvalid": "error"}
    rows = {r["id"]: r for r in ls.score(df, model, as_of=AS_OF).collect()}
    assert rows["ok"]["error"] is None and rows["ok"]["score"] is not None
    error = json.loads(rows["bad"]["error"])
    assert (error["path"], error["code"]) == ("events[0].at", "bad_timestamp")


def test_throughput_of_a_million_leads_beside_the_cli(spark, cli, data):
    ndjson = data / "leads-1m.ndjson"
    df = spark.read.parquet(parquet_of(ndjson, data / "leads-1m.parquet"))
    n = df.count()
    start = time.perf_counter()
    ls.score(df, None, as_of=AS_OF).write.format("noop").mode("overwrite").save()
    spark_s = time.perf_counter() - start
    start = time.perf_counter()
    run = subprocess.run([cli, "score", ndjson, "--as-of", AS_OF], stdout=subprocess.PIPE, check=True)
    cli_s = time.perf_counter() - start
    lines = run.stdout.count(b"\n")
    assert n == lines == 1_000_000
    print(f"\nspark local-cluster[2,1,1024], mapInArrow: {n:,} leads in {spark_s:.1f} s = {n / spark_s:,.0f} leads/s"
          f" ({os.cpu_count()} cores)")
    print(f"native CLI (leadscore score, NDJSON):       {lines:,} leads in {cli_s:.1f} s = {lines / cli_s:,.0f} leads/s")
