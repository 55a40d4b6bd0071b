"""A focusable text link: lighter than a Button, for secondary actions.

Enter, space or a click posts ``Link.Pressed``; it looks like underlined text and shows focus
with a background, so keyboard users see where they are.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import Static


class Link(Static, can_focus=True):
    """Underlined, focusable text that acts like a button."""

    DEFAULT_CSS: ClassVar[str] = """
    Link {
        width: auto;
        height: 1;
        padding: 0 1;
        color: $text-accent;
        text-style: underline;
    }
    Link:hover {
        text-style: bold underline;
    }
    Link:focus {
        background: $accent 30%;
        text-style: bold underline;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,space", "press", "Open", show=False),
    ]

    class Pressed(Message):
        """The link was activated."""

        def __init__(self, link: Link) -> None:
            super().__init__()
            self.link = link

        @property
        def control(self) -> Link:
            return self.link

    def __init__(self, label: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(Content(label), id=id, classes=classes)
        self.label = label

    def set_label(self, label: str) -> None:
        """Change the text of the link."""
        self.label = label
        self.update(Content(label))

    def action_press(self) -> None:
        self.post_message(self.Pressed(self))

    def on_click(self) -> None:
        self.action_press()
