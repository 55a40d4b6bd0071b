"""Calendar periods in the user's time zone, and their UTC bounds.

A user's day, week (Monday first, ISO), month and year begin at local midnight in the zone of
their ``preferences.timezone``; an unknown zone falls back to UTC. A period is stored with
``period.date`` = its first instant and ``period.endDate`` = the first instant of the next
period (exclusive), both in UTC, so consecutive periods tile time with no gap or overlap
even across daylight-saving changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from interviewai_tui.domain.common import PeriodType, to_utc

__all__ = [
    "PERIOD_TYPES",
    "PeriodKey",
    "local_day",
    "local_midnight",
    "period_of",
    "zone_for",
]

PERIOD_TYPES: tuple[PeriodType, ...] = (
    PeriodType.DAILY,
    PeriodType.WEEKLY,
    PeriodType.MONTHLY,
    PeriodType.YEARLY,
)


@lru_cache(maxsize=256)
def zone_for(name: str | None) -> ZoneInfo:
    """The user's zone; UTC when the name is empty or unknown (never an error)."""
    if not name:
        return ZoneInfo("UTC")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def local_day(moment: datetime, zone: ZoneInfo) -> date:
    """The calendar day ``moment`` falls on in ``zone``."""
    return moment.astimezone(zone).date()


def local_midnight(day: date, zone: ZoneInfo) -> datetime:
    """The UTC instant at which ``day`` begins in ``zone``.

    Where midnight does not exist (a DST jump at 00:00) zoneinfo applies the offset from
    before the jump, which is the instant the day really begins.
    """
    return to_utc(datetime.combine(day, time(0), tzinfo=zone))


def _start_day(kind: PeriodType, day: date) -> date:
    if kind is PeriodType.DAILY:
        return day
    if kind is PeriodType.WEEKLY:
        return day - timedelta(days=day.weekday())
    if kind is PeriodType.MONTHLY:
        return day.replace(day=1)
    return date(day.year, 1, 1)


def _next_start_day(kind: PeriodType, start: date) -> date:
    if kind is PeriodType.DAILY:
        return start + timedelta(days=1)
    if kind is PeriodType.WEEKLY:
        return start + timedelta(days=7)
    if kind is PeriodType.MONTHLY:
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return date(start.year + 1, 1, 1)


@dataclass(frozen=True, slots=True, order=True)
class PeriodKey:
    """One calendar period: its kind and its first local day."""

    kind: PeriodType
    start: date

    @property
    def end(self) -> date:
        """The first local day of the next period."""
        return _next_start_day(self.kind, self.start)

    def previous(self) -> PeriodKey:
        return PeriodKey(self.kind, _start_day(self.kind, self.start - timedelta(days=1)))

    def contains(self, day: date) -> bool:
        return self.start <= day < self.end

    def bounds(self, zone: ZoneInfo) -> tuple[datetime, datetime]:
        """The period as UTC instants [start, end)."""
        return local_midnight(self.start, zone), local_midnight(self.end, zone)

    def label(self) -> str:
        """Short human name: 2025-03-04, 2025-W10, 2025-03 or 2025."""
        if self.kind is PeriodType.DAILY:
            return self.start.isoformat()
        if self.kind is PeriodType.WEEKLY:
            year, week, _ = self.start.isocalendar()
            return f"{year}-W{week:02d}"
        if self.kind is PeriodType.MONTHLY:
            return f"{self.start.year}-{self.start.month:02d}"
        return str(self.start.year)


def period_of(kind: PeriodType, day: date) -> PeriodKey:
    """The period of ``kind`` that holds the local ``day``."""
    return PeriodKey(kind, _start_day(kind, day))
