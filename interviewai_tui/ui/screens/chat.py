"""The chat screen (issue 6): conversations on the left, the open one on the right.

Keys: Enter sends (shift+enter, ctrl+j or alt+enter for a new line), Esc stops a reply (what
arrived is kept) or goes back, ctrl+r retries an incomplete reply, ctrl+g writes the last
reply again, ctrl+t shows each message's details, F3 rates a reply, F4 attaches a file, F2
renames, F6 exports, F7 marks active/inactive, F8 deletes, F5 copies the focused message (or
the last reply) and F9 its last code block, ctrl+o opens an archived conversation (read-only).
Every action is in the palette too. Reading, rating, copying and links are in ``chat_reading``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from textual import work
from textual.binding import Binding, BindingType
from textual.widgets import Input

from interviewai_tui.chat.bookkeeping import chosen_model
from interviewai_tui.chat.errors import ChatError
from interviewai_tui.domain.common import ChatRole
from interviewai_tui.ui.safe import one_line
from interviewai_tui.ui.screens.chat_commands import ChatCommands
from interviewai_tui.ui.screens.chat_dialogs import (
    ConfirmDialog,
    NewChatDialog,
    PromptDialog,
)
from interviewai_tui.ui.screens.chat_reading import ChatReading

__all__ = ["ChatScreen"]


class ChatScreen(ChatReading):
    COMMANDS: ClassVar[set[Any]] = {ChatCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "stop_or_back", "Stop/Back"),
        Binding("ctrl+n", "new_chat", "New", priority=True),
        Binding("ctrl+r", "retry", "Retry", priority=True),
        Binding("ctrl+g", "regenerate", "Regen", priority=True),
        Binding("ctrl+t", "toggle_details", "Details", priority=True),
        Binding("f3", "rate", "Rate"),
        Binding("f4", "attach", "Attach"),
        Binding("f2", "rename", "Rename"),
        Binding("f6", "export", "Export"),
        Binding("f7", "toggle_active", "Active on/off"),
        Binding("f8", "delete", "Delete"),
        Binding("f5", "copy", "Copy"),
        Binding("f9", "copy(True)", "Copy code", show=False),
        Binding("ctrl+o", "archived", "Archived", show=False, priority=True),
        Binding("ctrl+l", "focus_search", "Search chats", show=False),
        Binding("ctrl+e", "show_earlier", "Earlier messages", show=False, priority=True),
    ]

    # --- replies ---------------------------------------------------------------------------
    def action_stop_or_back(self) -> None:
        if self.turn is not None and self.turn.stop():
            return
        self.app.pop_screen()

    def action_retry(self) -> None:
        if not self.writable():
            return
        self._again(retry=True)

    def action_regenerate(self) -> None:
        if not self.writable():
            return
        self._again(retry=False)

    @work(exclusive=True, exit_on_error=False, group="chat-send")
    async def _again(self, *, retry: bool) -> None:
        ready = await self.ready()
        if ready is None or self.chat is None:
            return
        service, user = ready
        try:
            turn = await service.regenerate(user.id, self.chat.id, retry=retry)
        except ChatError as error:
            self.say(error.message, severity="warning")
            return
        views = self.log_view.views()
        while views and views[-1].role is not ChatRole.USER:  # the replaced reply goes
            await views.pop().remove()
        self.follow(turn)

    def action_toggle_details(self) -> None:
        self.log_view.toggle_class("-details")

    async def action_show_earlier(self) -> None:
        if not await self.log_view.show_earlier():
            self.say("This is the start of the conversation.")

    def action_focus_search(self) -> None:
        self.query_one("#chat-search", Input).focus()

    # --- conversations ---------------------------------------------------------------------
    def action_new_chat(self) -> None:
        if self.service is None:
            return
        choices = self.service.providers()
        default = self.service.default_provider().name

        def chosen(result: object) -> None:
            if isinstance(result, tuple):
                self._create(*result)

        self.app.push_screen(NewChatDialog(choices, default), chosen)

    @work(exclusive=True, exit_on_error=False, group="chat-open")
    async def _create(self, provider: str, model: str) -> None:
        ready = await self.ready()
        if ready is None:
            return
        service, user = ready
        try:
            chat = await service.create(user.id, provider=provider, model=model or None)
        except ChatError as error:
            self.say(error.message, severity="error")
            return
        self._unfollow()
        await self.show_chat(chat)
        await self.refresh_sessions(select=chat.id)
        self.query_one("#chat-composer").focus()

    def _prompt(self, dialog: PromptDialog, then: Any) -> None:
        def done(result: object) -> None:
            if isinstance(result, str):
                self.run_worker(then(result), exit_on_error=False, group="chat-edit")

        self.app.push_screen(dialog, done)

    def action_rename(self) -> None:
        if not self.writable():
            return
        if self.chat is not None:
            current = one_line(self.chat.title, 100)
            title = PromptDialog("Rename chat", "Title", value=current, ok="Rename")
            self._prompt(title, self._rename)

    async def _rename(self, title: str) -> None:
        await self._edit(lambda s, u, c: s.rename(u, c, title), "Renamed.")

    def action_toggle_active(self) -> None:
        if not self.writable():
            return
        if self.chat is not None:
            active = not self.chat.is_active
            note = "Marked active." if active else "Marked inactive."
            self.run_worker(
                self._edit(lambda s, u, c: s.set_active(u, c, active), note),
                exit_on_error=False,
                group="chat-edit",
            )

    async def _edit(self, change: Any, done: str) -> None:
        ready = await self.ready()
        if ready is None or self.chat is None:
            return
        service, user = ready
        try:
            self.chat = await change(service, user.id, self.chat.id)
        except ChatError as error:
            self.say(error.message, severity="error")
            return
        assert self.chat is not None
        self.sessions.replace(self.chat, now=service.clock.now())
        self.show_heading()
        self.say(done)

    def action_delete(self) -> None:
        if not self.writable():
            return
        chat = self.chat
        if chat is None:
            return
        title = one_line(chat.title, 60) or "this chat"
        question = f'Delete "{title}" and its {chat.message_count} messages? This cannot be undone.'

        def answered(ok: bool | None) -> None:
            if ok:
                self.run_worker(self._delete(chat.id), exit_on_error=False, group="chat-edit")

        self.app.push_screen(ConfirmDialog(question, yes="Delete"), answered)

    async def _delete(self, chat_id: str) -> None:
        ready = await self.ready()
        if ready is None:
            return
        service, user = ready
        try:
            await service.delete(user.id, chat_id)
        except ChatError as error:
            self.say(error.message, severity="error")
            return
        self._unfollow()
        await self.refresh_sessions()
        first = next(iter(self.sessions.chats), None)
        if first is not None:
            await self.open_chat(first)
        else:
            await self.log_view.show([])
            self.show_empty()
        self.say("Deleted.")

    # --- files -----------------------------------------------------------------------------
    def action_attach(self) -> None:
        if not self.writable():
            return
        shown = "; ".join(a.summary() for a in self.pending)
        note = f"Attached now: {shown}. Leave the path empty to remove them." if shown else ""
        dialog = PromptDialog(
            "Attach a file",
            "Path of a text or code file (up to 200 KB) or an image (PNG/JPEG/GIF/WebP, 5 MB)",
            placeholder="~/notes/answer.py", ok="Attach", note=note,
        )  # fmt: skip
        self._prompt(dialog, self._attach_file)

    async def _attach_file(self, path: str) -> None:
        if not path:
            self.pending.clear()
            self.show_pending()
            return
        ready = await self.ready()
        if ready is None:
            return
        service, _ = ready
        provider = (self.chat.provider if self.chat else None) or service.default_provider().name
        model = chosen_model(self.chat) if self.chat else None
        try:
            prepared = await service.attach(path, provider=provider, model=model)
        except ChatError as error:
            self.say(error.message, severity="error")
            return
        self.pending.append(prepared)
        self.show_pending()

    def action_export(self) -> None:
        if self.chat is not None:
            default = str(Path("~") / f"interviewai-chat-{self.chat.id[-8:]}.md")
            dialog = PromptDialog(
                "Export chat", "File (.md for Markdown, .json for JSON)", value=default,
                ok="Export",
            )  # fmt: skip
            self._prompt(dialog, self._export)

    async def _export(self, path: str) -> None:
        ready = await self.ready()
        if ready is None or self.chat is None or not path:
            return
        service, user = ready
        try:
            written = await service.export(self.chat.id, path, user_id=user.id)
        except ChatError as error:
            self.say(error.message, severity="error")
            return
        self.say(f"Exported to {written}.")
