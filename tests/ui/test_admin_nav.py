"""The admin areas inside the real app: an admin reaches the dashboard, users and question bank
from home with one key each (the admin services come from the container); a candidate does not
see them, and a forced attempt is refused."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from interviewai_tui.admin.wiring import AdminServices
from interviewai_tui.domain.common import Role
from interviewai_tui.domain.users import User
from interviewai_tui.ui.app import InterviewAIApp
from interviewai_tui.ui.screens.admin_dashboard import AdminDashboardScreen
from interviewai_tui.ui.screens.admin_questions import AdminQuestionsScreen
from interviewai_tui.ui.screens.admin_users import AdminUsersScreen
from interviewai_tui.ui.screens.home import HomeScreen
from tests.admin.ui_host import AdminHostApp, seed_metrics, seed_users

from .fakes import FakeAuth, FakeContainer
from .helpers import settle, toasts
from .screen_text import screen_text


@dataclass
class AdminContainer(FakeContainer):
    admin: AdminServices | None = None


async def test_admin_reaches_every_admin_area(tmp_path: Path) -> None:
    host = AdminHostApp()  # only to build the real services on a real store
    auth = FakeAuth()
    container = AdminContainer(auth=auth)
    app = InterviewAIApp(container, cursor_blink=False)  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        container.admin = await host.open_own(tmp_path)
        assert host.store is not None and host.user is not None
        await seed_users(host.store)
        await seed_metrics(host.store, host.clock, hours=1)
        auth.remembered = host.user
        app.open_services()
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)

        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, AdminDashboardScreen)
        assert "CPU usage is 95% (alert at 90%)." in screen_text(app)

        await pilot.press("u")  # from the dashboard straight to the users
        await settle(pilot)
        assert isinstance(app.screen, AdminUsersScreen)
        assert "Ada Lovelace" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        assert isinstance(app.screen, AdminQuestionsScreen)
    await host.store.__aexit__(None, None, None)


async def test_candidate_has_no_admin_areas(tmp_path: Path) -> None:
    host = AdminHostApp()
    auth = FakeAuth()
    container = AdminContainer(auth=auth)
    app = InterviewAIApp(container, cursor_blink=False)  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        container.admin = await host.open_own(tmp_path)
        assert host.store is not None
        candidate = await host.store.users.create(
            user=User(email="c@example.com", name="Cand", role=Role.USER)
        )
        auth.remembered = candidate.public()
        app.open_services()
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "Admin dashboard" not in screen_text(app)
        app.action_go("admin")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "That area is for administrators." in toasts(app)
        # Even a screen pushed directly gets nothing from the service: the role is checked there.
        await app.push_screen(AdminUsersScreen())
        await settle(pilot)
        assert "This action needs an administrator account." in toasts(app)
        assert "Ada" not in screen_text(app)
    await host.store.__aexit__(None, None, None)
