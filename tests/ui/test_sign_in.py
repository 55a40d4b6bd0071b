"""Sign-in screen: success, validation, generic failure, lockout, 2FA, pending, remember me."""

from __future__ import annotations

from textual.widgets import Button, Input

from interviewai_tui.domain.common import UserStatus
from interviewai_tui.ui.app import InterviewAIApp
from interviewai_tui.ui.screens.home import HomeScreen
from interviewai_tui.ui.screens.sign_in import PENDING_MESSAGE, FormMessage, SignInScreen
from interviewai_tui.ui.screens.totp import TotpPrompt
from interviewai_tui.ui.widgets.link import Link

from .fakes import GENERIC_FAILURE, FakeAuth, FakeAuthError, FakeContainer, make_user
from .helpers import fill, settle, toasts, type_text

PASSWORD = "Correct-Horse9"


def message_of(app: InterviewAIApp) -> str:
    return app.screen.query_one("#message", FormMessage).render().plain  # type: ignore[union-attr]


async def sign_in(pilot, email: str = "ada@example.com", password: str = PASSWORD) -> None:  # type: ignore[no-untyped-def]
    await fill(pilot, "#email", email)
    await fill(pilot, "#password", password)
    await pilot.press("enter")
    await settle(pilot)


async def test_first_screen_is_sign_in_and_container_opens(
    app: InterviewAIApp, container: FakeContainer
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen)
        assert app.screen.focused is app.screen.query_one("#email")
        assert container.opened == 1
    assert container.closed == 1


async def test_right_password_signs_in_and_shows_home(app: InterviewAIApp, auth: FakeAuth) -> None:
    auth.add(make_user(name="Ada Lovelace"), PASSWORD)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)  # keyboard only: the email field has focus at start
        await type_text(pilot, "ada@example.com")
        await pilot.press("enter")  # moves to the password
        await type_text(pilot, PASSWORD)
        await pilot.press("enter")  # submits
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.user is not None and app.user.name == "Ada Lovelace"
        assert any("Ada Lovelace" in toast for toast in toasts(app))
        assert auth.calls[-1] == (
            "login",
            {"email": "ada@example.com", "totp": None, "remember": False},
        )


async def test_empty_fields_are_refused_without_calling_the_service(
    app: InterviewAIApp, auth: FakeAuth
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.query_one("#submit", Button).press()
        await settle(pilot)
        assert message_of(app) == "Enter your email address."
        assert app.screen.focused is app.screen.query_one("#email")
        await fill(pilot, "#email", "ada@example.com")
        app.screen.query_one("#submit", Button).press()
        await settle(pilot)
        assert message_of(app) == "Enter your password."
        assert app.screen.focused is app.screen.query_one("#password")
        assert auth.calls == []


async def test_enter_in_email_moves_to_password(app: InterviewAIApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await fill(pilot, "#email", "ada@example.com")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.focused is app.screen.query_one("#password")


async def test_wrong_password_shows_the_generic_message(
    app: InterviewAIApp, auth: FakeAuth
) -> None:
    auth.add(make_user(), PASSWORD)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, password="Wrong-Horse9")
        assert isinstance(app.screen, SignInScreen)
        assert message_of(app) == GENERIC_FAILURE
        password = app.screen.query_one("#password", Input)
        assert password.value == ""
        assert app.screen.focused is password
        # An unknown email reads exactly the same.
        await sign_in(pilot, email="nobody@example.com")
        assert message_of(app) == GENERIC_FAILURE


async def test_locked_account_refuses_even_the_right_password() -> None:
    auth = FakeAuth(threshold=3)
    auth.add(make_user(), PASSWORD)
    app = InterviewAIApp(FakeContainer(auth=auth), cursor_blink=False)  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(3):
            await sign_in(pilot, password="Wrong-Horse9")
        await sign_in(pilot, password=PASSWORD)
        assert isinstance(app.screen, SignInScreen)
        assert app.user is None
        assert message_of(app) == GENERIC_FAILURE


async def test_two_factor_prompt_then_home(app: InterviewAIApp, auth: FakeAuth) -> None:
    auth.add(make_user(), PASSWORD, totp="123456")
    async with app.run_test(size=(80, 24)) as pilot:
        await fill(pilot, "#email", "ada@example.com")
        await fill(pilot, "#password", PASSWORD)
        await pilot.press("enter")
        await pilot.pause(0.1)
        assert isinstance(app.screen, TotpPrompt)
        await type_text(pilot, "123 456")  # spaces are ignored
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert auth.calls[-1][1]["totp"] == "123456"


async def test_two_factor_wrong_code_and_cancel(app: InterviewAIApp, auth: FakeAuth) -> None:
    auth.add(make_user(), PASSWORD, totp="123456")
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot)
        assert isinstance(app.screen, TotpPrompt)
        await type_text(pilot, "000000")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen)
        assert message_of(app) == "The code is not valid."
        await fill(pilot, "#password", PASSWORD)
        await pilot.press("enter")
        await pilot.pause(0.1)
        assert isinstance(app.screen, TotpPrompt)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen)
        assert message_of(app) == "Sign-in cancelled."
        assert app.user is None


