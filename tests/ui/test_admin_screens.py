"""Pilot tests of the admin dashboard, users and question-bank screens, keyboard only, on a
real SQLite store with the real admin services."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from textual.widgets import DataTable, Input, TextArea

from interviewai_tui.admin.sampler import MetricsSampler
from interviewai_tui.admin.system import ServerReading
from interviewai_tui.domain.common import Role, UserStatus
from interviewai_tui.domain.users import User
from interviewai_tui.ui.screens.admin_dashboard import AdminDashboardScreen
from interviewai_tui.ui.screens.admin_questions import AdminQuestionsScreen
from interviewai_tui.ui.screens.admin_users import AdminUsersScreen
from interviewai_tui.ui.widgets.admin_tables import selected_key
from tests.admin.conftest import NOW
from tests.admin.test_questions import CODING, VALID
from tests.admin.ui_host import AdminHostApp, seed_metrics, seed_users, visible
from tests.admin.workload import FixedProbe

from .helpers import settle, toasts

SIZE = (80, 24)


async def test_dashboard_shows_health_charts_alerts_and_providers(tmp_path: Path) -> None:
    app = AdminHostApp()
    async with app.run_test(size=SIZE) as pilot:
        await app.open_own(tmp_path)
        assert app.store is not None
        await seed_metrics(app.store, app.clock)
        await app.push_screen(AdminDashboardScreen(refresh_seconds=3600))
        await settle(pilot)
        text = visible(app)
        # Readable without colour: states are words, charts are block characters.
        assert "WARNING" in text and "uptime 100.0%" in text
        assert "CPU usage is 95% (alert at 90%)." in text
        assert "95%" in text and any(ch in text for ch in "▁▂▃▄▅▆▇█")
        assert "ollama" in text and "openai" in text
        screen = app.screen
        assert isinstance(screen, AdminDashboardScreen) and screen.view is not None
        assert len(screen.view.hour) == 7 and len(screen.view.day) == 145


async def test_refresh_keeps_the_cursor_and_resolve_removes_the_alert(tmp_path: Path) -> None:
    app = AdminHostApp()
    async with app.run_test(size=SIZE) as pilot:
        await app.open_own(tmp_path)
        assert app.store is not None
        await seed_metrics(app.store, app.clock, hours=2)
        screen = AdminDashboardScreen(refresh_seconds=0.1)
        await app.push_screen(screen)
        await settle(pilot)
        table = screen.query_one("#alerts", DataTable)
        assert table.row_count == 2
        await pilot.press("down")
        chosen = selected_key(table)
        assert chosen is not None

        # A new sample raises a new alert; the self-refresh shows it, the cursor stays put.
        app.clock.advance(60)
        probe = FixedProbe(ServerReading(cpu_percent=95, disk_percent=99))
        await MetricsSampler(app.store, clock=app.clock, probe=probe).sample()
        before = screen.refreshes
        await pilot.pause(0.4)
        assert screen.refreshes > before
        assert table.row_count == 3 and selected_key(table) == chosen
        assert "Disk usage is 99%" in visible(app)

        await pilot.press("r")
        await settle(pilot, 0.2)
        assert chosen not in [a.id for a in await app.store.metrics.open_alerts()]
        assert table.row_count == 2 and chosen not in [k.value for k in table.rows]
        assert "Alert resolved." in toasts(app)
        [entry] = (await app.store.audit.list()).items
        assert (entry.action, entry.target_id) == ("alert.resolve", chosen)


async def test_a_non_admin_sees_a_refusal_not_data(tmp_path: Path) -> None:
    app = AdminHostApp()
    async with app.run_test(size=SIZE) as pilot:
        await app.open_own(tmp_path)
        assert app.store is not None
        await seed_metrics(app.store, app.clock, hours=1)
        candidate = await app.store.users.create(user=User(email="c@example.com", name="C"))
        app.user = candidate.public()
        screen = AdminDashboardScreen(refresh_seconds=0.05)
        await app.push_screen(screen)
        await settle(pilot, 0.3)
        assert toasts(app).count("This action needs an administrator account.") == 1
        assert "This action needs an administrator account." in visible(app)
        assert "CPU usage is 95%" not in visible(app) and screen.view is None


async def test_users_search_is_literal_and_block_needs_confirmation(tmp_path: Path) -> None:
    app = AdminHostApp()
    async with app.run_test(size=SIZE) as pilot:
        await app.open_own(tmp_path)
        assert app.store is not None
        people = await seed_users(app.store)
        screen = AdminUsersScreen()
        await app.push_screen(screen)
        await settle(pilot)
        assert "Dee [bold]Mark…" in visible(app)  # shown as typed (and cut), not as markup
        assert "6 of 6 users shown." in visible(app)

        await pilot.press("slash")
        for ch in ".*":
            await pilot.press(ch)
        await settle(pilot)
        assert "No account matches this search." in visible(app)

        search = screen.query_one("#search", Input)
        search.value = "ada"
        await settle(pilot)
        await pilot.press("enter")  # to the table
        ada = people[0]
        assert selected_key(screen.query_one("#users", DataTable)) == ada.id

        await pilot.press("b")
        await settle(pilot)
        assert "Block ada@example.com?" in visible(app)
        await pilot.press("escape")  # cancelled: nothing happens
        await settle(pilot)
        stored = await app.store.users.get(user_id=ada.id)
        assert stored is not None and stored.status == UserStatus.ACTIVE

        await pilot.press("b")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        stored = await app.store.users.get(user_id=ada.id)
        assert stored is not None and stored.status == UserStatus.BLOCKED
        assert "blocked" in visible(app)

        await pilot.press("h")
        await settle(pilot)
        text = visible(app)
        assert "Audit trail: ada@example.com" in text
        assert "root@example.com" in text and "user.block" in text


async def test_role_change_and_last_admin_refusal(tmp_path: Path) -> None:
    app = AdminHostApp()
    async with app.run_test(size=SIZE) as pilot:
        await app.open_own(tmp_path)
        assert app.store is not None and app.admin_user is not None
        screen = AdminUsersScreen()
        await app.push_screen(screen)
        await settle(pilot)
        assert selected_key(screen.query_one("#users", DataTable)) == app.admin_user.id
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert "Refused: this is the last active admin account." in toasts(app)
        stored = await app.store.users.get(user_id=app.admin_user.id)
        assert stored is not None and stored.role == Role.ADMIN


async def test_question_form_validates_then_saves(tmp_path: Path) -> None:
    app = AdminHostApp()
    async with app.run_test(size=(100, 40)) as pilot:
        await app.open_own(tmp_path)
        assert app.store is not None
        screen = AdminQuestionsScreen()
        await app.push_screen(screen)
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        form.query_one("#f-question", TextArea).text = "What is a race condition?"
        criteria = form.query_one("#f-evaluationCriteria", TextArea)
        criteria.text = "Accuracy | 50\nExamples | 40"
        criteria.focus()
        await settle(pilot)  # the form scrolls the focused field into view (animated)
        assert "Weights: 90 / 100" in visible(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "evaluationCriteria: weights sum to 90, expected 100." in visible(app)
        assert await app.store.questions.count() == 0

        form.query_one("#f-evaluationCriteria", TextArea).text = "Accuracy | 60\nExamples | 40"
        form.query_one("#f-techStack", Input).value = "Go, go , Rust"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        [saved] = (await app.store.questions.list(active=None)).items
        assert (saved.question, saved.tech_stack) == (
            "What is a race condition?",
            ["Go", "go", "Rust"],
        )
        assert "Question saved." in toasts(app)
        assert "1 of 1 questions shown." in visible(app)


async def test_deactivate_import_and_export(tmp_path: Path) -> None:
    app = AdminHostApp()
    async with app.run_test(size=SIZE) as pilot:
        await app.open_own(tmp_path)
        assert app.store is not None
        screen = AdminQuestionsScreen()
        await app.push_screen(screen)
        await settle(pilot)

        bad = tmp_path / "bad.json"
        bad.write_text(json.dumps([VALID, {**VALID, "type": "nope"}]))
        await pilot.press("i")
        await settle(pilot)
        app.screen.query_one("#path", Input).value = str(bad)
        await pilot.press("enter")
        await settle(pilot)
        assert any("entry 2" in t and "Nothing was imported" in t for t in toasts(app))
        assert await app.store.questions.count() == 0

        good = tmp_path / "good.json"
        good.write_text(json.dumps([VALID, CODING]))
        await pilot.press("i")
        await settle(pilot)
        app.screen.query_one("#path", Input).value = str(good)
        await pilot.press("enter")
        await settle(pilot)
        assert "Imported: 2 added, 0 updated." in toasts(app)
        assert "2 of 2 questions shown." in visible(app)

        await pilot.press("d")
        await settle(pilot)
        assert "Deactivate" in visible(app)
        await pilot.press("y")
        await settle(pilot)
        assert "1 of 1 questions shown." in visible(app)  # the list shows active ones
        assert await app.store.questions.count(active=False) == 1

        out = tmp_path / "out.json"
        await pilot.press("x")
        await settle(pilot)
        app.screen.query_one("#path", Input).value = str(out)
        await pilot.press("enter")
        await settle(pilot)
        assert len(json.loads(out.read_text())) == 2
        actions = [e.action for e in (await app.store.audit.list()).items]
        assert actions == ["question.export", "question.deactivate", "question.import"]
        assert NOW + timedelta(0) == app.clock.now()
