"""Writing one reply: fit the history to the model, stream it through the router, store it.

Everything a reply changes is written here: the assistant message with its metadata (the
store adds its tokens and cost to the session totals), the average response time, and the
title after the first exchange. A stopped or failed reply keeps the text that arrived.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from interviewai_tui.ai.base import ImagePart, Message, TextChunk, Usage
from interviewai_tui.ai.errors import ProviderError
from interviewai_tui.ai.prompts import CHAT_SYSTEM
from interviewai_tui.ai.tasks import chat_prompt, chat_title, offline_title
from interviewai_tui.chat.bookkeeping import (
    STOPPED_REASON,
    average_response_time,
    history,
    is_partial,
    reply_message,
)
from interviewai_tui.chat.context import context_window, estimate_tokens, trim_history
from interviewai_tui.chat.turn import Finished, Notice, Retitled, Turn
from interviewai_tui.domain.chats import ChatMessage, ChatSession
from interviewai_tui.store.errors import StoreError

if TYPE_CHECKING:
    from interviewai_tui.ai.router import Router
    from interviewai_tui.clock import Clock
    from interviewai_tui.store.base import Store

__all__ = ["ReplyJob", "ReplyWriter"]

log = logging.getLogger("interviewai.chat")
_SYSTEM_TOKENS = estimate_tokens(CHAT_SYSTEM.system) + 4


@dataclass(frozen=True, slots=True)
class ReplyJob:
    """What one reply needs: the conversation so far (ending with the user's message) and
    the images that go with its messages (by message id)."""

    chat: ChatSession
    messages: Sequence[ChatMessage]
    user_id: str
    provider: str
    model: str | None
    images: Mapping[str, tuple[ImagePart, ...]] = field(default_factory=dict)


class ReplyWriter:
    def __init__(
        self,
        *,
        store: Store,
        router: Router,
        clock: Clock,
        reply_tokens: int,
        timer: Callable[[], float],
    ) -> None:
        self.store = store
        self.router = router
        self.clock = clock
        self.reply_tokens = reply_tokens
        self.timer = timer

    def fit(self, job: ReplyJob) -> tuple[list[Message], str | None]:
        """The history to send and, when older turns were left out, the sentence saying so.

        Raises:
            ContextFullError: when the newest message alone is too long for the model.
        """
        window = context_window(job.provider, job.model)
        trimmed = trim_history(
            history(job.messages, job.images),
            window=window,
            reserve=self.reply_tokens,
            system_tokens=_SYSTEM_TOKENS,
        )
        if not trimmed.dropped:
            return trimmed.messages, None
        n = trimmed.dropped
        what = f"The {n} oldest messages were" if n > 1 else "The oldest message was"
        note = (
            f"{what} left out so the conversation fits the model's context "
            f"(about {window:,} tokens)."
        )
        return trimmed.messages, note

    async def run(self, turn: Turn, job: ReplyJob, prompt: list[Message]) -> None:
        """The body of a ``Turn``: stream, then store what arrived, then maybe a title."""
        started = self.timer()
        usage: Usage | None = None
        try:
            async for chunk in self.router.stream(
                chat_prompt(prompt),
                provider=job.provider,
                model=job.model,
                max_tokens=self.reply_tokens,
                user_id=job.user_id,
                purpose="chat",
            ):
                if isinstance(chunk, TextChunk):
                    turn.add_text(chunk.text)
                elif isinstance(chunk, Usage):
                    usage = chunk
        except asyncio.CancelledError:
            await self._finish(turn, job, started, None, partial=STOPPED_REASON, stopped=True)
            raise
        except ProviderError as error:
            await self._finish(turn, job, started, error.usage, partial=error.message)
            return
        if usage is not None and usage.notice:
            turn.emit(Notice(usage.notice))
        message = await self._finish(turn, job, started, usage, partial=None)
        if message is not None and not job.chat.title:
            await self._title(turn, job, message)

    async def _finish(
        self,
        turn: Turn,
        job: ReplyJob,
        started: float,
        usage: Usage | None,
        *,
        partial: str | None,
        stopped: bool = False,
    ) -> ChatMessage | None:
        error = None if partial is None or stopped else partial
        text = turn.text
        if partial is not None and not text.strip():
            # Nothing arrived: there is no reply to keep; the user's message stays for a retry.
            turn.emit(Finished(None, error=error, stopped=stopped))
            return None
        message = reply_message(
            text,
            usage=usage,
            provider=job.provider,
            model=job.model,
            elapsed_ms=(self.timer() - started) * 1000,
            at=self.clock.now(),
            partial=partial,
        )
        await self.store.chats.append_message(chat_id=job.chat.id, message=message)
        average = average_response_time([*job.messages, message])
        await self.store.chats.update(
            chat_id=job.chat.id, changes={"analytics.averageResponseTime": average}
        )
        turn.emit(Finished(message, error=error, stopped=stopped))
        return message

    async def _title(self, turn: Turn, job: ReplyJob, reply: ChatMessage) -> None:
        conversation = history([*job.messages, reply])
        try:
            title = await chat_title(
                self.router, conversation, user_id=job.user_id, provider=job.provider
            )
        except ProviderError:
            title = offline_title(conversation)
        try:
            current = await self.store.chats.get(chat_id=job.chat.id)
            if current is None or current.title:  # deleted, or renamed by the user meanwhile
                return
            await self.store.chats.update(chat_id=job.chat.id, changes={"title": title})
        except StoreError:
            log.warning("could not store the generated chat title", exc_info=True)
            return
        turn.emit(Retitled(title))


def last_reply_complete(messages: Sequence[ChatMessage]) -> bool:
    """Whether the conversation ends with a complete assistant reply."""
    last = messages[-1] if messages else None
    return last is not None and last.role.value == "assistant" and not is_partial(last)
