"""How the analytics and history services are found or built from the container.

The container may offer ``analytics`` and ``history`` itself; until it does, they are built
from its store and clock on first use and kept on it for the next caller.
"""

from __future__ import annotations

from typing import Any

from interviewai_tui.analytics.history import HistoryService
from interviewai_tui.analytics.service import AnalyticsService

__all__ = ["analytics_for", "history_for"]


def analytics_for(container: Any) -> AnalyticsService:
    own = getattr(container, "analytics", None)
    if isinstance(own, AnalyticsService):
        return own
    cached = getattr(container, "_analytics_service", None)
    if isinstance(cached, AnalyticsService):
        return cached
    service = AnalyticsService(container.store, container.clock)
    container._analytics_service = service
    return service


def history_for(container: Any) -> HistoryService:
    own = getattr(container, "history", None)
    if isinstance(own, HistoryService):
        return own
    cached = getattr(container, "_history_service", None)
    if isinstance(cached, HistoryService):
        return cached
    service = HistoryService(container.store, analytics_for(container))
    container._history_service = service
    return service
