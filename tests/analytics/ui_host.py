"""A small app hosting the history, detail and progress screens for Pilot tests: a real SQLite
store, the real services, a signed-in user, the app's stylesheets."""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from textual import events
from textual.app import App

from interviewai_tui.clock import FrozenClock
from interviewai_tui.domain.users import PublicUser
from interviewai_tui.interviews.service import InterviewService
from interviewai_tui.judge import run as judge_run
from interviewai_tui.paths import styles_dir
from interviewai_tui.store import Store, open_store
from interviewai_tui.ui.widgets.interview_parts import DiscussInChat

Seed = Callable[[Store], Awaitable[PublicUser]]


class Services:
    """What the screens read from the container: store, clock, settings, interviews."""

    def __init__(self, store: Store, clock: FrozenClock, data_dir: Path) -> None:
        from tests.interviews.test_grading import FakeEvaluator

        self.store = store
        self.clock = clock
        self.settings = SimpleNamespace(data_dir=data_dir)
        self.interviews = InterviewService(
            store=store,
            evaluator_for=lambda *_: FakeEvaluator(70),
            judge=judge_run,
            clock=clock,
            data_dir=data_dir,
            rng=random.Random(3),
        )


class HistoryHost(App[None]):
    CSS_PATH = [
        styles_dir() / "app.tcss",
        styles_dir() / "history.tcss",
        styles_dir() / "interview.tcss",
    ]

    def __init__(self, services: Services | None = None, user: PublicUser | None = None) -> None:
        super().__init__()
        self._services = services
        self.user = user
        self.chat_requests: list[DiscussInChat] = []
        self.owned_store: Store | None = None

    async def services(self) -> Services:
        assert self._services is not None
        return self._services

    async def open_own(self, tmp_path: Path, clock: FrozenClock, seed: Seed) -> Services:
        """Open a store on this app's own loop (snapshot tests run the app in a fresh loop)."""
        store = open_store(f"sqlite:///{tmp_path / 'snap.db'}", clock=clock)
        self.owned_store = await store.__aenter__()
        self.user = await seed(self.owned_store)
        self._services = Services(self.owned_store, clock, tmp_path)
        return self._services

    async def on_unmount(self) -> None:
        if self.owned_store is not None:
            await self.owned_store.__aexit__(None, None, None)

    def on_discuss_in_chat(self, message: DiscussInChat) -> None:
        self.chat_requests.append(message)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if hasattr(event.widget, "cursor_blink"):
            event.widget.cursor_blink = False  # deterministic snapshots


def host(store: Store, clock: FrozenClock, tmp_path: Path, user: Any) -> HistoryHost:
    public = user.public() if hasattr(user, "public") else user
    return HistoryHost(Services(store, clock, tmp_path), public)
