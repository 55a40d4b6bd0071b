"""Writing export files: atomically (a temp file renamed into place), private to the user."""

from __future__ import annotations

import asyncio
import os
import re
import tempfile
from pathlib import Path

from interviewai_tui.analytics.errors import AnalyticsError

__all__ = ["plain_text", "write_text"]

# Terminal sequences (OSC, CSI, other ESC forms) first, then any control character left, so
# that an exported file is harmless even when printed with `cat`.
_SEQUENCE = re.compile(
    r"(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"
    r"|(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]"
    r"|\x1b[\x20-\x2f]*[\x30-\x7e]"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain_text(text: str) -> str:
    """``text`` without terminal sequences or control characters (newlines and tabs kept)."""
    return _CONTROL.sub("", _SEQUENCE.sub("", text))


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


async def write_text(path: Path, text: str) -> Path:
    """Write ``text`` to ``path``; a failure becomes one sentence naming the file."""
    try:
        await asyncio.to_thread(_write, path, text)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise AnalyticsError(f"Could not write {path} ({reason}).") from None
    return path
