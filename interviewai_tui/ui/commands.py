"""The command palette's provider: every action of the app, for the current user."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider


@dataclass(frozen=True)
class PaletteCommand:
    """One entry of the palette."""

    title: str
    help: str
    run: Callable[[], Awaitable[object] | object]


class CommandSource(Protocol):
    """The app lists its commands; the provider only matches and shows them."""

    def palette_commands(self) -> list[PaletteCommand]: ...


class AppCommands(Provider):
    """Lists sign in/out, themes, help, every area that exists, and quit."""

    def _commands(self) -> list[PaletteCommand]:
        return cast(CommandSource, self.app).palette_commands()

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(command.title, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = max(matcher.match(command.title), matcher.match(command.help) * 0.5)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(command.title),
                    command.run,
                    text=command.title,
                    help=command.help,
                )
