"""A password input with a show/hide toggle."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input

from interviewai_tui.ui.widgets.link import Link


class PasswordField(Horizontal):
    """An ``Input`` that hides what is typed, and a link that reveals it."""

    DEFAULT_CSS: ClassVar[str] = """
    PasswordField {
        height: auto;
    }
    PasswordField > Input {
        width: 1fr;
    }
    PasswordField > Link {
        width: 8;
        margin: 1 0 0 1;
    }
    """

    def __init__(self, *, input_id: str, placeholder: str = "", id: str | None = None) -> None:
        super().__init__(id=id)
        self._input_id = input_id
        self._placeholder = placeholder

    def compose(self) -> ComposeResult:
        yield Input(placeholder=self._placeholder, password=True, id=self._input_id)
        yield Link("Show", id=f"{self._input_id}-reveal")

    @property
    def input(self) -> Input:
        """The password input."""
        return self.query_one(f"#{self._input_id}", Input)

    @property
    def revealed(self) -> bool:
        """Whether the password is shown in clear."""
        return not self.input.password

    def toggle(self) -> None:
        """Show the password if hidden, hide it if shown."""
        field = self.input
        field.password = not field.password
        self.query_one(Link).set_label("Show" if field.password else "Hide")

    def on_link_pressed(self, event: Link.Pressed) -> None:
        event.stop()
        self.toggle()
