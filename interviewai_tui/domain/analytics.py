"""Per-period analytics documents (the seed's `analytics` collection).

One document per (userId, type, period.type, period.date); the four metric families are
filled according to `type`. Retention per the seed: 5 years.
"""

from __future__ import annotations

from pydantic import Field

from interviewai_tui.domain.common import (
    AnalyticsType,
    Document,
    Model,
    ObjectIdStr,
    PeriodType,
    Score,
    UtcDateTime,
    utcnow,
)

__all__ = [
    "AiInteractions",
    "AiProviderStat",
    "Analytics",
    "ChatMetrics",
    "DifficultyDistribution",
    "FeatureUsage",
    "InterviewMetrics",
    "Period",
    "ProviderMetrics",
    "QuestionMetric",
    "ScorePoint",
    "SkillProgress",
    "SystemAnalytics",
    "UserMetrics",
]


class Period(Model):
    type: PeriodType
    date: UtcDateTime  # start of the period
    end_date: UtcDateTime | None = None


class SkillProgress(Model):
    score: Score = 0
    improvement: int = 0  # change since the previous period, may be negative


class ScorePoint(Model):
    date: UtcDateTime
    score: Score = 0
    interview_id: ObjectIdStr | None = None


class AiInteractions(Model):
    total_messages: int = 0
    average_response_time: float = 0.0
    satisfaction_rating: float | None = None
    providers_used: list[str] = Field(default_factory=list)


class UserMetrics(Model):
    interviews_completed: int = 0
    average_score: Score = 0
    total_time_spent: int = 0  # seconds
    skill_progress: dict[str, SkillProgress] = Field(default_factory=dict)
    streak_days: int = 0
    achievements: list[str] = Field(default_factory=list)
    login_count: int = 0
    session_duration: float = 0.0
    features_used: list[str] = Field(default_factory=list)
    score_history: list[ScorePoint] = Field(default_factory=list)
    ai_interactions: AiInteractions = Field(default_factory=AiInteractions)


class DifficultyDistribution(Model):
    easy: int = 0
    medium: int = 0
    hard: int = 0


class QuestionMetric(Model):
    question_id: ObjectIdStr | None = None
    average_score: Score = 0
    average_time: float = 0.0
    success_rate: float = 0.0
    common_mistakes: list[str] = Field(default_factory=list)


class InterviewMetrics(Model):
    interview_id: ObjectIdStr | None = None
    completion_rate: float = 0.0
    average_question_time: float = 0.0
    difficulty_distribution: DifficultyDistribution = Field(default_factory=DifficultyDistribution)
    skill_performance: dict[str, Score] = Field(default_factory=dict)
    question_metrics: list[QuestionMetric] = Field(default_factory=list)


class ProviderMetrics(Model):
    primary: str | None = None
    fallback_count: int = 0
    error_rate: float = 0.0
    average_latency: float = 0.0


class ChatMetrics(Model):
    session_id: ObjectIdStr | None = None
    message_count: int = 0
    average_response_time: float = 0.0
    tokens_used: int = 0
    cost: float = 0.0
    user_satisfaction: float | None = None
    topics_discussed: list[str] = Field(default_factory=list)
    provider_metrics: ProviderMetrics = Field(default_factory=ProviderMetrics)


class AiProviderStat(Model):
    provider: str
    request_count: int = 0
    success_rate: float = 0.0
    average_latency: float = 0.0
    total_cost: float = 0.0
    error_count: int = 0


class FeatureUsage(Model):
    interviews: int = 0
    chat_sessions: int = 0
    practice_questions: int = 0
    admin_actions: int = 0


class SystemAnalytics(Model):
    active_users: int = 0
    new_registrations: int = 0
    total_interviews: int = 0
    system_uptime: float = 0.0
    average_response_time: float = 0.0
    error_rate: float = 0.0
    cpu_usage: float = 0.0
    memory_usage: float = 0.0
    disk_usage: float = 0.0
    ai_provider_stats: list[AiProviderStat] = Field(default_factory=list)
    feature_usage: FeatureUsage = Field(default_factory=FeatureUsage)


class Analytics(Document):
    user_id: ObjectIdStr | None = None  # None for platform-wide ("system") documents
    type: AnalyticsType
    period: Period
    user_metrics: UserMetrics | None = None
    interview_metrics: InterviewMetrics | None = None
    chat_metrics: ChatMetrics | None = None
    system_metrics: SystemAnalytics | None = None
    created_at: UtcDateTime = Field(default_factory=utcnow)
    updated_at: UtcDateTime = Field(default_factory=utcnow)
