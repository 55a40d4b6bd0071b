"""What the history table draws: its columns, the text of each cell, and the header and row
lines as strips of plain segments.

Every cell has a fixed width, so a line is a handful of ``Segment``s joined once (no Rich
render, no measuring) and a page of rows never measures a cell.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from interviewai_tui.analytics.history import HistoryRow
from interviewai_tui.domain.common import InterviewStatus
from interviewai_tui.ui.safe import one_line
from interviewai_tui.ui.widgets.history_parts import local_time, minutes_text

if TYPE_CHECKING:
    from interviewai_tui.store.base import InterviewSort

__all__ = [
    "COLUMNS",
    "COMPONENT_CLASSES",
    "SORTABLE",
    "TABLE_CSS",
    "WIDTH",
    "Palette",
    "column_at",
    "column_span",
    "fitted_cells",
    "header_strip",
    "read_palette",
    "row_cells",
    "row_strip",
]

#: (column key, header, width). Fixed widths, so adding a page never measures every cell;
#: the order puts what matters most within 80 columns (the rest scrolls into view).
COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("date", "Date", 10),
    ("title", "Title", 24),
    ("score", "Score", 6),
    ("status", "Status", 11),
    ("time", "Time", 7),
    ("difficulty", "Level", 6),
    ("role", "Role", 18),
    ("stack", "Stack", 18),
)
#: column key → the store's sort key: every column sorts (mypy checks the store has each)
SORTABLE: dict[str, InterviewSort] = {
    "date": "created_at",
    "title": "title",
    "score": "score",
    "status": "status",
    "time": "time_spent",
    "difficulty": "difficulty",
    "role": "job_role",
    "stack": "tech",
}
_RIGHT = frozenset({"score", "time"})
_STATUS, _TIME = 3, 4  # the cells that carry an accent colour
#: "▶ " marks the cursor row, so the cursor shows without colour
_MARK = 2
_STARTS = tuple(_MARK + sum(w + 1 for _, _, w in COLUMNS[:i]) for i in range(len(COLUMNS)))
#: the width of a whole line: mark, columns, one space between columns
WIDTH = _STARTS[-1] + COLUMNS[-1][2]
#: status → component class of its cell
STATUS_CLASSES = {
    InterviewStatus.COMPLETED: "history-table--completed",
    InterviewStatus.IN_PROGRESS: "history-table--in-progress",
    InterviewStatus.CANCELLED: "history-table--muted",
}


_ACCENTS = ("history-table--completed", "history-table--in-progress", "history-table--muted")
#: the table's component classes: its themes restyle these
COMPONENT_CLASSES = (
    "history-table--header",
    "history-table--header-cursor",
    "history-table--cursor",
    "history-table--even-row",
    *_ACCENTS,
)
#: the table's DEFAULT_CSS (here, beside the styles it names). The cursor row is also bold
#: when focused and always marked, so it shows without colour.
TABLE_CSS = """
HistoryTable {
    background: $surface;
    color: $foreground;
    &:focus {
        background-tint: $foreground 5%;
        & > .history-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: bold;
        }
    }
    & > .history-table--header { text-style: bold; background: $panel; color: $foreground; }
    & > .history-table--header-cursor {
        text-style: bold underline; background: $accent-darken-1; color: $foreground;
    }
    & > .history-table--cursor {
        background: $block-cursor-blurred-background;
        color: $block-cursor-blurred-foreground;
    }
    &:dark > .history-table--even-row { background: $surface-darken-1 40%; }
    & > .history-table--even-row { background: $surface-lighten-1 50%; }
    & > .history-table--completed { color: $text-success; }
    & > .history-table--in-progress { color: $text-warning; text-style: bold; }
    & > .history-table--muted { color: $text-muted; }
}
"""


class Palette(NamedTuple):
    """The styles of one paint, read from the table's component classes (so themes apply)."""

    base: Style
    even: Style
    cursor: Style
    header: Style
    header_cursor: Style
    accents: dict[str, Style]  # component class → partial style laid over the row's

    def row(self, index: int, cursor: bool) -> Style:
        if cursor:
            return self.cursor
        return self.even if index % 2 == 0 else self.base


