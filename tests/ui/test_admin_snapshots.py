"""SVG snapshots of the admin dashboard, users and question-bank screens at 80x24.

Time is frozen and the data seeded with fixed curves, so every frame is the same on every run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from interviewai_tui import bank
from interviewai_tui.ui.screens.admin_dashboard import AdminDashboardScreen
from interviewai_tui.ui.screens.admin_questions import AdminQuestionsScreen
from interviewai_tui.ui.screens.admin_users import AdminUsersScreen
from tests.admin.ui_host import AdminHostApp, seed_metrics, seed_users

from .helpers import settle

SIZE = (80, 24)


def test_dashboard_80x24(snap_compare: Any, tmp_path: Path) -> None:
    app = AdminHostApp()

    async def run_before(pilot: Pilot[Any]) -> None:
        await app.open_own(tmp_path)
        assert app.store is not None
        await seed_users(app.store)
        await seed_metrics(app.store, app.clock)
        await app.push_screen(AdminDashboardScreen(refresh_seconds=3600))
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_users_80x24(snap_compare: Any, tmp_path: Path) -> None:
    app = AdminHostApp()

    async def run_before(pilot: Pilot[Any]) -> None:
        await app.open_own(tmp_path)
        assert app.store is not None
        await seed_users(app.store)
        await app.push_screen(AdminUsersScreen())
        await settle(pilot)
        await pilot.press("down", "down")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_questions_80x24(snap_compare: Any, tmp_path: Path) -> None:
    app = AdminHostApp()

    async def run_before(pilot: Pilot[Any]) -> None:
        await app.open_own(tmp_path)
        assert app.store is not None
        bundled = bank.load_bundled(clock=app.clock)
        await app.store.questions.upsert_many(questions=bundled[:30])
        await app.push_screen(AdminQuestionsScreen())
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
