"""History and analytics: rollups per day/week/month/year, interview and chat documents,
streaks, achievements, progress reports, history pages and exports. No Textual here."""

from interviewai_tui.analytics.errors import AnalyticsError

__all__ = ["AnalyticsError"]
