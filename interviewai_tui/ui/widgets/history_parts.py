"""What the history, interview detail and progress screens share: finding the services,
the signed-in user, the export folder, and formatting in the user's time zone."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from interviewai_tui.analytics.errors import AnalyticsError
from interviewai_tui.analytics.periods import zone_for

if TYPE_CHECKING:
    from textual.app import App

    from interviewai_tui.analytics.history import HistoryService
    from interviewai_tui.analytics.service import AnalyticsService
    from interviewai_tui.domain.users import PublicUser

__all__ = [
    "SIGN_IN_FIRST",
    "analytics_service",
    "export_folder",
    "history_service",
    "local_time",
    "minutes_text",
    "report",
    "signed_in",
]

SIGN_IN_FIRST = "Sign in to see your history."


async def _container(app: App[Any]) -> Any:
    services = getattr(app, "services", None)
    if services is None:
        raise AnalyticsError("History is not available in this installation.")
    return await services()


async def history_service(app: App[Any]) -> HistoryService:
    from interviewai_tui.analytics.wiring import history_for

    return history_for(await _container(app))


async def analytics_service(app: App[Any]) -> AnalyticsService:
    from interviewai_tui.analytics.wiring import analytics_for

    return analytics_for(await _container(app))


async def export_folder(app: App[Any]) -> Path:
    """Where exports are written: ``exports/`` in the data folder."""
    settings = getattr(await _container(app), "settings", None)
    data_dir = getattr(settings, "data_dir", None)
    if data_dir is None:
        raise AnalyticsError("There is no data folder to export to.")
    return Path(data_dir) / "exports"


def signed_in(app: App[Any]) -> PublicUser:
    user = getattr(app, "user", None)
    if user is None:
        raise AnalyticsError(SIGN_IN_FIRST)
    return cast("PublicUser", user)


def report(app: App[Any], error: BaseException) -> None:
    """Show a failure: an analytics error's own sentence, anything else the app's way."""
    if isinstance(error, AnalyticsError):
        app.notify(error.message, severity="error", markup=False, timeout=8)
    else:
        from interviewai_tui.ui.failures import report_failure

        report_failure(app, error)


def local_time(moment: datetime, timezone: str | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    return moment.astimezone(zone_for(timezone)).strftime(fmt)


def minutes_text(seconds: int) -> str:
    """``25:13`` (minutes:seconds), ``1:02:03`` past an hour."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
