"""A small app that hosts the interview screens for Pilot tests: a real SQLite store and service,
a fake evaluator, a signed-in user, and the app's real stylesheets."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App

from interviewai_tui.clock import FrozenClock
from interviewai_tui.domain.common import QuestionType
from interviewai_tui.domain.questions import Question
from interviewai_tui.domain.users import PublicUser, User
from interviewai_tui.interviews.service import InterviewService
from interviewai_tui.judge import run as judge_run
from interviewai_tui.paths import styles_dir
from interviewai_tui.store import Store, open_store
from interviewai_tui.ui.widgets.interview_parts import DiscussInChat

from .helpers import make_question
from .test_grading import SUM_TESTS, FakeEvaluator


class Services:
    def __init__(self, interviews: InterviewService) -> None:
        self.interviews = interviews


class ScreenHost(App[None]):
    """What the Pilot hosts share: a signed-in user, the "discuss in chat" requests the screens
    sent, no blinking cursor, and optionally a store of their own, closed on unmount."""

    def __init__(self, user: PublicUser | None) -> None:
        super().__init__()
        self.user: PublicUser | None = user
        self.chat_requests: list[DiscussInChat] = []
        self.owned_store: Store | None = None

    async def open_own_store(self, tmp_path: Path, clock: FrozenClock) -> Store:
        """Open a store on this app's own loop (snapshot tests run the app in a fresh loop)."""
        store = open_store(f"sqlite:///{tmp_path / 'snap.db'}", clock=clock)
        self.owned_store = await store.__aenter__()
        return self.owned_store

    async def on_unmount(self) -> None:
        if self.owned_store is not None:
            await self.owned_store.__aexit__(None, None, None)

    def on_discuss_in_chat(self, message: DiscussInChat) -> None:
        self.chat_requests.append(message)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if hasattr(event.widget, "cursor_blink"):
            event.widget.cursor_blink = False  # deterministic snapshots


class HostApp(ScreenHost):
    CSS_PATH = [styles_dir() / "app.tcss", styles_dir() / "interview.tcss"]

    def __init__(self, service: InterviewService | None, user: PublicUser | None) -> None:
        super().__init__(user)
        self._services = Services(service) if service is not None else None

    async def services(self) -> Services:
        assert self._services is not None
        return self._services

    async def open_own(self, tmp_path: Path, clock: FrozenClock) -> InterviewService:
        store = await self.open_own_store(tmp_path, clock)
        service, self.user = await build(store, clock, tmp_path)
        self._services = Services(service)
        return service


def bank() -> list[Question]:
    questions = [
        make_question(
            f"Explain Python topic number {i} and its trade-offs.", QuestionType.TECHNICAL
        )
        for i in range(4)
    ]
    questions.append(
        make_question(
            "Read two integers and print their sum.", QuestionType.CODING, tests=SUM_TESTS
        )
    )
    questions.append(
        make_question("Tell me about a conflict you resolved.", QuestionType.BEHAVIORAL, stack=())
    )
    questions.append(
        make_question("Explain React state.", QuestionType.TECHNICAL, stack=("React",))
    )
    return questions


async def build(
    store: Store, clock: FrozenClock, tmp_path: Path, evaluator: Any = None
) -> tuple[InterviewService, PublicUser]:
    await store.questions.upsert_many(questions=bank())
    user = await store.users.create(user=User(email="dee@example.com", name="Dee"))
    service = InterviewService(
        store=store,
        evaluator_for=lambda *_: evaluator or FakeEvaluator(70),
        judge=judge_run,
        clock=clock,
        data_dir=tmp_path,
        rng=random.Random(3),
    )
    return service, user.public()
