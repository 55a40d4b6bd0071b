"""``type: "user"`` documents: one per day, week, month and year in which the user was active.

Definitions (the progress screen and the tests rely on them):
- interviewsCompleted, averageScore, totalTimeSpent, scoreHistory: the interviews *completed*
  in the period (by completedAt, in the user's zone); averageScore is the mean totalScore
  rounded half up; totalTimeSpent sums results.timeSpent.
- skillProgress: per skill of results.skillScores, the mean score in the period, and its
  improvement over the latest earlier period of the same kind that scored the skill.
- streakDays: the run of consecutive active days reached on the period's last active day.
- achievements: the keys unlocked during the period.
- loginCount / sessionDuration: visits starting in the period and their mean length in
  seconds (see ``activity``); featuresUsed: features with activity in the period.
- aiInteractions: chat messages in the period (user and assistant), the mean response time
  of complete replies (ms), the mean rating given, and the AI providers used by chat replies
  and by the interviews completed in the period.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from interviewai_tui.analytics.achievements import ACHIEVEMENTS, unlock_times
from interviewai_tui.analytics.activity import (
    Event,
    chat_events,
    completed_moment,
    interview_events,
    interview_span,
    is_completed,
    visits,
)
from interviewai_tui.analytics.numbers import mean, score_mean
from interviewai_tui.analytics.periods import PERIOD_TYPES, PeriodKey, local_day, period_of
from interviewai_tui.analytics.streaks import Streaks
from interviewai_tui.analytics.writer import Doc
from interviewai_tui.chat.bookkeeping import is_partial
from interviewai_tui.domain.chats import ChatMessage, ChatSession
from interviewai_tui.domain.common import AnalyticsType, ChatRole, PeriodType
from interviewai_tui.domain.interviews import Interview

__all__ = ["UserHistory", "user_documents"]

_ORDER = {a.key: i for i, a in enumerate(ACHIEVEMENTS)}


@dataclass(slots=True)
class UserHistory:
    """Everything one user did, as loaded from the store."""

    user_id: str
    zone: ZoneInfo
    interviews: list[Interview] = field(default_factory=list)
    chats: list[ChatSession] = field(default_factory=list)

    def completed(self) -> list[Interview]:
        done = [iv for iv in self.interviews if is_completed(iv)]
        return sorted(done, key=lambda iv: (completed_moment(iv), iv.id))

    def events(self) -> list[Event]:
        out = [e for iv in self.interviews for e in interview_events(iv)]
        out += [e for chat in self.chats for e in chat_events(chat)]
        return out

    def messages(self) -> list[ChatMessage]:
        return [m for c in self.chats for m in c.messages if m.role is not ChatRole.SYSTEM]


@dataclass(slots=True)
class _Bucket:
    completed: list[Interview] = field(default_factory=list)
    features: set[str] = field(default_factory=set)
    last_active: date | None = None
    visits: list[float] = field(default_factory=list)
    messages: list[ChatMessage] = field(default_factory=list)
    achievements: list[str] = field(default_factory=list)


def user_documents(history: UserHistory) -> list[Doc]:
    """The user's period documents in stored form, oldest period first."""
    zone = history.zone
    events = history.events()
    if not events:
        return []
    days: dict[datetime, date] = {}

    def day(at: datetime) -> date:
        found = days.get(at)
        if found is None:
            found = days[at] = local_day(at, zone)
        return found

    first_on: dict[date, datetime] = {}
    for e in events:
        d = day(e.at)
        if d not in first_on or e.at < first_on[d]:
            first_on[d] = e.at
    streaks = Streaks(first_on)
    completed = [(day(completed_moment(iv)), iv) for iv in history.completed()]
    messages = [(day(m.timestamp), m) for m in history.messages()]
    unlocked = unlock_times(
        [iv for _, iv in completed],
        streaks=streaks,
        first_event_on=first_on.__getitem__,
        first_chat_at=min(
            (m.timestamp for _, m in messages if m.role is ChatRole.USER), default=None
        ),
    )
    activity = [(e.at, e.at) for e in events] + [interview_span(iv) for iv in history.interviews]
    spans = [(day(a), (b - a).total_seconds()) for a, b in visits(activity)]
    features = {(day(e.at), e.feature) for e in events}
    docs: list[Doc] = []
    for kind in PERIOD_TYPES:
        # Few distinct days, many events: look each day's period up once.
        keys: dict[date, PeriodKey] = {}

        def key(d: date, keys: dict[date, PeriodKey] = keys, kind: PeriodType = kind) -> PeriodKey:
            found = keys.get(d)
            if found is None:
                found = keys[d] = period_of(kind, d)
            return found

        buckets: dict[PeriodKey, _Bucket] = defaultdict(_Bucket)
        for d, feature in features:
            bucket = buckets[key(d)]
            bucket.features.add(feature)
            if bucket.last_active is None or d > bucket.last_active:
                bucket.last_active = d
        for d, iv in completed:
            buckets[key(d)].completed.append(iv)
        for d, seconds in spans:
            buckets[key(d)].visits.append(seconds)
        for d, m in messages:
            buckets[key(d)].messages.append(m)
        for name, at in unlocked.items():
            buckets[key(day(at))].achievements.append(name)
        docs += _documents(history.user_id, zone, buckets, streaks)
    return docs


