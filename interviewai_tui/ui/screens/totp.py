"""The two-factor prompt shown during sign-in when the account has TOTP enabled."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from interviewai_tui.ui.screens.base import AppModal


class TotpPrompt(AppModal[str | None]):
    """Ask for the 6-digit code (or a recovery code); dismisses with it, or None on cancel."""

    AUTO_FOCUS = "#code"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="totp-dialog"):
            yield Static("Two-factor authentication", classes="dialog-title")
            yield Static(
                "Enter the 6-digit code from your authenticator app, or one of your "
                "recovery codes.",
                classes="dialog-text",
            )
            yield Input(placeholder="123456", id="code", max_length=64)
            yield Static("", id="totp-message", classes="form-message -error")
            with Horizontal(classes="dialog-actions"):
                yield Button("Verify", id="verify", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._verify()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "verify":
            self._verify()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _verify(self) -> None:
        code = "".join(self.query_one("#code", Input).value.split())
        if not code:
            self.query_one("#totp-message", Static).update("Enter the code.")
            return
        self.dismiss(code)
