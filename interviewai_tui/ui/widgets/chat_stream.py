"""Sanitising a reply that arrives in pieces.

``clean`` works on whole strings; a stream can split an escape sequence across two pieces
(``ESC [ 3`` then ``1 m``), and cleaning each piece alone would leave the tail (``1m``) on
screen. ``StreamCleaner`` holds back a short unfinished sequence until the next piece shows
how it ends. Nothing held back is ever shown raw: held text is cleaned when released.
"""

from __future__ import annotations

import re

from interviewai_tui.ui.safe import clean

__all__ = ["StreamCleaner"]

_HOLD_LIMIT = 256  # a longer "sequence" is not one we wait for: release it (cleaned)
_INTRODUCERS = re.compile(r"[\x1b\x90\x98\x9b\x9d\x9e\x9f]")
# Complete sequences, by kind (the kind is decided by the bytes after the introducer).
_OSC = re.compile(r"(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)")
_STRING = re.compile(r"(?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[^\x1b\x9c]*(?:\x1b\\|\x9c)")
_CSI = re.compile(r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]")
_OTHER = re.compile(r"\x1b[\x20-\x2f]*[\x30-\x7e]")


def _matched_end(tail: str) -> int | None:
    """Length of the finished sequence ``tail`` (starting at an introducer) begins with."""
    if tail.startswith(("\x1b[", "\x9b")):
        pattern = _CSI
    elif tail.startswith(("\x1b]", "\x9d")):
        pattern = _OSC
    elif tail[:2] in ("\x1bP", "\x1bX", "\x1b^", "\x1b_") or tail[0] in "\x90\x98\x9e\x9f":
        pattern = _STRING
    else:
        pattern = _OTHER
    found = pattern.match(tail)
    return found.end() if found is not None else None


class StreamCleaner:
    """Feed raw pieces in order; get text that is safe to display, in order."""

    def __init__(self) -> None:
        self._held = ""

    def feed(self, piece: str) -> str:
        text = self._held + piece
        self._held = ""
        cut = _unfinished_start(text)
        if cut is not None:
            self._held, text = text[cut:], text[:cut]
        return clean(text)

    def flush(self) -> str:
        """The end of the stream: whatever was held, cleaned (an unfinished sequence goes)."""
        text, self._held = self._held, ""
        return clean(text)


def _unfinished_start(text: str) -> int | None:
    """Where a sequence starts that the end of ``text`` leaves unfinished (and short)."""
    pos = 0
    while (found := _INTRODUCERS.search(text, pos)) is not None:
        start = found.start()
        tail = text[start:]
        match = _matched_end(tail)
        if match is not None:
            pos = start + match
            continue
        if len(tail) < _HOLD_LIMIT and _may_continue(tail):
            return start
        pos = start + 1
    return None


def _may_continue(tail: str) -> bool:
    """Whether more characters could still turn ``tail`` into one complete sequence."""
    if len(tail) == 1:
        return True
    second = tail[1]
    if tail[0] == "\x1b" and second not in "[]PX^_":
        # ESC, intermediates (0x20-0x2f) and then a final byte: incomplete only while
        # every byte after ESC is an intermediate.
        return all("\x20" <= ch <= "\x2f" for ch in tail[1:])
    if tail.startswith(("\x1b[", "\x9b")):
        body = tail[2:] if tail[0] == "\x1b" else tail[1:]
        return re.fullmatch(r"[\x30-\x3f]*[\x20-\x2f]*", body) is not None
    return True  # OSC / DCS-like strings run until their terminator
