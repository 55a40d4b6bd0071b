"""`verify_backup`: the seed's "backup testing and validation", done for real.

The backup is restored into a scratch embedded store in a temporary folder, every collection
is exported again, and its count and SHA-256 are compared with the manifest. Only a backup
whose every document survives a store round trip byte for byte passes.
"""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass
from pathlib import Path

from interviewai_tui.ops.backup_format import BackupError, Manifest
from interviewai_tui.ops.fastjson import encode_document
from interviewai_tui.ops.gc_pause import paused_gc
from interviewai_tui.ops.progress import NullProgress, Progress
from interviewai_tui.ops.restore import restore_backup
from interviewai_tui.store import Store, open_store

__all__ = ["CollectionCheck", "VerifyReport", "export_checksums", "verify_backup"]


@dataclass(frozen=True, slots=True)
class CollectionCheck:
    name: str
    expected_count: int
    found_count: int
    expected_sha256: str
    found_sha256: str

    @property
    def ok(self) -> bool:
        return self.expected_count == self.found_count and self.expected_sha256 == self.found_sha256


@dataclass(frozen=True, slots=True)
class VerifyReport:
    manifest: Manifest | None
    checks: list[CollectionCheck]
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None and all(c.ok for c in self.checks)


async def export_checksums(store: Store, collections: list[str]) -> dict[str, tuple[int, str]]:
    """(count, SHA-256 of the Extended JSON lines) per collection, as a backup would record."""
    result: dict[str, tuple[int, str]] = {}
    with paused_gc():
        for name in collections:
            digest = hashlib.sha256()
            count = 0
            async for document in store.export_models(collection=name):
                digest.update(encode_document(document))
                count += 1
            result[name] = (count, digest.hexdigest())
    return result


async def verify_backup(
    path: Path, *, workdir: Path | None = None, progress: Progress | None = None
) -> VerifyReport:
    """Restore `path` into a scratch store and compare counts and checksums with its manifest.

    Never raises for a bad backup: the report says what is wrong (`problem` or a failed check).
    """
    progress = progress or NullProgress()
    with tempfile.TemporaryDirectory(prefix="interviewai-verify-", dir=workdir) as scratch:
        url = f"sqlite:///{Path(scratch) / 'verify.db'}"
        try:
            async with open_store(url) as store:
                report = await restore_backup(store, path, progress=progress)
                names = [c.name for c in report.manifest.collections]
                found = await export_checksums(store, names)
        except BackupError as exc:
            return VerifyReport(None, [], str(exc))
    checks = [
        CollectionCheck(
            entry.name, entry.count, found[entry.name][0], entry.sha256, found[entry.name][1]
        )
        for entry in report.manifest.collections
    ]
    return VerifyReport(report.manifest, checks)
