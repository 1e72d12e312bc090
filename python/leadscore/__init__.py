"""leadscore: B2B lead scoring with one JSON model, the same engine as the CLI and the WebAssembly
packages (a Rust extension module).

    import leadscore
    scorer = leadscore.Scorer()                      # the default model, or a dict / JSON text
    card = scorer.score({"title": "VP Sales", "events": [...]}, as_of="2026-11-23T00:00:00Z")
    results = scorer.score_batch(table, as_of="2026-11-23T00:00:00Z")   # pyarrow in, pyarrow out

``as_of`` is always given: the engine reads no clock, so the same lead scores the same everywhere.
``leadscore.spark`` scores a Spark DataFrame with the same engine on the executors.
"""

from __future__ import annotations

import datetime as _dt
import json as _json
from typing import Any, Union

import pyarrow as _pa

from . import _leadscore
from ._leadscore import LeadError, ModelError, SchemaError

__all__ = ["Scorer", "validate_model", "default_model", "as_of_ms", "LeadError", "ModelError", "SchemaError"]

AsOf = Union[str, int, _dt.datetime]
_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)


def as_of_ms(as_of: AsOf) -> int:
    """A time as epoch milliseconds: RFC 3339 text, epoch milliseconds, or an aware datetime."""
    if isinstance(as_of, bool):
        raise TypeError("as_of is a time, not a boolean")
    if isinstance(as_of, int):
        return as_of
    if isinstance(as_of, str):
        return _leadscore.parse_time(as_of)
    if isinstance(as_of, _dt.datetime):
        if as_of.tzinfo is None:
            raise ValueError("as_of needs a time zone (a naive datetime could mean any instant)")
        return (as_of - _EPOCH) // _dt.timedelta(milliseconds=1)
    raise TypeError(f"as_of is RFC 3339 text, epoch milliseconds or a datetime, not {type(as_of).__name__}")


def model_text(model: Any) -> str | None:
    """A model given as a dict, JSON text or None (the default model) as JSON text (or None)."""
    if model is None or isinstance(model, str):
        return model
    return _json.dumps(model)


def validate_model(model: Any) -> dict:
    """Checks a model (dict or JSON text): ``{"valid", "issues", "fingerprint"?}``; never raises."""
    return _json.loads(_leadscore.validate_model(model_text(model) or ""))


def default_model() -> dict:
    """The built-in default model, as a dict to read or edit."""
    return _json.loads(_leadscore.default_model())


class Scorer:
    """A compiled model. Raises ``ModelError`` (the CLI's message) for a bad one."""

    def __init__(self, model: Any = None):
        self._text = model_text(model)
        self._engine = _leadscore.Scorer(self._text)

    @property
    def fingerprint(self) -> str:
        """The model's ``sha256:`` fingerprint."""
        return self._engine.fingerprint

    def score(self, lead: dict, *, as_of: AsOf, explain: bool = True) -> dict:
        """Scores one lead (a dict as the JSON API takes it); the card as a dict. ``LeadError`` if
        the lead is refused."""
        return _json.loads(self._engine.score_json(_json.dumps(lead), as_of_ms(as_of), explain))

    def score_batch(
        self,
        data: "_pa.RecordBatch | _pa.Table",
        *,
        as_of: AsOf,
        explain: bool = False,
        id_column: str = "id",
        events_column: str = "events",
    ) -> "_pa.RecordBatch | _pa.Table":
        """Scores a record batch or table of leads: one result row per lead, in order (columns id,
        score, raw, tier, grade, label, probability, fingerprint, warnings, contributions, card,
        error). A bad lead is its row's ``error``; ``SchemaError`` if the columns cannot be read."""
        ms = as_of_ms(as_of)

        def one(batch: _pa.RecordBatch) -> _pa.RecordBatch:
            return self._engine.score_batch(batch, ms, explain, id_column, events_column)

        if isinstance(data, _pa.RecordBatch):
            return one(data)
        if isinstance(data, _pa.Table):
            batches = [one(b) for b in data.to_batches()]
            if not batches:
                batches = [one(_pa.RecordBatch.from_pylist([], schema=data.schema))]
            return _pa.Table.from_batches(batches)
        raise TypeError(f"score_batch takes a pyarrow RecordBatch or Table, not {type(data).__name__}")
