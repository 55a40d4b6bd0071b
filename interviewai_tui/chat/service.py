"""The chat assistant's use cases: conversations, replies, ratings, attachments and export.

Every call names the user it acts for, and a conversation of someone else is reported as not
found. Replies are streamed as ``Turn`` objects (see ``chat.turn``); one reply at a time per
conversation.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from interviewai_tui.ai.base import OFFLINE, Message
from interviewai_tui.chat.archived import ArchivedChats
from interviewai_tui.chat.attachments import (
    MAX_ATTACHMENT_BYTES,
    PreparedAttachment,
    compose_content,
    prepare_attachment,
)
from interviewai_tui.chat.bookkeeping import (
    chosen_model,
    conversation_count,
    user_satisfaction,
)
from interviewai_tui.chat.errors import AttachmentError, BusyError, ChatError, ChatNotFound
from interviewai_tui.chat.export import write_export
from interviewai_tui.chat.images import SentImages
from interviewai_tui.chat.providers import (
    ProviderChoice,
    default_choice,
    image_refusal,
    provider_choices,
)
from interviewai_tui.chat.replies import ReplyJob, ReplyWriter, last_reply_complete
from interviewai_tui.chat.seed import DiscussionSeed, seed_from_interview
from interviewai_tui.chat.turn import Notice, Turn
from interviewai_tui.domain.chats import ChatMessage, ChatSession, MessageFeedback
from interviewai_tui.domain.common import ChatRole, is_object_id
from interviewai_tui.store.base import ArchiveSource
from interviewai_tui.store.errors import NotFoundError

if TYPE_CHECKING:
    from interviewai_tui.ai.router import Router
    from interviewai_tui.clock import Clock
    from interviewai_tui.store.base import Page, Store

__all__ = ["ChatService", "ProviderChoice"]

_CONTROLS = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|[\x00-\x1f\x7f-\x9f]")
MAX_TITLE = 100
MAX_COMMENT = 1000
MAX_MESSAGE_CHARS = 200_000


def _one_line(text: str) -> str:
    return " ".join(_CONTROLS.sub(" ", text).split())


class ChatService:
    def __init__(
        self,
        *,
        store: Store,
        router: Router,
        clock: Clock,
        models: Mapping[str, str] | None = None,
        reply_tokens: int = 1024,
        attachment_limit: int = MAX_ATTACHMENT_BYTES,
        timer: Callable[[], float] = time.perf_counter,
        archive: ArchiveSource | None = None,
    ) -> None:
        """
        Args:
            models: model per provider name (settings' ``<provider>_model``); providers' own
                defaults otherwise.
            reply_tokens: the longest reply asked for; also reserved out of the context.
        """
        self.store = store
        self.router = router
        self.clock = clock
        self.models = dict(models or {})
        self.attachment_limit = attachment_limit
        self._writer = ReplyWriter(
            store=store, router=router, clock=clock, reply_tokens=reply_tokens, timer=timer
        )
        self._turns: dict[str, Turn] = {}
        self._images = SentImages()
        self.archived = ArchivedChats(archive)  # read-only, from the archive store

    # --- providers -------------------------------------------------------------------------
    def providers(self) -> list[ProviderChoice]:
        """The offline coach first (always available), then every provider, keyed or not."""
        return provider_choices(self.router, self.models)

    def default_provider(self) -> ProviderChoice:
        """The settings' provider when it can be used, else the offline coach."""
        return default_choice(self.router, self.models)

    def image_reason(self, provider: str, model: str | None = None) -> str | None:
        """Why images cannot go to ``model`` on ``provider`` (one sentence), or None."""
        return image_refusal(self.router, self.models, provider, model)

    # --- conversations ---------------------------------------------------------------------
    async def create(
        self, user_id: str, *, provider: str | None = None, model: str | None = None,
        title: str = "",
    ) -> ChatSession:  # fmt: skip
        """A new, empty conversation with a provider and model (defaults from settings)."""
        choices = {c.name: c for c in self.providers()}
        choice = choices.get(provider) if provider else self.default_provider()
        if choice is None:
            known = ", ".join(choices)
            raise ChatError(f"Unknown AI provider {provider!r}; choose one of {known}.")
        if not choice.configured:
            raise ChatError(
                f"{choice.label} has no API key; add one in Profile & settings, "
                "or choose another provider."
            )
        picked = (model or "").strip() or choice.default_model
        if len(picked) > 100 or _one_line(picked) != picked or " " in picked:
            raise ChatError("A model name is one word of at most 100 characters.")
        now = self.clock.now()
        opening = ChatMessage(
            role=ChatRole.SYSTEM, content="", timestamp=now, provider=choice.name, model=picked
        )
        chat = ChatSession(
            user_id=user_id,
            title=_one_line(title)[:MAX_TITLE],
            provider=choice.name,
            messages=[opening],
            created_at=now,
            updated_at=now,
        )
        return await self.store.chats.create(chat=chat)

    async def get(self, chat_id: str, *, user_id: str | None) -> ChatSession:
        """One conversation; ``user_id=None`` only for local tools (the export command)."""
        chat = await self.store.chats.get(chat_id=chat_id) if is_object_id(chat_id) else None
        if chat is None or (user_id is not None and chat.user_id != user_id):
            raise ChatNotFound("That conversation does not exist (it may have been deleted).")
        return chat

    async def sessions(
        self, user_id: str, *, search: str | None = None, active_only: bool = False,
        offset: int = 0, limit: int = 50,
    ) -> Page[ChatSession]:  # fmt: skip
        """Most recent first; ``search`` is literal text matched in titles and messages."""
        text = (search or "").strip()[:200] or None
        return await self.store.chats.list_for_user(
            user_id=user_id, search=text, active_only=active_only, offset=offset, limit=limit
        )

    async def rename(self, user_id: str, chat_id: str, title: str) -> ChatSession:
        await self.get(chat_id, user_id=user_id)
        clean = _one_line(title)
        if not clean:
            raise ChatError("Give the chat a title.")
        if len(clean) > MAX_TITLE:
            raise ChatError(f"A title has at most {MAX_TITLE} characters.")
        return await self.store.chats.update(chat_id=chat_id, changes={"title": clean})

    async def set_active(self, user_id: str, chat_id: str, active: bool) -> ChatSession:
        await self.get(chat_id, user_id=user_id)
        return await self.store.chats.update(chat_id=chat_id, changes={"isActive": active})

    async def delete(self, user_id: str, chat_id: str) -> bool:
        await self.get(chat_id, user_id=user_id)
        turn = self._turns.get(chat_id)
        if turn is not None and turn.running:
            raise BusyError("A reply is still being written; stop it first.")
        self._images.forget(chat_id)
        return await self.store.chats.delete(chat_id=chat_id)

    # --- replies ---------------------------------------------------------------------------
    def active_turn(self, chat_id: str) -> Turn | None:
        turn = self._turns.get(chat_id)
        return turn if turn is not None and turn.running else None

    def _check_idle(self, chat_id: str) -> None:
        if self.active_turn(chat_id) is not None:
            raise BusyError("A reply is still being written; wait for it or stop it (Esc).")

    def _job(self, chat: ChatSession, messages: Sequence[ChatMessage], user_id: str) -> ReplyJob:
        provider = chat.provider or OFFLINE
        model = chosen_model(chat) or self.models.get(provider)
        images = self._images.of(chat.id)
        return ReplyJob(chat, list(messages), user_id, provider, model, images)

    def _start(
        self, job: ReplyJob, user_message: ChatMessage | None, prompt: list[Message],
        note: str | None,
    ) -> Turn:  # fmt: skip
        self._turns = {k: t for k, t in self._turns.items() if t.running}
        turn = Turn(job.chat.id, user_message)
        if note:
            turn.emit(Notice(note))
        self._turns[job.chat.id] = turn
        turn.start(lambda t: self._writer.run(t, job, prompt))
        return turn

    async def send(
        self, user_id: str, chat_id: str, text: str,
        attachments: Sequence[PreparedAttachment] = (),
    ) -> Turn:  # fmt: skip
        """Store the user's message and start the reply.

        Raises:
            ChatError: empty message, a reply already running, or a message too long for the
                model even on its own (then nothing is stored).
        """
        chat = await self.get(chat_id, user_id=user_id)
        self._check_idle(chat_id)
        content = compose_content(text, list(attachments))
        if not content:
            raise ChatError("Type a message first.")
        if len(content) > MAX_MESSAGE_CHARS:
            raise ChatError("That message is too long; send at most 200,000 characters.")
        images = tuple(a.image for a in attachments if a.image is not None)
        if images:  # attached for one provider, maybe sent in a chat with another
            reason = self.image_reason(chat.provider or OFFLINE, chosen_model(chat))
            if reason is not None:
                raise AttachmentError(reason)
        message = ChatMessage(
            role=ChatRole.USER,
            content=content,
            timestamp=self.clock.now(),
            attachments=[a.attachment for a in attachments],
        )
        job = self._job(chat, [*chat.messages, message], user_id)
        if images:
            job = replace(job, images={**job.images, message.id: images})
        prompt, note = self._writer.fit(job)  # before storing: a refused message leaves no trace
        await self.store.chats.append_message(chat_id=chat_id, message=message)
        self._images.remember(chat_id, message.id, images)
        # A user deleted meanwhile has no stats to count in; the chat itself is what matters.
        with contextlib.suppress(NotFoundError):
            await self.store.users.add_to_stats(
                user_id=user_id, total_chat_messages=1, last_activity_at=message.timestamp
            )
        return self._start(job, message, prompt, note)

    async def regenerate(self, user_id: str, chat_id: str, *, retry: bool = False) -> Turn:
        """Write the last reply again (replacing it). With ``retry``, only when the last reply
        is missing or incomplete.

        Tokens and cost of a replaced reply stay in the session totals: they were spent.
        """
        chat = await self.get(chat_id, user_id=user_id)
        self._check_idle(chat_id)
        last_user = max(
            (i for i, m in enumerate(chat.messages) if m.role is ChatRole.USER), default=None
        )
        if last_user is None:
            raise ChatError("There is no message to answer yet.")
        if retry and last_reply_complete(chat.messages):
            raise ChatError("The last reply is complete; there is nothing to retry.")
        kept = chat.messages[: last_user + 1]
        job = self._job(chat, kept, user_id)
        prompt, note = self._writer.fit(job)
        if len(kept) != len(chat.messages):
            await self.store.chats.update(
                chat_id=chat_id,
                changes={"messages": kept, "messageCount": conversation_count(kept)},
            )
        return self._start(job, None, prompt, note)

    # --- feedback --------------------------------------------------------------------------
    async def rate(
        self, user_id: str, chat_id: str, message_id: str, *, rating: int,
        helpful: bool | None = None, comment: str | None = None,
    ) -> ChatSession:  # fmt: skip
        """Feedback on one reply (replacing earlier feedback); userSatisfaction follows."""
        chat = await self.get(chat_id, user_id=user_id)
        target = next((m for m in chat.messages if m.id == message_id), None)
        if target is None or target.role is not ChatRole.ASSISTANT:
            raise ChatError("Only the assistant's replies can be rated.")
        if not isinstance(rating, int) or not 1 <= rating <= 5:
            raise ChatError("Choose a rating from 1 to 5.")
        note = (comment or "").strip()
        if len(note) > MAX_COMMENT:
            raise ChatError(f"A comment has at most {MAX_COMMENT} characters.")
        feedback = MessageFeedback(
            rating=rating, helpful=helpful, comment=note or None, submitted_at=self.clock.now()
        )
        await self.store.chats.update_message_feedback(
            chat_id=chat_id, message_id=message_id, feedback=feedback
        )
        rated = [m.model_copy(update={"feedback": feedback}) if m is target else m
                 for m in chat.messages]  # fmt: skip
        return await self.store.chats.update(
            chat_id=chat_id, changes={"analytics.userSatisfaction": user_satisfaction(rated)}
        )

    # --- attachments, export, discussions ------------------------------------------------
    async def attach(
        self, path: str | Path, *, provider: str, model: str | None = None
    ) -> PreparedAttachment:
        """Read and check a file for the next message (size, text or image, token estimate);
        an image only when ``model`` on ``provider`` accepts images (``model`` defaults to
        the settings' model for the provider)."""
        return await asyncio.to_thread(
            prepare_attachment,
            path,
            image_reason=self.image_reason(provider, model),
            limit=self.attachment_limit,
        )

    async def export(self, chat_id: str, path: str | Path, *, user_id: str | None) -> Path:
        """Write Markdown or JSON (by the file's extension); returns the path written.
        An archived conversation is exported from the archive."""
        try:
            chat = await self.get(chat_id, user_id=user_id)
        except ChatNotFound:
            chat = await self.archived.get(chat_id, user_id=user_id)
        return await asyncio.to_thread(write_export, chat, path, exported_at=self.clock.now())

    async def discussion_seed(
        self, user_id: str, interview_id: str, question_index: int
    ) -> DiscussionSeed:
        interview = await self.store.interviews.get(interview_id=interview_id)
        if interview is None or interview.user_id != user_id:
            raise ChatNotFound("That interview does not exist (it may have been deleted).")
        try:
            return seed_from_interview(interview, question_index)
        except IndexError:
            raise ChatNotFound("That question is not part of the interview.") from None

    async def start_discussion(
        self, user_id: str, seed: DiscussionSeed, *, provider: str | None = None,
        model: str | None = None,
    ) -> tuple[ChatSession, Turn]:  # fmt: skip
        """A new conversation opened with the question, the answer and the feedback."""
        chat = await self.create(user_id, provider=provider, model=model, title=seed.title)
        turn = await self.send(user_id, chat.id, seed.prompt())
        return chat, turn
