"""Home: greeting and stats, only existing areas, admin-only entries, opening, sign-out."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from interviewai_tui.domain.common import Role
from interviewai_tui.ui import nav
from interviewai_tui.ui.app import InterviewAIApp
from interviewai_tui.ui.screens.home import HomeScreen, stats_rows
from interviewai_tui.ui.screens.sign_in import SignInScreen

from .area_screens import AdminOnlyScreen, PracticeScreen
from .fakes import FakeAuth, make_user
from .helpers import settle, toasts
from .screen_text import screen_text

AREA_MODULE = f"{__package__}.area_screens"


@pytest.fixture(autouse=True)
def areas(monkeypatch: pytest.MonkeyPatch) -> list[nav.Area]:
    test_areas = [
        nav.Area(
            "practice", "Practice", "Drill questions", AREA_MODULE, "PracticeScreen", False, "r"
        ),
        nav.Area("missing", "Missing", "Not installed", f"{__package__}.nope", "X", False, "m"),
        nav.Area("ops", "Operations", "Admins only", AREA_MODULE, "AdminOnlyScreen", True, "a"),
        nav.Area("broken", "Broken", "Fails to build", AREA_MODULE, "BrokenScreen", False, "k"),
    ]
    monkeypatch.setattr(nav, "AREAS", test_areas)
    return test_areas


async def signed_in(pilot, auth: FakeAuth, **user_fields: object) -> None:  # type: ignore[no-untyped-def]
    auth.remembered = make_user(**user_fields)  # type: ignore[arg-type]
    await settle(pilot)
    assert isinstance(pilot.app.screen, HomeScreen)


def test_stats_rows_show_the_users_numbers() -> None:
    user = make_user(
        total_interviews=12,
        completed_interviews=9,
        average_score=74,
        total_chat_messages=31,
        last_activity_at=datetime(2025, 5, 30, 8, 15, tzinfo=UTC),
    )
    assert stats_rows(user) == [
        ("Interviews taken", "12"),
        ("Completed", "9"),
        ("Average score", "74 / 100"),
        ("Chat messages", "31"),
        ("Last active", "2025-05-30 08:15 UTC"),
    ]


async def test_user_sees_greeting_stats_and_only_existing_user_areas(
    app: InterviewAIApp, auth: FakeAuth
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await signed_in(pilot, auth, name="Ada [b]Lovelace", total_interviews=4, average_score=80)
        text = screen_text(app)
        assert "Welcome, Ada [b]Lovelace" in text
        assert "Interviews taken  4" in text
        assert "80 / 100" in text
        assert "Practice" in text
        assert "Missing" not in text  # module does not exist
        assert "Operations" not in text  # admin only
        await pilot.press("a")  # the admin hotkey is not bound for users
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_admin_sees_admin_areas_and_opens_them_by_hotkey(
    app: InterviewAIApp, auth: FakeAuth
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await signed_in(pilot, auth, role=Role.ADMIN)
        assert "Operations" in screen_text(app)
        assert "administrator" in screen_text(app)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AdminOnlyScreen)
        await pilot.app.pop_screen()


async def test_enter_on_the_menu_opens_the_area(app: InterviewAIApp, auth: FakeAuth) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await signed_in(pilot, auth)
        await pilot.press("enter")  # the menu has focus, first entry highlighted
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen)


async def test_service_side_check_refuses_admin_area_for_users(
    app: InterviewAIApp, auth: FakeAuth
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await signed_in(pilot, auth)
        app.action_go("ops")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "That area is for administrators." in toasts(app)


async def test_area_that_fails_to_build_gives_a_toast(app: InterviewAIApp, auth: FakeAuth) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await signed_in(pilot, auth)
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert toasts(app)[-1] == "Something went wrong (RuntimeError); the details are in the log."


async def test_sign_out_returns_to_sign_in_and_ends_the_session(
    app: InterviewAIApp, auth: FakeAuth
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await signed_in(pilot, auth)
        user_id = app.user.id  # type: ignore[union-attr]
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen)
        assert app.user is None
        assert auth.logged_out == [user_id]
        assert len(app.screen_stack) == 2  # the blank base and sign-in: nothing left behind


def test_nav_registry_filters_by_existence_and_role(areas: list[nav.Area]) -> None:
    assert [a.key for a in nav.available(is_admin=False)] == ["practice", "broken"]
    assert [a.key for a in nav.available(is_admin=True)] == ["practice", "ops", "broken"]
    nav.register(nav.Area("practice", "Drill", "Replaced", AREA_MODULE, "PracticeScreen"))
    assert nav.find("practice") is not None and nav.find("practice").label == "Drill"  # type: ignore[union-attr]
    assert len(nav.AREAS) == 4


async def test_returning_home_shows_fresh_stats(app: InterviewAIApp, auth: FakeAuth) -> None:
    user = auth.add(make_user(name="Ada", total_interviews=1), "Correct-Horse9")
    auth.remembered = user
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Interviews taken  1" in screen_text(app)
        await pilot.press("r")  # into an area...
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen)
        # ...where an interview finishes and the stored stats change.
        account = auth.accounts["ada@example.com"]
        account.user = user.model_copy(
            update={"stats": user.stats.model_copy(update={"total_interviews": 2})}
        )
        await app.pop_screen()
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "Interviews taken  2" in screen_text(app)
        assert app.user is not None and app.user.stats.total_interviews == 2
