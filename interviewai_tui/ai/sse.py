"""Incremental parsers for the two stream framings: Server-Sent Events and NDJSON.

Bytes arrive in arbitrary pieces (split inside a UTF-8 character, inside `data:`, between
`\\r` and `\\n`), so both parsers keep a tail between `feed` calls. Lines end with `\\n`,
`\\r\\n` or `\\r` (Gemini uses CRLF); `str.splitlines` is not used because it also splits
on U+2028 and friends, which JSON strings may legally contain.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

__all__ = ["NdjsonParser", "SseEvent", "SseParser"]


@dataclass(frozen=True, slots=True)
class SseEvent:
    event: str  # "message" unless an `event:` line named it (Anthropic)
    data: str  # the `data:` lines joined with "\n"


class _Lines:
    """Splits decoded text into complete lines, keeping the unfinished one."""

    __slots__ = ("_decoder", "_tail")

    def __init__(self) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._tail = ""

    def feed(self, chunk: bytes) -> list[str]:
        text = self._tail + self._decoder.decode(chunk)
        if not text:
            return []
        held_cr = text.endswith("\r")  # may be the first half of "\r\n"
        if held_cr:
            text = text[:-1]
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        lines = text.split("\n")
        last = lines.pop()
        self._tail = last + "\r" if held_cr else last
        return lines

    def close(self) -> list[str]:
        rest = self._tail + self._decoder.decode(b"", final=True)
        self._tail = ""
        if not rest:
            return []
        return rest.replace("\r\n", "\n").replace("\r", "\n").split("\n")


class SseParser:
    """Feed bytes, get complete events. Comments (`: keep-alive`) are counted, not returned."""

    __slots__ = ("_data", "_event", "_lines", "comments")

    def __init__(self) -> None:
        self._lines = _Lines()
        self._data: list[str] = []
        self._event = ""
        self.comments = 0

    def feed(self, chunk: bytes) -> list[SseEvent]:
        return self._consume(self._lines.feed(chunk))

    def close(self) -> list[SseEvent]:
        """End of stream: returns a last event that lacked its blank line (lenient)."""
        events = self._consume(self._lines.close())
        if self._data:
            events.append(SseEvent(self._event or "message", "\n".join(self._data)))
            self._data = []
        return events

    def _consume(self, lines: list[str]) -> list[SseEvent]:
        events: list[SseEvent] = []
        for line in lines:
            if not line:
                if self._data:
                    events.append(SseEvent(self._event or "message", "\n".join(self._data)))
                    self._data = []
                self._event = ""
                continue
            if line[0] == ":":
                self.comments += 1
                continue
            name, _, value = line.partition(":")
            if value[:1] == " ":
                value = value[1:]
            if name == "data":
                self._data.append(value)
            elif name == "event":
                self._event = value
            # `id:` and `retry:` are not used by any provider we talk to.
        return events


class NdjsonParser:
    """Feed bytes, get complete non-blank lines (one JSON document each)."""

    __slots__ = ("_lines",)

    def __init__(self) -> None:
        self._lines = _Lines()

    def feed(self, chunk: bytes) -> list[str]:
        return [line for line in self._lines.feed(chunk) if line.strip()]

    def close(self) -> list[str]:
        return [line for line in self._lines.close() if line.strip()]
