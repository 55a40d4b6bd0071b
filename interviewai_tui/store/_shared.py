"""Engine-neutral helpers used by both store implementations."""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from enum import Enum
from functools import cache
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

from pydantic import BaseModel, TypeAdapter, ValidationError

from interviewai_tui.domain.common import to_utc
from interviewai_tui.store.errors import StoreError

__all__ = [
    "AUDIT_APPEND_ONLY",
    "MAX_LIMIT",
    "ChangeError",
    "apply_changes",
    "check_page",
    "field_paths",
    "iso",
    "mask_url",
    "plain",
    "validate_documents",
]

M = TypeVar("M", bound=BaseModel)

MAX_LIMIT = 1000  # a page never holds more than this; protects the UI from huge reads

AUDIT_APPEND_ONLY = "The audit trail is append-only; its entries cannot be deleted."


_FIELD_PATH = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")


def field_paths(paths: Sequence[str]) -> list[str]:
    """Dotted stored-field paths, checked (they end up in a query, never as raw SQL)."""
    for path in paths:
        if not _FIELD_PATH.fullmatch(path):
            raise StoreError(f"Not a field path: {path!r}.")
    return list(paths)


class ChangeError(StoreError):
    """A partial update named an unknown field or set an invalid value."""


def iso(value: datetime) -> str:
    """Fixed-width UTC ISO form (`2025-01-02T03:04:05.678Z`), so text order is time order."""
    value = to_utc(value)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def check_page(offset: int, limit: int) -> tuple[int, int]:
    if offset < 0 or limit < 0:
        raise StoreError("Page offset and limit must not be negative.")
    return offset, min(limit, MAX_LIMIT)


def plain(value: object) -> object:
    """A value for a stored document: models dumped by alias, enums to their values."""
    if isinstance(value, BaseModel):
        return value.model_dump(by_alias=True)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Mapping):
        return {str(plain(k)): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    return value


def apply_changes(
    model: type[M], current: Mapping[str, Any], changes: Mapping[str, object]
) -> tuple[M, dict[str, Any]]:
    """Apply dotted stored-name `changes` to a stored document and validate the result.

    Returns the validated model and, for each changed path, its validated stored value (so
    that an engine can write only those paths).

    Raises:
        ChangeError: unknown path, `_id` change, or a value the model rejects.
    """
    doc = copy.deepcopy(dict(current))
    for path, value in changes.items():
        parts = path.split(".")
        if not path or parts[0] == "_id" or any(not p or p.startswith("$") for p in parts):
            raise ChangeError(f"Cannot change the field {path!r}.")
        node: dict[str, Any] = doc
        for part in parts[:-1]:
            child = node.get(part)
            if child is None:
                child = {}
                node[part] = child
            if not isinstance(child, dict):
                raise ChangeError(f"Cannot change the field {path!r}.")
            node = child
        node[parts[-1]] = plain(value)
    try:
        validated = model.model_validate(doc)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ChangeError(f"Invalid value for {where}: {first['msg']}.") from None
    stored = validated.model_dump(by_alias=True)
    written: dict[str, Any] = {}
    for path in changes:
        node_any: Any = stored
        for part in path.split("."):
            if not isinstance(node_any, dict) or part not in node_any:
                raise ChangeError(f"Unknown field {path!r}.")
            node_any = node_any[part]
        written[path] = node_any
    return validated, written


_PASSWORD_IN_NETLOC = re.compile(r"^(?P<user>[^:@]*):(?P<pw>[^@]*)@")


def mask_url(url: str) -> str:
    """The URL with any password replaced by `****` (nothing of it is kept)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "(unparsable URL)"
    netloc = _PASSWORD_IN_NETLOC.sub(lambda m: f"{m['user']}:****@", parts.netloc)
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def utc_day_start(value: datetime) -> datetime:
    value = to_utc(value)
    return datetime(value.year, value.month, value.day, tzinfo=UTC)


@cache
def _list_adapter(model: type[M]) -> TypeAdapter[list[M]]:
    return TypeAdapter(list[model])  # type: ignore[valid-type]


def validate_documents(
    collection: str, model: type[M], documents: Sequence[Mapping[str, Any]]
) -> list[M]:
    """Documents in stored form as models, validated in one call (a batch validates about a
    third faster than one `model_validate` per document).

    Raises:
        StoreError: naming the first invalid document (1-based) and what is wrong with it.
    """
    try:
        return _list_adapter(model).validate_python(documents)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = first["loc"][0] if first["loc"] else 0
        number = where + 1 if isinstance(where, int) else 1
        raise StoreError(f"Document {number} of {collection} is invalid: {first['msg']}.") from None
