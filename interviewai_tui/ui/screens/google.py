"""Sign in with Google: the OAuth device flow shown in a dialog (URL, code, optional QR).

Without a configured client the dialog explains how to configure one. When Google names an
email that already has an account, its password is asked before the accounts are linked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Static

from interviewai_tui.ui.failures import user_message
from interviewai_tui.ui.safe import clean, safe_text
from interviewai_tui.ui.screens.base import AppModal

if TYPE_CHECKING:
    from interviewai_tui.auth.google import GoogleIdentity
    from interviewai_tui.ui.ports import AuthPort, LoginOutcome


class PasswordPrompt(AppModal[str | None]):
    """Ask the password of the existing account before linking Google to it."""

    AUTO_FOCUS = "#link-password"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, email: str) -> None:
        super().__init__()
        self.email = email

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Link your Google account", classes="dialog-title")
            yield Static(
                Content.from_markup(
                    "An account with $email exists. Enter its password to link Google to it.",
                    email=clean(self.email),
                ),
                classes="dialog-text",
            )
            yield Input(password=True, id="link-password", placeholder="Password")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class GoogleSignInScreen(AppModal[None]):
    """Shows the verification URL and code, waits for approval, then signs in."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Cancel"),
        Binding("r", "toggle_qr", "QR code"),
    ]

    def __init__(self, *, remember: bool = False) -> None:
        super().__init__()
        self.remember = remember
        self._has_code = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="google-dialog"):
            yield Static("Sign in with Google", classes="dialog-title")
            yield Static("Preparing…", id="google-status", classes="dialog-text")
            yield Static("", id="google-code")
            yield Static("", id="google-qr")
            with Horizontal(classes="dialog-actions"):
                yield Button("Cancel", id="google-close")

    def on_mount(self) -> None:
        self.query_one("#google-qr").display = False
        self.query_one("#google-code").display = False
        self.run_flow()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_close()

    def action_close(self) -> None:
        self.workers.cancel_group(self, "google")
        self.dismiss(None)

    def action_toggle_qr(self) -> None:
        qr = self.query_one("#google-qr")
        qr.display = not qr.display and self._has_code

    def _status(self, text: str, tone: str = "") -> None:
        status = self.query_one("#google-status", Static)
        status.set_classes(f"dialog-text form-message -{tone}" if tone else "dialog-text")
        status.update(safe_text(text))

    def _finished(self) -> None:
        self.query_one("#google-close", Button).label = "Close"

    @work(exclusive=True, exit_on_error=False, group="google")
    async def run_flow(self) -> None:
        """Device flow: code → wait for approval → the auth service signs in or links."""
        try:
            auth = (await self.iapp.services()).auth
            flow = auth.google
            if not flow.configured:
                from interviewai_tui.auth.google import HOW_TO_CONFIGURE

                self._status(HOW_TO_CONFIGURE, "info")
                self._finished()
                return
            self._status("Asking Google for a sign-in code…")
            device = await flow.start()
            self._show_code(device.verification_url, device.user_code)
            identity = await flow.wait_for_identity(device)
            self._status(f"Google confirmed {identity.email}; signing in…")
            await self._sign_in(auth, identity)
        except Exception as error:
            message = user_message(error)
            if message is None:
                raise
            self._status(message, "error")
            self._finished()

    def _show_code(self, url: str, code: str) -> None:
        from interviewai_tui.auth.totp import qr_text

        self._status(f"On any device, open {url} and enter this code (r shows a QR code):")
        code_widget = self.query_one("#google-code", Static)
        code_widget.update(safe_text(code))
        code_widget.display = True
        self.query_one("#google-qr", Static).update(safe_text(qr_text(url)))
        self._has_code = True

    async def _sign_in(self, auth: AuthPort, identity: GoogleIdentity) -> None:
        password: str | None = None
        totp_code: str | None = None
        for _ in range(3):  # at most: the link password, then the 2FA code
            result: LoginOutcome = await auth.login_with_google(
                identity, password=password, totp_code=totp_code, remember=self.remember
            )
            if result.needs_link_password and password is None:
                password = await self.app.push_screen_wait(PasswordPrompt(identity.email))
                if password is None:
                    break
            elif result.needs_totp and totp_code is None:
                from interviewai_tui.ui.screens.totp import TotpPrompt

                totp_code = await self.app.push_screen_wait(TotpPrompt())
                if totp_code is None:
                    break
            else:
                self._signed_in_or_pending(result)
                return
        self._status("Sign-in cancelled; nothing was changed.", "info")
        self._finished()

    def _signed_in_or_pending(self, result: LoginOutcome) -> None:
        if result.pending_approval:
            from interviewai_tui.ui.screens.sign_in import PENDING_MESSAGE

            self._status(PENDING_MESSAGE, "warning")
            self._finished()
        elif result.user is not None:
            self.iapp.signed_in(result.user)
