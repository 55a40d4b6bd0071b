"""The history table widget on its own: keys, mouse, paging, drawing, horizontal scroll."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from rich.cells import cell_len
from rich.style import Style
from textual import events
from textual.app import App, ComposeResult
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Input

from interviewai_tui.analytics.history import HistoryRow
from interviewai_tui.domain.common import Difficulty, InterviewStatus, new_id
from interviewai_tui.ui.widgets.history_table import COLUMNS, MARGIN, HistoryTable

from .screen_text import screen_text

START = datetime(2025, 1, 1, 9, 0, tzinfo=UTC)
STATUSES = (InterviewStatus.COMPLETED, InterviewStatus.IN_PROGRESS, InterviewStatus.CANCELLED)


def rows(n: int, *, first: int = 0) -> list[HistoryRow]:
    made = []
    for i in range(first, first + n):
        status = STATUSES[i % 3]
        made.append(
            HistoryRow(
                id=new_id(),
                created_at=START - timedelta(days=i),
                title=f"Round {i}",
                job_role=f"Role {i}",
                difficulty=Difficulty.HARD,
                tech_stack=["Python", f"Tool{i}"],
                status=status,
                score=i if status is InterviewStatus.COMPLETED else None,
                time_spent=60 * i + 5 if status is InterviewStatus.COMPLETED else None,
                planned=1800,
            )
        )
    return made


class TableApp(App[None]):
    """The table alone (plus an input to take the focus away), recording what it posts."""

    def __init__(self, loaded: list[HistoryRow], total: int) -> None:
        super().__init__()
        self.first, self.first_total = loaded, total
        self.posted: list[Message] = []

    def compose(self) -> ComposeResult:
        yield Input(id="other")
        yield HistoryTable(timezone="UTC", id="table")

    def on_mount(self) -> None:
        self.table.reset(self.first, self.first_total)
        self.table.focus()

    @property
    def table(self) -> HistoryTable:
        return self.query_one(HistoryTable)

    def on_history_table_highlighted(self, message: HistoryTable.Highlighted) -> None:
        self.posted.append(message)

    def on_history_table_selected(self, message: HistoryTable.Selected) -> None:
        self.posted.append(message)

    def on_history_table_header_selected(self, message: HistoryTable.HeaderSelected) -> None:
        self.posted.append(message)

    def on_history_table_need_more(self, message: HistoryTable.NeedMore) -> None:
        self.posted.append(message)

    def of(self, kind: type[Any]) -> list[Any]:
        return [m for m in self.posted if isinstance(m, kind)]


def first_style(strip: Strip) -> Style | None:
    return next(iter(strip)).style


def lines(app: TableApp) -> list[str]:
    """The table's part of the screen (below the 3-line input)."""
    return screen_text(app).splitlines()[3:]


async def test_keys_move_the_cursor_and_enter_selects() -> None:
    loaded = rows(40)
    app = TableApp(loaded, 40)
    async with app.run_test(size=(80, 16)) as pilot:
        table = app.table
        await pilot.pause()
        visible = table.scrollable_content_region.height - 1  # under the header
        assert lines(app)[1].startswith("▶ 2025-01-01 Round 0")
        await pilot.press("down", "down")
        assert table.cursor_row == 2 and table.current is loaded[2]
        assert [m.row for m in app.of(HistoryTable.Highlighted)][-2:] == loaded[1:3]
        await pilot.press("up")
        assert table.cursor_row == 1
        await pilot.press("pagedown")
        assert table.cursor_row == 1 + visible
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor_row == 39
        assert int(table.scroll_y) == 40 - visible  # the last row is the bottom line
        assert any(line.startswith("▶ 2024-11-23 Round 39") for line in lines(app))
        await pilot.press("pageup")
        assert table.cursor_row == 39 - visible
        await pilot.press("home")
        await pilot.pause()
        assert (table.cursor_row, int(table.scroll_y)) == (0, 0)
        assert not app.of(HistoryTable.Selected)
        await pilot.press("down", "enter")
        assert [m.row for m in app.of(HistoryTable.Selected)] == [loaded[1]]


