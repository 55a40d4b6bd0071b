"""Dialogs of the chat screen: new chat (provider and model), a one-line prompt (rename,
attach, export), rating a reply, and a yes/no confirmation. Keyboard first: Enter accepts,
Escape cancels. Every text shown that came from outside is ``Content`` (never markup)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from interviewai_tui.ui.safe import clean
from interviewai_tui.ui.screens.base import AppModal

if TYPE_CHECKING:
    from datetime import datetime

    from interviewai_tui.chat.service import ProviderChoice
    from interviewai_tui.domain.chats import ChatSession, MessageFeedback

__all__ = [
    "ArchivedDialog",
    "ConfirmDialog",
    "NewChatDialog",
    "PromptDialog",
    "RateDialog",
    "Rating",
]


class _Dialog(AppModal[object]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(AppModal[bool]):
    """Yes or no; y/Enter on Yes confirms, n/Escape declines (No has the focus)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str, *, yes: str = "Yes") -> None:
        super().__init__()
        self._question, self._yes = question, yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(clean(self._question)), classes="dialog-text")
            with Horizontal(classes="dialog-actions"):
                yield Button(self._yes, variant="error", id="confirm-yes")
                yield Button("No", id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class PromptDialog(_Dialog):
    """One line of text; returns it (stripped) or None."""

    def __init__(
        self, title: str, label: str, *, value: str = "", placeholder: str = "", ok: str = "OK",
        note: str = "",
    ) -> None:  # fmt: skip
        super().__init__()
        self._title, self._label, self._value = title, label, value
        self._placeholder, self._ok, self._note = placeholder, ok, note

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(self._title), classes="dialog-title")
            if self._note:
                yield Static(Content(clean(self._note)), classes="dialog-text", id="prompt-note")
            yield Label(Content(self._label))
            yield Input(value=self._value, placeholder=self._placeholder, id="prompt-input")
            with Horizontal(classes="dialog-actions"):
                yield Button(self._ok, variant="primary", id="prompt-ok")
                yield Button("Cancel", id="prompt-cancel")

    def on_mount(self) -> None:
        self.query_one("#prompt-input", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip())

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "prompt-ok":
            self.dismiss(self.query_one("#prompt-input", Input).value.strip())
        else:
            self.dismiss(None)


class NewChatDialog(_Dialog):
    """Provider and model for a new conversation; returns ``(provider, model)`` or None."""

    def __init__(self, choices: list[ProviderChoice], default: str) -> None:
        super().__init__()
        self._choices = {c.name: c for c in choices}
        self._default = default

    def compose(self) -> ComposeResult:
        options = [
            (c.label + ("" if c.configured else " (no API key)"), c.name)
            for c in self._choices.values()
        ]
        with Vertical(classes="dialog"):
            yield Static("New chat", classes="dialog-title")
            yield Label("Provider")
            yield Select(options, value=self._default, allow_blank=False, id="new-provider")
            yield Label("Model")
            yield Input(self._choices[self._default].default_model, id="new-model")
            with Horizontal(classes="dialog-actions"):
                yield Button("Start", variant="primary", id="new-start")
                yield Button("Cancel", id="new-cancel")

    def on_mount(self) -> None:
        self.query_one("#new-model", Input).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        choice = self._choices.get(str(event.value))
        if choice is not None:
            self.query_one("#new-model", Input).value = choice.default_model

    def _result(self) -> tuple[str, str]:
        provider = str(self.query_one("#new-provider", Select).value)
        return provider, self.query_one("#new-model", Input).value.strip()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(self._result())

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(self._result() if event.button.id == "new-start" else None)


@dataclass(frozen=True)
class Rating:
    rating: int
    helpful: bool | None
    comment: str


class RateDialog(_Dialog):
    """1-5 stars (digits), helpful yes/no (h), optional comment; Enter saves."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        *(Binding(str(n), f"stars({n})", f"{n} stars", show=False) for n in range(1, 6)),
        Binding("h", "helpful", "Helpful?", show=False),
    ]

    def __init__(self, current: MessageFeedback | None) -> None:
        super().__init__()
        self.stars = (current.rating if current else None) or 0
        self.helpful: bool | None = current.helpful if current else None
        self._comment = (current.comment if current else None) or ""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Rate this reply", classes="dialog-title")
            yield Static(self._stars_text(), id="rate-stars")
            yield Static(self._helpful_text(), id="rate-helpful")
            yield Label("Comment (optional)")
            yield Input(self._comment, id="rate-comment", max_length=1000)
            with Horizontal(classes="dialog-actions"):
                yield Button("Save", variant="primary", id="rate-save")
                yield Button("Cancel", id="rate-cancel")

    def on_mount(self) -> None:
        self.query_one("#rate-save", Button).focus()

    def _stars_text(self) -> Content:
        stars = "★" * self.stars + "☆" * (5 - self.stars)
        return Content(f"Rating: {stars}  (press 1-5)")

    def _helpful_text(self) -> Content:
        shown = {True: "yes", False: "no", None: "not said"}[self.helpful]
        return Content(f"Helpful: {shown}  (press h)")

    def action_stars(self, n: int) -> None:
        self.stars = n
        self.query_one("#rate-stars", Static).update(self._stars_text())

    def action_helpful(self) -> None:
        self.helpful = {None: True, True: False, False: None}[self.helpful]
        self.query_one("#rate-helpful", Static).update(self._helpful_text())

    def _save(self) -> None:
        if not self.stars:
            self.notify("Press 1 to 5 to choose a rating first.", severity="warning", markup=False)
            return
        comment = self.query_one("#rate-comment", Input).value.strip()
        self.dismiss(Rating(self.stars, self.helpful, comment))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "rate-save":
            self._save()
        else:
            self.dismiss(None)


class ArchivedDialog(_Dialog):
    """The user's archived conversations; Enter opens one (read-only), Escape closes."""

    def __init__(self, chats: list[ChatSession], now: datetime) -> None:
        super().__init__()
        self._chats, self._now = chats, now

    def compose(self) -> ComposeResult:
        from interviewai_tui.ui.widgets.chat_sessions import session_label

        with Vertical(classes="dialog"):
            yield Static(Content("Archived conversations (read-only)"), classes="dialog-title")
            options = [Option(session_label(c, self._now), id=c.id) for c in self._chats]
            yield OptionList(*options, id="archived-list")

    def on_mount(self) -> None:
        self.query_one("#archived-list", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)
