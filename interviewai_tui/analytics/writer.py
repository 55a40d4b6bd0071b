"""Writing analytics documents idempotently: the same inputs leave the store unchanged.

Documents are computed in their stored form (plain dicts with the seed's camelCase names)
and validated once, by the store, when written. Each is matched with the stored document
of the same (type, period.type, period.date): it keeps that document's ``_id`` and
``createdAt``, and is written only when its content differs (then ``updatedAt`` moves). A
stored ``user`` period that no longer has any activity (an interview was deleted, the time
zone changed) is rewritten with empty metrics, since the repository deletes only the
``interview`` documents of one interview.

Many documents at once go through the store's batch ``import_documents``, which replaces by
``_id``; that is safe because every ``_id`` was taken from the stored document of the same
period, or is new for a period that had none. Should another writer create one of those
periods meanwhile, the batch fails on the unique period index and the documents are written
one by one with ``upsert_period`` instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from interviewai_tui.domain.analytics import Analytics, UserMetrics
from interviewai_tui.domain.common import AnalyticsType, new_id
from interviewai_tui.store.base import DuplicateError, Store

__all__ = ["Batch", "Doc", "WriteReport", "claim_dates", "sync_documents"]

Doc = dict[str, Any]
"""An analytics document in stored form, without ``_id``, ``createdAt`` and ``updatedAt``."""
Key = tuple[str, str, datetime]
BATCH = 2000
_ONE_MS = timedelta(milliseconds=1)
_STAMPS = {"id", "created_at", "updated_at"}


@dataclass(slots=True)
class WriteReport:
    written: int = 0
    unchanged: int = 0


@dataclass(slots=True)
class Batch:
    """Documents waiting to be written; a rebuild fills one across many users so that a
    transaction (and its fsync) covers thousands of documents, not one user's few."""

    store: Store
    size: int = BATCH
    docs: list[Doc] = field(default_factory=list)

    async def add(self, docs: Iterable[Doc]) -> None:
        self.docs.extend(docs)
        if len(self.docs) >= self.size:
            await self.flush()

    async def flush(self) -> None:
        docs, self.docs = self.docs, []
        await _write(self.store, docs)


def key_of(doc: Doc) -> Key:
    period = doc["period"]
    return (str(doc["type"]), str(period["type"]), period["date"])


def _same(doc: Doc, stored: Doc) -> bool:
    """Whether ``doc`` says what ``stored`` says (fields absent from ``doc`` must be empty)."""
    if any(stored.get(k) != v for k, v in doc.items()):
        return False
    return all(v is None for k, v in stored.items() if k not in doc)


def claim_dates(
    wanted: Iterable[tuple[str, datetime]], held: dict[str, datetime]
) -> dict[str, datetime]:
    """A distinct instant per owner (interview or conversation id).

    An owner keeps the instant its stored document already has; the others get the instant
    they want, moved forward a millisecond at a time past any instant already taken. The
    result depends only on the owners and the stored documents, so recomputing is stable.
    """
    wanted = sorted(wanted, key=lambda item: (item[1], item[0]))
    live = {owner for owner, _ in wanted}
    out: dict[str, datetime] = {}
    taken: set[datetime] = set()
    for owner, at in held.items():
        if owner in live and at not in taken:
            out[owner] = at
            taken.add(at)
    for owner, at in wanted:
        if owner in out:
            continue
        while at in taken:
            at += _ONE_MS
        out[owner] = at
        taken.add(at)
    return out


def _in_scope(period: Doc, since: datetime | None) -> bool:
    if since is None:
        return True
    end = period.get("endDate") or period["date"]
    return bool(end > since)


async def sync_documents(
    store: Store,
    *,
    computed: Sequence[Doc],
    existing: Sequence[Analytics],
    now: datetime,
    since: datetime | None = None,
    batch: Batch | None = None,
) -> WriteReport:
    """Make the stored documents of one user match ``computed``; returns what was done.

    Args:
        computed: the documents as they should be, in stored form.
        existing: the user's stored documents of the same types.
        since: when given, only periods ending after it are touched.
        batch: collect the writes there (the caller flushes) instead of writing now.
    """
    report = WriteReport()
    stored = {(str(d.type), str(d.period.type), d.period.date): d for d in existing}
    pending: list[Doc] = []
    seen: set[Key] = set()
    for doc in computed:
        key = key_of(doc)
        seen.add(key)
        if not _in_scope(doc["period"], since):
            continue
        old = stored.get(key)
        if old is None:
            pending.append({**doc, "_id": new_id(now), "createdAt": now, "updatedAt": now})
        elif _same(doc, old.model_dump(by_alias=True, exclude=_STAMPS)):
            report.unchanged += 1
        else:
            pending.append({**doc, "_id": old.id, "createdAt": old.created_at, "updatedAt": now})
    for key, old in stored.items():
        if key in seen or old.type is not AnalyticsType.USER:
            continue
        if not _in_scope(old.period.model_dump(by_alias=True), since):
            continue
        if old.user_metrics == UserMetrics():
            report.unchanged += 1
        else:
            emptied = old.model_copy(update={"user_metrics": UserMetrics(), "updated_at": now})
            pending.append(emptied.model_dump(by_alias=True))
    report.written = len(pending)
    if batch is not None:
        await batch.add(pending)
    else:
        await _write(store, pending)
    return report


async def _write(store: Store, docs: list[Doc]) -> None:
    if len(docs) <= 4:
        for doc in docs:
            await store.analytics.upsert_period(analytics=Analytics.model_validate(doc))
        return
    for start in range(0, len(docs), BATCH):
        chunk = docs[start : start + BATCH]
        try:
            await store.import_documents(collection="analytics", documents=chunk)
        except DuplicateError:
            for doc in chunk:
                await store.analytics.upsert_period(analytics=Analytics.model_validate(doc))
