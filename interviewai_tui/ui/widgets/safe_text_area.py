"""A TextArea that never writes terminal control characters to the screen.

TextArea renders its document as-is, so a pasted ``ESC ] 52 ; …`` (clipboard write) or
``ESC [ 2 J`` would reach the terminal. The answer itself must be kept exactly as typed, so the
document is left alone and only the rendered line loses its control characters (C0 except tab,
DEL, C1). They have zero cell width, so removing them keeps the cursor where TextArea thinks it
is; the printable rest of a sequence stays visible as plain text.

TextArea re-wraps and re-highlights the whole document on every edit, which costs about a second
per key at 1 MB. Past ``LARGE_CHARS`` the widget turns both off (before a big paste lands) and
says so, so typing stays responsive and nothing pasted is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich.segment import Segment
from textual import events
from textual.message import Message
from textual.strip import Strip
from textual.widgets import TextArea

__all__ = ["LARGE_CHARS", "SafeTextArea", "strip_controls"]

LARGE_CHARS = 100_000

_CONTROLS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> str:
    return _CONTROLS.sub("", text)


class SafeTextArea(TextArea):
    @dataclass
    class Simplified(Message):
        """Highlighting and wrapping were turned off for a large document."""

        text_area: SafeTextArea

    def load_text(self, text: str) -> None:
        self.relax_for(len(text))
        super().load_text(text)

    async def _on_paste(self, event: events.Paste) -> None:
        # Textual calls the handler of every class in the MRO: TextArea's own ``_on_paste``
        # runs after this one and inserts the text (calling it here would paste twice).
        self.relax_for(len(event.text) + self._size_hint())

    def relax_for(self, chars: int) -> None:
        """Turn off highlighting and soft wrap when the document will be this large."""
        if chars > LARGE_CHARS and (self.language is not None or self.soft_wrap):
            self.language = None
            self.soft_wrap = False
            self.post_message(self.Simplified(self))

    def _size_hint(self) -> int:
        # Cheap upper bound without joining the document: lines × the longest line seen.
        doc = self.document
        return doc.line_count * max(1, len(doc[0])) if doc.line_count > 1000 else 0

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        if not any(_CONTROLS.search(seg.text) for seg in segments if not seg.control):
            return strip
        cleaned = [
            seg if seg.control else Segment(strip_controls(seg.text), seg.style, seg.control)
            for seg in segments
        ]
        return Strip(cleaned, strip.cell_length)
