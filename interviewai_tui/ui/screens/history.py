"""History: the user's interviews in a table that loads page by page, with filters, title
search, sorting, resume, delete and CSV export."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.timer import Timer
from textual.widgets import DataTable, Input, Select, Static
from textual.worker import Worker, WorkerState

from interviewai_tui.analytics.errors import AnalyticsError
from interviewai_tui.analytics.history import HistoryFilter
from interviewai_tui.ui.safe import one_line
from interviewai_tui.ui.screens.base import AppScreen
from interviewai_tui.ui.widgets.chrome import KeyHints, TitleBar
from interviewai_tui.ui.widgets.history_filters import FilterPanel
from interviewai_tui.ui.widgets.history_parts import (
    export_folder,
    history_service,
    report,
    signed_in,
)
from interviewai_tui.ui.widgets.history_table import COLUMNS, SORTABLE, HistoryTable

if TYPE_CHECKING:
    from interviewai_tui.analytics.history import HistoryService

PAGE = 50
FILTER_DELAY = 0.3  # seconds of quiet typing before the table reloads
_COLUMN_NAMES = {key: label for key, label, _ in COLUMNS}


class HistoryScreen(AppScreen[None]):
    TITLE = "InterviewAI"
    SUB_TITLE = "History"
    AUTO_FOCUS = "#history-table"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", show=False),
        Binding("r", "resume", "Resume"),
        Binding("d,delete", "delete", "Delete"),
        Binding("s", "sort", "Sort"),
        Binding("x", "export", "CSV"),
        Binding("p", "progress", "Progress"),
        Binding("f", "filters", "Filters"),
        Binding("slash", "search", "Search"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, *, service: HistoryService | None = None) -> None:
        super().__init__()
        self._service = service
        self.filter = HistoryFilter()
        self._debounce: Timer | None = None
        self._timezone: str | None = None  # the user's, read on mount

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            report(self.app, event.worker.error)

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="history-search-row"):
            yield Input(placeholder="Search titles (/)  ·  f: filters", id="search")
        yield HistoryTable(timezone=self._timezone, id="history-table")
        yield Static("Loading…", id="history-status")
        yield KeyHints()

    async def on_mount(self) -> None:
        user = signed_in(self.app)
        self._timezone = user.preferences.timezone
        self.table.timezone = self._timezone
        self.reload()

    @property
    def table(self) -> HistoryTable:
        return self.query_one(HistoryTable)

    async def service(self) -> HistoryService:
        if self._service is None:
            self._service = await history_service(self.app)
        return self._service

    # --- loading ------------------------------------------------------------------------------

    @work(exclusive=True, exit_on_error=False, group="history-page")
    async def reload(self) -> None:
        """Fetch the first page for the current filter and replace the rows."""
        table = self.table
        table.fetching = True
        try:
            service = await self.service()
            user = signed_in(self.app)
            page = await service.page(
                user.id, self.filter, timezone=self._timezone, offset=0, limit=PAGE
            )
        except AnalyticsError as error:
            self._status(error.message, error=True)
            return
        finally:
            table.fetching = False
        table.reset(page.items, page.total)
        self._show_count()

    @on(HistoryTable.NeedMore)
    def _need_more(self) -> None:
        self.load_more()

    @work(exclusive=True, exit_on_error=False, group="history-more")
    async def load_more(self) -> None:
        table = self.table
        if table.fetching or not table.has_more:
            return
        table.fetching = True
        try:
            service = await self.service()
            user = signed_in(self.app)
            page = await service.page(
                user.id, self.filter, timezone=self._timezone, offset=len(table.loaded), limit=PAGE
            )
        finally:
            table.fetching = False
        table.total = page.total
        table.append(page.items)
        self._show_count()

    @work(exit_on_error=False, group="history-choices")
    async def load_choices(self, panel: FilterPanel) -> None:
        service = await self.service()
        panel.set_choices(await service.role_choices(), await service.tech_choices())

    def _show_count(self) -> None:
        table = self.table
        order = "↓" if self.filter.descending else "↑"
        column = next(k for k, v in SORTABLE.items() if v == self.filter.sort)
        if not table.total:
            text = "No interviews match." if self._filtered() else "No interviews yet."
        else:
            text = f"Showing {len(table.loaded):,} of {table.total:,}"
        self._status(f"{text} · sorted by {_COLUMN_NAMES[column].lower()} {order}")

    def _filtered(self) -> bool:
        return replace(self.filter, sort="created_at", descending=True) != HistoryFilter()

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#history-status", Static)
        status.update(Content(text))
        status.set_class(error, "-error")

    # --- filters ------------------------------------------------------------------------------

    @on(Input.Changed)
    @on(Select.Changed)
    def _filters_changed(self) -> None:
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(FILTER_DELAY, self.apply_filters)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.apply_filters()
        self.table.focus()

    def apply_filters(self) -> None:
        panels = self.query(FilterPanel)
        try:
            fields = panels.first().values() if panels else {}
        except AnalyticsError as error:
            self._status(error.message, error=True)
            return
        search = self.query_one("#search", Input).value.strip() or None
        updated = replace(self.filter, search=search, **fields)
        if updated != self.filter:
            self.filter = updated
            self.reload()

    async def action_filters(self) -> None:
        panels = self.query(FilterPanel)
        if not panels:
            panel = FilterPanel(id="history-filters")
            await self.mount(panel, before=self.table)
            self.load_choices(panel)
            panel.query_one("#status", Select).focus()
            return
        panel = panels.first()
        panel.display = not panel.display
        if panel.display:
            panel.query_one("#status", Select).focus()
        else:
            self.table.focus()

    # --- actions ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resume":
            row = self.table.current if self.is_mounted else None
            return row is not None and row.resumable
        return True

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self.refresh_bindings()

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        from interviewai_tui.ui.screens.interview_detail import InterviewDetailScreen

        row = self.table.current
        if row is not None:
            self.app.push_screen(
                InterviewDetailScreen(row.id, history=self._service), self._after_detail
            )

    def _after_detail(self, _: object) -> None:
        self.reload()  # a retake, resume or delete there changes what this page shows

    def action_resume(self) -> None:
        row = self.table.current
        if row is None or not row.resumable:
            return
        self.resume(row.id)

    @work(exclusive=True, exit_on_error=False, group="history-resume")
    async def resume(self, interview_id: str) -> None:
        from interviewai_tui.ui.screens.interview_session import InterviewSessionScreen
        from interviewai_tui.ui.widgets.interview_parts import interview_service

        service = await interview_service(self.app)
        screen = InterviewSessionScreen(interview_id, resume=True, service=service)
        await self.app.push_screen(screen, self._after_detail)

    def action_delete(self) -> None:
        row = self.table.current
        if row is not None:
            self.confirm_delete(row.id, row.title)

    @work(exclusive=True, exit_on_error=False, group="history-delete")
    async def confirm_delete(self, interview_id: str, title: str) -> None:
        from interviewai_tui.ui.widgets.interview_parts import ConfirmDialog

        question = f"Delete “{one_line(title, 60)}” and its answers? This cannot be undone."
        if not await self.app.push_screen_wait(ConfirmDialog(question, yes="Delete")):
            return
        service = await self.service()
        try:
            await service.delete(signed_in(self.app).id, interview_id)
        except AnalyticsError as error:
            self.notify(error.message, severity="error", markup=False)
            return
        self.table.drop(interview_id)
        self._show_count()
        self.notify("Interview deleted.", markup=False)

    def action_sort(self) -> None:
        column = COLUMNS[self.table.cursor_column][0] if self.table.cursor_column >= 0 else "date"
        self._sort_by(column)

    @on(DataTable.HeaderSelected)
    def _header(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        self._sort_by(str(event.column_key.value))

    def _sort_by(self, column: str) -> None:
        key = SORTABLE.get(column)
        if key is None:
            names = ", ".join(_COLUMN_NAMES[k].lower() for k in SORTABLE)
            self.notify(f"The history can be sorted by {names}.", markup=False)
            return
        same = key == self.filter.sort
        descending = not self.filter.descending if same else key in ("created_at", "score")
        self.filter = replace(self.filter, sort=key, descending=descending)  # type: ignore[arg-type]
        self.reload()

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_back(self) -> None:
        if self.focused is not None and self.focused is not self.table:
            self.table.focus()  # first Escape leaves the filters, the second leaves the screen
        else:
            self.dismiss(None)

    def action_progress(self) -> None:
        from interviewai_tui.ui.screens.progress import ProgressScreen

        self.app.push_screen(ProgressScreen())

    @work(exclusive=True, exit_on_error=False, group="history-export")
    async def action_export(self) -> None:
        service = await self.service()
        user = signed_in(self.app)
        folder = await export_folder(self.app)
        path = folder / "interview-history.csv"
        try:
            count = await service.export_csv(user.id, self.filter, path, timezone=self._timezone)
        except AnalyticsError as error:
            report(self.app, error)
            return
        self.notify(f"Exported {count:,} interviews to {path}.", markup=False, timeout=8)
