"""What the sections of the profile screen share: services, one message line, refusals.

Each section is a widget that owns its inputs, its buttons and its workers, so a refusal in
one section never touches what was typed in another.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label

from interviewai_tui.ui.failures import user_message
from interviewai_tui.ui.safe import clean
from interviewai_tui.ui.screens.base import FailureReporting
from interviewai_tui.ui.screens.sign_in import FormMessage, Tone

if TYPE_CHECKING:
    from interviewai_tui.auth.service import AuthService
    from interviewai_tui.domain.users import PublicUser


def labelled(label: str, widget: Any) -> ComposeResult:
    """A label and its input."""
    yield Label(label, classes="field-label")
    yield widget


class Section(FailureReporting, Vertical):
    """One titled block of the profile screen with its own message line."""

    DEFAULT_CLASSES = "profile-section"
    # Button id -> method name; pressing the button calls the method.
    BUTTONS: ClassVar[dict[str, str]] = {}

    def message(self, text: str, tone: Tone = "error") -> None:
        line = self.query_one(FormMessage)
        if text:
            line.show(clean(text), tone)
        else:
            line.clear()

    async def auth(self) -> AuthService:
        return cast("AuthService", (await self.iapp.services()).auth)

    @property
    def user(self) -> PublicUser:
        user = self.iapp.user
        if user is None:
            raise RuntimeError("the profile screen needs a signed-in user")
        return user

    def updated(self, user: PublicUser) -> None:
        """Keep the app's copy of the user current after a save."""
        self.iapp.user = user

    async def run(self, job: Awaitable[object], success: str) -> bool:
        """Await `job`; show `success`, or the refusal under this section. True on success."""
        try:
            await job
        except Exception as error:
            self.refused(error)
            return False
        self.message(success, "success")
        # The message line sits under the section's last field, often below the screen's
        # edge at 80x24 when a key (Ctrl+S) saved: the toast is what is seen.
        self.app.notify(success, markup=False)
        return True

    def refused(self, error: BaseException) -> None:
        """A user-facing refusal goes on the message line (focusing the field at fault);
        anything else is re-raised for the worker's failure toast."""
        text = user_message(error)
        if text is None:
            raise error
        self.message(text)
        self.app.notify(clean(text), severity="warning", markup=False)
        field_id = getattr(error, "field", "")
        if field_id and self.query(f"#{field_id}"):
            self.query_one(f"#{field_id}").focus()

    def on_button_pressed(self, event: Any) -> None:
        method = self.BUTTONS.get(event.button.id or "")
        if method is not None:
            event.stop()
            getattr(self, method)()
