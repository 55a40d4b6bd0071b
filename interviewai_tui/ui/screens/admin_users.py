"""Admin users: search by name or e-mail (literal text), filter by role and status, the selected
user's profile and stats, and actions (block/unblock or approve, role, unlock, reset 2FA), each
confirmed first and recorded in the audit trail the screen can show."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import DataTable, Footer, Header, Input, Select, Static

from interviewai_tui.domain.common import Role, UserStatus
from interviewai_tui.ui.safe import clean, one_line
from interviewai_tui.ui.screens.admin_dialogs import ConfirmDialog, TrailDialog
from interviewai_tui.ui.screens.base import AppScreen
from interviewai_tui.ui.widgets.admin_tables import (
    add_columns,
    admin_services,
    cell,
    selected_key,
    signed_in_id,
    sync_rows,
)

if TYPE_CHECKING:
    from interviewai_tui.admin.users import UserAdmin, UserProfile
    from interviewai_tui.domain.users import PublicUser

PAGE = 200
# Fits 80 columns with the cell padding: 15+20+5+7+6+12 (+12).
COLUMNS = (
    ("Name", 15),
    ("E-mail", 20),
    ("Role", 5),
    ("Status", 7),
    ("Locked", 6),
    ("Last sign-in", 12),
)
ROLES = [("Any role", ""), ("Admins", "admin"), ("Users", "user")]
STATUSES = [
    ("Any status", ""),
    ("Active", "active"),
    ("Blocked", "blocked"),
    ("Pending", "pending"),
]


def profile_text(p: UserProfile) -> Content:
    u, s = p.user, p.interviews
    average = f"{s.average_score:.0f}" if s.average_score is not None else "–"
    best = str(s.best_score) if s.best_score is not None else "–"
    lines = [
        f"{clean(u.name)} <{u.email}> · {u.role.value} · {u.status.value}"
        + (" · LOCKED" if p.locked else "")
        + (" · 2FA on" if u.two_factor_enabled else ""),
        f"Joined {u.created_at:%Y-%m-%d} · last sign-in "
        + (f"{u.last_login:%Y-%m-%d %H:%M}" if u.last_login else "never")
        + f" · failed attempts {u.login_attempts}",
        f"Interviews {s.total} (completed {s.completed}, in progress {s.in_progress}) · "
        f"average {average} · best {best} · chat messages {u.stats.total_chat_messages}",
    ]
    if p.trail:
        last = p.trail[0]
        lines.append(f"Last admin action: {last.action} on {last.timestamp:%Y-%m-%d %H:%M} UTC")
    return Content("\n".join(one_line(line, 300) for line in lines))


class AdminUsersScreen(AppScreen[None]):
    TITLE = "InterviewAI"
    SUB_TITLE = "Manage users"
    AUTO_FOCUS = "#users"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Search"),
        Binding("b", "block", "Block/unblock"),
        Binding("a", "role", "Role"),
        Binding("l", "unlock", "Unlock"),
        Binding("t", "reset_2fa", "Reset 2FA"),
        Binding("h", "trail", "Audit trail"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, *, service: UserAdmin | None = None) -> None:
        super().__init__()
        self._service = service
        self.users: dict[str, PublicUser] = {}
        self.total = 0

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(classes="admin-filters"):
            yield Input(placeholder="Search name or e-mail (plain text)", id="search")
            yield Select(ROLES, value="", allow_blank=False, id="role")
            yield Select(STATUSES, value="", allow_blank=False, id="status")
        yield DataTable(id="users", cursor_type="row", zebra_stripes=True, classes="admin-list")
        yield Static("", id="user-detail", classes="admin-detail")
        yield Static("Loading…", id="users-status", classes="admin-status")
        yield Footer()

    def on_mount(self) -> None:
        add_columns(self.query_one("#users", DataTable), COLUMNS)
        self.load()

    async def service(self) -> UserAdmin:
        if self._service is None:
            self._service = (await admin_services(self.app)).users
        return self._service

    # --- list --------------------------------------------------------------------------
    @on(Input.Changed, "#search")
    @on(Select.Changed)
    def _filters_changed(self) -> None:
        self.load()

    @on(Input.Submitted, "#search")
    def _to_table(self) -> None:
        self.query_one("#users", DataTable).focus()

    def _filters(self) -> tuple[str, Role | None, UserStatus | None]:
        role = self.query_one("#role", Select).value
        status = self.query_one("#status", Select).value
        return (
            self.query_one("#search", Input).value,
            Role(role) if isinstance(role, str) and role else None,
            UserStatus(status) if isinstance(status, str) and status else None,
        )

    @work(exclusive=True, exit_on_error=False, group="users-list")
    async def load(self) -> None:
        text, role, status = self._filters()
        service = await self.service()
        page = await service.search(
            signed_in_id(self.app), text=text, role=role, status=status, limit=PAGE
        )
        self.users = {u.id: u for u in page.items}
        self.total = page.total
        sync_rows(
            self.query_one("#users", DataTable),
            [
                (
                    u.id,
                    (
                        cell(u.name, 40),
                        cell(u.email, 60),
                        cell(u.role.value),
                        cell(u.status.value),
                        cell("locked" if service.is_locked(u) else ""),
                        cell(f"{u.last_login:%m-%d %H:%M}" if u.last_login else "never"),
                    ),
                )
                for u in page.items
            ],
        )
        shown = len(page.items)
        more = " — refine the search to see the rest" if page.total > shown else ""
        summary = f"{shown} of {page.total} users shown{more}."
        if not page.total:
            summary = "No account matches this search."
        self.query_one("#users-status", Static).update(Content(summary))
        self.show_selected()

    # --- the selected user -----------------------------------------------------------
    @on(DataTable.RowHighlighted, "#users")
    def _highlighted(self) -> None:
        self.show_selected()

    def selected(self) -> PublicUser | None:
        key = selected_key(self.query_one("#users", DataTable))
        return self.users.get(key) if key else None

    @work(exclusive=True, exit_on_error=False, group="users-detail")
    async def show_selected(self) -> None:
        detail = self.query_one("#user-detail", Static)
        user = self.selected()
        if user is None:
            detail.update("No user selected.")
            return
        profile = await (await self.service()).profile(signed_in_id(self.app), user.id)
        detail.update(profile_text(profile))

    # --- actions ---------------------------------------------------------------------
    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_back(self) -> None:
        if self.focused is not None and self.focused.id == "search":
            self.query_one("#users", DataTable).focus()
        else:
            self.app.pop_screen()

    def action_block(self) -> None:
        user = self.selected()
        if user is None:
            return
        if user.status == UserStatus.ACTIVE:
            self._act(user, "block", f"Block {user.email}? Their remembered sign-ins end now.")
        else:
            verb = "Unblock" if user.status == UserStatus.BLOCKED else "Approve"
            self._act(user, "unblock", f"{verb} {user.email}? They can sign in again.")

    def action_role(self) -> None:
        user = self.selected()
        if user is None:
            return
        if user.role == Role.ADMIN:
            self._act(user, "demote", f"Make {user.email} a regular user (no admin console)?")
        else:
            self._act(user, "promote", f"Make {user.email} an administrator?")

    def action_unlock(self) -> None:
        if (user := self.selected()) is not None:
            self._act(user, "unlock", f"Unlock {user.email} and clear failed sign-in attempts?")

    def action_reset_2fa(self) -> None:
        if (user := self.selected()) is not None:
            self._act(user, "reset_2fa", f"Turn off two-factor sign-in for {user.email}?")

    @work(exclusive=True, exit_on_error=False, group="users-action")
    async def _act(self, user: PublicUser, action: str, question: str) -> None:
        if not await self.app.push_screen_wait(ConfirmDialog(question)):
            return
        service, actor = await self.service(), signed_in_id(self.app)
        if action == "block":
            await service.block(actor, user.id)
        elif action == "unblock":
            await service.unblock(actor, user.id)
        elif action in ("promote", "demote"):
            await service.set_role(actor, user.id, Role.ADMIN if action == "promote" else Role.USER)
        elif action == "unlock":
            await service.unlock(actor, user.id)
        else:
            await service.reset_two_factor(actor, user.id)
        self.notify(one_line(f"Done: {action.replace('_', ' ')} {user.email}."), markup=False)
        self.load()

    @work(exclusive=True, exit_on_error=False, group="users-trail")
    async def action_trail(self) -> None:
        user = self.selected()
        service = await self.service()
        page = await service.trail(signed_in_id(self.app), target_id=user.id if user else None)
        title = f"Audit trail: {user.email}" if user else "Audit trail"
        await self.app.push_screen(TrailDialog(title, page.items))
