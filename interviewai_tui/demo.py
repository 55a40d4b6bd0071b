"""``interviewai --demo``: the app on a throwaway store filled from ``assets/demo/``.

Everything the program could write goes to one temporary directory, removed on exit: the
data dir (database, journals), the config file and config dir (secrets file), the state and
cache dirs, and HOME itself (platformdirs derives macOS and Windows folders from it). The
keyring is replaced by keyring's "fail" backend, so sign-ins and keys stay in memory and the
user's real keyring is never touched. The AI provider is the offline coach: no key, no network.

The dataset's dates are moved forward so that its newest activity is today and its newest
metrics sample is from just now.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interviewai_tui import paths
from interviewai_tui.clock import Clock, SystemClock

if TYPE_CHECKING:
    from interviewai_tui.store import Store

__all__ = [
    "DemoCredential",
    "demo_environment",
    "load_dataset",
    "run_demo",
    "seed_demo",
]

DATASET = "demo.json"


@dataclass(frozen=True, slots=True)
class DemoCredential:
    role: str
    name: str
    email: str
    password: str


def demo_environment(root: Path) -> dict[str, str]:
    """Environment variables that point every place the program writes into `root`."""
    folders = {
        "HOME": root / "home",
        "XDG_CONFIG_HOME": root / "config",
        "XDG_DATA_HOME": root / "data-home",
        "XDG_STATE_HOME": root / "state",
        "XDG_CACHE_HOME": root / "cache",
        "INTERVIEWAI_DATA_DIR": root / "data",
    }
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    config = root / "config" / "interviewai" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("# demo mode: defaults\n", encoding="utf-8")
    env = {name: str(path) for name, path in folders.items()}
    env["INTERVIEWAI_CONFIG_FILE"] = str(config)
    env["INTERVIEWAI_AI_PROVIDER"] = "offline"
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    env["TMPDIR"] = str(root)
    return env


def _shift(value: Any, delta: timedelta) -> Any:
    if isinstance(value, datetime):
        return value + delta
    if isinstance(value, dict):
        return {k: _shift(v, delta) for k, v in value.items()}
    if isinstance(value, list):
        return [_shift(v, delta) for v in value]
    return value


def load_dataset(
    path: Path | None = None, *, now: datetime
) -> tuple[list[DemoCredential], dict[str, list[dict[str, Any]]]]:
    """The credentials and the stored documents, dates moved so the newest activity is `now`."""
    from interviewai_tui.ops.extjson import from_extjson

    path = path or paths.assets_dir() / "demo" / DATASET
    data = json.loads(path.read_text(encoding="utf-8"))
    anchor = from_extjson(data["anchor"])
    assert isinstance(anchor, datetime)
    # Whole days keep each activity on its weekday and time of day (streaks, charts); the
    # metrics move by the exact gap so the dashboard's newest sample is from just now.
    days = timedelta(days=max(0, (now - anchor).days))
    exact = max(timedelta(0), now - anchor)
    collections = {
        name: [
            _shift(from_extjson(doc), exact if name == "systemMetrics" else days) for doc in docs
        ]
        for name, docs in data["collections"].items()
    }
    credentials = [DemoCredential(**c) for c in data["credentials"]]
    return credentials, collections


async def seed_demo(store: Store, *, clock: Clock | None = None) -> list[DemoCredential]:
    """Fill an empty store with the demo: bank, dataset (linked to the bank), analytics."""
    from interviewai_tui.bank import ensure_loaded

    clock = clock or SystemClock()
    await ensure_loaded(store, clock=clock)
    bank = {
        (doc["question"], str(doc["type"])): str(doc["_id"])
        async for doc in store.export(collection="questions")
    }
    credentials, collections = load_dataset(now=clock.now())
    for interview in collections.get("interviews", []):
        for item in interview["questions"]:
            item["questionId"] = bank.get((item["question"], item["type"]))
    for name, documents in collections.items():
        await store.import_documents(collection=name, documents=documents)
    await _rebuild_analytics(store, clock)
    return credentials


async def _rebuild_analytics(store: Store, clock: Clock) -> None:
    # The progress screens read rollups; computing them here (rather than shipping them)
    # keeps them consistent with whatever the analytics module calculates.
    try:
        from interviewai_tui.analytics.service import AnalyticsService
    except ImportError:  # pragma: no cover - the module ships with the app
        return
    await AnalyticsService(store, clock).rebuild()


def _banner(credentials: list[DemoCredential], root: Path) -> str:
    lines = [
        "InterviewAI demo: a throwaway store, deleted when you quit.",
        f"Everything is kept in {root}.",
        "",
    ]
    for c in credentials:
        lines.append(f"  {c.role:<10} {c.email:<34} password: {c.password}")
    return "\n".join(lines) + "\n"


def run_demo(overrides: dict[str, Any] | None = None) -> int:
    """Prepare the throwaway store, print the credentials, run the TUI, clean up."""
    if overrides:
        ignored = ", ".join(sorted(overrides))
        print(
            f"interviewai: --demo ignores {ignored} (the demo uses its own store).", file=sys.stderr
        )
    saved = dict(os.environ)
    saved_tempdir = tempfile.tempdir
    try:
        with tempfile.TemporaryDirectory(prefix="interviewai-demo-") as tmp:
            root = Path(tmp)
            os.environ.update(demo_environment(root))
            tempfile.tempdir = tmp  # gettempdir() cached the old TMPDIR already
            os.environ.pop("INTERVIEWAI_DATABASE_URL", None)
            credentials = asyncio.run(_seed_default_store(root))
            print(_banner(credentials, root), flush=True)
            from interviewai_tui.ui.app import run_app

            sign_ins = "\n".join(f"{c.role}: {c.email} / {c.password}" for c in credentials)
            return run_app({}, notice=f"Demo store (deleted when you quit).\n{sign_ins}")
    finally:
        tempfile.tempdir = saved_tempdir
        os.environ.clear()
        os.environ.update(saved)


async def _seed_default_store(root: Path) -> list[DemoCredential]:
    from interviewai_tui.store import open_store

    async with open_store(f"sqlite:///{root / 'data' / 'interviewai.db'}") as store:
        return await seed_demo(store)
