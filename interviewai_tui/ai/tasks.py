"""The AI jobs the services ask for — grade an answer, summarise an interview, title a chat —
each through the router (so retries, fallback, spend cap and records apply) and each with a
deterministic offline result when no provider can do it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from interviewai_tui.ai.base import OFFLINE, Message, TextChunk, Usage
from interviewai_tui.ai.evaluation import (
    Evaluation,
    EvaluationDraft,
    OverallDraft,
    OverallFeedback,
    QuestionLike,
)
from interviewai_tui.ai.offline import OFFLINE_EVAL_MODEL, OFFLINE_PROMPT_VERSION, evaluate_offline
from interviewai_tui.ai.offline_summary import summarize_offline
from interviewai_tui.ai.prompts import (
    CHAT_SYSTEM,
    CHAT_TITLE,
    OVERALL_FEEDBACK,
    QUESTION_EVALUATION,
    criteria_lines,
    fence,
)
from interviewai_tui.ai.router import Router
from interviewai_tui.ai.textkit import words

__all__ = ["chat_prompt", "chat_title", "evaluate_answer", "offline_title", "summarize_interview"]

# Terminal escape sequences (CSI, OSC) first, then any remaining control character.
_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|[\x00-\x1f\x7f-\x9f]"
)


def _blend(score: float, pass_rate: float | None) -> int:
    """A coding grade is 60 % the judge's pass rate, 40 % the reviewer's score."""
    if pass_rate is None:
        return round(score)
    return round(0.6 * min(max(pass_rate, 0.0), 1.0) * 100 + 0.4 * score)


async def evaluate_answer(
    router: Router,
    question: QuestionLike,
    answer: str,
    *,
    pass_rate: float | None = None,
    judge_summary: str | None = None,
    user_id: str | None = None,
    provider: str | None = None,
) -> tuple[Evaluation, Usage]:
    """Grade one answer. An empty answer is graded offline (0) without any paid call."""

    def offline() -> EvaluationDraft:
        ev = evaluate_offline(question, answer, pass_rate=pass_rate)
        return EvaluationDraft(
            score=ev.score, feedback=ev.feedback, strengths=ev.strengths,
            improvements=ev.improvements, confidence=ev.confidence,
        )  # fmt: skip

    if not words(answer):
        draft, usage = offline(), Usage(provider=OFFLINE, model=OFFLINE_EVAL_MODEL)
    else:
        criteria = [
            (c.criterion, float(c.weight), c.description) for c in question.evaluation_criteria
        ]
        judge = ""
        if pass_rate is not None:
            judge = f"Automated tests: {round(pass_rate * 100)}% pass."
            judge += f" {judge_summary}\n\n" if judge_summary else "\n\n"
        messages = QUESTION_EVALUATION.render(
            type=str(question.type), difficulty=str(question.difficulty),
            question=question.question, expected=question.expected_answer or "(none given)",
            criteria=criteria_lines(criteria), judge=judge, answer=fence("answer", answer),
        )  # fmt: skip
        draft, usage = await router.complete_json(
            messages, EvaluationDraft, offline=offline, offline_model=OFFLINE_EVAL_MODEL,
            provider=provider, user_id=user_id, max_tokens=900, purpose="evaluation",
        )  # fmt: skip
    offline_used = usage.provider == OFFLINE
    evaluation = Evaluation(
        score=round(draft.score) if offline_used else _blend(draft.score, pass_rate),
        feedback=draft.feedback.strip(),
        strengths=draft.strengths,
        improvements=draft.improvements,
        provider=usage.provider,
        model=usage.model,
        prompt_version=OFFLINE_PROMPT_VERSION if offline_used else QUESTION_EVALUATION.id,
        confidence=round(draft.confidence),
    )
    return evaluation, usage


async def summarize_interview(
    router: Router,
    items: Sequence[tuple[QuestionLike, Evaluation]],
    *,
    title: str = "",
    role: str = "",
    stack: Sequence[str] = (),
    user_id: str | None = None,
    provider: str | None = None,
) -> tuple[OverallFeedback, Usage]:
    """The interview-level feedback from the per-question evaluations."""
    offline_result = summarize_offline(items)

    def offline() -> OverallDraft:
        return OverallDraft(
            summary=offline_result.overall_feedback, strengths=offline_result.strengths,
            improvements=offline_result.improvements,
            recommendations=offline_result.recommendations,
        )  # fmt: skip

    lines = "\n".join(
        f"{i}. [{q.type}] {' '.join(q.question.split())} — score {e.score}: "
        f"{' '.join(e.feedback.split())}"
        for i, (q, e) in enumerate(items, 1)
    )
    messages = OVERALL_FEEDBACK.render(
        title=title or "Mock interview", role=role or "not given",
        stack=", ".join(stack) or "not given", items=fence("results", lines),
    )  # fmt: skip
    draft, usage = await router.complete_json(
        messages, OverallDraft, offline=offline, offline_model=OFFLINE_EVAL_MODEL,
        provider=provider, user_id=user_id, max_tokens=900, purpose="summary",
    )  # fmt: skip
    if usage.provider == OFFLINE:
        return offline_result, usage
    confidence = (
        round(sum(e.confidence for _, e in items) / len(items))
        if items
        else offline_result.confidence
    )
    feedback = OverallFeedback(
        overall_feedback=draft.summary.strip(),
        strengths=draft.strengths,
        improvements=draft.improvements,
        recommendations=draft.recommendations,
        provider=usage.provider,
        model=usage.model,
        prompt_version=OVERALL_FEEDBACK.id,
        confidence=confidence,
    )
    return feedback, usage


def chat_prompt(history: Sequence[Message]) -> list[Message]:
    """The messages for a chat turn: the coach's system prompt, then the conversation."""
    return [*CHAT_SYSTEM.render(), *(m for m in history if m.role != "system")]


def offline_title(messages: Sequence[Message]) -> str:
    first = next((m.content for m in messages if m.role == "user"), "")
    title = " ".join(_CONTROL.sub(" ", first).split()[:6]).strip(" .,:;!?")
    return (title[:1].upper() + title[1:]) if title else "New chat"


async def chat_title(
    router: Router,
    messages: Sequence[Message],
    *,
    user_id: str | None = None,
    provider: str | None = None,
) -> str:
    """A short title for a conversation (≤ 60 characters, one line, no markup-like quotes)."""
    convo = "\n".join(f"{m.role}: {m.content[:500]}" for m in messages if m.role != "system")
    prompt = CHAT_TITLE.render(conversation=fence("conversation", convo))
    parts: list[str] = []
    usage: Usage | None = None
    async for chunk in router.stream(
        prompt, provider=provider, max_tokens=24, temperature=0.2, user_id=user_id, purpose="title"
    ):
        if isinstance(chunk, TextChunk):
            parts.append(chunk.text)
        elif isinstance(chunk, Usage):
            usage = chunk
    if usage is None or usage.provider == OFFLINE:
        return offline_title(messages)
    title = " ".join(_CONTROL.sub(" ", "".join(parts)).split()).strip("\"'`*#. ")
    if not title:
        return offline_title(messages)
    return title if len(title) <= 60 else title[:59].rstrip() + "…"
