"""What the admin screens share: the admin service they fetch on first use, and (for the users
and question lists) the layout and behaviour of a filterable list with a detail pane."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Protocol, TypeVar

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import DataTable, Input, Select, Static

from interviewai_tui.ui.screens.base import AppScreen
from interviewai_tui.ui.widgets.admin_tables import (
    add_columns,
    admin_services,
    selected_key,
    sync_rows,
)
from interviewai_tui.ui.widgets.chrome import KeyHints, TitleBar

if TYPE_CHECKING:
    from rich.text import Text

    from interviewai_tui.admin.wiring import AdminServices
    from interviewai_tui.store.repositories import Page


class HasId(Protocol):
    @property
    def id(self) -> str: ...


ServiceT = TypeVar("ServiceT")
ItemT = TypeVar("ItemT", bound=HasId)


class AdminScreen(AppScreen[None], Generic[ServiceT]):
    """An admin screen working with one admin service, given or taken from the container."""

    TITLE = "InterviewAI"

    def __init__(self, service: ServiceT | None = None) -> None:
        super().__init__()
        self._service = service

    def pick_service(self, services: AdminServices) -> ServiceT:
        """This screen's service among the container's admin services."""
        raise NotImplementedError

    async def service(self) -> ServiceT:
        if self._service is None:
            self._service = self.pick_service(await admin_services(self.app))
        return self._service


class AdminListScreen(AdminScreen[ServiceT], Generic[ServiceT, ItemT]):
    """A search box and filters above a table of items, the selected item's detail and a
    status line below. Subclasses name their widgets and say how to fetch and show items."""

    LIST_ID: ClassVar[str]
    DETAIL_ID: ClassVar[str]
    STATUS_ID: ClassVar[str]
    COLUMNS: ClassVar[Sequence[tuple[str, int]]]
    SEARCH_HINT: ClassVar[str]
    #: For the status line: what is listed, what to narrow, and what is said when none match.
    NOUN: ClassVar[str]
    REFINE: ClassVar[str]
    NONE_FOUND: ClassVar[str]

    def __init__(self, service: ServiceT | None = None) -> None:
        super().__init__(service)
        self.items: dict[str, ItemT] = {}

    def filters(self) -> Iterable[Select[str]]:
        """The filter widgets after the search box."""
        raise NotImplementedError

    async def fetch(self, service: ServiceT) -> Page[ItemT]:
        """The items the search box and filters select."""
        raise NotImplementedError

    def row(self, service: ServiceT, item: ItemT) -> Sequence[Text]:
        """One item's cells, in the order of `COLUMNS`."""
        raise NotImplementedError

    def show_selected(self) -> object:
        """Show the selected item in the detail pane."""
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(classes="admin-filters"):
            yield Input(placeholder=self.SEARCH_HINT, id="search")
            yield from self.filters()
        yield DataTable(
            id=self.LIST_ID, cursor_type="row", zebra_stripes=True, classes="admin-list"
        )
        yield Static("", id=self.DETAIL_ID, classes="admin-detail")
        yield Static("Loading…", id=self.STATUS_ID, classes="admin-status")
        yield KeyHints()

    @property
    def table(self) -> DataTable[Any]:
        return self.query_one(f"#{self.LIST_ID}", DataTable)

    def on_mount(self) -> None:
        add_columns(self.table, self.COLUMNS)
        self.load()

    @on(Input.Changed, "#search")
    @on(Select.Changed)
    def _filters_changed(self) -> None:
        self.load()

    @on(Input.Submitted, "#search")
    def _to_table(self) -> None:
        self.table.focus()

    @on(DataTable.RowHighlighted, ".admin-list")
    def _highlighted(self) -> None:
        self.show_selected()

    @work(exclusive=True, exit_on_error=False, group="admin-list")
    async def load(self) -> None:
        service = await self.service()
        page = await self.fetch(service)
        self.items = {item.id: item for item in page.items}
        sync_rows(self.table, [(item.id, self.row(service, item)) for item in page.items])
        shown = len(page.items)
        more = f" — refine {self.REFINE} to see the rest" if page.total > shown else ""
        summary = f"{shown} of {page.total} {self.NOUN} shown{more}."
        if not page.total:
            summary = self.NONE_FOUND
        self.query_one(f"#{self.STATUS_ID}", Static).update(Content(summary))
        self.show_selected()

    def selected(self) -> ItemT | None:
        key = selected_key(self.table)
        return self.items.get(key) if key else None

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_back(self) -> None:
        if self.focused is not None and self.focused.id == "search":
            self.table.focus()
        else:
            self.app.pop_screen()
