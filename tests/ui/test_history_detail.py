"""The interview detail screen: every question, highlighted code, judge results, feedback;
discuss in chat, retake with the same setup, resume, delete, and other users' interviews."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from rich.syntax import Syntax
from textual.widgets import Static

from interviewai_tui.clock import FrozenClock
from interviewai_tui.domain.common import QuestionType
from interviewai_tui.domain.interviews import InterviewSetup
from interviewai_tui.store import Store, open_store
from interviewai_tui.ui.screens.interview_detail import InterviewDetailScreen, QuestionBlock
from interviewai_tui.ui.screens.interview_session import InterviewSessionScreen
from interviewai_tui.ui.widgets.interview_parts import ConfirmDialog
from tests.analytics.dataset import FIXED_FEEDBACK, add_user, at, fixed_dataset, interview
from tests.analytics.ui_host import host
from tests.interviews.ui_host import bank

from .helpers import settle, toasts
from .screen_text import screen_text

SIZE = (100, 40)


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(at("2025-04-02", "12:00"))


@pytest.fixture
async def store(tmp_path: Path, clock: FrozenClock) -> AsyncIterator[Store]:
    async with open_store(f"sqlite:///{tmp_path / 'd.db'}", clock=clock) as opened:
        yield opened


async def test_every_question_with_answer_code_tests_and_feedback(
    store: Store, clock: FrozenClock, tmp_path: Path
) -> None:
    user, ivs, _ = await fixed_dataset(store)
    app = host(store, clock, tmp_path, user)
    async with app.showing(InterviewDetailScreen(ivs["iv2"].id), SIZE) as pilot:
        blocks = list(app.screen.query(QuestionBlock))
        assert [b.question.type for b in blocks] == [QuestionType.CODING, QuestionType.TECHNICAL]
        code = blocks[0].query_one(".detail-code", Static)
        assert isinstance(code.content, Syntax)  # highlighted, not plain text
        text = screen_text(app)
        assert "Total 81/100" in text
        assert "Q1 · coding · 90/100 · time 8:20" in text
        assert "print(sum(map(int, input().split())))" in text
        assert "Tests (python): 3/3 passed" not in text  # no language recorded
        assert "Tests: 3/3 passed — passed, passed, passed" in text
        await pilot.press("down")
        await pilot.press("down")
        await settle(pilot)
        assert "It misses the cost of rehashing." in screen_text(app)
        assert FIXED_FEEDBACK.splitlines()[1] in screen_text(app)


async def test_discuss_sends_the_focused_question_to_chat(
    store: Store, clock: FrozenClock, tmp_path: Path
) -> None:
    user, ivs, _ = await fixed_dataset(store)
    app = host(store, clock, tmp_path, user)
    async with app.showing(InterviewDetailScreen(ivs["iv2"].id), SIZE) as pilot:
        app.screen.query(QuestionBlock)[1].focus()
        await pilot.press("c")
        await settle(pilot)
    (request,) = app.chat_requests
    assert (request.interview_id, request.question_index) == (ivs["iv2"].id, 1)
    assert "It misses the cost of rehashing." in request.prompt
    assert "Question 2 was sent to the chat assistant." in toasts(app)


async def test_retake_starts_a_new_interview_with_the_same_setup(
    store: Store, clock: FrozenClock, tmp_path: Path
) -> None:
    await store.questions.upsert_many(questions=bank())
    user = await add_user(store)
    setup = InterviewSetup(
        title="Retake me",
        job_role="Backend Developer",
        tech_stack=["Python"],
        duration=900,
        question_count=2,
        type_counts={QuestionType.TECHNICAL: 2},
    )
    old = interview(
        user.id, created=at("2025-03-01", "09:00"), completed=at("2025-03-01", "09:20"), score=50
    )
    old.setup = setup
    await store.interviews.create(interview=old)
    app = host(store, clock, tmp_path, user)
    async with app.showing(InterviewDetailScreen(old.id), SIZE) as pilot:
        await pilot.press("t")
        await settle(pilot, 0.3)
        assert isinstance(app.screen, InterviewSessionScreen)
    page = await store.interviews.list_for_user(user_id=user.id)
    fresh = next(iv for iv in page.items if iv.id != old.id)
    assert fresh.setup == setup and fresh.title == "Retake me" and len(fresh.questions) == 2


async def test_delete_from_the_detail_and_no_access_to_others(
    store: Store, clock: FrozenClock, tmp_path: Path
) -> None:
    user, ivs, _ = await fixed_dataset(store)
    stranger = await add_user(store, name="Eve")
    theirs = interview(stranger.id, created=at("2025-03-01"), title="Eve's secret interview")
    await store.interviews.create(interview=theirs)
    app = host(store, clock, tmp_path, user)
    async with app.showing(InterviewDetailScreen(theirs.id), SIZE) as pilot:
        text = screen_text(app)
        assert "That interview does not exist" in text and "secret" not in text
        await pilot.press("escape")
        await app.push_screen(InterviewDetailScreen(ivs["iv1"].id))
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
    assert await store.interviews.get(interview_id=ivs["iv1"].id) is None
    fresh = await store.users.get(user_id=user.id)
    assert fresh is not None and fresh.stats.completed_interviews == 3  # recounted
    assert fresh.stats.average_score == 80  # (81 + 90 + 70) / 3 = 80.3
