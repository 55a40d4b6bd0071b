"""A store that cannot open gives one clear screen, a retry key and a non-zero exit."""

from __future__ import annotations

from interviewai_tui.config import SettingsError
from interviewai_tui.store.errors import SchemaTooNewError, StoreUnavailableError
from interviewai_tui.ui.app import InterviewAIApp
from interviewai_tui.ui.screens.sign_in import SignInScreen
from interviewai_tui.ui.screens.store_error import StoreErrorScreen

from .fakes import FakeContainer
from .helpers import settle
from .screen_text import screen_text


def make_app(error: BaseException) -> tuple[InterviewAIApp, FakeContainer]:
    container = FakeContainer(open_error=error)
    return InterviewAIApp(container, cursor_blink=False), container  # type: ignore[arg-type]


async def test_unreachable_store_shows_its_message_and_quits_with_1() -> None:
    message = "MongoDB at mongodb://db.example:27017 did not answer within 5 s [<Server>]>"
    app, container = make_app(StoreUnavailableError(message))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StoreErrorScreen)
        text = screen_text(app)
        assert "cannot open its data store" in text
        assert "did not answer" in text
        assert "Traceback" not in text
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 1
    assert container.closed == 1  # a half-open container is released once, not again at exit


async def test_newer_schema_message_is_shown() -> None:
    app, _ = make_app(SchemaTooNewError(9, 1, "/data/interviewai.db"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StoreErrorScreen)
        shown = app.screen.query_one("#error-message").render().plain  # type: ignore[union-attr]
        assert shown == str(SchemaTooNewError(9, 1, "/data/interviewai.db"))
        assert "the database was not changed" in shown


async def test_bad_setting_quits_with_2() -> None:
    app, _ = make_app(SettingsError("invalid setting INTERVIEWAI_BCRYPT_COST: must be >= 12"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "INTERVIEWAI_BCRYPT_COST" in screen_text(app)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 2


async def test_retry_opens_again_once_the_problem_is_fixed() -> None:
    app, container = make_app(StoreUnavailableError("down"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StoreErrorScreen)
        container.open_error = None
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen)
        assert container.opened == 1
    assert container.closed == 2  # after the failed attempt, and at exit


async def test_sign_in_attempt_after_failure_does_not_hang() -> None:
    app, _ = make_app(StoreUnavailableError("down"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        try:
            await app.services()
        except StoreUnavailableError as error:
            assert "down" in str(error)
        else:  # pragma: no cover - the test fails below
            raise AssertionError("services() must raise the opening failure")
