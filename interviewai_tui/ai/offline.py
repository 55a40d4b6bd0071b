"""The offline evaluator: a deterministic rubric grader that needs no network and no model.

It scores an answer 0–100 from the question's expected answer and weighted evaluation
criteria: concept coverage (stem overlap with the reference answer, skills and tech stack),
structure (sentences, connectives, lists, examples; STAR for behavioural questions), length
against the reference, and for coding answers the judge's pass rate. It is honest about what
it is: feedback opens with "Offline assessment" and confidence stays modest.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from interviewai_tui.ai.evaluation import Evaluation, QuestionLike
from interviewai_tui.ai.textkit import STOPWORDS, stem, stems, words

__all__ = ["OFFLINE_EVAL_MODEL", "OFFLINE_PROMPT_VERSION", "evaluate_offline", "join_words"]

OFFLINE_EVAL_MODEL = "offline-rubric-1"
OFFLINE_PROMPT_VERSION = "offline_rubric@1"
_MAX_CONCEPTS = 40
# Words that show reasoning (compared as plain words: several are stopwords).
_CONNECTIVES = frozenset(
    {
        "because", "therefore", "however", "although", "since", "thus", "hence", "whereas",
        "instead", "first", "second", "then", "finally", "tradeoff", "trade-off", "otherwise",
        "consequently", "means", "so", "but",
    }
)  # fmt: skip
# Words that carry no subject matter in a reference answer ("discuss", "classic", ...).
_FILLER = frozenset(
    {
        "answer", "candidate", "classic", "describe", "discuss", "example", "examples",
        "explain", "following", "good", "include", "includes", "including", "mention",
        "method", "question", "strong", "took", "typically", "usually", "various", "ways",
    }
)  # fmt: skip
_EXAMPLE = re.compile(
    r"for example|for instance|e\.g\.|such as|imagine|```|\bexample\b"
    r"|in my (?:last |previous )?(?:project|job|role)",
    re.I,
)
_COMPLEXITY = re.compile(
    r"o\([^)]{1,12}\)|complexit|big-?o|linear|logarithmic|quadratic|constant time", re.I
)
_CODE = re.compile(r"\bdef |\bfunction\b|\breturn\b|=>|\bclass |[{};]\s*$", re.M)
_LIST = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+", re.M)
_STAR = {
    "situation": ("situation", "context", "background", "when i", "at my", "we had"),
    "task": ("task", "goal", "responsib", "needed to", "had to", "objective"),
    "action": ("i decided", "i did", "i built", "i led", "i wrote", "action", "i proposed", "i "),
    "result": ("result", "outcome", "as a result", "in the end", "reduced", "improved", "learned"),
}


def join_words(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


@dataclass(frozen=True, slots=True)
class _Concept:
    stem: str
    weight: float
    surface: str


def _concepts(question: QuestionLike) -> list[_Concept]:
    """Key terms of the reference answer, most important first. Skills and tech-stack tags
    only boost terms the reference uses (a tag like "PostgreSQL" is a filter, not content),
    unless there is no reference answer at all."""
    weights: dict[str, float] = {}
    surface: dict[str, str] = {}
    reference = question.expected_answer or ""
    for word in words(reference or question.question):
        if word in STOPWORDS or word in _FILLER or len(word) < 3:
            continue
        s = stem(word)
        weights[s] = min(weights.get(s, 0.5) + 0.5, 2.5)
        surface.setdefault(s, word)
    for tag in (*question.skills, *question.tech_stack):
        for word in words(tag):
            if word in STOPWORDS or len(word) < 2:
                continue
            s = stem(word)
            if s in weights:
                weights[s] += 1.0
            elif not reference:
                weights[s] = 1.5
                surface.setdefault(s, word)
    order = {s: i for i, s in enumerate(surface)}
    ranked = sorted(weights, key=lambda s: (-weights[s], order[s]))[:_MAX_CONCEPTS]
    return [_Concept(s, weights[s], surface[s]) for s in ranked]


@dataclass(frozen=True, slots=True)
class _Signals:
    coverage: float  # weighted share of concepts present
    concept: float  # coverage mapped to 0..1 (60 % coverage is full marks)
    structure: float
    length: float
    example: bool
    complexity: bool
    star: float
    covered: list[str]
    missing: list[str]
    target_words: int


def _signals(question: QuestionLike, answer: str) -> _Signals:
    concepts = _concepts(question)
    present = set(stems(answer))
    total = sum(c.weight for c in concepts) or 1.0
    hit = [c for c in concepts if c.stem in present]
    coverage = sum(c.weight for c in hit) / total
    n_words = len(words(answer))
    is_coding = question.type == "coding"
    reference = len(words(question.expected_answer or ""))
    target = 15 if is_coding else int(min(max(reference * 0.8, 40), 220))
    ratio = n_words / target
    length = 1.0 if ratio >= 0.6 else (ratio / 0.6) ** 1.5
    if ratio > 5:
        length = 0.85  # rambling
    sentences = len(re.findall(r"[.!?](?:\s|$)|\n", answer.strip())) + 1
    connectives = len(_CONNECTIVES.intersection(words(answer)))
    organised = bool(_LIST.search(answer)) or "\n\n" in answer.strip()
    example = bool(_EXAMPLE.search(answer))
    general = (
        0.3 * min(1.0, (sentences - 1) / 2)
        + 0.3 * min(1.0, connectives / 3)
        + 0.2 * (1.0 if organised else 0.5 if sentences >= 3 else 0.0)
        + 0.2 * example
    )
    lowered = f" {answer.lower()} "
    star = sum(any(m in lowered for m in marks) for marks in _STAR.values()) / len(_STAR)
    if question.type == "behavioral":
        structure = 0.5 * star + 0.5 * general
    elif is_coding:
        structure = 0.5 * (1.0 if _CODE.search(answer) else 0.3) + 0.5 * general
    else:
        structure = general
    return _Signals(
        coverage=coverage,
        concept=min(1.0, coverage / 0.6),
        structure=structure,
        length=length,
        example=example,
        complexity=bool(_COMPLEXITY.search(answer)),
        star=star,
        covered=[c.surface for c in hit],
        # Longer words first among equals: "selectivity" says more than "keeps".
        missing=[
            c.surface
            for c in sorted(concepts, key=lambda c: (-c.weight, -len(c.surface)))
            if c.stem not in present
        ],
        target_words=target,
    )


def _criterion_score(
    name: str, description: str | None, s: _Signals, answer_stems: set[str], pass_rate: float | None
) -> float:
    text = f"{name} {description or ''}".lower()
    if any(k in text for k in ("correct", "test", "passes", "works", "functional")):
        return pass_rate if pass_rate is not None else s.concept
    if any(k in text for k in ("complex", "efficien", "performance", "optimi", "scal")):
        return 0.5 * s.concept + 0.5 * s.complexity
    if any(k in text for k in ("example", "practical", "real-world", "experience")):
        return 0.5 * s.concept + 0.5 * s.example
    if any(k in text for k in ("struct", "clar", "communicat", "organi", "star", "readab")):
        return 0.6 * s.structure + 0.4 * s.concept
    terms = set(stems(text)) - {"answer", "candid", "question"}
    if not terms:
        return s.concept
    described = len(terms & answer_stems) / len(terms)
    return 0.6 * s.concept + 0.4 * min(1.0, described / 0.5)


def _verdict(score: int) -> str:
    if score >= 85:
        return "a strong answer"
    if score >= 70:
        return "a solid answer"
    if score >= 50:
        return "a partial answer"
    if score >= 25:
        return "a weak answer"
    return "an answer that misses most of what was asked"


def evaluate_offline(
    question: QuestionLike, answer: str, *, pass_rate: float | None = None
) -> Evaluation:
    """Grade `answer` without any AI provider; identical input gives identical output.

    Args:
        pass_rate: for coding answers, the judge's share of passing test cases (0..1).
    """

    def result(score: int, feedback: str, good: list[str], bad: list[str], conf: int) -> Evaluation:
        return Evaluation(
            score=score, feedback=feedback, strengths=good[:5], improvements=bad[:5],
            provider="offline", model=OFFLINE_EVAL_MODEL,
            prompt_version=OFFLINE_PROMPT_VERSION, confidence=conf,
        )  # fmt: skip

    if pass_rate is not None:
        pass_rate = min(max(pass_rate, 0.0), 1.0)
    if not words(answer):
        return result(
            0,
            "Offline assessment (no AI provider was used): no answer was given, "
            "so there is nothing to grade.",
            [],
            ["Write an answer, even a partial one: partial credit beats none."],
            90,
        )
    s = _signals(question, answer)
    answer_stems = set(stems(answer))
    criteria = [
        (c.criterion, float(c.weight), c.description)
        for c in question.evaluation_criteria
        if c.weight > 0
    ]
    scored = [
        (name, weight, desc, _criterion_score(name, desc, s, answer_stems, pass_rate))
        for name, weight, desc in criteria
    ]
    if scored:
        rubric = sum(w * v for _, w, _, v in scored) / sum(w for _, w, _, _ in scored)
    else:
        rubric = 0.6 * s.concept + 0.25 * s.structure + 0.15 * s.length
    quality = rubric * (0.5 + 0.5 * s.length)
    if question.type == "coding" and pass_rate is not None:
        quality = 0.6 * pass_rate + 0.4 * quality
    score = round(min(max(quality, 0.0), 1.0) * 100)

    n = len(s.covered) + len(s.missing)
    feedback = (
        f"Offline assessment (no AI provider was used): {_verdict(score)}. "
        f"You covered {len(s.covered)} of {n} key points of the model answer"
        + (f", including {join_words(s.covered[:3])}" if s.covered else "")
        + "."
        + (f" Not mentioned: {join_words(s.missing[:4])}." if s.missing else "")
        + (f" {round(pass_rate * 100)}% of the test cases pass." if pass_rate is not None else "")
    )
    good: list[str] = []
    bad: list[str] = []
    if s.coverage >= 0.5 and s.covered:
        good.append(f"Covers key points such as {join_words(s.covered[:3])}.")
    if pass_rate is not None and pass_rate >= 0.999:
        good.append("All test cases pass.")
    if question.type == "behavioral" and s.star >= 0.75:
        good.append("Follows the STAR shape: situation, task, action and result.")
    elif s.structure >= 0.7:
        good.append("Well organised, with reasoning that connects the points.")
    if s.example:
        good.append("Backs the answer with a concrete example.")
    if s.complexity and question.type in ("coding", "technical", "system_design"):
        good.append("Discusses complexity or performance.")
    good.extend(f"{name}: meets expectations." for name, _, _, v in scored if v >= 0.75)

    if pass_rate is not None and pass_rate < 0.999:
        bad.append(f"Fix the failing test cases ({round(pass_rate * 100)}% pass).")
    if s.missing and s.coverage < 0.85:
        bad.append(f"Mention {join_words(s.missing[:4])}.")
    if s.length < 0.8:
        bad.append(
            f"Go deeper: about {s.target_words} words with reasons and an example would fit."
        )
    if question.type == "behavioral" and s.star < 0.75:
        bad.append("Use STAR: describe the Situation, Task, Action and the Result you achieved.")
    elif s.structure < 0.45:
        bad.append("Structure the answer: state the idea, explain why, then give an example.")
    if not s.example and question.type != "coding":
        bad.append("Add a concrete example from a project, or a small code snippet.")
    bad.extend(
        f"{name}: needs work" + (f" ({desc.rstrip('.')})." if desc else ".")
        for name, _, desc, v in scored
        if v < 0.5
    )
    if not good:
        good.append("You made an attempt; keep practising this topic.")
    confidence = 40
    confidence += 20 if len(words(question.expected_answer or "")) >= 15 else 0
    confidence += 10 if criteria else 0
    confidence += 15 if pass_rate is not None else 0
    return result(score, feedback, _dedupe(good), _dedupe(bad), confidence)


def _dedupe(items: list[str]) -> list[str]:
    return list(Counter(items))  # keeps first-seen order
