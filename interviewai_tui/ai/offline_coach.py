"""The offline chat coach: answers from the question bank with BM25 retrieval, and says
plainly that it is offline. It is a `Provider`, so the router can fall back to it like to
any other, and it never fails.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import AsyncIterator, Sequence
from decimal import Decimal

from interviewai_tui.ai.base import (
    OFFLINE,
    Chunk,
    JsonSchema,
    Message,
    TextChunk,
    Usage,
)
from interviewai_tui.ai.evaluation import QuestionLike
from interviewai_tui.ai.textkit import Bm25Index, stems

__all__ = ["COACH_MODEL", "OFFLINE_NOTE", "OfflineCoach"]

COACH_MODEL = "offline-coach-1"
OFFLINE_NOTE = (
    "(Offline coach: no AI provider is available right now, so this answer comes from the "
    "built-in question bank.)"
)
_MAX_REFERENCE = 700


def _clip(text: str, limit: int) -> str:
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


class OfflineCoach:
    """Retrieval over questions, expected answers, skills, tags and tech stack."""

    def __init__(self, questions: Sequence[QuestionLike] = (), *, hits: int = 3) -> None:
        self._hits = hits
        self.set_questions(questions)

    # --- Provider protocol ----------------------------------------------------------------
    @property
    def name(self) -> str:
        return OFFLINE

    @property
    def default_model(self) -> str:
        return COACH_MODEL

    @property
    def paid(self) -> bool:
        return False

    @property
    def configured(self) -> bool:
        return True

    def set_questions(self, questions: Sequence[QuestionLike]) -> None:
        """(Re)build the index, e.g. after the bank was loaded or edited."""
        self._questions = list(questions)
        self._index = Bm25Index([self._document(q) for q in self._questions])
        topics: Counter[str] = Counter()
        for q in self._questions:
            for topic in dict.fromkeys((*q.skills, *q.tech_stack)):  # ordered: deterministic
                topics[topic] += 1
        self._topics = [t for t, _ in topics.most_common(6)]

    @staticmethod
    def _document(q: QuestionLike) -> list[str]:
        text = " ".join((q.question, q.question, q.expected_answer or "", *q.skills, *q.tech_stack))
        return stems(text)

    async def stream(
        self,
        messages: Sequence[Message],
        *,
        model: str | None = None,
        max_tokens: int = 1024,
        temperature: float | None = None,
        json_schema: JsonSchema | None = None,
    ) -> AsyncIterator[Chunk]:
        started = time.perf_counter()
        query = next((m.content for m in reversed(messages) if m.role == "user"), "")
        text = self.answer(query)
        for paragraph in text.split("\n\n"):
            yield TextChunk(paragraph + "\n\n")
        yield Usage(
            provider=OFFLINE,
            model=COACH_MODEL,
            latency_ms=(time.perf_counter() - started) * 1000,
            first_token_ms=0.0,
            cost=Decimal(0),
            finish_reason="stop",
            tokens_reported=False,
        )

    # --- the answer ---------------------------------------------------------------------------
    def search(self, query: str) -> list[QuestionLike]:
        return [self._questions[i] for i, _ in self._index.search(stems(query), self._hits)]

    def answer(self, query: str) -> str:
        hits = self.search(query)
        parts = [OFFLINE_NOTE]
        if not hits:
            topics = ", ".join(self._topics) if self._topics else "the topics of your interviews"
            parts.append(
                "I could not find anything in the question bank about that. Try asking about "
                f"{topics}, or start a practice interview and I will grade your answers offline."
            )
            return "\n\n".join(parts)
        best = hits[0]
        parts.append(f"The closest question in the bank is:\n> {best.question}")
        if best.expected_answer:
            parts.append(
                "What a strong answer covers:\n" + _clip(best.expected_answer, _MAX_REFERENCE)
            )
        criteria = [c for c in best.evaluation_criteria if c.weight > 0]
        if criteria:
            lines = [
                f"- {c.criterion} ({c.weight:g}%)" + (f": {c.description}" if c.description else "")
                for c in criteria
            ]
            parts.append("Interviewers grade it on:\n" + "\n".join(lines))
        if len(hits) > 1:
            parts.append(
                "Related questions to practise:\n" + "\n".join(f"- {q.question}" for q in hits[1:])
            )
        return "\n\n".join(parts)
