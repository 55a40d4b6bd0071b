"""How a user's interview history is ordered on SQLite, for every sort key of the history
table (see `InterviewSort` for the rules both engines follow)."""

from __future__ import annotations

from interviewai_tui.store.errors import StoreError

__all__ = ["SORT_INDEX", "order_by"]

# The covering index of every column named below (schema migration 2).
SORT_INDEX = "interviews_user_sort"

_RANK = "CASE difficulty WHEN 'easy' THEN 0 WHEN 'medium' THEN 1 WHEN 'hard' THEN 2 END"

# Sort key -> (ORDER BY expression, whether it can be NULL). Every column named here is in the
# interviews_user_sort index, so the rows are ordered without reading a single document.
_SORT_KEYS: dict[str, tuple[str, bool]] = {
    "created_at": ("created_at", False),
    "completed_at": ("completed_at", True),
    "score": ("total_score", True),
    "time_spent": ("time_spent", True),
    "title": ("title COLLATE NOCASE", False),
    "status": ("status", False),
    "difficulty": (_RANK, False),
    "job_role": ("nullif(job_role, '') COLLATE NOCASE", True),
    "tech": ("first_tech", True),
}


def order_by(sort: str, *, descending: bool, reverse: bool = False) -> str:
    """ORDER BY for a history page: rows without a value last either way, ties by id.

    ``reverse`` gives the exact reverse of that order (blanks first), so that a page past the
    middle can be read from the other end.
    """
    if sort not in _SORT_KEYS:
        raise StoreError(f"Cannot sort interviews by {sort!r}.")
    expr, nullable = _SORT_KEYS[sort]
    direction = "DESC" if descending != reverse else "ASC"
    nulls = (" NULLS FIRST" if reverse else " NULLS LAST") if nullable else ""
    return f"{expr} {direction}{nulls}, id {direction}"
