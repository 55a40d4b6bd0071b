"""F1/? help generated from bindings, the command palette, themes and NO_COLOR."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette
from textual.widgets import Input

from interviewai_tui.domain.common import Theme
from interviewai_tui.ui import nav, themes
from interviewai_tui.ui.app import InterviewAIApp
from interviewai_tui.ui.screens.help import HelpScreen, key_rows
from interviewai_tui.ui.screens.home import HomeScreen
from interviewai_tui.ui.screens.sign_in import SignInScreen

from .fakes import FakeAuth, FakeContainer, make_user
from .helpers import settle, type_text
from .screen_text import screen_text

AREA_MODULE = f"{__package__}.area_screens"


@pytest.fixture(autouse=True)
def areas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        nav,
        "AREAS",
        [
            nav.Area("practice", "Practice", "Drill", AREA_MODULE, "PracticeScreen", False, "r"),
            nav.Area("ops", "Operations", "Admins", AREA_MODULE, "AdminOnlyScreen", True, "a"),
        ],
    )


async def test_f1_lists_the_keys_of_the_sign_in_screen(app: InterviewAIApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        expected = {(row.key, row.description) for row in key_rows(app.screen)}
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = {(row.key, row.description) for row in app.screen.rows}
        assert shown == expected
        assert ("ctrl+n", "Create account") in shown
        assert ("ctrl+r", "Show password") in shown
        # "?" types a character in the focused email field, so only F1 is listed here.
        assert ("f1", "Show the keys of this screen") in shown
        assert ("ctrl+p", "Open the command palette") in shown
        text = screen_text(app)
        assert "Keys: Sign in" in text and "Create account" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SignInScreen)


async def test_question_mark_is_typed_in_inputs_but_opens_help_elsewhere(
    app: InterviewAIApp, auth: FakeAuth
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_text(pilot, "a?")
        assert app.screen.query_one("#email", Input).value == "a?"
        assert isinstance(app.screen, SignInScreen)
        auth.remembered = make_user()
        app.open_services()
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = {(row.key, row.description) for row in app.screen.rows}
        assert ("o", "Sign out") in rows and ("r", "Practice") in rows
        assert ("f1, ?", "Show the keys of this screen") in rows
        assert not any(desc == "Operations" for _, desc in rows)  # admin-only, not bound
        await pilot.press("f1")  # F1 closes help too
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def palette_titles(app: InterviewAIApp) -> list[str]:
    return [command.title for command in app.palette_commands()]


async def test_palette_lists_every_action_for_the_current_user(
    app: InterviewAIApp, auth: FakeAuth
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        signed_out = await palette_titles(app)
        assert "Sign in" in signed_out and "Create account" in signed_out
        assert "Sign out" not in signed_out and "Go to Practice" not in signed_out
        auth.remembered = make_user()
        app.open_services()
        await settle(pilot)
        titles = await palette_titles(app)
        assert {"Help", "Home", "Go to Practice", "Sign out", "Quit"} <= set(titles)
        assert {"Theme: Light", "Theme: Dark", "Theme: High contrast"} <= set(titles)
        assert "Go to Operations" not in titles


async def test_palette_runs_a_command_by_keyboard(app: InterviewAIApp, auth: FakeAuth) -> None:
    auth.remembered = make_user()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "sign out")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen)
        assert app.user is None


async def test_theme_follows_the_users_preference(app: InterviewAIApp, auth: FakeAuth) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == themes.DARK  # settings.theme before sign-in
        auth.remembered = make_user(theme=Theme.LIGHT)
        app.open_services()
        await settle(pilot)
        assert app.theme == themes.LIGHT
        await pilot.press("o")
        await settle(pilot)
        assert app.theme == themes.DARK


async def test_theme_commands_switch_and_cycle(app: InterviewAIApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.action_set_theme(themes.HIGH_CONTRAST)
        assert app.theme == themes.HIGH_CONTRAST
        app.action_next_theme()
        assert app.theme == themes.LIGHT
        assert themes.next_theme(themes.LIGHT) == themes.DARK
        assert themes.next_theme("unknown") == themes.LIGHT


async def test_no_color_uses_high_contrast_even_for_a_light_preference(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    auth = FakeAuth()
    auth.remembered = make_user(theme=Theme.LIGHT)
    app = InterviewAIApp(FakeContainer(auth=auth), cursor_blink=False)  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.theme == themes.HIGH_CONTRAST
        assert app.no_color


def test_preference_mapping() -> None:
    assert themes.theme_for_preference("light") == themes.LIGHT
    assert themes.theme_for_preference("dark") == themes.DARK
    assert themes.theme_for_preference(None) == themes.DARK
    assert themes.preference_for_theme(themes.LIGHT) == "light"
    assert themes.preference_for_theme(themes.HIGH_CONTRAST) is None


async def test_light_or_dark_from_the_palette_is_saved_as_the_preference(
    app: InterviewAIApp, auth: FakeAuth
) -> None:
    user = auth.add(make_user(theme=Theme.DARK), "Correct-Horse9")
    auth.remembered = user
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.action_set_theme(themes.LIGHT)
        await settle(pilot)
        assert auth.accounts["ada@example.com"].user.preferences.theme == Theme.LIGHT
        assert app.user is not None and app.user.preferences.theme == Theme.LIGHT
        app.action_set_theme(themes.HIGH_CONTRAST)  # not a stored preference
        await settle(pilot)
        assert auth.accounts["ada@example.com"].user.preferences.theme == Theme.LIGHT
