"""Streaks and periods in the user's time zone: the zone decides which day an event is on."""

from __future__ import annotations

from datetime import date

import pytest

from interviewai_tui.analytics.periods import PeriodKey, period_of, zone_for
from interviewai_tui.analytics.service import AnalyticsService
from interviewai_tui.analytics.streaks import Streaks, current_streak, longest_streak, runs
from interviewai_tui.clock import FrozenClock
from interviewai_tui.domain.common import AnalyticsType, PeriodType
from interviewai_tui.store import Store

from .dataset import add_user, at, interview, question

D = date.fromisoformat


def test_runs_and_streaks_of_plain_days() -> None:
    days = [D("2025-03-01"), D("2025-03-02"), D("2025-03-03"), D("2025-03-05"), D("2025-03-02")]
    assert runs(days) == [(D("2025-03-01"), D("2025-03-03")), (D("2025-03-05"), D("2025-03-05"))]
    assert longest_streak(days) == 3
    assert current_streak(days, D("2025-03-05")) == 1  # active today
    assert current_streak(days, D("2025-03-06")) == 1  # nothing yet today: still alive
    assert current_streak(days, D("2025-03-07")) == 0  # a whole day missed
    assert current_streak(days, D("2025-03-03")) == 3
    assert current_streak([], D("2025-03-03")) == 0
    streaks = Streaks(days)
    assert [streaks.on(D(f"2025-03-0{n}")) for n in range(1, 7)] == [1, 2, 3, 0, 1, 0]
    assert streaks.reached(3) == D("2025-03-03") and streaks.reached(4) is None


def test_weeks_months_and_dst_days_in_a_zone() -> None:
    ny = zone_for("America/New_York")
    # Clocks go forward on 9 March 2025 at 02:00: that day lasts 23 hours.
    day = PeriodKey(PeriodType.DAILY, D("2025-03-09"))
    start, end = day.bounds(ny)
    assert (start, end) == (at("2025-03-09", "05:00"), at("2025-03-10", "04:00"))
    week = period_of(PeriodType.WEEKLY, D("2025-03-09"))  # a Sunday
    assert week.start == D("2025-03-03") and week.label() == "2025-W10"
    assert week.bounds(ny) == (at("2025-03-03", "05:00"), at("2025-03-10", "04:00"))
    december = period_of(PeriodType.MONTHLY, D("2025-12-31"))
    assert (december.start, december.end) == (D("2025-12-01"), D("2026-01-01"))
    assert period_of(PeriodType.YEARLY, D("2025-06-30")).previous().label() == "2024"
    assert zone_for("Not/AZone").key == "UTC" and zone_for(None).key == "UTC"


@pytest.mark.parametrize(
    ("timezone", "days", "current", "longest"),
    [
        # 23:30 UTC on the 4th and 00:30 UTC on the 6th: a day apart in UTC, with the 5th
        # empty; consecutive evenings in New York; consecutive mornings in Tokyo.
        ("UTC", ["2025-03-04", "2025-03-06"], 1, 1),
        ("America/New_York", ["2025-03-04", "2025-03-05"], 2, 2),
        ("Asia/Tokyo", ["2025-03-05", "2025-03-06"], 2, 2),
    ],
)
async def test_the_users_time_zone_decides_the_day(
    store: Store,
    clock: FrozenClock,
    timezone: str,
    days: list[str],
    current: int,
    longest: int,
) -> None:
    user = await add_user(store, timezone=timezone)
    for start in (at("2025-03-04", "23:30"), at("2025-03-06", "00:30")):
        iv = interview(
            user.id,
            created=start,
            completed=start.replace(minute=50),
            score=70,
            skills={"Go": 70},
            questions=[question(score=70, submitted=start.replace(minute=40))],
        )
        await store.interviews.create(interview=iv)
    clock.set(at("2025-03-06", "03:00"))  # still the 5th in New York, the 6th elsewhere
    service = AnalyticsService(store, clock)
    report = await service.progress(user.public())  # builds the rollups on first use
    assert (report.current_streak, report.longest_streak) == (current, longest)
    daily = await store.analytics.list(
        user_id=user.id, type=AnalyticsType.USER, period_type=PeriodType.DAILY
    )
    zone = zone_for(timezone)
    assert [d.period.date for d in daily] == [
        PeriodKey(PeriodType.DAILY, D(day)).bounds(zone)[0] for day in days
    ]
    assert [d.user_metrics.streak_days for d in daily if d.user_metrics] == list(
        range(1, 3) if longest == 2 else [1, 1]
    )
