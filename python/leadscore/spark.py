"""Score a Spark DataFrame of leads with the same engine, on the executors.

    from leadscore import spark as ls
    leads = ls.with_events(leads_df, events_df, lead_id="lead_id")   # events as a nested column
    scored = ls.score(leads, model, as_of="2026-11-23T00:00:00Z")

What runs where: the driver compiles the model once (a bad model fails here, before any job, with
the CLI's message); each executor's Python worker compiles it once more and scores the Arrow record
batches Spark hands it (``DataFrame.mapInArrow``), in Rust, without the GIL. A bad lead is its row's
``error``; it never fails the job. ``as_of`` is always a parameter, never an executor's clock.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator, Sequence

import pyarrow as pa

from . import AsOf, Scorer, as_of_ms, model_text

__all__ = ["score", "with_events", "events_column", "result_schema"]

# Compiled models in this Python worker, by model text: Spark reuses a worker for many tasks.
_SCORERS: dict = {}


def result_schema(id_type: Any) -> Any:
    """The Spark schema of ``score``'s results for an id column of Spark type ``id_type``."""
    from pyspark.sql import types as T

    contribution = T.StructType(
        [
            T.StructField("rule", T.StringType(), False),
            T.StructField("group", T.StringType(), False),
            T.StructField("kind", T.StringType(), False),
            T.StructField("points", T.DoubleType(), False),
            T.StructField("reason", T.StringType(), False),
            T.StructField("events", T.LongType(), True),
            T.StructField("decayed", T.DoubleType(), True),
            T.StructField("capped", T.DoubleType(), True),
            T.StructField("last_activity_at", T.TimestampType(), True),
        ]
    )
    text = T.StringType()
    number = T.DoubleType()
    return T.StructType(
        [
            T.StructField("id", id_type, True),
            T.StructField("score", number, True),
            T.StructField("raw", number, True),
            T.StructField("tier", text, True),
            T.StructField("grade", text, True),
            T.StructField("label", text, True),
            T.StructField("probability", number, True),
            T.StructField("fingerprint", text, True),
            T.StructField("warnings", text, True),
            T.StructField("contributions", T.ArrayType(contribution, False), True),
            T.StructField("card", text, True),
            T.StructField("error", text, True),
        ]
    )


def score(
    df: Any,
    model: Any = None,
    *,
    as_of: AsOf,
    explain: bool = False,
    id_column: str = "id",
    events_column: str = "events",
) -> Any:
    """Scores every row of ``df`` (an id column, lead fields as columns or structs, events as
    ``array<struct<type, at, ...>>``) into a DataFrame with ``result_schema``'s columns."""
    text = model_text(model)
    Scorer(text)  # on the driver: a bad model fails here, with the CLI's message
    ms = as_of_ms(as_of)
    if id_column not in df.columns:
        from . import SchemaError

        raise SchemaError(f'the batch has no id column "{id_column}" (its columns: {", ".join(df.columns)})')
    schema = result_schema(df.schema[id_column].dataType)

    def run(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        scorer = _SCORERS.get(text)
        if scorer is None:
            scorer = _SCORERS.setdefault(text, Scorer(text))
        target = None
        for batch in batches:
            out = scorer._engine.score_batch(batch, ms, explain, id_column, events_column)
            if target is None:
                target = _arrow_schema(schema, out.schema)
            yield out.cast(target)

    return df.mapInArrow(run, schema)


def _arrow_schema(spark_schema: Any, produced: pa.Schema) -> pa.Schema:
    """The Arrow types Spark expects for ``spark_schema`` (its timestamps in microseconds, its
    longs for the engine's unsigned counts), with the strings as wide as the engine wrote them."""
    from pyspark.sql.pandas.types import to_arrow_schema

    expected = to_arrow_schema(spark_schema, timezone="UTC")
    return pa.schema([pa.field(f.name, f.type, f.nullable) for f in expected])


def events_column(
    events: Any,
    *,
    lead_id: str = "lead_id",
    type: str = "type",
    at: str = "at",
    extra: Sequence[str] = (),
    into: str = "events",
) -> Any:
    """An events table (one row per event) as one row per lead: ``lead_id`` and ``into``, the list
    of ``struct(type, at, *extra)`` (``collect_list`` grouped by lead id; order does not matter to
    the engine)."""
    from pyspark.sql import functions as F

    members = [F.col(type).alias("type"), F.col(at).alias("at")] + [F.col(c) for c in extra]
    return events.groupBy(F.col(lead_id)).agg(F.collect_list(F.struct(*members)).alias(into))


def with_events(
    leads: Any,
    events: Any,
    *,
    id_column: str = "id",
    lead_id: str = "lead_id",
    type: str = "type",
    at: str = "at",
    extra: Sequence[str] = (),
    into: str = "events",
) -> Any:
    """``leads`` with an ``into`` column holding each lead's events from ``events`` (left join: a
    lead with no events gets a null list, which the engine reads as none)."""
    nested = events_column(events, lead_id=lead_id, type=type, at=at, extra=extra, into=into)
    joined = leads.join(nested, leads[id_column] == nested[lead_id], "left")
    return joined.drop(nested[lead_id])
