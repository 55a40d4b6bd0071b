"""Sign in with Google in the UI, against a fake of Google's endpoints on 127.0.0.1."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from textual.widgets import Static

from interviewai_tui.auth.google import GoogleDeviceFlow
from interviewai_tui.clock import FrozenClock
from interviewai_tui.ui.app import InterviewAIApp
from interviewai_tui.ui.screens.google import GoogleSignInScreen, PasswordPrompt
from interviewai_tui.ui.screens.home import HomeScreen

from .fakes import FakeAuth, FakeContainer, make_user
from .helpers import settle, type_text

try:  # the fake lives with the auth tests
    from auth.fake_google import FakeGoogle, Reply, granted, pending
except ImportError:  # pragma: no cover - when the test packages are named differently
    from tests.auth.fake_google import FakeGoogle, Reply, granted, pending  # type: ignore[no-redef]

CLIENT_ID = "123-abc.apps.googleusercontent.com"
NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


def claims(email: str = "ada@example.com") -> dict[str, Any]:
    return {
        "iss": "https://accounts.google.com",
        "aud": CLIENT_ID,
        "sub": "109876543210",
        "email": email,
        "email_verified": True,
        "name": "Ada Lovelace",
        "exp": int(NOW.timestamp()) + 3600,
    }


async def no_wait(_: float) -> None:
    return None


def app_with(fake: FakeGoogle, auth: FakeAuth) -> InterviewAIApp:
    auth.google = GoogleDeviceFlow(
        CLIENT_ID, "shh", endpoints=fake.endpoints, clock=FrozenClock(NOW), sleep=no_wait
    )
    return InterviewAIApp(FakeContainer(auth=auth), cursor_blink=False)  # type: ignore[arg-type]


def status(app: InterviewAIApp) -> str:
    return app.screen.query_one("#google-status", Static).render().plain  # type: ignore[union-attr]


async def test_new_google_account_signs_in_after_approval() -> None:
    auth = FakeAuth()
    async with FakeGoogle(token_replies=[pending(), granted(claims())]) as fake:
        app = app_with(fake, auth)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+g")
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen)
            assert app.user is not None and str(app.user.email) == "ada@example.com"
    assert len(fake.token_requests()) == 2


async def test_code_and_url_are_shown_while_waiting() -> None:
    auth = FakeAuth()
    async with FakeGoogle(token_replies=[pending()] * 200) as fake:
        app = app_with(fake, auth)

        async def slow(_: float) -> None:
            import asyncio

            await asyncio.sleep(0.05)

        auth.google._sleep = slow
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+g")
            await pilot.pause(0.3)
            assert isinstance(app.screen, GoogleSignInScreen)
            assert "https://www.google.com/device" in status(app)
            code = app.screen.query_one("#google-code", Static)
            assert code.render().plain == "ABCD-EFGH"  # type: ignore[union-attr]
            qr = app.screen.query_one("#google-qr", Static)
            assert not qr.display
            await pilot.press("r")
            assert qr.display and "█" in qr.render().plain  # type: ignore[union-attr]
            await pilot.press("escape")  # cancels polling
            await pilot.pause()
            assert not isinstance(app.screen, GoogleSignInScreen)
            assert app.user is None


async def test_existing_account_is_linked_only_after_its_password() -> None:
    auth = FakeAuth()
    auth.add(make_user(email="ada@example.com"), "Correct-Horse9")
    async with FakeGoogle(token_replies=[granted(claims())]) as fake:
        app = app_with(fake, auth)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+g")
            await settle(pilot)
            assert isinstance(app.screen, PasswordPrompt)
            app.screen.query_one("#link-password").insert_text_at_cursor("Correct-Horse9")  # type: ignore[attr-defined]
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen)
    assert auth.google_links == {"109876543210": "ada@example.com"}


async def test_declined_consent_is_explained() -> None:
    auth = FakeAuth()
    declined = Reply(403, {"error": "access_denied"})
    async with FakeGoogle(token_replies=[declined]) as fake:
        app = app_with(fake, auth)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+g")
            await settle(pilot)
            assert isinstance(app.screen, GoogleSignInScreen)
            assert status(app) == "Google sign-in was declined."
            assert app.user is None


async def test_not_configured_explains_how(app: InterviewAIApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert "INTERVIEWAI_GOOGLE_CLIENT_ID" in status(app)
        await type_text(pilot, "r")  # no code yet: the QR key does nothing
        assert not app.screen.query_one("#google-qr").display
