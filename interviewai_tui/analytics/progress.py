"""A user's progress, read from their stored ``user`` rollups (never from every interview).

The progress screen and the Markdown export show a ``ProgressReport``. It is built from the
daily documents (active days, achievements), the documents of the chosen granularity (score
trend, skills) and the yearly ones (totals, AI usage), so its cost does not grow with the
number of interviews.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from interviewai_tui.analytics.achievements import ACHIEVEMENTS, Achievement
from interviewai_tui.analytics.numbers import round_half_up
from interviewai_tui.analytics.periods import PeriodKey, local_day
from interviewai_tui.analytics.streaks import current_streak, longest_streak
from interviewai_tui.domain.analytics import Analytics, UserMetrics
from interviewai_tui.domain.common import PeriodType

__all__ = [
    "AchievementState",
    "AiUsage",
    "ProgressReport",
    "SkillRow",
    "TrendPoint",
    "build_report",
]

SKILL_HISTORY = 12  # periods of history kept per skill for its sparkline


@dataclass(frozen=True, slots=True)
class TrendPoint:
    label: str
    start: date
    score: int
    count: int


@dataclass(frozen=True, slots=True)
class SkillRow:
    name: str
    score: int
    improvement: int
    history: list[int]


@dataclass(frozen=True, slots=True)
class AchievementState:
    achievement: Achievement
    unlocked_on: date | None  # local day


@dataclass(frozen=True, slots=True)
class AiUsage:
    total_messages: int = 0
    average_response_ms: float = 0.0
    satisfaction: float | None = None
    providers: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ProgressReport:
    name: str
    timezone: str
    today: date
    granularity: PeriodType
    trend: list[TrendPoint]
    skills: list[SkillRow]
    current_streak: int
    longest_streak: int
    active_days: int
    achievements: list[AchievementState]
    interviews_completed: int
    average_score: int | None
    best_score: int | None
    time_total: int
    time_this_week: int
    time_this_month: int
    ai: AiUsage

    @property
    def unlocked(self) -> list[AchievementState]:
        return [a for a in self.achievements if a.unlocked_on is not None]


def _metrics(doc: Analytics) -> UserMetrics:
    return doc.user_metrics or UserMetrics()


def _key(doc: Analytics, zone: ZoneInfo) -> PeriodKey:
    return PeriodKey(doc.period.type, local_day(doc.period.date, zone))


def _trend(docs: Sequence[Analytics], zone: ZoneInfo) -> list[TrendPoint]:
    out: list[TrendPoint] = []
    for doc in docs:
        m = _metrics(doc)
        if m.interviews_completed:
            key = _key(doc, zone)
            out.append(TrendPoint(key.label(), key.start, m.average_score, m.interviews_completed))
    return out


def _skills(docs: Sequence[Analytics]) -> list[SkillRow]:
    history: dict[str, list[int]] = {}
    latest: dict[str, tuple[int, int]] = {}
    for doc in docs:
        for name, progress in _metrics(doc).skill_progress.items():
            history.setdefault(name, []).append(progress.score)
            latest[name] = (progress.score, progress.improvement)
    return [
        SkillRow(name, latest[name][0], latest[name][1], history[name][-SKILL_HISTORY:])
        for name in sorted(history, key=str.casefold)
    ]


def _ai(yearly: Sequence[Analytics]) -> AiUsage:
    # Yearly documents hold means; weighting them by their message counts recovers the
    # all-time mean (exactly when every user message got one reply).
    total = sum(_metrics(d).ai_interactions.total_messages for d in yearly)
    timed = [
        (d.ai_interactions.average_response_time, d.ai_interactions.total_messages)
        for d in map(_metrics, yearly)
        if d.ai_interactions.average_response_time
    ]
    rated = [
        (d.ai_interactions.satisfaction_rating, d.ai_interactions.total_messages)
        for d in map(_metrics, yearly)
        if d.ai_interactions.satisfaction_rating is not None
    ]
    providers = sorted({p for d in map(_metrics, yearly) for p in d.ai_interactions.providers_used})
    return AiUsage(
        total_messages=total,
        average_response_ms=_weighted(timed, 1) or 0.0,
        satisfaction=_weighted(rated, 2),
        providers=providers,
    )


def _weighted(pairs: Sequence[tuple[float, int]], digits: int) -> float | None:
    weight = sum(max(1, w) for _, w in pairs)
    if not pairs:
        return None
    return round(sum(v * max(1, w) for v, w in pairs) / weight, digits)


def build_report(
    *,
    name: str,
    timezone: str,
    zone: ZoneInfo,
    now: datetime,
    granularity: PeriodType,
    daily: Sequence[Analytics],
    chosen: Sequence[Analytics],
    yearly: Sequence[Analytics],
    this_week: Analytics | None,
    this_month: Analytics | None,
    average_score: float | None,
    best_score: int | None,
) -> ProgressReport:
    """Assemble the report from the user's stored documents (each list oldest first)."""
    today = local_day(now, zone)
    active = [local_day(d.period.date, zone) for d in daily if _metrics(d).login_count > 0]
    unlocked: dict[str, date] = {}
    for doc in daily:
        for key in _metrics(doc).achievements:
            unlocked.setdefault(key, local_day(doc.period.date, zone))
    completed = sum(_metrics(d).interviews_completed for d in yearly)
    return ProgressReport(
        name=name,
        timezone=timezone,
        today=today,
        granularity=granularity,
        trend=_trend(chosen, zone),
        skills=_skills(chosen),
        current_streak=current_streak(active, today),
        longest_streak=longest_streak(active),
        active_days=len(set(active)),
        achievements=[AchievementState(a, unlocked.get(a.key)) for a in ACHIEVEMENTS],
        interviews_completed=completed,
        average_score=None if average_score is None else round_half_up(average_score),
        best_score=best_score,
        time_total=sum(_metrics(d).total_time_spent for d in yearly),
        time_this_week=_metrics(this_week).total_time_spent if this_week else 0,
        time_this_month=_metrics(this_month).total_time_spent if this_month else 0,
        ai=_ai(yearly),
    )
