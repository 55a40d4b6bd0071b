"""Admin users: search by name or e-mail (literal text), filter by role and status, the selected
user's profile and stats, and actions (block/unblock or approve, role, unlock, reset 2FA), each
confirmed first and recorded in the audit trail the screen can show."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Input, Select, Static

from interviewai_tui.domain.common import Role, UserStatus
from interviewai_tui.ui.safe import clean, one_line
from interviewai_tui.ui.screens.admin_base import AdminListScreen
from interviewai_tui.ui.screens.admin_dialogs import ConfirmDialog, TrailDialog
from interviewai_tui.ui.widgets.admin_tables import cell, signed_in_id

if TYPE_CHECKING:
    from rich.text import Text

    from interviewai_tui.admin.users import UserAdmin, UserProfile
    from interviewai_tui.admin.wiring import AdminServices
    from interviewai_tui.domain.users import PublicUser
    from interviewai_tui.store.repositories import Page

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


class AdminUsersScreen(AdminListScreen["UserAdmin", "PublicUser"]):
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
    LIST_ID = "users"
    DETAIL_ID = "user-detail"
    STATUS_ID = "users-status"
    COLUMNS = COLUMNS
    SEARCH_HINT = "Search name or e-mail (plain text)"
    NOUN = "users"
    REFINE = "the search"
    NONE_FOUND = "No account matches this search."

    def __init__(self, *, service: UserAdmin | None = None) -> None:
        super().__init__(service)

    def pick_service(self, services: AdminServices) -> UserAdmin:
        return services.users

    # --- list --------------------------------------------------------------------------
    def filters(self) -> Iterable[Select[str]]:
        yield Select(ROLES, value="", allow_blank=False, id="role")
        yield Select(STATUSES, value="", allow_blank=False, id="status")

    async def fetch(self, service: UserAdmin) -> Page[PublicUser]:
        role = self.query_one("#role", Select).value
        status = self.query_one("#status", Select).value
        return await service.search(
            signed_in_id(self.app),
            text=self.query_one("#search", Input).value,
            role=Role(role) if isinstance(role, str) and role else None,
            status=UserStatus(status) if isinstance(status, str) and status else None,
            limit=PAGE,
        )

    def row(self, service: UserAdmin, u: PublicUser) -> Sequence[Text]:
        return (
            cell(u.name, 40),
            cell(u.email, 60),
            cell(u.role.value),
            cell(u.status.value),
            cell("locked" if service.is_locked(u) else ""),
            cell(f"{u.last_login:%m-%d %H:%M}" if u.last_login else "never"),
        )

    # --- the selected user -----------------------------------------------------------
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
