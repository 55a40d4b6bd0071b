"""What the chat screen is made of and how it shows things: layout, opening a conversation
(tail first), the sessions list and search, sending, and following a streamed reply.

The screen only renders: every change goes through ``ChatService`` in a worker, and a reply
arrives as a ``Turn`` whose events are written into a streaming Markdown view. Leaving a
conversation while a reply is written does not stop it; coming back shows it still arriving.
The keys and dialogs are in ``chat.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.worker import Worker

from interviewai_tui.chat.errors import ChatError
from interviewai_tui.chat.turn import Delta, Finished, Notice, Retitled
from interviewai_tui.ui.safe import one_line
from interviewai_tui.ui.screens.base import AppScreen
from interviewai_tui.ui.widgets.chat_composer import ChatComposer
from interviewai_tui.ui.widgets.chat_log import ConversationLog
from interviewai_tui.ui.widgets.chat_messages import MessageView
from interviewai_tui.ui.widgets.chat_sessions import SessionList, chat_heading
from interviewai_tui.ui.widgets.chrome import KeyHints, TitleBar

if TYPE_CHECKING:
    from interviewai_tui.chat.attachments import PreparedAttachment
    from interviewai_tui.chat.service import ChatService
    from interviewai_tui.chat.turn import Turn
    from interviewai_tui.domain.chats import ChatSession
    from interviewai_tui.domain.users import PublicUser

__all__ = ["ChatCore", "chat_service"]


async def chat_service(app: Any) -> ChatService:
    """The chat service of the app's (opened) container."""
    from interviewai_tui.chat.wiring import chat_service_for

    return await chat_service_for(await app.services())


READ_ONLY = "This conversation is archived and read-only; ctrl+n starts a new one."


