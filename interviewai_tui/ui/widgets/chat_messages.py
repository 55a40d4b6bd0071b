"""One message of a conversation (``MessageView``), and how a reply streams into it.

Message text is untrusted (the model's and the user's): it is cleaned of terminal control
sequences and rendered as Markdown with raw HTML off and links not followed (the screen
decides about links). Headings and metadata are ``Content``, never markup.

The pane that holds the messages is ``chat_log.ConversationLog``.
"""

from __future__ import annotations

import asyncio
import time
from datetime import datetime
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from interviewai_tui.chat.bookkeeping import partial_reason
from interviewai_tui.chat.export import format_cost
from interviewai_tui.domain.common import ChatRole
from interviewai_tui.ui.safe import clean
from interviewai_tui.ui.widgets.chat_render import (
    markdown_parser,
    render_markdown,
    render_tokens,
    split_at_line,
    top_level_blocks,
)
from interviewai_tui.ui.widgets.chat_stream import StreamCleaner

if TYPE_CHECKING:
    from markdown_it.token import Token
    from textual.timer import Timer

    from interviewai_tui.domain.chats import ChatMessage

__all__ = ["MessageView", "meta_line"]

PAINT_INTERVAL = 0.05  # seconds between repaints of a streaming reply
PAINT_SHARE = 4.0  # a repaint that took t seconds waits at least that many times t
LIVE_BLOCKS = 4  # top-level blocks the live body holds before older ones are sealed
KEEP_LIVE = 2  # blocks left live after sealing (the last may still grow; the one before
# it may still change, e.g. a paragraph turning into a heading under a "===" line)
CODE_LINES = 30  # lines of a growing code block before its older lines are sealed
KEEP_CODE = 8  # code lines left live after that


def _seal_point(source: str, tokens: list[Token]) -> tuple[int, str, str] | None:
    """Where to cut a streaming reply's tail, or None: (line, opening line the rest must
    start with, closing line the sealed part must end with).

    Normally at the start of the last ``KEEP_LIVE`` top-level blocks. A long code block is
    also cut between two of its lines (highlighting it again on every paint is the most
    expensive thing a reply can ask for): the sealed part is closed with the block's fence
    and the rest reopened with its opening line, so both parts render as code.
    """
    blocks = top_level_blocks(tokens)
    if len(blocks) > LIVE_BLOCKS:
        return blocks[-KEEP_LIVE].map[0], "", ""  # type: ignore[index]
    last = blocks[-1] if blocks else None
    if last is None or last.type != "fence" or last.map is None:
        return None
    first, end = last.map
    if end - first <= CODE_LINES:
        return None
    opening = split_at_line(source, first)[1].split("\n", 1)[0]
    return end - KEEP_CODE, opening + "\n", last.markup + "\n"


def meta_line(message: ChatMessage) -> str:
    """provider · model · tokens · cost · time · rating (the per-message details)."""
    parts = [p for p in (message.provider, message.model) if p]
    if message.tokens is not None:
        t = message.tokens
        parts.append(f"{t.input:,} in / {t.output:,} out / {t.total:,} tokens")
    elif message.role is ChatRole.ASSISTANT:
        parts.append("tokens not reported")
    if message.role is ChatRole.ASSISTANT:
        parts.append(format_cost(message.cost))
    if message.response_time is not None:
        parts.append(f"{message.response_time / 1000:.1f} s")
    for a in message.attachments:
        parts.append(f"{a.type.value}: {a.filename or 'file'} ({a.size or 0:,} B)")
    feedback = message.feedback
    if feedback is not None and feedback.rating is not None:
        helpful = {True: ", helpful", False: ", not helpful", None: ""}[feedback.helpful]
        parts.append(f"rated {'★' * feedback.rating}{'☆' * (5 - feedback.rating)}{helpful}")
    return " · ".join(parts)


async def render_markdown_async(source: str) -> Content:
    """``render_markdown``, in a thread for a long text (so keys are not kept waiting)."""
    if len(source) < 16_000:
        return render_markdown(source)
    return await asyncio.to_thread(render_markdown, source)


def _when(at: datetime) -> str:
    return at.strftime("%H:%M")