async def test_clicks_move_the_cursor_select_and_pick_headers() -> None:
    loaded = rows(10)
    app = TableApp(loaded, 10)
    async with app.run_test(size=(80, 16)) as pilot:
        table = app.table
        await pilot.click(HistoryTable, offset=(5, 4))  # line 4 = row 3 (under the header)
        assert table.cursor_row == 3 and table.cursor_column == 0
        assert not app.of(HistoryTable.Selected)
        await pilot.click(HistoryTable, offset=(15, 4))  # the same row again: open it
        assert [m.row for m in app.of(HistoryTable.Selected)] == [loaded[3]]
        assert table.cursor_column == 1  # the click landed in Title
        score_x = lines(app)[0].index("Score")
        await pilot.click(HistoryTable, offset=(score_x + 1, 0))
        assert [m.column_key for m in app.of(HistoryTable.HeaderSelected)] == ["score"]
        assert table.cursor_row == 3  # a header click does not move the cursor
        await pilot.click(HistoryTable, offset=(5, 11))  # below the last row: nothing
        assert table.cursor_row == 3 and len(app.of(HistoryTable.Selected)) == 1


async def test_more_is_asked_once_per_page_near_the_end() -> None:
    first = rows(50)
    app = TableApp(first, 120)
    async with app.run_test(size=(80, 20)) as pilot:
        table = app.table
        await pilot.pause()
        assert not app.of(HistoryTable.NeedMore)  # the first screenful is far from the end
        table.move_cursor(row=50 - MARGIN - 5)
        await pilot.pause()
        assert not app.of(HistoryTable.NeedMore)
        await pilot.press("down", "down", "down", "end", "up")
        await pilot.pause()
        assert len(app.of(HistoryTable.NeedMore)) == 1  # however many moves came after
        # The next page overlaps the first by five rows (an insert shifted the offsets).
        table.append(first[-5:] + rows(50, first=50))
        await pilot.pause()
        assert table.row_count == 100 and len({r.id for r in table.loaded}) == 100
        assert len(app.of(HistoryTable.NeedMore)) == 1  # the cursor is not near the new end
        await pilot.press("end")
        await pilot.pause()
        assert len(app.of(HistoryTable.NeedMore)) == 2
        table.append(rows(20, first=100))
        await pilot.press("end")
        await pilot.pause()
        assert not table.has_more and len(app.of(HistoryTable.NeedMore)) == 2


async def test_mouse_wheel_scrolls_and_paging_follows_the_scroll() -> None:
    app = TableApp(rows(50), 200)
    async with app.run_test(size=(80, 20)) as pilot:
        table = app.table
        for _ in range(12):  # Pilot has no wheel helper; this is what its click uses
            await pilot._post_mouse_events([events.MouseScrollDown], HistoryTable, (5, 5))
        await pilot.pause()
        assert table.scroll_y > 0 and table.cursor_row == 0
        assert len(app.of(HistoryTable.NeedMore)) == 1  # scrolled near the end


async def test_untrusted_text_is_drawn_literally_and_cut_to_the_column() -> None:
    nasty = rows(3)
    nasty[0] = HistoryRow(
        **{
            **{f: getattr(nasty[0], f) for f in HistoryRow.__slots__},
            "title": "[bold red]pwn[/] \x1b]52;c;SGVsbG8=\x07\x1b[2Jdone",
            "job_role": "面试练习面试练习面试练习面试练习",  # 32 cells: wider than the column
            "tech_stack": ["[b]Go[/b]"],
        }
    )
    app = TableApp(nasty, 3)
    async with app.run_test(size=(130, 10)) as pilot:
        await pilot.pause()
        first = lines(app)[1]
        assert "[bold red]pwn[/] done" in first and "\x1b" not in screen_text(app)
        assert "[b]Go[/b]" in first
        start = first.index("面")
        role = first[start : first.index("…", start) + 1]
        assert cell_len(role) == 18  # cut to the column, the ellipsis in its last cell
        table = app.table
        width = table.size.width
        assert all(table.render_line(y).cell_length == width for y in range(5))


