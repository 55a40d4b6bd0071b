"""The question form's text fields, to and from the bank form (no Textual here, so the
parsing is tested on its own).

Lists are written one item per line in a plain layout an admin can type:
- evaluation criteria: ``criterion | weight | description``
- variants: ``question | difficulty | context``
- tech stack, skills, tags: comma-separated
- test cases: JSON, because inputs and outputs are exact text with newlines.
Format problems raise AdminError naming the field and line; the content rules (weights summing
to 100, a language for coding questions) are the bank model's, checked by the service.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from interviewai_tui.admin.errors import AdminError
from interviewai_tui.domain.questions import Question

__all__ = ["FORM_FIELDS", "from_form", "to_form", "weights_total"]

FORM_FIELDS = (
    "question",
    "type",
    "category",
    "difficulty",
    "language",
    "techStack",
    "skills",
    "timeLimit",
    "expectedAnswer",
    "sampleCode",
    "testCases",
    "evaluationCriteria",
    "tags",
    "variants",
)


def _csv(text: str) -> list[str]:
    seen: dict[str, None] = {}
    for part in text.split(","):
        item = " ".join(part.split())
        if item:
            seen.setdefault(item, None)
    return list(seen)


def _rows(text: str) -> list[tuple[int, list[str]]]:
    return [
        (number, [part.strip() for part in line.split("|")])
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip()
    ]


def _criteria(text: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for number, parts in _rows(text):
        if len(parts) < 2 or not parts[1].lstrip("-").isdigit():
            raise AdminError(
                f"evaluationCriteria line {number}: write it as criterion | weight | description."
            )
        item: dict[str, Any] = {"criterion": parts[0], "weight": int(parts[1])}
        if len(parts) > 2 and "|".join(parts[2:]).strip():
            item["description"] = " | ".join(parts[2:])
        out.append(item)
    return out


def _variants(text: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for _, parts in _rows(text):
        item: dict[str, Any] = {"question": parts[0]}
        if len(parts) > 1 and parts[1]:
            item["difficulty"] = parts[1].lower()
        if len(parts) > 2 and "|".join(parts[2:]).strip():
            item["context"] = " | ".join(parts[2:])
        out.append(item)
    return out


def _test_cases(text: str) -> list[Any]:
    if not text.strip():
        return []
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise AdminError(
            f"testCases: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})."
        ) from None
    if not isinstance(value, list):
        raise AdminError(
            'testCases: write a JSON list, e.g. [{"input": "1 2", "expectedOutput": "3"}].'
        )
    return value


def weights_total(text: str) -> int | None:
    """The sum of the weights typed so far, or None while a line cannot be read."""
    try:
        return sum(int(item["weight"]) for item in _criteria(text))
    except AdminError:
        return None


def from_form(values: Mapping[str, str]) -> dict[str, Any]:
    """The bank-form dict of the form's text values (empty optional fields are left out)."""

    def get(name: str) -> str:
        return values.get(name, "")

    data: dict[str, Any] = {
        "question": get("question").strip(),
        "type": get("type").strip(),
        "difficulty": get("difficulty").strip() or "medium",
        "techStack": _csv(get("techStack")),
        "skills": _csv(get("skills")),
        "tags": _csv(get("tags")),
        "evaluationCriteria": _criteria(get("evaluationCriteria")),
        "variants": _variants(get("variants")),
        "testCases": _test_cases(get("testCases")),
    }
    for name in ("category", "language", "expectedAnswer", "sampleCode"):
        text = get(name)
        if text.strip():
            data[name] = text.strip() if name in ("category", "language") else text
    limit = get("timeLimit").strip()
    if limit:
        if not limit.isdigit():
            raise AdminError("timeLimit: write the time limit in whole seconds.")
        data["timeLimit"] = int(limit)
    return data


def to_form(question: Question | None) -> dict[str, str]:
    """The form's text values for an existing question (or an empty form)."""
    if question is None:
        return {name: "" for name in FORM_FIELDS} | {"type": "technical", "difficulty": "medium"}
    criteria = "\n".join(
        " | ".join([c.criterion, str(c.weight), *([c.description] if c.description else [])])
        for c in question.evaluation_criteria
    )
    variants = "\n".join(
        " | ".join(
            [
                v.question,
                v.difficulty.value if v.difficulty else "",
                *([v.context] if v.context else []),
            ]
        ).rstrip(" |")
        for v in question.variants
    )
    cases = [c.model_dump(by_alias=True, exclude_none=True) for c in question.test_cases]
    return {
        "question": question.question,
        "type": question.type.value,
        "category": question.category.value if question.category else "",
        "difficulty": question.difficulty.value,
        "language": question.language or "",
        "techStack": ", ".join(question.tech_stack),
        "skills": ", ".join(question.skills),
        "timeLimit": "" if question.time_limit is None else str(question.time_limit),
        "expectedAnswer": question.expected_answer or "",
        "sampleCode": question.sample_code or "",
        "testCases": json.dumps(cases, indent=2, ensure_ascii=False) if cases else "",
        "evaluationCriteria": criteria,
        "tags": ", ".join(question.tags),
        "variants": variants,
    }
