"""Register screen: live policy hints, mismatch, duplicates, success signs in."""

from __future__ import annotations

from interviewai_tui.domain.common import UserStatus
from interviewai_tui.ui.app import InterviewAIApp
from interviewai_tui.ui.screens.home import HomeScreen
from interviewai_tui.ui.screens.register import MISMATCH, POLICY, POLICY_MET, RegisterScreen
from interviewai_tui.ui.screens.sign_in import PENDING_MESSAGE, FormMessage, SignInScreen

from .fakes import FakeAuth, make_user
from .helpers import fill, settle, type_text

GOOD = "Quartz-Lamp42"


def hint(app: InterviewAIApp, which: str) -> str:
    widget = app.screen.query_one(f"#{which}", FormMessage)
    return widget.render().plain  # type: ignore[union-attr]


async def open_register(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert isinstance(pilot.app.screen, RegisterScreen)


async def test_policy_hint_follows_typing(app: InterviewAIApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_register(pilot)
        assert hint(app, "policy") == POLICY
        await fill(pilot, "#email", "grace@example.com")
        await fill(pilot, "#password", "short")
        assert hint(app, "policy") == "The password needs at least 8 characters."
        await fill(pilot, "#password", "grace-Hopper1")
        assert "email" in hint(app, "policy")
        await fill(pilot, "#password", "alllowercase1")
        assert "upper-case" in hint(app, "policy")
        await fill(pilot, "#password", GOOD)
        assert hint(app, "policy") == POLICY_MET
        assert app.screen.query_one("#policy").has_class("-success")
        await fill(pilot, "#password", "")
        assert hint(app, "policy") == POLICY


async def test_mismatch_is_shown_live_and_blocks_submit(
    app: InterviewAIApp, auth: FakeAuth
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_register(pilot)
        await fill(pilot, "#name", "Grace Hopper")
        await fill(pilot, "#email", "grace@example.com")
        await fill(pilot, "#password", GOOD)
        await fill(pilot, "#confirm", "Quartz")  # a prefix: still typing, no complaint yet
        assert hint(app, "message") == ""
        await type_text(pilot, "X")
        assert hint(app, "message") == MISMATCH
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RegisterScreen)
        assert hint(app, "message") == MISMATCH
        assert auth.calls == []


async def test_required_fields_named_one_at_a_time(app: InterviewAIApp, auth: FakeAuth) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_register(pilot)
        app.screen.query_one("#submit").press()  # type: ignore[attr-defined]
        await pilot.pause()
        assert hint(app, "message") == "Enter your name."
        assert app.screen.focused is app.screen.query_one("#name")
        await fill(pilot, "#name", "Grace")
        app.screen.query_one("#submit").press()  # type: ignore[attr-defined]
        await pilot.pause()
        assert hint(app, "message") == "Enter your email address."
        await fill(pilot, "#email", "grace@example.com")
        await fill(pilot, "#password", "weak")
        await fill(pilot, "#confirm", "weak")
        await pilot.press("enter")
        await pilot.pause()
        assert hint(app, "message") == "The password needs at least 8 characters."
        assert auth.calls == []


async def test_success_registers_and_signs_in(app: InterviewAIApp, auth: FakeAuth) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_register(pilot)
        await fill(pilot, "#name", "Grace Hopper")
        await fill(pilot, "#email", "Grace@Example.com ")
        await fill(pilot, "#password", GOOD)
        await fill(pilot, "#confirm", GOOD)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.user is not None and str(app.user.email) == "grace@example.com"
        assert [name for name, _ in auth.calls] == ["register", "login"]


async def test_duplicate_email_is_explained(app: InterviewAIApp, auth: FakeAuth) -> None:
    auth.add(make_user(email="grace@example.com"), GOOD)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_register(pilot)
        await fill(pilot, "#name", "Grace Hopper")
        await fill(pilot, "#email", "grace@example.com")
        await fill(pilot, "#password", GOOD)
        await fill(pilot, "#confirm", GOOD)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RegisterScreen)
        assert hint(app, "message") == "An account with this email already exists."


async def test_pending_after_register_when_approval_is_required(
    app: InterviewAIApp, auth: FakeAuth
) -> None:
    original = auth.register

    async def register_pending(**kwargs: str) -> object:
        user = await original(**kwargs)
        auth.accounts[str(user.email)].user = user.model_copy(update={"status": UserStatus.PENDING})
        return user

    auth.register = register_pending  # type: ignore[method-assign,assignment]
    async with app.run_test(size=(80, 24)) as pilot:
        await open_register(pilot)
        await fill(pilot, "#name", "Grace Hopper")
        await fill(pilot, "#email", "grace@example.com")
        await fill(pilot, "#password", GOOD)
        await fill(pilot, "#confirm", GOOD)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RegisterScreen)
        assert hint(app, "message") == f"Account created. {PENDING_MESSAGE}"
        assert app.user is None


async def test_escape_returns_to_sign_in_with_the_email(app: InterviewAIApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await fill(pilot, "#email", "kept@example.com")
        await open_register(pilot)
        assert app.screen.query_one("#email").value == "kept@example.com"  # type: ignore[attr-defined]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SignInScreen)
