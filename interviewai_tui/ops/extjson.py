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

__all__ = ["ID_FIELDS", "ExtJsonError", "decode_line", "encode_line", "from_extjson", "to_extjson"]

# The stored fields that hold ObjectIds (the same names the Mongo adapter converts).
ID_FIELDS = frozenset(
    {"_id", "userId", "questionId", "interviewId", "sessionId", "createdBy", "actorId", "targetId"}
)


class ExtJsonError(ValueError):
    """A line is not a JSON object in the expected Extended JSON form."""


def _date_text(value: datetime) -> str:
    value = to_utc(value)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def to_extjson(value: Any, key: str | None = None) -> Any:
    """A stored-form value (datetimes, id strings, enums) as Extended JSON-ready data."""
    if isinstance(value, Mapping):
        return {str(k): to_extjson(v, str(k)) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_extjson(v, key) for v in value]
    if isinstance(value, datetime):
        return {"$date": _date_text(value)}
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, str):
        return {"$oid": value} if key in ID_FIELDS and is_object_id(value) else value
    if isinstance(value, float) and not math.isfinite(value):
        text = "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
        return {"$numberDouble": text}
    return value


def _parse_date(raw: Any) -> datetime:
    if isinstance(raw, str):
        text = raw[:-1] + "+00:00" if raw.endswith("Z") else raw
        parsed = datetime.fromisoformat(text)
        return to_utc(parsed)
    if isinstance(raw, Mapping) and set(raw) == {"$numberLong"}:
        millis = int(raw["$numberLong"])
        return to_utc(datetime.fromtimestamp(millis / 1000, tz=UTC))
    if isinstance(raw, int) and not isinstance(raw, bool):
        return to_utc(datetime.fromtimestamp(raw / 1000, tz=UTC))
    raise ValueError("not a date")


def _wrapper(value: Mapping[str, Any]) -> tuple[bool, Any]:
    """(True, value) when `value` is exactly one Extended JSON type wrapper."""
    if len(value) != 1:
        return False, None
    (name, raw), *_ = value.items()
    try:
        if name == "$oid" and is_object_id(raw):
            return True, raw
        if name == "$date":
            return True, _parse_date(raw)
        if name == "$numberDouble" and isinstance(raw, str):
            return True, float(raw)
        if name in ("$numberLong", "$numberInt") and isinstance(raw, str):
            return True, int(raw)
    except (ValueError, OverflowError, OSError):
        raise ExtJsonError(f"holding a malformed {name} value") from None
    return False, None


def from_extjson(value: Any) -> Any:
    """Extended JSON data back to the stored form (ids as hex strings, aware datetimes)."""
    if isinstance(value, dict):
        if value and next(iter(value)).startswith("$"):
            matched, converted = _wrapper(value)
            if matched:
                return converted
        return {k: from_extjson(v) for k, v in value.items()}
    if isinstance(value, list):
        return [from_extjson(v) for v in value]
    return value


def encode_line(document: Mapping[str, Any]) -> bytes:
    """One document as one line of UTF-8 Extended JSON, keys sorted, ending in a newline."""
    text = json.dumps(
        to_extjson(document),
        ensure_ascii=False,
        separators=(",", ":"),
        sort_keys=True,
        allow_nan=False,
    )
    return text.encode("utf-8") + b"\n"


def decode_line(line: bytes) -> dict[str, Any]:
    """One line back to a stored-form document.

    Raises:
        ExtJsonError: the line is not a JSON object or holds a malformed type wrapper.
    """
    try:
        raw = json.loads(line)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ExtJsonError("not valid JSON") from None
    if not isinstance(raw, dict):
        raise ExtJsonError("not a JSON object")
    result = from_extjson(raw)
    assert isinstance(result, dict)
    return result
