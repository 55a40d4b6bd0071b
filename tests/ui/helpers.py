"""Keyboard-only helpers for Pilot tests."""

from __future__ import annotations

import asyncio
from typing import Any

from textual.pilot import Pilot
from textual.screen import ModalScreen
from textual.widgets import Input

_KEY_NAMES = {" ": "space", "?": "question_mark"}


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Type ``text`` key by key into whatever has focus."""
    await pilot.press(*(_KEY_NAMES.get(ch, ch) for ch in text))


async def fill(pilot: Pilot[Any], selector: str, text: str, *, keys: bool = False) -> None:
    """Focus the input ``selector`` and enter ``text``.

    Pilot spends ~60 ms per key press, so by default the text is inserted as one paste-like
    edit (still through the Input, with its Changed events); ``keys=True`` types it key by key.
    """
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.clear()
    if keys:
        await pilot.pause()
        await type_text(pilot, text)
    else:
        field.insert_text_at_cursor(text)
        await pilot.pause()


async def settle(pilot: Pilot[Any], seconds: float = 0.0, limit: float = 2.0) -> None:
    """Let workers and screen changes finish (a worker waiting on a dialog may stay running)."""
    await pilot.pause(seconds)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    while loop.time() < deadline and any(w.is_running for w in pilot.app.workers):
        await pilot.pause(0.02)
        if isinstance(pilot.app.screen, ModalScreen):
            break
    await pilot.pause()


def toasts(app: Any) -> list[str]:
    """Messages of the notifications currently shown."""
    return [str(n.message) for n in app._notifications]