class ChatCore(AppScreen[None]):
    """The chat screen without its keys (see ``ChatScreen``)."""

    TITLE = "InterviewAI"
    SUB_TITLE = "Chat"

    def __init__(
        self,
        *,
        chat_id: str | None = None,
        discuss: tuple[str, int] | None = None,
        service: ChatService | None = None,
    ) -> None:
        """
        Args:
            chat_id: the conversation to open (default: the most recent).
            discuss: ``(interview_id, question_index)`` to open a new chat about.
            service: the chat service (default: the app container's).
        """
        super().__init__()
        self.service: ChatService | None = service
        self.chat: ChatSession | None = None
        self.turn: Turn | None = None
        self._open_id = chat_id
        self._discuss = discuss
        self.pending: list[PreparedAttachment] = []  # files for the next message
        self._stream_worker: Worker[None] | None = None
        self._search_timer: Timer | None = None
        self.read_only = False  # an archived conversation is shown

    # --- layout ------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="chat-body"):
            with Vertical(id="chat-sidebar"):
                yield Input(placeholder="Search chats", id="chat-search", compact=True)
                yield SessionList(id="chat-sessions")
            with Vertical(id="chat-main"):
                yield Static("", id="chat-heading")
                yield ConversationLog(id="chat-log")
                yield Static("", id="chat-status")
                yield ChatComposer(
                    id="chat-composer", placeholder="Message · Enter sends · ctrl+j new line"
                )
        yield KeyHints()

    def on_mount(self) -> None:
        self.query_one("#chat-composer", ChatComposer).focus()
        self.start()

    @property
    def user(self) -> PublicUser | None:
        user: PublicUser | None = getattr(self.app, "user", None)
        return user

    @property
    def log_view(self) -> ConversationLog:
        return self.query_one("#chat-log", ConversationLog)

    @property
    def sessions(self) -> SessionList:
        return self.query_one("#chat-sessions", SessionList)

    def say(self, text: str, *, severity: str = "information") -> None:
        self.notify(one_line(text, 300), severity=severity, markup=False)  # type: ignore[arg-type]

    def show_pending(self) -> None:
        """The files that go with the next message (they stay when another chat is opened)."""
        shown = "; ".join(a.summary() for a in self.pending)
        self.set_status(f"Attached: {shown}" if shown else "")

    def set_status(self, text: str) -> None:
        self.query_one("#chat-status", Static).update(Content(one_line(text, 300)))

    async def ready(self) -> tuple[ChatService, PublicUser] | None:
        if self.service is None:
            self.service = await chat_service(self.app)
        user = self.user
        if user is None:
            self.say("Sign in first.", severity="warning")
            return None
        return self.service, user

    # --- start-up and opening ------------------------------------------------------------
    @work(exclusive=True, exit_on_error=False, group="chat-load")
    async def start(self) -> None:
        ready = await self.ready()
        if ready is None:
            return
        service, user = ready
        try:
            if self._discuss is not None:
                seed = await service.discussion_seed(user.id, *self._discuss)
                chat, turn = await service.start_discussion(user.id, seed)
                await self.refresh_sessions(select=chat.id)
                await self.show_chat(chat)
                self.follow(turn)
                return
            page = await service.sessions(user.id)
        except ChatError as error:
            self.say(error.message, severity="error")
            return
        self.sessions.show(page.items, now=service.clock.now(), selected=self._open_id)
        target = self._open_id or (page.items[0].id if page.items else None)
        if target is None:
            self.show_empty()
            return
        await self.open_chat(target)

    def show_empty(self) -> None:
        self.chat = None
        self.query_one("#chat-heading", Static).update(
            Content("No conversation yet: type below to start one (ctrl+n picks the model).")
        )

    async def open_chat(self, chat_id: str) -> None:
        """Show a conversation, tail first; re-attach to a reply still being written.

        The list already holds the conversation, so it is painted from there at once and
        then checked against the store (and repainted only if it changed meanwhile).
        """
        ready = await self.ready()
        if ready is None:
            return
        service, user = ready
        self._unfollow()
        cached = self.sessions.chats.get(chat_id)
        if cached is not None:
            await self.show_chat(cached)
        try:
            chat = await service.get(chat_id, user_id=user.id)
        except ChatError as error:
            self.say(error.message, severity="error")
            return
        if cached is None or (chat.updated_at, chat.message_count) != (
            cached.updated_at, cached.message_count,
        ):  # fmt: skip
            await self.show_chat(chat)
        self.chat = chat
        running = service.active_turn(chat.id)
        if running is not None:
            self.follow(running, shown=running.text)

    async def show_chat(self, chat: ChatSession, *, read_only: bool = False) -> None:
        self.chat = chat
        self.read_only = read_only
        self.show_pending()
        await self.log_view.show(chat.messages)
        self.show_heading()

    def show_heading(self) -> None:
        if self.chat is not None:
            heading = chat_heading(self.chat)
            if self.read_only:  # first, where a narrow terminal does not cut it off
                heading = Content("Archived (read-only) · ") + heading
            self.query_one("#chat-heading", Static).update(heading)

    def writable(self) -> bool:
        """False (and the user told why) while an archived conversation is shown."""
        if self.read_only:
            self.say(READ_ONLY, severity="warning")
        return not self.read_only

    async def refresh_sessions(self, *, select: str | None = None) -> None:
        ready = await self.ready()
        if ready is None:
            return
        service, user = ready
        search = self.query_one("#chat-search", Input).value
        page = await service.sessions(user.id, search=search)
        self.sessions.show(page.items, now=service.clock.now(), selected=select)

    @on(OptionList.OptionSelected, "#chat-sessions")
    def _session_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id and (self.chat is None or event.option.id != self.chat.id):
            self.run_worker(
                self.open_chat(event.option.id), exclusive=True, group="chat-open",
                exit_on_error=False,
            )  # fmt: skip

    @on(Input.Changed, "#chat-search")
    def _search_changed(self) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(0.25, self._search_now)

    def _search_now(self) -> None:
        selected = self.chat.id if self.chat else None
        self.run_worker(
            self.refresh_sessions(select=selected), exclusive=True, group="chat-list",
            exit_on_error=False,
        )  # fmt: skip

    # --- sending and streaming -----------------------------------------------------------
    @on(ChatComposer.Submitted)
    def _submitted(self, event: ChatComposer.Submitted) -> None:
        if self.turn is not None and self.turn.running:
            self.say("A reply is still being written; press Esc to stop it.", severity="warning")
            return
        if not event.text.strip() and not self.pending:
            return
        if self.writable():
            self.send(event.text)

    @work(exclusive=True, exit_on_error=False, group="chat-send")
    async def send(self, text: str) -> None:
        ready = await self.ready()
        if ready is None:
            return
        service, user = ready
        try:
            if self.chat is None:
                await self.show_chat(await service.create(user.id))
                await self.refresh_sessions(select=self.chat.id if self.chat else None)
            assert self.chat is not None
            turn = await service.send(user.id, self.chat.id, text, list(self.pending))
        except ChatError as error:
            self.say(error.message, severity="error")
            return
        self.query_one("#chat-composer", ChatComposer).clear()
        self.pending.clear()
        self.show_pending()
        if turn.user_message is not None:
            await self.log_view.add(MessageView(turn.user_message))
        self.follow(turn)

    def follow(self, turn: Turn, *, shown: str = "") -> None:
        self._unfollow()
        self.turn = turn
        self._stream_worker = self.run_worker(
            self._follow(turn, shown), exclusive=True, group="chat-stream", exit_on_error=False
        )

    def _unfollow(self) -> None:
        """Stop watching a reply (it goes on and is stored; only the view stops following)."""
        if self._stream_worker is not None and self._stream_worker.is_running:
            self._stream_worker.cancel()
        self._stream_worker = None
        self.turn = None

    async def _follow(self, turn: Turn, shown: str) -> None:
        view = await self.log_view.add(MessageView(None, streaming=True))
        if shown:
            await view.write(shown)
        self.set_status("Writing… (Esc stops)")
        async for event in turn:
            if isinstance(event, Delta):
                await view.write(event.text)
            elif isinstance(event, Notice):
                self.say(event.text, severity="warning")
            elif isinstance(event, Finished):
                await view.finish(event.message, failed=event.error)
                self.show_pending()
                if event.error:
                    self.say(f"The reply was cut short: {event.error}", severity="error")
                elif event.stopped:
                    self.say("Stopped; what arrived is kept.")
                await self._reload_open(turn.chat_id)
            elif isinstance(event, Retitled):
                await self._reload_open(turn.chat_id)

    async def _reload_open(self, chat_id: str) -> None:
        """Fresh totals and title for the heading and the list after a change."""
        if self.service is None or self.user is None or self.chat is None:
            return
        if self.chat.id != chat_id:
            return
        try:
            self.chat = await self.service.get(chat_id, user_id=self.user.id)
        except ChatError:
            return
        self.show_heading()
        if chat_id in self.sessions.chats:
            self.sessions.replace(self.chat, now=self.service.clock.now())
        else:
            await self.refresh_sessions(select=chat_id)
