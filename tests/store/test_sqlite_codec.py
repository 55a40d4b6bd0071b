"""The SQLite `doc` encoder: the fast (pydantic-core) path writes what the plain path writes."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from interviewai_tui.demo import load_dataset
from interviewai_tui.domain.chats import ChatMessage, ChatSession, Tokens
from interviewai_tui.domain.common import Document, new_id
from interviewai_tui.domain.interviews import Interview
from interviewai_tui.store.models import MODELS
from interviewai_tui.store.sqlite import codec
from tests.ops.dataset import build


def _corpus() -> list[Document]:
    """The backup tests' awkward dataset and the demo data: every collection, many shapes."""
    _, demo = load_dataset(now=datetime(2026, 1, 1, tzinfo=UTC))
    docs: list[Document] = []
    for name, items in [*build(seed=3).items(), *demo.items()]:
        docs += [MODELS[name].model_validate(d) if isinstance(d, dict) else d for d in items]
    return docs


def test_every_document_encodes_like_the_plain_path() -> None:
    docs = _corpus()
    assert {type(d) for d in docs} >= set(MODELS.values())
    for doc in docs:
        fast, plain = codec.encode(doc), codec.plain_encode(doc)
        assert json.loads(fast) == json.loads(plain), type(doc).__name__
        assert codec.decode(type(doc), fast) == doc
    # Every collection but the audit trail (whose details are free-form) takes the fast path.
    fast_models = {m for m, s in codec._SERIALIZERS.items() if s is not None}
    assert fast_models == set(MODELS.values()) - {MODELS["auditLog"]}


def test_datetimes_are_fixed_width_utc_milliseconds() -> None:
    east = timezone(timedelta(hours=5, minutes=30))
    interview = Interview(
        user_id=new_id(),
        title="t",
        created_at=datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC),  # no fraction
        updated_at=datetime(2025, 1, 2, 8, 34, 5, 678999, tzinfo=east),  # another zone
        started_at=datetime(999, 1, 1, tzinfo=UTC),  # before year 1000: the slow branch
    )
    stored = json.loads(codec.encode(interview))
    assert stored["createdAt"] == "2025-01-02T03:04:05.000Z"
    assert stored["updatedAt"] == "2025-01-02T03:04:05.678Z"
    assert stored["startedAt"] == json.loads(codec.plain_encode(interview))["startedAt"]
    assert codec.encode(interview) == codec.plain_encode(interview)


@pytest.mark.parametrize("value", [1e-05, 2.5e-07, 0.1, 1e16, float("inf")])
def test_floats_keep_their_value(value: float) -> None:
    chat = ChatSession(
        user_id=new_id(),
        messages=[
            ChatMessage(
                role="assistant",
                content="x",
                cost=value,
                tokens=Tokens(prompt=1, completion=2, total=3),
            )
        ],
    )
    fast = codec.encode(chat)
    assert codec.decode(ChatSession, fast) == chat


def test_unusual_schemas_keep_the_plain_path() -> None:
    from typing import Any

    from pydantic import BaseModel, field_serializer

    from interviewai_tui.store.serializers import SerializerSpec, build_serializer

    class Free(BaseModel):
        at: datetime
        extra: Any = None

    class Custom(BaseModel):
        at: datetime

        @field_serializer("at")
        def _at(self, value: datetime) -> str:
            return "custom"

    spec = SerializerSpec(datetime=lambda value: "iso")
    assert build_serializer(Free, spec) is None
    assert build_serializer(Custom, spec) is None
    custom = Custom(at=datetime(2025, 1, 1, tzinfo=UTC))
    assert json.loads(codec.encode(custom)) == {"at": "custom"}