async def test_pending_account_is_told_it_awaits_approval(
    app: InterviewAIApp, auth: FakeAuth
) -> None:
    auth.add(make_user(status=UserStatus.PENDING), PASSWORD)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot)
        assert isinstance(app.screen, SignInScreen)
        assert message_of(app) == PENDING_MESSAGE


async def test_remember_me_is_passed_and_its_outcome_shown(
    app: InterviewAIApp, auth: FakeAuth
) -> None:
    auth.add(make_user(), PASSWORD)
    async with app.run_test(size=(80, 24)) as pilot:
        await fill(pilot, "#email", "ada@example.com")
        await fill(pilot, "#password", PASSWORD)
        await pilot.press("tab", "tab", "space")  # reveal button, then the checkbox
        await pilot.press("shift+tab", "shift+tab", "enter")
        await settle(pilot)
        assert auth.calls[-1][1]["remember"] is True
        assert any("remembered" in toast for toast in toasts(app))


async def test_remembered_session_is_resumed_at_start(app: InterviewAIApp, auth: FakeAuth) -> None:
    auth.remembered = make_user(name="Grace Hopper")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.user is not None and app.user.name == "Grace Hopper"


async def test_loading_state_while_the_service_works_and_keys_still_handled() -> None:
    auth = FakeAuth(delay=0.4)
    auth.add(make_user(), PASSWORD)
    app = InterviewAIApp(FakeContainer(auth=auth), cursor_blink=False)  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        await fill(pilot, "#email", "ada@example.com")
        await fill(pilot, "#password", PASSWORD)
        await pilot.press("enter")
        await pilot.pause(0.05)
        assert app.screen.query_one("#submit", Button).loading
        await pilot.press("ctrl+r")  # the UI keeps handling keys meanwhile
        assert not app.screen.query_one("#password", Input).password
        await pilot.press("enter")  # a second submit while busy is ignored
        await settle(pilot, 0.5)
        assert isinstance(app.screen, HomeScreen)
        assert [name for name, _ in auth.calls] == ["login"]


async def test_reveal_toggle(app: InterviewAIApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        field = app.screen.query_one("#password", Input)
        assert field.password
        await pilot.press("ctrl+r")
        assert not field.password
        assert app.screen.query_one("#password-reveal", Link).label == "Hide"
        await pilot.press("ctrl+r")
        assert field.password


async def test_error_text_with_markup_is_shown_verbatim(
    app: InterviewAIApp, auth: FakeAuth
) -> None:
    async def hostile_login(**_: object) -> None:
        raise FakeAuthError("bad [/] input \x1b]52;c;aGk=\x07[@click=app.quit]x[/]")

    auth.login = hostile_login  # type: ignore[method-assign,assignment]
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot)
        assert message_of(app) == "bad [/] input [@click=app.quit]x[/]"
        assert app.is_running


async def test_unexpected_failure_is_one_line_toast(app: InterviewAIApp, auth: FakeAuth) -> None:
    async def broken_login(**_: object) -> None:
        raise RuntimeError("internal detail [/] <ServerDescription>]>")

    auth.login = broken_login  # type: ignore[method-assign,assignment]
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot)
        assert isinstance(app.screen, SignInScreen)
        shown = toasts(app)
        assert shown == ["Something went wrong (RuntimeError); the details are in the log."]
        assert not app.screen.query_one("#submit", Button).loading


async def test_submit_while_the_store_is_still_opening_waits_for_it() -> None:
    auth = FakeAuth()
    auth.add(make_user(), PASSWORD)
    container = FakeContainer(auth=auth, open_delay=0.8)
    app = InterviewAIApp(container, cursor_blink=False)  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert container.opened == 0
        await fill(pilot, "#email", "ada@example.com")
        await fill(pilot, "#password", PASSWORD)
        await pilot.press("enter")
        await pilot.pause(0.05)
        assert app.screen.query_one("#submit", Button).loading
        await settle(pilot, 0.9)
        assert isinstance(app.screen, HomeScreen)
        assert container.opened == 1
