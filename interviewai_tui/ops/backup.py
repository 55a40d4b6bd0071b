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
from concurrent.futures import Future, ThreadPoolExecutor
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
from interviewai_tui.ops.fastjson import encode_document
from interviewai_tui.ops.gc_pause import paused_gc
from interviewai_tui.ops.progress import NullProgress, Progress
from interviewai_tui.ops.snapshot import consistent_view, sqlite_file
from interviewai_tui.ops.versions import SCHEMA_VERSION, iso_now
from interviewai_tui.store import COLLECTIONS, Store

__all__ = ["create_backup"]

_BUFFER = 1 << 20  # hand ~1 MB slices to the compressing thread
_LEVEL = 3  # a sixth of the JSON size; level 6 saves another fifth but costs three times the CPU


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


class _Writer:
    """Hashes and compresses in a worker thread (zlib and hashlib release the GIL), so that
    encoding the next slice of documents overlaps with compressing the last one."""

    def __init__(self, data: gzip.GzipFile) -> None:
        self.data = data
        self.digest = hashlib.sha256()
        self.size = 0
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="backup-gzip")
        self._pending: Future[None] | None = None

    def _write(self, chunk: bytes) -> None:
        self.digest.update(chunk)
        self.data.write(chunk)

    def submit(self, chunk: bytes) -> None:
        self.wait()
        self.size += len(chunk)
        self._pending = self._pool.submit(self._write, chunk)

    def wait(self) -> None:
        if self._pending is not None:
            pending, self._pending = self._pending, None
            pending.result()  # re-raises a write error (e.g. disk full) here

    def close(self) -> None:
        try:
            self.wait()
        finally:
            self._pool.shutdown(wait=True)


async def _write_collection(
    archive: zipfile.ZipFile, source: Store, name: str, total: int, progress: Progress
) -> CollectionEntry:
    count = 0
    progress.start(name, total)
    with (
        archive.open(member_name(name), "w", force_zip64=True) as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=_LEVEL, mtime=0) as data,
    ):
        writer = _Writer(data)
        try:
            lines: list[bytes] = []
            size = 0
            async for document in source.export_models(collection=name):
                line = encode_document(document)
                lines.append(line)
                size += len(line)
                count += 1
                if size >= _BUFFER:
                    writer.submit(b"".join(lines))
                    progress.advance(len(lines))
                    lines, size = [], 0
            writer.submit(b"".join(lines))
            progress.advance(len(lines))
        finally:
            writer.close()
    progress.finish()
    return CollectionEntry(name, member_name(name), count, writer.digest.hexdigest(), writer.size)


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
    source_file = sqlite_file(store)
    if source_file is not None and dest.resolve() == source_file.resolve():
        raise BackupError(f"{dest} is the database itself; give the backup another name.")
    partial = dest.with_name(f".{dest.name}.{os.getpid()}.partial")
    try:
        async with consistent_view(store, workdir=dest.parent) as source:
            totals = await source.counts()
            entries: list[CollectionEntry] = []
            with (
                zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_STORED) as archive,
                paused_gc(),
            ):
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
