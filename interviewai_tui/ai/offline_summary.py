"""The offline interview summary: overall feedback, strengths, improvements and recommendations
from the per-question evaluations, deterministically and without any AI provider."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from interviewai_tui.ai.evaluation import Evaluation, OverallFeedback, QuestionLike
from interviewai_tui.ai.offline import OFFLINE_EVAL_MODEL, OFFLINE_PROMPT_VERSION

__all__ = ["summarize_offline"]

_TYPE_ADVICE = {
    "behavioral": "Prepare three STAR stories (conflict, failure, leadership) and rehearse them.",
    "coding": "Practise timed coding problems and run your code against edge cases.",
    "system_design": "Practise system design: requirements, components, data, scaling, trade-offs.",
    "technical": "Review the fundamentals behind the weakest questions and explain them aloud.",
}


def _band(score: float) -> str:
    if score >= 85:
        return "an excellent result"
    if score >= 70:
        return "a solid result"
    if score >= 50:
        return "a fair result with clear room to grow"
    return "a result that shows the areas to practise first"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def summarize_offline(items: Sequence[tuple[QuestionLike, Evaluation]]) -> OverallFeedback:
    """Summarise an interview from (question, evaluation) pairs, in interview order."""
    if not items:
        return OverallFeedback(
            overall_feedback="Offline summary: no questions were answered in this interview.",
            recommendations=["Start a shorter interview and answer every question."],
            provider="offline",
            model=OFFLINE_EVAL_MODEL,
            prompt_version=OFFLINE_PROMPT_VERSION,
            confidence=90,
        )
    scores = [e.score for _, e in items]
    average = sum(scores) / len(scores)
    answered = sum(1 for _, e in items if e.score > 0)
    best = max(range(len(items)), key=lambda i: (scores[i], -i))
    worst = min(range(len(items)), key=lambda i: (scores[i], i))
    overall = (
        f"Offline summary (no AI provider was used): you scored {round(average)}/100 on "
        f"average over {len(items)} question{'' if len(items) == 1 else 's'} "
        f"({answered} answered), {_band(average)}."
    )
    if len(items) > 1 and scores[best] != scores[worst]:
        overall += (
            f' Your best answer was "{_short(items[best][0].question)}" ({scores[best]}); '
            f'the weakest was "{_short(items[worst][0].question)}" ({scores[worst]}).'
        )

    by_skill: dict[str, list[int]] = {}
    by_type: dict[str, list[int]] = {}
    for question, evaluation in items:
        for skill in dict.fromkeys((*question.skills, *question.tech_stack)):
            by_skill.setdefault(skill, []).append(evaluation.score)
        by_type.setdefault(str(question.type), []).append(evaluation.score)
    skill_avg = {k: sum(v) / len(v) for k, v in by_skill.items()}
    strong = sorted((k for k, v in skill_avg.items() if v >= 75), key=lambda k: -skill_avg[k])
    weak = sorted((k for k, v in skill_avg.items() if v < 60), key=lambda k: skill_avg[k])

    strengths = [f"Strong on {k} (average {round(skill_avg[k])})." for k in strong[:3]]
    shared = Counter(
        s for _, e in items for s in e.strengths if not s.endswith(("expectations.", "topic."))
    )
    strengths += [s for s, n in shared.most_common() if n > 1][:2]
    improvements = [f"Work on {k} (average {round(skill_avg[k])})." for k in weak[:3]]
    repeated = Counter(s for _, e in items for s in e.improvements if not s.startswith("Mention"))
    improvements += [s for s, n in repeated.most_common() if n > 1][:2]

    recommendations = [f"Practise more {k} questions." for k in weak[:2]]
    type_avg = sorted(by_type.items(), key=lambda kv: sum(kv[1]) / len(kv[1]))
    for qtype, values in type_avg:
        if sum(values) / len(values) < 70 and qtype in _TYPE_ADVICE:
            recommendations.append(_TYPE_ADVICE[qtype])
    if answered < len(items):
        recommendations.append("Answer every question: a partial answer scores, a blank does not.")
    if not recommendations:
        recommendations.append("Try the next difficulty level to keep improving.")
    confidence = round(sum(e.confidence for _, e in items) / len(items))
    return OverallFeedback(
        overall_feedback=overall,
        strengths=strengths[:5] or ["You completed the interview; keep practising."],
        improvements=improvements[:5],
        recommendations=list(dict.fromkeys(recommendations))[:5],
        provider="offline",
        model=OFFLINE_EVAL_MODEL,
        prompt_version=OFFLINE_PROMPT_VERSION,
        confidence=confidence,
    )
