"""The history screen with Pilot: lazy pages, filters, search, sort, resume, delete, export."""

from __future__ import annotations

import asyncio
import csv
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Input, Select

from interviewai_tui.analytics.history import HistoryService
from interviewai_tui.analytics.wiring import history_for
from interviewai_tui.clock import FrozenClock
from interviewai_tui.domain.common import Difficulty, InterviewStatus
from interviewai_tui.domain.interviews import Interview
from interviewai_tui.domain.users import User
from interviewai_tui.store import Store, open_store
from interviewai_tui.ui.screens.history import PAGE, HistoryScreen
from interviewai_tui.ui.screens.interview_detail import InterviewDetailScreen
from interviewai_tui.ui.screens.interview_session import InterviewSessionScreen
from interviewai_tui.ui.widgets.history_table import HistoryTable
from interviewai_tui.ui.widgets.interview_parts import ConfirmDialog
from tests.analytics.dataset import add_user, at, interview, question
from tests.analytics.ui_host import host

from .helpers import settle, toasts
from .screen_text import screen_text

SIZE = (110, 30)
ROLES = ("Backend Developer", "Data Engineer", "Frontend Developer", "QA Engineer")


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(at("2025-06-01", "12:00"))


@pytest.fixture
async def store(tmp_path: Path, clock: FrozenClock) -> AsyncIterator[Store]:
    async with open_store(f"sqlite:///{tmp_path / 'h.db'}", clock=clock) as opened:
        yield opened


async def _many(store: Store, n: int) -> tuple[User, list[Interview]]:
    user = await add_user(store, name="Hal", timezone="Europe/Paris")
    start = at("2025-01-01", "08:00")
    made = []
    for i in range(n):
        created = start + timedelta(hours=7 * i)
        done = i % 4 != 0
        made.append(
            interview(
                user.id,
                created=created,
                completed=created + timedelta(minutes=25) if done else None,
                score=(i * 37) % 101 if done else None,
                time_spent=1500,
                title=f"{'Final' if i % 5 == 0 else 'Mock'} round {i}",
                difficulty=Difficulty.HARD if i % 2 else Difficulty.EASY,
                stack=["Python"],
                role=ROLES[i % len(ROLES)],
                questions=[question(score=50, submitted=created + timedelta(minutes=5))],
            )
        )
    await store.import_documents(
        collection="interviews", documents=[iv.model_dump(by_alias=True) for iv in made]
    )
    return user, sorted(made, key=lambda iv: (iv.created_at, iv.id), reverse=True)


def _table(app: object) -> HistoryTable:
    return app.screen.query_one(HistoryTable)  # type: ignore[attr-defined, no-any-return]


async def test_pages_load_as_the_cursor_nears_the_end(
    store: Store, clock: FrozenClock, tmp_path: Path
) -> None:
    user, made = await _many(store, 230)
    app = host(store, clock, tmp_path, user)
    async with app.showing(HistoryScreen(), SIZE) as pilot:
        table = _table(app)
        assert table.row_count == PAGE
        assert "Showing 50 of 230" in screen_text(app)
        while table.row_count < 230:
            before = table.row_count
            await pilot.press("end")
            await settle(pilot)
            assert table.row_count == min(230, before + PAGE)  # one page per request
        assert [r.id for r in table.loaded] == [iv.id for iv in made]
        assert "Showing 230 of 230" in screen_text(app)
        await pilot.press("home")
        await settle(pilot)
        assert table.row_count == 230  # nothing refetched


async def test_search_and_filters_reload_from_the_store(
    store: Store, clock: FrozenClock, tmp_path: Path
) -> None:
    user, made = await _many(store, 60)
    app = host(store, clock, tmp_path, user)
    async with app.showing(HistoryScreen(), SIZE) as pilot:
        await pilot.press("slash")
        await pilot.press(*"final")
        await settle(pilot, 0.4)
        table = _table(app)
        finals = [iv for iv in made if iv.title.startswith("Final")]
        assert [r.id for r in table.loaded] == [iv.id for iv in finals]
        await pilot.press("escape")  # back to the table, then open the filters
        await pilot.press("f")
        await settle(pilot)
        app.screen.query_one("#status", Select).value = InterviewStatus.IN_PROGRESS
        await settle(pilot, 0.4)
        assert [r.id for r in table.loaded] == [
            iv.id for iv in finals if iv.status is InterviewStatus.IN_PROGRESS
        ]
        app.screen.query_one("#search", Input).value = ""
        app.screen.query_one("#difficulty", Select).value = Difficulty.HARD
        app.screen.query_one("#from", Input).value = "2025-01-03"
        app.screen.query_one("#to", Input).value = "2025-01-05"
        await settle(pilot, 0.4)
        lo, hi = at("2025-01-02", "23:00"), at("2025-01-05", "23:00")  # Paris is UTC+1
        assert {r.id for r in table.loaded} == {
            iv.id
            for iv in made
            if iv.status is InterviewStatus.IN_PROGRESS
            and iv.difficulty is Difficulty.HARD
            and lo <= iv.created_at < hi
        }
        app.screen.query_one("#to", Input).value = "5 Jan"
        await settle(pilot, 0.4)
        assert "Write the end date as YYYY-MM-DD." in screen_text(app)


