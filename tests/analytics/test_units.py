"""Pure pieces: achievements, common mistakes, topics, chat provider metrics, exports."""

from __future__ import annotations

from datetime import date, timedelta

from interviewai_tui.analytics.achievements import ACHIEVEMENTS, unlock_times
from interviewai_tui.analytics.chat_metrics import TopicMatcher, chat_document
from interviewai_tui.analytics.export import duration_text, progress_markdown
from interviewai_tui.analytics.history import csv_cell
from interviewai_tui.analytics.interview_metrics import common_mistakes
from interviewai_tui.analytics.progress import AchievementState, AiUsage, ProgressReport
from interviewai_tui.analytics.streaks import Streaks
from interviewai_tui.chat.bookkeeping import mark_partial
from interviewai_tui.domain.common import ChatRole, Difficulty, PeriodType, QuestionType
from interviewai_tui.domain.interviews import JudgeSummary

from .dataset import at, chat, interview, message, question


def test_achievement_table_has_unique_keys_and_the_issue_s_set() -> None:
    keys = [a.key for a in ACHIEVEMENTS]
    assert len(keys) == len(set(keys))
    for needed in (
        "first_interview",
        "interviews_5",
        "interviews_25",
        "interviews_100",
        "first_90",
        "streak_7",
        "all_question_types",
    ):
        assert needed in keys


def test_counts_streaks_and_hours_unlock_at_the_right_moment() -> None:
    start = at("2025-01-01", "09:00")
    done = [
        interview(
            "a" * 24,
            created=start + timedelta(days=i),
            completed=start + timedelta(days=i, minutes=30),
            score=50,
            time_spent=4000,
            stack=[f"Tech{i % 6}"],
            difficulty=Difficulty.EASY,
        )
        for i in range(9)
    ]
    days = [start.date() + timedelta(days=i) for i in range(9)]
    got = unlock_times(
        done,
        streaks=Streaks(days),
        first_event_on=lambda d: at(d.isoformat(), "09:00"),
        first_chat_at=None,
    )
    assert got["first_interview"] == done[0].completed_at
    assert got["interviews_5"] == done[4].completed_at
    assert got["polyglot"] == done[4].completed_at  # Tech0..Tech4
    assert got["ten_hours"] == done[8].completed_at  # 9 x 4000 s = 36000 s
    assert got["streak_7"] == at("2025-01-07", "09:00")
    for never in ("interviews_25", "first_90", "hard_pass", "comeback", "streak_30", "first_chat"):
        assert never not in got


def test_common_mistakes_from_feedback_and_failed_tests() -> None:
    q = question(
        QuestionType.CODING,
        score=40,
        submitted=at("2025-01-01"),
        code="x",
        feedback="Strengths: clear names\nThe loop is wrong for empty input. Nice style!\n"
        "You should handle negatives.",
        judge=JudgeSummary(
            passed=1, total=4, verdicts=["passed", "wrong_answer", "wrong_answer", "timeout"]
        ),
    )
    assert common_mistakes(q) == [
        "The loop is wrong for empty input",
        "You should handle negatives.",
        "Failed 3 of 4 tests (timeout ×1, wrong answer ×2)",
    ]
    assert common_mistakes(question(score=90, submitted=at("2025-01-01"))) == []
    long = question(feedback="It misses " + "x" * 300, submitted=at("2025-01-01"))
    (only,) = common_mistakes(long)
    assert len(only) == 120 and only.endswith("…")


def test_topics_are_literal_whole_words() -> None:
    topics = TopicMatcher(["C++", "Go", "SQL", "sql", "Node.js"])
    assert topics.names == ["C++", "Go", "SQL", "Node.js"]
    text = "I use C++ and Node.js; going to learn SQL. sql again. Cargo? go!"
    assert topics.top([text]) == ["SQL", "C++", "Go", "Node.js"]
    assert topics.top(["nothing here .* ("]) == []


def test_chat_document_counts_fallbacks_and_cut_off_replies() -> None:
    t = at("2025-03-01", "10:00")
    conversation = chat(
        "b" * 24,
        t,
        [
            message(ChatRole.USER, t, "Explain Go channels"),
            message(ChatRole.ASSISTANT, t, "Channels...", provider="gemini", response_ms=900),
            message(ChatRole.USER, t, "More"),
            message(
                ChatRole.ASSISTANT,
                t,
                mark_partial("Partial", "network error"),
                provider="deepseek",
                response_ms=5000,
            ),
            message(ChatRole.USER, t, "Again"),
            message(ChatRole.ASSISTANT, t, "Sure", provider="deepseek", response_ms=700),
        ],
        provider="gemini",
    )
    doc = chat_document(conversation, date=t, topics=TopicMatcher(["Go"]))
    m = doc["chatMetrics"]
    assert m["messageCount"] == 6
    assert m["averageResponseTime"] == 800.0  # the cut-off reply is left out
    assert m["topicsDiscussed"] == ["Go"]
    assert m["providerMetrics"] == {
        "primary": "deepseek",  # two replies against one
        "fallbackCount": 2,
        "errorRate": 33.3,
        "averageLatency": 700.0,  # deepseek's complete replies only
    }


def _report(**changes: object) -> ProgressReport:
    base: dict[str, object] = {
        "name": "Ann [b]x[/b]\x1b[2J",
        "timezone": "UTC",
        "today": date(2025, 4, 2),
        "granularity": PeriodType.MONTHLY,
        "trend": [],
        "skills": [],
        "current_streak": 0,
        "longest_streak": 0,
        "active_days": 0,
        "achievements": [AchievementState(a, None) for a in ACHIEVEMENTS],
        "interviews_completed": 0,
        "average_score": None,
        "best_score": None,
        "time_total": 0,
        "time_this_week": 0,
        "time_this_month": 0,
        "ai": AiUsage(),
    }
    base.update(changes)
    return ProgressReport(**base)  # type: ignore[arg-type]


def test_markdown_escapes_untrusted_text_and_handles_nothing_yet() -> None:
    text = progress_markdown(_report())
    assert text.splitlines()[0] == r"# Progress report — Ann \[b\]x\[/b\]"
    assert "\x1b" not in text
    assert "No completed interviews yet." in text and "No skill scores yet." in text
    assert "## Achievements (0 of 15)" in text
    assert "- Satisfaction: not rated" in text


def test_small_formatters() -> None:
    assert [csv_cell(v) for v in ("=1+1", "+x", "-2", "@a", "\tx", "plain", "")] == [
        "'=1+1",
        "'+x",
        "'-2",
        "'@a",
        "'\tx",
        "plain",
        "",
    ]
    assert [duration_text(s) for s in (40, 720, 3900, 8400)] == [
        "40 s",
        "12 min",
        "1 h 05 min",
        "2 h 20 min",
    ]
