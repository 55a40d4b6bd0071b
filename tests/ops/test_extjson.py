"""Extended JSON: the types a backup must carry across engines, and malformed input."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from interviewai_tui.domain.common import new_id
from interviewai_tui.ops import fastjson
from interviewai_tui.ops.extjson import ExtJsonError, decode_line, encode_line
from interviewai_tui.ops.fastjson import encode_document
from interviewai_tui.store.models import MODELS
from tests.ops.dataset import build


def test_types_round_trip_and_render_as_mongo_tools_expect() -> None:
    oid = new_id()
    doc = {
        "_id": oid,
        "userId": oid.upper(),  # not lower-case hex: stays a plain string
        "title": oid,  # not an id field: a plain string even though it looks like one
        "questions": [{"_id": oid, "questionId": None, "score": 7}],
        "at": datetime(2025, 1, 2, 3, 4, 5, 678000, tzinfo=UTC),
        "float": 3.0,
        "int": 3,
        "big": 2**53 + 1,
        "nan": math.nan,
        "inf": -math.inf,
        "text": 'tab\t, quote ", emoji 🎯, ESC \x1b[31m',
        "details": {"$where": "1", "$oid": 5},  # dollar keys that are not wrappers
    }
    line = encode_line(doc)
    raw = json.loads(line)
    assert raw["_id"] == {"$oid": oid} and raw["questions"][0]["_id"] == {"$oid": oid}
    assert raw["userId"] == oid.upper() and raw["title"] == oid
    assert raw["at"] == {"$date": "2025-01-02T03:04:05.678Z"}
    assert raw["nan"] == {"$numberDouble": "NaN"} and raw["inf"] == {"$numberDouble": "-Infinity"}
    assert b'"float":3.0' in line and b'"int":3,' in line and b"9007199254740993" in line
    assert line.endswith(b"\n") and line.count(b"\n") == 1  # control characters are escaped
    back = decode_line(line)
    assert math.isnan(back.pop("nan")) and math.isnan(doc.pop("nan"))  # type: ignore[arg-type]
    assert back == doc
    assert isinstance(back["float"], float) and isinstance(back["int"], int)


def test_dates_are_normalised_to_utc_milliseconds() -> None:
    plus_two = timezone(timedelta(hours=2))
    line = encode_line(
        {
            "a": datetime(2025, 1, 2, 3, 4, 5, 999999, tzinfo=plus_two),
            "b": datetime(2025, 1, 2, 3, 4, 5),  # naive: UTC by the domain's policy
        }
    )
    assert b'"a":{"$date":"2025-01-02T01:04:05.999Z"}' in line
    assert b'"b":{"$date":"2025-01-02T03:04:05.000Z"}' in line
    back = decode_line(line)
    assert back["a"] == datetime(2025, 1, 2, 1, 4, 5, 999000, tzinfo=UTC)
    assert decode_line(line, for_validation=True)["a"] == "2025-01-02T01:04:05.999Z"


def test_canonical_forms_from_other_tools_are_read() -> None:
    line = b'{"d":{"$date":{"$numberLong":"1735787045678"}},"n":{"$numberLong":"42"}}'
    back = decode_line(line)
    assert back == {"d": datetime(2025, 1, 2, 3, 4, 5, 678000, tzinfo=UTC), "n": 42}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (b"not json", "not valid JSON"),
        (b"[1, 2]", "not a JSON object"),
        (b'{"d": {"$date": "yesterday"}}', "malformed \\$date"),
        (b'{"n": {"$numberLong": "4x2"}}', "malformed \\$numberLong"),
    ],
)
def test_malformed_lines_are_rejected(line: bytes, message: str) -> None:
    with pytest.raises(ExtJsonError, match=message):
        decode_line(line)


def _documents() -> list[Any]:
    """Every collection, with the awkward values the backup tests use, plus tiny floats."""
    docs = [doc for items in build(seed=5).values() for doc in items]
    chat = docs[[type(d).__name__ for d in docs].index("ChatSession")]
    tiny = chat.model_copy(update={"messages": [m.model_copy() for m in chat.messages]})
    tiny.messages[0].cost = 2.5e-07  # Python spells it 2.5e-07, pydantic 2.5e-7
    return [*docs, tiny]


def test_documents_encode_as_their_stored_form_would() -> None:
    docs = _documents()
    assert {type(d) for d in docs} == set(MODELS.values())
    for doc in docs:
        fast = encode_document(doc)
        plain = encode_line(doc.model_dump(by_alias=True))
        assert json.loads(fast) == json.loads(plain), type(doc).__name__
        if b"e-07" not in plain:
            assert fast == plain, type(doc).__name__  # byte for byte: sorted keys, wrappers
        assert decode_line(fast) == doc.model_dump(by_alias=True)
        assert type(doc).model_validate(decode_line(fast, for_validation=True)) == doc
        assert encode_document(doc) == fast  # the choice of path is stable
    # Every collection but the audit trail (whose details are free-form) takes the fast path.
    fast_models = {m for m, s in fastjson._SERIALIZERS.items() if s is not None}
    assert fast_models == set(MODELS.values()) - {MODELS["auditLog"]}
