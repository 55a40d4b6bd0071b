"""History: the user's interviews in a table that loads page by page, with filters, title
search, sorting, resume, delete and CSV export."""

from __future__ import annotations

import asyncio
from contextlib import suppress
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Input, Select, Static
from textual.worker import Worker, WorkerCancelled, WorkerFailed, WorkerState

from interviewai_tui.analytics.errors import AnalyticsError
from interviewai_tui.analytics.history import ARCHIVED_READ_ONLY, HistoryFilter
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
FIRST_PAGE_WAIT = 0.05  # seconds the screen waits for its first page before it is drawn
_COLUMN_NAMES = {key: label for key, label, _ in COLUMNS}
_DESCENDING_FIRST = frozenset({"created_at", "score", "time_spent"})


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
        Binding("a", "archive", "Archive"),
        Binding("slash", "search", "Search"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, *, service: HistoryService | None = None) -> None:
        super().__init__()
        self._service = service
        self.filter = HistoryFilter()
        self._debounce: Timer | None = None
        self._timezone: str | None = None  # the user's, read on mount
        self._resumable = False  # what the key hints last showed for Resume

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            event.prevent_default()  # the base screen would report the same failure again
            report(self.app, event.worker.error)

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Input(placeholder="Search titles (/)  ·  f: filters", id="search")
        yield HistoryTable(timezone=self._timezone, id="history-table")
        yield Static("Loading…", id="history-status")
        yield KeyHints()

    async def on_mount(self) -> None:
        user = signed_in(self.app)
        self._timezone = user.preferences.timezone
        self.table.timezone = self._timezone
        worker = self.reload()
        # A local store answers in a few milliseconds: waiting that long lets the screen's first
        # frame show the rows (one layout, instead of an empty table then a relayout). A slow
        # store does not hold the screen back: it shows "Loading…" and the rows follow.
        with suppress(WorkerFailed, WorkerCancelled, TimeoutError):
            await asyncio.wait_for(asyncio.shield(worker.wait()), FIRST_PAGE_WAIT)

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
        self._follow_cursor()  # now, so the hints are drawn in the same frame as the rows
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
        table.show_sort(column, self.filter.descending)
        archived = self.filter.archived
        if not table.total:
            empty = "Nothing is archived." if archived else "No interviews yet."
            text = "No interviews match." if self._filtered() else empty
        else:
            text = f"Showing {len(table.loaded):,} of {table.total:,}"
            text = f"Archive (read-only): {text.lower()}" if archived else text
        self._status(f"{text} · sorted by {_COLUMN_NAMES[column].lower()} {order}")

    def _filtered(self) -> bool:
        plain = HistoryFilter(archived=self.filter.archived)
        return replace(self.filter, sort="created_at", descending=True) != plain

    def action_archive(self) -> None:
        """Switch between the live interviews and the archived ones (same filters and sort)."""
        archived = not self.filter.archived
        self.filter = replace(self.filter, archived=archived)
        self.sub_title = "History · archive" if archived else self.SUB_TITLE
        self.reload()

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#history-status", Static)
        status.update(Content(text), layout=False)  # one line, full width: size is fixed
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

    @on(HistoryTable.Highlighted)
    def _highlighted(self) -> None:
        self._follow_cursor()

    def _follow_cursor(self) -> None:
        # Only Resume depends on the row; redrawing the key hints for every cursor move (or
        # twice for the first page) costs a layout pass each.
        row = self.table.current
        resumable = row is not None and row.resumable
        if resumable != self._resumable:
            self._resumable = resumable
            self.refresh_bindings()

    @on(HistoryTable.Selected)
    def _selected(self, event: HistoryTable.Selected) -> None:
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
        if row is not None and row.archived:
            self.notify(ARCHIVED_READ_ONLY, severity="warning", markup=False)
        elif row is not None:
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
        self._sort_by(COLUMNS[self.table.cursor_column][0])

    @on(HistoryTable.HeaderSelected)
    def _header(self, event: HistoryTable.HeaderSelected) -> None:
        event.stop()
        self._sort_by(event.column_key)

    def _sort_by(self, column: str) -> None:
        key = SORTABLE[column]
        same = key == self.filter.sort
        # A new column starts where people look first: the newest, best, longest.
        descending = not self.filter.descending if same else key in _DESCENDING_FIRST
        self.filter = replace(self.filter, sort=key, descending=descending)
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
