"""What only the embedded SQLite store promises: safe opening, versioned migrations, durability
settings, and that the indexed columns always agree with the stored document."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from interviewai_tui.store import (
    SchemaTooNewError,
    StoreUnavailableError,
    open_store,
)
from interviewai_tui.store.sqlite.schema import SCHEMA_VERSION
from tests.store.conftest import START
from tests.store.factories import interview, user


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


async def _make_db(path: Path) -> str:
    async with open_store(str(path)) as store:
        u = await store.users.create(user=user(1))
        await store.interviews.create(interview=interview(u.id, created_at=START))
        return u.id


async def test_reopen_keeps_data_and_does_not_migrate_again(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    uid = await _make_db(db)
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        tables_before = raw.execute("SELECT sql FROM sqlite_schema ORDER BY name").fetchall()
    for url in (f"sqlite:///{db}", str(db)):
        async with open_store(url) as store:
            assert (await store.users.get(user_id=uid)) is not None
            assert (await store.counts())["interviews"] == 1
    with sqlite3.connect(db) as raw:
        assert (
            raw.execute("SELECT sql FROM sqlite_schema ORDER BY name").fetchall() == tables_before
        )
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


async def test_durability_pragmas(tmp_path: Path) -> None:
    async with open_store(str(tmp_path / "p.db")) as store:
        db = store.db  # type: ignore[attr-defined]
        assert await db.scalar("PRAGMA journal_mode") == "wal"
        assert await db.scalar("PRAGMA synchronous") == 2  # FULL
        assert await db.scalar("PRAGMA foreign_keys") == 1
        assert await db.scalar("PRAGMA busy_timeout") >= 1000


async def test_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    await _make_db(db)
    with sqlite3.connect(db) as raw:
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    before = _digest(db)
    with pytest.raises(SchemaTooNewError) as exc:
        async with open_store(str(db)):
            pass
    assert "upgrade" in str(exc.value).lower() and str(SCHEMA_VERSION + 5) in str(exc.value)
    assert _digest(db) == before


@pytest.mark.parametrize(
    "content", [b"hello, this is my diary\n" * 200, os.urandom(8192), b""[:0] + b"PK\x03\x04zip"]
)
async def test_a_file_that_is_not_sqlite_is_refused_untouched(
    tmp_path: Path, content: bytes
) -> None:
    db = tmp_path / "notes.db"
    db.write_bytes(content)
    with pytest.raises(StoreUnavailableError) as exc:
        async with open_store(str(db)):
            pass
    assert "not an InterviewAI database" in str(exc.value)
    assert db.read_bytes() == content


async def test_another_programs_database_is_refused_untouched(tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    with sqlite3.connect(db) as raw:
        raw.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
        raw.execute("INSERT INTO photos (name) VALUES ('cat.jpg')")
    before = _digest(db)
    with pytest.raises(StoreUnavailableError) as exc:
        async with open_store(str(db)):
            pass
    assert "another program" in str(exc.value)
    assert _digest(db) == before


async def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreUnavailableError) as exc:
        async with open_store(str(tmp_path / "nope" / "x.db")):
            pass
    assert "does not exist" in str(exc.value)
    assert not (tmp_path / "nope").exists()


_READ_ONLY_PROBE = """
import asyncio, sys
from interviewai_tui.store import StoreUnavailableError, open_store
async def main():
    try:
        async with open_store(sys.argv[1]):
            print("OPENED")
    except StoreUnavailableError as exc:
        print("ERROR:", exc)
asyncio.run(main())
"""


def _run_probe(argv: list[str]) -> subprocess.CompletedProcess[str]:
    root = str(Path(__file__).resolve().parents[2])
    return subprocess.run(
        argv,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=root,
        env={**os.environ, "PYTHONPATH": root},
        check=False,
    )


def test_read_only_folder_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            proc = _run_probe([sys.executable, "-c", _READ_ONLY_PROBE, str(folder / "x.db")])
        finally:
            folder.chmod(0o755)
    else:
        # Root ignores permission bits: mount a read-only tmpfs in a private mount namespace.
        if shutil.which("unshare") is None:
            pytest.skip("running as root without unshare(1): no way to make a read-only folder")
        script = 'mount -t tmpfs -o ro tmpfs "$1" && exec "$2" -c "$3" "$1/x.db"'
        proc = _run_probe(
            [
                "unshare",
                "-m",
                "sh",
                "-c",
                script,
                "sh",
                str(folder),
                sys.executable,
                _READ_ONLY_PROBE,
            ]
        )
        if "ERROR:" not in proc.stdout and "OPENED" not in proc.stdout:
            pytest.skip(f"cannot mount a read-only tmpfs here: {proc.stderr.strip()[:200]}")
    assert proc.stdout.strip().startswith("ERROR:"), proc.stdout + proc.stderr
    assert "read-only" in proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr
    assert list(folder.iterdir()) == []


async def test_generated_columns_follow_partial_writes(tmp_path: Path) -> None:
    async with open_store(str(tmp_path / "g.db")) as store:
        u = await store.users.create(user=user(1))
        iv = await store.interviews.create(interview=interview(u.id, created_at=START, score=40))
        await store.interviews.update(interview_id=iv.id, changes={"results.totalScore": 95})
        await store.users.update(user_id=u.id, changes={"email": "New@Example.com"})
        db = store.db  # type: ignore[attr-defined]
        assert await db.scalar("SELECT total_score FROM interviews WHERE id = ?", (iv.id,)) == 95
        assert await db.scalar("SELECT email FROM users WHERE id = ?", (u.id,)) == "new@example.com"
        plan = await db.fetchall(
            "EXPLAIN QUERY PLAN SELECT doc FROM interviews WHERE user_id = ?"
            " ORDER BY created_at DESC LIMIT 20",
            ("x",),
        )
        assert any("interviews_user_created" in str(row) for row in plan)
