"""SVG snapshots of each screen at 80x24 and 100x30 (frozen data, no cursor blink, no toasts).

Update with: pytest tests/ui/test_snapshots.py --snapshot-update (then look at the SVGs).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from textual.pilot import Pilot

from interviewai_tui.domain.common import Role
from interviewai_tui.store.errors import StoreUnavailableError
from interviewai_tui.ui import nav
from interviewai_tui.ui.app import InterviewAIApp

from .fakes import FakeAuth, FakeContainer, make_user
from .helpers import fill, settle

SIZES = [(80, 24), (100, 30)]
AREA_MODULE = f"{__package__}.area_screens"
PASSWORD = "Correct-Horse9"


@pytest.fixture(autouse=True)
def fixed_areas(monkeypatch: pytest.MonkeyPatch) -> None:
    # The real registry grows as areas are built; snapshots use a fixed one.
    monkeypatch.setattr(
        nav,
        "AREAS",
        [
            nav.Area(
                "practice",
                "New interview",
                "Set up a mock interview",
                AREA_MODULE,
                "PracticeScreen",
                False,
                "n",
            ),
            nav.Area(
                "profile",
                "Profile & settings",
                "Preferences, password, 2FA",
                AREA_MODULE,
                "PracticeScreen",
                False,
                "p",
            ),
            nav.Area(
                "ops",
                "Admin dashboard",
                "Platform health",
                AREA_MODULE,
                "AdminOnlyScreen",
                True,
                "a",
            ),
        ],
    )


def make_app(auth: FakeAuth | None = None, **container: Any) -> InterviewAIApp:
    fake = FakeContainer(auth=auth or FakeAuth(), **container)
    return InterviewAIApp(fake, cursor_blink=False)  # type: ignore[arg-type]


def steps(
    *actions: Callable[[Pilot[Any]], Awaitable[None]],
) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        for action in actions:
            await action(pilot)
            await settle(pilot)
        pilot.app.clear_notifications()
        await pilot.pause()

    return run


def signed_in_auth(role: Role = Role.USER) -> FakeAuth:
    auth = FakeAuth()
    auth.remembered = make_user(
        name="Ada Lovelace",
        role=role,
        total_interviews=12,
        completed_interviews=9,
        average_score=74,
        total_chat_messages=31,
        last_activity_at=datetime(2025, 5, 30, 8, 15, tzinfo=UTC),
    )
    return auth


async def press(pilot: Pilot[Any], *keys: str) -> None:
    await pilot.press(*keys)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "100x30"])
def test_sign_in(snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=steps())


def test_sign_in_failure(snap_compare: Any) -> None:
    auth = FakeAuth()
    auth.add(make_user(), PASSWORD)

    async def wrong(pilot: Pilot[Any]) -> None:
        await fill(pilot, "#email", "ada@example.com")
        await fill(pilot, "#password", "Wrong-Horse9")
        await pilot.press("enter")

    assert snap_compare(make_app(auth), run_before=steps(wrong))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "100x30"])
def test_register_with_hints(snap_compare: Any, size: tuple[int, int]) -> None:
    async def typed(pilot: Pilot[Any]) -> None:
        await pilot.press("ctrl+n")
        await pilot.pause()
        await fill(pilot, "#name", "Grace Hopper")
        await fill(pilot, "#email", "grace@example.com")
        await fill(pilot, "#password", "grace-hopper1")
        await fill(pilot, "#confirm", "grace-hopperX")

    assert snap_compare(make_app(), terminal_size=size, run_before=steps(typed))


def test_two_factor_prompt(snap_compare: Any) -> None:
    auth = FakeAuth()
    auth.add(make_user(), PASSWORD, totp="123456")

    async def to_prompt(pilot: Pilot[Any]) -> None:
        await fill(pilot, "#email", "ada@example.com")
        await fill(pilot, "#password", PASSWORD)
        await pilot.press("enter")

    assert snap_compare(make_app(auth), run_before=steps(to_prompt))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "100x30"])
def test_home_user(snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(signed_in_auth()), terminal_size=size, run_before=steps())


def test_home_admin(snap_compare: Any) -> None:
    assert snap_compare(make_app(signed_in_auth(Role.ADMIN)), run_before=steps())


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "100x30"])
def test_help_on_home(snap_compare: Any, size: tuple[int, int]) -> None:
    async def help_(pilot: Pilot[Any]) -> None:
        await pilot.press("f1")

    app = make_app(signed_in_auth())
    assert snap_compare(app, terminal_size=size, run_before=steps(help_))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "100x30"])
def test_store_error(snap_compare: Any, size: tuple[int, int]) -> None:
    error = StoreUnavailableError(
        "MongoDB at mongodb://db.example.net:27017 did not answer within 5 seconds."
    )
    assert snap_compare(make_app(open_error=error), terminal_size=size, run_before=steps())


def test_google_not_configured(snap_compare: Any) -> None:
    async def google(pilot: Pilot[Any]) -> None:
        await pilot.press("ctrl+g")

    auth = FakeAuth()
    assert snap_compare(make_app(auth), run_before=steps(google))


def test_light_theme_home(snap_compare: Any) -> None:
    from interviewai_tui.domain.common import Theme

    auth = signed_in_auth()
    auth.remembered = auth.remembered.model_copy(  # type: ignore[union-attr]
        update={
            "preferences": auth.remembered.preferences.model_copy(update={"theme": Theme.LIGHT})
        }  # type: ignore[union-attr]
    )
    assert snap_compare(make_app(auth), run_before=steps())


def test_sign_in_no_color(snap_compare: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(make_app(), run_before=steps())
