"""Restore: check a whole backup file first, then write it into a store.

Nothing is written until every collection's bytes match the manifest's SHA-256, count and
size, so a truncated, damaged or altered file changes nothing. Documents are then validated
batch by batch as they are written (by the store, which validates every batch before writing
it); a document that fails — possible only in a file edited with its checksums recomputed —
stops the restore and what was written is removed again. Validating everything in the first
pass as well would double the restore time (the 100,000-interview target is 60 s).

A store that already holds data is refused unless `force`, which first empties it (see
`clear_store`).
"""

from __future__ import annotations

import asyncio
import contextlib
import zipfile
from collections import deque
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from interviewai_tui.ops.backup_format import (
    BackupError,
    CollectionEntry,
    Manifest,
    iter_blocks,
    iter_documents,
    open_backup,
    read_manifest,
)
from interviewai_tui.ops.gc_pause import paused_gc
from interviewai_tui.ops.progress import NullProgress, Progress
from interviewai_tui.ops.versions import SCHEMA_VERSION
from interviewai_tui.store import Store, StoreError
from interviewai_tui.store.models import MODELS

__all__ = [
    "NotEmptyError",
    "RestoreFailedError",
    "RestoreReport",
    "check_backup",
    "clear_store",
    "restore_backup",
]

_BATCH = 1000
_IN_FLIGHT = 2
_FAR_FUTURE = datetime(9999, 1, 1, tzinfo=UTC)


class NotEmptyError(BackupError):
    """The target store already holds data and `force` was not given."""


class RestoreFailedError(BackupError):
    """Writing failed part way; the message says whether what was written was removed."""


@dataclass(frozen=True, slots=True)
class RestoreReport:
    manifest: Manifest
    written: dict[str, int]
    cleared: int


def _checked_manifest(archive: zipfile.ZipFile) -> Manifest:
    manifest = read_manifest(archive, supported_schema=SCHEMA_VERSION)
    unknown = [c.name for c in manifest.collections if c.name not in MODELS]
    if unknown:
        raise BackupError(f"The backup holds an unknown collection {unknown[0]!r}.")
    return manifest


def check_backup(path: Path, *, progress: Progress | None = None) -> Manifest:
    """Read the whole file: the manifest, and every collection's count, size and SHA-256.

    Raises:
        BackupError: with the first problem found.
    """
    progress = progress or NullProgress()
    with open_backup(path) as archive:
        manifest = _checked_manifest(archive)
        for entry in manifest.collections:
            progress.start(f"check {entry.name}", entry.count)
            for block in iter_blocks(archive, entry):  # counted, not split into lines
                progress.advance(block.count(b"\n"))
            progress.finish()
    return manifest


async def clear_store(store: Store) -> int:
    """Delete every document except the audit trail; returns how many were deleted.

    The audit trail is append-only (the store offers no way to delete from it), so a forced
    restore merges it: entries of the backup replace those with the same id, others stay.

    Uses the store's own bulk deletes, so each engine's rules (indexes, TTLs) stay intact.
    """
    deleted = 0
    for name in ("users", "interviews", "chatSessions", "questions", "sessions"):
        ids = [doc.id async for doc in store.export_models(collection=name)]
        for start in range(0, len(ids), _BATCH):
            chunk = ids[start : start + _BATCH]
            deleted += await store.delete_documents(collection=name, ids=chunk)
    deleted += await store.analytics.delete_older_than(before=_FAR_FUTURE)
    deleted += await store.metrics.delete_older_than(before=_FAR_FUTURE)
    return deleted


async def _write_collection(
    store: Store, archive: zipfile.ZipFile, entry: CollectionEntry, progress: Progress
) -> int:
    """Write one collection batch by batch, keeping the store's driver busy.

    Up to `_IN_FLIGHT` batches are handed over at once: while the driver (in its own thread)
    writes one, the next is already validated and encoded here and the one after is being
    decoded, so the Python work and the database work overlap. The store writes them in
    order (its write lock is first come, first served).
    """
    total = 0
    in_flight: deque[tuple[asyncio.Future[int], int]] = deque()

    async def settle_oldest() -> None:
        nonlocal total
        future, size = in_flight.popleft()
        total += await future
        progress.advance(size)

    async def hand_over(documents: list[dict[str, Any]]) -> None:
        if len(in_flight) >= _IN_FLIGHT:
            await settle_oldest()
        future = asyncio.ensure_future(
            store.import_documents(collection=entry.name, documents=documents)
        )
        in_flight.append((future, len(documents)))
        await asyncio.sleep(0)  # let it validate and encode now, before its turn to write

    try:
        batch: list[dict[str, Any]] = []
        # Dates stay ISO text: import_documents validates every document, parsing them.
        for document in iter_documents(archive, entry, for_validation=True):
            batch.append(document)
            if len(batch) >= _BATCH:
                await hand_over(batch)
                batch = []
        if batch:
            await hand_over(batch)
        while in_flight:
            await settle_oldest()
    finally:
        for future, _ in in_flight:  # a failure part way: stop the others before undoing
            future.cancel()
        for future, _ in in_flight:
            with contextlib.suppress(BaseException):
                await future
    return total


async def restore_backup(
    store: Store,
    path: Path,
    *,
    force: bool = False,
    progress: Progress | None = None,
) -> RestoreReport:
    """Check `path` completely, then write it into `store`.

    Raises:
        NotEmptyError: the store holds data and `force` is False (nothing written).
        BackupError: the file is damaged, altered, truncated or too new (nothing written).
        RestoreFailedError: an invalid document or a store failure while writing; what was
            written is removed again when the store allows it.
        StoreError: the store could not be read before anything was written.
    """
    progress = progress or NullProgress()
    path = path.expanduser()
    counts = await store.counts()
    held = {name: n for name, n in counts.items() if n}
    if held and not force:
        summary = ", ".join(f"{n:,} {name}" for name, n in held.items())
        raise NotEmptyError(
            f"The target store is not empty ({summary}); restore into an empty store, "
            "or pass --force to replace its content."
        )
    manifest = check_backup(path, progress=progress)
    cleared = await clear_store(store) if held else 0
    written: dict[str, int] = {}
    try:
        with open_backup(path) as archive, paused_gc():
            for entry in manifest.collections:
                progress.start(f"restore {entry.name}", entry.count)
                written[entry.name] = await _write_collection(store, archive, entry, progress)
                progress.finish()
    except (BackupError, StoreError) as exc:
        try:
            await clear_store(store)
        except StoreError:
            raise RestoreFailedError(
                f"{exc} The store may hold part of the backup; fix the cause and restore "
                "again with --force."
            ) from None
        raise RestoreFailedError(f"{exc} The restore was undone.") from None
    return RestoreReport(manifest, written, cleared)
