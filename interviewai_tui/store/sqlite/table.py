"""What every SQLite repository does the same way: insert, get, partial update, delete, pages."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Generic, TypeVar

from interviewai_tui.clock import Clock
from interviewai_tui.domain.common import Document
from interviewai_tui.store._shared import apply_changes, check_page, iso
from interviewai_tui.store.base import Page
from interviewai_tui.store.errors import NotFoundError
from interviewai_tui.store.sqlite.codec import decode, dumps, encode
from interviewai_tui.store.sqlite.connection import Db

__all__ = ["Table", "Where", "doc_without"]

D = TypeVar("D", bound=Document)


def doc_without(paths: Sequence[str]) -> str:
    """The ``doc`` column with the JSON paths removed (one ``?`` each, bound before the rest
    of the query's parameters): dropped in SQLite, so Python never parses them."""
    return f"json_remove(doc, {', '.join('?' for _ in paths)})" if paths else "doc"


class Where:
    """A conjunction of SQL conditions with their parameters, built from fixed fragments."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.params: list[Any] = []

    def add(self, sql: str, *params: Any) -> Where:
        self.parts.append(sql)
        self.params.extend(params)
        return self

    def contains(self, columns: Sequence[str], text: str | None) -> Where:
        """Literal, case-insensitive substring match on any of `columns` (never a pattern)."""
        if text:
            ors = " OR ".join(f"instr(casefold({c}), casefold(?)) > 0" for c in columns)
            self.add(f"({ors})", *([text] * len(columns)))
        return self

    @property
    def sql(self) -> str:
        return " WHERE " + " AND ".join(self.parts) if self.parts else ""


class Table(Generic[D]):
    """One collection table of documents of type `model`."""

    name: str = ""
    label: str = ""  # for NotFoundError messages
    has_updated_at = True

    def __init__(self, db: Db, model: type[D], clock: Clock) -> None:
        self.db = db
        self.model = model
        self.clock = clock

    async def _insert(self, doc: D) -> D:
        await self.db.execute(
            f"INSERT INTO {self.name} (id, doc) VALUES (?, ?)", (doc.id, encode(doc))
        )
        return doc

    async def _get(self, doc_id: str) -> D | None:
        row = await self.db.fetchone(f"SELECT doc FROM {self.name} WHERE id = ?", (doc_id,))
        return None if row is None else decode(self.model, row[0])

    async def _get_where(self, where: Where) -> D | None:
        row = await self.db.fetchone(
            f"SELECT doc FROM {self.name}{where.sql} LIMIT 1", where.params
        )
        return None if row is None else decode(self.model, row[0])

    async def _update(self, doc_id: str, changes: Mapping[str, object]) -> D:
        """Read, apply, validate and write back in one transaction."""
        changes = dict(changes)
        if self.has_updated_at and "updatedAt" not in changes:
            changes["updatedAt"] = self.clock.now()
        async with self.db.write():
            row = await self.db.fetchone(f"SELECT doc FROM {self.name} WHERE id = ?", (doc_id,))
            if row is None:
                raise NotFoundError(self.label or self.name, doc_id)
            current = decode(self.model, row[0]).model_dump(by_alias=True)
            updated, _ = apply_changes(self.model, current, changes)
            await self.db.execute_locked(
                f"UPDATE {self.name} SET doc = ? WHERE id = ?", (encode(updated), doc_id)
            )
        return updated

    async def _set_paths(self, doc_id: str, values: Mapping[str, object]) -> None:
        """One `json_set` UPDATE of trusted, fixed paths; raises NotFoundError if no row."""
        sets = ", ".join("?, json(?)" for _ in values)
        params: list[Any] = []
        for path, value in values.items():
            params += [path, dumps(value)]
        changed = await self.db.execute(
            f"UPDATE {self.name} SET doc = json_set(doc, {sets}) WHERE id = ?", (*params, doc_id)
        )
        if not changed:
            raise NotFoundError(self.label or self.name, doc_id)

    async def _delete(self, doc_id: str) -> bool:
        return await self.db.execute(f"DELETE FROM {self.name} WHERE id = ?", (doc_id,)) > 0

    async def _list(self, where: Where, order: str, without: Sequence[str] = ()) -> list[D]:
        """Documents in ``order``; ``without``: JSON paths (``$.a.b``) removed in SQLite,
        before the text reaches Python, so they are never parsed."""
        rows = await self.db.fetchall(
            f"SELECT {doc_without(without)} FROM {self.name}{where.sql} ORDER BY {order}",
            (*without, *where.params),
        )
        return [decode(self.model, r[0]) for r in rows]

    async def _page(self, where: Where, order: str, offset: int, limit: int) -> Page[D]:
        offset, limit = check_page(offset, limit)
        total = int(
            await self.db.scalar(f"SELECT count(*) FROM {self.name}{where.sql}", where.params)
        )
        rows = await self.db.fetchall(
            f"SELECT doc FROM {self.name}{where.sql} ORDER BY {order} LIMIT ? OFFSET ?",
            (*where.params, limit, offset),
        )
        return Page([decode(self.model, r[0]) for r in rows], total, offset, limit)

    async def _count(self, where: Where) -> int:
        return int(
            await self.db.scalar(f"SELECT count(*) FROM {self.name}{where.sql}", where.params)
        )

    async def _delete_where(self, where: Where) -> int:
        return await self.db.execute(f"DELETE FROM {self.name}{where.sql}", where.params)

    def now_iso(self) -> str:
        return iso(self.clock.now())
