"""MongoDB Extended JSON (relaxed form, v2) for stored documents, without bson.

Backups hold one document per line in this form, so that `mongoimport` reads them as they are
and types survive any engine: ids as ``{"$oid": ...}``, datetimes as ``{"$date": "…Z"}``,
integers and floats as JSON numbers (a float always keeps its decimal point), and non-finite
floats as ``{"$numberDouble": ...}``.

Which strings are ObjectIds follows the Mongo adapter's rule: a value under one of the id
field names that looks like an ObjectId. Keys are sorted so that the same document gives the
same bytes whichever engine it came from (the manifest's checksums depend on it).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from datetime import UTC, datetime
from enum import Enum
from typing import Any

from interviewai_tui.domain.common import is_object_id, to_utc

__all__ = [
    "ID_FIELDS",
    "ExtJsonError",
    "decode_line",
    "encode_line",
    "from_extjson",
    "to_extjson",
]

# The stored fields that hold ObjectIds (the same names the Mongo adapter converts).
ID_FIELDS = frozenset(
    {"_id", "userId", "questionId", "interviewId", "sessionId", "createdBy", "actorId", "targetId"}
)


class ExtJsonError(ValueError):
    """A line is not a JSON object in the expected Extended JSON form."""


_UTC_SUFFIX = "+00:00"


def _date_text(value: datetime) -> str:
    if value.tzinfo is UTC:  # what the domain always holds: the fast path
        return value.isoformat(timespec="milliseconds")[:-6] + "Z"
    # Naive values are UTC by the domain's policy; aware ones are converted.
    if value.tzinfo is not None and value.utcoffset():
        value = value.astimezone(UTC)
    text = value.replace(tzinfo=None).isoformat(timespec="milliseconds")
    return text + "Z"


def _is_oid(value: str) -> bool:
    return len(value) == 24 and is_object_id(value)


def to_extjson(value: Any, key: str | None = None) -> Any:
    """A stored-form value (datetimes, id strings, enums) as Extended JSON-ready data."""
    # Dispatch on the exact type first: this runs for every value of every document.
    kind = type(value)
    if kind is str:
        return {"$oid": value} if key in ID_FIELDS and _is_oid(value) else value
    if kind is dict:
        return {k: to_extjson(v, k) for k, v in value.items()}
    if kind is list:
        return [to_extjson(v, key) for v in value]
    if kind is int or kind is bool or value is None:
        return value
    if kind is datetime:
        return {"$date": _date_text(value)}
    if kind is float:
        if math.isfinite(value):
            return value
        text = "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
        return {"$numberDouble": text}
    if isinstance(value, Enum):
        return to_extjson(value.value, key)
    if isinstance(value, Mapping):
        return {str(k): to_extjson(v, str(k)) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_extjson(v, key) for v in value]
    if isinstance(value, datetime):
        return {"$date": _date_text(value)}
    if isinstance(value, str):
        return to_extjson(str(value), key)
    if isinstance(value, float):
        return to_extjson(float(value), key)
    if isinstance(value, int):
        return to_extjson(int(value), key)
    return value


def _parse_date(raw: Any) -> datetime:
    if isinstance(raw, str):
        text = raw[:-1] + _UTC_SUFFIX if raw.endswith("Z") else raw
        return to_utc(datetime.fromisoformat(text))
    if isinstance(raw, Mapping) and set(raw) == {"$numberLong"}:
        millis = int(raw["$numberLong"])
        return to_utc(datetime.fromtimestamp(millis / 1000, tz=UTC))
    if isinstance(raw, int) and not isinstance(raw, bool):
        return to_utc(datetime.fromtimestamp(raw / 1000, tz=UTC))
    raise ValueError("not a date")


def _object_hook(value: dict[str, Any]) -> Any:
    """Called by the JSON parser for every object, innermost first: unwraps type wrappers."""
    if len(value) != 1:
        return value
    name, raw = next(iter(value.items()))
    if not name.startswith("$"):
        return value
    try:
        if name == "$oid":
            return raw if isinstance(raw, str) and _is_oid(raw) else value
        if name == "$date":
            return _parse_date(raw)
        if name == "$numberDouble" and isinstance(raw, str):
            return float(raw)
        if name in ("$numberLong", "$numberInt") and isinstance(raw, str):
            return int(raw)
    except (ValueError, OverflowError, OSError):
        raise ExtJsonError(f"holding a malformed {name} value") from None
    return value


def _object_hook_for_validation(value: dict[str, Any]) -> Any:
    """As `_object_hook`, but ISO dates stay text: the model parses them (in Rust) anyway."""
    if len(value) == 1:
        raw = value.get("$date")
        if isinstance(raw, str) and raw.endswith("Z"):
            return raw
    return _object_hook(value)


def from_extjson(value: Any) -> Any:
    """Extended JSON data (already parsed) back to the stored form."""
    if isinstance(value, dict):
        return _object_hook({k: from_extjson(v) for k, v in value.items()})
    if isinstance(value, list):
        return [from_extjson(v) for v in value]
    return value


def _prepare(document: dict[str, Any]) -> dict[str, Any]:
    """The document with id strings and non-finite floats wrapped, copying only what changes.

    The hot path of backups: it walks containers only; datetimes, enums and other leaves
    are left to the JSON encoder's C loop and its `default` hook.
    """
    changed: dict[str, Any] | None = None
    for key, value in document.items():
        new = _prepare_value(value, key)
        if new is not value:
            if changed is None:
                changed = dict(document)
            changed[key] = new
    return document if changed is None else changed


def _prepare_list(values: list[Any], key: str) -> list[Any]:
    out: list[Any] | None = None
    for i, value in enumerate(values):
        new = _prepare_value(value, key)
        if new is not value:
            if out is None:
                out = list(values)
            out[i] = new
    return values if out is None else out


def _prepare_value(value: Any, key: str) -> Any:
    """`value` (stored under `key`, or in a list there) prepared, or itself if unchanged."""
    kind = type(value)
    if kind is str:
        return {"$oid": value} if key in ID_FIELDS and _is_oid(value) else value
    if kind is dict:
        return _prepare(value)
    if kind is list:
        return _prepare_list(value, key)
    if kind is float and not math.isfinite(value):
        return to_extjson(value)
    return value


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"$date": _date_text(value)}
    converted = to_extjson(value)
    if converted is value:
        raise TypeError(f"{type(value).__name__} cannot be written to a backup")
    return converted


_ENCODER = json.JSONEncoder(
    ensure_ascii=False,
    separators=(",", ":"),
    sort_keys=True,
    allow_nan=False,
    default=_default,
)


def encode_line(document: Mapping[str, Any]) -> bytes:
    """One document as one line of UTF-8 Extended JSON, keys sorted, ending in a newline."""
    prepared = _prepare(document) if type(document) is dict else to_extjson(document)
    return _ENCODER.encode(prepared).encode("utf-8") + b"\n"


def decode_line(line: bytes, *, for_validation: bool = False) -> dict[str, Any]:
    """One line back to a stored-form document.

    With `for_validation`, relaxed-form dates are left as ISO text: for documents that go
    straight into `model_validate` (a restore), which parses them faster than Python would.

    Raises:
        ExtJsonError: the line is not a JSON object or holds a malformed type wrapper.
    """
    hook = _object_hook_for_validation if for_validation else _object_hook
    try:
        raw = json.loads(line, object_hook=hook)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ExtJsonError("not valid JSON") from None
    if not isinstance(raw, dict):
        raise ExtJsonError("not a JSON object")
    return raw
