"""The question form's text layout, to and from the bank form."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from interviewai_tui import bank
from interviewai_tui.admin.errors import AdminError
from interviewai_tui.admin.question_form import from_form, to_form, weights_total

from .test_questions import CODING, VALID


@pytest.mark.parametrize("entry", [VALID, CODING])
def test_a_question_survives_the_form_round_trip(entry: dict[str, object]) -> None:
    question = bank.QuestionIn.model_validate(entry).to_question(datetime(2025, 1, 1, tzinfo=UTC))
    data = from_form(to_form(question))
    again = bank.QuestionIn.model_validate(data).to_question(question.created_at)
    assert bank.to_bank_form(again) == bank.to_bank_form(question)


def test_list_fields_are_parsed_line_by_line() -> None:
    values = to_form(None) | {
        "question": "  Why?  ",
        "techStack": "Go,  Rust ,Go,,",
        "evaluationCriteria": "Depth | 70 | goes | deep\n\nBreadth|30",
        "variants": "Why not? | HARD\nHow? |  | for juniors",
        "timeLimit": " 90 ",
        "testCases": '[{"input": "1\\n", "expectedOutput": "1\\n"}]',
    }
    data = from_form(values)
    assert data["question"] == "Why?" and data["techStack"] == ["Go", "Rust"]
    assert data["evaluationCriteria"] == [
        {"criterion": "Depth", "weight": 70, "description": "goes | deep"},
        {"criterion": "Breadth", "weight": 30},
    ]
    assert data["variants"] == [
        {"question": "Why not?", "difficulty": "hard"},
        {"question": "How?", "context": "for juniors"},
    ]
    assert data["timeLimit"] == 90
    assert data["testCases"] == [{"input": "1\n", "expectedOutput": "1\n"}]
    assert "category" not in data and "language" not in data


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("evaluationCriteria", "Depth | lots", "evaluationCriteria line 1: write it as"),
        ("timeLimit", "1.5", "timeLimit: write the time limit in whole seconds."),
        ("testCases", "[{", "testCases: not valid JSON"),
        ("testCases", '{"input": "1"}', "testCases: write a JSON list"),
    ],
)
def test_format_problems_name_the_field(field: str, text: str, message: str) -> None:
    with pytest.raises(AdminError) as caught:
        from_form(to_form(None) | {field: text})
    assert caught.value.message.startswith(message)


def test_weights_total_while_typing() -> None:
    assert weights_total("") == 0
    assert weights_total("A | 60\nB | 30") == 90
    assert weights_total("A | 60\nB |") is None
