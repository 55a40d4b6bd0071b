"""Progress reporting for long operations: a bar on a terminal, plain lines otherwise.

The services call a `Progress`; the command picks `TerminalProgress` (which decides between a
redrawn bar and occasional plain lines from whether the stream is a tty) or `NullProgress`.
Nothing here uses Rich or Textual: the commands must stay light and the layers clean.
"""

from __future__ import annotations

import sys
import time
from typing import Protocol, TextIO

__all__ = ["NullProgress", "Progress", "TerminalProgress"]


class Progress(Protocol):
    """Receives the steps of a long operation."""

    def start(self, label: str, total: int | None) -> None:
        """A new phase begins (e.g. one collection); `total` items if known."""
        ...

    def advance(self, n: int = 1) -> None: ...

    def finish(self) -> None:
        """The current phase is complete."""
        ...


class NullProgress:
    """Reports nothing."""

    def start(self, label: str, total: int | None) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass

    def finish(self) -> None:
        pass


class TerminalProgress:
    """A one-line bar redrawn in place on a tty; on a pipe or log, a line per phase and at
    most one progress line every `interval` seconds (so logs stay readable)."""

    WIDTH = 30

    def __init__(
        self, stream: TextIO | None = None, *, tty: bool | None = None, interval: float = 5.0
    ) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.interval = interval
        self._label = ""
        self._total: int | None = None
        self._done = 0
        self._last = 0.0

    def start(self, label: str, total: int | None) -> None:
        self._label, self._total, self._done = label, total, 0
        self._last = time.monotonic()
        if not self.tty:
            size = f" ({total:,})" if total is not None else ""
            self._write(f"{label}{size}…\n")
        else:
            self._draw()

    def advance(self, n: int = 1) -> None:
        self._done += n
        now = time.monotonic()
        if self.tty:
            if now - self._last >= 0.1:  # redraw at most 10 times a second
                self._last = now
                self._draw()
        elif now - self._last >= self.interval:
            self._last = now
            self._write(f"  {self._label}: {self._count_text()}\n")

    def finish(self) -> None:
        if self.tty:
            self._draw()
            self._write("\n")
        else:
            self._write(f"  {self._label}: {self._done:,} done\n")

    def _count_text(self) -> str:
        if self._total:
            return f"{self._done:,}/{self._total:,}"
        return f"{self._done:,}"

    def _draw(self) -> None:
        if self._total:
            filled = min(self.WIDTH, self.WIDTH * self._done // self._total)
            bar = "█" * filled + "░" * (self.WIDTH - filled)
            percent = min(100, 100 * self._done // self._total)
            line = f"{self._label:<14} {bar} {percent:3d}% {self._count_text()}"
        else:
            line = f"{self._label:<14} {self._count_text()}"
        self._write(f"\r{line}\x1b[K")

    def _write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()