def read_palette(style: Callable[..., Style], base: Style) -> Palette:
    """The palette from ``widget.get_component_rich_style`` and the widget's own style."""
    return Palette(
        base=base,
        even=style("history-table--even-row"),
        cursor=style("history-table--cursor"),
        header=style("history-table--header"),
        header_cursor=style("history-table--header-cursor"),
        accents={name: style(name, partial=True) for name in _ACCENTS},
    )


def column_at(x: int) -> int:
    """The column drawn at ``x`` (the mark belongs to the first, a gutter to its left)."""
    return next((i for i in reversed(range(len(_STARTS))) if x >= _STARTS[i]), 0)


def column_span(column: int) -> tuple[int, int]:
    """Where ``column`` starts and ends on the line (the first one includes the mark)."""
    start = _STARTS[column]
    return (0 if column == 0 else start), start + COLUMNS[column][2]


def _fit(text: str, width: int, right: bool = False) -> str:
    """``text`` cut (with an ellipsis) or padded to exactly ``width`` cells."""
    size = cell_len(text)
    if size > width:
        return set_cell_size(text, width - 1) + "…"
    pad = " " * (width - size)
    return pad + text if right else text + pad


def row_cells(row: HistoryRow, timezone: str | None) -> list[str]:
    """The cells of one row as plain text, in the order of ``COLUMNS`` (not yet fitted).

    Title, role and stack are untrusted: ``one_line`` strips control sequences, and the text
    is drawn as plain segments, so markup in it is never interpreted.
    """
    planned = f"{row.planned // 60}m"
    return [
        local_time(row.created_at, timezone, "%Y-%m-%d"),
        one_line(row.title, 60),
        "—" if row.score is None else str(row.score),
        row.status.value.replace("_", " "),
        planned if row.time_spent is None else minutes_text(row.time_spent),
        row.difficulty.value,
        one_line(row.job_role or "—", 60),
        one_line(", ".join(row.tech_stack) or "—", 60),
    ]


def fitted_cells(row: HistoryRow, timezone: str | None) -> list[str]:
    """``row_cells`` cut or padded to the widths of their columns."""
    return [
        _fit(text, width, key in _RIGHT)
        for (key, _, width), text in zip(COLUMNS, row_cells(row, timezone), strict=True)
    ]


def header_strip(palette: Palette, *, sort: str | None, descending: bool, cursor: int) -> Strip:
    """The header: the sort column's label has an arrow, the cursor column is highlighted."""
    arrow = "↓" if descending else "↑"
    segments = [Segment(" " * _MARK, palette.header)]
    for i, (key, label, width) in enumerate(COLUMNS):
        if key == sort:
            label = f"{label} {arrow}" if len(label) + 2 <= width else f"{label}{arrow}"
        style = palette.header_cursor if i == cursor else palette.header
        if i:
            segments.append(Segment(" ", palette.header))
        segments.append(Segment(_fit(label, width, key in _RIGHT), style))
    return Strip(segments, WIDTH)


def row_strip(
    row: HistoryRow, cells: list[str], palette: Palette, *, index: int, cursor: str | None
) -> Strip:
    """One row; ``cursor`` is its mark ("▶" focused, "▷" not) or ``None`` off the cursor."""
    style = palette.row(index, cursor is not None)
    if cursor is not None:  # the cursor style wins over the accents: one segment
        return Strip([Segment(f"{cursor} " + " ".join(cells), style)], WIDTH)
    accent = STATUS_CLASSES.get(row.status)
    segments = [Segment(" " * _MARK, style)]
    for i, cell in enumerate(cells):
        if i:
            segments.append(Segment(" ", style))
        if i == _STATUS and accent is not None:
            segments.append(Segment(cell, style + palette.accents[accent]))
        elif i == _TIME and row.time_spent is None:  # planned, not spent: muted
            segments.append(Segment(cell, style + palette.accents["history-table--muted"]))
        else:
            segments.append(Segment(cell, style))
    return Strip(segments, WIDTH)
