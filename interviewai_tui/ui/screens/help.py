"""F1 / ? help: the keys of the screen underneath, generated from its live bindings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.keys import format_key
from textual.screen import Screen
from textual.widgets import Static

from interviewai_tui.ui.screens.base import AppModal

if TYPE_CHECKING:
    from textual.binding import ActiveBinding

ANYWHERE = "Anywhere"
THIS_SCREEN = "This screen"
FOCUSED = "In the focused field"


@dataclass(frozen=True)
class KeyRow:
    section: str
    key: str
    description: str


def key_name(binding: Binding) -> str:
    """A key as people write it: ``ctrl+p``, ``f1``, ``?``."""
    if binding.key_display:
        return binding.key_display
    modifiers, key = binding.parse_key()
    return "+".join([*modifiers, format_key(key)])


def key_rows(screen: Screen[Any]) -> list[KeyRow]:
    """Every documented key active on ``screen``: app-wide, the screen's, the focused widget's."""
    active: dict[str, ActiveBinding] = screen.active_bindings
    grouped: dict[str, dict[str, KeyRow]] = {THIS_SCREEN: {}, FOCUSED: {}, ANYWHERE: {}}
    for active_binding in active.values():
        binding = active_binding.binding
        text = binding.tooltip or binding.description
        if binding.system or not text or not active_binding.enabled:
            continue
        node = active_binding.node
        section = ANYWHERE if isinstance(node, App) else THIS_SCREEN if node is screen else FOCUSED
        if section == FOCUSED and not binding.show:
            continue  # the editing keys of an input are standard; list only notable ones
        rows = grouped[section]
        # Several keys bound to one action (f1 and ?) are shown on one row.
        name = key_name(binding)
        if (earlier := rows.get(binding.action)) is not None:
            rows[binding.action] = KeyRow(section, f"{earlier.key}, {name}", earlier.description)
        else:
            rows[binding.action] = KeyRow(section, name, text)
    rows_in_order: list[KeyRow] = []
    for section in (THIS_SCREEN, FOCUSED, ANYWHERE):
        rows_in_order.extend(grouped[section].values())
    if screen.app.ENABLE_COMMAND_PALETTE and not any(
        "palette" in r.description for r in rows_in_order
    ):
        rows_in_order.append(KeyRow(ANYWHERE, App.COMMAND_PALETTE_BINDING, "Command palette"))
    return rows_in_order


class HelpScreen(AppModal[None]):
    """A modal listing keys; Esc, F1 or q closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q", "close", "Close help"),
    ]

    def __init__(self, title: str, rows: list[KeyRow]) -> None:
        super().__init__()
        self.help_title = title
        self.rows = rows

    @classmethod
    def for_screen(cls, screen: Screen[Any]) -> HelpScreen:
        """Help for ``screen`` (computed now, while it is the active screen)."""
        title = screen.sub_title or screen.title or type(screen).__name__
        return cls(str(title), key_rows(screen))

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="help-dialog"):
            yield Static(Content(f"Keys: {self.help_title}"), classes="dialog-title")
            with VerticalScroll(id="help-keys"):
                yield Static(self._table(), id="help-table")
            yield Static("Esc closes this help.", classes="muted")

    def _table(self) -> Content:
        width = max((len(row.key) for row in self.rows), default=4) + 2
        lines: list[Content] = []
        section = ""
        for row in self.rows:
            if row.section != section:
                section = row.section
                if lines:
                    lines.append(Content(""))
                lines.append(Content.styled(section, "bold"))
            lines.append(
                Content.assemble(("  " + row.key.ljust(width), "bold $accent"), row.description)
            )
        return Content("\n").join(lines)

    def action_close(self) -> None:
        self.dismiss(None)
