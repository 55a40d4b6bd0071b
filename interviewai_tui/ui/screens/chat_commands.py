"""The chat screen's actions in the command palette (next to the app's own commands)."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

__all__ = ["ChatCommands"]

# (title, help, action name on the screen)
COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("Chat: new conversation", "Choose a provider and model (ctrl+n)", "new_chat"),
    ("Chat: stop the reply", "Keep what arrived (Esc)", "stop_or_back"),
    ("Chat: retry", "Write an incomplete reply again (ctrl+r)", "retry"),
    ("Chat: regenerate", "Write the last reply again (ctrl+g)", "regenerate"),
    (
        "Chat: show or hide details",
        "Provider, model, tokens, cost, time (ctrl+t)",
        "toggle_details",
    ),
    ("Chat: rate the reply", "1-5 stars, helpful, comment (F3)", "rate"),
    ("Chat: attach a file", "A text or code file up to 200 KB, or an image (F4)", "attach"),
    ("Chat: rename", "Give this conversation a title (F2)", "rename"),
    ("Chat: export", "Markdown or JSON (F6)", "export"),
    ("Chat: mark active or inactive", "Hide it from the active list (F7)", "toggle_active"),
    ("Chat: delete", "After a confirmation (F8)", "delete"),
    ("Chat: copy the message", "The focused message or the last reply, as Markdown (F5)", "copy"),
    ("Chat: copy the code", "The last code block of that message (F9)", "copy(True)"),
    ("Chat: archived conversations", "Read one the archive holds (ctrl+o)", "archived"),
    ("Chat: search conversations", "Titles and messages (ctrl+l)", "focus_search"),
    ("Chat: show earlier messages", "Load older messages of a long chat (ctrl+e)", "show_earlier"),
)


class ChatCommands(Provider):
    async def _run(self, action: str) -> None:
        await self.screen.run_action(action)

    async def discover(self) -> Hits:
        for title, text, action in COMMANDS:
            yield DiscoveryHit(title, partial(self._run, action), help=text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, text, action in COMMANDS:
            score = max(matcher.match(title), matcher.match(text) * 0.5)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self._run, action), help=text)
