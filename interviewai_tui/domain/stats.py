"""Aggregates that the store computes for analytics and admin screens."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from interviewai_tui.domain.common import Model

__all__ = ["DayCount", "InterviewOverview", "NamedCount", "UserInterviewStats", "UserOverview"]


class UserInterviewStats(Model):
    """One candidate's interview totals."""

    total: int = 0
    completed: int = 0
    in_progress: int = 0
    average_score: float | None = None  # over completed interviews with results; None if none
    best_score: int | None = None
    total_time_spent: int = 0  # seconds, from results.timeSpent


class DayCount(Model):
    day: date  # UTC calendar day
    count: int


class NamedCount(Model):
    name: str
    count: int


class InterviewOverview(Model):
    """Platform-wide interview figures for the admin dashboard."""

    total: int = 0
    by_status: dict[str, int] = Field(default_factory=dict)
    average_score: float | None = None  # completed interviews with results
    per_day: list[DayCount] = Field(default_factory=list)  # days with no interview are omitted
    top_roles: list[NamedCount] = Field(default_factory=list)


class UserOverview(Model):
    """Platform-wide user figures for the admin dashboard."""

    total: int = 0
    by_role: dict[str, int] = Field(default_factory=dict)
    by_status: dict[str, int] = Field(default_factory=dict)
    new_since: int = 0  # registrations at or after `since`
    active_since: int = 0  # users whose stats.lastActivityAt is at or after `since`
