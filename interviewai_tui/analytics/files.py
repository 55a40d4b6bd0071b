"""Writing export files: atomically (a temp file renamed into place), private to the user."""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

from interviewai_tui.analytics.errors import AnalyticsError

__all__ = ["write_text"]


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
