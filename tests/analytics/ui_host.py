"""A small app hosting the history, detail and progress screens for Pilot tests: a real SQLite
store, the real services, a signed-in user, the app's stylesheets."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from textual.pilot import Pilot
from textual.screen import Screen

from interviewai_tui.clock import FrozenClock
from interviewai_tui.domain.users import PublicUser
from interviewai_tui.interviews.service import InterviewService
from interviewai_tui.judge import run as judge_run
from interviewai_tui.paths import styles_dir
from interviewai_tui.store import Store
from tests.interviews.ui_host import ScreenHost
from tests.ui.helpers import settle

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


class HistoryHost(ScreenHost):
    CSS_PATH = [
        styles_dir() / "app.tcss",
        styles_dir() / "history.tcss",
        styles_dir() / "interview.tcss",
    ]

    def __init__(self, services: Services | None = None, user: PublicUser | None = None) -> None:
        super().__init__(user)
        self._services = services

    async def services(self) -> Services:
        assert self._services is not None
        return self._services

    async def open_own(self, tmp_path: Path, clock: FrozenClock, seed: Seed) -> Services:
        store = await self.open_own_store(tmp_path, clock)
        self.user = await seed(store)
        self._services = Services(store, clock, tmp_path)
        return self._services

    @asynccontextmanager
    async def showing(
        self, screen: Screen[Any], size: tuple[int, int]
    ) -> AsyncIterator[Pilot[None]]:
        """The app running at `size` with `screen` pushed and its first load settled."""
        async with self.run_test(size=size) as pilot:
            await self.push_screen(screen)
            await settle(pilot)
            yield pilot


def host(store: Store, clock: FrozenClock, tmp_path: Path, user: Any) -> HistoryHost:
    public = user.public() if hasattr(user, "public") else user
    return HistoryHost(Services(store, clock, tmp_path), public)
