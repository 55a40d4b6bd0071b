"""SVG snapshots of the interview setup, session and results screens at 80x24.

The app runs in its own event loop here (that is how snapshots are taken), so the store is
opened inside it, in ``run_before``. Time is frozen and the planner seeded: every frame is the
same on every run.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import TextArea

from interviewai_tui.clock import FrozenClock
from interviewai_tui.domain.common import QuestionType
from interviewai_tui.domain.interviews import InterviewSetup
from interviewai_tui.ui.screens.interview_session import InterviewSessionScreen
from interviewai_tui.ui.screens.interview_setup import InterviewSetupScreen
from interviewai_tui.ui.screens.results import ResultsScreen
from tests.interviews.ui_host import HostApp

from .helpers import settle

SIZE = (80, 24)
SETUP = InterviewSetup(
    title="Snapshot interview",
    job_role="Backend Developer",
    tech_stack=["Python"],
    duration=900,
    question_count=2,
    type_counts={QuestionType.TECHNICAL: 1, QuestionType.CODING: 1},
)


def clock() -> FrozenClock:
    return FrozenClock(datetime(2025, 3, 1, 9, 0, tzinfo=UTC))


def test_setup_screen(snap_compare: Any, tmp_path: Path) -> None:
    app = HostApp(None, None)

    async def run_before(pilot: Pilot[Any]) -> None:
        service = await app.open_own(tmp_path, clock())
        await app.push_screen(InterviewSetupScreen(service=service))
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_session_screen_on_a_coding_question(snap_compare: Any, tmp_path: Path) -> None:
    app = HostApp(None, None)

    async def run_before(pilot: Pilot[Any]) -> None:
        frozen = clock()
        service = await app.open_own(tmp_path, frozen)
        assert app.user is not None
        interview = await service.create(app.user.id, SETUP)
        await app.push_screen(InterviewSessionScreen(interview.id, service=service))
        await settle(pilot)
        await pilot.press(*"hashing")
        await pilot.press("f5")
        await settle(pilot)
        app.screen.query_one("#answer", TextArea).insert("print(sum(map(int, input().split())))")
        frozen.advance(75)
        await pilot.pause(0.6)  # one refresh of the clocks

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_results_screen(snap_compare: Any, tmp_path: Path) -> None:
    app = HostApp(None, None)

    async def run_before(pilot: Pilot[Any]) -> None:
        frozen = clock()
        service = await app.open_own(tmp_path, frozen)
        assert app.user is not None
        interview = await service.create(app.user.id, SETUP)
        running = service.run(interview)
        await running.session.start()
        frozen.advance(120)
        running.session.update_draft(0, "Use a dict: O(1) average lookups; mind hash collisions.")
        await running.session.submit()
        frozen.advance(200)
        running.session.update_draft(1, "a, b = map(int, input().split())\nprint(a + b)\n")
        await running.session.finish()
        await app.push_screen(ResultsScreen(running=running, service=service))
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
