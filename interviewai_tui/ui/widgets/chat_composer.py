"""The multi-line message box: Enter sends; shift+enter, ctrl+j and alt+enter start a new line
(many terminals cannot tell shift+enter from enter, so the other two always work)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.message import Message

from interviewai_tui.ui.widgets.safe_text_area import SafeTextArea

__all__ = ["NEWLINE_KEYS", "ChatComposer"]

NEWLINE_KEYS = frozenset({"shift+enter", "ctrl+j", "alt+enter", "ctrl+enter"})


class ChatComposer(SafeTextArea):
    """A TextArea whose Enter posts ``Submitted`` instead of breaking the line."""

    HELP: ClassVar[str] = "Enter sends; shift+enter, ctrl+j or alt+enter for a new line."

    @dataclass
    class Submitted(Message):
        composer: ChatComposer
        text: str

    def __init__(self, *, id: str | None = None, placeholder: str = "") -> None:
        super().__init__(
            id=id,
            soft_wrap=True,
            show_line_numbers=False,
            tab_behavior="focus",
            placeholder=placeholder,
            compact=True,
        )

    async def _on_key(self, event: events.Key) -> None:
        # Runs before TextArea's own handler; preventing the default stops that one.
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted(self, self.text))
        elif event.key in NEWLINE_KEYS:
            event.stop()
            event.prevent_default()
            start, end = self.selection
            self._replace_via_keyboard("\n", start, end)
