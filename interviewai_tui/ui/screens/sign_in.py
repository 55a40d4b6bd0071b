"""The sign-in screen: email and password, remember me, 2FA prompt, Google, link to register.

This is the first screen painted, so it imports only Textual and the UI's own small modules;
the auth service is reached through the app once the container has opened in a worker.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Static

from interviewai_tui.ui.failures import user_message
from interviewai_tui.ui.safe import one_line, safe_text
from interviewai_tui.ui.screens.base import AppScreen
from interviewai_tui.ui.widgets.chrome import KeyHints, TitleBar
from interviewai_tui.ui.widgets.link import Link
from interviewai_tui.ui.widgets.password import PasswordField

Tone = Literal["error", "warning", "info", "success"]

PENDING_MESSAGE = "Your account is waiting for an administrator's approval."


class FormMessage(Static):
    """One line under a form: what went wrong, or what happens next."""

    def show(self, text: str, tone: Tone = "error") -> None:
        """Show ``text`` (treated as untrusted) with the given tone."""
        self.set_classes(f"form-message -{tone}")
        self.update(safe_text(text))

    def clear(self) -> None:
        self.set_classes("form-message")
        self.update("")


class SignInScreen(AppScreen[None]):
    """Sign in with email and password (and a 2FA code when the account has one)."""

    TITLE = "InterviewAI"
    SUB_TITLE = "Sign in"
    AUTO_FOCUS = "#email"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+r", "toggle_password", "Show password"),
        Binding("ctrl+n", "register", "Create account"),
        Binding("ctrl+g", "google", "Google"),
    ]

    def __init__(self, *, email: str = "") -> None:
        super().__init__()
        self._initial_email = email
        self.busy = False

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(classes="auth-scroll"), Vertical(classes="auth-card"):
            yield Static("Sign in to InterviewAI", classes="auth-title")
            notice = getattr(self.app, "notice", None)
            if notice:
                yield Static(safe_text(notice), id="sign-in-notice", classes="auth-notice")
            yield Label("Email", classes="field-label")
            yield Input(self._initial_email, placeholder="you@example.com", id="email")
            yield Label("Password", classes="field-label")
            yield PasswordField(input_id="password", placeholder="Your password")
            yield Checkbox("Remember me on this computer", id="remember")
            yield FormMessage(classes="form-message", id="message")
            with Horizontal(classes="auth-actions"):
                yield Button("Sign in", id="submit", variant="primary")
                yield Link("Sign in with Google", id="google")
            yield Link("No account yet? Create one", id="to-register")
        yield KeyHints()

    # --- events ---------------------------------------------------------------------------
    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "email" and not self._password.value:
            self._password.focus()
        else:
            self.action_submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "submit":
            event.stop()
            self.action_submit()

    def on_link_pressed(self, event: Link.Pressed) -> None:
        actions = {"google": self.action_google, "to-register": self.action_register}
        action = actions.get(event.link.id or "")
        if action is not None:
            event.stop()
            action()

    # --- actions --------------------------------------------------------------------------
    def action_toggle_password(self) -> None:
        self.query_one(PasswordField).toggle()

    def action_register(self) -> None:
        from interviewai_tui.ui.screens.register import RegisterScreen

        self.app.push_screen(RegisterScreen(email=self.query_one("#email", Input).value))

    def action_google(self) -> None:
        from interviewai_tui.ui.screens.google import GoogleSignInScreen

        remember = self.query_one("#remember", Checkbox).value
        self.app.push_screen(GoogleSignInScreen(remember=remember))

    def action_submit(self) -> None:
        if self.busy:
            return
        email = self.query_one("#email", Input).value.strip()
        password = self._password.value
        if not email:
            self._message.show("Enter your email address.")
            self.query_one("#email", Input).focus()
            return
        if not password:
            self._message.show("Enter your password.")
            self._password.focus()
            return
        self._message.clear()
        remember = self.query_one("#remember", Checkbox).value
        self.sign_in(email, password, remember)

    # --- work -----------------------------------------------------------------------------
    @work(exclusive=True, exit_on_error=False, group="sign-in")
    async def sign_in(self, email: str, password: str, remember: bool) -> None:
        """Ask the auth service; on success the app moves to the home screen."""
        self._set_busy(True)
        try:
            auth = (await self.iapp.services()).auth
            result = await auth.login(email=email, password=password, remember=remember)
            if result.needs_totp:
                from interviewai_tui.ui.screens.totp import TotpPrompt

                code = await self.app.push_screen_wait(TotpPrompt())
                if code is None:
                    self._message.show("Sign-in cancelled.", "info")
                    return
                result = await auth.login(
                    email=email, password=password, totp_code=code, remember=remember
                )
            if result.pending_approval:
                self._message.show(PENDING_MESSAGE, "warning")
                return
            if result.user is not None:
                if result.remember_note:
                    self.app.notify(one_line(result.remember_note), markup=False, timeout=8)
                self.iapp.signed_in(result.user)
        except Exception as error:
            message = user_message(error)
            if message is None:
                raise
            if self.is_attached:
                self._message.show(message)
                self._password.clear()
                self._password.focus()
        finally:
            self._set_busy(False)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        if self.is_attached:
            self.query_one("#submit", Button).loading = busy

    @property
    def _password(self) -> Input:
        return self.query_one("#password", Input)

    @property
    def _message(self) -> FormMessage:
        return self.query_one("#message", FormMessage)
