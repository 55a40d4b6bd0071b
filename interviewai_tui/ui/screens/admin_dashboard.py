"""The admin dashboard: health at a glance, charts of the last hour and day, open alerts (with
a key to resolve them), AI providers, collection sizes and user activity.

It refreshes itself every `dashboard_refresh` seconds. Each refresh reads only what is new
(see `admin.dashboard`) and updates widgets in place, so nothing flickers and the cursor in
the alerts table stays on the same alert.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Static

from interviewai_tui.auth.errors import PermissionDenied
from interviewai_tui.ui.safe import one_line
from interviewai_tui.ui.screens.admin_base import AdminScreen
from interviewai_tui.ui.widgets.admin_charts import ChartColumn
from interviewai_tui.ui.widgets.admin_tables import (
    add_columns,
    cell,
    selected_key,
    signed_in_id,
    sync_rows,
)
from interviewai_tui.ui.widgets.chrome import KeyHints, TitleBar

if TYPE_CHECKING:
    from textual.timer import Timer

    from interviewai_tui.admin.dashboard import Dashboard, DashboardView
    from interviewai_tui.admin.wiring import AdminServices
    from interviewai_tui.domain.metrics import SystemMetric

STATUS_STYLE = {"healthy": "bold $text-success", "warning": "bold $text-warning"}
# Widths fit 80 columns with the cell padding: 11+8+11+40 (+8) and 9+8+6+6+8+6+8 (+14).
ALERT_COLUMNS = (("Time (UTC)", 11), ("Level", 8), ("Component", 11), ("Message", 40))
PROVIDER_COLUMNS = (
    ("Provider", 9),
    ("Status", 8),
    ("Calls", 6),
    ("OK %", 6),
    ("Latency", 8),
    ("Errors", 6),
    ("Cost", 8),
)


def health_line(view: DashboardView) -> Content:
    latest = view.latest
    if latest is None:
        return Content(
            "No metrics yet: start the app's collector or `interviewai metrics collect`."
        )
    health = latest.health
    status = health.status.value
    parts = [
        Content.styled(f" {status.upper()} ", STATUS_STYLE.get(status, "bold $text-error")),
        Content(
            f"  uptime {health.uptime:.1f}% · response {health.response_time:.0f} ms"
            f" · errors {health.error_rate:.1f}% · at {latest.timestamp:%H:%M} UTC"
        ),
    ]
    if view.stale:
        parts.append(Content.styled("  (old: is a collector running?)", "$text-warning"))
    return Content.assemble(*parts)


def facts_text(latest: SystemMetric | None) -> Content:
    if latest is None:
        return Content("")
    c = latest.database.collections
    a = latest.user_activity
    f = a.feature_usage
    return Content(
        f"Collections: users {c.users:,} · interviews {c.interviews:,} · chats "
        f"{c.chat_sessions:,} · questions {c.questions:,} · analytics {c.analytics:,}\n"
        f"Users: {a.active_users} active (15 min) · {a.new_registrations} new · "
        f"{a.total_logins} sign-ins · {a.concurrent_sessions} in session · "
        f"interviews {f.interviews} · chats {f.chat_sessions} · admin actions {f.admin_actions}"
    )


class AdminDashboardScreen(AdminScreen["Dashboard"]):
    TITLE = "InterviewAI"
    SUB_TITLE = "Admin dashboard"
    AUTO_FOCUS = "#alerts"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "resolve", "Resolve alert"),
        Binding("f5", "refresh", "Refresh"),
        Binding("u", "app.go('admin_users')", "Users"),
        Binding("b", "app.go('admin_questions')", "Questions"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(
        self, *, dashboard: Dashboard | None = None, refresh_seconds: float | None = None
    ) -> None:
        super().__init__(dashboard)
        self._refresh_seconds = refresh_seconds
        self.view: DashboardView | None = None
        self.refreshes = 0
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="dashboard"):
            yield Static("Loading…", id="health")
            with Horizontal(id="charts"):
                yield ChartColumn("Last hour", id="hour")
                yield ChartColumn("Last 24 hours", id="day")
            yield Static("Open alerts — r resolves the selected one", classes="admin-title")
            yield DataTable(id="alerts", cursor_type="row", zebra_stripes=True)
            yield Static("AI providers (last sample)", classes="admin-title")
            yield DataTable(id="providers", cursor_type="row", show_cursor=False)
            yield Static("", id="facts")
        yield KeyHints()

    def on_mount(self) -> None:
        add_columns(self.query_one("#alerts", DataTable), ALERT_COLUMNS)
        add_columns(self.query_one("#providers", DataTable), PROVIDER_COLUMNS)
        self.refresh_data()
        self._timer = self.set_interval(
            self._interval(), self.refresh_data, name="dashboard-refresh"
        )

    def _interval(self) -> float:
        if self._refresh_seconds is not None:
            return self._refresh_seconds
        settings = getattr(getattr(self.app, "container", None), "settings", None)
        return float(getattr(settings, "dashboard_refresh", 5))

    def pick_service(self, services: AdminServices) -> Dashboard:
        return services.dashboard()

    @work(exclusive=True, exit_on_error=False, group="dashboard")
    async def refresh_data(self) -> None:
        dashboard = await self.service()
        actor = signed_in_id(self.app)
        try:
            view = await dashboard.refresh(actor)
        except PermissionDenied as denied:
            # No point asking again every few seconds: the role is gone until signed in anew.
            if self._timer is not None:
                self._timer.stop()
            self.query_one("#health", Static).update(Content(denied.message))
            self.notify(denied.message, severity="error", markup=False)
            return
        self.show(view)
        # A new dashboard has the last hour; the rest of the day arrives a chunk at a time.
        while (older := await dashboard.backfill(actor)) is not None:
            self.show(older)

    def show(self, view: DashboardView) -> None:
        self.view = view
        self.refreshes += 1
        self.query_one("#health", Static).update(health_line(view))
        self.query_one("#hour", ChartColumn).show(view.hour)
        day = self.query_one("#day", ChartColumn)
        day.show(view.day)
        day.set_title("Last 24 hours" if view.day_complete else "Last 24 hours (reading…)")
        alerts = self.query_one("#alerts", DataTable)
        sync_rows(
            alerts,
            [
                (
                    a.id,
                    (
                        cell(f"{a.timestamp:%m-%d %H:%M}"),
                        cell(a.type.value),
                        cell(a.component or "-"),
                        cell(a.message, 200),
                    ),
                )
                for a in view.alerts
            ],
        )
        latest = view.latest
        providers = latest.ai_providers if latest is not None else []
        sync_rows(
            self.query_one("#providers", DataTable),
            [
                (
                    p.provider,
                    (
                        cell(p.provider),
                        cell(p.status.value),
                        cell(p.request_count),
                        cell(f"{p.success_rate:.1f}"),
                        cell(f"{p.average_latency:.0f} ms"),
                        cell(p.error_count),
                        cell(f"${p.cost:.4f}"),
                    ),
                )
                for p in providers
            ],
        )
        self.query_one("#facts", Static).update(facts_text(latest))

    def action_refresh(self) -> None:
        self.refresh_data()

    def action_resolve(self) -> None:
        alert_id = selected_key(self.query_one("#alerts", DataTable))
        if alert_id is None:
            self.notify("No alert is selected.", severity="warning", markup=False)
            return
        self._resolve(alert_id)

    @work(exclusive=True, exit_on_error=False, group="dashboard-resolve")
    async def _resolve(self, alert_id: str) -> None:
        dashboard = await self.service()
        done = await dashboard.resolve_alert(signed_in_id(self.app), alert_id)
        message = "Alert resolved." if done else "That alert was already gone."
        self.notify(one_line(message), markup=False)
        self.refresh_data()
