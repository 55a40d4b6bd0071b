"""Documents <-> JSON text for the `doc` column. Datetimes are fixed-width UTC ISO strings so
that SQL compares them in time order."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, TypeVar

from pydantic import BaseModel

from interviewai_tui.store._shared import iso

__all__ = ["decode", "dumps", "encode", "param"]

M = TypeVar("M", bound=BaseModel)


def _default(value: object) -> object:
    if isinstance(value, datetime):
        return iso(value)
    raise TypeError(f"cannot store a {type(value).__name__}")


def dumps(value: object) -> str:
    """JSON text of a stored-form value."""
    return json.dumps(value, default=_default, ensure_ascii=False, separators=(",", ":"))


def encode(model: BaseModel) -> str:
    """The `doc` text of a model."""
    return dumps(model.model_dump(by_alias=True))


def decode(model: type[M], text: str) -> M:
    return model.model_validate_json(text)


def param(value: object) -> Any:
    """A SQL parameter compared with a generated column (datetimes as stored, bools as 0/1)."""
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, bool):
        return int(value)
    return value
