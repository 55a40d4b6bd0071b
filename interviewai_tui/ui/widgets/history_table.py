"""The history table: one row per interview, filled a page at a time.

The screen loads the first page; whenever the cursor or the scroll position comes within
``MARGIN`` rows of the last loaded row and more exist, the table posts ``NeedMore`` and the
screen appends the next page. Thousands of interviews therefore cost one page per screenful
scrolled, never one big read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

from interviewai_tui.analytics.history import HistoryRow
from interviewai_tui.domain.common import InterviewStatus
from interviewai_tui.ui.safe import one_line
from interviewai_tui.ui.widgets.history_parts import local_time, minutes_text

__all__ = ["COLUMNS", "SORTABLE", "HistoryTable"]

MARGIN = 15

#: (column key, header, width). Fixed widths, so adding a page never measures every cell;
#: the order puts what matters most within 80 columns (the rest scrolls into view).
COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("date", "Date", 10),
    ("title", "Title", 24),
    ("score", "Score", 5),
    ("status", "Status", 11),
    ("time", "Time", 7),
    ("difficulty", "Level", 6),
    ("role", "Role", 18),
    ("stack", "Stack", 18),
)
#: column key → the store's sort key (the store sorts by these only)
SORTABLE: dict[str, str] = {
    "date": "created_at",
    "title": "title",
    "status": "status",
    "score": "score",
}
_STATUS_STYLE = {
    InterviewStatus.COMPLETED: "green",
    InterviewStatus.IN_PROGRESS: "bold yellow",
    InterviewStatus.PENDING: "",
    InterviewStatus.CANCELLED: "dim",
}


def _text(value: str, limit: int, style: str = "") -> Text:
    # Untrusted text: cleaned of control sequences and given as Text, which DataTable never
    # parses as markup (a plain str cell would be).
    return Text(one_line(value, limit), style=style, no_wrap=True)


def row_cells(row: HistoryRow, timezone: str | None) -> list[Text]:
    """The cells of one row, in the order of ``COLUMNS``."""
    if row.time_spent is not None:
        spent = Text(minutes_text(row.time_spent), justify="right")
    else:
        spent = Text(f"{row.planned // 60}m", style="dim", justify="right")
    return [
        Text(local_time(row.created_at, timezone, "%Y-%m-%d")),
        _text(row.title, 24),
        Text("—" if row.score is None else str(row.score), justify="right"),
        Text(row.status.value.replace("_", " "), style=_STATUS_STYLE[row.status]),
        spent,
        Text(row.difficulty.value),
        _text(row.job_role or "—", 18),
        _text(", ".join(row.tech_stack) or "—", 18),
    ]


class HistoryTable(DataTable[Any]):
    """Interviews, newest first by default; Enter opens one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("home", "scroll_top", "Top", show=False),
        Binding("end", "scroll_bottom", "Bottom", show=False),
    ]

    @dataclass
    class NeedMore(Message):
        """More rows exist and the user is close to the end of those loaded."""

        table: HistoryTable

    def __init__(self, *, timezone: str | None, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.timezone = timezone
        self.loaded: list[HistoryRow] = []
        self.total = 0
        self.fetching = False
        self._adding = False
        self._asked_at = -1

    def on_mount(self) -> None:
        for key, label, width in COLUMNS:
            self.add_column(label, key=key, width=width)
        self.watch(self, "scroll_y", self._check_more, init=False)

    def reset(self, rows: list[HistoryRow], total: int) -> None:
        column = max(0, self.cursor_column)
        self._adding = True
        self.clear()
        self.loaded = []
        self.total = total
        self._asked_at = -1
        self.append(rows)
        self.move_cursor(row=0, column=column)

    def append(self, rows: list[HistoryRow]) -> None:
        known = {r.id for r in self.loaded}
        self._adding = True  # adding rows moves the cursor; judge the need once, at the end
        try:
            for row in rows:
                if row.id in known:  # an insert between two pages shifts offsets; show it once
                    continue
                self.loaded.append(row)
                known.add(row.id)
                self.add_row(*row_cells(row, self.timezone), key=row.id)
        finally:
            self._adding = False
        self.call_after_refresh(self._check_more)

    def replace_row(self, row: HistoryRow) -> None:
        for index, old in enumerate(self.loaded):
            if old.id == row.id:
                self.loaded[index] = row
                for (key, _, _), cell in zip(COLUMNS, row_cells(row, self.timezone), strict=True):
                    self.update_cell(row.id, key, cell)
                return

    def drop(self, row_id: str) -> None:
        self.loaded = [r for r in self.loaded if r.id != row_id]
        self.total = max(0, self.total - 1)
        self.remove_row(row_id)

    @property
    def current(self) -> HistoryRow | None:
        if 0 <= self.cursor_row < len(self.loaded):
            return self.loaded[self.cursor_row]
        return None

    @property
    def has_more(self) -> bool:
        return len(self.loaded) < self.total

    def watch_cursor_coordinate(self, old: Any, new: Any) -> None:
        super().watch_cursor_coordinate(old, new)
        self._check_more()

    def _check_more(self, *_: object) -> None:
        if not self.has_more or self.fetching or self._adding:
            return
        loaded = len(self.loaded)
        bottom = int(self.scroll_y) + self.scrollable_content_region.height
        if max(self.cursor_row, bottom) >= loaded - MARGIN and self._asked_at != loaded:
            self._asked_at = loaded  # one request per page, however many events arrive
            self.post_message(self.NeedMore(self))
