"""Pieces the three interview screens share: service lookup, a confirm dialog, score bars,
and the message that carries a service event onto the screen's message queue."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Static

from interviewai_tui.interviews.ports import InterviewError
from interviewai_tui.ui.safe import clean
from interviewai_tui.ui.screens.base import AppModal

if TYPE_CHECKING:
    from textual.app import App

    from interviewai_tui.domain.users import PublicUser
    from interviewai_tui.interviews.events import SessionEvent
    from interviewai_tui.interviews.service import InterviewService


class _HasInterviews(Protocol):
    @property
    def interviews(self) -> InterviewService: ...


class InterviewsUnavailable(InterviewError):
    """The container has no interview service (an incomplete installation)."""

    message = "Interviews are not available in this installation."


async def interview_service(app: App[Any]) -> InterviewService:
    """The container's interview service, once the container is open."""
    services = getattr(app, "services", None)
    container = await services() if services is not None else None
    service = getattr(container, "interviews", None)
    if service is None:
        raise InterviewsUnavailable(InterviewsUnavailable.message)
    return cast(_HasInterviews, container).interviews


async def app_settings(app: App[Any]) -> Any | None:
    """The container's Settings, when the app has a container (None in bare test hosts)."""
    services = getattr(app, "services", None)
    container = await services() if services is not None else None
    return getattr(container, "settings", None)


def signed_in_user(app: App[Any]) -> PublicUser | None:
    user = getattr(app, "user", None)
    return cast("PublicUser | None", user)


@dataclass
class ServiceEvent(Message):
    """A service event, delivered through the screen's queue so handlers run in order."""

    event: SessionEvent


@dataclass
class DiscussInChat(Message):
    """Ask the chat area to open a conversation about one question (handled by the app or the
    chat screen; ignored where no chat exists yet)."""

    interview_id: str
    question_index: int
    prompt: str


class ConfirmDialog(AppModal[bool]):
    """Yes/no question; y confirms, n or Escape declines.

    The safe answer has the focus, so Enter alone declines; the keys are written under the
    buttons because nothing else on screen says that y confirms.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str, *, yes: str = "Yes", no: str = "No") -> None:
        super().__init__(classes="confirm-dialog")
        self._question, self._yes, self._no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(Content(self._question), id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button(self._yes, variant="error", id="confirm-yes")
                yield Button(self._no, id="confirm-no")
            yield Static(
                Content(f"y: {self._yes} · n or Esc: {self._no}"),
                id="confirm-keys",
                classes="muted",
            )

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


def bar_lines(scores: dict[str, int], *, width: int = 20, label_width: int = 14) -> Content:
    """Horizontal bars, one per skill: ``Python        ████████░░░░  62``.

    Plain characters (no colour needed) so the chart reads on NO_COLOR terminals too.
    """
    if not scores:
        return Content("No skill scores.")
    lines: list[str] = []
    for name, score in scores.items():
        shown = clean(name)[:label_width].ljust(label_width)
        filled = round(max(0, min(100, score)) / 100 * width)
        lines.append(f"{shown} {'█' * filled}{'░' * (width - filled)} {score:>3}")
    return Content("\n".join(lines))


def clock_text(seconds: int) -> str:
    """mm:ss, or h:mm:ss past an hour."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"