class MessageView(Vertical):
    """One message: who and when, the body, and the details line (hidden by CSS unless the
    log shows details).

    A finished message is one ``Static`` (see ``chat_render``). A reply being written is shown
    the same way, repainted at most every ``PAINT_INTERVAL`` seconds from the text so far:
    only its last few top-level blocks (the "tail") are parsed and rendered again each time;
    once the tail holds more than ``LIVE_BLOCKS`` blocks, all but the last ``KEEP_LIVE`` are
    sealed into a ``Static`` above it and never rendered again. So a frame costs the same at
    the end of a long reply as at its start, and no widget per block is ever built (Textual's
    Markdown widget mounts one per paragraph, which is where streaming time used to go).
    """

    can_focus = True

    def __init__(self, message: ChatMessage | None, *, streaming: bool = False) -> None:
        role = message.role if message is not None else ChatRole.ASSISTANT
        super().__init__(classes=f"chat-message -{role.value}")
        self.message = message
        self.role = role
        self.streaming = streaming or message is None
        self.shown_source = clean(message.content) if message is not None else ""
        self._sealed = ""  # text already in sealed bodies above the live one
        self._tail = ""  # text after that, shown (once painted) in the live body
        self._reopen = ""  # the opening line of a code block the tail continues, if cut
        self._painted = 0  # how much of the tail the live body shows
        self._painter: Timer | None = None
        self._next_paint = 0.0  # monotonic time before which no repaint starts
        self._cleaner = StreamCleaner()

    @property
    def message_id(self) -> str | None:
        return self.message.id if self.message is not None else None

    @property
    def rendered_length(self) -> int:
        """Characters of the reply on screen (sealed plus painted) while it streams."""
        return len(self._sealed) + self._painted

    def _heading(self) -> Content:
        who = "You" if self.role is ChatRole.USER else "Assistant"
        if self.message is None:
            return Content(f"{who} · writing…")
        text = f"{who} · {_when(self.message.timestamp)}"
        if partial_reason(self.message) is not None:
            text += " · incomplete"
        return Content(text)

    def compose(self) -> ComposeResult:
        yield Static(self._heading(), classes="chat-role")
        if self.streaming:
            yield Static("", classes="chat-body -live")
        else:
            yield Static(render_markdown(self.shown_source), classes="chat-body")
        meta = meta_line(self.message) if self.message is not None else ""
        yield Static(Content(clean(meta)), classes="chat-meta")

    @property
    def live(self) -> Static | None:
        """The body a reply streams into (None once it is finished)."""
        if not self.streaming:
            return None
        return next(self.query(".-live").results(Static), None)

    # --- streaming -------------------------------------------------------------------------
    async def write(self, raw: str) -> None:
        """Append raw reply text (cleaned here) while streaming; shown at the next paint."""
        text = self._cleaner.feed(raw)
        if not text or not self.streaming:
            return
        self.shown_source += text
        self._tail += text
        if self._painter is None:
            self._painter = self.set_interval(PAINT_INTERVAL, self._paint)
            self._paint()  # the first words show at once

    def _paint(self) -> None:
        """Render the tail into the live body, sealing older parts first when it is long."""
        live = self.live
        now = time.monotonic()
        if live is None or self._painted == len(self._tail) or now < self._next_paint:
            return
        parser = markdown_parser()
        combined = self._reopen + self._tail
        tokens = parser.parse(combined)
        cut = _seal_point(combined, tokens)
        if cut is not None:
            line, reopen, closing = cut
            done, rest = split_at_line(combined, line)
            classes = "chat-body -sealed" + (" -cut" if closing else "")
            self.mount(Static(render_markdown(done + closing), classes=classes), before=live)
            self._sealed += done[len(self._reopen) :]
            self._reopen, self._tail = reopen, rest
            tokens = parser.parse(reopen + rest)
        live.update(render_tokens(tokens))
        self._painted = len(self._tail)
        # A slow paint (a busy machine, a long table) spaces the next one out, so that keys
        # always get most of the time.
        self._next_paint = now + PAINT_SHARE * (time.monotonic() - now)

    def _stop_painting(self) -> None:
        if self._painter is not None:
            self._painter.stop()
            self._painter = None

    def on_unmount(self) -> None:
        self._stop_painting()

    async def finish(self, message: ChatMessage | None, *, failed: str | None = None) -> None:
        """The reply is over: show its stored text (with any incomplete marker) and details.

        What was sealed stays; the rest replaces the live body as one static body (text a fast
        provider sent ahead of the last paint is rendered once, here).
        """
        rest = self._cleaner.flush()
        self._stop_painting()
        self.streaming = False
        if message is None:
            self.query_one(".chat-role", Static).update(Content("Assistant · no reply"))
            final = self.shown_source + rest + f"\n\n*({failed or 'No reply arrived.'})*"
        else:
            self.set_message(message)
            final = clean(message.content)
        self.shown_source = final
        if final.startswith(self._sealed):
            await self.query(".-live").remove()
            final = self._reopen + final[len(self._sealed) :]
        else:
            await self.query(".chat-body").remove()
        body = await render_markdown_async(final)
        await self.mount(Static(body, classes="chat-body"), before=-1)

    def set_message(self, message: ChatMessage) -> None:
        """New metadata for the same message (after a rating, or at the end of a stream)."""
        self.message = message
        self.query_one(".chat-role", Static).update(self._heading())
        self.query_one(".chat-meta", Static).update(Content(clean(meta_line(message))))
