"""The conversation pane: one ``MessageView`` per message, newest at the bottom, tail first.

A long conversation paints what fills the view first and the rest of its last ``TAIL``
messages right after; older ones are mounted in pages above when asked for, so opening a
2,000-message chat costs about the same as opening a short one.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button

from interviewai_tui.domain.common import ChatRole
from interviewai_tui.ui.widgets.chat_messages import MessageView

if TYPE_CHECKING:
    from interviewai_tui.domain.chats import ChatMessage

__all__ = ["PAGE", "TAIL", "ConversationLog"]

TAIL = 12
PAGE = 40


class ConversationLog(VerticalScroll):
    """The messages of one conversation: first what fills the view, then (after that first
    paint, a few at a time) up to ``TAIL``; older ones a page at a time on request."""

    @dataclass
    class EarlierShown(Message):
        count: int

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, can_focus=False)
        self._pending: list[ChatMessage] = []  # older messages not mounted yet, oldest first
        self._backfill = 0  # how many of them to mount on their own after the first paint
        self._generation = 0

    @property
    def hidden_count(self) -> int:
        return len(self._pending)

    def _fill_count(self, visible: list[ChatMessage]) -> int:
        """How many of the newest messages it takes to fill the view (roughly, by lines)."""
        height = max(self.size.height, 10)
        width = max(self.size.width - 4, 20)
        lines = count = 0
        for message in reversed(visible):
            count += 1
            lines += 2 + sum(-(-len(line) // width) or 1 for line in message.content.split("\n"))
            if lines >= height or count >= TAIL:
                break
        return max(count, 1)

    async def show(self, messages: list[ChatMessage]) -> None:
        """Replace the log with ``messages`` (system notes are not shown), tail first."""
        self._generation += 1
        self.workers.cancel_group(self, "chat-backfill")
        visible = [m for m in messages if m.role is not ChatRole.SYSTEM]
        first = self._fill_count(visible) if visible else 0
        self._pending = visible[: len(visible) - first]
        self._backfill = min(TAIL - first, len(self._pending))
        await self.remove_children()
        widgets: list[Vertical | Button] = []
        if self._pending:
            widgets.append(self._earlier_button())
        widgets.extend(MessageView(m) for m in visible[len(visible) - first :])
        if widgets:
            await self.mount_all(widgets)
        self.scroll_end(animate=False, immediate=True)
        self.anchor()
        if self._backfill:
            generation = self._generation
            self.call_after_refresh(
                lambda: self.run_worker(
                    self._fill_tail(generation),
                    exclusive=True,
                    group="chat-backfill",
                    exit_on_error=False,
                )
            )

    async def _fill_tail(self, generation: int) -> None:
        while self._backfill > 0 and self._pending and generation == self._generation:
            step = min(2, self._backfill)
            self._backfill -= step
            if not await self._mount_older(step):
                return
            await asyncio.sleep(0)  # keys and paints go first

    def _earlier_button(self) -> Button:
        label = f"Show earlier messages ({len(self._pending):,} more)"
        return Button(label, id="chat-earlier", classes="chat-earlier", compact=True)

    async def _mount_older(self, count: int) -> int:
        buttons = self.query("#chat-earlier").results(Button)
        button = next(buttons, None)
        if button is None:  # the log was replaced meanwhile
            return 0
        page, self._pending = self._pending[-count:], self._pending[:-count]
        await self.mount_all([MessageView(m) for m in page], after=button)
        if self._pending:
            button.label = f"Show earlier messages ({len(self._pending):,} more)"
        else:
            await button.remove()
        return len(page)

    async def show_earlier(self) -> int:
        """Mount the next page of older messages above; returns how many were added."""
        if not self._pending:
            return 0
        self._backfill = 0
        added = await self._mount_older(PAGE)
        self.post_message(self.EarlierShown(added))
        return added

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "chat-earlier":
            event.stop()
            self.run_worker(
                self.show_earlier(), exclusive=True, group="chat-earlier", exit_on_error=False
            )

    async def add(self, view: MessageView) -> MessageView:
        """Append a message at the bottom and keep following the end."""
        await self.mount(view)
        self.anchor()
        return view

    def views(self) -> list[MessageView]:
        return list(self.query(MessageView))
