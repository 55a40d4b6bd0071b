"""Validation rules of the domain models."""

from __future__ import annotations

import re
import threading
import time
from datetime import UTC, datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from interviewai_tui.clock import FrozenClock, SystemClock
from interviewai_tui.domain.chats import ChatMessage, MessageFeedback
from interviewai_tui.domain.common import (
    ChatRole,
    Difficulty,
    InterviewStatus,
    QuestionType,
    Role,
    UserStatus,
    new_id,
    normalize_email,
)
from interviewai_tui.domain.interviews import Interview, InterviewQuestion, InterviewResults
from interviewai_tui.domain.metrics import ServerMetrics
from interviewai_tui.domain.questions import EvaluationCriterion, Question, TestCase
from interviewai_tui.domain.users import PublicUser, User

UID = "65f0c0ffee0000000000abcd"


def _user(**kw: object) -> User:
    return User.model_validate({"email": "a@b.co", "name": "Ann", **kw})


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("  Ann.Lee@Example.COM ", "ann.lee@example.com"),
        ("x+tag@sub.domain.io", "x+tag@sub.domain.io"),
        ("o'brien@example.ie", "o'brien@example.ie"),
    ],
)
def test_email_is_trimmed_and_lowercased(raw: str, stored: str) -> None:
    assert _user(email=raw).email == stored


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "plain",
        "@example.com",
        "a@",
        "a@b",
        "a@b.c",
        "a b@example.com",
        "a..b@example.com",
        ".a@example.com",
        "a@-example.com",
        "a@example..com",
        "a@exa_mple.com",
        "a" * 65 + "@example.com",
        "a@" + "b" * 250 + ".com",
        "a@b.co\nx",
        "a@b.co\x00",
        '"quoted"@example.com',
    ],
)
def test_invalid_emails_are_rejected(bad: str) -> None:
    with pytest.raises(ValidationError):
        _user(email=bad)
    with pytest.raises(ValueError):
        normalize_email(bad)


def test_email_must_be_a_string_not_an_operator() -> None:
    with pytest.raises(ValidationError):
        _user(email={"$gt": ""})


def test_scores_are_integers_0_to_100_defaulting_to_0() -> None:
    assert InterviewQuestion(question="q").score == 0
    assert InterviewResults().total_score == 0
    assert InterviewResults(total_score=100).total_score == 100
    assert InterviewResults.model_validate({"totalScore": 87.0}).total_score == 87
    for bad in (-1, 101, 87.5, "high"):
        with pytest.raises(ValidationError):
            InterviewResults.model_validate({"totalScore": bad})
    with pytest.raises(ValidationError):
        InterviewResults(skill_scores={"React": 120})
    results = InterviewResults()
    with pytest.raises(ValidationError):
        results.consistency = 150  # assignments are validated too


def test_enums_accept_only_the_seed_values() -> None:
    u = _user(role="admin", status="blocked")
    assert (u.role, u.status) == (Role.ADMIN, UserStatus.BLOCKED)
    with pytest.raises(ValidationError):
        _user(role="root")
    with pytest.raises(ValidationError):
        _user(status="deleted")
    assert Question(question="q", type="system_design").type is QuestionType.SYSTEM_DESIGN
    with pytest.raises(ValidationError):
        Interview(user_id=UID, title="t", status="done")
    assert [d.value for d in Difficulty] == ["easy", "medium", "hard"]
    assert [s.value for s in InterviewStatus] == [
        "pending",
        "in_progress",
        "completed",
        "cancelled",
    ]


def test_datetimes_are_aware_utc_and_millisecond_precise() -> None:
    naive = datetime(2025, 5, 1, 12, 30, 0, 123456)
    u = _user(created_at=naive)
    assert u.created_at == datetime(2025, 5, 1, 12, 30, 0, 123000, tzinfo=UTC)
    assert u.created_at.tzinfo is UTC
    plus2 = datetime(2025, 5, 1, 14, 30, tzinfo=timezone(timedelta(hours=2)))
    assert _user(created_at=plus2).created_at == datetime(2025, 5, 1, 12, 30, tzinfo=UTC)
    assert _user(created_at="2025-05-01T12:30:00Z").created_at.tzinfo is UTC
    assert _user().created_at.tzinfo is UTC


