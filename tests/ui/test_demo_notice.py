"""Demo mode shows its sign-ins on the sign-in screen, verbatim and never as markup."""

from __future__ import annotations

from textual.widgets import Static

from interviewai_tui.ui.app import InterviewAIApp
from interviewai_tui.ui.screens.sign_in import SignInScreen

from .fakes import FakeAuth, FakeContainer


async def test_notice_is_shown_verbatim_on_sign_in() -> None:
    notice = "Demo store.\ncandidate: c@demo.dev / Pw-[bold]1[/] \x1b]52;c;eA==\x07"
    app = InterviewAIApp(
        FakeContainer(auth=FakeAuth()),  # type: ignore[arg-type]
        cursor_blink=False,
        notice=notice,
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SignInScreen)
        shown = str(app.screen.query_one("#sign-in-notice", Static).render())
        assert "candidate: c@demo.dev / Pw-[bold]1[/]" in shown
        assert "\x1b" not in shown


async def test_no_notice_outside_demo_mode() -> None:
    app = InterviewAIApp(FakeContainer(auth=FakeAuth()), cursor_blink=False)  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.screen.query("#sign-in-notice")
