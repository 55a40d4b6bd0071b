"""The chat screen's reading side: choosing a message to rate or copy, rating a reply,
copying to the clipboard, opening an archived conversation (read-only), and links.
``ChatScreen`` adds the keys and the conversation-changing actions."""

from __future__ import annotations

from urllib.parse import urlsplit

from textual import work

from interviewai_tui.chat.errors import ChatError
from interviewai_tui.domain.common import ChatRole
from interviewai_tui.ui.screens.chat_core import ChatCore
from interviewai_tui.ui.screens.chat_dialogs import (
    ArchivedDialog,
    ConfirmDialog,
    RateDialog,
    Rating,
)
from interviewai_tui.ui.widgets.chat_messages import MessageView
from interviewai_tui.ui.widgets.chat_render import code_blocks

__all__ = ["ChatReading"]


class ChatReading(ChatCore):
    """What the chat screen does without changing a conversation (its keys are on
    ``ChatScreen``)."""

    @work(exclusive=True, exit_on_error=False, group="chat-open")
    async def action_archived(self) -> None:
        """Pick one of the user's archived conversations and show it, read-only."""
        ready = await self.ready()
        if ready is None:
            return
        service, user = ready
        chats = await service.archived.sessions(user.id)
        if not chats:
            self.say("None of your conversations is archived.")
            return
        chosen = await self.app.push_screen_wait(ArchivedDialog(chats, service.clock.now()))
        if not isinstance(chosen, str):
            return
        try:
            chat = await service.archived.get(chosen, user_id=user.id)
        except ChatError as error:
            self.say(error.message, severity="error")
            return
        self._unfollow()
        await self.show_chat(chat, read_only=True)

    # --- rating and copying ----------------------------------------------------------------
    def _target(self, *, replies_only: bool) -> MessageView | None:
        """The focused message, else the last finished reply."""
        focused = self.focused
        if (
            isinstance(focused, MessageView)
            and focused.message is not None
            and (not replies_only or focused.role is ChatRole.ASSISTANT)
        ):
            return focused
        replies = [v for v in self.log_view.views() if v.role is ChatRole.ASSISTANT]
        replies = [v for v in replies if v.message is not None]
        return replies[-1] if replies else None

    def action_copy(self, code: bool = False) -> None:
        """Copy the focused message (else the last reply), or its last code block, as
        Markdown source. The terminal gets it through OSC 52, which it may refuse."""
        view = self._target(replies_only=False)
        if view is None:
            self.say("There is no message to copy yet.", severity="warning")
            return
        text, what = view.shown_source, "the message"
        if code:
            blocks = code_blocks(text)
            if not blocks:
                self.say("That message has no code block.", severity="warning")
                return
            text, what = blocks[-1], "its last code block"
        self.app.copy_to_clipboard(text)
        self.say(
            f"Copied {what} ({len(text):,} characters). If nothing arrives, your terminal does"
            " not allow programs to write the clipboard (OSC 52)."
        )

    def action_rate(self) -> None:
        if not self.writable():
            return
        view = self._target(replies_only=True)
        if view is None or view.message is None:
            self.say("There is no reply to rate yet.", severity="warning")
            return

        def rated(result: object) -> None:
            if isinstance(result, Rating):
                self._rate(view, result)

        self.app.push_screen(RateDialog(view.message.feedback), rated)

    @work(exit_on_error=False, group="chat-edit")
    async def _rate(self, view: MessageView, rating: Rating) -> None:
        ready = await self.ready()
        if ready is None or self.chat is None or view.message_id is None:
            return
        service, user = ready
        try:
            chat = await service.rate(
                user.id, self.chat.id, view.message_id, rating=rating.rating,
                helpful=rating.helpful, comment=rating.comment,
            )  # fmt: skip
        except ChatError as error:
            self.say(error.message, severity="error")
            return
        self.chat = chat
        stored = next((m for m in chat.messages if m.id == view.message_id), None)
        if stored is not None:
            view.set_message(stored)
        self.show_heading()
        self.say(f"Thanks: rated {rating.rating} of 5.")

    # --- links -----------------------------------------------------------------------------
    def action_chat_link(self, href: str) -> None:
        """A link in a message was clicked: web links open after a yes, others never."""
        if urlsplit(href).scheme.lower() not in ("http", "https"):
            self.say(f"Only web links (http or https) are opened; not {href}", severity="warning")
            return

        def opened(ok: bool | None) -> None:
            if ok:
                self.app.open_url(href)

        self.app.push_screen(
            ConfirmDialog(f"Open this link in your browser?\n\n{href}", yes="Open"), opened
        )