def test_ids_have_objectid_layout_and_are_unique() -> None:
    ids = [new_id() for _ in range(2000)]
    assert len(set(ids)) == 2000
    assert all(re.fullmatch(r"[0-9a-f]{24}", i) for i in ids)
    now = int(time.time())
    assert abs(int(ids[0][:8], 16) - now) <= 2
    at = datetime(2024, 1, 2, tzinfo=UTC)
    assert int(new_id(at)[:8], 16) == int(at.timestamp())
    from_threads: list[str] = []
    workers = [
        threading.Thread(target=lambda: from_threads.extend(new_id() for _ in range(500)))
        for _ in range(4)
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert len(set(from_threads)) == 2000
    assert _user(_id="65F0C0FFEE0000000000ABCD").id == "65f0c0ffee0000000000abcd"
    for bad in ("123", "z" * 24, "65f0c0ffee0000000000abcd0"):
        with pytest.raises(ValidationError):
            Interview(user_id=bad, title="t")


def test_camel_case_round_trip_and_stored_names() -> None:
    iv = Interview(
        user_id=UID,
        title="Mock",
        job_role="Backend",
        tech_stack=["Go"],
        questions=[InterviewQuestion(question="q", code_answer="x = 1", time_spent=5)],
        results=InterviewResults(total_score=80, skill_scores={"Go": 80}),
    )
    stored = iv.model_dump(by_alias=True)
    assert {"_id", "userId", "jobRole", "techStack", "createdAt", "aiProcessing"} <= set(stored)
    assert {"codeAnswer", "timeSpent", "_id", "questionId"} <= set(stored["questions"][0])
    assert stored["results"]["skillScores"] == {"Go": 80}
    assert Interview.model_validate(stored) == iv
    assert Interview.model_validate_json(iv.model_dump_json(by_alias=True)) == iv
    # snake_case names are accepted too (populate_by_name).
    assert Interview(user_id=UID, title="t", job_role="x").job_role == "x"
    assert ServerMetrics().model_dump(by_alias=True)["networkIO"] == {
        "incoming": 0.0,
        "outgoing": 0.0,
    }


def test_public_user_has_no_secrets() -> None:
    u = _user(password="$2b$12$hash", two_factor_secret="JBSWY3DPEHPK3PXP", recovery_codes=["h1"])
    assert u.password_hash == "$2b$12$hash"
    assert u.model_dump(by_alias=True)["password"] == "$2b$12$hash"
    public = u.public()
    assert isinstance(public, PublicUser)
    dumped = public.model_dump(by_alias=True)
    assert not {"password", "passwordHash", "twoFactorSecret", "recoveryCodes"} & set(dumped)
    assert not hasattr(public, "password_hash")
    assert public.id == u.id and public.email == u.email
    assert "$2b$12$hash" not in repr(u) and "JBSWY3" not in repr(u)
    # A stored user document read as PublicUser drops the hash instead of failing.
    assert not hasattr(PublicUser.model_validate(u.model_dump(by_alias=True)), "password_hash")


def test_input_validation_rejects_unknown_fields_everywhere() -> None:
    good = {"question": "Reverse a list", "type": "coding", "testCases": [{"expectedOutput": "1"}]}
    assert Question.validate_input(good).test_cases == [TestCase(expected_output="1")]
    with pytest.raises(ValidationError):
        Question.validate_input({**good, "surprise": 1})
    with pytest.raises(ValidationError):
        Question.validate_input({**good, "testCases": [{"expectedOutput": "1", "cmd": "rm"}]})
    # Stored documents written by a newer version still load (unknown fields ignored).
    assert Question.model_validate({**good, "futureField": True}).question == "Reverse a list"


def test_evaluation_weights_must_sum_to_100() -> None:
    def crit(*weights: int) -> list[EvaluationCriterion]:
        return [EvaluationCriterion(criterion=f"c{i}", weight=w) for i, w in enumerate(weights)]

    assert (
        len(
            Question(
                question="q", type="coding", evaluation_criteria=crit(50, 30, 20)
            ).evaluation_criteria
        )
        == 3
    )
    assert Question(question="q", type="coding").evaluation_criteria == []
    with pytest.raises(ValidationError):
        Question(question="q", type="coding", evaluation_criteria=crit(50, 30))
    with pytest.raises(ValidationError):
        EvaluationCriterion(criterion="c", weight=101)


def test_chat_feedback_rating_is_1_to_5() -> None:
    assert MessageFeedback(rating=5).rating == 5
    for bad in (0, 6):
        with pytest.raises(ValidationError):
            MessageFeedback(rating=bad)
    with pytest.raises(ValidationError):
        ChatMessage(role="robot", content="x")
    assert ChatMessage(role=ChatRole.ASSISTANT, content="x").timestamp.tzinfo is UTC


def test_clocks() -> None:
    start = datetime(2025, 1, 1, tzinfo=UTC)
    clock = FrozenClock(start)
    assert clock.now() == start == clock.now()
    assert clock.advance(90) == start + timedelta(seconds=90)
    assert clock.advance(minutes=1) == start + timedelta(seconds=150)
    clock.set(datetime(2030, 1, 1))  # naive is taken as UTC
    assert clock.now() == datetime(2030, 1, 1, tzinfo=UTC)
    real = SystemClock().now()
    assert real.tzinfo is UTC and abs((real - datetime.now(UTC)).total_seconds()) < 5
