"""``interviewai analytics rebuild`` in a real subprocess, on a real SQLite file."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest

from interviewai_tui.clock import FrozenClock
from interviewai_tui.commands.analytics_cmd import parse_since
from interviewai_tui.domain.common import AnalyticsType
from interviewai_tui.store import open_store

from .conftest import NOW
from .dataset import add_user, at, fixed_dataset, interview

ROOT = Path(__file__).resolve().parents[2]


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "INTERVIEWAI_DATA_DIR": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    env.pop("INTERVIEWAI_DATABASE_URL", None)
    env.pop("INTERVIEWAI_CONFIG_FILE", None)
    return subprocess.run(
        [sys.executable, str(ROOT / "tests" / "analytics" / "run_cli.py"), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def _seed(url: str, extra_users: int = 0) -> None:
    async def go() -> None:
        async with open_store(url, clock=FrozenClock(NOW)) as store:
            await fixed_dataset(store)
            for i in range(extra_users):
                user = await add_user(store, name=f"U{i}")
                iv = interview(
                    user.id,
                    created=at("2025-02-01", "10:00"),
                    completed=at("2025-02-01", "10:30"),
                    score=50 + i % 50,
                    skills={"Go": 60},
                )
                await store.interviews.create(interview=iv)

    asyncio.run(go())


def _count(url: str) -> int:
    async def go() -> int:
        async with open_store(url) as store:
            return (await store.counts())["analytics"]

    return asyncio.run(go())


def test_rebuild_twice_then_only_recent_periods(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    _seed(url)
    first = _run(tmp_path, "--database-url", url, "analytics", "rebuild", "--quiet")
    assert first.returncode == 0, first.stderr
    assert "for 1 users" in first.stdout and "15 documents written, 0 unchanged" in first.stdout
    second = _run(tmp_path, "--database-url", url, "analytics", "rebuild", "--quiet")
    assert "0 documents written, 15 unchanged" in second.stdout
    assert _count(url) == 15

    fresh = f"sqlite:///{tmp_path / 'since.db'}"
    _seed(fresh)
    since = _run(tmp_path, "--database-url", fresh, "analytics", "rebuild", "--since", "2025-04-01")
    # Periods ending after 1 April: the day, its week, April, 2025, and iv5's own document.
    assert since.returncode == 0, since.stderr
    assert "5 documents written" in since.stdout and "periods ending after" in since.stdout


def test_rebuild_across_worker_processes(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'many.db'}"
    _seed(url, extra_users=60)  # 61 users: two chunks, so a real process pool
    done = _run(tmp_path, "--database-url", url, "analytics", "rebuild", "--jobs", "2")
    assert done.returncode == 0, done.stderr
    assert "for 61 users" in done.stdout and "with 2 process(es)" in done.stdout
    assert "61 of 61 users" in done.stderr  # progress

    async def check() -> None:
        async with open_store(url) as store:
            page = await store.users.list(limit=100)
            for user in page.items:
                docs = await store.analytics.list(user_id=user.id, type=AnalyticsType.USER)
                keys = [(d.period.type, d.period.date) for d in docs]
                assert keys and len(keys) == len(set(keys))

    asyncio.run(check())
    again = _run(tmp_path, "--database-url", url, "analytics", "rebuild", "--jobs", "2")
    assert "0 documents written" in again.stdout


@pytest.mark.parametrize("bad", ["yesterday", "2025-13-01", "31/01/2025"])
def test_a_bad_since_is_one_line_and_exit_2(tmp_path: Path, bad: str) -> None:
    url = f"sqlite:///{tmp_path / 'bad.db'}"
    done = _run(tmp_path, "--database-url", url, "analytics", "rebuild", "--since", bad)
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "--since must be a date" in done.stderr
    assert "Traceback" not in done.stderr


def test_since_parsing() -> None:
    assert parse_since("2025-03-04") == at("2025-03-04")
    assert parse_since("2025-03-04T10:30") == at("2025-03-04", "10:30")
    assert parse_since("2025-03-04T10:30+02:00") == at("2025-03-04", "08:30")
    assert parse_since(None) is None
