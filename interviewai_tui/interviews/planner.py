"""Choosing an interview's questions from the bank.

Filters: type mix, category, difficulty and tech stack. Questions from the candidate's recent
interviews are avoided. A question of another difficulty can be used through a variant written
for the requested one. When the bank cannot fill the request the planner says what *would* match,
by relaxing one filter at a time, so the setup screen can explain it before the interview starts.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from interviewai_tui.domain.common import Category, Difficulty, QuestionType
from interviewai_tui.domain.interviews import InterviewQuestion
from interviewai_tui.domain.questions import Question
from interviewai_tui.interviews.ports import InterviewError
from interviewai_tui.store.base import QuestionRepository

__all__ = [
    "NoMatchError",
    "Pick",
    "PlanRequest",
    "Planner",
    "category_for_role",
    "default_mix",
]

_MIX_ORDER = (
    QuestionType.TECHNICAL,
    QuestionType.CODING,
    QuestionType.BEHAVIORAL,
    QuestionType.TECHNICAL,
    QuestionType.SYSTEM_DESIGN,
    QuestionType.CODING,
)
_TYPE_WORDS = {
    QuestionType.TECHNICAL: "technical",
    QuestionType.CODING: "coding",
    QuestionType.BEHAVIORAL: "behavioral",
    QuestionType.SYSTEM_DESIGN: "system design",
}
_ROLE_WORDS = (
    (("full",), Category.FULLSTACK),
    (("front", "ui", "web"), Category.FRONTEND),
    (("mobile", "ios", "android"), Category.MOBILE),
    (("back", "api", "platform", "data", "devops", "cloud"), Category.BACKEND),
)
_POOL = 500  # questions considered per type; the bank is a few hundred, so this is "all"


def default_mix(count: int) -> dict[QuestionType, int]:
    """A balanced mix for ``count`` questions: technical and coding first, then the others."""
    mix: dict[QuestionType, int] = {}
    for i in range(max(0, count)):
        kind = _MIX_ORDER[i % len(_MIX_ORDER)]
        mix[kind] = mix.get(kind, 0) + 1
    return mix


def category_for_role(job_role: str | None) -> Category | None:
    """The bank category a job title points at ("Senior Frontend Engineer" → frontend)."""
    words = re.findall(r"[a-z0-9]+", (job_role or "").lower())
    for keys, category in _ROLE_WORDS:
        if any(w.startswith(k) for w in words for k in keys):
            return category
    return None


@dataclass(frozen=True, slots=True)
class PlanRequest:
    user_id: str
    difficulty: Difficulty
    tech_stack: Sequence[str] = ()
    category: Category | None = None
    type_counts: dict[QuestionType, int] = field(default_factory=dict)
    count: int = 5
    allow_repeats: bool = False
    recent_interviews: int = 5

    def mix(self) -> dict[QuestionType, int]:
        wanted = {t: n for t, n in self.type_counts.items() if n > 0}
        return wanted or default_mix(self.count)


class NoMatchError(InterviewError):
    """The bank cannot fill the request; ``str()`` explains and says what would match."""

    def __init__(self, message: str, shortfalls: dict[QuestionType, int]) -> None:
        super().__init__(message)
        self.shortfalls = shortfalls


@dataclass(frozen=True, slots=True)
class Pick:
    question: Question
    item: InterviewQuestion


class Planner:
    def __init__(self, questions: QuestionRepository, *, rng: random.Random | None = None) -> None:
        self._questions = questions
        self._rng = rng or random.Random()

    async def plan(self, request: PlanRequest, *, recent: set[str] | None = None) -> list[Pick]:
        """Pick questions; raise ``NoMatchError`` (with what would match) when short."""
        recent = set() if request.allow_repeats else set(recent or ())
        picks: list[Pick] = []
        shortfalls: dict[QuestionType, int] = {}
        for qtype, wanted in request.mix().items():
            pool = await self._candidates(request, qtype, exclude=recent)
            chosen = self._choose(pool, wanted, request.difficulty)
            if len(chosen) < wanted:
                shortfalls[qtype] = wanted - len(chosen)
            picks.extend(chosen)
        if shortfalls:
            raise NoMatchError(await self._explain(request, recent, shortfalls), shortfalls)
        order = {t: i for i, t in enumerate(_MIX_ORDER)}
        picks.sort(key=lambda p: order.get(p.item.type, 99))
        return picks

    async def record_usage(self, picks: Sequence[Pick]) -> None:
        for pick in picks:
            await self._questions.increment_usage(question_id=pick.question.id)

    async def count_matches(
        self,
        *,
        qtype: QuestionType,
        difficulty: Difficulty | None,
        category: Category | None,
        tech_stack: Sequence[str],
        exclude: set[str],
    ) -> int:
        pool = await self._questions.select(
            type=qtype,
            category=category,
            difficulty=None,
            tech_stack=tech_stack,
            exclude_ids=sorted(exclude),
            limit=_POOL,
        )
        if difficulty is None:
            return len(pool)
        return sum(1 for q in pool if _text_for(q, difficulty) is not None)

    # --- internals ------------------------------------------------------------------------

    async def _candidates(
        self, request: PlanRequest, qtype: QuestionType, *, exclude: set[str]
    ) -> list[Question]:
        # Difficulty is filtered here, not in the query, so variants of other levels count.
        return await self._questions.select(
            type=qtype,
            category=request.category,
            difficulty=None,
            tech_stack=list(request.tech_stack),
            exclude_ids=sorted(exclude),
            limit=_POOL,
        )

    def _choose(self, pool: list[Question], wanted: int, difficulty: Difficulty) -> list[Pick]:
        exact = [q for q in pool if q.difficulty is difficulty]
        by_variant = [q for q in pool if q.difficulty is not difficulty and _variant(q, difficulty)]
        # The store orders by least used, so taking from the front rotates the bank; shuffle
        # within the least-used slice so two candidates do not always get the same set.
        chosen: list[Pick] = []
        for group in (exact, by_variant):
            head = group[: max(wanted * 3, wanted)]
            self._rng.shuffle(head)
            for q in head:
                if len(chosen) == wanted:
                    return chosen
                text = _text_for(q, difficulty)
                if text is not None:
                    chosen.append(Pick(q, _item(q, text, difficulty)))
        return chosen

    async def _explain(
        self, request: PlanRequest, recent: set[str], shortfalls: dict[QuestionType, int]
    ) -> str:
        mix = request.mix()
        stack = list(request.tech_stack)
        parts: list[str] = []
        for qtype, short in shortfalls.items():
            options: list[str] = []

            async def count(
                *,
                difficulty: Difficulty | None = request.difficulty,
                category: Category | None = request.category,
                tech_stack: Sequence[str] = stack,
                exclude: set[str] = recent,
                qtype: QuestionType = qtype,
            ) -> int:
                return await self.count_matches(
                    qtype=qtype,
                    difficulty=difficulty,
                    category=category,
                    tech_stack=tech_stack,
                    exclude=exclude,
                )

            if stack:
                options.append(f"any stack: {await count(tech_stack=[])}")
            if request.category is not None:
                options.append(f"any category: {await count(category=None)}")
            options.append(f"any difficulty: {await count(difficulty=None)}")
            if recent:
                options.append(f"including recently seen: {await count(exclude=set())}")
            wanted = mix[qtype]
            parts.append(
                f"{_TYPE_WORDS[qtype]}: {wanted - short} of {wanted} found ({'; '.join(options)})"
            )
        return "Not enough questions match this setup. " + "; ".join(parts) + "."


def _variant(q: Question, difficulty: Difficulty) -> str | None:
    for v in q.variants:
        if v.difficulty is difficulty and v.question.strip():
            return f"{v.context.strip()}\n\n{v.question}" if v.context else v.question
    return None


def _text_for(q: Question, difficulty: Difficulty) -> str | None:
    if q.difficulty is difficulty:
        return q.question
    return _variant(q, difficulty)


def _item(q: Question, text: str, difficulty: Difficulty) -> InterviewQuestion:
    return InterviewQuestion(
        question_id=q.id,
        question=text,
        type=q.type,
        difficulty=difficulty,
        expected_answer=q.expected_answer,
        language=q.language,
        time_limit=q.time_limit,
    )
