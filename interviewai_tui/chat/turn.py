"""One reply being written: an async iterator of events that can be stopped.

The reply is produced by a task of its own, so stopping it (``stop()``) cancels exactly the
provider stream and nothing else, and a reply keeps being saved even if the screen that
watched it has gone. Readers that fall behind get consecutive text deltas merged into one,
so a slow consumer costs fewer redraws rather than a growing backlog.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from interviewai_tui.chat.bookkeeping import is_partial
from interviewai_tui.domain.chats import ChatMessage

__all__ = ["Delta", "Finished", "Notice", "Retitled", "Turn", "TurnEvent"]


@dataclass(frozen=True, slots=True)
class Delta:
    """More text of the reply (raw: the screen sanitises it)."""

    text: str


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the user should be told: older messages trimmed, a fallback was used."""

    text: str


@dataclass(frozen=True, slots=True)
class Finished:
    """The reply is over and stored (``message`` is None when nothing at all arrived)."""

    message: ChatMessage | None
    error: str | None = None
    stopped: bool = False

    @property
    def partial(self) -> bool:
        return self.message is not None and is_partial(self.message)


@dataclass(frozen=True, slots=True)
class Retitled:
    """The conversation got its generated title (after the first exchange)."""

    title: str


TurnEvent = Delta | Notice | Finished | Retitled
_END = object()


class Turn:
    """Events of one reply: ``Notice``*, ``Delta``*, ``Finished``, then maybe ``Retitled``."""

    def __init__(self, chat_id: str, user_message: ChatMessage | None) -> None:
        self.chat_id = chat_id
        self.user_message = user_message  # None for a regenerated reply
        self.finished: Finished | None = None
        self._parts: list[str] = []
        self._queue: asyncio.Queue[object] = asyncio.Queue()
        self._held: TurnEvent | None = None
        self._task: asyncio.Task[None] | None = None
        self._stop_requested = False
        self._error: BaseException | None = None
        self._ended = False

    # --- producer side (the service) -----------------------------------------------------
    def start(self, body: Callable[[Turn], Coroutine[Any, Any, None]]) -> None:
        self._task = asyncio.create_task(self._run(body), name=f"chat-turn-{self.chat_id}")

    async def _run(self, body: Callable[[Turn], Coroutine[Any, Any, None]]) -> None:
        try:
            await body(self)
        except asyncio.CancelledError:
            if not self._stop_requested:
                raise
        except Exception as error:  # handed to the reader, who reports it
            self._error = error
        finally:
            self._queue.put_nowait(_END)

    def add_text(self, text: str) -> None:
        if text:
            self._parts.append(text)
            self._queue.put_nowait(Delta(text))

    def emit(self, event: Notice | Finished | Retitled) -> None:
        if isinstance(event, Finished):
            self.finished = event
        self._queue.put_nowait(event)

    @property
    def stop_requested(self) -> bool:
        return self._stop_requested

    # --- reader side (the screen, a test, the benchmark) -----------------------------------
    @property
    def text(self) -> str:
        """Everything received so far."""
        return "".join(self._parts)

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def stop(self) -> bool:
        """Stop writing: what arrived is kept, marked incomplete. False if already over."""
        if self._task is None or self._task.done() or self.finished is not None:
            return False
        self._stop_requested = True
        self._task.cancel()
        return True

    async def wait(self) -> Finished | None:
        """Wait until the reply (and any title) is done; the final ``Finished``."""
        if self._task is not None:
            await asyncio.shield(self._task)
        if self._error is not None:
            raise self._error
        return self.finished

    def __aiter__(self) -> AsyncIterator[TurnEvent]:
        return self._events()

    async def _events(self) -> AsyncIterator[TurnEvent]:
        while True:
            event = self._held if self._held is not None else await self._queue.get()
            self._held = None
            if event is _END:
                self._ended = True
                if self._error is not None:
                    raise self._error
                return
            if isinstance(event, Delta):
                parts = [event.text]
                while not self._queue.empty():  # merge what is already waiting
                    nxt = self._queue.get_nowait()
                    if isinstance(nxt, Delta):
                        parts.append(nxt.text)
                    else:
                        self._held = nxt  # type: ignore[assignment]
                        break
                event = Delta("".join(parts)) if len(parts) > 1 else event
            assert isinstance(event, Delta | Notice | Finished | Retitled)
            yield event
