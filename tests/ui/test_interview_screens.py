"""Pilot tests of the interview setup, session and results screens on a real SQLite store."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input, SelectionList, Static, TextArea

from interviewai_tui.clock import FrozenClock
from interviewai_tui.domain.common import InterviewStatus, QuestionStatus, QuestionType
from interviewai_tui.domain.interviews import InterviewSetup
from interviewai_tui.interviews.service import InterviewService
from interviewai_tui.store import Store, open_store
from interviewai_tui.ui.screens.interview_session import InterviewSessionScreen
from interviewai_tui.ui.screens.interview_setup import InterviewSetupScreen
from interviewai_tui.ui.screens.results import ResultsScreen
from interviewai_tui.ui.widgets.interview_parts import ConfirmDialog
from tests.interviews.test_grading import FakeEvaluator
from tests.interviews.ui_host import HostApp, build

from .helpers import fill, settle

START_SECONDS = 1_741_000_000


@pytest.fixture
def clock() -> FrozenClock:
    from datetime import UTC, datetime

    return FrozenClock(datetime(2025, 3, 1, 9, 0, tzinfo=UTC))


@pytest.fixture
async def store(tmp_path: Path, clock: FrozenClock) -> AsyncIterator[Store]:
    async with open_store(f"sqlite:///{tmp_path / 'ui.db'}", clock=clock) as opened:
        yield opened


def text_of(app: HostApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def paste(app: HostApp, text: str) -> None:
    """What a terminal paste does: the app forwards it to the focused widget."""
    assert isinstance(app.focused, TextArea)
    app.post_message(events.Paste(text))


def two_question_setup() -> InterviewSetup:
    return InterviewSetup(
        title="UI test",
        job_role="Backend Developer",
        tech_stack=["Python"],
        duration=600,
        question_count=2,
        type_counts={QuestionType.TECHNICAL: 1, QuestionType.CODING: 1},
    )


async def open_session(app: HostApp, service: InterviewService, pilot) -> InterviewSessionScreen:  # type: ignore[no-untyped-def]
    assert app.user is not None
    interview = await service.create(app.user.id, two_question_setup())
    screen = InterviewSessionScreen(interview.id, service=service)
    await app.push_screen(screen)
    await settle(pilot)
    return screen


async def test_setup_explains_bad_input_and_starts(
    store: Store, clock: FrozenClock, tmp_path: Path
) -> None:
    service, user = await build(store, clock, tmp_path)
    app = HostApp(service, user)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(InterviewSetupScreen(service=service))
        await settle(pilot)
        stacks = app.screen.query_one("#stack", SelectionList)
        assert [stacks.get_option_at_index(i).value for i in range(stacks.option_count)] == [
            "Python",
            "React",
        ]
        await fill(pilot, "#role", "Backend Developer")
        assert app.screen.query_one("#title", Input).placeholder == (
            "Backend Developer — medium interview"
        )
        await fill(pilot, "#duration", "0")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Minutes: choose between 1 and 600." in text_of(app, "#setup-status")
        await fill(pilot, "#duration", "30")
        await fill(pilot, "#count", "3")
        await fill(pilot, "#mix-coding", "3")
        await pilot.press("ctrl+t")
        await settle(pilot)
        status = text_of(app, "#setup-status")
        assert "coding: 1 of 3 found" in status and "any difficulty: 1" in status
        await fill(pilot, "#mix-coding", "1")
        await fill(pilot, "#mix-technical", "2")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, InterviewSessionScreen)
        running = app.screen.running
        assert running is not None
        assert running.interview.status is InterviewStatus.IN_PROGRESS
        assert running.interview.title == "Backend Developer — medium interview"
        assert [q.type for q in running.interview.questions] == [
            QuestionType.TECHNICAL,
            QuestionType.TECHNICAL,
            QuestionType.CODING,
        ]


async def test_session_types_saves_and_runs_tests(
    store: Store, clock: FrozenClock, tmp_path: Path
) -> None:
    service, user = await build(store, clock, tmp_path)
    app = HostApp(service, user)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_session(app, service, pilot)
        assert screen.running is not None
        iid = screen.running.interview.id
        assert "Q 1/2 · technical · medium" in text_of(app, "#session-bar")
        assert "10:00 left" in text_of(app, "#session-bar")
        await pilot.press(*"use a hash map")
        await pilot.press("f5")  # next: the draft is flushed on navigation
        await settle(pilot)
        stored = await store.interviews.get(interview_id=iid)
        assert stored is not None and stored.questions[0].answer == "use a hash map"
        editor = app.screen.query_one("#answer", TextArea)
        assert editor.show_line_numbers and editor.language == "python"
        assert "not a security boundary" in text_of(app, "#sandbox-notice")
        paste(app, "a, b = map(int, input().split())\nprint(a - b)\n")
        await pilot.press("ctrl+t")
        await settle(pilot)
        report = text_of(app, "#test-results")
        assert "1/3 tests passed" in report and "✗ negative: wrong answer" in report
        await pilot.press("f4")  # back to question 1: its answer is still there
        await settle(pilot)
        assert app.screen.query_one("#answer", TextArea).text == "use a hash map"
        await pilot.press("ctrl+o")  # $EDITOR: a headless terminal cannot be handed over
        await settle(pilot)
        assert any("cannot hand over to $EDITOR" in str(n.message) for n in app._notifications)
        assert app.screen.query_one("#answer", TextArea).text == "use a hash map"


async def test_markup_escapes_and_a_megabyte_paste_are_stored_exactly(
    store: Store, clock: FrozenClock, tmp_path: Path
) -> None:
    service, user = await build(store, clock, tmp_path)
    app = HostApp(service, user)
    tricky = "[bold]not bold[/] [@click=app.quit]x[/] \x1b]52;c;aGk=\x1b\\ \x1b[2J end [/"
    big = ("def f(x):\n    return x  # " + "y" * 60 + "\n") * 12_000  # about 1 MB
    assert len(big) > 1_000_000
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_session(app, service, pilot)
        assert screen.running is not None
        iid = screen.running.interview.id
        paste(app, tricky)
        await pilot.press("f5")
        await settle(pilot)
        started = time.perf_counter()
        paste(app, big)
        await pilot.press("f4")
        await settle(pilot)
        elapsed = time.perf_counter() - started
        toasts = [str(n.message) for n in app._notifications]
        assert any("very large" in t for t in toasts)  # highlighting off, and the user is told
        stored = await store.interviews.get(interview_id=iid)
        assert stored is not None
        assert stored.questions[0].answer == tricky
        assert stored.questions[1].code_answer == big
        assert elapsed < 5  # generous: a paste this size must not hang the screen
        editor = app.screen.query_one("#answer", TextArea)
        assert editor.text == tricky  # verbatim in the document...
        drawn = "".join(
            seg.text for y in range(editor.size.height) for seg in editor.render_line(y)
        )
        assert "[bold]not bold[/]" in drawn
        assert not any(ch in drawn for ch in "\x1b\x9b\x07")  # ...but nothing for the terminal
        assert isinstance(app.screen, InterviewSessionScreen)  # [@click=app.quit] did nothing


async def test_cancel_asks_first_and_keeps_answers(
    store: Store, clock: FrozenClock, tmp_path: Path
) -> None:
    service, user = await build(store, clock, tmp_path)
    app = HostApp(service, user)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_session(app, service, pilot)
        assert screen.running is not None
        iid = screen.running.interview.id
        await pilot.press(*"partial")
        await pilot.press("f8")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, InterviewSessionScreen)
        await pilot.press("f8")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert not isinstance(app.screen, InterviewSessionScreen)
        stored = await store.interviews.get(interview_id=iid)
        assert stored is not None
        assert stored.status is InterviewStatus.CANCELLED
        assert stored.questions[0].answer == "partial"


async def test_finish_shows_results_with_retake_and_chat(
    store: Store, clock: FrozenClock, tmp_path: Path
) -> None:
    service, user = await build(store, clock, tmp_path)
    app = HostApp(service, user)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_session(app, service, pilot)
        assert screen.running is not None
        iid = screen.running.interview.id
        await pilot.press(*"hash maps give O(1) lookups")
        await pilot.press("f2")  # submit → moves to the coding question
        await settle(pilot)
        paste(app, "a, b = map(int, input().split())\nprint(a + b)\n")
        await pilot.pause()
        await pilot.press("f9")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        summary = text_of(app, "#results-summary")
        # Technical 70; coding 60 % of 3/3 tests + 40 % of 70 = 88.
        assert "Total score 79/100" in summary and "answered 2/2" in summary
        assert "Python" in text_of(app, "#results-skills")
        stored = await store.interviews.get(interview_id=iid)
        assert stored is not None and stored.status is InterviewStatus.COMPLETED
        assert stored.questions[1].status is QuestionStatus.SUBMITTED
        await pilot.press("c")
        await settle(pilot)
        assert [(m.interview_id, m.question_index) for m in app.chat_requests] == [(iid, 0)]
        assert "hash maps give O(1) lookups" in app.chat_requests[0].prompt
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, InterviewSessionScreen)
        assert app.screen.running is not None and app.screen.running.interview.id != iid


async def test_unfinished_interview_is_offered_and_resumed(
    store: Store, clock: FrozenClock, tmp_path: Path
) -> None:
    service, user = await build(store, clock, tmp_path)
    interview = await service.create(user.id, two_question_setup())
    running = service.run(interview)
    await running.session.start()
    clock.advance(125)
    running.session.update_draft(0, "typed before the terminal closed")
    await running.session.flush()
    # A new app on the same store, as after a restart.
    app = HostApp(service, user)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(InterviewSetupScreen(service=service))
        await settle(pilot)
        banner = text_of(app, "#resume-banner")
        assert banner == "Unfinished: UI test — 7 min left. Press Ctrl+R to resume it."
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, InterviewSessionScreen)
        assert app.screen.query_one("#answer", TextArea).text == "typed before the terminal closed"
        assert "07:55 left" in text_of(app, "#session-bar")


async def test_time_running_out_submits_and_shows_results(
    store: Store, clock: FrozenClock, tmp_path: Path
) -> None:
    service, user = await build(store, clock, tmp_path)
    app = HostApp(service, user)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_session(app, service, pilot)
        assert screen.running is not None
        iid = screen.running.interview.id
        await pilot.press(*"first thoughts")
        clock.advance(601)
        await settle(pilot, 0.6)  # the ticker notices, finishes, and grading completes
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        stored = await store.interviews.get(interview_id=iid)
        assert stored is not None and stored.status is InterviewStatus.COMPLETED
        assert stored.questions[0].answer == "first thoughts"
        assert stored.questions[0].status is QuestionStatus.SUBMITTED
        assert stored.results is not None and stored.results.questions_answered == 1


async def test_low_confidence_offers_a_second_opinion(
    store: Store, clock: FrozenClock, tmp_path: Path
) -> None:
    unsure = FakeEvaluator(70)
    unsure.confidence = 30
    service, user = await build(store, clock, tmp_path, evaluator=unsure)
    interview = await service.create(user.id, two_question_setup())
    running = service.run(interview)
    await running.session.start()
    running.session.update_draft(0, "an answer the evaluator is unsure about")
    await running.finish()
    app = HostApp(service, user)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(ResultsScreen(interview.id, service=service))
        await settle(pilot)
        assert "Low confidence" in text_of(app, "#results-summary")
        assert "g" in app.screen.active_bindings
        await pilot.press("g")
        await settle(pilot)
        stored = await store.interviews.get(interview_id=interview.id)
        assert stored is not None and stored.results is not None
        assert stored.results.confidence == 100  # the same grades twice: full agreement
        assert "Second opinion (offline)" in (stored.questions[0].feedback or "")
