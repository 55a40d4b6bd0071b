"""The list of conversations: title (or "New chat"), then when and how many messages; an
inactive one is marked. Titles are untrusted text: cleaned and shown as ``Content``."""

from __future__ import annotations

from datetime import datetime

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from interviewai_tui.chat.export import format_cost
from interviewai_tui.domain.chats import ChatSession
from interviewai_tui.domain.common import ChatRole
from interviewai_tui.ui.safe import one_line

__all__ = ["SessionList", "chat_heading", "session_label"]


def _when(at: datetime | None, now: datetime) -> str:
    if at is None:
        return "empty"
    if at.date() == now.date():
        return at.strftime("%H:%M")
    if at.year == now.year:
        return at.strftime("%d %b")
    return at.strftime("%Y-%m-%d")


def session_label(chat: ChatSession, now: datetime) -> Content:
    title = one_line(chat.title, 60) or "New chat"
    detail = f"{_when(chat.last_message_at, now)} · {chat.message_count} msg"
    if not chat.is_active:
        detail += " · inactive"
    return Content.assemble((title, "bold" if chat.is_active else "dim"), "\n", (detail, "dim"))


def chat_heading(chat: ChatSession) -> Content:
    """Title · provider model · messages · tokens · cost (· rating · inactive), one line."""
    model = next((m.model for m in chat.messages if m.role is ChatRole.SYSTEM), None)
    a = chat.analytics
    parts = [
        one_line(chat.title, 60) or "New chat",
        f"{chat.provider or 'offline'} {model or ''}".strip(),
        f"{chat.message_count} msg",
        f"{a.total_tokens:,} tokens",
        format_cost(a.total_cost),
    ]
    if a.user_satisfaction is not None:
        parts.append(f"★ {a.user_satisfaction:.1f}")
    if not chat.is_active:
        parts.append("inactive")
    return Content(" · ".join(parts))


class SessionList(OptionList):
    """Conversations, most recent first; the option id is the chat id."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.chats: dict[str, ChatSession] = {}

    def show(self, chats: list[ChatSession], *, now: datetime, selected: str | None) -> None:
        self.chats = {c.id: c for c in chats}
        self.clear_options()
        self.add_options([Option(session_label(c, now), id=c.id) for c in chats])
        if selected is not None and selected in self.chats:
            self.highlighted = self.get_option_index(selected)

    def replace(self, chat: ChatSession, *, now: datetime) -> None:
        """Show new data for one conversation (renamed, retitled, deactivated)."""
        if chat.id in self.chats:
            self.chats[chat.id] = chat
            self.replace_option_prompt(chat.id, session_label(chat, now))

    @property
    def highlighted_id(self) -> str | None:
        if self.highlighted is None:
            return None
        return self.get_option_at_index(self.highlighted).id