async def test_right_and_left_scroll_the_header_with_the_rows() -> None:
    app = TableApp(rows(5), 5)
    async with app.run_test(size=(60, 12)) as pilot:
        table = app.table
        assert "Stack" not in lines(app)[0]
        await pilot.press(*["right"] * 10)  # past the last column: stops there
        await pilot.pause()
        assert table.cursor_column == len(COLUMNS) - 1 and table.scroll_x > 0
        header, first = lines(app)[0], lines(app)[1]
        assert "Stack" in header and "Date" not in header
        assert header.index("Stack") == first.index("Python, Tool0")  # still aligned
        stack = next(s for s in table.render_line(0) if s.text.strip() == "Stack")
        date = next(s for s in table.render_line(0) if "Role" in s.text)
        assert stack.style is not None and stack.style.underline  # the column `s` would sort
        assert date.style is not None and not date.style.underline
        await pilot.press(*["left"] * 10)
        await pilot.pause()
        assert table.cursor_column == 0 and table.scroll_x == 0
        assert lines(app)[0].startswith("  Date ↓")


async def test_cursor_is_visible_without_colour_and_styles_follow_focus_and_theme() -> None:
    app = TableApp(rows(4), 4)
    async with app.run_test(size=(80, 12)) as pilot:
        table = app.table
        await pilot.pause()
        focused = table.render_line(1)
        assert focused.text.startswith("▶ ")
        even, odd = table.render_line(3), table.render_line(4)
        assert first_style(even) != first_style(odd)  # zebra stripes
        app.query_one("#other", Input).focus()
        await pilot.pause()
        assert lines(app)[1].startswith("▷ ")  # blurred, still marked
        blurred = table.render_line(1)
        assert first_style(blurred) != first_style(focused)
        before = first_style(table.render_line(3))
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await pilot.pause()
        assert first_style(table.render_line(3)) != before  # no stale cached row


async def test_drop_replace_and_reset_keep_the_cursor_sensible() -> None:
    loaded = rows(6)
    app = TableApp(loaded, 6)
    async with app.run_test(size=(80, 14)) as pilot:
        table = app.table
        table.move_cursor(row=5, column=3)
        table.drop(loaded[5].id)
        await pilot.pause()
        assert table.cursor_row == 4 and table.total == 5
        assert app.of(HistoryTable.Highlighted)[-1].row is loaded[4]
        renamed = HistoryRow(
            **{**{f: getattr(loaded[0], f) for f in HistoryRow.__slots__}, "title": "Renamed"}
        )
        table.replace_row(renamed)
        await pilot.pause()
        assert "Renamed" in lines(app)[1]
        table.reset(rows(2, first=10), 2)
        await pilot.pause()
        assert (table.cursor_row, table.cursor_column, table.row_count) == (0, 3, 2)
        assert "Round 10" in lines(app)[1] and "Round 4" not in screen_text(app)


async def test_the_scrollbar_follows_the_rows() -> None:
    app = TableApp(rows(2), 2)
    async with app.run_test(size=(140, 16)) as pilot:  # wide: no horizontal scrollbar
        table = app.table
        await pilot.pause()
        assert not table.show_vertical_scrollbar
        table.reset(rows(40), 40)
        await pilot.pause()
        assert table.show_vertical_scrollbar and not table.show_horizontal_scrollbar
        table.reset(rows(3), 3)
        await pilot.pause()
        assert not table.show_vertical_scrollbar
        await pilot.resize_terminal(60, 16)  # narrower than the columns
        await pilot.pause()
        assert table.show_horizontal_scrollbar
