"""Streaks: runs of consecutive active days (local calendar days of the user's zone).

The current streak is the run that ends today, or yesterday when nothing has happened yet
today (the streak is still alive until a whole local day passes without activity).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from datetime import date, timedelta

__all__ = ["Streaks", "current_streak", "longest_streak", "runs"]


def runs(days: Iterable[date]) -> list[tuple[date, date]]:
    """Maximal runs of consecutive days as (first, last), oldest first."""
    out: list[tuple[date, date]] = []
    for day in sorted(set(days)):
        if out and day - out[-1][1] == timedelta(days=1):
            out[-1] = (out[-1][0], day)
        else:
            out.append((day, day))
    return out


def _length(run: tuple[date, date]) -> int:
    return (run[1] - run[0]).days + 1


def longest_streak(days: Iterable[date]) -> int:
    return max((_length(r) for r in runs(days)), default=0)


def current_streak(days: Iterable[date], today: date) -> int:
    found = [r for r in runs(days) if r[0] <= today]
    if not found:
        return 0
    last = found[-1]
    end = min(last[1], today)
    if (today - end).days > 1:
        return 0
    return (end - last[0]).days + 1


class Streaks:
    """Streak lengths on any day, from one sorted pass over the active days."""

    def __init__(self, days: Iterable[date]) -> None:
        self._runs = runs(days)
        self._firsts = [r[0] for r in self._runs]

    def on(self, day: date) -> int:
        """Length of the run up to and including ``day`` (0 when ``day`` was not active)."""
        i = bisect_right(self._firsts, day) - 1
        if i < 0 or day > self._runs[i][1]:
            return 0
        return (day - self._runs[i][0]).days + 1

    def reached(self, length: int) -> date | None:
        """The first day on which a run reached ``length`` days, if one ever did."""
        for first, last in self._runs:
            if _length((first, last)) >= length:
                return first + timedelta(days=length - 1)
        return None

    @property
    def longest(self) -> int:
        return max((_length(r) for r in self._runs), default=0)
