"""The history table: one row per interview, filled a page at a time, drawn line by line.

The screen loads the first page; whenever the cursor or the scroll position comes within
``MARGIN`` rows of the last loaded row and more exist, the table posts ``NeedMore`` and the
screen appends the next page. Thousands of interviews therefore cost one page per screenful
scrolled, never one big read.

It is a line-API widget rather than a ``DataTable``: a row is a strip of plain segments built
once per state (cursor, stripe, focus) and cached, instead of a Rich render of every cell,
which was most of the time to first paint.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from interviewai_tui.analytics.history import HistoryRow
from interviewai_tui.ui.widgets.history_rows import (
    COLUMNS,
    COMPONENT_CLASSES,
    SORTABLE,
    TABLE_CSS,
    WIDTH,
    Palette,
    column_at,
    column_span,
    fitted_cells,
    header_strip,
    read_palette,
    row_strip,
)

__all__ = ["COLUMNS", "MARGIN", "SORTABLE", "HistoryTable"]

MARGIN = 15


@dataclass
class _TableMessage(Message):
    table: HistoryTable

    @property
    def control(self) -> HistoryTable:
        return self.table


class HistoryTable(ScrollView, can_focus=True, inherit_bindings=False):
    """Interviews, newest first by default; Enter (or a second click) opens one."""

    COMPONENT_CLASSES: ClassVar[set[str]] = set(COMPONENT_CLASSES)
    DEFAULT_CSS: ClassVar[str] = TABLE_CSS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "edge(0)", "Top", show=False),
        Binding("end", "edge(1)", "Bottom", show=False),
        Binding("left", "column(-1)", "Left", show=False),
        Binding("right", "column(1)", "Right", show=False),
        Binding("enter", "select", "Open", show=False),
    ]

    @dataclass
    class NeedMore(_TableMessage):
        """More rows exist and the user is close to the end of those loaded."""

    @dataclass
    class Highlighted(_TableMessage):
        """The cursor is on another row (``None`` when the table is empty)."""

        row: HistoryRow | None

    @dataclass
    class Selected(_TableMessage):
        """Enter, or a click on the cursor row: open this interview."""

        row: HistoryRow

    @dataclass
    class HeaderSelected(_TableMessage):
        """A click on a column header (the screen sorts by it)."""

        column_key: str

    def __init__(self, *, timezone: str | None, id: str | None = None) -> None:
        super().__init__(id=id)
        self.timezone = timezone
        self.loaded: list[HistoryRow] = []
        self.total = 0
        self.fetching = False
        self.sort_column: str | None = "date"  # the header shows its arrow
        self.sort_descending = True
        self._ids: set[str] = set()
        self._asked_at = -1
        self._row = 0
        self._column = 0
        self._cells: dict[str, list[str]] = {}  # row id → fitted cell texts
        self._strips: dict[tuple[int, str | None], Strip] = {}  # (index, cursor mark)
        self._palette: Palette | None = None
        self._scrollbars_for: Size | None = None
        # Known before the first layout, so the horizontal scrollbar is decided there.
        self.virtual_size = Size(WIDTH, 1)

    # --- what the screen uses ----------------------------------------------------------------

    @property
    def cursor_row(self) -> int:
        return self._row

    @property
    def cursor_column(self) -> int:
        return self._column

    @property
    def row_count(self) -> int:
        return len(self.loaded)

    @property
    def current(self) -> HistoryRow | None:
        return self.loaded[self._row] if 0 <= self._row < len(self.loaded) else None

    @property
    def has_more(self) -> bool:
        return len(self.loaded) < self.total

    def reset(self, rows: list[HistoryRow], total: int) -> None:
        """Show a fresh first page (a new filter or sort); the column cursor stays put."""
        self.loaded, self._ids, self._cells = [], set(), {}
        self.total = total
        self._asked_at = -1
        self._add(rows)
        self._row = 0
        self.scroll_to(y=0, animate=False)
        self._changed()
        self.post_message(self.Highlighted(self, self.current))

    def append(self, rows: list[HistoryRow]) -> None:
        """Add the next page below the rows loaded so far."""
        self._add(rows)
        self._changed()

    def replace_row(self, row: HistoryRow) -> None:
        for index, old in enumerate(self.loaded):
            if old.id == row.id:
                self.loaded[index] = row
                self._cells.pop(row.id, None)
                self._changed()
                return

    def drop(self, row_id: str) -> None:
        if row_id not in self._ids:
            return
        self.loaded = [r for r in self.loaded if r.id != row_id]
        self._ids.discard(row_id)
        self.total = max(0, self.total - 1)
        self._row = min(self._row, max(0, len(self.loaded) - 1))
        self._changed()
        self.post_message(self.Highlighted(self, self.current))

    def move_cursor(self, *, row: int | None = None, column: int | None = None) -> None:
        """Move the row and/or column cursor, scrolling to keep it in view."""
        if column is not None:
            self._column = max(0, min(column, len(COLUMNS) - 1))
            self._scroll_to_column()
            self.refresh(Region(0, 0, self.size.width, 1))  # the highlighted header cell
        if row is not None:
            row = max(0, min(row, len(self.loaded) - 1))
            if row != self._row:
                self._row = row
                self.refresh()
                self.post_message(self.Highlighted(self, self.current))
            self._scroll_to_row()
            self._check_more()

    def show_sort(self, column: str | None, descending: bool) -> None:
        """Put the sort arrow on ``column``'s header."""
        self.sort_column, self.sort_descending = column, descending
        self.refresh(Region(0, 0, self.size.width, 1))

    # --- keys and mouse ----------------------------------------------------------------------

    def action_cursor(self, step: int) -> None:
        self.move_cursor(row=self._row + step)

    def action_page(self, direction: int) -> None:
        self.move_cursor(row=self._row + direction * max(1, self._visible_rows()))

    def action_edge(self, end: int) -> None:
        self.move_cursor(row=len(self.loaded) - 1 if end else 0)

    def action_column(self, step: int) -> None:
        self.move_cursor(column=self._column + step)

    def action_select(self) -> None:
        row = self.current
        if row is not None:
            self.post_message(self.Selected(self, row))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        event.stop()
        column = column_at(offset.x + int(self.scroll_x))
        if offset.y == 0:
            self.post_message(self.HeaderSelected(self, COLUMNS[column][0]))
            return
        row = offset.y - 1 + int(self.scroll_y)
        if row < len(self.loaded):
            again = row == self._row
            self.move_cursor(row=row, column=column)
            if again:
                self.action_select()

    # --- scrolling and paging ----------------------------------------------------------------

    def _visible_rows(self) -> int:
        return self.scrollable_content_region.height - 1  # the header line does not scroll

    def _scroll_to_row(self) -> None:
        visible = self._visible_rows()
        if visible <= 0:
            return  # not laid out yet: the resize handler scrolls
        top = int(self.scroll_y)
        if self._row < top:
            self.scroll_to(y=self._row, animate=False)
        elif self._row >= top + visible:
            self.scroll_to(y=self._row - visible + 1, animate=False)

    def _scroll_to_column(self) -> None:
        width = self.scrollable_content_region.width
        start, end = column_span(self._column)
        left = int(self.scroll_x)
        if width <= 0:
            return
        if start < left:
            self.scroll_to(x=start, animate=False)
        elif end > left + width:
            self.scroll_to(x=min(start, end - width), animate=False)

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        # ScrollView compares the viewport the layout passes in with our virtual size (the
        # rows), which always differ, so it repainted the scrollbars after every layout pass:
        # one more frame each time. Let it see a change only when the rows or the size did.
        if self.virtual_size == self._scrollbars_for:
            virtual_size = self.virtual_size
        self._scrollbars_for = self.virtual_size
        return super()._size_updated(size, virtual_size, container_size, layout)

    def _on_resize(self, _: events.Resize) -> None:
        self._scroll_to_row()
        self._scroll_to_column()
        self.call_after_refresh(self._check_more)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._check_more()

    def _check_more(self) -> None:
        if not self.has_more or self.fetching:
            return
        loaded = len(self.loaded)
        bottom = int(self.scroll_y) + self.scrollable_content_region.height
        if max(self._row, bottom) >= loaded - MARGIN and self._asked_at != loaded:
            self._asked_at = loaded  # one request per page, however many events arrive
            self.post_message(self.NeedMore(self))

    def _add(self, rows: list[HistoryRow]) -> None:
        for row in rows:
            if row.id not in self._ids:  # an insert between two pages shifts offsets
                self.loaded.append(row)
                self._ids.add(row.id)

    def _changed(self) -> None:
        self._strips.clear()
        self.virtual_size = Size(WIDTH, len(self.loaded) + 1)
        self.refresh()
        self.call_after_refresh(self._check_more)

    # --- drawing -----------------------------------------------------------------------------

    def _read_palette(self) -> Palette:
        palette = read_palette(self.get_component_rich_style, self.rich_style)
        if palette != self._palette:  # focus, theme or another style changed: redraw rows
            self._palette = palette
            self._strips.clear()
        return palette

    def render_lines(self, crop: Region) -> list[Strip]:
        self._read_palette()  # once per paint: notices focus and theme changes
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        palette = self._palette or self._read_palette()
        left, width = int(self.scroll_x), self.size.width
        if y == 0:
            header = header_strip(
                palette, sort=self.sort_column, descending=self.sort_descending, cursor=self._column
            )
            return header.crop_extend(left, left + width, palette.header)
        index = y - 1 + int(self.scroll_y)
        if index >= len(self.loaded):
            return Strip.blank(width, palette.base)
        mark = ("▶" if self.has_focus else "▷") if index == self._row else None
        strip = self._strips.get((index, mark))
        if strip is None:
            row = self.loaded[index]
            cells = self._cells.get(row.id)
            if cells is None:
                cells = self._cells[row.id] = fitted_cells(row, self.timezone)
            strip = row_strip(row, cells, palette, index=index, cursor=mark)
            self._strips[index, mark] = strip
        return strip.crop_extend(left, left + width, palette.row(index, mark is not None))
