"""Archiving and retention: what moves, what stays, and a killed run that reruns cleanly."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from interviewai_tui.clock import Clock, FrozenClock, SystemClock
from interviewai_tui.domain.analytics import Analytics, Period
from interviewai_tui.domain.chats import ChatSession
from interviewai_tui.domain.interviews import Interview
from interviewai_tui.domain.sessions import Session
from interviewai_tui.domain.users import User
from interviewai_tui.ops.archive import ArchivePolicy, Archiver
from interviewai_tui.ops.archive_store import archive_url_for, open_archive
from interviewai_tui.store import Store, open_store
from tests.ops.conftest import ENGINES, store_url

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


async def seed(store: Store, now: datetime, *, n: int = 40, chats: int = 10) -> dict[str, set[str]]:
    """Interviews and chats on both sides of each cutoff; returns the ids that must move."""
    rng = random.Random(3)
    user = User(email="a@example.com", name="A", created_at=now, updated_at=now)
    await store.users.create(user=user)
    expected: dict[str, set[str]] = {"interviews": set(), "chatSessions": set(), "keep": set()}
    docs = []
    for i in range(n):
        age = rng.choice([10, 400, 729, 731, 900, 2000])
        status = "completed" if i % 5 else "in_progress"
        created = now - timedelta(days=age, minutes=i)
        interview = Interview(
            user_id=user.id,
            title=f"Interview {i}",
            status=status,
            created_at=created,
            updated_at=created,
        )
        docs.append(interview.model_dump(by_alias=True))
        moves = status == "completed" and age > 730
        (expected["interviews"] if moves else expected["keep"]).add(interview.id)
    await store.import_documents(collection="interviews", documents=docs)
    chat_docs = []
    for i in range(chats):
        last = now - timedelta(days=[3, 364, 366, 800][i % 4])
        chat = ChatSession(
            user_id=user.id,
            title=f"Chat {i}",
            last_message_at=last if i % 3 else None,
            created_at=last,
            updated_at=last,
        )
        chat_docs.append(chat.model_dump(by_alias=True))
        if (now - last).days > 365:
            expected["chatSessions"].add(chat.id)
        else:
            expected["keep"].add(chat.id)
    await store.import_documents(collection="chatSessions", documents=chat_docs)
    return expected


async def ids(store: Store, collection: str) -> set[str]:
    return {str(d["_id"]) async for d in store.export(collection=collection)}


@pytest.mark.parametrize("engine", ENGINES)
async def test_archive_moves_exactly_the_old_documents(tmp_path: Path, engine: str) -> None:
    # Real time, frozen: mongomock's TTL index compares with the wall clock.
    now = SystemClock().now().replace(microsecond=0)
    clock = FrozenClock(now)
    main_url = store_url(engine, tmp_path, "main")
    async with open_store(main_url, clock=clock) as store, open_archive(main_url) as archive:
        expected = await seed(store, now)
        old = Analytics(
            user_id=None,
            type="system",
            period=Period(type="daily", date=now - timedelta(days=5 * 365 + 10)),
        )
        recent = Analytics(
            user_id=None, type="system", period=Period(type="daily", date=now - timedelta(days=9))
        )
        for a in (old, recent):
            await store.analytics.upsert_period(analytics=a)
        await store.sessions.create(
            session=Session(user_id=new_user_id(), token_hash="t1", expires_at=now - timedelta(1))
        )
        await store.sessions.create(
            session=Session(user_id=new_user_id(), token_hash="t2", expires_at=now + timedelta(1))
        )
        before = {c: await ids(store, c) for c in ("interviews", "chatSessions")}

        archiver = Archiver(store, archive, clock=clock, policy=ArchivePolicy(batch_size=4))
        plan = await archiver.run(dry_run=True)
        assert {c: await ids(store, c) for c in before} == before, "dry run changed data"
        report = await archiver.run()

        assert (plan.interviews, plan.chats) == (report.interviews, report.chats)
        assert report.interviews == len(expected["interviews"]) > 4
        assert report.chats == len(expected["chatSessions"]) > 0
        assert plan.analytics_expired == report.analytics_expired == 1
        if engine == "sqlite":  # on MongoDB the TTL index may remove it first
            assert plan.sessions_purged == report.sessions_purged == 1
        assert [s["tokenHash"] async for s in store.export(collection="sessions")] == ["t2"]
        assert await ids(archive, "interviews") == expected["interviews"]
        assert await ids(archive, "chatSessions") == expected["chatSessions"]
        assert await ids(store, "interviews") == before["interviews"] - expected["interviews"]
        assert await ids(store, "chatSessions") == before["chatSessions"] - expected["chatSessions"]
        kept = await store.analytics.list(user_id=None, type="system")
        assert [a.id for a in kept] == [recent.id]

        # Archived interviews read like any others, marked archived, newest first.
        user_id = (await store.users.get_by_email(email="a@example.com")).id  # type: ignore[union-attr]
        page = await archive.interviews.list_for_user(user_id=user_id, limit=100)
        assert page.total == len(expected["interviews"])
        assert all(i.archived for i in page.items)

        again = await archiver.run()
        assert (again.interviews, again.chats, again.analytics_expired) == (0, 0, 0)
        assert await ids(archive, "interviews") == expected["interviews"]


def new_user_id() -> str:
    from interviewai_tui.domain.common import new_id

    return new_id()


def test_archive_url_sits_beside_the_store(tmp_path: Path) -> None:
    assert archive_url_for(f"sqlite:///{tmp_path}/interviewai.db") == (
        f"sqlite:///{tmp_path}/interviewai-archive.db"
    )
    assert archive_url_for("mongodb://u:p@h:27017/prod?tls=true") == (
        "mongodb://u:p@h:27017/prod_archive?tls=true"
    )
    assert archive_url_for("mongodb+srv://h.example.net/") == (
        "mongodb+srv://h.example.net/interviewai_archive"
    )


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(HERE / "cli_entry.py"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        cwd=ROOT,
    )


async def snapshot_ids(db: Path) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    url = f"sqlite:///{db}"
    async with open_store(url) as store, open_archive(url) as archive:
        main = {c: await ids(store, c) for c in ("interviews", "chatSessions")}
        arch = {c: await ids(archive, c) for c in ("interviews", "chatSessions")}
    return main, arch


@pytest.mark.parametrize("scenario", range(3))
async def test_killed_archive_reruns_without_loss_or_duplicates(
    tmp_path: Path, scenario: int
) -> None:
    rng = random.Random(1000 + scenario)
    db = tmp_path / "interviewai.db"
    clock: Clock = SystemClock()
    async with open_store(f"sqlite:///{db}") as store:
        expected = await seed(store, clock.now(), n=150, chats=40)
        originals = {
            c: {str(d["_id"]): d async for d in store.export(collection=c)}
            for c in ("interviews", "chatSessions")
        }
    batch = 7
    n_batches = -(-len(expected["interviews"]) // batch)
    collection = rng.choice(["interviews", "interviews", "chatSessions"])
    limit = n_batches if collection == "interviews" else n_batches + 2
    first = 1 if collection == "interviews" else n_batches + 1
    target = f"{collection}:{rng.randint(first, limit)}:{rng.choice(['copied', 'verified'])}"

    worker = subprocess.Popen(
        [sys.executable, str(HERE / "archive_worker.py"), str(db), str(batch), target],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert worker.stdout is not None
    lines = []
    for line in worker.stdout:
        lines.append(line.strip())
        if line.strip() == "FROZEN":
            break
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=10)
    assert lines[-1] == "FROZEN", lines[-5:]

    main, arch = await snapshot_ids(db)
    for c in main:  # mid-run: nothing lost, and some of the batch may sit in both stores
        assert main[c] | arch[c] == set(originals[c])
    assert main[collection] & arch[collection], "killed between copy and delete"

    env = {
        **os.environ,
        "INTERVIEWAI_DATA_DIR": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    done = run_cli("archive", "--batch-size", str(batch), "--quiet", env=env)
    assert done.returncode == 0, done.stderr
    assert "Moved" in done.stdout

    main, arch = await snapshot_ids(db)
    assert arch["interviews"] == expected["interviews"]
    assert arch["chatSessions"] == expected["chatSessions"]
    for c in main:
        assert not (main[c] & arch[c]), "a document is in both stores"
        assert main[c] | arch[c] == set(originals[c]), "a document was lost"
    # Contents survived unchanged (apart from the archived mark).
    async with open_archive(f"sqlite:///{db}") as archive:
        async for doc in archive.export(collection="interviews"):
            original = dict(originals["interviews"][str(doc["_id"])])
            assert doc.pop("archived") is True
            original.pop("archived")
            doc.pop("archived", None)
            assert doc == original


async def test_archived_history_reads_archived_items_and_creates_nothing(tmp_path: Path) -> None:
    from interviewai_tui.ops.archived import ArchivedHistory

    url = f"sqlite:///{tmp_path / 'interviewai.db'}"
    async with ArchivedHistory(url) as history:
        empty = await history.interviews(user_id=new_user_id())
        assert (empty.total, empty.items) == (0, [])
    assert not (tmp_path / "interviewai-archive.db").exists()

    now = SystemClock().now().replace(microsecond=0)
    clock = FrozenClock(now)
    async with open_store(url, clock=clock) as store, open_archive(url) as archive:
        expected = await seed(store, now)
        await Archiver(store, archive, clock=clock).run()
        user = await store.users.get_by_email(email="a@example.com")
        assert user is not None
    async with ArchivedHistory(url) as history:
        page = await history.interviews(user_id=user.id, limit=100)
        assert {i.id for i in page.items} == expected["interviews"]
        assert all(i.archived for i in page.items)
        one = await history.interview(interview_id=page.items[0].id)
        assert one is not None and one.archived
        chats = await history.chats(user_id=user.id, limit=100)
        assert {c.id for c in chats.items} == expected["chatSessions"]
