"""Reading and deleting documents by id, many at a time.

The `Store` protocol reads and deletes one record per call, which costs one transaction (and
one fsync on SQLite) per document. When the store offers the bulk methods below (proposed for
`store/base.py`), they are used; otherwise each id is handled on its own, which is correct but
slower. Either way the caller sees one call per batch.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

from interviewai_tui.domain.common import Document
from interviewai_tui.store import Store
from interviewai_tui.store.models import MODELS

__all__ = ["BulkStore", "delete_many", "get_many"]


@runtime_checkable
class BulkStore(Protocol):
    async def get_documents(self, *, collection: str, ids: Sequence[str]) -> list[dict[str, Any]]:
        """Stored-form documents with these ids (missing ones are left out), any order."""
        ...

    async def delete_documents(self, *, collection: str, ids: Sequence[str]) -> int:
        """Delete these ids in one transaction; returns how many existed."""
        ...


async def _get_one(store: Store, collection: str, doc_id: str) -> Document | None:
    if collection == "interviews":
        return await store.interviews.get(interview_id=doc_id)
    if collection == "chatSessions":
        return await store.chats.get(chat_id=doc_id)
    raise ValueError(f"no single-document read for {collection}")


async def _delete_one(store: Store, collection: str, doc_id: str) -> bool:
    if collection == "interviews":
        return await store.interviews.delete(interview_id=doc_id)
    if collection == "chatSessions":
        return await store.chats.delete(chat_id=doc_id)
    if collection == "users":
        return await store.users.delete(user_id=doc_id)
    if collection == "questions":
        return await store.questions.delete(question_id=doc_id)
    if collection == "sessions":
        return await store.sessions.delete(session_id=doc_id)
    raise ValueError(f"no single-document delete for {collection}")


async def get_many(store: Store, collection: str, ids: Sequence[str]) -> dict[str, Document]:
    """The documents with these ids, as models, keyed by id."""
    if isinstance(store, BulkStore):
        model = MODELS[collection]
        raw = await store.get_documents(collection=collection, ids=ids)
        found = [model.model_validate(doc) for doc in raw]
        return {doc.id: doc for doc in found}
    result: dict[str, Document] = {}
    for doc_id in ids:
        doc = await _get_one(store, collection, doc_id)
        if doc is not None:
            result[doc_id] = doc
    return result


async def delete_many(store: Store, collection: str, ids: Sequence[str]) -> int:
    if isinstance(store, BulkStore):
        return await store.delete_documents(collection=collection, ids=ids)
    deleted = 0
    for doc_id in ids:
        deleted += await _delete_one(store, collection, doc_id)
    return deleted
