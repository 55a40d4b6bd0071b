"""`create_backup`: every collection of a store into one compressed, checksummed file.

The file is written under a temporary name in the destination folder, flushed to disk, and
renamed only when complete, so a crash or a full disk never leaves a file that looks finished.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import os
import zipfile
from pathlib import Path

from interviewai_tui import __version__
from interviewai_tui.clock import Clock, SystemClock
from interviewai_tui.ops.backup_format import (
    MANIFEST,
    BackupError,
    CollectionEntry,
    Manifest,
    member_name,
)
from interviewai_tui.ops.extjson import encode_line
from interviewai_tui.ops.progress import NullProgress, Progress
from interviewai_tui.ops.snapshot import consistent_view
from interviewai_tui.ops.versions import SCHEMA_VERSION, iso_now
from interviewai_tui.store import COLLECTIONS, Store

__all__ = ["create_backup"]

_BUFFER = 1 << 20  # write compressed data in ~1 MB slices


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can fsync a directory
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _check_destination(dest: Path) -> None:
    folder = dest.parent
    if not folder.is_dir():
        raise BackupError(f"The folder {folder} does not exist.")
    if dest.is_dir():
        raise BackupError(f"{dest} is a folder; give a file name for the backup.")
    if not os.access(folder, os.W_OK):
        raise BackupError(f"The folder {folder} is not writable.")


async def _write_collection(
    archive: zipfile.ZipFile, source: Store, name: str, total: int, progress: Progress
) -> CollectionEntry:
    digest = hashlib.sha256()
    count = size = 0
    progress.start(name, total)
    with (
        archive.open(member_name(name), "w", force_zip64=True) as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6, mtime=0) as data,
    ):
        pending: list[bytes] = []
        pending_size = 0
        async for document in source.export(collection=name):
            line = encode_line(document)
            digest.update(line)
            pending.append(line)
            pending_size += len(line)
            count += 1
            if pending_size >= _BUFFER:
                data.write(b"".join(pending))
                size += pending_size
                progress.advance(len(pending))
                pending, pending_size = [], 0
        data.write(b"".join(pending))
        size += pending_size
        progress.advance(len(pending))
    progress.finish()
    return CollectionEntry(name, member_name(name), count, digest.hexdigest(), size)


async def create_backup(
    store: Store,
    dest: Path,
    *,
    clock: Clock | None = None,
    progress: Progress | None = None,
) -> Manifest:
    """Write a backup of every collection of `store` to `dest`; returns its manifest.

    Raises:
        BackupError: the destination cannot be written (nothing is left behind).
        StoreError: the store failed while being read.
    """
    clock = clock or SystemClock()
    progress = progress or NullProgress()
    dest = dest.expanduser().absolute()
    _check_destination(dest)
    partial = dest.with_name(f".{dest.name}.{os.getpid()}.partial")
    try:
        async with consistent_view(store, workdir=dest.parent) as source:
            totals = await source.counts()
            entries: list[CollectionEntry] = []
            with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_STORED) as archive:
                for name in COLLECTIONS:
                    entry = await _write_collection(
                        archive, source, name, totals.get(name, 0), progress
                    )
                    entries.append(entry)
                manifest = Manifest(
                    schema_version=SCHEMA_VERSION,
                    app_version=__version__,
                    created_at=iso_now(clock),
                    engine=store.engine,
                    source=store.describe(),
                    collections=entries,
                )
                archive.writestr(MANIFEST, manifest.to_json())
        with open(partial, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, dest)
        _fsync_dir(dest.parent)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise BackupError(f"The backup could not be written to {dest} ({reason}).") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
    return manifest
