"""Light title and key-hint bars.

Textual's Header and Footer build a widget per part and per key (and the Footer recomposes on
every focus change); on the first screen that cost more than the rest of the form. These are
one widget each: the title bar shows the app and screen titles, the key hints show the keys
of the screen (and focused widget) whose bindings have ``show=True``, clickable like the
Footer's.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

_SAFE_KEY = re.compile(r"^[a-z0-9_+]+$")


class TitleBar(Static):
    """``InterviewAI — <screen>`` across the top."""

    DEFAULT_CSS: ClassVar[str] = """
    TitleBar {
        dock: top;
        width: 1fr;
        height: 1;
        background: $panel;
        color: $foreground;
        text-align: center;
        text-style: bold;
    }
    """

    def on_mount(self) -> None:
        screen = self.screen
        self._show()
        # A screen may retitle itself later (what it shows changed): follow it.
        self.watch(screen, "title", self._show, init=False)
        self.watch(screen, "sub_title", self._show, init=False)

    def _show(self, *_: object) -> None:
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub_title = screen.sub_title if screen.sub_title is not None else app.sub_title
        parts = [str(part) for part in (title, sub_title) if part]
        self.update(Content(" — ".join(parts)))


class KeyHints(Static):
    """The keys of the current screen along the bottom, like Textual's Footer."""

    DEFAULT_CSS: ClassVar[str] = """
    KeyHints {
        dock: bottom;
        width: 1fr;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.refresh_hints()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        if self.is_attached and screen is self.screen:
            self.refresh_hints()

    _shown: tuple[str, tuple[object, ...]] | None = None

    def refresh_hints(self) -> None:
        """Rebuild the hints from the screen's active bindings (a focus change asks for this
        often; the bar repaints only when what it shows changed, and never needs a layout:
        it is docked, one line, full width)."""
        hints = self.hints()
        shown = (hints.plain, tuple(hints.spans))  # Content's == compares the text only
        if shown != self._shown:
            self._shown = shown
            self.update(hints, layout=False)

    def hints(self) -> Content:
        """One line of ``key description`` pairs, the command palette last."""
        app = self.app
        parts: list[Content] = []
        seen: set[str] = set()
        palette: Content | None = None
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if binding.action == "command_palette" and app.ENABLE_COMMAND_PALETTE:
                palette = self._hint(binding.key, app.get_key_display(binding), "palette")
                continue
            if not binding.show or binding.action in seen or not binding.description:
                continue
            seen.add(binding.action)
            hint = self._hint(binding.key, app.get_key_display(binding), binding.description)
            parts.append(hint if active.enabled else hint.stylize("dim"))
        if palette is not None:
            parts.append(palette)
        return Content(" ").join(parts)

    @staticmethod
    def _hint(key: str, display: str, description: str) -> Content:
        label = Content.assemble((f" {display} ", "bold $footer-key-foreground"), f"{description} ")
        if _SAFE_KEY.match(key):  # our own binding keys; anything odd is simply not clickable
            label = label.stylize(f"@click=app.simulate_key('{key}')")
        return label
