"""Documents <-> JSON text for the `doc` column. Datetimes are fixed-width UTC ISO strings so
that SQL compares them in time order.

`encode` is on every write path (and restores write 100,000s of documents), so it serialises in
pydantic-core (see `store.serializers`) with every datetime written by `iso`. The result is
the JSON `dumps` gives for the model's `model_dump(by_alias=True)` (tests compare them; only
the spelling of a float may differ, e.g. 0.00001 for 1e-05), two to three times faster. A
model whose schema holds values of unknown type (`Any`) keeps the plain path.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any, TypeVar

from pydantic import BaseModel
from pydantic_core import SchemaSerializer, core_schema

from interviewai_tui.store._shared import iso
from interviewai_tui.store.serializers import SerializerSpec, build_serializer

__all__ = ["decode", "dumps", "encode", "param", "plain_encode"]

M = TypeVar("M", bound=BaseModel)


def _default(value: object) -> object:
    if isinstance(value, datetime):
        return iso(value)
    raise TypeError(f"cannot store a {type(value).__name__}")


def dumps(value: object) -> str:
    """JSON text of a stored-form value."""
    return json.dumps(value, default=_default, ensure_ascii=False, separators=(",", ":"))


def plain_encode(model: BaseModel) -> str:
    """The `doc` text of a model, the straightforward way (the reference for `encode`)."""
    return dumps(model.model_dump(by_alias=True))


def _iso(value: datetime) -> str:
    """`iso`, quicker for what validated models hold: aware UTC at millisecond precision."""
    if value.tzinfo is UTC and value.year >= 1000:
        return value.isoformat(timespec="milliseconds")[:-6] + "Z"
    return iso(value)


# `json.dumps` writes non-finite floats as Infinity/NaN; pydantic would write null.
_SPEC = SerializerSpec(datetime=_iso, config=core_schema.CoreConfig(ser_json_inf_nan="constants"))


# Per model class: its fast serializer, or None to use `plain_encode`. A serializer is kept
# only after its first document came out as `plain_encode` writes it (the same JSON values;
# the text may differ only in how a float is spelled, e.g. 0.00001 for 1e-05).
_SERIALIZERS: dict[type[BaseModel], SchemaSerializer | None] = {}


def encode(model: BaseModel) -> str:
    """The `doc` text of a model."""
    kind = type(model)
    if kind in _SERIALIZERS:
        serializer = _SERIALIZERS[kind]
        if serializer is None:
            return plain_encode(model)
        return serializer.to_json(model, by_alias=True).decode()
    serializer = build_serializer(kind, _SPEC)
    expected = plain_encode(model)
    if serializer is not None:
        fast = serializer.to_json(model, by_alias=True).decode()
        # NaN is kept as text here, so that it compares equal to itself.
        if json.loads(fast, parse_constant=str) == json.loads(expected, parse_constant=str):
            _SERIALIZERS[kind] = serializer
            return fast
    _SERIALIZERS[kind] = None
    return expected


def decode(model: type[M], text: str) -> M:
    return model.model_validate_json(text)


def param(value: object) -> Any:
    """A SQL parameter compared with a generated column (datetimes as stored, bools as 0/1)."""
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, bool):
        return int(value)
    return value
