"""Dialogs of the profile screen: two-factor enrolment (QR + code) and the recovery codes."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Static

from interviewai_tui.ui.failures import user_message
from interviewai_tui.ui.safe import safe_text
from interviewai_tui.ui.screens.base import AppModal
from interviewai_tui.ui.screens.sign_in import FormMessage

if TYPE_CHECKING:
    from interviewai_tui.auth.service import AuthService
    from interviewai_tui.auth.twofactor import Enrolment


class TwoFactorDialog(AppModal[list[str] | None]):
    """Scan the QR (or type the secret), then prove it with a code; returns recovery codes."""

    AUTO_FOCUS = "#enrol-code"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, enrolment: Enrolment, *, dark: bool = True) -> None:
        super().__init__()
        self.enrolment = enrolment
        self.dark = dark

    def compose(self) -> ComposeResult:
        # QR on the left, everything else on the right: the code must be visible whole,
        # and at 80x24 there is no room to stack the two.
        with Horizontal(id="enrol-dialog"):
            qr = self.enrolment.qr(dark_on_light=not self.dark)
            yield Static(safe_text(qr), id="enrol-qr")
            with Vertical(id="enrol-side"):
                yield Static("Turn on two-factor sign-in", classes="dialog-title")
                yield Static(
                    "Scan the code with an authenticator app, or type this key:",
                    classes="dialog-text",
                )
                yield Static(safe_text(self.enrolment.grouped_secret), id="enrol-secret")
                yield Input(placeholder="6-digit code", id="enrol-code", max_length=12)
                yield FormMessage(classes="form-message", id="enrol-message")
                yield Button("Turn on", id="enrol-confirm", variant="primary")
                yield Button("Cancel", id="enrol-cancel")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.confirm()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "enrol-confirm":
            self.confirm()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    @work(exclusive=True, exit_on_error=False, group="enrol")
    async def confirm(self) -> None:
        field = self.query_one("#enrol-code", Input)
        message = self.query_one("#enrol-message", FormMessage)
        if not field.value.strip():
            message.show("Enter the code your app shows.")
            return
        services = await self.iapp.services()
        auth = cast("AuthService", services.auth)
        user = self.iapp.user
        if user is None:
            self.dismiss(None)
            return
        try:
            codes = await auth.two_factor.confirm(user.id, self.enrolment, field.value)
        except Exception as error:
            text = user_message(error)
            if text is None:
                raise
            message.show(text)
            field.clear()
            field.focus()
            return
        self.dismiss(codes)


class RecoveryCodesDialog(AppModal[None]):
    """The one-time recovery codes, shown once."""

    AUTO_FOCUS = "#codes-done"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "done", "Done")]

    def __init__(self, codes: list[str]) -> None:
        super().__init__()
        self.codes = codes

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="codes-dialog"):
            yield Static("Recovery codes", classes="dialog-title")
            yield Static(
                "Each code signs you in once if you lose your phone. Store them somewhere "
                "safe now: they will not be shown again.",
                classes="dialog-text",
            )
            yield Static(safe_text("\n".join(self.codes)), id="recovery-codes")
            with Horizontal(classes="dialog-actions"):
                yield Button("I have saved them", id="codes-done", variant="primary")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_done()

    def action_done(self) -> None:
        self.dismiss(None)
