"""Shown instead of everything else when the store cannot be opened."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from interviewai_tui.ui.safe import safe_text
from interviewai_tui.ui.screens.base import AppScreen
from interviewai_tui.ui.widgets.chrome import KeyHints, TitleBar

HINT = (
    "Nothing was changed or deleted. Check INTERVIEWAI_DATABASE_URL and INTERVIEWAI_DATA_DIR "
    "(or --database-url / --data-dir), then press r to retry. "
    "`interviewai doctor` shows what the app sees."
)


class StoreErrorScreen(AppScreen[None]):
    """One clear message, a retry key and a quit key; never a traceback."""

    TITLE = "InterviewAI"
    SUB_TITLE = "Cannot start"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit_with_code", "Quit"),
        Binding("r", "retry", "Retry"),
    ]

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__()
        self.message = message
        self.exit_code = exit_code

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(classes="error-card"):
            yield Static("InterviewAI cannot open its data store", classes="error-title")
            yield Static(safe_text(self.message), id="error-message", classes="error-message")
            yield Static(HINT, classes="error-hint", markup=False)
        yield KeyHints()

    def action_quit_with_code(self) -> None:
        self.app.exit(self.exit_code, return_code=self.exit_code)

    async def action_retry(self) -> None:
        await self.iapp.retry_open()