async def test_sorting_by_score_then_by_role(
    store: Store, clock: FrozenClock, tmp_path: Path
) -> None:
    user, made = await _many(store, 30)
    app = host(store, clock, tmp_path, user)
    async with app.showing(HistoryScreen(), SIZE) as pilot:
        table = _table(app)
        table.move_cursor(column=2)  # Score
        await pilot.press("s")
        await settle(pilot)
        scores = [r.score for r in table.loaded]
        ranked = sorted((iv.results.total_score for iv in made if iv.results), reverse=True)
        assert scores[: len(ranked)] == ranked
        assert "Score↓" in screen_text(app) and "sorted by score ↓" in screen_text(app)
        await pilot.press("s")  # again: ascending
        await settle(pilot)
        assert [r.score for r in table.loaded if r.score is not None] == sorted(ranked)
        assert "Score↑" in screen_text(app)
        table.move_cursor(column=6)  # Role: every column sorts (needs the store's job_role key)
        await pilot.press("s")
        await settle(pilot)
        assert [r.job_role for r in table.loaded] == sorted(iv.job_role for iv in made)
        assert "Role ↑" in screen_text(app) and "sorted by role ↑" in screen_text(app)
        header = screen_text(app).splitlines()[4]  # under the title bar and the search box
        await pilot.click(HistoryTable, offset=(header.index("Title") + 1, 0))
        await settle(pilot)
        assert [r.title for r in table.loaded] == sorted(iv.title for iv in made)
        assert "sorted by title ↑" in screen_text(app)
        assert not toasts(app)


async def test_resume_is_offered_only_for_unfinished_interviews(
    store: Store, clock: FrozenClock, tmp_path: Path
) -> None:
    user, _ = await _many(store, 8)
    app = host(store, clock, tmp_path, user)
    async with app.showing(HistoryScreen(), SIZE) as pilot:
        table = _table(app)
        screen = app.screen
        finished = next(i for i, r in enumerate(table.loaded) if not r.resumable)
        table.move_cursor(row=finished)
        await pilot.pause()
        assert screen.check_action("resume", ()) is False
        assert "Resume" not in screen_text(app).splitlines()[-1]  # the key hints follow
        await pilot.press("r")
        await settle(pilot)
        assert app.screen is screen
        unfinished = next(i for i, r in enumerate(table.loaded) if r.resumable)
        table.move_cursor(row=unfinished)
        await pilot.pause()
        assert screen.check_action("resume", ()) is True
        assert "r Resume" in screen_text(app).splitlines()[-1]
        await pilot.press("r")
        await settle(pilot, 0.3)
        assert isinstance(app.screen, InterviewSessionScreen)


async def test_delete_asks_first_and_updates_the_table_and_store(
    store: Store, clock: FrozenClock, tmp_path: Path
) -> None:
    user, made = await _many(store, 5)
    app = host(store, clock, tmp_path, user)
    async with app.showing(HistoryScreen(), SIZE) as pilot:
        target = made[0]
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await settle(pilot)
        assert await store.interviews.get(interview_id=target.id) is not None
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert await store.interviews.get(interview_id=target.id) is None
        table = _table(app)
        assert [r.id for r in table.loaded] == [iv.id for iv in made[1:]]
        assert "Showing 4 of 4" in screen_text(app)
        assert "Interview deleted." in toasts(app)


async def test_enter_opens_the_detail_and_untrusted_titles_stay_literal(
    store: Store, clock: FrozenClock, tmp_path: Path
) -> None:
    user = await add_user(store)
    nasty = "[bold red]pwn[/] \x1b]52;c;SGVsbG8=\x07\x1b[2Jdone"
    iv = interview(user.id, created=at("2025-05-01", "09:00"), title=nasty)
    await store.interviews.create(interview=iv)
    app = host(store, clock, tmp_path, user)
    async with app.showing(HistoryScreen(), SIZE) as pilot:
        text = screen_text(app)
        assert "[bold red]pwn[/] done" in text and "\x1b" not in text
        depth = len(app.screen_stack)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, InterviewDetailScreen)
        assert len(app.screen_stack) == depth + 1  # opened once
        assert "[bold red]pwn[/] done" in screen_text(app)


