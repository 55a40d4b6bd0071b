"""The register screen: name, email, password twice, with a live password-policy hint."""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label

from interviewai_tui.ui.failures import user_message
from interviewai_tui.ui.screens.base import AppScreen
from interviewai_tui.ui.screens.sign_in import PENDING_MESSAGE, FormMessage
from interviewai_tui.ui.widgets.chrome import KeyHints, TitleBar
from interviewai_tui.ui.widgets.password import PasswordField

POLICY = "At least 8 characters, with an upper-case letter, a lower-case letter and a digit."
MISMATCH = "The passwords do not match."
POLICY_MET = "✓ The password meets the policy."


class RegisterScreen(AppScreen[None]):
    """Create an account, then sign in with it."""

    TITLE = "InterviewAI"
    SUB_TITLE = "Create account"
    AUTO_FOCUS = "#name"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back to sign in"),
        Binding("ctrl+r", "toggle_password", "Show passwords"),
    ]

    def __init__(self, *, email: str = "") -> None:
        super().__init__()
        self._initial_email = email
        self.busy = False

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(classes="auth-scroll"), Vertical(classes="auth-card"):
            yield Label("Name", classes="field-label -first")
            yield Input(placeholder="Your name", id="name", max_length=200)
            yield Label("Email", classes="field-label")
            yield Input(self._initial_email, placeholder="you@example.com", id="email")
            yield Label("Password", classes="field-label")
            yield PasswordField(input_id="password", placeholder="Choose a password")
            yield FormMessage(POLICY, id="policy", classes="form-message -info")
            yield Label("Confirm password", classes="field-label")
            yield PasswordField(input_id="confirm", placeholder="Type it again")
            yield FormMessage(id="message", classes="form-message")
            with Horizontal(classes="auth-actions"):
                yield Button("Create account", id="submit", variant="primary")
                yield Button("Back to sign in", id="back")
        yield KeyHints()

    # --- live hints --------------------------------------------------------------------
    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id in {"email", "password", "confirm"}:
            self._update_hints()

    def _update_hints(self) -> None:
        password = self._value("password")
        policy = self.query_one("#policy", FormMessage)
        problem = self._policy_problem()
        if not password:
            policy.show(POLICY, "info")
        elif problem is not None:
            policy.show(problem, "warning")
        else:
            policy.show(POLICY_MET, "success")
        confirm = self._value("confirm")
        message = self.query_one("#message", FormMessage)
        if confirm and confirm != password and not password.startswith(confirm):
            message.show(MISMATCH, "warning")
        elif message.has_class("-warning"):
            message.clear()

    def _policy_problem(self) -> str | None:
        password = self._value("password")
        services = self.iapp.ready_services()
        if services is None:  # the store is still opening: the basic rule is checked on submit
            return None if password else POLICY
        return services.auth.password_problem(self._value("email").strip(), password)

    # --- events and actions -------------------------------------------------------------
    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        order = ["name", "email", "password", "confirm"]
        current = event.input.id or ""
        if current in order[:-1]:
            self.query_one(f"#{order[order.index(current) + 1]}", Input).focus()
        else:
            self.action_submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "submit":
            event.stop()
            self.action_submit()
        elif event.button.id == "back":
            event.stop()
            self.action_back()

    def action_back(self) -> None:
        self.dismiss(None)

    def action_toggle_password(self) -> None:
        for field in self.query(PasswordField):
            field.toggle()

    def action_submit(self) -> None:
        if self.busy:
            return
        message = self.query_one("#message", FormMessage)
        name, email = self._value("name").strip(), self._value("email").strip()
        password, confirm = self._value("password"), self._value("confirm")
        checks = [
            (not name, "Enter your name.", "name"),
            (not email, "Enter your email address.", "email"),
            (not password, "Choose a password.", "password"),
            (password != confirm, MISMATCH, "confirm"),
        ]
        for failed, text, field in checks:
            if failed:
                message.show(text)
                self.query_one(f"#{field}", Input).focus()
                return
        problem = self._policy_problem()
        if problem is not None:
            message.show(problem)
            self.query_one("#password", Input).focus()
            return
        message.clear()
        self.create_account(name, email, password)

    @work(exclusive=True, exit_on_error=False, group="register")
    async def create_account(self, name: str, email: str, password: str) -> None:
        """Create the account, then sign in with it."""
        self._set_busy(True)
        message = self.query_one("#message", FormMessage)
        try:
            auth = (await self.iapp.services()).auth
            await auth.register(email=email, name=name, password=password)
            result = await auth.login(email=email, password=password)
            if result.pending_approval:
                message.show(f"Account created. {PENDING_MESSAGE}", "warning")
            elif result.user is not None:
                self.iapp.signed_in(result.user)
        except Exception as error:
            text = user_message(error)
            if text is None:
                raise
            if self.is_attached:
                message.show(text)
                self._focus_field_of(text)
        finally:
            self._set_busy(False)

    def _focus_field_of(self, refusal: str) -> None:
        """Put the cursor where the refusal points (a taken or invalid email, a weak password),
        not on the last field typed in."""
        said = refusal.casefold()
        field = "password" if "password" in said else "email" if "email" in said else None
        if field is not None:
            self.query_one(f"#{field}", Input).focus()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        if self.is_attached:
            self.query_one("#submit", Button).loading = busy

    def _value(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Input).value
