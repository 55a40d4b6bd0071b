"""Demo mode: the shipped dataset is reproducible, loads with content on every area, and the
demo process writes nothing outside its temporary directory."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import struct
import subprocess
import sys
import termios
import threading
from datetime import timedelta
from pathlib import Path

import pytest

from interviewai_tui import paths
from interviewai_tui.auth.passwords import PasswordHasher
from interviewai_tui.bank import load_bundled
from interviewai_tui.clock import FrozenClock, SystemClock
from interviewai_tui.demo import load_dataset, seed_demo
from interviewai_tui.ops.demo_data import ANCHOR, generate, render
from interviewai_tui.store import open_store
from interviewai_tui.store.models import MODELS

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = paths.assets_dir() / "demo" / "demo.json"


class Fixed:
    def now(self):  # type: ignore[no-untyped-def]
        return ANCHOR


def test_shipped_dataset_is_what_the_generator_makes() -> None:
    fresh = json.loads(render(generate(load_bundled(clock=Fixed()))))
    shipped = json.loads(SHIPPED.read_text(encoding="utf-8"))
    assert fresh["credentials"] == shipped["credentials"]
    assert fresh["collections"].keys() == shipped["collections"].keys()
    # Compared through the current models, so a field added to a model later (with a
    # default) does not make the shipped file "different"; any content change does.
    from interviewai_tui.ops.extjson import from_extjson

    for name, docs in fresh["collections"].items():
        model = MODELS[name]
        mine = [model.model_validate(from_extjson(d)).model_dump() for d in docs]
        theirs = [
            model.model_validate(from_extjson(d)).model_dump() for d in shipped["collections"][name]
        ]
        assert mine == theirs, f"{name}: regenerate with python -m interviewai_tui.ops.demo_data"


def test_demo_passwords_verify_against_their_hashes() -> None:
    credentials, collections = load_dataset(now=ANCHOR)
    users = {u["email"]: u for u in collections["users"]}
    hasher = PasswordHasher()
    for c in credentials:
        assert hasher.verify(c.password, users[c.email]["password"])
    first = credentials[0]
    assert not hasher.verify(first.password + "x", users[first.email]["password"])
    assert {c.role for c in credentials} == {"candidate", "admin"}


async def test_seeded_demo_has_content_for_every_area(tmp_path: Path) -> None:
    now = SystemClock().now().replace(microsecond=0)
    clock = FrozenClock(now)
    async with open_store(f"sqlite:///{tmp_path / 'demo.db'}", clock=clock) as store:
        credentials = await seed_demo(store, clock=clock)
        by_role = {c.role: c for c in credentials}
        candidate = await store.users.get_by_email(email=by_role["candidate"].email)
        admin = await store.users.get_by_email(email=by_role["admin"].email)
        assert candidate is not None and admin is not None
        assert str(admin.role) == "admin" and str(candidate.role) == "user"

        page = await store.interviews.list_for_user(user_id=candidate.id, limit=100)
        done = [i for i in page.items if i.status == "completed"]
        assert page.total >= 30 and len(done) >= 25
        assert all(i.results and i.results.overall_feedback and i.results.strengths for i in done)
        assert all(q.feedback and q.question_id for i in done for q in i.questions)
        newest, oldest = page.items[0].created_at, page.items[-1].created_at
        assert newest > now - timedelta(days=2) and newest <= now
        assert newest - oldest > timedelta(days=120), "months of history"
        assert await store.interviews.find_in_progress(user_id=candidate.id), "one to resume"
        stats = await store.interviews.user_stats(user_id=candidate.id)
        assert stats.completed == len(done) and stats.average_score

        chats = await store.chats.list_for_user(user_id=candidate.id)
        assert chats.total >= 5 and all(c.messages for c in chats.items)

        latest = await store.metrics.latest()
        assert latest is not None and now - latest.timestamp < timedelta(hours=1)
        assert [a.message for a in await store.metrics.open_alerts()] == [
            "CPU usage 93.5% (limit 90%)"
        ]
        history = await store.metrics.range(since=now - timedelta(days=1))
        assert len(history) >= 90

        users = await store.users.list(limit=50)
        assert users.total >= 12
        analytics = await store.analytics.list(user_id=candidate.id, type="user")
        assert analytics, "progress rollups were computed"
        counts = await store.counts()
        assert counts["questions"] == len(load_bundled())


def _drain(fd: int, sink: list[bytes]) -> None:
    try:
        while chunk := os.read(fd, 65536):
            sink.append(chunk)
    except OSError:
        pass


def test_demo_process_writes_only_into_its_temporary_directory(tmp_path: Path) -> None:
    home, tmp, xdg = tmp_path / "home", tmp_path / "tmp", tmp_path / "xdg"
    for folder in (home, tmp, xdg):
        folder.mkdir()
    marker = tmp_path / "painted.json"
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "TMPDIR": str(tmp),
        "XDG_CONFIG_HOME": str(xdg),
        "XDG_DATA_HOME": str(xdg),
        "XDG_STATE_HOME": str(xdg),
        "XDG_CACHE_HOME": str(xdg),
        "TERM": "xterm-256color",
        "INTERVIEWAI_BENCH_EXIT_ON_PAINT": "1",
        "INTERVIEWAI_BENCH_MARKER": str(marker),
        "INTERVIEWAI_DATABASE_URL": "mongodb://must-not-be-used.invalid/x",
    }
    code = (
        f"import sys; sys.path.insert(0, {str(ROOT)!r}); "
        "from interviewai_tui.demo import run_demo; sys.exit(run_demo())"
    )
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    output: list[bytes] = []
    reader = threading.Thread(target=_drain, args=(master, output), daemon=True)
    reader.start()
    process = subprocess.Popen(
        [sys.executable, "-c", code],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        cwd=tmp_path,
        start_new_session=True,
    )
    os.close(slave)
    try:
        assert process.wait(timeout=60) == 0, b"".join(output).decode(errors="replace")[-2000:]
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)
        reader.join(timeout=2)
    text = b"".join(output).decode(errors="replace")
    assert "candidate@demo.interviewai.dev" in text and "Practice-makes-2025" in text
    assert marker.is_file(), "the app painted its first screen"
    leftovers = [p for folder in (home, tmp, xdg) for p in folder.rglob("*")]
    assert leftovers == [], leftovers


@pytest.mark.parametrize("days", [0, 400])
def test_dates_move_to_today(days: int) -> None:
    now = ANCHOR + timedelta(days=days, hours=3)
    _, collections = load_dataset(now=now)
    newest = max(i["createdAt"] for i in collections["interviews"])
    assert now - timedelta(days=2) < newest <= now