async def test_export_writes_the_filtered_history_as_csv(
    store: Store, clock: FrozenClock, tmp_path: Path
) -> None:
    user, made = await _many(store, 12)
    await store.interviews.create(
        interview=interview(user.id, created=at("2025-06-01", "09:00"), title="=HYPERLINK(1)")
    )
    app = host(store, clock, tmp_path, user)
    async with app.showing(HistoryScreen(), SIZE) as pilot:
        await pilot.press("x")
        await settle(pilot)
    path = tmp_path / "exports" / "interview-history.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert len(rows) == 13
    assert rows[0]["title"] == "'=HYPERLINK(1)"  # a spreadsheet will not run it
    assert rows[1]["id"] == made[0].id and rows[1]["stack"] == "Python"
    assert any("Exported 13 interviews" in t for t in toasts(app))


class _FailingHistory:
    """A history service whose store has gone away."""

    async def page(self, *_: object, **__: object) -> object:
        raise RuntimeError("disk I/O error")


async def test_a_failed_load_is_reported_once(
    store: Store, clock: FrozenClock, tmp_path: Path
) -> None:
    user = await add_user(store)
    app = host(store, clock, tmp_path, user)
    screen = HistoryScreen(service=_FailingHistory())  # type: ignore[arg-type]
    async with app.showing(screen, SIZE):
        shown = toasts(app)
        assert len(shown) == 1 and "Traceback" not in shown[0]
        assert _table(app).row_count == 0


class _SlowHistory:
    """The real service behind a store that takes 300 ms to answer."""

    def __init__(self, real: HistoryService) -> None:
        self.real = real

    async def page(self, *args: object, **kwargs: object) -> object:
        await asyncio.sleep(0.3)
        return await self.real.page(*args, **kwargs)  # type: ignore[arg-type]


async def test_a_slow_store_does_not_hold_the_screen_back(
    store: Store, clock: FrozenClock, tmp_path: Path
) -> None:
    user, _ = await _many(store, 3)
    app = host(store, clock, tmp_path, user)
    real = history_for(await app.services())
    async with app.run_test(size=SIZE) as pilot:
        started = asyncio.get_running_loop().time()
        await app.push_screen(HistoryScreen(service=_SlowHistory(real)))  # type: ignore[arg-type]
        assert asyncio.get_running_loop().time() - started < 0.25  # shown before the rows
        await pilot.pause()
        assert _table(app).row_count == 0 and "Loading…" in screen_text(app)
        await settle(pilot, 0.4)
        assert _table(app).row_count == 3 and "Showing 3 of 3" in screen_text(app)


async def test_a_switches_to_the_read_only_archive_and_back(
    store: Store, clock: FrozenClock, tmp_path: Path
) -> None:
    from interviewai_tui.analytics.service import AnalyticsService
    from interviewai_tui.ops.archive_store import archive_url_for
    from interviewai_tui.ops.archived import ArchivedHistory

    user, made = await _many(store, 3)
    url = f"sqlite:///{tmp_path / 'h.db'}"
    old = interview(
        user.id, created=at("2022-03-01", "09:00"), completed=at("2022-03-01", "09:30"),
        score=81, title="Archived round",
    ).model_copy(update={"archived": True})  # fmt: skip
    async with open_store(archive_url_for(url), clock=clock) as archive_store:
        await archive_store.interviews.create(interview=old)
    async with ArchivedHistory(url, clock=clock) as archive:
        service = HistoryService(store, AnalyticsService(store, clock), archive=archive)
        app = host(store, clock, tmp_path, user)
        async with app.showing(HistoryScreen(service=service), SIZE) as pilot:
            table = _table(app)
            assert [r.id for r in table.loaded] == [iv.id for iv in made]
            await pilot.press("a")
            await settle(pilot)
            assert [r.id for r in table.loaded] == [old.id]
            text = screen_text(app)
            assert "History · archive" in text and "Archive (read-only): showing 1 of 1" in text
            await pilot.press("r")  # never resumable, whatever its status
            await pilot.press("d")
            await settle(pilot)
            assert not isinstance(app.screen, ConfirmDialog)
            assert any("cannot be deleted" in t for t in toasts(app))
            await pilot.press("enter")  # the detail reads the archive
            await settle(pilot)
            assert isinstance(app.screen, InterviewDetailScreen)
            assert "Archived round" in screen_text(app)
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press("a")
            await settle(pilot)
            assert [r.id for r in table.loaded] == [iv.id for iv in made]
            assert "History · archive" not in screen_text(app)
    assert await store.interviews.get(interview_id=old.id) is None  # nothing moved back
