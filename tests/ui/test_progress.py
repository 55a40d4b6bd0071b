"""The progress screen: streaks, achievements, the score chart, skills, time and AI usage,
the granularity switch and the Markdown export."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from interviewai_tui.clock import FrozenClock
from interviewai_tui.store import Store, open_store
from interviewai_tui.ui.screens.progress import ProgressScreen
from tests.analytics.dataset import add_user, at, fixed_dataset

from .helpers import settle, toasts
from .screen_text import screen_text

SIZE = (100, 60)


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(at("2025-04-02", "12:00"))


@pytest.fixture
async def store(tmp_path: Path, clock: FrozenClock) -> AsyncIterator[Store]:
    async with open_store(f"sqlite:///{tmp_path / 'p.db'}", clock=clock) as opened:
        yield opened


async def test_progress_from_a_fresh_store_builds_and_shows_the_rollups(
    store: Store, clock: FrozenClock, tmp_path: Path
) -> None:
    from tests.analytics.ui_host import host

    user, _, _ = await fixed_dataset(store)
    app = host(store, clock, tmp_path, user)
    async with app.showing(ProgressScreen(), SIZE) as pilot:
        text = screen_text(app)
        assert "Interviews completed 4 · average 75/100 · best 90/100" in text
        # Active days 3, 4 and 10 March and 1 April; today is 2 April: streak alive at 1.
        assert "Streak 1 day(s) · longest 2 · 4 active day(s)" in text
        assert "Time practising 2 h 20 min" in text  # 8400 s
        assert "Achievements: 7 of 15" in text
        assert "★ Top marks" in text and "· Centurion" in text
        assert "Average score per week (latest 2025-W14: 70, 1 interview)" in text
        assert "SQL" in text and "+20" in text
        assert "AI assistant: 4 message(s) · average reply 1500 ms · satisfaction 4.00/5" in text
        await pilot.press("g")
        await settle(pilot)
        assert "Average score per month (latest 2025-04: 70, 1 interview)" in screen_text(app)
        await pilot.press("e")
        await settle(pilot)
    markdown = (tmp_path / "exports" / "progress-report.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Progress report — Ann")
    assert "| 2025-03 | 77 | 3 |" in markdown
    assert "- [x] Top marks — unlocked 2025-03-04" in markdown
    assert any("Progress report written to" in t for t in toasts(app))


async def test_a_new_user_sees_an_empty_but_friendly_progress(
    store: Store, clock: FrozenClock, tmp_path: Path
) -> None:
    from tests.analytics.ui_host import host

    user = await add_user(store, name="New [bold]user")
    app = host(store, clock, tmp_path, user)
    async with app.showing(ProgressScreen(), SIZE) as pilot:
        text = screen_text(app)
        assert "Interviews completed 0 · average — · best —" in text
        assert "No completed interviews yet" in text
        assert "Achievements: 0 of 15" in text
        await pilot.press("r")  # rebuild on demand: still nothing, no error
        await settle(pilot)
        assert "Interviews completed 0" in screen_text(app)
