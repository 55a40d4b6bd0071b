"""The only module that imports Motor, PyMongo and bson (a later move to PyMongo's own async
API is a change here). Everything driver-specific the repositories need is re-exported."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from enum import Enum
from typing import Any
from urllib.parse import urlsplit

from bson import ObjectId
from pymongo import ASCENDING, DESCENDING, IndexModel, ReplaceOne, ReturnDocument
from pymongo.errors import (
    ConfigurationError,
    ConnectionFailure,
    DuplicateKeyError,
    OperationFailure,
    PyMongoError,
)
from pymongo.write_concern import WriteConcern

from interviewai_tui.domain.common import is_object_id
from interviewai_tui.store._shared import mask_url
from interviewai_tui.store.errors import (
    BadURLError,
    DuplicateError,
    StoreError,
    StoreUnavailableError,
)

__all__ = [
    "ASCENDING",
    "DESCENDING",
    "MAJORITY",
    "IndexModel",
    "ReplaceOne",
    "ReturnDocument",
    "database_name",
    "errors",
    "from_bson",
    "literal_regex",
    "make_client",
    "oid",
    "to_bson",
    "value_for",
]

SERVER_SELECTION_TIMEOUT_MS = 5000
DEFAULT_DATABASE = "interviewai"
MAJORITY = WriteConcern(w="majority")

# Stored fields that hold ids of other documents (besides `_id`). `googleId` is not one.
_ID_FIELDS = frozenset(
    {"_id", "userId", "questionId", "interviewId", "sessionId", "createdBy", "actorId", "targetId"}
)


def database_name(url: str) -> str:
    path = urlsplit(url).path.lstrip("/")
    return path.split("/", 1)[0] or DEFAULT_DATABASE


def make_client(url: str) -> Any:
    """A Motor client (or a mongomock-motor one for `mongomock://`). Nothing is contacted yet.

    Raises:
        BadURLError: the URL is malformed (the message never contains the password).
    """
    if url.startswith("mongomock://"):
        # Test-only engine; imported lazily so it is not a runtime dependency.
        from mongomock_motor import AsyncMongoMockClient

        return AsyncMongoMockClient(tz_aware=True)
    from motor.motor_asyncio import AsyncIOMotorClient

    try:
        return AsyncIOMotorClient(
            url,
            tz_aware=True,
            serverSelectionTimeoutMS=SERVER_SELECTION_TIMEOUT_MS,
            appname="interviewai",
        )
    except (ConfigurationError, ValueError, TypeError):
        raise BadURLError(
            f"The MongoDB URL {mask_url(url)} is not valid; check its host and options."
        ) from None
    except FileNotFoundError:
        raise BadURLError("A TLS file named in the MongoDB URL cannot be read.") from None


def oid(value: str) -> ObjectId:
    """An ObjectId for a domain id; an invalid one becomes an id that matches nothing."""
    return ObjectId(value) if is_object_id(value) else ObjectId("0" * 24)


def _to(value: Any, key: str | None) -> Any:
    if isinstance(value, Mapping):
        return {str(_to(k, None)): _to(v, str(k)) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_to(v, key) for v in value]
    if isinstance(value, Enum):
        return value.value
    if key in _ID_FIELDS and is_object_id(value):
        return ObjectId(value)
    return value


def to_bson(doc: Mapping[str, Any]) -> dict[str, Any]:
    """A stored-form dict ready for the driver: id fields as ObjectId, enums as values."""
    result = _to(doc, None)
    assert isinstance(result, dict)
    return result


def from_bson(value: Any) -> Any:
    """Driver output back to the stored form: every ObjectId becomes its hex string."""
    if isinstance(value, ObjectId):
        return str(value)
    if isinstance(value, Mapping):
        return {k: from_bson(v) for k, v in value.items()}
    if isinstance(value, list):
        return [from_bson(v) for v in value]
    return value


def value_for(key: str, value: Any) -> Any:
    """One value for a query or `$set` on the stored field `key` (last path segment)."""
    return _to(value, key.rsplit(".", 1)[-1])


def literal_regex(text: str) -> dict[str, str]:
    """A case-insensitive *literal* substring match: the user's text is escaped, never a
    pattern, and it is always a value, never a key or an operator."""
    return {"$regex": re.escape(text), "$options": "i"}


@contextmanager
def errors(where: str = "") -> Iterator[None]:
    """Turn driver exceptions into store errors with one readable sentence."""
    try:
        yield
    except DuplicateKeyError as exc:
        details = exc.details or {}
        pattern = details.get("keyPattern") or details.get("keyValue") or {}
        field = next(iter(pattern), None) if isinstance(pattern, Mapping) else None
        if field is None:
            match = re.search(r"index: (\w+?)_", str(exc))
            field = match.group(1) if match else "key"
        raise DuplicateError(str(field)) from None
    except ConnectionFailure:
        at = f" at {where}" if where else ""
        raise StoreUnavailableError(
            f"Cannot reach the MongoDB server{at} (gave up after "
            f"{SERVER_SELECTION_TIMEOUT_MS // 1000} s)."
        ) from None
    except OperationFailure as exc:
        if exc.code in (13, 18, 8000):  # Unauthorized, AuthenticationFailed, Atlas auth
            raise StoreUnavailableError(
                "MongoDB refused the credentials or the permission for this database."
            ) from None
        raise StoreError(f"MongoDB rejected the operation (code {exc.code}).") from None
    except PyMongoError as exc:
        raise StoreUnavailableError(f"MongoDB failed: {type(exc).__name__}.") from None
