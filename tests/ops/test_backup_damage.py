"""A truncated, damaged or altered backup is refused before anything is written."""

from __future__ import annotations

import gzip
import hashlib
import json
import random
import zipfile
from pathlib import Path
from typing import Any, cast

import pytest

from interviewai_tui.ops.backup import create_backup
from interviewai_tui.ops.backup_format import BackupError
from interviewai_tui.ops.restore import RestoreFailedError, restore_backup
from interviewai_tui.ops.verify import verify_backup
from interviewai_tui.store import Store, StoreUnavailableError, open_store
from tests.ops.conftest import store_url
from tests.ops.dataset import build, fill


@pytest.fixture
async def backup(tmp_path: Path) -> Path:
    path = tmp_path / "good.zip"
    async with open_store(store_url("sqlite", tmp_path, "src")) as src:
        await fill(src, build(interviews=40))
        await create_backup(src, path)
    return path


def rewrite(src: Path, dest: Path, replace: dict[str, bytes]) -> None:
    """Copy a backup, replacing some members (a well-formed ZIP with new CRCs)."""
    with zipfile.ZipFile(src) as old, zipfile.ZipFile(dest, "w") as new:
        for info in old.infolist():
            new.writestr(info.filename, replace.get(info.filename, old.read(info.filename)))


def edit_lines(path: Path, collection: str, edit: object) -> bytes:
    with zipfile.ZipFile(path) as archive:
        lines = gzip.decompress(archive.read(f"collections/{collection}.jsonl.gz")).splitlines()
    docs = [json.loads(line) for line in lines]
    edit(docs)  # type: ignore[operator]
    body = b"".join(
        json.dumps(d, sort_keys=True, separators=(",", ":")).encode() + b"\n" for d in docs
    )
    return body


async def assert_refused(tmp_path: Path, path: Path, match: str) -> None:
    async with open_store(store_url("sqlite", tmp_path, "target")) as target:
        with pytest.raises(BackupError, match=match):
            await restore_backup(target, path)
        assert set((await target.counts()).values()) == {0}, "something was written"
    report = await verify_backup(path)
    assert not report.ok and report.problem


async def test_truncated_anywhere_is_refused(tmp_path: Path, backup: Path) -> None:
    data = backup.read_bytes()
    rng = random.Random(5)
    cuts = [len(data) - 1, len(data) // 2, 100, *rng.sample(range(1, len(data) - 1), 5)]
    for cut in cuts:
        damaged = tmp_path / f"cut{cut}.zip"
        damaged.write_bytes(data[:cut])
        await assert_refused(tmp_path, damaged, "truncated|damaged|not an InterviewAI backup")


async def test_flipped_byte_is_refused(tmp_path: Path, backup: Path) -> None:
    data = bytearray(backup.read_bytes())
    with zipfile.ZipFile(backup) as archive:
        info = archive.getinfo("collections/interviews.jsonl.gz")
    # A byte in the middle of the interviews' compressed data.
    data[info.header_offset + 100 + info.compress_size // 2] ^= 0xFF
    damaged = tmp_path / "flipped.zip"
    damaged.write_bytes(bytes(data))
    await assert_refused(tmp_path, damaged, "damaged|checksum")


async def test_altered_document_fails_the_checksum(tmp_path: Path, backup: Path) -> None:
    def change(docs: list[dict[str, object]]) -> None:
        docs[5]["title"] = "tampered"

    body = edit_lines(backup, "interviews", change)
    altered = tmp_path / "altered.zip"
    rewrite(backup, altered, {"collections/interviews.jsonl.gz": gzip.compress(body)})
    await assert_refused(tmp_path, altered, "interviews.*checksum")


async def test_removed_document_fails_the_count(tmp_path: Path, backup: Path) -> None:
    body = edit_lines(backup, "users", lambda docs: docs.pop())
    altered = tmp_path / "fewer.zip"
    rewrite(backup, altered, {"collections/users.jsonl.gz": gzip.compress(body)})
    await assert_refused(tmp_path, altered, "users.*checksum")


async def test_invalid_document_with_a_matching_manifest_is_refused(
    tmp_path: Path, backup: Path
) -> None:
    """Someone edited a score to 150 and fixed up the manifest: the store's validation refuses
    it, and the collections and batches already written are removed again."""

    def change(docs: list[dict[str, object]]) -> None:
        results = docs[-1]["results"] or {}
        assert isinstance(results, dict)
        results["totalScore"] = 150
        docs[-1]["results"] = results

    body = edit_lines(backup, "interviews", change)
    with zipfile.ZipFile(backup) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    for entry in manifest["collections"]:
        if entry["name"] == "interviews":
            entry["sha256"] = hashlib.sha256(body).hexdigest()
            entry["bytes"] = len(body)
    altered = tmp_path / "invalid.zip"
    rewrite(
        backup,
        altered,
        {
            "collections/interviews.jsonl.gz": gzip.compress(body),
            "manifest.json": json.dumps(manifest).encode(),
        },
    )
    await assert_refused(tmp_path, altered, r"of interviews is invalid.*restore was undone")


async def test_newer_schema_is_refused(tmp_path: Path, backup: Path) -> None:
    with zipfile.ZipFile(backup) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    manifest["schemaVersion"] = 99
    newer = tmp_path / "newer.zip"
    rewrite(backup, newer, {"manifest.json": json.dumps(manifest).encode()})
    await assert_refused(tmp_path, newer, "newer InterviewAI")


async def test_other_files_are_refused(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    await assert_refused(tmp_path, text, "not an InterviewAI backup")
    other_zip = tmp_path / "other.zip"
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("readme.md", "hi")
    await assert_refused(tmp_path, other_zip, "no manifest")
    await assert_refused(tmp_path, tmp_path / "missing.zip", "does not exist")


class BreaksOnChats:
    """A store whose connection drops while the chats are being restored."""

    def __init__(self, inner: Store) -> None:
        self._inner = inner

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    async def import_documents(self, *, collection: str, documents: Any) -> int:
        if collection == "chatSessions":
            raise StoreUnavailableError("The connection was lost.")
        return int(await self._inner.import_documents(collection=collection, documents=documents))


async def test_store_failure_midway_is_undone(tmp_path: Path, backup: Path) -> None:
    async with open_store(store_url("sqlite", tmp_path, "target")) as target:
        with pytest.raises(
            RestoreFailedError, match=r"connection was lost\. The restore was undone"
        ):
            await restore_backup(cast(Store, BreaksOnChats(target)), backup)
        assert set((await target.counts()).values()) == {0}
