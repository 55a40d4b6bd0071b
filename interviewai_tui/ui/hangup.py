"""A closed terminal (SIGHUP) or a polite kill (SIGTERM) while something is unsaved.

Without handlers both end the process at once, and an answer typed since the last debounced
autosave is lost. Here every screen with a ``save_now`` coroutine writes first. After SIGTERM
the terminal is still there, so the app exits normally; after SIGHUP it is gone, and Textual's
shutdown would wait forever on writes to it (its writer thread dies on EIO with a full queue),
so the container is closed and the process ends with the conventional 128 + signal status.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
from collections.abc import Awaitable, Callable
from typing import Any

from textual.app import App

log = logging.getLogger("interviewai.ui")

SAVE_TIMEOUT = 5.0


class HangUp:
    """Installed once by the running app; ``trigger`` may also be called directly (tests)."""

    def __init__(self, app: App[Any], close: Callable[[], Awaitable[None]]) -> None:
        self.app = app
        self._close = close
        self.triggered = False

    def install(self) -> None:
        loop = asyncio.get_running_loop()
        for sig in (getattr(signal, "SIGHUP", None), signal.SIGTERM):
            if sig is None:
                continue
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(sig, self.trigger, sig)

    def trigger(self, signum: int = signal.SIGTERM) -> None:
        """Save, then end (runs on the app's loop; a second signal changes nothing)."""
        if not self.triggered:
            self.triggered = True
            self.app.call_later(self._save_and_exit, signum)

    async def _save_and_exit(self, signum: int) -> None:
        await save_all_screens(self.app)
        if signum == signal.SIGTERM:
            self.app.exit(0)  # the terminal is still there: leave it the way it was found
            return
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self._close(), timeout=SAVE_TIMEOUT)
        os._exit(128 + signum)


async def save_all_screens(app: App[Any]) -> None:
    """Ask every screen with unsaved work (``save_now``) to write it, topmost first."""
    for screen in reversed(app.screen_stack):
        save = getattr(screen, "save_now", None)
        if save is None:
            continue
        try:
            await asyncio.wait_for(save(), timeout=SAVE_TIMEOUT)
        except Exception:  # the other screens still get their chance, and the app still ends
            log.exception("saving on hang-up failed")
