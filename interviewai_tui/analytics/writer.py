"""Writing analytics documents idempotently: the same inputs leave the store unchanged.

Each computed document is matched with the stored one of the same (type, period.type,
period.date): it keeps that document's ``_id`` and ``createdAt``, and is written only when
its content differs (then ``updatedAt`` moves). A stored ``user`` period that no longer has
any activity (an interview was deleted, the time zone changed) is rewritten with empty
metrics, since the repository has no single-document delete.

Many documents at once (a rebuild) go through the store's batch ``import_documents``, which
replaces by ``_id``; that is safe because every ``_id`` was taken from the stored document of
the same period, or is new for a period that had none. Should another writer create one of
those periods meanwhile, the batch fails on the unique period index and the documents are
written one by one with ``upsert_period`` instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from interviewai_tui.domain.analytics import Analytics, UserMetrics
from interviewai_tui.domain.common import AnalyticsType, new_id
from interviewai_tui.store.base import DuplicateError, Store

__all__ = ["WriteReport", "claim_dates", "sync_documents"]

Key = tuple[str, str, datetime]
BATCH = 1000
_ONE_MS = timedelta(milliseconds=1)


@dataclass(slots=True)
class WriteReport:
    written: int = 0
    unchanged: int = 0

    def add(self, other: WriteReport) -> None:
        self.written += other.written
        self.unchanged += other.unchanged


def key_of(doc: Analytics) -> Key:
    return (str(doc.type), str(doc.period.type), doc.period.date)


def _same(new: Analytics, old: Analytics) -> bool:
    """Equal apart from ``_id`` and the timestamps (model equality: no dumping needed)."""
    stamps = {"id": old.id, "created_at": old.created_at, "updated_at": old.updated_at}
    return new.model_copy(update=stamps) == old


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


def _in_scope(doc: Analytics, since: datetime | None) -> bool:
    if since is None:
        return True
    end = doc.period.end_date or doc.period.date
    return end > since


async def sync_documents(
    store: Store,
    *,
    computed: Sequence[Analytics],
    existing: Sequence[Analytics],
    now: datetime,
    since: datetime | None = None,
) -> WriteReport:
    """Make the stored documents of one user match ``computed``; returns what was done.

    Args:
        computed: the documents as they should be (any ``_id``/timestamps; replaced here).
        existing: the user's stored documents of the same types.
        since: when given, only periods ending after it are touched.
    """
    report = WriteReport()
    stored = {key_of(d): d for d in existing}
    pending: list[Analytics] = []
    seen: set[Key] = set()
    for doc in computed:
        key = key_of(doc)
        seen.add(key)
        if not _in_scope(doc, since):
            continue
        old = stored.get(key)
        if old is None:
            pending.append(
                doc.model_copy(update={"id": new_id(now), "created_at": now, "updated_at": now})
            )
        elif _same(doc, old):
            report.unchanged += 1
        else:
            pending.append(
                doc.model_copy(
                    update={"id": old.id, "created_at": old.created_at, "updated_at": now}
                )
            )
    for key, old in stored.items():
        if key in seen or old.type is not AnalyticsType.USER or not _in_scope(old, since):
            continue
        if old.user_metrics == UserMetrics():
            report.unchanged += 1
        else:
            pending.append(
                old.model_copy(update={"user_metrics": UserMetrics(), "updated_at": now})
            )
    await _write(store, pending)
    report.written += len(pending)
    return report


async def _write(store: Store, docs: list[Analytics]) -> None:
    if len(docs) <= 4:
        for doc in docs:
            await store.analytics.upsert_period(analytics=doc)
        return
    for start in range(0, len(docs), BATCH):
        chunk = docs[start : start + BATCH]
        try:
            await store.import_documents(
                collection="analytics", documents=[d.model_dump(by_alias=True) for d in chunk]
            )
        except DuplicateError:
            for doc in chunk:
                await store.analytics.upsert_period(analytics=doc)
