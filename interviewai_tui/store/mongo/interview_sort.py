"""How a user's interview history is ordered on MongoDB, for every sort key of the history
table (see `InterviewSort` for the rules both engines follow)."""

from __future__ import annotations

from typing import Any

from interviewai_tui.store.errors import StoreError

__all__ = ["FIELD_SORTS", "ranking"]

# Keys whose plain field order is the wanted order (always present, case is not an issue).
FIELD_SORTS: dict[str, str] = {"created_at": "createdAt", "status": "status"}


def _blank(expr: Any) -> dict[str, Any]:
    """1 when ``expr`` is missing, null or "", else 0: the rows sorted last either way."""
    return {"$cond": [{"$eq": [{"$ifNull": [expr, ""]}, ""]}, 1, 0]}


def _lower(expr: Any) -> dict[str, Any]:
    return {"$toLower": {"$ifNull": [expr, ""]}}


_RANK = {
    "$switch": {
        "branches": [
            {"case": {"$eq": ["$difficulty", name]}, "then": rank}
            for rank, name in enumerate(("easy", "medium", "hard"))
        ],
        "default": 3,
    }
}
_FIRST_TECH = {"$ifNull": [{"$arrayElemAt": ["$techStack", 0]}, ""]}

# Sort key -> the computed sort fields: ``_k`` the value, ``_n`` (when it can be absent) the
# flag that puts rows without a value last. Only operators mongomock and MongoDB both know.
_COMPUTED_SORTS: dict[str, dict[str, Any]] = {
    "completed_at": {"_n": _blank("$completedAt"), "_k": "$completedAt"},
    "score": {"_n": _blank("$results.totalScore"), "_k": "$results.totalScore"},
    "time_spent": {"_n": _blank("$results.timeSpent"), "_k": "$results.timeSpent"},
    "title": {"_k": _lower("$title")},
    "difficulty": {"_k": _RANK},
    "job_role": {"_n": _blank("$jobRole"), "_k": _lower("$jobRole")},
    "tech": {"_n": _blank(_FIRST_TECH), "_k": _lower(_FIRST_TECH)},
}


def ranking(query: dict[str, Any], sort: str, *, descending: bool) -> list[dict[str, Any]]:
    """The pipeline that puts the matching ids in history order. It sorts a projection of
    the keys alone (small documents, so the server's sort stays far below its memory limit);
    the caller adds $skip and $limit.

    Raises:
        StoreError: ``sort`` is not a key this module knows.
    """
    if sort not in _COMPUTED_SORTS:
        raise StoreError(f"Cannot sort interviews by {sort!r}.")
    keys = _COMPUTED_SORTS[sort]
    direction = -1 if descending else 1
    order: dict[str, int] = {"_n": 1} if "_n" in keys else {}
    order |= {"_k": direction, "_id": direction}
    return [{"$match": query}, {"$project": keys}, {"$sort": order}]