def _documents(
    user_id: str,
    zone: ZoneInfo,
    buckets: dict[PeriodKey, _Bucket],
    streaks: Streaks,
) -> list[Doc]:
    last_skill: dict[str, int] = {}
    out: list[Doc] = []
    for key in sorted(buckets):
        bucket = buckets[key]
        skills = _skill_means(bucket.completed)
        progress = {
            name: {"score": score, "improvement": score - last_skill.get(name, score)}
            for name, score in skills.items()
        }
        last_skill.update(skills)
        start, end = key.bounds(zone)
        scores = [iv.results.total_score for iv in bucket.completed if iv.results]
        metrics = {
            "interviewsCompleted": len(bucket.completed),
            "averageScore": score_mean(scores),
            "totalTimeSpent": sum(_time_spent(iv) for iv in bucket.completed),
            "skillProgress": progress,
            "streakDays": streaks.on(bucket.last_active) if bucket.last_active else 0,
            "achievements": sorted(bucket.achievements, key=_ORDER.__getitem__),
            "loginCount": len(bucket.visits),
            "sessionDuration": mean(bucket.visits),
            "featuresUsed": sorted(bucket.features),
            "scoreHistory": [
                {
                    "date": completed_moment(iv),
                    "score": iv.results.total_score if iv.results else 0,
                    "interviewId": iv.id,
                }
                for iv in bucket.completed
            ],
            "aiInteractions": _ai(bucket),
        }
        out.append(
            {
                "userId": user_id,
                "type": AnalyticsType.USER.value,
                "period": {"type": key.kind.value, "date": start, "endDate": end},
                "userMetrics": metrics,
            }
        )
    return out


def _skill_means(completed: Sequence[Interview]) -> dict[str, int]:
    scores: dict[str, list[int]] = defaultdict(list)
    for iv in completed:
        if iv.results is not None:
            for name, score in iv.results.skill_scores.items():
                scores[name].append(score)
    return {name: score_mean(values) for name, values in sorted(scores.items())}


def _time_spent(interview: Interview) -> int:
    if interview.results is not None and interview.results.time_spent:
        return interview.results.time_spent
    return sum(q.time_spent for q in interview.questions)


def _ai(bucket: _Bucket) -> dict[str, object]:
    replies = [m for m in bucket.messages if m.role is ChatRole.ASSISTANT]
    times = [m.response_time for m in replies if m.response_time is not None and not is_partial(m)]
    ratings = [
        m.feedback.rating
        for m in bucket.messages
        if m.feedback is not None and m.feedback.rating is not None
    ]
    providers = {m.provider for m in replies if m.provider}
    providers |= {
        iv.ai_processing.provider
        for iv in bucket.completed
        if iv.ai_processing is not None and iv.ai_processing.provider
    }
    return {
        "totalMessages": len(bucket.messages),
        "averageResponseTime": mean(times),
        "satisfactionRating": mean(ratings, 2) if ratings else None,
        "providersUsed": sorted(providers),
    }
