"""Progress: score trend, per-skill progress with improvement, streaks, achievements, time
spent and AI usage, from the user's stored rollups. Export to Markdown."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from interviewai_tui.analytics.export import duration_text, progress_markdown
from interviewai_tui.analytics.files import write_text
from interviewai_tui.domain.common import PeriodType
from interviewai_tui.ui.safe import one_line
from interviewai_tui.ui.screens.base import AppScreen
from interviewai_tui.ui.widgets.charts import bar, column_chart, sparkline
from interviewai_tui.ui.widgets.chrome import KeyHints, TitleBar
from interviewai_tui.ui.widgets.history_parts import (
    analytics_service,
    export_folder,
    report,
    signed_in,
)

if TYPE_CHECKING:
    from interviewai_tui.analytics.progress import ProgressReport
    from interviewai_tui.analytics.service import AnalyticsService

GRANULARITIES = (PeriodType.WEEKLY, PeriodType.MONTHLY, PeriodType.DAILY)
CHART_HEIGHT = 6
_NOUN = {PeriodType.DAILY: "day", PeriodType.WEEKLY: "week", PeriodType.MONTHLY: "month"}


def trend_lines(report: ProgressReport, width: int) -> list[str]:
    """The score chart, as many of the latest periods as fit in ``width`` columns."""
    fits = max(1, (width - 6) // 3)
    points = report.trend[-fits:]
    if not points:
        return ["No completed interviews yet: the trend appears after the first one."]
    chart = column_chart(
        [p.score for p in points],
        height=CHART_HEIGHT,
        labels=(points[0].label, points[-1].label),
    )
    latest = points[-1]
    noun = _NOUN.get(report.granularity, "period")
    return [
        f"Average score per {noun} (latest {latest.label}: {latest.score}, "
        f"{latest.count} interview{'s' if latest.count != 1 else ''})",
        *chart,
    ]


def skill_lines(report: ProgressReport) -> list[str]:
    if not report.skills:
        return ["No skill scores yet."]
    noun = _NOUN.get(report.granularity, "period")
    out = [
        f"Skills (change since the previous {noun} that scored them)",
        f"{'Skill':14} {'Score':18}  {'Change':>6}  History",
    ]
    for s in report.skills:
        change = f"+{s.improvement}" if s.improvement > 0 else str(s.improvement)
        out.append(
            f"{one_line(s.name, 14).ljust(14)} {bar(s.score, 14)} {s.score:>3}  "
            f"{change:>6}  {sparkline(s.history)}"
        )
    return out


def summary_lines(report: ProgressReport) -> list[str]:
    avg = "—" if report.average_score is None else f"{report.average_score}/100"
    best = "—" if report.best_score is None else f"{report.best_score}/100"
    return [
        f"Interviews completed {report.interviews_completed} · average {avg} · best {best}",
        f"Streak {report.current_streak} day(s) · longest {report.longest_streak} · "
        f"{report.active_days} active day(s)",
        f"Time practising {duration_text(report.time_total)} · this week "
        f"{duration_text(report.time_this_week)} · this month "
        f"{duration_text(report.time_this_month)}",
    ]


def achievement_lines(report: ProgressReport) -> list[str]:
    out = [f"Achievements: {len(report.unlocked)} of {len(report.achievements)}"]
    for state in report.achievements:
        a = state.achievement
        if state.unlocked_on is not None:
            out.append(f" ★ {a.title} — {a.description} ({state.unlocked_on.isoformat()})")
        else:
            out.append(f" · {a.title} — {a.description}")
    return out


def ai_lines(report: ProgressReport) -> list[str]:
    ai = report.ai
    rating = "not rated" if ai.satisfaction is None else f"{ai.satisfaction:.2f}/5"
    providers = ", ".join(one_line(p, 20) for p in ai.providers) or "none"
    return [
        f"AI assistant: {ai.total_messages} message(s) · average reply "
        f"{ai.average_response_ms:.0f} ms · satisfaction {rating}",
        f"Providers used: {providers}",
    ]


class ProgressScreen(AppScreen[None]):
    TITLE = "InterviewAI"
    SUB_TITLE = "Progress"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("g", "granularity", "Week/month/day"),
        Binding("e", "export", "Export"),
        Binding("r", "refresh", "Refresh"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, *, service: AnalyticsService | None = None) -> None:
        super().__init__()
        self._service = service
        self.granularity = PeriodType.WEEKLY
        self.report: ProgressReport | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="progress"):
            yield Static("Loading…", id="progress-summary")
            yield Static("", id="progress-trend", classes="progress-block")
            yield Static("", id="progress-skills", classes="progress-block")
            yield Static("", id="progress-achievements", classes="progress-block")
            yield Static("", id="progress-ai", classes="progress-block")
        yield KeyHints()

    def on_mount(self) -> None:
        self.query_one("#progress", VerticalScroll).loading = True
        self.load()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            report(self.app, event.worker.error)

    async def service(self) -> AnalyticsService:
        if self._service is None:
            self._service = await analytics_service(self.app)
        return self._service

    @work(exclusive=True, exit_on_error=False, group="progress-load")
    async def load(self, *, rebuild: bool = False) -> None:
        scroll = self.query_one("#progress", VerticalScroll)
        scroll.loading = True
        try:
            service = await self.service()
            user = signed_in(self.app)
            if rebuild:
                await service.rebuild_user(user)
            self.report = await service.progress(user, granularity=self.granularity)
        finally:
            scroll.loading = False
        self.render_report()

    def render_report(self) -> None:
        report = self.report
        if report is None:
            return
        width = max(40, self.query_one("#progress", VerticalScroll).size.width - 2)
        blocks = {
            "#progress-summary": summary_lines(report),
            "#progress-trend": trend_lines(report, width),
            "#progress-skills": skill_lines(report),
            "#progress-achievements": achievement_lines(report),
            "#progress-ai": ai_lines(report),
        }
        for selector, lines in blocks.items():
            self.query_one(selector, Static).update(Content("\n".join(lines)))

    def on_resize(self) -> None:
        self.render_report()

    def action_granularity(self) -> None:
        index = GRANULARITIES.index(self.granularity) if self.granularity in GRANULARITIES else 0
        self.granularity = GRANULARITIES[(index + 1) % len(GRANULARITIES)]
        self.notify(f"Showing the trend per {_NOUN[self.granularity]}.", markup=False)
        self.load()

    def action_refresh(self) -> None:
        self.load(rebuild=True)

    def action_back(self) -> None:
        self.dismiss(None)

    @work(exclusive=True, exit_on_error=False, group="progress-export")
    async def action_export(self) -> None:
        if self.report is None:
            return
        folder = await export_folder(self.app)
        path = await write_text(folder / "progress-report.md", progress_markdown(self.report))
        self.notify(f"Progress report written to {path}.", markup=False, timeout=8)
