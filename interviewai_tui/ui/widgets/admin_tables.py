"""Table helpers for the admin screens: untrusted cells as plain text, and in-place updates
that keep the cursor and scroll position across refreshes (no flicker, no jump)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual.app import App
from textual.widgets import DataTable
from textual.widgets.data_table import RowKey

from interviewai_tui.admin.errors import AdminError
from interviewai_tui.ui.safe import one_line

if TYPE_CHECKING:
    from interviewai_tui.admin.wiring import AdminServices

__all__ = [
    "AdminUnavailable",
    "add_columns",
    "admin_services",
    "cell",
    "selected_key",
    "signed_in_id",
    "sync_rows",
]

Row = tuple[str, Sequence[object]]  # (row key, cells)


def cell(value: object, limit: int = 120) -> Text:
    """A table cell from any value: control sequences removed, never parsed as markup."""
    return Text(one_line(str(value), limit), no_wrap=True, overflow="ellipsis")


def add_columns(table: DataTable[Any], columns: Sequence[tuple[str, int]]) -> None:
    """Fixed-width columns, so the layout never depends on which rows arrived first (and
    stays inside 80 columns)."""
    for label, width in columns:
        table.add_column(label, width=width, key=label)


def selected_key(table: DataTable[Any]) -> str | None:
    """The key of the row under the cursor, if any."""
    if table.row_count == 0 or table.cursor_row < 0:
        return None
    try:
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
    except Exception:  # the cursor is past the last row while the table refills
        return None
    return key.value


def sync_rows(table: DataTable[Any], rows: Sequence[Row]) -> None:
    """Show `rows` in this order. When the keys and their order are unchanged, only changed
    cells are rewritten; otherwise the table is refilled and the cursor put back on the
    same key (or the same position), with the scroll position kept."""
    keys = [key for key, _ in rows]
    current = [row_key.value for row_key in table.rows]
    if keys == current:
        columns = list(table.columns)
        for key, cells in rows:
            old = table.get_row(key)
            for column, new, was in zip(columns, cells, old, strict=False):
                if str(new) != str(was):
                    table.update_cell(key, column, new)
        return
    focus_key = selected_key(table)
    position = table.cursor_row
    scroll = table.scroll_y
    table.clear()
    for key, cells in rows:
        table.add_row(*cells, key=key)
    if not rows:
        return
    if focus_key in keys:
        target = table.get_row_index(RowKey(focus_key))
    else:
        target = min(max(position, 0), len(rows) - 1)
    table.move_cursor(row=target, animate=False, scroll=False)
    table.scroll_to(y=scroll, animate=False, immediate=True)


class AdminUnavailable(AdminError):
    """The container has no admin services (not built into this program)."""

    message = "The admin console is not available in this installation."


async def admin_services(app: App[Any]) -> AdminServices:
    """The container's `admin` services (an `admin.wiring.AdminServices`)."""
    services = getattr(app, "services", None)
    container = await services() if services is not None else None
    admin = getattr(container, "admin", None)
    if admin is None:
        raise AdminUnavailable(AdminUnavailable.message)
    return cast("AdminServices", admin)


def signed_in_id(app: App[Any]) -> str:
    """The signed-in user's id (the admin services check the role themselves)."""
    user = getattr(app, "user", None)
    if user is None:
        return ""
    return cast(str, user.id)
