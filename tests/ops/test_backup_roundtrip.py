"""Backup → verify → restore across engines, with identical checksums on every hop."""

from __future__ import annotations

import gzip
import json
import zipfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any, cast

import pytest

from interviewai_tui.clock import FrozenClock
from interviewai_tui.domain.common import Document
from interviewai_tui.ops.backup import create_backup
from interviewai_tui.ops.backup_format import BackupError
from interviewai_tui.ops.restore import NotEmptyError, restore_backup
from interviewai_tui.ops.verify import export_checksums, verify_backup
from interviewai_tui.store import COLLECTIONS, Store, StoreUnavailableError, open_store
from tests.ops.conftest import ENGINES, store_url
from tests.ops.dataset import NOW, build, fill


def _sums(manifest_json: dict[str, object]) -> dict[str, tuple[int, str]]:
    entries = manifest_json["collections"]
    assert isinstance(entries, list)
    return {e["name"]: (e["count"], e["sha256"]) for e in entries}


def _manifest(path: Path) -> dict[str, object]:
    with zipfile.ZipFile(path) as archive:
        body = json.loads(archive.read("manifest.json"))
    assert isinstance(body, dict)
    return body


@pytest.mark.parametrize("source", ENGINES)
@pytest.mark.parametrize("target", ENGINES)
async def test_round_trip_between_engines(tmp_path: Path, source: str, target: str) -> None:
    data = build()
    first = tmp_path / "first.zip"
    async with open_store(store_url(source, tmp_path, "src")) as src:
        await fill(src, data)
        original = await export_checksums(src, list(COLLECTIONS))
        manifest = await create_backup(src, first, clock=FrozenClock(NOW))
    assert {c.name: (c.count, c.sha256) for c in manifest.collections} == original
    assert original["interviews"][0] == len(data["interviews"])

    report = await verify_backup(first)
    assert report.ok, report
    assert [c.name for c in report.checks] == list(COLLECTIONS)

    second = tmp_path / "second.zip"
    async with open_store(store_url(target, tmp_path, "dst")) as dst:
        restored = await restore_backup(dst, first)
        assert restored.written == {name: n for name, (n, _) in original.items()}
        assert await export_checksums(dst, list(COLLECTIONS)) == original
        # The restored data is usable through the repositories, not only as raw documents.
        user = data["users"][0]
        got = await dst.users.get_by_email(email=user.email)
        assert got is not None and got.model_dump() == user.model_dump()
        page = await dst.interviews.list_for_user(user_id=user.id, limit=100)
        assert page.total == sum(1 for i in data["interviews"] if i.user_id == user.id)
        await create_backup(dst, second, clock=FrozenClock(NOW))
    assert _sums(_manifest(second)) == _sums(_manifest(first))


async def test_file_is_extended_json_with_types_preserved(tmp_path: Path) -> None:
    data = build()
    path = tmp_path / "b.zip"
    async with open_store(store_url("sqlite", tmp_path, "src")) as src:
        await fill(src, data)
        await create_backup(src, path, clock=FrozenClock(NOW))
    body = _manifest(path)
    assert body["format"] == "interviewai-backup"
    assert body["schemaVersion"] == 1 and body["appVersion"]
    assert body["createdAt"] == "2025-06-01T12:00:00.123Z"
    with zipfile.ZipFile(path) as archive:
        lines = gzip.decompress(archive.read("collections/interviews.jsonl.gz")).splitlines()
    docs = {json.loads(line)["_id"]["$oid"]: json.loads(line) for line in lines}
    first = data["interviews"][0]
    doc = docs[first.id]
    assert doc["userId"] == {"$oid": first.user_id}
    assert doc["questions"][0]["questionId"] == {"$oid": first.questions[0].question_id}
    assert doc["createdAt"] == {"$date": first.created_at.isoformat()[:23] + "Z"}
    raw = next(line for line in lines if first.id.encode() in line)
    # A float stays a float (12.0, not 12) and a large integer stays exact.
    assert b'"responseTime":12.0' in raw and b'"timeSpent":1099511627776' in raw
    # Unicode is stored as UTF-8, not \u escapes, and control characters are escaped JSON.
    users = gzip.decompress(archive_read(path, "users")).decode()
    assert "Zoë" in users and "\u2603" in users


def archive_read(path: Path, collection: str) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read(f"collections/{collection}.jsonl.gz")


async def test_restore_refuses_non_empty_store_unless_forced(tmp_path: Path) -> None:
    data = build()
    path = tmp_path / "b.zip"
    async with open_store(store_url("sqlite", tmp_path, "src")) as src:
        await fill(src, data)
        await create_backup(src, path)
        expected = await export_checksums(src, list(COLLECTIONS))
    other = build(seed=99, users=2, interviews=4)
    async with open_store(store_url("sqlite", tmp_path, "dst")) as dst:
        await fill(dst, {"users": other["users"], "questions": other["questions"]})
        before = await export_checksums(dst, list(COLLECTIONS))
        with pytest.raises(NotEmptyError, match=r"not empty.*--force"):
            await restore_backup(dst, path)
        assert await export_checksums(dst, list(COLLECTIONS)) == before
        report = await restore_backup(dst, path, force=True)
        assert report.cleared == 2 + 3
        assert await export_checksums(dst, list(COLLECTIONS)) == expected


class FailingStore:
    """A store that breaks while its interviews are being read (a dropped connection)."""

    def __init__(self, inner: Store) -> None:
        self._inner = inner
        self.engine = "failing"

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    async def export_models(self, *, collection: str) -> AsyncIterator[Document]:
        n = 0
        async for doc in self._inner.export_models(collection=collection):
            if collection == "interviews" and n == 3:
                raise StoreUnavailableError("The connection was lost.")
            n += 1
            yield doc


async def test_backup_is_not_left_half_written_when_the_store_fails(tmp_path: Path) -> None:
    dest = tmp_path / "out" / "b.zip"
    dest.parent.mkdir()
    async with open_store(store_url("sqlite", tmp_path, "src")) as src:
        await fill(src, build())
        await create_backup(src, dest)
        before = dest.read_bytes()
        # A second backup over the same name that fails midway leaves the first one intact.
        with pytest.raises(StoreUnavailableError):
            await create_backup(cast(Store, FailingStore(src)), dest)
    assert dest.read_bytes() == before
    assert sorted(p.name for p in dest.parent.iterdir()) == ["b.zip"]


async def test_backup_refuses_missing_folder(tmp_path: Path) -> None:
    async with open_store(store_url("sqlite", tmp_path, "src")) as src:
        with pytest.raises(BackupError, match="does not exist"):
            await create_backup(src, tmp_path / "nope" / "b.zip")


async def test_backup_refuses_to_overwrite_the_database(tmp_path: Path) -> None:
    async with open_store(store_url("sqlite", tmp_path, "src")) as src:
        with pytest.raises(BackupError, match="the database itself"):
            await create_backup(src, tmp_path / "src.db")
    async with open_store(store_url("sqlite", tmp_path, "src")) as src:
        assert set((await src.counts()).values()) == {0}  # still a working database
