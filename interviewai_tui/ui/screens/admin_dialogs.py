"""Dialogs of the admin console: confirm an action, ask for a file path, show the audit trail."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Input, Static

from interviewai_tui.ui.safe import safe_text
from interviewai_tui.ui.screens.base import AppModal
from interviewai_tui.ui.widgets.admin_tables import cell

if TYPE_CHECKING:
    from interviewai_tui.admin.users import TrailRow

__all__ = ["ConfirmDialog", "PathDialog", "TrailDialog"]


class ConfirmDialog(AppModal[bool]):
    """Yes or no; Enter on the focused button, y/n, or Esc for no."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,n", "answer(False)", "No"),
        Binding("y", "answer(True)", "Yes"),
    ]
    AUTO_FOCUS = "#confirm-no"

    def __init__(self, question: str, *, yes: str = "Yes") -> None:
        super().__init__()
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="admin-confirm"):
            yield Static("Please confirm", classes="dialog-title")
            yield Static(safe_text(self.question), classes="dialog-text", id="confirm-question")
            with Horizontal(classes="dialog-actions"):
                yield Button(self.yes, id="confirm-yes", variant="warning")
                yield Button("Cancel", id="confirm-no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class PathDialog(AppModal[str | None]):
    """A file path for import or export; Esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    AUTO_FOCUS = "#path"

    def __init__(self, title: str, hint: str, *, value: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.hint = hint
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="admin-path"):
            yield Static(self.title_text, classes="dialog-title")
            yield Static(self.hint, classes="dialog-text muted")
            yield Input(self.value, placeholder="path/to/questions.json", id="path")
            with Horizontal(classes="dialog-actions"):
                yield Button("OK", id="path-ok", variant="primary")
                yield Button("Cancel", id="path-cancel")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._done()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "path-ok":
            self._done()
        else:
            self.dismiss(None)

    def _done(self) -> None:
        path = self.query_one("#path", Input).value.strip()
        self.dismiss(path or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TrailDialog(AppModal[None]):
    """Who did what to whom, and when, newest first."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q", "close", "Close")]
    AUTO_FOCUS = "#trail"

    def __init__(self, title: str, rows: list[TrailRow]) -> None:
        super().__init__()
        self.title_text = title
        self.rows = rows

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="admin-trail"):
            yield Static(safe_text(self.title_text), classes="dialog-title")
            yield DataTable(id="trail", cursor_type="row", zebra_stripes=True)
            yield Static("Esc closes.", classes="muted")

    def on_mount(self) -> None:
        table = self.query_one("#trail", DataTable)
        table.add_columns("When (UTC)", "Who", "What", "On", "Details")
        for row in self.rows:
            e = row.entry
            details = ", ".join(f"{k}={v}" for k, v in sorted(e.details.items()))
            table.add_row(
                cell(f"{e.timestamp:%Y-%m-%d %H:%M}"),
                cell(row.actor, 30),
                cell(e.action),
                cell(row.target, 30),
                cell(details, 60),
                key=e.id,
            )
        if not self.rows:
            table.add_row(cell("No recorded actions."), "", "", "", "")

    def action_close(self) -> None:
        self.dismiss(None)
